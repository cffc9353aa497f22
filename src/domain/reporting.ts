/**
 * Lateness in a reporting round (issue 7): a unit that reported after the due date stays late in the round's record
 * ("逾期 N 天提交"), whatever happens to its figures afterwards; a unit still owing figures after the due date is
 * overdue by the days since. Pure: the caller passes the values and today's date (Beijing).
 */
import { beijingDate } from './beijing-time.ts';

/** One expected figure of a unit in the round, as stored. */
export interface ReportedValue {
  status: string;
  value: number | null;
  /** The earliest submission in the value's history, if any. */
  firstSubmittedAt: string | null;
  /** The latest submission (the value's own column), if any. */
  submittedAt: string | null;
  updatedAt: string;
}

export interface UnitLateness {
  /** When the unit's last expected figure first left it (ISO instant), or null while any has never been submitted. */
  submittedAt: string | null;
  /** Days after the due date that the unit completed its report (Beijing dates); null when on time or not yet. */
  submittedLateDays: number | null;
  /** Days past the due date while figures are still owed (missing, draft or returned); null otherwise. */
  overdueDays: number | null;
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const LEFT_THE_UNIT = new Set(['submitted', 'approved', 'published']);

/** When a value first left its unit: its first submission, or — for a figure reviewed without one — its last change. */
function submissionOf(v: ReportedValue): string | null {
  if (v.firstSubmittedAt) return v.firstSubmittedAt;
  if (v.value !== null && LEFT_THE_UNIT.has(v.status)) return v.submittedAt ?? v.updatedAt;
  return null;
}

/**
 * @example unitLateness({ dueDate: '2024-12-10', today: '2026-12-02', expected: 3, values: three values first
 *   submitted on 2026-12-01 }) → submittedLateDays 721, overdueDays null: "逾期 721 天提交", never "已完成" with
 *   nobody late
 * @example the same with one figure missing → submittedAt null, overdueDays 722
 */
export function unitLateness(input: {
  dueDate: string;
  today: string;
  /** How many figures the unit owes in the round. */
  expected: number;
  /** The stored values of the expected figures (one per indicator). */
  values: readonly ReportedValue[];
  /** Figures still owed now: missing, draft or returned. */
  pending: number;
}): UnitLateness {
  const times = input.values.map(submissionOf);
  const complete = input.expected > 0 && times.length >= input.expected && times.every((t) => t !== null);
  const submittedAt = complete ? times.reduce((a, b) => (a > b ? a : b)) : null;
  const lateBy = submittedAt === null ? 0 : daysFrom(input.dueDate, beijingDate(submittedAt));
  const overdue = input.pending > 0 ? daysFrom(input.dueDate, input.today) : 0;
  return {
    submittedAt,
    submittedLateDays: lateBy > 0 ? lateBy : null,
    overdueDays: overdue > 0 ? overdue : null,
  };
}
