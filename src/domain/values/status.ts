/**
 * The lifecycle of a value (DOMAIN.md: 填报 → 提交 → 审核通过/退回 → 发布) as pure rules: which act leads from which
 * status to which, on which values. The server asks them before every change; the entry grid mirrors them.
 *
 *   (none) ─enter→ draft ─update→ draft
 *   draft | returned ─submit→ submitted ─approve→ approved ─publish→ published
 *   submitted ─return→ returned ─update→ draft (a revision of a returned figure needs a note)
 *   submitted | approved | published ─reopen→ returned (the coordination centre, with a reason)
 *
 * Only reported values move: figures transcribed from published sources or generated for the demo (origin
 * `published` / `generated`) are never edited, submitted or reopened. Who may act on which unit is Access's question
 * (src/server/access/policy.ts), not this module's.
 */
import type { LocalizedText } from '../text.ts';
import type { ValueStatus } from '../types.ts';

export type { ValueStatus } from '../types.ts';

/** Where a value comes from: entered by a reporter, transcribed from a published source, or generated demo data. */
export const VALUE_ORIGINS = ['reported', 'published', 'generated'] as const;
export type ValueOrigin = (typeof VALUE_ORIGINS)[number];

export type ValueAction = 'enter' | 'update' | 'submit' | 'approve' | 'return' | 'publish' | 'reopen';

export const VALUE_STATUS_NAMES: Readonly<Record<ValueStatus, LocalizedText>> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交，待审核', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已审核', en: 'Approved' },
  published: { zh: '已发布', en: 'Published' },
};

interface Rule {
  from: readonly ValueStatus[];
  to: ValueStatus;
}

/** The whole lifecycle in one table (`enter` creates a value: it has no status to come from). */
export const VALUE_WORKFLOW: Readonly<Record<Exclude<ValueAction, 'enter'>, Rule>> = {
  update: { from: ['draft', 'returned'], to: 'draft' },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
  publish: { from: ['approved'], to: 'published' },
  reopen: { from: ['submitted', 'approved', 'published'], to: 'returned' },
};

/** What an act needs to know of the value it acts on. */
export interface ValueState {
  status: ValueStatus;
  origin: ValueOrigin;
}

/**
 * Whether `action` may be done to a value in this state.
 *
 * @example mayAct({ status: 'returned', origin: 'reported' }, 'submit') === true
 * @example mayAct({ status: 'approved', origin: 'reported' }, 'update') === false (reopen it first)
 * @example mayAct({ status: 'published', origin: 'published' }, 'reopen') === false (a transcribed figure)
 */
export function mayAct(v: ValueState, action: Exclude<ValueAction, 'enter'>): boolean {
  // Review and publication pass on whatever was submitted or approved; the reporter's acts touch reported values only.
  if ((action === 'update' || action === 'submit' || action === 'reopen') && v.origin !== 'reported') return false;
  return VALUE_WORKFLOW[action].from.includes(v.status);
}

/**
 * The status after the act.
 *
 * @example nextValueStatus('enter') === 'draft'
 * @example nextValueStatus('return') === 'returned'
 */
export function nextValueStatus(action: ValueAction): ValueStatus {
  return action === 'enter' ? 'draft' : VALUE_WORKFLOW[action].to;
}

/** Whether a reporter may edit the value in the grid: a reported draft or returned value. */
export function isEditable(v: ValueState): boolean {
  return mayAct(v, 'update');
}

/**
 * A revision of a value a reviewer returned must say why it changed: a new figure without a note is refused.
 *
 * @example revisionNeedsNote({ status: 'returned', value: 41 }, 42, null) === true
 * @example revisionNeedsNote({ status: 'returned', value: 41 }, 41, null) === false (only the note changed, or nothing)
 * @example revisionNeedsNote({ status: 'draft', value: 41 }, 42, null) === false
 */
export function revisionNeedsNote(
  current: { status: ValueStatus; value: number | null },
  value: number | null,
  note: string | null,
): boolean {
  return current.status === 'returned' && current.value !== value && !note;
}

/** A change larger than this share of last period's value is flagged for the reporter to double-check. */
export const PLAUSIBILITY_CHANGE = 0.5;

/**
 * The plausibility check of an entry against last period's value: a warning, never a refusal. Null when there is
 * nothing to compare with (no previous value, or zero) or the change is within half the previous value.
 *
 * @example plausibilityWarning({ code: 'A1-01', name: '居民人均可支配收入' }, 16, 10)
 *   → { indicatorCode: 'A1-01', message: '居民人均可支配收入：较上期（10）变动 60%，请核实', messageEn: … }
 * @example plausibilityWarning({ code: 'A1-01', name: '…' }, 14, 10) === null (40 %)
 */
export function plausibilityWarning(
  indicator: { code: string; name: string },
  value: number,
  previous: number | null,
): { indicatorCode: string; message: string; messageEn: string } | null {
  if (previous === null || previous === 0) return null;
  const change = Math.abs(value - previous) / Math.abs(previous);
  if (change <= PLAUSIBILITY_CHANGE) return null;
  const pct = (change * 100).toFixed(0);
  return {
    indicatorCode: indicator.code,
    message: `${indicator.name}：较上期（${previous}）变动 ${pct}%，请核实`,
    messageEn: `${indicator.code}: ${pct}% change from the previous period (${previous}); please check`,
  };
}
