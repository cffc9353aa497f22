/**
 * The dates of the default data, from the day it is loaded (the clock passed in — never read here).
 *
 * - The open reporting round asks for last month's figures, due on the 10th of this month: loaded on 2026-12-02,
 *   the round is 2026-11, due 2026-12-10.
 * - Generated monthly values run up to the month before the round (the last month whose round has closed): every
 *   month of the years before, and this year's months before last month. Quarterly values cover the quarters that
 *   end by then, yearly values the years that are complete.
 * - A framework for every year of the pilot from 2024 (the first year the seeds give targets for) through the plan's
 *   end, 2025, and on to the current year. Years that have begun are published; a later year (2025 when loaded in
 *   2024) is a draft prepared in advance.
 */
import { chinaDate } from '../../../domain/lists/dates.ts';
import { latestClosedPeriod, parsePeriod } from '../../../domain/periods.ts';

/** The first year with a framework: the seeds give the city's targets from 2024. */
export const FIRST_FRAMEWORK_YEAR = 2024;
/** The last year of the pilot plan (2022–2025): its end-of-plan targets. */
export const END_OF_PLAN_YEAR = 2025;
/** The day of the month by which last month's figures are due. */
export const ROUND_DUE_DAY = 10;

export interface DemoFrameworkYear {
  year: number;
  status: 'published' | 'draft';
  /** Last month with generated values in this year, 0–12 (0: none yet). */
  throughMonth: number;
}

export interface DemoCalendar {
  /** The day of loading, in China Standard Time. */
  today: string;
  years: DemoFrameworkYear[];
  /** The open round: last month, due on the 10th of this month. */
  round: { period: string; year: number; dueDate: string };
}

/**
 * @example demoCalendar(new Date('2026-12-02T02:00:00Z')) → round 2026-11 due 2026-12-10; 2024 and 2025 complete,
 *   2026 through October; frameworks 2024, 2025, 2026 published
 * @example demoCalendar(new Date('2024-12-05T02:00:00Z')) → round 2024-11 due 2024-12-10; 2024 through October;
 *   the 2025 framework a draft
 */
export function demoCalendar(now: Date): DemoCalendar {
  const today = chinaDate(now);
  const thisYear = Number(today.slice(0, 4));
  const period = latestClosedPeriod('monthly', today);
  const { year: roundYear, index: roundMonth } = parsePeriod(period);
  const last = Math.max(END_OF_PLAN_YEAR, thisYear);
  const years: DemoFrameworkYear[] = [];
  for (let year = FIRST_FRAMEWORK_YEAR; year <= last; year++) {
    const throughMonth = year < roundYear ? 12 : year === roundYear ? roundMonth - 1 : 0;
    years.push({ year, status: year <= thisYear ? 'published' : 'draft', throughMonth });
  }
  return {
    today,
    years,
    round: { period, year: roundYear, dueDate: `${today.slice(0, 7)}-${String(ROUND_DUE_DAY).padStart(2, '0')}` },
  };
}
