import { describe, expect, it } from 'vitest';
import {
  atkinson,
  classifyIncome,
  fgt,
  generalizedEntropy,
  IncomeError,
  INEQUALITY_HELP,
  mld,
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
    // Changed with issue 7: a negative income is refused with a clear error (it gave a Gini of 1.4375).
    expect(() => theil([-500, 20000])).toThrow(IncomeError);
    expect(() => gini([20000, -500])).toThrow(
      '收入不能为负数：第 2 个值为 -500 / Incomes must not be negative: value 2 is -500',
    );
    expect(() => palma([-1, 2, 3])).toThrow(IncomeError);
    expect(mean([-500, 20000])).toBe(9750); // mean and median are not inequality measures
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

/*
 * Reference values from R ineq's formulas (ineq 0.2-13: Gini, Theil, entropy, Atkinson), computed independently of
 * this code by a 60-digit decimal Python script that transcribes the R source literally:
 *   Gini:      x sorted; G = 2 Σ x_i·i / Σx − (n + 1); G / n
 *   Theil(x,0):  x = x[x != 0]; Σ x·log(x/mean(x)) / Σx                  (= GE(1), zeros dropped)
 *   Theil(x,1):  −log(exp(mean(log x)) / mean(x))                          (= MLD, GE(0))
 *   entropy(x,k): mean((x/mean(x))^k − 1) / (k(k − 1))
 *   Atkinson(x,e): e = 1: 1 − exp(mean(log x))/mean(x); else 1 − mean((x/mean(x))^(1−e))^(1/(1−e))
 *   FGT(α):    Σ_{x<z} ((z − x)/z)^α / n (Foster, Greer and Thorbecke 1984)
 * using Decimal.ln/exp at 60 digits; the values are kept here to 15 significant digits.
 */
describe('inequality measures against R ineq reference values (1e-9)', () => {
  const SEVEN = [8000, 9500, 12000, 30000, 15500, 61000, 23000];
  const ZEROS = [0, 5000, 12000, 12000, 33000, 80000];

  it('five people', () => {
    expect(gini(FIVE)).toBeCloseTo(0.4, 9);
    expect(theil(FIVE)).toBeCloseTo(0.276363618957321, 9);
    expect(mld(FIVE)).toBeCloseTo(0.290166576451492, 9);
    expect(generalizedEntropy(FIVE, 0)).toBeCloseTo(0.290166576451492, 9);
    expect(generalizedEntropy(FIVE, 1)).toBeCloseTo(0.276363618957321, 9);
    expect(generalizedEntropy(FIVE, 2)).toBeCloseTo(0.3125, 9);
    expect(generalizedEntropy(FIVE, 0.5)).toBeCloseTo(0.276583187955859, 9);
    expect(generalizedEntropy(FIVE, -1)).toBeCloseTo(0.373333333333333, 9);
    expect(atkinson(FIVE, 0.5)).toBeCloseTo(0.133510452736691, 9);
    expect(atkinson(FIVE, 1)).toBeCloseTo(0.251861065130578, 9);
    expect(atkinson(FIVE, 2)).toBeCloseTo(0.427480916030534, 9);
    expect(atkinson(FIVE, 0)).toBe(0);
  });

  it('seven incomes around the 10,000-yuan line', () => {
    expect(gini(SEVEN)).toBeCloseTo(0.379155435759209, 9);
    expect(theil(SEVEN)).toBeCloseTo(0.243297133748944, 9);
    expect(mld(SEVEN)).toBeCloseTo(0.236701842341468, 9);
    expect(generalizedEntropy(SEVEN, 2)).toBeCloseTo(0.287538072069934, 9);
    expect(generalizedEntropy(SEVEN, 0.5)).toBeCloseTo(0.235792643270488, 9);
    expect(generalizedEntropy(SEVEN, -1)).toBeCloseTo(0.264688851803084, 9);
    expect(atkinson(SEVEN, 0.5)).toBeCloseTo(0.114421435971464, 9);
    expect(atkinson(SEVEN, 1)).toBeCloseTo(0.210773433113998, 9);
    expect(atkinson(SEVEN, 2)).toBeCloseTo(0.346139284205551, 9);
    expect(fgt(SEVEN, 10000, 0)).toBeCloseTo(0.285714285714286, 9);
    expect(fgt(SEVEN, 10000, 1)).toBeCloseTo(0.0357142857142857, 9);
    expect(fgt(SEVEN, 10000, 2)).toBeCloseTo(0.00607142857142857, 9);
  });

  it('zeros: counted where defined, null where the logarithm is; ineq’s Theil drops them', () => {
    expect(gini(ZEROS)).toBeCloseTo(0.568075117370892, 9);
    expect(theil(ZEROS)).toBeCloseTo(0.593903041622477, 9);
    expect(theil(ZEROS, undefined, { zeros: 'drop' })).toBeCloseTo(0.411581484828522, 9);
    expect(generalizedEntropy(ZEROS, 2)).toBeCloseTo(0.660781590954176, 9);
    expect(atkinson(ZEROS, 0.5)).toBeCloseTo(0.33219406736681, 9);
    expect(mld(ZEROS)).toBeNull();
    expect(generalizedEntropy(ZEROS, -1)).toBeNull();
    expect(atkinson(ZEROS, 1)).toBeNull();
    expect(atkinson(ZEROS, 2)).toBeNull();
    expect(fgt(ZEROS, 10000, 0)).toBeCloseTo(1 / 3, 9);
    expect(fgt(ZEROS, 10000, 1)).toBeCloseTo(0.25, 9);
    expect(fgt(ZEROS, 10000, 2)).toBeCloseTo(0.208333333333333, 9);
  });

  it('weights count people, as for the other measures', () => {
    expect(mld([8000, 40000], [3, 1])).toBeCloseTo(mld([8000, 8000, 8000, 40000]) as number, 12);
    expect(atkinson([8000, 40000], 2, [3, 1])).toBeCloseTo(atkinson([8000, 8000, 8000, 40000], 2) as number, 12);
    expect(fgt([8000, 40000], 10000, 2, [3, 1])).toBeCloseTo(0.75 * 0.04, 12);
  });

  it('refuses bad parameters', () => {
    expect(() => atkinson(FIVE, -1)).toThrow('ε must be a number ≥ 0');
    expect(() => fgt(FIVE, 10000, -1)).toThrow('α must be a number ≥ 0');
    expect(() => fgt(FIVE, 0, 1)).toThrow('must be positive');
    expect(() => mld([1, -2])).toThrow(IncomeError);
  });

  it('states the Palma and S80/S20 definitions for the UI', () => {
    expect(INEQUALITY_HELP.palma.zh).toContain('最高的 10%');
    expect(INEQUALITY_HELP.palma.zh).toContain('最低的 40%');
    expect(INEQUALITY_HELP.palma.zh).toContain('插值');
    expect(INEQUALITY_HELP.s80s20.zh).toContain('20%');
  });
});
