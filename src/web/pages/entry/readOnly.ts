import type { Lang } from '../../i18n.ts';
import { pickBilingual } from '../workflow/bilingual.ts';
import type { WfMsgId } from '../workflow/messages.ts';
import type { GridRow } from './types.ts';

/** Why a row cannot be edited, in the user's words; null when it can. */
export function readOnlyText(row: GridRow, locked: boolean, lang: Lang, wt: (id: WfMsgId) => string): string | null {
  if (row.editable) return null;
  if (row.computed) return wt('entry.readOnly.computed');
  if (locked) return wt('entry.readOnly.locked');
  const status = row.value?.origin === 'reported' ? row.value.status : undefined;
  if (status === 'submitted') return wt('entry.readOnly.submitted');
  if (status === 'approved') return wt('entry.readOnly.approved');
  if (status === 'published') return wt('entry.readOnly.published');
  return row.readOnlyReason ? pickBilingual(row.readOnlyReason, lang) : null;
}
