import type { Lang } from '../../i18n.ts';
import { pickBilingual } from '../workflow/bilingual.ts';
import type { GridRow } from './types.ts';
import { type MsgId } from '../../i18n.ts';

/** Why a row cannot be edited, in the user's words; null when it can or when its status tag says it. */
export function readOnlyText(row: GridRow, locked: boolean, lang: Lang, t: (id: MsgId) => string): string | null {
  if (row.editable) return null;
  if (row.computed) return t('entry.readOnly.computed');
  if (locked) return t('entry.readOnly.locked');
  // Submitted, approved or published: the status tag beside the value already says why.
  const status = row.value?.origin === 'reported' ? row.value.status : undefined;
  if (status === 'submitted' || status === 'approved' || status === 'published') return null;
  return row.readOnlyReason ? pickBilingual(row.readOnlyReason, lang) : null;
}

/**
 * A row the user may not enter at all (another department's indicator), as opposed to one that is read-only for now
 * (computed, locked, submitted). Mirrors the order of the server's checks in ValueEntryService.readOnlyReason (value.entry.service.ts).
 */
export function notMine(row: GridRow, locked: boolean): boolean {
  if (row.editable || row.computed || locked) return false;
  const v = row.value;
  return v === null || (v.origin === 'reported' && (v.status === 'draft' || v.status === 'returned'));
}
