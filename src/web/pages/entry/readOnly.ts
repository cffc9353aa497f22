import type { ReadOnlyReason } from '../../../shared/api/values.ts';
import type { GridRow } from './types.ts';
import { type MsgId } from '../../i18n.ts';

/** The server's reasons (READ_ONLY_REASONS in the shared schema) in the user's words; `status`: the tag says it. */
const REASON_TEXT: Record<ReadOnlyReason, MsgId | null> = {
  computed: 'entry.readOnly.computed',
  fedByLists: 'entry.readOnly.fedByLists',
  fedByHouseholds: 'entry.readOnly.fedByHouseholds',
  fedByProjects: 'entry.readOnly.fedByProjects',
  locked: 'entry.readOnly.locked',
  notYours: 'entry.readOnly.notYours',
  published: 'entry.readOnly.published',
  status: null,
};

/** Why a row cannot be edited, in the user's words; null when it can or when its status tag says it. */
export function readOnlyText(row: GridRow, locked: boolean, t: (id: MsgId) => string): string | null {
  if (row.editable) return null;
  if (row.computed) return t('entry.readOnly.computed');
  if (locked) return t('entry.readOnly.locked');
  // Submitted, approved or published: the status tag beside the value already says why.
  const status = row.value?.origin === 'reported' ? row.value.status : undefined;
  if (status === 'submitted' || status === 'approved' || status === 'published') return null;
  const id = row.readOnlyReason ? REASON_TEXT[row.readOnlyReason] : null;
  return id ? t(id) : null;
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
