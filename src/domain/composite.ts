/**
 * Composite scores and rankings of org units (DOMAIN.md §2.2).
 *
 * Composite rule — weighted means, renormalised over what was measured:
 * - A dimension's score is the weighted mean of its indicators' scores, over the indicators that have a score:
 *   Σ wᵢ·sᵢ / Σ wᵢ. An indicator without a score (no data, no target) drops out and the remaining weights are
 *   renormalised, so a missing figure neither counts as 0 nor as 100. No scored indicator → null.
 * - The overall score is the weighted mean of the dimension scores with the dimension weights, again over the
 *   dimensions that have a score. A dimension missing from `dimensionWeights` has weight 0: it is reported in
 *   `byDimension` but does not count toward the overall score.
 * - Coverage is the share of the full composite weight that was actually measured: each indicator's effective
 *   weight is (its dimension's weight) × (its weight ÷ the total indicator weight of its dimension), and coverage
 *   is the effective weight of the scored indicators over that of all indicators. Show it beside the score: an
 *   overall 105 with coverage 0.4 says little.
 *
 * Ranking is standard competition ranking (1, 2, 2, 4): higher score first, equal scores (compared to 6 decimals)
 * share a rank, units without a score come last with rank null.
 */

export interface IndicatorScore {
  indicatorCode: string;
  dimensionCode: string;
  /** Weight of the indicator within its dimension (the seeds' weights sum to 100 per dimension). */
  weight: number;
  score: number | null;
}

export interface CompositeScore {
  overall: number | null;
  byDimension: Record<string, number | null>;
  /** Measured share (0–1) of the full composite weight; 0 when nothing carries weight. */
  coverage: number;
  scoredCount: number;
  indicatorCount: number;
}

/**
 * Weighted composite score of one unit, by dimension and overall.
 *
 * @example composite(
 *   [{ indicatorCode: 'GDP', dimensionCode: 'D2', weight: 60, score: 112 },
 *    { indicatorCode: 'FAI', dimensionCode: 'D2', weight: 40, score: 90 },
 *    { indicatorCode: 'MID', dimensionCode: 'D5', weight: 100, score: null }],
 *   { D2: 50, D5: 50 })
 *   → { overall: 103.2, byDimension: { D2: 103.2, D5: null }, coverage: 0.5, scoredCount: 2, indicatorCount: 3 }
 */
export function composite(
  results: readonly IndicatorScore[],
  dimensionWeights: Readonly<Record<string, number>>,
): CompositeScore {
  for (const [code, weight] of Object.entries(dimensionWeights)) {
    assertWeight(weight, `dimension ${code}`);
  }
  const groups = new Map<string, { totalWeight: number; scoredWeight: number; weightedSum: number }>();
  for (const code of Object.keys(dimensionWeights))
    groups.set(code, { totalWeight: 0, scoredWeight: 0, weightedSum: 0 });
  let scoredCount = 0;
  for (const result of results) {
    assertWeight(result.weight, `indicator ${result.indicatorCode}`);
    const group = groups.get(result.dimensionCode) ?? { totalWeight: 0, scoredWeight: 0, weightedSum: 0 };
    groups.set(result.dimensionCode, group);
    group.totalWeight += result.weight;
    if (result.score !== null && Number.isFinite(result.score)) {
      scoredCount++;
      group.scoredWeight += result.weight;
      group.weightedSum += result.weight * result.score;
    }
  }

  const byDimension: Record<string, number | null> = {};
  let overallSum = 0;
  let overallWeight = 0;
  let fullWeight = 0;
  let measuredWeight = 0;
  for (const [code, group] of groups) {
    const score = group.scoredWeight > 0 ? group.weightedSum / group.scoredWeight : null;
    byDimension[code] = score;
    const weight = dimensionWeights[code] ?? 0;
    if (group.totalWeight > 0) {
      fullWeight += weight;
      measuredWeight += (weight * group.scoredWeight) / group.totalWeight;
    }
    if (score !== null && weight > 0) {
      overallSum += weight * score;
      overallWeight += weight;
    }
  }
  return {
    overall: overallWeight > 0 ? overallSum / overallWeight : null,
    byDimension,
    coverage: fullWeight > 0 ? measuredWeight / fullWeight : 0,
    scoredCount,
    indicatorCount: results.length,
  };
}

/**
 * Standard competition ranking (1, 2, 2, 4) by score, highest first; units without a score last, rank null.
 * Units keep any other fields; equal ranks keep their input order.
 *
 * @example rank([{ orgUnitId: 'dongqu', score: 98 }, { orgUnitId: 'xiqu', score: 104 },
 *   { orgUnitId: 'renhe', score: 98 }, { orgUnitId: 'miyi', score: null }, { orgUnitId: 'yanbian', score: 90 }])
 *   → xiqu 1, dongqu 2, renhe 2, yanbian 4, miyi null
 */
export function rank<T extends { orgUnitId: string; score: number | null }>(
  units: readonly T[],
): (T & { rank: number | null })[] {
  const key = (score: number | null): number | null =>
    score === null || !Number.isFinite(score) ? null : Math.round(score * 1e6);
  const ordered = units
    .map((unit, position) => ({ unit, position, key: key(unit.score) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) {
        return (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || a.position - b.position;
      }
      return b.key - a.key || a.position - b.position;
    });
  let previousKey: number | null = null;
  let previousRank = 0;
  return ordered.map(({ unit, key: k }, i) => {
    if (k === null) return { ...unit, rank: null };
    const r = k === previousKey ? previousRank : i + 1;
    previousKey = k;
    previousRank = r;
    return { ...unit, rank: r };
  });
}

function assertWeight(weight: number, what: string): void {
  if (!Number.isFinite(weight) || weight < 0) {
    throw new RangeError(`Invalid weight ${weight} for ${what}: weights must be finite and not negative`);
  }
}
