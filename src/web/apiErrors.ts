/**
 * An API failure in the user's words, the one way every page says it: the error, then each field at fault with its
 * message in the user's language (`text` of the server's field issues; never a joined "中文 / English" string).
 */
import type { AnsweredFieldIssue } from '../shared/errors.ts';
import { toApiError } from './api.ts';
import { fieldName } from './fieldName.ts';
import type { Lang, Translate } from './i18n.ts';

/**
 * One field issue: where (sheet, row and column of a file), which field, what.
 *
 * @example issueLine({ field: 'value', row: 3, column: 'E', text: { zh: '不能小于 0', … } }, 'zh', t)
 *   === '3E · 本期值：不能小于 0'
 */
export function issueLine(d: AnsweredFieldIssue, lang: Lang, t: Translate): string {
  const where = d.row !== undefined ? `${d.sheet ? `${d.sheet} ` : ''}${d.row}${d.column ?? ''} · ` : '';
  return `${where}${fieldName(d.field, t)}：${d.text[lang]}`;
}

/** Any failure as one message for `message.error(…)`: the error, then up to `max` of its field issues. */
export function apiErrorText(e: unknown, lang: Lang, t: Translate, max = 8): string {
  const error = toApiError(e);
  const lines = error.details.slice(0, max).map((d) => issueLine(d, lang, t));
  return lines.length > 0 ? `${error.text(lang)}：${lines.join('；')}` : error.text(lang);
}
