import { fmtTime } from '../../format.ts';
import type { Lang } from '../../i18n.ts';

/**
 * Some server messages carry both languages in one string, "中文 / English" (field issues, read-only reasons).
 * This picks the user's half; a string without an English half is returned whole.
 *
 * @example pickBilingual('计算指标，自动生成 / computed', 'zh') === '计算指标，自动生成'
 */
export function pickBilingual(text: string, lang: Lang): string {
  const match = /\s*\/\s*(?=[A-Za-z])/.exec(text);
  if (!match) return text;
  const zh = text.slice(0, match.index).trim();
  const en = text.slice(match.index + match[0].length).trim();
  return lang === 'en' ? en || zh : zh || en;
}

/** ISO instants inside a server message ("已被他人修改（2024-11-05T06:03:11.000Z）") in local time, as elsewhere. */
export function localTimes(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g, (iso) => fmtTime(iso));
}
