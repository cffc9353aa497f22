/**
 * The configurable rules of the lists: warning thresholds, the monthly report day, when supervision starts by
 * itself, and the unit-record score. The coordination centre changes them; the defaults are this platform's
 * proposal (the seeds give none).
 */
import type { WarningColour } from './types.ts';

/** Points deducted from a unit's record score, per event. */
export interface RecordScoreRule {
  /** The score of a unit with nothing against it. */
  base: number;
  /** Per yellow warning raised on one of its items. */
  yellow: number;
  /** Per red warning raised on one of its items. */
  red: number;
  /** Per supervision notice received. */
  notice: number;
  /** Per notice escalated because it was not answered by its date. */
  escalation: number;
  /** Per item completed (or still open) after its deadline. */
  lateItem: number;
}

export interface ListRules {
  /** Blue warning when the deadline is at most this many days away. */
  approachDays: number;
  /** Yellow warning when the reported percentage trails time-elapsed progress by more than this many points. */
  behindPoints: number;
  /** The monthly progress report is due on this day of each month (the month's last day when shorter). */
  reportDay: number;
  /** A month's report is owed only when its due day is at least this many days after the item was issued. */
  firstReportGraceDays: number;
  /** The colour of a late-report warning. */
  lateReportColour: Extract<WarningColour, 'blue' | 'yellow'>;
  /** A supervision notice is issued by itself after this many yellow warnings since the last notice; 0 = never. */
  autoNoticeAfterYellow: number;
  /** Days the lead unit has to answer a notice. */
  noticeAnswerDays: number;
  /** Days the lead unit has to acknowledge an issued item. */
  acknowledgeDays: number;
  /** Days a reviewer has to decide on a completion request, an adjustment or a notice answer. */
  reviewDays: number;
  score: RecordScoreRule;
}

export const DEFAULT_LIST_RULES: Readonly<ListRules> = Object.freeze({
  approachDays: 15,
  behindPoints: 20,
  reportDay: 25,
  firstReportGraceDays: 10,
  lateReportColour: 'yellow',
  autoNoticeAfterYellow: 3,
  noticeAnswerDays: 7,
  acknowledgeDays: 5,
  reviewDays: 5,
  score: Object.freeze({ base: 100, yellow: 2, red: 5, notice: 3, escalation: 5, lateItem: 5 }),
});

/**
 * The defaults overlaid with what was stored (fields added later take their defaults).
 *
 * @example resolveListRules({ approachDays: 30 }).approachDays === 30; resolveListRules({}).reportDay === 25
 */
export function resolveListRules(
  partial: Partial<Omit<ListRules, 'score'>> & { score?: Partial<RecordScoreRule> } = {},
): ListRules {
  return { ...DEFAULT_LIST_RULES, ...partial, score: { ...DEFAULT_LIST_RULES.score, ...partial.score } };
}
