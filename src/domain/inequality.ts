/**
 * Inequality measures and income classes for low-income household monitoring (DOMAIN.md §2.5).
 *
 * Measures take per-capita incomes and optional weights. With household data, pass each household's per-capita
 * income and its size as the weight: the measures are then over people, as statistics bureaus report them.
 * Without weights every value counts once. All measures are population measures (no small-sample correction), and
 * without weights they agree with R's `ineq` package (Gini, Theil, entropy, Atkinson) to 1e-9 — see the tests.
 *
 * Bad input and undefined results:
 * - **Negative incomes are refused** by every inequality measure with an `IncomeError` naming the value (a Gini
 *   of 1.4375 from a negative income means nothing). `mean` and `median` accept them.
 * - Non-finite values, negative weights and lengths that differ are a RangeError.
 * - A measure returns null when it is undefined for the data: nothing to measure, a total income of 0.
 *
 * **Zeros** (people with no income) are people: they count in the mean and in every measure that is defined with
 * them — Gini, S80/S20, Palma, the poverty measures, GE(α) for α > 0 (Theil T with 0·ln 0 = 0), Atkinson(ε) for
 * ε < 1. The measures that take the logarithm or a negative power of incomes — MLD (GE(0)), GE(α) for α < 0,
 * Atkinson(ε) for ε ≥ 1 — are undefined with a zero income and return null (R gives Inf). R `ineq::Theil(x, 0)`
 * instead drops zero incomes before computing the mean; `theil(x, w, { zeros: 'drop' })` reproduces it.
 *
 * Quantile shares (S80/S20, Palma) read the Lorenz curve: people are ordered by income and a unit's weight can be
 * split at a quantile boundary (linear interpolation on the Lorenz curve), so 5 equal people's worth of weight
 * divides exactly into fifths; see `INEQUALITY_HELP` for the definitions as the UI states them.
 *
 * Income classes — the rule (configurable through `IncomeClassRule`):
 * - `below10k`: per-capita annual income below 10,000 yuan (消底: "年收入1万元以下家庭动态清零").
 * - `middle`: the middle-income group, "a three-person household with annual income of 100,000–500,000 yuan"
 *   (中等收入群体), compared per capita by default: 100,000 ÷ 3 ≤ per-capita income ≤ 500,000 ÷ 3, i.e.
 *   33,333.33–166,666.67 yuan per person, both bounds included; basis `household` compares the household's total
 *   income with 100,000–500,000 whatever its size instead.
 * - `low`: from 10,000 per capita up to the middle band; `high`: above it. `below10k` wins over the others.
 * - A household known only by its survey bracket (以1万元为阶梯: `bracketLow` ≤ income < `bracketHigh`, `null`
 *   for an open top bracket) may straddle a boundary: then every class it could fall in is listed and the
 *   result is `possible`, never a guess. `incomeClass` is the lowest candidate, so a filter on `below10k` never
 *   misses a household that may be below the line.
 */
import type { LocalizedText } from './text.ts';

/** A negative income given to an inequality measure; `index` is the 0-based position of the value. */
export class IncomeError extends RangeError {
  readonly index: number;
  readonly value: number;
  readonly text: LocalizedText;
  constructor(index: number, value: number) {
    const text = {
      zh: `收入不能为负数：第 ${index + 1} 个值为 ${value}`,
      en: `Incomes must not be negative: value ${index + 1} is ${value}`,
    };
    super(`${text.zh} / ${text.en}`);
    this.name = 'IncomeError';
    this.index = index;
    this.value = value;
    this.text = text;
  }
}

/** Definitions as the UI's help shows them (zh first). */
export const INEQUALITY_HELP = {
  gini: {
    zh: '基尼系数：所有人两两收入差的绝对值的平均数除以平均收入的 2 倍；0 为完全平等，越接近 1 越不平等。',
    en: 'Gini: the mean absolute difference between all pairs of people over twice the mean income; 0 is equality.',
  },
  theil: {
    zh: '泰尔指数（GE(1)）：各人收入与平均收入之比乘以其对数的平均数；零收入按 0·ln0 = 0 计入。',
    en: 'Theil T (GE(1)): the mean of (x/μ)·ln(x/μ); zero incomes count with 0·ln 0 = 0.',
  },
  mld: {
    zh: '平均对数偏差（MLD，GE(0)）：平均收入与各人收入之比的对数的平均数；有零收入时无定义。',
    en: 'Mean log deviation (MLD, GE(0)): the mean of ln(μ/x); undefined when anyone has no income.',
  },
  atkinson: {
    zh: '阿特金森指数 A(ε)：1 − 均等分配等价收入 ÷ 平均收入，ε 越大越重视低收入者；ε ≥ 1 时有零收入无定义。',
    en: 'Atkinson A(ε): 1 − equally-distributed-equivalent income ÷ mean; larger ε weighs the poor more; undefined with a zero income for ε ≥ 1.',
  },
  s80s20: {
    zh: 'S80/S20：收入最高的 20% 人口的收入总和 ÷ 收入最低的 20% 人口的收入总和（按人口排序，在洛伦兹曲线上插值切分）。',
    en: 'S80/S20: total income of the richest 20% of people over that of the poorest 20% (people ordered by income, split on the Lorenz curve).',
  },
  palma: {
    zh: '帕尔马比值：收入最高的 10% 人口的收入总和 ÷ 收入最低的 40% 人口的收入总和（在洛伦兹曲线上线性插值切分）。',
    en: 'Palma ratio: total income of the richest 10% of people over that of the poorest 40% (interpolated linearly on the Lorenz curve).',
  },
  fgt: {
    zh: 'FGT(α)：低于贫困线者的收入缺口占贫困线比例的 α 次方的人口平均；α = 0 为贫困发生率，α = 1 为贫困缺口指数，α = 2 为贫困强度（平方缺口）。',
    en: 'FGT(α): the population mean of ((z − x)/z)^α over people below the line z; α = 0 headcount, 1 poverty gap, 2 squared gap (severity).',
  },
} as const satisfies Record<string, LocalizedText>;

/** Fails when values and weights cannot be measured; `incomes` also refuses negative values. */
function prepare(
  values: readonly number[],
  weights?: readonly number[],
  incomes = false,
): { x: number[]; w: number[] } {
  if (weights !== undefined && weights.length !== values.length) {
    throw new RangeError(`Got ${values.length} values but ${weights.length} weights`);
  }
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`Value ${i} is not a finite number: ${v}`);
    if (incomes && v < 0) throw new IncomeError(i, v);
  });
  const w = weights === undefined ? values.map(() => 1) : [...weights];
  w.forEach((v, i) => {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`Weight ${i} must be a finite number ≥ 0, got ${v}`);
  });
  return { x: [...values], w };
}

/** Sorted ascending by value, zero weights dropped. */
function sortedPairs(
  values: readonly number[],
  weights?: readonly number[],
  incomes = true,
): { x: number; w: number }[] {
  const { x, w } = prepare(values, weights, incomes);
  return x
    .map((value, i) => ({ x: value, w: w[i] as number }))
    .filter((p) => p.w > 0)
    .sort((a, b) => a.x - b.x);
}

function totals(pairs: readonly { x: number; w: number }[]): { people: number; income: number } {
  let people = 0;
  let income = 0;
  for (const p of pairs) {
    people += p.w;
    income += p.w * p.x;
  }
  return { people, income };
}

/**
 * (Weighted) mean.
 *
 * @example mean([10000, 20000, 30000, 40000, 100000]) === 40000
 */
export function mean(values: readonly number[], weights?: readonly number[]): number | null {
  const { people, income } = totals(sortedPairs(values, weights, false));
  return people > 0 ? income / people : null;
}

/**
 * (Weighted) median: the middle value; with an even count (or weight splitting exactly in half), the mean of the
 * two middle values.
 *
 * @example median([10000, 20000, 30000, 40000, 100000]) === 30000; median([1, 2, 3, 4]) === 2.5
 * @example median([8000, 40000], [1, 3]) === 40000 (three of the four people have 40,000)
 */
export function median(values: readonly number[], weights?: readonly number[]): number | null {
  const pairs = sortedPairs(values, weights, false);
  const { people } = totals(pairs);
  if (people === 0) return null;
  const half = people / 2;
  let cumulative = 0;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i] as { x: number; w: number };
    cumulative += pair.w;
    if (Math.abs(cumulative - half) <= 1e-12 * people) {
      const next = pairs[i + 1];
      return next === undefined ? pair.x : (pair.x + next.x) / 2;
    }
    if (cumulative > half) return pair.x;
  }
  return (pairs[pairs.length - 1] as { x: number }).x;
}

/**
 * Gini coefficient: the mean absolute difference between all pairs of people over twice the mean
 * (0 = all equal; 1 − 1/n when one of n has everything). Null when the mean is 0 or below.
 *
 * @example gini([10000, 20000, 30000, 40000, 100000]) === 0.4
 * @example gini([30000, 30000, 30000]) === 0
 */
export function gini(values: readonly number[], weights?: readonly number[]): number | null {
  const pairs = sortedPairs(values, weights);
  const { people, income } = totals(pairs);
  if (people === 0 || income <= 0) return null;
  // Σᵢ Σⱼ wᵢwⱼ|xᵢ − xⱼ| = 2 Σᵢ wᵢxᵢ (2Cᵢ − wᵢ − W), with Cᵢ the cumulative weight up to i, sorted ascending.
  let cumulative = 0;
  let sum = 0;
  for (const p of pairs) {
    cumulative += p.w;
    sum += p.w * p.x * (2 * cumulative - p.w - people);
  }
  return sum / (people * income);
}

/**
 * Theil index T (GE(1)): the mean of (x/μ)·ln(x/μ). Zero incomes count, with 0·ln 0 = 0 (the default,
 * `zeros: 'keep'`); `zeros: 'drop'` leaves them out of the mean too, as R `ineq::Theil(x, 0)` does.
 *
 * @example theil([10000, 20000, 30000, 40000, 100000]) ≈ 0.2764
 * @example theil([0, 0, 0, 100]) === ln 4 ≈ 1.3863 (one person has everything); with zeros 'drop' → 0
 */
export function theil(
  values: readonly number[],
  weights?: readonly number[],
  options: { zeros?: 'keep' | 'drop' } = {},
): number | null {
  let pairs = sortedPairs(values, weights);
  if (options.zeros === 'drop') pairs = pairs.filter((p) => p.x > 0);
  const { people, income } = totals(pairs);
  if (people === 0 || income <= 0) return null;
  const mu = income / people;
  let sum = 0;
  for (const p of pairs) {
    if (p.x > 0) sum += p.w * (p.x / mu) * Math.log(p.x / mu);
  }
  return sum / people;
}

/**
 * Generalised entropy GE(α): (mean((x/μ)^α) − 1) / (α(α − 1)); GE(0) is the MLD, GE(1) Theil T, GE(2) half the
 * squared coefficient of variation. Null for α ≤ 0 when an income is 0 (undefined), or when the total is 0.
 *
 * @example generalizedEntropy([10000, 20000, 30000, 40000, 100000], 2) === 0.3125
 */
export function generalizedEntropy(
  values: readonly number[],
  alpha: number,
  weights?: readonly number[],
): number | null {
  if (!Number.isFinite(alpha)) throw new RangeError(`GE parameter α must be a finite number, got ${alpha}`);
  if (alpha === 1) return theil(values, weights);
  if (alpha === 0) return mld(values, weights);
  const pairs = sortedPairs(values, weights);
  const { people, income } = totals(pairs);
  if (people === 0 || income <= 0) return null;
  if (alpha < 0 && pairs.some((p) => p.x === 0)) return null;
  const mu = income / people;
  let sum = 0;
  for (const p of pairs) sum += p.w * ((p.x / mu) ** alpha - 1);
  return sum / people / (alpha * (alpha - 1));
}

/**
 * Mean log deviation (MLD, GE(0)): the mean of ln(μ/x) = ln μ − mean(ln x). Null when an income is 0.
 *
 * @example mld([10000, 20000, 30000, 40000, 100000]) ≈ 0.290167
 */
export function mld(values: readonly number[], weights?: readonly number[]): number | null {
  const pairs = sortedPairs(values, weights);
  const { people, income } = totals(pairs);
  if (people === 0 || income <= 0 || pairs.some((p) => p.x === 0)) return null;
  const mu = income / people;
  let sum = 0;
  for (const p of pairs) sum += p.w * Math.log(mu / p.x);
  return sum / people;
}

/**
 * Atkinson index A(ε) = 1 − (equally distributed equivalent income) ÷ mean: for ε ≠ 1 the EDE is
 * mean(x^(1−ε))^(1/(1−ε)), for ε = 1 the geometric mean. ε ≥ 0. Null for ε ≥ 1 when an income is 0.
 *
 * @example atkinson([10000, 20000, 30000, 40000, 100000], 1) ≈ 0.251861 (geometric mean 29,925.6 against 40,000)
 */
export function atkinson(values: readonly number[], epsilon: number, weights?: readonly number[]): number | null {
  if (!Number.isFinite(epsilon) || epsilon < 0) {
    throw new RangeError(`Atkinson parameter ε must be a number ≥ 0, got ${epsilon}`);
  }
  const pairs = sortedPairs(values, weights);
  const { people, income } = totals(pairs);
  if (people === 0 || income <= 0) return null;
  if (epsilon >= 1 && pairs.some((p) => p.x === 0)) return null;
  const mu = income / people;
  if (epsilon === 1) {
    let logs = 0;
    for (const p of pairs) logs += p.w * Math.log(p.x / mu);
    return 1 - Math.exp(logs / people);
  }
  let sum = 0;
  for (const p of pairs) sum += p.w * (p.x / mu) ** (1 - epsilon);
  return 1 - (sum / people) ** (1 / (1 - epsilon));
}

/**
 * The Lorenz curve: the share of total income held by the poorest `populationShare` of people (0–1).
 *
 * @example lorenzShare([10000, 20000, 30000, 40000, 100000], 0.2) === 0.05 (the poorest fifth holds 5%)
 */
export function lorenzShare(
  values: readonly number[],
  populationShare: number,
  weights?: readonly number[],
): number | null {
  if (!Number.isFinite(populationShare) || populationShare < 0 || populationShare > 1) {
    throw new RangeError(`Population share must be between 0 and 1, got ${populationShare}`);
  }
  const pairs = sortedPairs(values, weights);
  const { people, income } = totals(pairs);
  if (people === 0 || income <= 0) return null;
  const target = populationShare * people;
  let cumulativePeople = 0;
  let cumulativeIncome = 0;
  for (const p of pairs) {
    if (cumulativePeople + p.w >= target) {
      cumulativeIncome += (target - cumulativePeople) * p.x;
      return cumulativeIncome / income;
    }
    cumulativePeople += p.w;
    cumulativeIncome += p.w * p.x;
  }
  return cumulativeIncome / income;
}

/**
 * S80/S20 (收入五等份比): total income of the richest 20% of people over that of the poorest 20%, people ordered by
 * income and the 20% and 80% points read on the Lorenz curve — a person (or household weight) straddling a point
 * is split linearly. Null when the poorest fifth has nothing.
 *
 * @example s80s20([10000, 20000, 30000, 40000, 100000]) === 10 (100,000 against 10,000)
 */
export function s80s20(values: readonly number[], weights?: readonly number[]): number | null {
  return quantileRatio(values, weights, 0.8, 0.2);
}

/**
 * Palma ratio: total income of the richest 10% of people over that of the poorest 40%, the 40% and 90% points read
 * on the Lorenz curve with linear interpolation (a person straddling a point is split). Null when the poorest 40%
 * have nothing.
 *
 * @example palma([10000, 20000, 30000, 40000, 100000]) ≈ 1.6667 (half of 100,000 against 10,000 + 20,000)
 */
export function palma(values: readonly number[], weights?: readonly number[]): number | null {
  return quantileRatio(values, weights, 0.9, 0.4);
}

function quantileRatio(
  values: readonly number[],
  weights: readonly number[] | undefined,
  topFrom: number,
  bottomTo: number,
): number | null {
  const bottom = lorenzShare(values, bottomTo, weights);
  const belowTop = lorenzShare(values, topFrom, weights);
  if (bottom === null || belowTop === null || bottom <= 0) return null;
  return (1 - belowTop) / bottom;
}

/**
 * Foster–Greer–Thorbecke poverty measure FGT(α) = (1/N) Σ over people strictly below the line z of ((z − x)/z)^α:
 * α = 0 the headcount ratio, α = 1 the poverty gap index, α = 2 the squared gap (severity). The line must be
 * positive, α ≥ 0.
 *
 * @example fgt([8000, 9500, 12000, 30000], 10000, 2) === 0.010625 ((0.04 + 0.0025) / 4)
 */
export function fgt(
  values: readonly number[],
  line: number,
  alpha: number,
  weights?: readonly number[],
): number | null {
  if (!Number.isFinite(line) || line <= 0) throw new RangeError(`The poverty line must be positive, got ${line}`);
  if (!Number.isFinite(alpha) || alpha < 0) throw new RangeError(`FGT parameter α must be a number ≥ 0, got ${alpha}`);
  const pairs = sortedPairs(values, weights);
  const { people } = totals(pairs);
  if (people === 0) return null;
  let sum = 0;
  for (const p of pairs) if (p.x < line) sum += p.w * ((line - p.x) / line) ** alpha;
  return sum / people;
}

/**
 * Poverty headcount ratio (FGT0): the share of people with income strictly below the line.
 *
 * @example povertyHeadcount([8000, 9500, 12000, 30000], 10000) === 0.5
 */
export function povertyHeadcount(values: readonly number[], line: number, weights?: readonly number[]): number | null {
  return fgt(values, line, 0, weights);
}

/**
 * Poverty gap index (FGT1): the mean shortfall below the line as a share of the line, counting 0 for people at or
 * above it. The line must be positive.
 *
 * @example povertyGap([8000, 9500, 12000, 30000], 10000) === 0.0625 ((0.2 + 0.05 + 0 + 0) / 4)
 */
export function povertyGap(values: readonly number[], line: number, weights?: readonly number[]): number | null {
  return fgt(values, line, 1, weights);
}

// ---------------------------------------------------------------------------------------------------------------
// Income classes

export type IncomeClass = 'below10k' | 'low' | 'middle' | 'high';

export const INCOME_CLASSES: readonly IncomeClass[] = ['below10k', 'low', 'middle', 'high'];

export interface IncomeClassRule {
  /** Per-capita annual income below which a household must be cleared (消底). Default 10,000 yuan. */
  bottomLine: number;
  /** The reference household of the middle-income definition. Default 3 persons. */
  referenceSize: number;
  /** Annual income of the reference household: lower and upper bound of the middle band, both included. */
  middleLow: number;
  middleHigh: number;
  /** `perCapita`: scale the band to the household's size (default); `household`: compare total income as is. */
  basis: 'perCapita' | 'household';
}

export const DEFAULT_INCOME_CLASS_RULE: Readonly<IncomeClassRule> = {
  bottomLine: 10_000,
  referenceSize: 3,
  middleLow: 100_000,
  middleHigh: 500_000,
  basis: 'perCapita',
};

/** A household with a known annual income, or only its survey bracket [bracketLow, bracketHigh). */
export type HouseholdIncome =
  { size: number; income: number } | { size: number; bracketLow: number; bracketHigh: number | null };

export interface IncomeClassification {
  /** The class; when uncertain, the lowest class the household may be in. */
  incomeClass: IncomeClass;
  certainty: 'certain' | 'possible';
  /** Every class the household may be in, lowest first (one when certain). */
  candidates: IncomeClass[];
  /** Per-capita income, or its range for a bracket (`high` exclusive; null for an open top bracket). */
  perCapita: { low: number; high: number | null };
}

/**
 * Classifies a household's income.
 *
 * @example classifyIncome({ size: 3, income: 120_000 }) → middle, certain (40,000 per person)
 * @example classifyIncome({ size: 4, income: 36_000 }) → below10k, certain (9,000 per person)
 * @example classifyIncome({ size: 2, bracketLow: 60_000, bracketHigh: 70_000 }) → low, possible, candidates
 *   ['low', 'middle'] (30,000–35,000 per person straddles 33,333.33)
 * @example classifyIncome({ size: 3, bracketLow: 20_000, bracketHigh: 30_000 }, { …, bottomLine: 8_000 }) →
 *   below10k, possible (6,667–10,000 per person straddles 8,000)
 */
export function classifyIncome(household: HouseholdIncome, rule: Partial<IncomeClassRule> = {}): IncomeClassification {
  const r = resolveRule(rule);
  const { size } = household;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`Household size must be a whole number ≥ 1, got ${size}`);
  const t = thresholds(size, r);

  if ('income' in household) {
    if (!Number.isFinite(household.income)) throw new RangeError(`Income must be a number, got ${household.income}`);
    const incomeClass = classOfTotal(household.income, size, r);
    const perCapita = household.income / size;
    return {
      incomeClass,
      certainty: 'certain',
      candidates: [incomeClass],
      perCapita: { low: perCapita, high: perCapita },
    };
  }

  const { bracketLow: lo, bracketHigh } = household;
  const hi = bracketHigh ?? Infinity;
  if (!Number.isFinite(lo) || Number.isNaN(hi) || hi <= lo) {
    throw new RangeError(`Invalid income bracket ${lo}–${bracketHigh ?? '∞'}: the upper bound must be above the lower`);
  }
  // Class ranges of total income: below10k (−∞, B); low [B, L); middle [L, H]; high (H, ∞). Bracket [lo, hi).
  const candidates: IncomeClass[] = [];
  if (lo < t.bottom) candidates.push('below10k');
  if (Math.max(lo, t.bottom) < Math.min(hi, t.middleLow)) candidates.push('low');
  const middleFrom = Math.max(lo, t.middleLow, t.bottom);
  if (middleFrom <= t.middleHigh && middleFrom < hi) candidates.push('middle');
  if (Math.max(lo, t.middleHigh, t.bottom) < hi && hi > t.middleHigh) candidates.push('high');
  const first = candidates[0] as IncomeClass;
  return {
    incomeClass: first,
    certainty: candidates.length === 1 ? 'certain' : 'possible',
    candidates,
    perCapita: { low: lo / size, high: bracketHigh === null ? null : bracketHigh / size },
  };
}

/**
 * Whether a classified household is in a class: 'yes', 'possibly' (its bracket straddles the boundary) or 'no'.
 *
 * @example incomeClassTest(classifyIncome({ size: 2, bracketLow: 60_000, bracketHigh: 70_000 }), 'middle')
 *   === 'possibly'
 */
export function incomeClassTest(
  classification: IncomeClassification,
  incomeClass: IncomeClass,
): 'yes' | 'possibly' | 'no' {
  if (!classification.candidates.includes(incomeClass)) return 'no';
  return classification.certainty === 'certain' ? 'yes' : 'possibly';
}

export interface IncomeClassCounts {
  total: number;
  /** Households certainly in each class. */
  certain: Record<IncomeClass, number>;
  /** Households that may be in each class but are not certainly (a household can count under several). */
  possible: Record<IncomeClass, number>;
  /**
   * Middle-income share of households: `low` counts only those certainly middle, `high` also those possibly
   * middle. Equal when every household's class is certain; null when there are no households.
   */
  middleShare: { low: number; high: number } | null;
}

/**
 * Counts households per income class, keeping certain and possible apart, with the middle-income share's bounds.
 *
 * @example incomeClassCounts([{ size: 3, income: 120_000 }, { size: 4, income: 36_000 },
 *   { size: 2, bracketLow: 60_000, bracketHigh: 70_000 }, { size: 3, income: 60_000 }])
 *   → certain { below10k: 1, low: 1, middle: 1, high: 0 }, possible { low: 1, middle: 1, … },
 *     middleShare { low: 0.25, high: 0.5 }
 */
export function incomeClassCounts(
  households: readonly HouseholdIncome[],
  rule: Partial<IncomeClassRule> = {},
): IncomeClassCounts {
  const zero = (): Record<IncomeClass, number> => ({ below10k: 0, low: 0, middle: 0, high: 0 });
  const certain = zero();
  const possible = zero();
  for (const household of households) {
    const c = classifyIncome(household, rule);
    if (c.certainty === 'certain') certain[c.incomeClass]++;
    else for (const candidate of c.candidates) possible[candidate]++;
  }
  const total = households.length;
  return {
    total,
    certain,
    possible,
    middleShare: total === 0 ? null : { low: certain.middle / total, high: (certain.middle + possible.middle) / total },
  };
}

function resolveRule(rule: Partial<IncomeClassRule>): IncomeClassRule {
  const r: IncomeClassRule = { ...DEFAULT_INCOME_CLASS_RULE };
  for (const [key, value] of Object.entries(rule)) {
    if (value !== undefined) Object.assign(r, { [key]: value });
  }
  if (!(r.bottomLine >= 0) || !(r.referenceSize > 0) || !(r.middleLow >= 0) || !(r.middleHigh >= r.middleLow)) {
    throw new RangeError(
      `Invalid income class rule: bottom line ${r.bottomLine}, reference size ${r.referenceSize}, ` +
        `middle band ${r.middleLow}–${r.middleHigh}`,
    );
  }
  return r;
}

/** The rule's boundaries as total household income for a household of `size`. */
function thresholds(size: number, r: IncomeClassRule): { bottom: number; middleLow: number; middleHigh: number } {
  const scale = r.basis === 'perCapita' ? size / r.referenceSize : 1;
  return { bottom: r.bottomLine * size, middleLow: r.middleLow * scale, middleHigh: r.middleHigh * scale };
}

/** Exact class of a known total, comparing by cross-multiplication so that 100,000 for 3 is exactly 33,333⅓ each. */
function classOfTotal(total: number, size: number, r: IncomeClassRule): IncomeClass {
  if (total < r.bottomLine * size) return 'below10k';
  const [value, low, high] =
    r.basis === 'perCapita'
      ? [total * r.referenceSize, r.middleLow * size, r.middleHigh * size]
      : [total, r.middleLow, r.middleHigh];
  if (value < low) return 'low';
  if (value <= high) return 'middle';
  return 'high';
}
