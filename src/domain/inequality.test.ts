import { describe, expect, it } from 'vitest';
import {
  classifyIncome,
  gini,
  incomeClassCounts,
  incomeClassTest,
  lorenzShare,
  mean,
  median,
  palma,
  povertyGap,
  povertyHeadcount,
  s80s20,
  theil,
} from './inequality.ts';

/** Five per-capita incomes (yuan), one per fifth of the people. */
const FIVE = [40000, 10000, 100000, 20000, 30000];

describe('inequality measures', () => {
  it('worked example of five people', () => {
    expect(mean(FIVE)).toBe(40000);
    expect(median(FIVE)).toBe(30000);
    // Mean absolute difference 800k / 25 = 32,000; / (2 × 40,000) = 0.4.
    expect(gini(FIVE)).toBeCloseTo(0.4, 12);
    expect(theil(FIVE)).toBeCloseTo(0.27636, 5);
    expect(lorenzShare(FIVE, 0.2)).toBeCloseTo(0.05, 12);
    expect(s80s20(FIVE)).toBeCloseTo(10, 12);
    // Top 10% = half of the richest person (50,000); bottom 40% = 10,000 + 20,000.
    expect(palma(FIVE)).toBeCloseTo(50000 / 30000, 12);
  });

  it('perfect equality and perfect concentration', () => {
    expect(gini([30000, 30000, 30000])).toBe(0);
    expect(theil([30000, 30000, 30000])).toBe(0);
    expect(s80s20([30000, 30000, 30000])).toBeCloseTo(1, 12);
    expect(gini([0, 0, 0, 100])).toBeCloseTo(0.75, 12); // 1 − 1/n
    expect(theil([0, 0, 0, 100])).toBeCloseTo(Math.log(4), 12);
    expect(s80s20([0, 0, 0, 0, 100])).toBeNull(); // the poorest fifth has nothing
  });

  it('weights count people: a household of 3 at 8,000 per capita is three people', () => {
    const incomes = [8000, 40000];
    const sizes = [3, 1];
    expect(mean(incomes, sizes)).toBe(16000);
    expect(median(incomes, sizes)).toBe(8000);
    expect(gini(incomes, sizes)).toBeCloseTo(gini([8000, 8000, 8000, 40000]) as number, 12);
    expect(theil(incomes, sizes)).toBeCloseTo(theil([8000, 8000, 8000, 40000]) as number, 12);
    expect(povertyHeadcount(incomes, 10000, sizes)).toBe(0.75);
  });

  it('median of an even count averages the middle two', () => {
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([8000, 40000], [1, 3])).toBe(40000);
    expect(median([5])).toBe(5);
  });

  it('poverty headcount and gap against the 10,000-yuan line', () => {
    const incomes = [8000, 9500, 12000, 30000];
    expect(povertyHeadcount(incomes, 10000)).toBe(0.5);
    expect(povertyHeadcount([10000], 10000)).toBe(0); // "below" is strict
    expect(povertyGap(incomes, 10000)).toBeCloseTo(0.0625, 12);
    expect(() => povertyGap(incomes, 0)).toThrow('must be positive');
  });

  it('undefined results are null; bad input throws', () => {
    expect(gini([])).toBeNull();
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
    expect(povertyHeadcount([], 10000)).toBeNull();
    expect(gini([0, 0])).toBeNull();
    expect(theil([-500, 20000])).toBeNull(); // Theil needs non-negative incomes
    expect(gini([-500, 20000])).toBeCloseTo(0.5256, 4); // Gini is defined while the mean is positive
    expect(() => gini([1, 2], [1])).toThrow('2 values but 1 weights');
    expect(() => gini([1, 2], [1, -1])).toThrow('Weight 1');
    expect(() => gini([1, Number.NaN])).toThrow('not a finite number');
    expect(() => lorenzShare(FIVE, 1.5)).toThrow('between 0 and 1');
  });
});

describe('classifyIncome', () => {
  it('known incomes, per-capita rule (3-person household 100,000–500,000)', () => {
    expect(classifyIncome({ size: 3, income: 120_000 })).toMatchObject({ incomeClass: 'middle', certainty: 'certain' });
    expect(classifyIncome({ size: 3, income: 100_000 }).incomeClass).toBe('middle'); // bounds included
    expect(classifyIncome({ size: 3, income: 500_000 }).incomeClass).toBe('middle');
    expect(classifyIncome({ size: 3, income: 500_001 }).incomeClass).toBe('high');
    expect(classifyIncome({ size: 3, income: 99_999 }).incomeClass).toBe('low');
    expect(classifyIncome({ size: 4, income: 36_000 })).toMatchObject({
      incomeClass: 'below10k',
      perCapita: { low: 9000, high: 9000 },
    });
    expect(classifyIncome({ size: 1, income: 10_000 }).incomeClass).toBe('low'); // 10,000 is not below 10,000
    expect(classifyIncome({ size: 2, income: -3_000 }).incomeClass).toBe('below10k');
    // Other sizes on the same per-capita basis: 1 person ≥ 33,333.33; 6 persons ≥ 200,000.
    expect(classifyIncome({ size: 1, income: 33_333 }).incomeClass).toBe('low');
    expect(classifyIncome({ size: 1, income: 33_334 }).incomeClass).toBe('middle');
    expect(classifyIncome({ size: 6, income: 200_000 }).incomeClass).toBe('middle');
  });

  it('a survey bracket that straddles a boundary is only possibly in each class', () => {
    const straddle = classifyIncome({ size: 2, bracketLow: 60_000, bracketHigh: 70_000 });
    expect(straddle).toMatchObject({
      incomeClass: 'low',
      certainty: 'possible',
      candidates: ['low', 'middle'],
      perCapita: { low: 30_000, high: 35_000 },
    });
    expect(incomeClassTest(straddle, 'middle')).toBe('possibly');
    expect(incomeClassTest(straddle, 'below10k')).toBe('no');
  });

  it('10,000-yuan brackets never straddle the 10,000 per-capita line for whole sizes; coarser ones can', () => {
    const below = classifyIncome({ size: 3, bracketLow: 20_000, bracketHigh: 30_000 });
    expect(below).toMatchObject({ incomeClass: 'below10k', certainty: 'certain' });
    expect(incomeClassTest(below, 'below10k')).toBe('yes');
    const coarse = classifyIncome({ size: 3, bracketLow: 20_000, bracketHigh: 40_000 });
    expect(coarse).toMatchObject({ incomeClass: 'below10k', certainty: 'possible', candidates: ['below10k', 'low'] });
    expect(incomeClassTest(coarse, 'below10k')).toBe('possibly');
  });

  it('an open top bracket', () => {
    expect(classifyIncome({ size: 3, bracketLow: 500_000, bracketHigh: null })).toMatchObject({
      certainty: 'possible',
      candidates: ['middle', 'high'], // exactly 500,000 is still middle
      perCapita: { low: 500_000 / 3, high: null },
    });
    expect(classifyIncome({ size: 3, bracketLow: 510_000, bracketHigh: null })).toMatchObject({
      incomeClass: 'high',
      certainty: 'certain',
    });
  });

  it('the rule is configurable', () => {
    // Compare the household's total income with 100,000–500,000 whatever its size.
    expect(classifyIncome({ size: 5, income: 120_000 }, { basis: 'household' }).incomeClass).toBe('middle');
    expect(classifyIncome({ size: 5, income: 120_000 }).incomeClass).toBe('low'); // 24,000 per person
    expect(classifyIncome({ size: 3, income: 27_000 }, { bottomLine: 8_000 }).incomeClass).toBe('low');
  });

  it('refuses impossible households', () => {
    expect(() => classifyIncome({ size: 0, income: 1000 })).toThrow('Household size');
    expect(() => classifyIncome({ size: 2.5, income: 1000 })).toThrow('Household size');
    expect(() => classifyIncome({ size: 2, bracketLow: 20_000, bracketHigh: 10_000 })).toThrow(
      'Invalid income bracket',
    );
    expect(() => classifyIncome({ size: 2, income: 1 }, { middleLow: 5, middleHigh: 1 })).toThrow(
      'Invalid income class rule',
    );
  });
});

describe('incomeClassCounts', () => {
  it('keeps certain and possible apart and bounds the middle-income share', () => {
    const counts = incomeClassCounts([
      { size: 3, income: 120_000 },
      { size: 4, income: 36_000 },
      { size: 2, bracketLow: 60_000, bracketHigh: 70_000 },
      { size: 3, income: 60_000 },
    ]);
    expect(counts.total).toBe(4);
    expect(counts.certain).toEqual({ below10k: 1, low: 1, middle: 1, high: 0 });
    expect(counts.possible).toEqual({ below10k: 0, low: 1, middle: 1, high: 0 });
    expect(counts.middleShare).toEqual({ low: 0.25, high: 0.5 });
    expect(incomeClassCounts([]).middleShare).toBeNull();
  });
});
