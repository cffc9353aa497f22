import { describe, expect, it } from 'vitest';
import {
  classifyIncome,
  DEFAULT_INCOME_CLASS_RULE,
  fgt,
  gini,
  INCOME_CLASSES,
  lorenzShare,
  mean,
  median,
  mld,
  palma,
  s80s20,
  theil,
} from '../inequality.ts';
import {
  argsort,
  bracketPosition,
  classBits,
  StatisticsEngine,
  type EngineHousehold,
  FLAG_NO,
  FLAG_POSSIBLY,
  FLAG_YES,
  householdStatistics,
  STAT_FLAGS,
  type HouseholdColumns,
  type StatUnit,
} from './statistics.ts';

interface Row {
  unit: number;
  size: number;
  /** exact income, or [low, high) bracket (high Infinity for the open top), or null for none recorded */
  income: number | [number, number] | null;
  below10k?: number;
  zeroEmployment?: number;
}

function columns(rows: Row[]): HouseholdColumns {
  const n = rows.length;
  const flags = Object.fromEntries(STAT_FLAGS.map((f) => [f, new Uint8Array(n)])) as HouseholdColumns['flags'];
  const h: HouseholdColumns = {
    count: n,
    size: new Int32Array(n),
    incomeLow: new Float64Array(n),
    incomeHigh: new Float64Array(n),
    unit: new Int32Array(n),
    flags,
  };
  rows.forEach((r, i) => {
    h.size[i] = r.size;
    h.unit[i] = r.unit;
    if (r.income === null) {
      h.incomeLow[i] = NaN;
      h.incomeHigh[i] = NaN;
    } else if (typeof r.income === 'number') {
      h.incomeLow[i] = r.income;
      h.incomeHigh[i] = r.income;
    } else {
      h.incomeLow[i] = r.income[0];
      h.incomeHigh[i] = r.income[1];
    }
    flags.below10k[i] = r.below10k ?? FLAG_NO;
    flags.zeroEmployment[i] = r.zeroEmployment ?? FLAG_NO;
  });
  return h;
}

/** city → 2 districts → township under district 0 → 2 villages; district 1 has one village directly. */
const TREE: StatUnit[] = [
  { id: 'city', parent: -1 },
  { id: 'd0', parent: 0 },
  { id: 'd1', parent: 0 },
  { id: 't0', parent: 1 },
  { id: 'v0', parent: 3 },
  { id: 'v1', parent: 3 },
  { id: 'v2', parent: 2 },
];

/** A deterministic pseudo-random generator (mulberry32) so the comparison covers many shapes. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('householdStatistics: worked example (issue 8, DOMAIN.md §2.5)', () => {
  // One village: 3 persons at 120,000 (middle, certain), 4 persons at 36,000 (9,000 each: below 10,000),
  // 2 persons in the survey bracket 60,000–70,000 (30,000–35,000 each: low or middle), and one household with no
  // income recorded.
  const rows: Row[] = [
    { unit: 4, size: 3, income: 120_000 },
    { unit: 4, size: 4, income: 36_000, below10k: FLAG_YES, zeroEmployment: FLAG_YES },
    { unit: 4, size: 2, income: [60_000, 70_000] },
    { unit: 4, size: 1, income: null, zeroEmployment: FLAG_POSSIBLY },
  ];
  const stats = householdStatistics(columns(rows), TREE);
  const v0 = stats[4]!;

  it('counts households and people, and what is known of their income', () => {
    expect(v0.households).toBe(4);
    expect(v0.people).toBe(10);
    expect(v0.income).toEqual({ exact: 2, bracket: 1, unknown: 1 });
  });

  it('counts flags as "certain, and possibly up to"', () => {
    expect(v0.flags.below10k).toEqual({ certain: 1, upTo: 1 });
    expect(v0.flags.zeroEmployment).toEqual({ certain: 1, upTo: 2 });
  });

  it('classifies the bracket household as low or middle, never a guess', () => {
    expect(v0.classes.middle).toEqual({ certain: 1, upTo: 2 });
    expect(v0.classes.low).toEqual({ certain: 0, upTo: 1 });
    expect(v0.classes.below10k).toEqual({ certain: 1, upTo: 1 });
    // Of the 3 households with an income figure, 1 to 2 are middle-income.
    expect(v0.middleShare!.low).toBeCloseTo(1 / 3, 12);
    expect(v0.middleShare!.high).toBeCloseTo(2 / 3, 12);
  });

  it('gives the mean and median per capita as bounds, the estimate labelled', () => {
    // People with an income figure: 9. Lowest: (120,000 + 36,000 + 60,000) / 9 = 24,000; highest: 226,000 / 9.
    expect(v0.meanPerCapita.low).toBeCloseTo(24_000, 9);
    expect(v0.meanPerCapita.high).toBeCloseTo(226_000 / 9, 9);
    expect(v0.meanPerCapita.basis).toBe('estimate');
    expect(v0.meanPerCapita.value!).toBeGreaterThanOrEqual(24_000);
    expect(v0.meanPerCapita.value!).toBeLessThan(226_000 / 9);
    // People by per-capita income: 4 × 9,000, 2 × 30,000–35,000, 3 × 40,000 → the 5th of 9 is in the bracket.
    expect(v0.medianPerCapita.low).toBe(30_000);
    expect(v0.medianPerCapita.high).toBe(35_000);
    expect(v0.gini.basis).toBe('estimate');
  });

  it('bounds the poverty measures: the bracket household is above the line either way', () => {
    // 4 of 9 people below 10,000; gap (10,000 − 9,000) / 10,000 = 0.1 each.
    expect(v0.fgt0.low).toBeCloseTo(4 / 9, 12);
    expect(v0.fgt0.high).toBeCloseTo(4 / 9, 12);
    expect(v0.fgt1.value).toBeCloseTo((4 * 0.1) / 9, 12);
    expect(v0.fgt2.value).toBeCloseTo((4 * 0.01) / 9, 12);
  });

  it('places every household in its 10,000-yuan bracket of household income', () => {
    const at = (low: number) => v0.brackets.find((b) => b.low === low)!;
    expect(at(30_000)).toMatchObject({ households: 1, people: 4 });
    expect(at(60_000)).toMatchObject({ households: 1, people: 2 });
    expect(at(120_000)).toMatchObject({ households: 1, people: 3, high: 130_000 });
    expect(v0.brackets.at(-1)).toMatchObject({ low: 500_000, high: null, households: 0 });
    expect(v0.brackets.reduce((s, b) => s + b.households, 0)).toBe(3);
  });

  it('rolls the village up to its township, district and the city', () => {
    for (const id of ['t0', 'd0', 'city']) {
      const s = stats.find((x) => x.unitId === id)!;
      expect(s.households).toBe(4);
      expect(s.flags.zeroEmployment).toEqual({ certain: 1, upTo: 2 });
      expect(s.medianPerCapita.low).toBe(30_000);
    }
    expect(stats.find((x) => x.unitId === 'd1')!.households).toBe(0);
    expect(stats.find((x) => x.unitId === 'd1')!.gini.value).toBeNull();
  });

  it('an open top bracket has no upper bound on the mean', () => {
    const s = householdStatistics(columns([{ unit: 4, size: 2, income: [500_000, Infinity] }]), TREE)[4]!;
    expect(s.meanPerCapita.low).toBe(250_000);
    expect(s.meanPerCapita.high).toBeNull();
    expect(s.medianPerCapita.high).toBeNull();
    expect(s.classes.high).toEqual({ certain: 1, upTo: 1 });
    expect(s.brackets.at(-1)!.households).toBe(1);
  });
});

describe('householdStatistics equals inequality.ts on exact incomes', () => {
  const random = rng(20261202);
  const rows: Row[] = Array.from({ length: 3000 }, () => {
    const size = 1 + Math.floor(random() * 6);
    // Log-normal-ish per-capita incomes with a few zeros and many equal (rounded) values.
    const perCapita = random() < 0.01 ? 0 : Math.round(Math.exp(9.8 + random() * 2.2) / 100) * 100;
    return { unit: [4, 5, 6][Math.floor(random() * 3)]!, size, income: perCapita * size };
  });
  const stats = householdStatistics(columns(rows), TREE);

  for (const id of ['v0', 'v1', 'v2', 't0', 'city']) {
    it(`unit ${id}`, () => {
      const s = stats.find((x) => x.unitId === id)!;
      const inUnit = rows.filter((r) => {
        const leaf = TREE[r.unit]!.id;
        if (id === 'city') return true;
        if (id === 't0') return leaf === 'v0' || leaf === 'v1';
        return leaf === id;
      });
      const x = inUnit.map((r) => (r.income as number) / r.size);
      const w = inUnit.map((r) => r.size);
      expect(s.households).toBe(inUnit.length);
      expect(s.gini.basis).toBe('exact');
      expect(s.gini.value!).toBeCloseTo(gini(x, w)!, 10);
      expect(s.theil.value!).toBeCloseTo(theil(x, w)!, 10);
      expect(s.mld.value).toBe(mld(x, w)); // null: zero incomes
      expect(s.s80s20.value!).toBeCloseTo(s80s20(x, w)!, 8);
      expect(s.palma.value!).toBeCloseTo(palma(x, w)!, 8);
      expect(s.meanPerCapita.value!).toBeCloseTo(mean(x, w)!, 6);
      expect(s.meanPerCapita.low!).toBeCloseTo(mean(x, w)!, 6);
      expect(s.medianPerCapita.value).toBe(median(x, w));
      expect(s.fgt1.value!).toBeCloseTo(fgt(x, 10_000, 1, w)!, 12);
      expect(s.fgt0.low).toBe(s.fgt0.high);
      expect(s.lorenz![4]!).toBeCloseTo(lorenzShare(x, 0.2, w)!, 10);
      expect(s.lorenz![20]!).toBeCloseTo(1, 10);
      const certain = Object.fromEntries(INCOME_CLASSES.map((c) => [c, 0]));
      for (const r of inUnit) certain[classifyIncome({ size: r.size, income: r.income as number }).incomeClass]!++;
      for (const c of INCOME_CLASSES) expect(s.classes[c]).toEqual({ certain: certain[c], upTo: certain[c] });
    });
  }

  it('MLD is computed when nobody has a zero income', () => {
    const pos = rows.filter((r) => (r.income as number) > 0);
    const s = householdStatistics(columns(pos), TREE)[0]!;
    expect(s.mld.value!).toBeCloseTo(
      mld(
        pos.map((r) => (r.income as number) / r.size),
        pos.map((r) => r.size),
      )!,
      10,
    );
  });
});

describe('householdStatistics with brackets: the bounds hold every position of the bracket incomes', () => {
  it('mean, median and FGT of any placement lie within the bounds', () => {
    const random = rng(7);
    const rows: Row[] = Array.from({ length: 400 }, () => {
      const size = 1 + Math.floor(random() * 5);
      const total = Math.round(random() * 200_000);
      if (random() < 0.4) {
        const low = Math.floor(total / 10_000) * 10_000;
        return { unit: 4, size, income: [low, low + 10_000] as [number, number] };
      }
      return { unit: 4, size, income: total };
    });
    const s = householdStatistics(columns(rows), TREE)[4]!;
    for (let trial = 0; trial < 20; trial++) {
      const x = rows.map((r) =>
        typeof r.income === 'number' ? r.income / r.size : (r.income![0] + random() * 9_999.99) / r.size,
      );
      const w = rows.map((r) => r.size);
      expect(mean(x, w)!).toBeGreaterThanOrEqual(s.meanPerCapita.low! - 1e-9);
      expect(mean(x, w)!).toBeLessThanOrEqual(s.meanPerCapita.high! + 1e-9);
      expect(median(x, w)!).toBeGreaterThanOrEqual(s.medianPerCapita.low!);
      expect(median(x, w)!).toBeLessThanOrEqual(s.medianPerCapita.high!);
      for (const alpha of [0, 1, 2] as const) {
        const b = [s.fgt0, s.fgt1, s.fgt2][alpha]!;
        expect(fgt(x, 10_000, alpha, w)!).toBeGreaterThanOrEqual(b.low! - 1e-12);
        expect(fgt(x, 10_000, alpha, w)!).toBeLessThanOrEqual(b.high! + 1e-12);
      }
    }
    expect(s.gini.basis).toBe('estimate');
  });
});

describe('classBits and argsort', () => {
  it('classBits agrees with classifyIncome on exact incomes and brackets', () => {
    const random = rng(11);
    const bit = { below10k: 1, low: 2, middle: 4, high: 8 } as const;
    for (let k = 0; k < 5000; k++) {
      const size = 1 + Math.floor(random() * 7);
      const low = Math.floor(random() * 80) * 10_000;
      const exact = random() < 0.5;
      const hi = exact ? low : random() < 0.1 ? Infinity : low + 10_000;
      const c = exact
        ? classifyIncome({ size, income: low })
        : classifyIncome({ size, bracketLow: low, bracketHigh: hi === Infinity ? null : hi });
      const expected = c.candidates.reduce((s, x) => s | bit[x], 0);
      expect(classBits(low, hi, size, DEFAULT_INCOME_CLASS_RULE)).toBe(expected);
    }
    // The three-person household at exactly 100,000 is middle (33,333⅓ each, the bound included).
    expect(classBits(100_000, 100_000, 3, DEFAULT_INCOME_CLASS_RULE)).toBe(4);
  });

  it('argsort orders values, sub-cent differences and ties by index', () => {
    const v = new Float64Array([5.001, 5.004, 5.002, 0, 1e9, 5.004, 3]);
    expect([...argsort(v, v.length)]).toEqual([3, 6, 0, 2, 1, 5, 4]);
    const big = new Float64Array([1e15, -1, 2]); // does not fit the packed key: the comparator fallback
    expect([...argsort(big, 3)]).toEqual([1, 2, 0]);
  });
});

describe('StatisticsEngine: updated one household at a time, the same figures as built from scratch', () => {
  interface Held {
    unit: number;
    size: number;
    low: number;
    high: number;
    below10k: number;
    zero: number;
  }
  const leaves = [4, 5, 6, 3];
  const randomHousehold = (random: () => number): Held => {
    const size = 1 + Math.floor(random() * 5);
    const unit = leaves[Math.floor(random() * leaves.length)]!;
    const r = random();
    // Exact, bracket, open top bracket, or no income; many equal values, so that ties are ordered by id.
    const total = Math.round(random() * 40) * 5_000;
    if (r < 0.1) return { unit, size, low: NaN, high: NaN, below10k: 0, zero: 2 };
    if (r < 0.35) {
      const low = Math.floor(total / 10_000) * 10_000;
      return { unit, size, low, high: low + 10_000, below10k: low < 10_000 * size ? 1 : 0, zero: 0 };
    }
    if (r < 0.4) return { unit, size, low: 200_000, high: Infinity, below10k: 0, zero: 0 };
    return { unit, size, low: total, high: total, below10k: total < 10_000 * size ? 2 : 0, zero: 0 };
  };
  const toEngine = (id: string, h: Held): EngineHousehold => ({
    unit: h.unit,
    size: h.size,
    incomeLow: h.low,
    incomeHigh: h.high,
    flags: { below10k: h.below10k, zeroEmployment: h.zero, noLabour: 0, nearLine: 0 },
    position: bracketPosition(id),
    generated: false,
  });
  const build = (held: Map<string, Held>) => {
    const ids = [...held.keys()].sort();
    const rows = ids.map((id) => held.get(id)!);
    const h = columns(
      rows.map((r) => ({
        unit: r.unit,
        size: r.size,
        income: Number.isNaN(r.low) ? null : r.low === r.high ? r.low : [r.low, r.high],
        below10k: r.below10k,
        zeroEmployment: r.zero,
      })),
    );
    h.position = Float64Array.from(ids, bracketPosition);
    return StatisticsEngine.build(h, TREE, {}, { ids });
  };

  it('after 600 random additions, changes, moves and removals, every unit equals a fresh build', () => {
    const random = rng(99);
    const held = new Map<string, Held>();
    for (let i = 0; i < 300; i++)
      held.set(`hh-${String(Math.floor(random() * 1e6)).padStart(7, '0')}`, randomHousehold(random));
    const engine = build(held);
    expect(engine.all()).toEqual(build(held).all());
    for (let step = 0; step < 600; step++) {
      const r = random();
      const ids = [...held.keys()];
      if (r < 0.3 || ids.length === 0) {
        const id = `hh-${String(Math.floor(random() * 1e6)).padStart(7, '0')}`;
        const h = randomHousehold(random);
        held.set(id, h);
        engine.upsert(id, toEngine(id, h));
      } else if (r < 0.8) {
        const id = ids[Math.floor(random() * ids.length)]!;
        const h = randomHousehold(random);
        held.set(id, h);
        engine.upsert(id, toEngine(id, h));
      } else {
        const id = ids[Math.floor(random() * ids.length)]!;
        held.delete(id);
        expect(engine.remove(id)).toBe(true);
      }
      // Read a few units between changes, so that held figures must be dropped correctly.
      if (step % 50 === 0) engine.statistics(0);
    }
    expect(engine.count).toBe(held.size);
    expect(engine.all()).toEqual(build(held).all());
    expect(engine.remove('hh-none')).toBe(false);
  });

  it("every unit's figures are those of its own households alone, read all at once or one unit at a time", () => {
    // A parent's counts are its children's added up, each unit's orders are read off the global sort, and the bound
    // medians merge the exact households' order with the brackets': a child counted twice or left out, a household
    // in the wrong unit's order, or a merge out of order would change some unit's figures against an engine that
    // holds just that unit's households.
    const random = rng(7);
    const held = new Map<string, Held>();
    for (let i = 0; i < 400; i++)
      held.set(`hh-${String(Math.floor(random() * 1e6)).padStart(7, '0')}`, randomHousehold(random));
    const engine = build(held);
    for (let step = 0; step < 150; step++) {
      const ids = [...held.keys()];
      const id =
        random() < 0.3
          ? `hh-${String(Math.floor(random() * 1e6)).padStart(7, '0')}`
          : ids[Math.floor(random() * ids.length)]!;
      const h = randomHousehold(random);
      held.set(id, h);
      engine.upsert(id, toEngine(id, h));
    }
    const together = engine.all();
    const within = (leaf: number, u: number): boolean => {
      for (let v = leaf; v !== -1; v = TREE[v]!.parent) if (v === u) return true;
      return false;
    };
    TREE.forEach((unit, u) => {
      const own = new Map([...held].filter(([, h]) => within(h.unit, u)).map(([id, h]) => [id, { ...h, unit: 0 }]));
      const ids = [...own.keys()].sort();
      const rows = ids.map((id) => own.get(id)!);
      const h = columns(
        rows.map((r) => ({
          unit: 0,
          size: r.size,
          income: Number.isNaN(r.low) ? null : r.low === r.high ? r.low : [r.low, r.high],
          below10k: r.below10k,
          zeroEmployment: r.zero,
        })),
      );
      h.position = Float64Array.from(ids, bracketPosition);
      const alone = StatisticsEngine.build(h, [{ id: unit.id, parent: -1 }], {}, { ids }).statistics(0);
      expect(together[u]).toEqual(alone);
    });
    engine.forget();
    // One unit at a time, from its own orders, in reverse order (no unit read after its parent).
    for (let u = TREE.length - 1; u >= 0; u--) expect(engine.statistics(u)).toEqual(together[u]);
    expect(engine.statisticsOf([0, 2, 6])).toEqual([together[0], together[2], together[6]]);
  });

  it('an engine without ids is updated by index, as a fresh build of the changed columns', () => {
    const random = rng(11);
    const rows = Array.from({ length: 200 }, () => randomHousehold(random));
    const toColumns = (rs: Held[]) =>
      columns(
        rs.map((r) => ({
          unit: r.unit,
          size: r.size,
          income: Number.isNaN(r.low) ? null : r.low === r.high ? r.low : [r.low, r.high],
          below10k: r.below10k,
          zeroEmployment: r.zero,
        })),
      );
    const first = toColumns(rows);
    const engine = StatisticsEngine.build(first, TREE);
    for (let step = 0; step < 100; step++) {
      const i = Math.floor(random() * rows.length);
      rows[i] = randomHousehold(random);
      const r = rows[i];
      engine.replace(i, {
        unit: r.unit,
        size: r.size,
        incomeLow: r.low,
        incomeHigh: r.high,
        flags: { below10k: r.below10k, zeroEmployment: r.zero, noLabour: 0, nearLine: 0 },
        // Where the fresh build places household i inside its bracket (the golden-ratio sequence).
        position: ((i + 1) * 0.6180339887498949) % 1,
        generated: false,
      });
    }
    expect(engine.all()).toEqual(StatisticsEngine.build(toColumns(rows), TREE).all());
    expect(() => engine.replace(rows.length, toEngine('x', rows[0]!))).toThrow(RangeError);
  });

  it('refuses a unit outside the tree and an invalid income, and stays as it was', () => {
    const held = new Map<string, Held>([['a', { unit: 4, size: 2, low: 30_000, high: 30_000, below10k: 0, zero: 0 }]]);
    const engine = build(held);
    const before = engine.all();
    expect(() => engine.upsert('a', { ...toEngine('a', held.get('a')!), unit: 99 })).toThrow(RangeError);
    expect(() => engine.upsert('a', { ...toEngine('a', held.get('a')!), incomeLow: 5, incomeHigh: 1 })).toThrow(
      RangeError,
    );
    expect(engine.all()).toEqual(before);
  });
});
