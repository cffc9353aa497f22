/**
 * Period codes and calendar arithmetic for reporting periods (DOMAIN.md §2.1–2.2).
 *
 * A period code is one of
 * - a month `YYYY-MM` (`2024-03`),
 * - a quarter `YYYY-Qn` (`2024-Q1`, capital Q),
 * - a year `YYYY` (`2023`).
 *
 * Every period lies inside one calendar year: the reporting year, which is what year-to-date figures and annual
 * targets refer to. Nothing here reads the clock; "today" is always an argument.
 */
import { beijingDate } from './beijing-time.ts';
import type { Frequency } from './types.ts';

/** A parsed period code. `index` is the month (1–12), the quarter (1–4), or 1 for a year. */
export interface Period {
  year: number;
  frequency: Frequency;
  index: number;
}

/** A malformed period code, seasonal profile or date, with the offending input. */
export class PeriodError extends Error {
  readonly input: unknown;
  constructor(message: string, input: unknown) {
    super(message);
    this.name = 'PeriodError';
    this.input = input;
  }
}

const PERIOD_PATTERN = /^([1-9]\d{3})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;
const DATE_PATTERN = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;

/**
 * Whether `code` is a well-formed period code.
 *
 * @example isPeriodCode('2024-03') === true; isPeriodCode('2024-Q1') === true; isPeriodCode('2023') === true;
 * isPeriodCode('2024-13') === false; isPeriodCode('2024q1') === false
 */
export function isPeriodCode(code: unknown): code is string {
  return typeof code === 'string' && PERIOD_PATTERN.test(code);
}

/**
 * Parses a period code, throwing a `PeriodError` that quotes the bad input and the accepted forms.
 *
 * @example parsePeriod('2024-Q1') → { year: 2024, frequency: 'quarterly', index: 1 }
 * @example parsePeriod('2024-03') → { year: 2024, frequency: 'monthly', index: 3 }
 * @example parsePeriod('2023') → { year: 2023, frequency: 'yearly', index: 1 }
 */
export function parsePeriod(code: string): Period {
  const hit = parsed.get(code);
  if (hit) return hit;
  const period = parseUncached(code);
  // Bulk evaluation parses the same few period codes hundreds of thousands of times.
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(code, period);
  return period;
}

const parsed = new Map<string, Readonly<Period>>();

function parseUncached(code: string): Readonly<Period> {
  const match = typeof code === 'string' ? PERIOD_PATTERN.exec(code) : null;
  if (!match) {
    throw new PeriodError(
      `Invalid period code ${JSON.stringify(code)}: expected a month "YYYY-MM" (2024-03), ` +
        `a quarter "YYYY-Qn" (2024-Q1) or a year "YYYY" (2023)`,
      code,
    );
  }
  const year = Number(match[1]);
  if (match[2] !== undefined) return Object.freeze({ year, frequency: 'monthly', index: Number(match[2]) });
  if (match[3] !== undefined) return Object.freeze({ year, frequency: 'quarterly', index: Number(match[3]) });
  return Object.freeze({ year, frequency: 'yearly', index: 1 });
}

/**
 * Writes a period back as its code; throws a `PeriodError` for an index out of range.
 *
 * @example formatPeriod({ year: 2024, frequency: 'monthly', index: 3 }) === '2024-03'
 * @example formatPeriod({ year: 2024, frequency: 'quarterly', index: 1 }) === '2024-Q1'
 */
export function formatPeriod(period: Period): string {
  const { year, frequency, index } = period;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new PeriodError(`Invalid year ${year}: expected a four-digit year`, period);
  }
  const max = indexCount(frequency);
  if (!Number.isInteger(index) || index < 1 || index > max) {
    throw new PeriodError(`Invalid ${frequency} index ${index}: expected 1 to ${max}`, period);
  }
  switch (frequency) {
    case 'monthly':
      return `${year}-${String(index).padStart(2, '0')}`;
    case 'quarterly':
      return `${year}-Q${index}`;
    case 'yearly':
      return String(year);
  }
}

/**
 * The month (1–12) in which a period ends.
 *
 * @example periodEndMonth('2024-03') === 3; periodEndMonth('2024-Q2') === 6; periodEndMonth('2023') === 12
 */
export function periodEndMonth(period: string | Period): number {
  const { frequency, index } = toPeriod(period);
  switch (frequency) {
    case 'monthly':
      return index;
    case 'quarterly':
      return index * 3;
    case 'yearly':
      return 12;
  }
}

/**
 * The same period one year earlier: the base of year-on-year growth (同比).
 *
 * @example samePeriodLastYear('2024-Q1') === '2023-Q1'; samePeriodLastYear('2024') === '2023'
 */
export function samePeriodLastYear(period: string): string {
  const parsed = parsePeriod(period);
  return formatPeriod({ ...parsed, year: parsed.year - 1 });
}

/**
 * The period just before, of the same frequency (环比); January and Q1 step back into the previous year.
 *
 * @example previousPeriod('2024-03') === '2024-02'; previousPeriod('2024-01') === '2023-12';
 * previousPeriod('2024-Q1') === '2023-Q4'; previousPeriod('2024') === '2023'
 */
export function previousPeriod(period: string): string {
  const parsed = parsePeriod(period);
  if (parsed.index > 1) return formatPeriod({ ...parsed, index: parsed.index - 1 });
  return formatPeriod({ ...parsed, year: parsed.year - 1, index: indexCount(parsed.frequency) });
}

/**
 * The months from January to the end of the period: what a year-to-date (累计) figure adds up.
 *
 * @example monthsOfYearTo('2024-Q1') → ['2024-01', '2024-02', '2024-03']
 * @example monthsOfYearTo('2023') → the twelve months '2023-01' … '2023-12'
 */
export function monthsOfYearTo(period: string): string[] {
  const parsed = parsePeriod(period);
  const end = periodEndMonth(parsed);
  const months: string[] = [];
  for (let month = 1; month <= end; month++) {
    months.push(formatPeriod({ year: parsed.year, frequency: 'monthly', index: month }));
  }
  return months;
}

/**
 * Every period of one frequency in a year, in order.
 *
 * @example periodsOfYear(2024, 'quarterly') → ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']
 * @example periodsOfYear(2024, 'yearly') → ['2024']
 */
export function periodsOfYear(year: number, frequency: Frequency): string[] {
  const periods: string[] = [];
  for (let index = 1; index <= indexCount(frequency); index++) {
    periods.push(formatPeriod({ year, frequency, index }));
  }
  return periods;
}

/**
 * Time-elapsed progress (序时进度): the share of the annual target expected by the end of the period.
 * By default the end month over 12. With a seasonal profile — 12 cumulative shares, non-decreasing, within
 * [0, 1], the last one 1 — it is the profile's entry for the end month.
 *
 * @example elapsedShare('2024-Q1', null) === 0.25 (3 of 12 months: "序时进度 25%")
 * @example elapsedShare('2024-03', [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.58, 0.66, 0.75, 0.84, 0.92, 1]) === 0.2
 *   (a profile that expects little of the Spring Festival months)
 * @example elapsedShare('2023', null) === 1
 */
export function elapsedShare(period: string | Period, seasonalProfile: readonly number[] | null = null): number {
  const month = periodEndMonth(period);
  if (seasonalProfile === null) return month / 12;
  validateSeasonalProfile(seasonalProfile);
  return seasonalProfile[month - 1] as number;
}

/**
 * Throws a `PeriodError` unless the profile has 12 finite cumulative shares, non-decreasing, within [0, 1] and
 * ending at 1.
 *
 * @example validateSeasonalProfile([1/12, 2/12, …, 1]) passes; validateSeasonalProfile([0.5, 0.4, …]) throws
 */
export function validateSeasonalProfile(profile: readonly number[]): void {
  if (profile.length !== 12) {
    throw new PeriodError(`A seasonal profile needs 12 monthly cumulative shares, got ${profile.length}`, profile);
  }
  let previous = 0;
  profile.forEach((share, i) => {
    if (!Number.isFinite(share) || share < 0 || share > 1 + 1e-9) {
      throw new PeriodError(`Seasonal profile month ${i + 1}: ${share} is not a share between 0 and 1`, profile);
    }
    if (share < previous) {
      throw new PeriodError(
        `Seasonal profile month ${i + 1}: ${share} is below the previous month's ${previous}; ` +
          'the profile is cumulative and cannot fall',
        profile,
      );
    }
    previous = share;
  });
  if (Math.abs(previous - 1) > 1e-9) {
    throw new PeriodError(`A seasonal profile must end at 1 in December, got ${previous}`, profile);
  }
}

/**
 * The most recent period of a frequency that has fully ended before `today` — what a reporting round asks for.
 * `today` is a 'YYYY-MM-DD' calendar date, or a Date read as a calendar day in China Standard Time (UTC+8).
 *
 * @example latestClosedPeriod('monthly', '2024-04-15') === '2024-03'
 * @example latestClosedPeriod('quarterly', '2024-04-01') === '2024-Q1'
 * @example latestClosedPeriod('quarterly', '2024-03-31') === '2023-Q4' (March is not over yet)
 * @example latestClosedPeriod('yearly', '2024-01-10') === '2023'
 */
export function latestClosedPeriod(frequency: Frequency, today: Date | string): string {
  const { year, month } = calendarDay(today);
  switch (frequency) {
    case 'monthly':
      return month > 1
        ? formatPeriod({ year, frequency, index: month - 1 })
        : formatPeriod({ year: year - 1, frequency, index: 12 });
    case 'quarterly': {
      const current = Math.ceil(month / 3);
      return current > 1
        ? formatPeriod({ year, frequency, index: current - 1 })
        : formatPeriod({ year: year - 1, frequency, index: 4 });
    }
    case 'yearly':
      return formatPeriod({ year: year - 1, frequency, index: 1 });
  }
}

/**
 * Orders period codes chronologically by end month; periods ending in the same month sort month < quarter < year.
 *
 * @example ['2024', '2024-Q1', '2023-12'].sort(comparePeriods) → ['2023-12', '2024-Q1', '2024']
 */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  const rank: Record<Frequency, number> = { monthly: 0, quarterly: 1, yearly: 2 };
  return pa.year - pb.year || periodEndMonth(pa) - periodEndMonth(pb) || rank[pa.frequency] - rank[pb.frequency];
}

function indexCount(frequency: Frequency): number {
  switch (frequency) {
    case 'monthly':
      return 12;
    case 'quarterly':
      return 4;
    case 'yearly':
      return 1;
  }
}

function toPeriod(period: string | Period): Period {
  if (typeof period === 'string') return parsePeriod(period);
  formatPeriod(period); // validates
  return period;
}

function calendarDay(today: Date | string): { year: number; month: number } {
  if (today instanceof Date) {
    if (Number.isNaN(today.getTime())) throw new PeriodError('Invalid date', today);
    const day = beijingDate(today);
    return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
  }
  const match = DATE_PATTERN.exec(today);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!match || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new PeriodError(`Invalid date ${JSON.stringify(today)}: expected a calendar date "YYYY-MM-DD"`, today);
  }
  return { year, month };
}
