/**
 * Early warning — a year-end projection for cumulative amounts and year-to-date growth rates (DOMAIN.md §2.2,
 * issue 7): where the year will end at the current pace, and whether the floor and the stretch will be met.
 *
 * The shape of the year — the share of the annual total that falls by the end of month m — comes from, in order:
 * 1. the indicator's seasonal profile, else even months (m/12);
 * 2. where last year's year-to-date figures are known (its December and every month to m), the mean of that
 *    share and last year's, L(m) ÷ L(12) — one year's pattern alone is noisy (see the backtest).
 *
 * - **Cumulative amounts**: projected = year to date ÷ s(m). Example: 89.6亿 by the end of Q1 with an even year →
 *   358.4亿.
 * - **Year-to-date growth rates** (g in %): by default the year ends at the current year-to-date rate (the rest of
 *   the year grows as the year so far). With `momentum` μ > 0 the rest of the year grows at (1 − μ)·g + μ·r, where
 *   r is the growth of the last three months on the shape of the year: this year's year-to-date amount is
 *   A(k) = L(k)·(1 + g(k)/100) on last year's amounts (or the shape — only ratios matter), r = (A(m) − A(m−3)) ÷
 *   (L(m) − L(m−3)) − 1, projected A(12) = A(m) + (L(12) − L(m))·(1 + growth), rate A(12) ÷ L(12) − 1. The
 *   backtest on the generated years favours μ = 0 (their rates are noise around the target, not trends).
 * - Levels are not projected (a level has no year-end total), and nothing is projected once the year is over.
 *
 * Backtested on the generated default data (bench/projection.ts; the error is in docs/evaluation.md).
 */
import { resolveTarget } from './targets.ts';
import { formatNumber as num, type LocalizedText } from './text.ts';
import type { Target, ValueKind } from './types.ts';

/** `lastYear`: the profile (or even months) blended with last year's pattern. */
export type ProjectionShape = 'lastYear' | 'seasonalProfile' | 'evenMonths';

export interface ProjectionInput {
  valueKind: ValueKind;
  /** The month (1–11) the latest year-to-date figure is for; a quarter's figure is for its last month. */
  month: number;
  /**
   * This year's year-to-date figures by month (index 0 = January), null where unknown; the figure at `month` must be
   * known. Amounts for cumulative indicators, growth rates in % for rates.
   */
  thisYear: readonly (number | null)[];
  /** Last year's year-to-date amounts by month (for rates: the amounts the rates are computed on), if known. */
  lastYear?: readonly (number | null)[] | null;
  seasonalProfile?: readonly number[] | null;
  target?: Target | null;
  unit?: string | null;
  /** Rates: weight of the last three months' growth against the year-to-date rate for the rest of the year (0–1). */
  momentum?: number;
  /** Weight of last year's pattern in the shape of the year (0–1). */
  lastYearWeight?: number;
}

/** See the backtest in docs/evaluation.md. */
export const DEFAULT_MOMENTUM = 0;
/** Weight of last year's pattern against the profile (or even months) in the shape of the year. */
export const DEFAULT_LAST_YEAR_WEIGHT = 0.5;

export interface Projection {
  projected: number;
  shape: ProjectionShape;
  /** The share of the year's total expected by `month` (s(m)). */
  share: number;
  /** Whether the projected figure meets the floor / the stretch; null without a target (or without a stretch). */
  floorMet: boolean | null;
  stretchMet: boolean | null;
  /** "按当前进度，预计全年 6.2%，低于确保目标 6.5%". */
  text: LocalizedText;
}

/**
 * The projected year-end figure, or null when there is nothing to project (a level, the year already over, no
 * figure for `month`).
 *
 * @example projectYearEnd({ valueKind: 'rate', month: 10, thisYear: [..., 6.2 at October], target: 确保 6.5 / 力争 7 })
 *   → projected 6.2, text.zh '按当前进度，预计全年 6.2%，低于确保目标 6.5%' (with an even year and steady rates)
 */
export function projectYearEnd(input: ProjectionInput): Projection | null {
  const { valueKind, month } = input;
  if (valueKind === 'level') return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month ${month}`);
  if (month === 12) return null;
  const now = input.thisYear[month - 1];
  if (now === null || now === undefined || !Number.isFinite(now)) return null;

  const { shape, curve } = shapeOf(input);
  const share = (curve[month - 1] as number) / (curve[11] as number);
  let projected: number;
  if (valueKind === 'cumulative') {
    if (!(share > 0)) return null;
    projected = now / share;
  } else {
    // Amounts on last year's scale: A(k) = L(k)(1 + g(k)/100).
    const amount = (k: number): number | null => {
      const g = input.thisYear[k - 1];
      return g === null || g === undefined || !Number.isFinite(g) ? null : (curve[k - 1] as number) * (1 + g / 100);
    };
    let from = Math.max(0, month - 3);
    while (from > 0 && amount(from) === null) from++;
    if (from >= month) from = 0;
    const aNow = amount(month) as number;
    const aFrom = from === 0 ? 0 : (amount(from) as number);
    const lNow = curve[month - 1] as number;
    const lFrom = from === 0 ? 0 : (curve[from - 1] as number);
    const recent = lNow - lFrom > 0 ? (aNow - aFrom) / (lNow - lFrom) : 1 + now / 100;
    const momentum = input.momentum ?? DEFAULT_MOMENTUM;
    const growth = (1 - momentum) * (1 + now / 100) + momentum * recent;
    const lEnd = curve[11] as number;
    projected = ((aNow + (lEnd - lNow) * growth) / lEnd - 1) * 100;
  }
  const { floorMet, stretchMet, text } = verdict(projected, input.target ?? null, input.unit ?? '');
  return { projected, shape, share, floorMet, stretchMet, text };
}

function shapeOf(input: ProjectionInput): { shape: ProjectionShape; curve: number[] } {
  const profile = input.seasonalProfile;
  const base: { shape: ProjectionShape; curve: number[] } =
    profile && profile.length === 12 && profile[11] === 1
      ? { shape: 'seasonalProfile', curve: [...profile] }
      : { shape: 'evenMonths', curve: Array.from({ length: 12 }, (_, k) => (k + 1) / 12) };
  const last = input.lastYear;
  if (!last || last.length !== 12) return base;
  const end = last[11];
  const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
  if (!known(end) || end <= 0 || !last.slice(0, input.month).every((v) => known(v) && v >= 0)) return base;
  // Last year's shares, blended with the profile (or even months): one year's pattern alone is noisy. Months after
  // `month` only enter through the December share, 1.
  const w = input.lastYearWeight ?? DEFAULT_LAST_YEAR_WEIGHT;
  if (w <= 0) return base;
  const curve = base.curve.map((s, k) => {
    const v = last[k];
    return known(v) ? (1 - w) * s + w * (v / end) : s;
  });
  return { shape: 'lastYear', curve };
}

function verdict(
  projected: number,
  target: Target | null,
  unit: string,
): { floorMet: boolean | null; stretchMet: boolean | null; text: LocalizedText } {
  const f = (x: number): string => `${num(x, 1)}${unit}`;
  const head = {
    zh: `按当前进度，预计全年 ${f(projected)}`,
    en: `At the current pace the full year is projected at ${f(projected)}`,
  };
  const resolved = resolveTarget(target);
  if (!resolved.ok) return { floorMet: null, stretchMet: null, text: { zh: `${head.zh}。`, en: `${head.en}.` } };
  const { floor, stretch, sense } = resolved;
  const name = resolved.tiers === 'stretchOnly' ? { zh: '目标', en: 'target' } : { zh: '确保目标', en: 'floor' };
  // Compared on the figure as shown, so the sentence never says "below 6.5%" of a projected 6.5%.
  const shown = Number(projected.toFixed(1));
  if (sense === 'between') {
    const upper = resolved.upper as number;
    const inside = shown >= floor && shown <= upper;
    return {
      floorMet: inside,
      stretchMet: null,
      text: inside
        ? {
            zh: `${head.zh}，在目标区间 ${f(floor)}–${f(upper)} 内。`,
            en: `${head.en}, inside the range ${f(floor)}–${f(upper)}.`,
          }
        : {
            zh: `${head.zh}，${shown < floor ? '低于下限' : '高于上限'} ${f(shown < floor ? floor : upper)}。`,
            en: `${head.en}, ${shown < floor ? 'below the lower bound' : 'above the upper bound'} ${f(shown < floor ? floor : upper)}.`,
          },
    };
  }
  const better = (a: number, b: number): boolean => (sense === 'higher' ? a >= b : a <= b);
  const floorMet = better(shown, floor);
  const stretchMet = stretch === null ? null : better(shown, stretch);
  if (sense === 'higher') {
    if (stretchMet === true) {
      return {
        floorMet,
        stretchMet,
        text: {
          zh: `${head.zh}，可达到力争目标 ${f(stretch as number)}。`,
          en: `${head.en}, meeting the stretch target ${f(stretch as number)}.`,
        },
      };
    }
    if (floorMet) {
      const rest = stretch === null ? '' : `，低于力争目标 ${f(stretch)}`;
      const restEn = stretch === null ? '' : ` but below the stretch target ${f(stretch)}`;
      return {
        floorMet,
        stretchMet,
        text: {
          zh: `${head.zh}，可达到${name.zh} ${f(floor)}${rest}。`,
          en: `${head.en}, meeting the ${name.en} ${f(floor)}${restEn}.`,
        },
      };
    }
    return {
      floorMet,
      stretchMet,
      text: { zh: `${head.zh}，低于${name.zh} ${f(floor)}。`, en: `${head.en}, below the ${name.en} ${f(floor)}.` },
    };
  }
  if (stretchMet === true) {
    return {
      floorMet,
      stretchMet,
      text: {
        zh: `${head.zh}，可控制在力争目标 ${f(stretch as number)} 以内。`,
        en: `${head.en}, within the stretch ceiling ${f(stretch as number)}.`,
      },
    };
  }
  if (floorMet) {
    return {
      floorMet,
      stretchMet,
      text: { zh: `${head.zh}，可控制在目标 ${f(floor)} 以内。`, en: `${head.en}, within the ceiling ${f(floor)}.` },
    };
  }
  return {
    floorMet,
    stretchMet,
    text: { zh: `${head.zh}，高于控制目标 ${f(floor)}。`, en: `${head.en}, above the ceiling ${f(floor)}.` },
  };
}
