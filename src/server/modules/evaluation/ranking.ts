import type { MatrixResponse, RankingRow } from '../../../shared/api/evaluation.ts';

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
      byDimension: c.byDimension,
      coverage: c.coverage,
      ...(counts.get(c.orgUnitId) ?? { red: 0, yellow: 0, green: 0 }),
    }))
    .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
}
