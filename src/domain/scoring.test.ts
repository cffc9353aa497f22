import { describe, expect, it } from 'vitest';
import { scoreDetails, scoreIndicator, zeroPoint } from './scoring.ts';
import type { Target } from './types.ts';

const atLeast = (floor: number | null, stretch: number | null = null): Target => ({
  comparison: 'atLeast',
  floor,
  stretch,
  upper: null,
});
const atMost = (floor: number | null, stretch: number | null = null): Target => ({
  comparison: 'atMost',
  floor,
  stretch,
  upper: null,
});

describe('scoreIndicator, higher is better', () => {
  // GDP growth 2024: 确保 6.5%, 力争 7%.
  const gdp = atLeast(6.5, 7);

  it('is 0 at the zero point, 100 at the floor, 120 at the stretch, capped', () => {
    expect(scoreIndicator({ actual: 0, target: gdp })).toBe(0);
    expect(scoreIndicator({ actual: 6.5, target: gdp })).toBe(100);
    expect(scoreIndicator({ actual: 6.8, target: gdp })).toBeCloseTo(112, 10);
    expect(scoreIndicator({ actual: 7, target: gdp })).toBe(120);
    expect(scoreIndicator({ actual: 9, target: gdp })).toBe(120);
    expect(scoreIndicator({ actual: 6.0, target: gdp })).toBeCloseTo(92.31, 2);
    expect(scoreIndicator({ actual: -1.2, target: gdp })).toBe(0);
  });

  it('uses the baseline as the zero point when it is below the floor', () => {
    // Zero at 5.0 (illustrative baseline): 5.75 is half way to the floor.
    expect(scoreIndicator({ actual: 5.75, target: gdp, baseline: 5 })).toBeCloseTo(50, 10);
    expect(scoreIndicator({ actual: 4, target: gdp, baseline: 5 })).toBe(0);
  });

  it('ignores a baseline that already meets the floor', () => {
    // 2023 GDP growth 6.5% is no zero point for the 2024 floor 6.5%.
    expect(scoreIndicator({ actual: 3.25, target: gdp, baseline: 6.5 })).toBeCloseTo(50, 10);
  });

  it('one-tier: keeps rising above the floor to 120 at floor × 1.2', () => {
    // Urban new jobs 1.8万 (one-tier); 2023 actual 2.06万.
    const jobs = atLeast(1.8);
    expect(scoreIndicator({ actual: 1.8, target: jobs })).toBe(100);
    expect(scoreIndicator({ actual: 2.06, target: jobs })).toBeCloseTo(114.44, 2);
    expect(scoreIndicator({ actual: 2.16, target: jobs })).toBeCloseTo(120, 10);
    expect(scoreIndicator({ actual: 3, target: jobs })).toBe(120);
    expect(scoreIndicator({ actual: 0.9, target: jobs })).toBeCloseTo(50, 10);
    expect(scoreDetails({ actual: 2, target: jobs })?.capPoint).toBeCloseTo(2.16, 10);
  });

  it('a floor of 0 steps from 0 to 100', () => {
    expect(scoreIndicator({ actual: -0.1, target: atLeast(0) })).toBe(0);
    expect(scoreIndicator({ actual: 0, target: atLeast(0) })).toBe(100);
    expect(scoreIndicator({ actual: 5, target: atLeast(0) })).toBe(100);
    expect(scoreIndicator({ actual: 0.5, target: atLeast(0, 1) })).toBe(110);
  });

  it('negative floors take twice the floor as zero point', () => {
    // "Decline of at most 2%": floor −2, zero point −4.
    expect(zeroPoint(-2, null, 'higher')).toBe(-4);
    expect(scoreIndicator({ actual: -3, target: atLeast(-2) })).toBeCloseTo(50, 10);
  });
});

describe('scoreIndicator, lower is better (mirrored)', () => {
  it('CPI within 3.5%: zero point at twice the ceiling', () => {
    const cpi = atMost(3.5);
    expect(zeroPoint(3.5, null, 'lower')).toBe(7);
    expect(scoreIndicator({ actual: 7, target: cpi })).toBe(0);
    expect(scoreIndicator({ actual: 5.25, target: cpi })).toBeCloseTo(50, 10);
    expect(scoreIndicator({ actual: 3.5, target: cpi })).toBe(100);
    expect(scoreIndicator({ actual: 2.8, target: cpi })).toBeCloseTo(120, 10);
    expect(scoreIndicator({ actual: 0.2, target: cpi })).toBe(120);
  });

  it('urban–rural income ratio below 2 with the 2023 ratio 2.08 as baseline', () => {
    const ratio = atMost(2);
    expect(scoreIndicator({ actual: 2.04, target: ratio, baseline: 2.08 })).toBeCloseTo(50, 10);
    expect(scoreIndicator({ actual: 2.1, target: ratio, baseline: 2.08 })).toBe(0);
    expect(scoreIndicator({ actual: 1.984, target: ratio, baseline: 2.08 })).toBeCloseTo(120, 8);
  });

  it('two-tier ceiling: 120 at the lower, stretch ceiling', () => {
    const ratio = atMost(2, 1.9);
    expect(scoreIndicator({ actual: 1.95, target: ratio, baseline: 2.08 })).toBeCloseTo(110, 10);
    expect(scoreIndicator({ actual: 1.8, target: ratio, baseline: 2.08 })).toBe(120);
  });
});

describe('scoreIndicator, ranges and pace', () => {
  it('a range scores 100 inside, less outside on either side', () => {
    const range: Target = { comparison: 'between', floor: 1, stretch: null, upper: 3 };
    expect(scoreIndicator({ actual: 2, target: range })).toBe(100);
    expect(scoreIndicator({ actual: 0.5, target: range })).toBeCloseTo(50, 10);
    expect(scoreIndicator({ actual: 4.5, target: range })).toBeCloseTo(50, 10);
    expect(scoreIndicator({ actual: 9, target: range })).toBe(0);
  });

  it('cumulative indicators are scored against the paced target', () => {
    // Key-project investment 290亿元 a year; after Q1 (25% elapsed) 72.5 is exactly on pace.
    const investment = atLeast(290, 300);
    const q1 = { target: investment, valueKind: 'cumulative' as const, elapsedShare: 0.25 };
    expect(scoreIndicator({ ...q1, actual: 72.5 })).toBeCloseTo(100, 10);
    expect(scoreIndicator({ ...q1, actual: 36.25 })).toBeCloseTo(50, 10);
    expect(scoreIndicator({ ...q1, actual: 89.6 })).toBe(120);
    // A rate is not paced even if an elapsed share is passed.
    expect(scoreIndicator({ actual: 72.5, target: investment, elapsedShare: 0.25 })).toBe(25);
  });

  it('is null without an actual or a usable target', () => {
    expect(scoreIndicator({ actual: null, target: atLeast(1) })).toBeNull();
    expect(scoreIndicator({ actual: 1, target: null })).toBeNull();
    expect(scoreIndicator({ actual: 1, target: atLeast(null) })).toBeNull();
    expect(scoreIndicator({ actual: Number.NaN, target: atLeast(1) })).toBeNull();
  });
});
