import { describe, expect, it } from 'vitest';
import { scoreDetails, scoreIndicator, scoreScale } from './scoring.ts';
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

// Changed with issue 7: the score is read from the same scale as the colour — 60 at the yellow/red boundary
// (10% below the floor for rates and levels), 0 at 2.5 times that distance — and the baseline is never the zero
// point by default. The old cases (6.0 → 92.3 although yellow; a yellow 2.08 → 0) contradicted the colours.
describe('scoreIndicator, higher is better', () => {
  // GDP growth 2024: 确保 6.5%, 力争 7%.
  const gdp = atLeast(6.5, 7);

  it('is 0 at the zero point, 60 at the yellow/red boundary, 100 at the floor, 120 at the stretch', () => {
    expect(scoreIndicator({ actual: 4.875, target: gdp })).toBeCloseTo(0, 9);
    expect(scoreIndicator({ actual: 5.85, target: gdp })).toBeCloseTo(60, 9);
    expect(scoreIndicator({ actual: 6.5, target: gdp })).toBe(100);
    expect(scoreIndicator({ actual: 6.8, target: gdp })).toBeCloseTo(112, 10);
    expect(scoreIndicator({ actual: 7, target: gdp })).toBe(120);
    expect(scoreIndicator({ actual: 9, target: gdp })).toBe(120);
    // 0.5 short = 7.7% of the floor: 100 − 40 × 0.077 / 0.1.
    expect(scoreIndicator({ actual: 6.0, target: gdp })).toBeCloseTo(69.23, 2);
    expect(scoreIndicator({ actual: -1.2, target: gdp })).toBe(0);
  });

  it('the default zero point lies 25% below the floor; a stated one beyond the boundary is used', () => {
    expect(scoreScale({ target: gdp })?.low).toMatchObject({ zeroPointSource: 'default', redBoundary: 5.85 });
    expect(scoreScale({ target: gdp })?.low.zeroPoint).toBeCloseTo(4.875, 12);
    // A stated zero point of 3.9 (say, 2023's figure, if the indicator states it): 60 at 5.85, 0 at 3.9.
    const stated = scoreDetails({ actual: 4.875, target: gdp, zeroPoint: 3.9 });
    expect(stated?.scale.low.zeroPointSource).toBe('stated');
    expect(stated?.score).toBeCloseTo(30, 9);
    // A stated zero point inside the yellow band cannot be used: red would score above yellow.
    const inside = scoreScale({ target: gdp, zeroPoint: 6 });
    expect(inside?.low.zeroPointSource).toBe('default');
    expect(inside?.ignoredZeroPoint).toBe(6);
  });

  it('one-tier: keeps rising above the floor to 120 at the cap point, floor × 1.2', () => {
    // Urban new jobs 1.8万 (one-tier); 2023 actual 2.06万.
    const jobs = atLeast(1.8);
    expect(scoreIndicator({ actual: 1.8, target: jobs })).toBe(100);
    expect(scoreIndicator({ actual: 2.06, target: jobs })).toBeCloseTo(114.44, 2);
    expect(scoreIndicator({ actual: 2.16, target: jobs })).toBeCloseTo(120, 10);
    expect(scoreIndicator({ actual: 3, target: jobs })).toBe(120);
    expect(scoreIndicator({ actual: 1.71, target: jobs })).toBeCloseTo(80, 10);
    expect(scoreDetails({ actual: 2, target: jobs })?.scale.low.cap).toBeCloseTo(2.16, 10);
    expect(scoreDetails({ actual: 2, target: jobs })?.scale.low.stretch).toBe(false);
  });

  it('a floor of 0 has no relative scale: a miss scores 0 unless a zero point is stated', () => {
    expect(scoreIndicator({ actual: -0.1, target: atLeast(0) })).toBe(0);
    expect(scoreIndicator({ actual: 0, target: atLeast(0) })).toBe(100);
    expect(scoreIndicator({ actual: 5, target: atLeast(0) })).toBe(100);
    expect(scoreDetails({ actual: -1, target: atLeast(0) })?.scale.low.zeroPointSource).toBe('none');
    // With a stated zero point −2: the red band runs from 0 at −2 to 60 at the floor.
    expect(scoreIndicator({ actual: -1, target: atLeast(0), zeroPoint: -2 })).toBeCloseTo(30, 9);
  });

  it('negative floors measure the tolerance on |floor|', () => {
    // "Decline of at most 2%": floor −2, yellow down to −2.2, zero at −2.5.
    expect(scoreIndicator({ actual: -2.1, target: atLeast(-2) })).toBeCloseTo(80, 9);
    expect(scoreIndicator({ actual: -2.5, target: atLeast(-2) })).toBeCloseTo(0, 9);
  });
});

describe('scoreIndicator, lower is better (mirrored)', () => {
  it('CPI within 3.5%', () => {
    const cpi = atMost(3.5);
    expect(scoreIndicator({ actual: 3.85, target: cpi })).toBeCloseTo(60, 9);
    expect(scoreIndicator({ actual: 4.375, target: cpi })).toBeCloseTo(0, 9);
    expect(scoreIndicator({ actual: 3.5, target: cpi })).toBe(100);
    expect(scoreIndicator({ actual: 2.8, target: cpi })).toBeCloseTo(120, 10);
    expect(scoreIndicator({ actual: 0.2, target: cpi })).toBe(120);
  });

  it('two-tier ceiling: 120 at the lower, stretch ceiling', () => {
    const ratio = atMost(2, 1.9);
    expect(scoreIndicator({ actual: 1.95, target: ratio })).toBeCloseTo(110, 10);
    expect(scoreIndicator({ actual: 1.8, target: ratio })).toBe(120);
    expect(scoreIndicator({ actual: 2.1, target: ratio })).toBeCloseTo(80, 10);
  });
});

describe('scoreIndicator, ranges and pace', () => {
  it('a range scores 100 inside, less outside on either side', () => {
    const range: Target = { comparison: 'between', floor: 1, stretch: null, upper: 3 };
    expect(scoreIndicator({ actual: 2, target: range })).toBe(100);
    expect(scoreIndicator({ actual: 0.95, target: range })).toBeCloseTo(80, 9);
    expect(scoreIndicator({ actual: 3.15, target: range })).toBeCloseTo(80, 9);
    expect(scoreIndicator({ actual: 9, target: range })).toBe(0);
  });

  it('cumulative indicators are scored against time-elapsed progress', () => {
    // Key-project investment 290亿元 a year; after Q1 (25% elapsed) 72.5 is exactly on pace.
    const investment = atLeast(290, 300);
    const half = { target: investment, valueKind: 'cumulative' as const, elapsedShare: 0.5 };
    expect(scoreIndicator({ ...half, actual: 145 })).toBeCloseTo(100, 10);
    // 30 points behind (20% done at half year) scores 60; 15 behind 80; 75 behind would be 0.
    expect(scoreIndicator({ ...half, actual: 58 })).toBeCloseTo(60, 10);
    expect(scoreIndicator({ ...half, actual: 101.5 })).toBeCloseTo(80, 10);
    expect(scoreIndicator({ ...half, actual: 150 })).toBe(120);
    // A rate is not paced even if an elapsed share is passed: 72.5 against 290 is far below.
    expect(scoreIndicator({ actual: 72.5, target: investment, elapsedShare: 0.25 })).toBe(0);
  });

  it('at the year end a cumulative figure is judged like a level, 10% of the floor being yellow', () => {
    const d = scoreDetails({ actual: 275.5, target: atLeast(290), valueKind: 'cumulative', yearEnd: true });
    expect(d?.band).toBe('yellow');
    expect(d?.score).toBeCloseTo(80, 9);
  });

  it('is null without an actual or a usable target', () => {
    expect(scoreIndicator({ actual: null, target: atLeast(1) })).toBeNull();
    expect(scoreIndicator({ actual: 1, target: null })).toBeNull();
    expect(scoreIndicator({ actual: 1, target: atLeast(null) })).toBeNull();
    expect(scoreIndicator({ actual: Number.NaN, target: atLeast(1) })).toBeNull();
  });
});
