/** How numbers, periods and times are written in the UI. */
import { beijingTime } from '../domain/beijing-time.ts';
import type { Lang } from './i18n.ts';
import { displayLang, unitName } from './units.ts';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A value for display: grouped thousands, at most `decimals` decimals, trailing zeros dropped; null → "—". */
export function fmtNum(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
  return text === '-0' ? '0' : text;
}

/**
 * The decimals a figure in this unit is written with, as the city's statistics write them: a ratio (倍) always with
 * two (2.05 倍, 2.00 倍 — never "2 倍", which hides whether the gap closed), a percentage with at least one (6.0%,
 * 83.89%); other units up to two, trailing zeros dropped.
 */
export function decimalsOf(unit: string): { min: number; max: number } {
  if (unit === '倍') return { min: 2, max: 2 };
  if (unit === '%' || unit === '‰' || unit === '个百分点') return { min: 1, max: 2 };
  return { min: 0, max: 2 };
}

/** The number of a figure in its unit's decimals (see `decimalsOf`), without the unit: "2.05", "6.0", "1,303.8". */
export function fmtFigure(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const { min, max } = decimalsOf(unit);
  const text = value.toLocaleString('en-US', { maximumFractionDigits: max, minimumFractionDigits: min });
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * A value with its unit: "6.5%", "1.8 万人", "2.08 倍"; in English "18,000 people", "2.08 times". English has no
 * 万 or 亿: a figure in 万X is written in X (or millions of X), one in 亿元 in millions or billions of yuan, keeping
 * the precision it was given in (0.08 万户 → "800 households", 336.1 亿元 → "33.61 billion yuan").
 */
export function fmtValue(value: number | null | undefined, unit: string, decimals?: number): string {
  if (value === null || value === undefined) return '—';
  if (!unit) return decimals === undefined ? fmtFigure(value, unit) : fmtNum(value, decimals);
  const lang = displayLang();
  if (lang === 'en') {
    const scaled = inEnglishScale(value, unit, decimals ?? decimalsOf(unit).max);
    if (scaled) return scaled;
  }
  const n = decimals === undefined ? fmtFigure(value, unit) : fmtNum(value, decimals);
  if (unit === '%' || unit === '‰') return `${n}${unit}`;
  const shown = unitName(unit, lang);
  return lang === 'en' && shown === 'count' ? n : `${n} ${shown}`;
}

/** 万X and 亿元 rewritten without the Chinese myriads, or null for any other unit. */
function inEnglishScale(value: number, unit: string, decimals: number): string | null {
  const m = /^(万|亿)([^（(]*)([（(][^）)]+[）)])?$/.exec(unit);
  if (!m || (m[1] === '亿' && m[2] !== '元')) return null;
  const base = m[2] === '' ? '' : unitName(`${m[2]}${m[3] ?? ''}`, 'en');
  // A base English does not know (元/亩) keeps the translated compound unit ("10k yuan/mu").
  if (/[\u4e00-\u9fff]/.test(base)) return null;
  const after = (text: string) => (base === '' || base === 'count' ? text : `${text} ${base}`);
  // 万 = 10^4, 亿 = 10^8 of the base unit; precision 10^-decimals of the unit as given.
  const power = m[1] === '万' ? 4 : 8;
  const plain = value * 10 ** power;
  for (const [scale, word] of [
    [9, 'billion'],
    [6, 'million'],
  ] as const) {
    if (Math.abs(plain) >= 10 ** scale) {
      return after(`${fmtNum(plain / 10 ** scale, Math.max(0, decimals + scale - power))} ${word}`);
    }
  }
  return after(fmtNum(plain, Math.max(0, decimals - power)));
}

/** Percentage points with a sign: "+5.9", "−12.3". */
export function fmtPoints(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const n = fmtNum(Math.abs(value), 1);
  return value > 0 ? `+${n}` : value < 0 ? `−${n}` : n;
}

/** A share 0–1 as a percentage: 0.833 → "83.3%". */
export function fmtShare(share: number | null | undefined, decimals = 1): string {
  if (share === null || share === undefined) return '—';
  return `${(share * 100).toFixed(decimals)}%`;
}

/** "2024-10" → 2024年10月 / Oct 2024; "2024-Q1" → 2024年第1季度 / Q1 2024; "2024" → 2024年 / 2024. */
export function fmtPeriod(period: string | null | undefined, lang: Lang): string {
  if (!period) return '—';
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const [, y, m] = month;
    return lang === 'zh' ? `${y}年${Number(m)}月` : `${EN_MONTHS[Number(m) - 1] ?? m} ${y}`;
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const [, y, q] = quarter;
    return lang === 'zh' ? `${y}年第${q}季度` : `Q${q} ${y}`;
  }
  return lang === 'zh' ? `${period}年` : period;
}

/** An ISO timestamp in Beijing time, whatever zone the browser is in: 2024-11-05 14:03. */
export function fmtTime(iso: string | null | undefined, precision: 'minute' | 'second' = 'minute'): string {
  return iso ? beijingTime(iso, precision) : '—';
}

/** "市发展和改革委员会（市发改委）" → "市发改委": the short name in brackets, as the city's documents write it. */
export function shortOrgName(name: string): string {
  const m = /[（(]([^（）()]+)[）)]$/.exec(name);
  return m?.[1] ?? name;
}
