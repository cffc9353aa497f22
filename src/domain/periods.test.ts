import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  elapsedShare,
  formatPeriod,
  isPeriodCode,
  latestClosedPeriod,
  monthsOfYearTo,
  parsePeriod,
  periodEndMonth,
  periodsOfYear,
  PeriodError,
  previousPeriod,
  samePeriodLastYear,
  validateSeasonalProfile,
} from './periods.ts';

/** Expects little in the Spring Festival months, catches up in the second half (illustrative). */
const SPRING_FESTIVAL_PROFILE = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.58, 0.66, 0.75, 0.84, 0.92, 1];

describe('parsePeriod / formatPeriod', () => {
  it('reads the three kinds of codes the seeds use', () => {
    expect(parsePeriod('2024-03')).toEqual({ year: 2024, frequency: 'monthly', index: 3 });
    expect(parsePeriod('2024-Q1')).toEqual({ year: 2024, frequency: 'quarterly', index: 1 });
    expect(parsePeriod('2023')).toEqual({ year: 2023, frequency: 'yearly', index: 1 });
  });

  it('round-trips', () => {
    for (const code of ['2024-01', '2024-12', '2025-Q4', '2022']) expect(formatPeriod(parsePeriod(code))).toBe(code);
  });

  it('refuses malformed codes with a clear error', () => {
    for (const bad of ['2024-13', '2024-00', '2024-3', '2024q1', '2024-Q5', '24', '2024-Q1 ', '', '0999']) {
      expect(() => parsePeriod(bad)).toThrow(PeriodError);
      expect(isPeriodCode(bad)).toBe(false);
    }
    expect(() => parsePeriod('2024-13')).toThrow('Invalid period code "2024-13": expected a month "YYYY-MM"');
    expect(() => formatPeriod({ year: 2024, frequency: 'quarterly', index: 5 })).toThrow('expected 1 to 4');
  });

  it('validates', () => {
    expect(isPeriodCode('2024-Q2')).toBe(true);
    expect(isPeriodCode(2024)).toBe(false);
  });
});

describe('period arithmetic', () => {
  it('end month', () => {
    expect(periodEndMonth('2024-03')).toBe(3);
    expect(periodEndMonth('2024-Q2')).toBe(6);
    expect(periodEndMonth('2024-Q4')).toBe(12);
    expect(periodEndMonth('2023')).toBe(12);
  });

  it('same period last year and previous period, across the year end', () => {
    expect(samePeriodLastYear('2024-Q1')).toBe('2023-Q1');
    expect(samePeriodLastYear('2024-02')).toBe('2023-02');
    expect(samePeriodLastYear('2024')).toBe('2023');
    expect(previousPeriod('2024-03')).toBe('2024-02');
    expect(previousPeriod('2024-01')).toBe('2023-12');
    expect(previousPeriod('2024-Q1')).toBe('2023-Q4');
    expect(previousPeriod('2024')).toBe('2023');
  });

  it('year-to-date months', () => {
    expect(monthsOfYearTo('2024-Q1')).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(monthsOfYearTo('2024-01')).toEqual(['2024-01']);
    expect(monthsOfYearTo('2023')).toHaveLength(12);
    expect(monthsOfYearTo('2023').at(-1)).toBe('2023-12');
  });

  it('periods of a year', () => {
    expect(periodsOfYear(2024, 'quarterly')).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(periodsOfYear(2024, 'yearly')).toEqual(['2024']);
    expect(periodsOfYear(2024, 'monthly')).toHaveLength(12);
  });

  it('orders periods chronologically', () => {
    expect(['2024', '2024-Q1', '2023-12', '2024-03'].sort(comparePeriods)).toEqual([
      '2023-12',
      '2024-03',
      '2024-Q1',
      '2024',
    ]);
  });
});

describe('elapsedShare (序时进度)', () => {
  it('is the end month over 12 by default', () => {
    expect(elapsedShare('2024-Q1', null)).toBe(0.25);
    expect(elapsedShare('2024-06')).toBe(0.5);
    expect(elapsedShare('2023', null)).toBe(1);
  });

  it('reads a seasonal profile at the end month', () => {
    expect(elapsedShare('2024-03', SPRING_FESTIVAL_PROFILE)).toBe(0.2);
    expect(elapsedShare('2024-Q3', SPRING_FESTIVAL_PROFILE)).toBe(0.75);
    expect(elapsedShare('2024', SPRING_FESTIVAL_PROFILE)).toBe(1);
  });

  it('refuses a malformed profile', () => {
    expect(() => validateSeasonalProfile([0.5, 1])).toThrow('12 monthly cumulative shares, got 2');
    const falling = [...SPRING_FESTIVAL_PROFILE];
    falling[3] = 0.15;
    expect(() => elapsedShare('2024-05', falling)).toThrow('cannot fall');
    const short = SPRING_FESTIVAL_PROFILE.map((v) => v * 0.9);
    expect(() => elapsedShare('2024-05', short)).toThrow('must end at 1');
  });
});

describe('latestClosedPeriod', () => {
  it('gives the last period that has fully ended', () => {
    expect(latestClosedPeriod('monthly', '2024-04-15')).toBe('2024-03');
    expect(latestClosedPeriod('monthly', '2024-01-01')).toBe('2023-12');
    expect(latestClosedPeriod('quarterly', '2024-04-01')).toBe('2024-Q1');
    expect(latestClosedPeriod('quarterly', '2024-03-31')).toBe('2023-Q4');
    expect(latestClosedPeriod('yearly', '2024-01-10')).toBe('2023');
  });

  it('reads a Date in China Standard Time', () => {
    // 2024-03-31T16:30Z is already 1 April in Panzhihua.
    expect(latestClosedPeriod('monthly', new Date('2024-03-31T16:30:00Z'))).toBe('2024-03');
    expect(latestClosedPeriod('monthly', new Date('2024-03-31T15:30:00Z'))).toBe('2024-02');
  });

  it('refuses impossible dates', () => {
    expect(() => latestClosedPeriod('monthly', '2024-02-30')).toThrow(PeriodError);
    expect(() => latestClosedPeriod('monthly', '2024/04/01')).toThrow('expected a calendar date');
    expect(() => latestClosedPeriod('monthly', new Date('nonsense'))).toThrow(PeriodError);
  });
});
