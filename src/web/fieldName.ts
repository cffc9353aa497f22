/**
 * The name of a field an API error points at, in the user's language. The API names fields by its own keys
 * (`leadUnitId`, `milestones.0.plannedDate`, `file`); a file's issue names the column header, already in Chinese.
 */
import { isMsgId, type Translate } from './i18n.ts';

export function fieldName(field: string | undefined, t: Translate): string {
  if (!field) return '';
  const head = field.split('.')[0] ?? field;
  const id = `field.${head}`;
  if (isMsgId(id)) return t(id);
  // A header from a workbook (节点1名称) is the user's own word.
  return /[^\p{ASCII}]/u.test(field) ? field : t('field.other');
}
