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
