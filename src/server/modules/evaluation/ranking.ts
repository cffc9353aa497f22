import {
  alternativeRanking,
  EQUAL_CONVENTION,
  WEIGHTING_CONVENTION,
  WEIGHTING_NAMES,
  type WeightingMethod,
} from '../../../domain/weighting.ts';
import type { MatrixResponse, RankingRow, WeightingResponse } from '../../../shared/api/evaluation.ts';

/** The ranking table from a matrix: the county-level units in rank order with their colour counts. */
export function rankingOf(m: MatrixResponse, cityId: string): RankingRow[] {
  const names = new Map(m.units.map((u) => [u.id, u]));
  const counts = new Map<string, { red: number; yellow: number; green: number }>();
  for (const c of m.cells) {
    const k = counts.get(c.orgUnitId) ?? { red: 0, yellow: 0, green: 0 };
    if (c.colour === 'red' || c.colour === 'yellow' || c.colour === 'green') k[c.colour]++;
    counts.set(c.orgUnitId, k);
  }
  return m.composites
    .filter((c) => c.orgUnitId !== cityId)
    .map((c) => ({
      orgUnitId: c.orgUnitId,
      name: names.get(c.orgUnitId)?.name ?? c.orgUnitId,
      nameEn: names.get(c.orgUnitId)?.nameEn ?? c.orgUnitId,
      overall: c.overall,
      rank: c.rank,
      method: 'city' as const,
      cityOverall: c.overall,
      cityRank: c.rank,
      byDimension: c.byDimension,
      coverage: c.coverage,
      ...(counts.get(c.orgUnitId) ?? { red: 0, yellow: 0, green: 0 }),
    }))
    .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
}

/**
 * The ranking by another weighting than the city's (DOMAIN §2.2): equal weights over the indicators' scores, or
 * entropy weights / TOPSIS over the figures themselves, on the indicators the ranked units report. The city's own
 * composite and rank stay in every row; the weights derived, and the indicators left out, are returned with it.
 */
export function weightedRankingOf(
  m: MatrixResponse,
  cityId: string,
  method: WeightingMethod,
  directions: ReadonlyMap<string, 'higher' | 'lower'>,
): WeightingResponse {
  const base = rankingOf(m, cityId);
  const name = WEIGHTING_NAMES[method];
  if (method === 'city') {
    return {
      method,
      name,
      convention: {
        zh: '本市权重：按指标体系设定的维度权重与指标权重加权，达到确保目标计 100 分、力争目标计 120 分。',
        en: 'The city’s weights: the framework’s dimension and indicator weights; floor met 100, stretch 120.',
      },
      asOf: m.asOf,
      rows: base,
      weights: [],
      dropped: [],
    };
  }
  const unitIds = base.map((r) => r.orgUnitId);
  const cells = new Map(m.cells.map((c) => [`${c.indicatorCode}|${c.orgUnitId}`, c]));
  // The indicators the ranked units are compared on: those reported by districts (not the city's own).
  const indicators = m.indicators.filter((i) => i.scope === 'cityAndDistricts' && directions.has(i.code));
  const columns = indicators.map((i) => ({
    code: i.code,
    direction: directions.get(i.code) as 'higher' | 'lower',
    values: unitIds.map((u) => cells.get(`${i.code}|${u}`)?.actual ?? null),
    scores: unitIds.map((u) => cells.get(`${i.code}|${u}`)?.score ?? null),
  }));
  const r = alternativeRanking(method, unitIds, columns);
  const byUnit = new Map(r.units.map((u) => [u.orgUnitId, u]));
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  return {
    method,
    name,
    convention: method === 'equal' ? EQUAL_CONVENTION : WEIGHTING_CONVENTION[method],
    asOf: m.asOf,
    rows: base
      .map((row) => ({
        ...row,
        method,
        overall: byUnit.get(row.orgUnitId)?.score ?? null,
        rank: byUnit.get(row.orgUnitId)?.rank ?? null,
      }))
      .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999)),
    weights: r.weights.map((w) => ({
      code: w.code,
      name: byCode.get(w.code)?.name ?? w.code,
      nameEn: byCode.get(w.code)?.nameEn ?? w.code,
      direction: directions.get(w.code) ?? 'higher',
      weight: w.weight,
      entropy: w.entropy,
    })),
    dropped: r.dropped.map((code) => ({
      code,
      name: byCode.get(code)?.name ?? code,
      nameEn: byCode.get(code)?.nameEn ?? code,
    })),
  };
}
