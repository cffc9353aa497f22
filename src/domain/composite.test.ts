import { describe, expect, it } from 'vitest';
import { composite, rank } from './composite.ts';

describe('composite', () => {
  it('weighted mean by dimension and overall, renormalised over what was scored', () => {
    const result = composite(
      [
        { indicatorCode: 'GDP', dimensionCode: 'D2', weight: 60, score: 112 },
        { indicatorCode: 'FAI', dimensionCode: 'D2', weight: 40, score: 90 },
        { indicatorCode: 'MID', dimensionCode: 'D5', weight: 100, score: null },
      ],
      { D2: 50, D5: 50 },
    );
    expect(result.byDimension.D2).toBeCloseTo(103.2, 10);
    expect(result.byDimension.D5).toBeNull();
    expect(result.overall).toBeCloseTo(103.2, 10);
    expect(result.coverage).toBeCloseTo(0.5, 10);
    expect(result).toMatchObject({ scoredCount: 2, indicatorCount: 3 });
  });

  it('combines dimensions with their weights', () => {
    const result = composite(
      [
        { indicatorCode: 'A', dimensionCode: 'D1', weight: 50, score: 100 },
        { indicatorCode: 'B', dimensionCode: 'D1', weight: 50, score: null },
        { indicatorCode: 'C', dimensionCode: 'D2', weight: 100, score: 40 },
      ],
      { D1: 75, D2: 25, D3: 10 },
    );
    expect(result.byDimension).toEqual({ D1: 100, D2: 40, D3: null });
    expect(result.overall).toBeCloseTo(85, 10);
    // Measured: D1 half of 75, D2 all of 25; D3 has no indicators and is not part of the full weight.
    expect(result.coverage).toBeCloseTo((37.5 + 25) / 100, 10);
  });

  it('a dimension without a weight is reported but does not count', () => {
    const result = composite([{ indicatorCode: 'X', dimensionCode: 'DX', weight: 1, score: 10 }], { D1: 100 });
    expect(result.byDimension.DX).toBe(10);
    expect(result.overall).toBeNull();
  });

  it('nothing scored → null overall, zero coverage', () => {
    expect(composite([], {})).toEqual({
      overall: null,
      byDimension: {},
      coverage: 0,
      scoredCount: 0,
      indicatorCount: 0,
    });
  });

  it('refuses negative weights', () => {
    expect(() => composite([{ indicatorCode: 'A', dimensionCode: 'D1', weight: -1, score: 1 }], { D1: 1 })).toThrow(
      'Invalid weight -1 for indicator A',
    );
  });
});

describe('rank', () => {
  it('standard competition ranking, nulls last', () => {
    const ranked = rank([
      { orgUnitId: 'dongqu', score: 98 },
      { orgUnitId: 'xiqu', score: 104 },
      { orgUnitId: 'renhe', score: 98 },
      { orgUnitId: 'miyi', score: null },
      { orgUnitId: 'yanbian', score: 90 },
    ]);
    expect(ranked.map((u) => [u.orgUnitId, u.rank])).toEqual([
      ['xiqu', 1],
      ['dongqu', 2],
      ['renhe', 2],
      ['yanbian', 4],
      ['miyi', null],
    ]);
  });

  it('treats scores equal to 6 decimals as ties and keeps extra fields', () => {
    const ranked = rank([
      { orgUnitId: 'a', score: 100.0000000001, name: 'A' },
      { orgUnitId: 'b', score: 100, name: 'B' },
    ]);
    expect(ranked.map((u) => u.rank)).toEqual([1, 1]);
    expect(ranked[0]?.name).toBe('A');
  });

  it('empty and all-null', () => {
    expect(rank([])).toEqual([]);
    expect(rank([{ orgUnitId: 'a', score: null }])).toEqual([{ orgUnitId: 'a', score: null, rank: null }]);
  });
});
