import { describe, expect, it } from 'vitest';
import { alternativeRanking, entropyWeights, topsis, WEIGHTING_CONVENTION, type WeightingColumn } from './weighting.ts';

/** The worked example of issue 7: units A–E × income (+), urban–rural ratio (−), doctors per 1,000 (+), low-income share % (−). */
const MATRIX = [
  [52000, 2.1, 3.2, 1.5],
  [48000, 2.3, 2.8, 2.0],
  [45000, 2.0, 3.5, 2.5],
  [38000, 1.9, 2.5, 3.0],
  [40000, 2.2, 2.9, 2.8],
];
const COLUMNS: WeightingColumn[] = [
  { code: 'income', direction: 'higher' },
  { code: 'ratio', direction: 'lower' },
  { code: 'doctors', direction: 'higher' },
  { code: 'lowIncome', direction: 'lower' },
];
const round = (xs: readonly number[], d: number) => xs.map((x) => Number(x.toFixed(d)));

describe('entropy weights and TOPSIS: the worked example of issue 7', () => {
  it('normalises per column, lower-is-better reversed', () => {
    const { normalised } = entropyWeights(MATRIX, COLUMNS);
    expect(round(normalised[0] ?? [], 12)).toEqual([1, 0.5, 0.7, 1]);
    expect(normalised[3]?.[0]).toBe(0);
    expect(normalised[3]?.[1]).toBe(1);
  });

  it('entropies 0.7607, 0.7952, 0.7970, 0.7344; weights 0.2622, 0.2244, 0.2224, 0.2910; scores 82.11 … 22.13', () => {
    const r = entropyWeights(MATRIX, COLUMNS);
    expect(round(r.entropies, 4)).toEqual([0.7607, 0.7952, 0.797, 0.7344]);
    expect(round(r.weights, 4)).toEqual([0.2622, 0.2244, 0.2224, 0.291]);
    expect(round(r.scores, 2)).toEqual([82.11, 44.8, 61.88, 22.44, 22.13]);
    expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('with the common shift of 0.0001: entropies 0.7610, 0.7955, 0.7973, 0.7347, the same weights', () => {
    const r = entropyWeights(MATRIX, COLUMNS, { shift: 0.0001 });
    expect(round(r.entropies, 4)).toEqual([0.761, 0.7955, 0.7973, 0.7347]);
    expect(round(r.weights, 4)).toEqual([0.2622, 0.2244, 0.2224, 0.291]);
  });

  it('TOPSIS closeness on the weighted normalised matrix: 0.7697, 0.4813, 0.5730, 0.3325, 0.2280', () => {
    const r = entropyWeights(MATRIX, COLUMNS);
    expect(round(topsis(r.normalised, r.weights).closeness, 4)).toEqual([0.7697, 0.4813, 0.573, 0.3325, 0.228]);
  });

  it('a constant column carries no weight; bad input is refused with its row and column', () => {
    const r = entropyWeights(
      MATRIX.map((row) => [...row, 5]),
      [...COLUMNS, { code: 'flat', direction: 'higher' }],
    );
    expect(r.weights[4]).toBeCloseTo(0, 12);
    expect(round(r.weights.slice(0, 4), 4)).toEqual([0.2622, 0.2244, 0.2224, 0.291]);
    expect(() => entropyWeights([[1]], [COLUMNS[0] as WeightingColumn])).toThrow('at least 2 units');
    expect(() =>
      entropyWeights(
        [
          [1, 2],
          [Number.NaN, 2],
        ],
        COLUMNS.slice(0, 2),
      ),
    ).toThrow('Row 2, column 1 (income)');
    expect(WEIGHTING_CONVENTION.entropy.zh).toContain('0·ln0 取 0');
  });
});

describe('alternativeRanking: a ranking view beside the city’s composite', () => {
  const units = ['A', 'B', 'C', 'D', 'E'];
  const columns = COLUMNS.map((c, j) => ({ ...c, values: MATRIX.map((row) => row[j] as number), scores: [] }));

  it('entropy: the worked example’s scores and weights, ranked', () => {
    const r = alternativeRanking('entropy', units, columns);
    expect(r.units.map((u) => Number(u.score?.toFixed(2)))).toEqual([82.11, 44.8, 61.88, 22.44, 22.13]);
    expect(r.units.map((u) => u.rank)).toEqual([1, 3, 2, 4, 5]);
    expect(r.weights.map((w) => Number(w.weight.toFixed(4)))).toEqual([0.2622, 0.2244, 0.2224, 0.291]);
    expect(r.weights.map((w) => Number(w.entropy?.toFixed(4)))).toEqual([0.7607, 0.7952, 0.797, 0.7344]);
  });

  it('TOPSIS: closeness 0.7697 … 0.2280, ranked A, C, B, D, E', () => {
    const r = alternativeRanking('topsis', units, columns);
    expect(r.units.map((u) => Number(u.score?.toFixed(4)))).toEqual([0.7697, 0.4813, 0.573, 0.3325, 0.228]);
    expect(r.units.map((u) => u.rank)).toEqual([1, 3, 2, 4, 5]);
  });

  it('leaves out, and names, a column where a unit has no figure', () => {
    const gappy = [...columns, { code: 'gap', direction: 'higher' as const, values: [1, 2, null, 4, 5], scores: [] }];
    const r = alternativeRanking('entropy', units, gappy);
    expect(r.dropped).toEqual(['gap']);
    expect(r.units.map((u) => Number(u.score?.toFixed(2)))).toEqual([82.11, 44.8, 61.88, 22.44, 22.13]);
  });

  it('equal weights: the plain mean of the indicator scores, every scored indicator once', () => {
    const r = alternativeRanking(
      'equal',
      ['x', 'y'],
      [
        { code: 'a', direction: 'higher', values: [], scores: [120, 60] },
        { code: 'b', direction: 'higher', values: [], scores: [80, null] },
        { code: 'c', direction: 'higher', values: [], scores: [null, null] },
      ],
    );
    expect(r.units).toEqual([
      { orgUnitId: 'x', score: 100, rank: 1 },
      { orgUnitId: 'y', score: 60, rank: 2 },
    ]);
    expect(r.weights.map((w) => w.weight)).toEqual([0.5, 0.5]);
    expect(r.dropped).toEqual(['c']);
  });
});
