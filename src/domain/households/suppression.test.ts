import { describe, expect, it } from 'vitest';
import {
  FLAG_NO,
  FLAG_YES,
  householdStatistics,
  STAT_FLAGS,
  type HouseholdColumns,
  type StatUnit,
} from './statistics.ts';
import { COMPLEMENTARY, PRIMARY, SHOWN, suppressCells, suppressStatistics } from './suppression.ts';

describe('suppressCells', () => {
  it('primary: a count of 1–4 is hidden, 0 and 5 are shown', () => {
    const s = suppressCells([0, 1, 4, 5, 12], []);
    expect([...s]).toEqual([SHOWN, PRIMARY, PRIMARY, SHOWN, SHOWN]);
  });

  it('complementary: a row with one hidden cell and a public total hides the smallest other non-zero cell', () => {
    // Row: 12 + 3 + 20 = 35 (total is cell 3). Hiding 3 alone leaves 3 = 35 − 12 − 20.
    const s = suppressCells([12, 3, 20, 35], [[0, 1, 2, 3]]);
    expect([...s]).toEqual([COMPLEMENTARY, PRIMARY, SHOWN, SHOWN]);
  });

  it('two hidden cells in a row need no complement', () => {
    const s = suppressCells([12, 3, 2, 17], [[0, 1, 2, 3]]);
    expect([...s]).toEqual([SHOWN, PRIMARY, PRIMARY, SHOWN]);
  });

  it('a complement propagates across rows and columns until no constraint has a single hidden cell', () => {
    // A 2 × 3 table of cells, row totals and column totals public:
    //   a=3  b=10 c=20 | 33
    //   d=8  e=9  f=30 | 47
    // Hiding a (3) forces b (10, the smallest in its row) and, in column a, d (8); then row 2 has d hidden alone →
    // e (9); column b then has b and e hidden: done.
    const cells = [3, 10, 20, 8, 9, 30, 33, 47, 11, 19, 50];
    const rows = [
      [0, 1, 2, 6],
      [3, 4, 5, 7],
    ];
    const cols = [
      [0, 3, 8],
      [1, 4, 9],
      [2, 5, 10],
    ];
    const s = suppressCells(cells, [...rows, ...cols]);
    expect(s[0]).toBe(PRIMARY);
    expect(s[1]).toBe(COMPLEMENTARY);
    expect(s[3]).toBe(COMPLEMENTARY);
    expect(s[4]).toBe(COMPLEMENTARY);
    expect([s[2], s[5], s[6], s[7], s[8], s[9], s[10]]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    for (const c of [...rows, ...cols]) expect(c.filter((i) => s[i] !== SHOWN).length).not.toBe(1);
  });

  it('random tables never leave a constraint with exactly one hidden cell', () => {
    let seed = 3;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 200; t++) {
      const R = 2 + Math.floor(rand() * 5);
      const C = 2 + Math.floor(rand() * 5);
      const cells = Array.from({ length: R * C }, () => Math.floor(rand() * 12));
      const constraints: number[][] = [];
      for (let r = 0; r < R; r++) constraints.push(Array.from({ length: C }, (_, c) => r * C + c));
      for (let c = 0; c < C; c++) constraints.push(Array.from({ length: R }, (_, r) => r * C + c));
      const s = suppressCells(cells, constraints);
      for (const c of constraints) {
        const hidden = c.filter((i) => s[i] !== SHOWN);
        // One hidden cell is only acceptable when every other cell of the constraint is already hidden.
        expect(hidden.length === 1 && c.length > 1).toBe(false);
      }
      cells.forEach((v, i) => {
        if (v > 0 && v < 5) expect(s[i]).toBe(PRIMARY);
      });
    }
  });
});

describe('suppressStatistics over the unit tree', () => {
  // A township (1) of three villages (2, 3, 4) with 40, 3 and 22 households, under the city (0).
  const units: StatUnit[] = [
    { id: 'city', parent: -1 },
    { id: 'town', parent: 0 },
    { id: 'v-40', parent: 1 },
    { id: 'v-3', parent: 1 },
    { id: 'v-22', parent: 1 },
  ];
  const sizes = [40, 3, 22];
  const n = 65;
  const flags = Object.fromEntries(STAT_FLAGS.map((f) => [f, new Uint8Array(n)])) as HouseholdColumns['flags'];
  const h: HouseholdColumns = {
    count: n,
    size: new Int32Array(n).fill(3),
    incomeLow: new Float64Array(n),
    incomeHigh: new Float64Array(n),
    unit: new Int32Array(n),
    flags,
  };
  let i = 0;
  sizes.forEach((count, v) => {
    for (let k = 0; k < count; k++, i++) {
      h.unit[i] = 2 + v;
      // Every household at 150,000 (middle); in the 40-village, 7 below 10,000 per capita (at 24,000).
      const below = v === 0 && k < 7;
      h.incomeLow[i] = below ? 24_000 : 150_000;
      h.incomeHigh[i] = h.incomeLow[i]!;
      flags.below10k[i] = below ? FLAG_YES : FLAG_NO;
    }
  });
  const stats = householdStatistics(h, units);
  const visible = suppressStatistics(stats, units);
  const by = (id: string) => visible[units.findIndex((u) => u.id === id)]!;

  it('hides the village of 3 households entirely (primary), and the 22 to protect it (complementary)', () => {
    expect(by('v-3').hidden).toBe(true);
    expect(by('v-3').households).toBeNull();
    expect(by('v-3').gini).toBeNull();
    expect(by('v-3').meanPerCapita).toBeNull();
    expect(by('v-22').households).toBeNull();
    expect(by('v-22').suppression.complementary).toBeGreaterThan(0);
    expect(by('v-40').households).toBe(40);
    expect(by('town').households).toBe(65);
    // The hidden 3 cannot be worked out: 65 − 40 leaves 25 for two hidden villages.
  });

  it('keeps the counts of 5 and more, and their sums, public; complements come from the villages', () => {
    // The hidden village's below-10,000 count (0) would be 7 − 7 − 0: the 7 of village 40 is hidden with it, not the
    // township's figure.
    expect(by('v-40').flags.below10k).toEqual({ certain: null, upTo: null });
    expect(by('town').flags.below10k).toEqual({ certain: 7, upTo: 7 });
    expect(by('v-40').classes.middle).toEqual({ certain: 33, upTo: 33 });
    expect(by('v-40').middleShare).toEqual({ low: 33 / 40, high: 33 / 40 });
  });

  it('hides a complement in the same row as a hidden bracket cell', () => {
    // Bracket 20,000: town 7 = village 40's 7 + the hidden village's 0 — so village 40's 7 is hidden; its row
    // (7 + 33 = 40, public) then needs a second hidden cell: the 33.
    const hidden = by('v-40')
      .brackets.filter((b) => b.households === null)
      .map((b) => b.low);
    expect(hidden).toEqual([20_000, 150_000]);
    expect(by('v-40').brackets.find((b) => b.low === 20_000)!.people).toBeNull();
    expect(by('town').brackets.find((b) => b.low === 20_000)!.households).toBe(7);
    // Bracket 150,000: town 58 = 33 + 3 (hidden) + 22: the 22 goes too.
    expect(by('v-22').brackets.find((b) => b.low === 150_000)!.households).toBeNull();
  });

  it('every parent constraint keeps zero or at least two hidden children', () => {
    for (const key of ['households'] as const) {
      const kids = ['v-40', 'v-3', 'v-22'].map((id) => by(id)[key]);
      expect(kids.filter((k) => k === null).length).not.toBe(1);
    }
    const below = ['v-40', 'v-3', 'v-22'].map((id) => by(id).flags.below10k.certain);
    expect(below.filter((k) => k === null).length).not.toBe(1);
  });
});
