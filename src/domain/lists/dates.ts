/**
 * Calendar days for the lists: deadlines, milestones and report days are whole days (`YYYY-MM-DD`) in China
 * Standard Time. Nothing here reads the clock; "today" is always an argument.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/;

/** A malformed date or month, with the offending input. */
export class ListDateError extends Error {
  readonly input: unknown;
  constructor(message: string, input: unknown) {
    super(message);
    this.name = 'ListDateError';
    this.input = input;
  }
}

/**
 * Whether `s` is a real calendar day written `YYYY-MM-DD`.
 *
 * @example isDate('2025-06-30') === true; isDate('2025-02-29') === false; isDate('2025-6-30') === false
 */
export function isDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_PATTERN.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function toUtc(date: string): number {
  if (!isDate(date)) throw new ListDateError(`Invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`, date);
  return Date.parse(`${date}T00:00:00Z`);
}

/** The calendar day of an instant in China Standard Time (the one Beijing-time conversion, under the lists' name). */
export { beijingDate as chinaDate } from '../beijing-time.ts';

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 *
 * @example daysBetween('2024-12-20', '2024-12-31') === 11; daysBetween('2025-01-02', '2024-12-31') === -2
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/**
 * The day `n` days after `date` (before, for negative `n`).
 *
 * @example addDays('2024-11-05', 7) === '2024-11-12'; addDays('2025-03-01', -1) === '2025-02-28'
 */
export function addDays(date: string, n: number): string {
  return new Date(toUtc(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The month (`YYYY-MM`) a day falls in.
 *
 * @example monthOf('2025-06-30') === '2025-06'
 */
export function monthOf(date: string): string {
  toUtc(date);
  return date.slice(0, 7);
}

/**
 * The month after `month`.
 *
 * @example nextMonth('2024-12') === '2025-01'
 */
export function nextMonth(month: string): string {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new ListDateError(`Invalid month ${JSON.stringify(month)}: expected YYYY-MM`, month);
  const y = Number(m[1]);
  const mm = Number(m[2]);
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
}

/**
 * The day of month `month` on which its progress report is due: `reportDay`, or the month's last day when the
 * month is shorter.
 *
 * @example reportDueDate('2024-11', 25) === '2024-11-25'; reportDueDate('2025-02', 31) === '2025-02-28'
 */
export function reportDueDate(month: string, reportDay: number): string {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new ListDateError(`Invalid month ${JSON.stringify(month)}: expected YYYY-MM`, month);
  const lastDay = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return `${month}-${String(Math.min(Math.max(1, reportDay), lastDay)).padStart(2, '0')}`;
}

/**
 * The share of an item's time span gone by at the end of `today`: 0 before the start, 1 from the deadline on.
 * Both ends count as whole days, so an item running 2024-01-01…2024-12-31 is half gone by the end of 2024-07-01
 * (183 of 366 days).
 *
 * @example timeElapsedShare('2024-01-01', '2024-12-31', '2024-07-01') === 0.5
 * @example timeElapsedShare('2025-01-01', '2025-12-31', '2024-11-05') === 0
 */
export function timeElapsedShare(start: string, deadline: string, today: string): number {
  const total = daysBetween(start, deadline) + 1;
  if (total <= 0) return 1;
  const gone = daysBetween(start, today) + 1;
  return Math.min(1, Math.max(0, gone / total));
}
