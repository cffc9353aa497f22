/**
 * A unit's record on the lists (责任制): how its items went, the warnings and notices it drew, and a score the
 * evaluation can use. Pure: the facts in, the record out.
 */
import type { LocalizedText } from '../text.ts';
import type { RecordScoreRule } from './rules.ts';
import type { ItemColour, ItemStatus, WarningColour } from './types.ts';

export interface RecordItem {
  status: ItemStatus;
  deadline: string;
  colour: ItemColour;
  /** The day completion was requested (the unit's part done), when it was. */
  completionRequestedOn: string | null;
}

export interface RecordInput {
  /** The items the unit leads. */
  items: readonly RecordItem[];
  /** The colours of the warnings raised on them in the period of the record. */
  warnings: readonly WarningColour[];
  /** The notices issued on them in the period: escalated or not. */
  notices: readonly { escalated: boolean }[];
}

export interface Deduction {
  reason: LocalizedText;
  count: number;
  points: number;
}

export interface UnitRecord {
  items: number;
  /** Closed (销号), their completion requested on or before the deadline. */
  closedOnTime: number;
  /** Closed, or awaiting review, after the deadline had passed. */
  completedLate: number;
  /** Still open after the deadline. */
  overdue: number;
  /** Live items with no yellow or red warning now. */
  onTrack: number;
  warnings: Record<WarningColour, number>;
  notices: number;
  escalations: number;
  score: number;
  deductions: Deduction[];
}

const OPEN: readonly ItemStatus[] = ['issued', 'acknowledged', 'inProgress'];

/**
 * The record and its score: `base` minus the points of every event, never below 0.
 *
 * @example A district leading 5 items (3 closed on time, 1 completed after its deadline, 1 in progress and yellow),
 * with 4 yellow and 1 red warning raised and 1 notice, escalated, under the default rule (100; yellow 2, red 5,
 * notice 3, escalation 5, late item 5): 100 − 8 − 5 − 3 − 5 − 5 = 74.
 */
export function unitRecord(input: RecordInput, today: string, rule: RecordScoreRule): UnitRecord {
  let closedOnTime = 0;
  let completedLate = 0;
  let overdue = 0;
  let onTrack = 0;
  for (const i of input.items) {
    const done = i.status === 'closed' || i.status === 'completionRequested';
    if (done) {
      if (i.completionRequestedOn !== null && i.completionRequestedOn > i.deadline) completedLate++;
      else if (i.status === 'closed') closedOnTime++;
    } else if (OPEN.includes(i.status)) {
      if (i.deadline < today) overdue++;
      else if (i.colour === 'green' || i.colour === 'blue') onTrack++;
    }
  }
  const warnings: Record<WarningColour, number> = { blue: 0, yellow: 0, red: 0 };
  for (const c of input.warnings) warnings[c]++;
  const notices = input.notices.length;
  const escalations = input.notices.filter((n) => n.escalated).length;
  const lateItems = completedLate + overdue;
  const deductions: Deduction[] = [
    { reason: { zh: '黄牌', en: 'Yellow warnings' }, count: warnings.yellow, points: warnings.yellow * rule.yellow },
    { reason: { zh: '红牌', en: 'Red warnings' }, count: warnings.red, points: warnings.red * rule.red },
    { reason: { zh: '督办单', en: 'Supervision notices' }, count: notices, points: notices * rule.notice },
    {
      reason: { zh: '督办逾期升级', en: 'Escalated notices' },
      count: escalations,
      points: escalations * rule.escalation,
    },
    { reason: { zh: '逾期事项', en: 'Items late' }, count: lateItems, points: lateItems * rule.lateItem },
  ].filter((d) => d.count > 0);
  const total = deductions.reduce((s, d) => s + d.points, 0);
  return {
    items: input.items.length,
    closedOnTime,
    completedLate,
    overdue,
    onTrack,
    warnings,
    notices,
    escalations,
    score: Math.max(0, rule.base - total),
    deductions,
  };
}
