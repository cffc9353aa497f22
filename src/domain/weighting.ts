/**
 * Alternative weightings for comparing units (DOMAIN.md §2.2): the entropy weight method (熵权法) and TOPSIS
 * (逼近理想解排序法), as the academic indices of common prosperity use them. They sit beside the city's own weights
 * and never replace them. Pure functions over a units × indicators matrix.
 *
 * The convention (stated in the UI through `WEIGHTING_CONVENTION`):
 * 1. Per-column min–max normalisation: r = (x − min) / (max − min) for higher-is-better columns,
 *    r = (max − x) / (max − min) for lower-is-better ones (reversed), so 1 is always the best unit of the column.
 *    A column whose values are all equal carries no information: r = 1 for every unit and its entropy is 1.
 * 2. Shares p = r / Σr over the units; entropy e = −k Σ p ln p with k = 1 / ln n and 0 · ln 0 = 0. With
 *    `shift` (a common 0.0001), the shares are taken of r + shift, so no logarithm meets 0.
 * 3. Weights w = (1 − e) / Σ(1 − e): a column whose values differ more between units weighs more.
 * 4. Entropy score = 100 × Σ w·r (the unshifted normalised values): 100 for a unit best on every column.
 * 5. TOPSIS on the weighted normalised matrix v = w·r: the ideal is each column's maximum, the anti-ideal its
 *    minimum; closeness C = D⁻ / (D⁺ + D⁻) with Euclidean distances D⁺ to the ideal and D⁻ to the anti-ideal.
 *
 * Units with a missing value in any used column cannot be placed: the caller drops either the unit or the column
 * and says so (`entropyWeights` refuses nulls).
 */
import type { LocalizedText } from './text.ts';

export interface WeightingColumn {
  code: string;
  direction: 'higher' | 'lower';
}

export interface EntropyResult {
  /** Normalised matrix r, units × columns, 0–1, 1 the best. */
  normalised: number[][];
  entropies: number[];
  weights: number[];
  /** 100 × Σ w·r per unit. */
  scores: number[];
}

export interface TopsisResult {
  /** Closeness to the ideal, 0–1, per unit. */
  closeness: number[];
  distanceToIdeal: number[];
  distanceToAntiIdeal: number[];
}

export const WEIGHTING_CONVENTION: Readonly<Record<'entropy' | 'topsis', LocalizedText>> = {
  entropy: {
    zh: '熵权法：各指标按列做极差标准化（正向指标 (x−min)/(max−min)，逆向指标 (max−x)/(max−min)），计算各单位占比 p 与信息熵 e = −Σp·ln p / ln n（0·ln0 取 0），权重 = (1−e)/Σ(1−e)；单位之间差异越大的指标权重越高。得分 = 100 × Σ 权重 × 标准化值。',
    en: 'Entropy weights: per-column min–max normalisation (higher-is-better (x−min)/(max−min), lower-is-better reversed), shares p and entropy e = −Σ p ln p / ln n (0·ln 0 = 0), weight = (1−e)/Σ(1−e): columns that differ more between units weigh more. Score = 100 × Σ weight × normalised value.',
  },
  topsis: {
    zh: 'TOPSIS：在熵权加权后的标准化矩阵上，取各指标最大值为正理想解、最小值为负理想解，计算各单位到两者的欧氏距离 D⁺、D⁻，贴近度 = D⁻/(D⁺+D⁻)，越接近 1 越好。',
    en: 'TOPSIS: on the entropy-weighted normalised matrix, the ideal is each column’s maximum and the anti-ideal its minimum; closeness = D⁻/(D⁺+D⁻) from the Euclidean distances, 1 the best.',
  },
};

/**
 * Entropy weights and scores of a units × columns matrix.
 *
 * @example the worked example of issue 7 (5 units × 4 indicators: income +, urban–rural ratio −, doctors per
 *   1,000 +, low-income share −) → entropies 0.7607, 0.7952, 0.7970, 0.7344; weights 0.2622, 0.2244, 0.2224,
 *   0.2910; scores 82.11, 44.80, 61.88, 22.44, 22.13
 */
export function entropyWeights(
  matrix: readonly (readonly number[])[],
  columns: readonly WeightingColumn[],
  options: { shift?: number } = {},
): EntropyResult {
  const n = matrix.length;
  const m = columns.length;
  if (n < 2) throw new RangeError(`Entropy weights need at least 2 units, got ${n}`);
  if (m < 1) throw new RangeError('Entropy weights need at least 1 indicator');
  const shift = options.shift ?? 0;
  if (!Number.isFinite(shift) || shift < 0) throw new RangeError(`Invalid shift ${shift}`);
  matrix.forEach((row, i) => {
    if (row.length !== m) throw new RangeError(`Row ${i + 1} has ${row.length} values, expected ${m}`);
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new RangeError(`Row ${i + 1}, column ${j + 1} (${columns[j]?.code ?? j}) is not a number: ${String(v)}`);
      }
    });
  });

  const normalised = matrix.map(() => new Array<number>(m).fill(0));
  const entropies: number[] = [];
  const k = 1 / Math.log(n);
  for (let j = 0; j < m; j++) {
    const col = matrix.map((row) => row[j] as number);
    const min = Math.min(...col);
    const max = Math.max(...col);
    const lower = (columns[j] as WeightingColumn).direction === 'lower';
    for (let i = 0; i < n; i++) {
      const x = col[i] as number;
      (normalised[i] as number[])[j] = max === min ? 1 : lower ? (max - x) / (max - min) : (x - min) / (max - min);
    }
    const shifted = normalised.map((row) => (row[j] as number) + shift);
    const total = shifted.reduce((a, b) => a + b, 0);
    let e = 0;
    for (const r of shifted) {
      const p = r / total;
      if (p > 0) e -= p * Math.log(p);
    }
    entropies.push(k * e);
  }
  const diversity = entropies.map((e) => 1 - e);
  const sum = diversity.reduce((a, b) => a + b, 0);
  // Every column constant: no information anywhere, equal weights.
  const weights = sum > 0 ? diversity.map((d) => d / sum) : diversity.map(() => 1 / m);
  const scores = normalised.map((row) => 100 * row.reduce((s, r, j) => s + r * (weights[j] as number), 0));
  return { normalised, entropies, weights, scores };
}

/**
 * TOPSIS closeness on the weighted normalised matrix v = w·r (r from `entropyWeights`, or any 0–1 matrix).
 *
 * @example the worked example of issue 7 with its entropy weights → A 0.7697, B 0.4813, C 0.5730, D 0.3325,
 *   E 0.2280
 */
export function topsis(normalised: readonly (readonly number[])[], weights: readonly number[]): TopsisResult {
  const m = weights.length;
  const v = normalised.map((row) => row.map((r, j) => r * (weights[j] as number)));
  const ideal = Array.from({ length: m }, (_, j) => Math.max(...v.map((row) => row[j] as number)));
  const anti = Array.from({ length: m }, (_, j) => Math.min(...v.map((row) => row[j] as number)));
  const distance = (row: readonly number[], to: readonly number[]): number =>
    Math.sqrt(row.reduce((s, x, j) => s + (x - (to[j] as number)) ** 2, 0));
  const distanceToIdeal = v.map((row) => distance(row, ideal));
  const distanceToAntiIdeal = v.map((row) => distance(row, anti));
  const closeness = v.map((_, i) => {
    const plus = distanceToIdeal[i] as number;
    const minus = distanceToAntiIdeal[i] as number;
    // Every unit equal: all are both ideal and anti-ideal.
    return plus + minus === 0 ? 1 : minus / (plus + minus);
  });
  return { closeness, distanceToIdeal, distanceToAntiIdeal };
}

/** How a ranking view weighs the indicators: the city's own weights (the default) or an alternative. */
export const WEIGHTING_METHODS = ['city', 'equal', 'entropy', 'topsis'] as const;
export type WeightingMethod = (typeof WEIGHTING_METHODS)[number];

export const WEIGHTING_NAMES: Readonly<Record<WeightingMethod, LocalizedText>> = {
  city: { zh: '本市权重（默认）', en: 'The city’s weights (default)' },
  equal: { zh: '等权重', en: 'Equal weights' },
  entropy: { zh: '熵权法', en: 'Entropy weights' },
  topsis: { zh: 'TOPSIS（熵权）', en: 'TOPSIS (entropy-weighted)' },
};

export const EQUAL_CONVENTION: LocalizedText = {
  zh: '等权重：各指标不分维度、不计本市权重，同等计入；综合得分为各指标得分（0–120 分，按本市评价规则）的简单平均。',
  en: 'Equal weights: every indicator counts the same, whatever its dimension and the city’s weight; the score is the plain mean of the indicators’ scores (0–120, the city’s scoring rule).',
};

export interface AlternativeColumn extends WeightingColumn {
  /** Per unit (in the order of `unitIds`), the figure; null where the unit has none. */
  values: readonly (number | null)[];
  /** Per unit, the indicator's score on the city's scale (for equal weights), null where none. */
  scores: readonly (number | null)[];
}

export interface AlternativeRanking {
  method: Exclude<WeightingMethod, 'city'>;
  /** Per unit, in the order given: the score (0–100 entropy, 0–1 closeness, 0–120 equal) and the rank. */
  units: { orgUnitId: string; score: number | null; rank: number | null }[];
  /** The columns used, with the weight each got (and for entropy methods the entropy it derived it from). */
  weights: { code: string; weight: number; entropy: number | null }[];
  /** Columns left out because a unit has no figure (entropy and TOPSIS need a full matrix). */
  dropped: string[];
}

/**
 * Ranks units by an alternative weighting, beside (never instead of) the city's composite.
 * - `equal`: the mean of each unit's indicator scores, every scored indicator counting once.
 * - `entropy` / `topsis`: over the indicators every unit has a figure for (the others are `dropped` and said so),
 *   on the figures themselves with their direction, by `entropyWeights` and `topsis`.
 *
 * @example alternativeRanking('entropy', ['A','B','C','D','E'], the worked example of issue 7) → scores 82.11,
 *   44.80, 61.88, 22.44, 22.13, ranks 1, 3, 2, 4, 5; weights 0.2622, 0.2244, 0.2224, 0.2910
 */
export function alternativeRanking(
  method: Exclude<WeightingMethod, 'city'>,
  unitIds: readonly string[],
  columns: readonly AlternativeColumn[],
): AlternativeRanking {
  const n = unitIds.length;
  const ranked = (scores: readonly (number | null)[]) => {
    const order = scores
      .map((s, i) => ({ i, s }))
      .filter((x): x is { i: number; s: number } => x.s !== null)
      .sort((a, b) => b.s - a.s || a.i - b.i);
    const rankOf = new Map<number, number>();
    order.forEach((x, k) => {
      const prev = order[k - 1];
      rankOf.set(x.i, prev && Math.abs(prev.s - x.s) < 1e-9 ? (rankOf.get(prev.i) as number) : k + 1);
    });
    return unitIds.map((orgUnitId, i) => ({ orgUnitId, score: scores[i] ?? null, rank: rankOf.get(i) ?? null }));
  };
  if (method === 'equal') {
    const used = columns.filter((c) => c.scores.some((s) => s !== null));
    const scores = unitIds.map((_, i) => {
      const xs = used.map((c) => c.scores[i]).filter((s): s is number => s !== null && s !== undefined);
      return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
    });
    return {
      method,
      units: ranked(scores),
      weights: used.map((c) => ({ code: c.code, weight: 1 / used.length, entropy: null })),
      dropped: columns.filter((c) => !used.includes(c)).map((c) => c.code),
    };
  }
  const full = columns.filter((c) => c.values.length === n && c.values.every((v) => v !== null && Number.isFinite(v)));
  const dropped = columns.filter((c) => !full.includes(c)).map((c) => c.code);
  if (n < 2 || full.length === 0) {
    return { method, units: ranked(unitIds.map(() => null)), weights: [], dropped };
  }
  const matrix = unitIds.map((_, i) => full.map((c) => c.values[i] as number));
  const e = entropyWeights(matrix, full);
  const scores = method === 'entropy' ? e.scores : topsis(e.normalised, e.weights).closeness;
  return {
    method,
    units: ranked(scores),
    weights: full.map((c, j) => ({ code: c.code, weight: e.weights[j] as number, entropy: e.entropies[j] as number })),
    dropped,
  };
}
