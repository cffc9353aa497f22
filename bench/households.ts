/**
 * Household statistics benchmark (issues 8 and 14).
 * - City (issue 8): every figure of every unit — city, 6 county-level units, townships, villages — for N generated
 *   households (default 1,000,000), with exact Gini per district and township, then small-cell suppression of the
 *   whole tree, then one household changed at a time with its four units read again.
 * - Province (issue 14, `--province`): 183 counties × 270 villages, N generated households (default 30,000,000) held
 *   in the engine's columnar form without id strings; the build (sort and orders), every unit's figures recomputed
 *   from the held form (exact Gini, middle-income share with bounds, …), then one household changed at a time with
 *   its village, county and the province read again.
 * Anchors measured in the same run: one core summing doubles, and the native sort of N doubles; the load average is
 * printed beside each figure (the machine is shared).
 * Run: `node bench/households.ts [households] [--province]` (`BENCH_RUNS`, default 5 builds in the city and 1 in the
 * province; `BENCH_UPDATES`, default 200 and 20).
 *
 * What this measures is the engine over columns held in memory (`StatisticsEngine`, what the statistics service
 * builds from the registry and updates on `households.changed`); loading the columns from the database is not in it.
 */
import os from 'node:os';
import {
  bracketPosition,
  StatisticsEngine,
  STAT_FLAGS,
  type HouseholdColumns,
  type StatUnit,
} from '../src/domain/households/statistics.ts';
import { suppressStatistics } from '../src/domain/households/suppression.ts';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The city's tree: 6 county-level units, 10 townships each, 12 villages per township (≈ Panzhihua's shape). */
export function cityTree(): { units: StatUnit[]; villages: number[] } {
  const units: StatUnit[] = [{ id: 'city', parent: -1 }];
  const villages: number[] = [];
  for (let d = 0; d < 6; d++) {
    const di = units.push({ id: `d${d}`, parent: 0 }) - 1;
    for (let t = 0; t < 10; t++) {
      const ti = units.push({ id: `d${d}-t${t}`, parent: di }) - 1;
      for (let v = 0; v < 12; v++) villages.push(units.push({ id: `d${d}-t${t}-v${v}`, parent: ti }) - 1);
    }
  }
  return { units, villages };
}

/** The province's tree: 183 counties of 270 villages each (no township level). */
export function provinceTree(): { units: StatUnit[]; villages: number[] } {
  const units: StatUnit[] = [{ id: 'province', parent: -1 }];
  const villages: number[] = [];
  for (let c = 0; c < 183; c++) {
    const ci = units.push({ id: `c${c}`, parent: 0 }) - 1;
    for (let v = 0; v < 270; v++) villages.push(units.push({ id: `c${c}-v${v}`, parent: ci }) - 1);
  }
  return { units, villages };
}

/** N households: sizes 1–6, log-normal incomes, 20 % known only by their 10,000-yuan bracket, a few flags. */
export function generatedColumns(n: number, villages: readonly number[]): HouseholdColumns {
  const rand = rng(8);
  const flags = Object.fromEntries(STAT_FLAGS.map((f) => [f, new Uint8Array(n)])) as HouseholdColumns['flags'];
  const h: HouseholdColumns = {
    count: n,
    size: new Uint8Array(n),
    incomeLow: new Float64Array(n),
    incomeHigh: new Float64Array(n),
    unit: new Int32Array(n),
    flags,
  };
  for (let i = 0; i < n; i++) {
    const size = 1 + Math.floor(rand() * rand() * 6);
    h.size[i] = size;
    h.unit[i] = villages[Math.floor(rand() * villages.length)] as number;
    const total = Math.round(Math.exp(10.9 + (rand() + rand() + rand() - 1.5) * 1.1) * Math.sqrt(size));
    if (rand() < 0.2) {
      const low = Math.floor(total / 10_000) * 10_000;
      h.incomeLow[i] = low;
      h.incomeHigh[i] = low >= 500_000 ? Infinity : low + 10_000;
    } else {
      h.incomeLow[i] = total;
      h.incomeHigh[i] = total;
    }
    if (total < 10_000 * size) flags.below10k[i] = h.incomeLow[i] === h.incomeHigh[i] ? 2 : 1;
    if (rand() < 0.002) flags.zeroEmployment[i] = 2;
  }
  return h;
}

function anchors(n: number) {
  const doubles = new Float64Array(20_000_000);
  for (let i = 0; i < doubles.length; i++) doubles[i] = i * 0.5;
  let t = performance.now();
  let s = 0;
  for (let rep = 0; rep < 5; rep++) for (let i = 0; i < doubles.length; i++) s += doubles[i] as number;
  const sumRate = (5 * doubles.length) / ((performance.now() - t) / 1000);
  const rand = rng(1);
  const toSort = new Float64Array(n);
  for (let i = 0; i < n; i++) toSort[i] = rand() * 1e6;
  t = performance.now();
  toSort.sort();
  const sortMs = performance.now() - t;
  return {
    sumDoublesPerSecond: Math.round(sumRate),
    nativeSortMs: Math.round(sortMs),
    load: load(),
    checksum: s > 0,
  };
}

const load = () => os.loadavg()[0]?.toFixed(2) ?? '?';
const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
const p99 = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length * 0.99)] as number;
/** A figure's runs (ms), with the load average (1 min) at the end of each. */
const timed = (runs: { ms: number; load: string }[]) => ({
  median: Math.round(med(runs.map((r) => r.ms))),
  runs: runs.map((r) => `${Math.round(r.ms)} (load ${r.load})`),
});
const machine = () => `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`;
const mb = (x: number) => Math.round(x / 2 ** 20);

function cityBench(n: number): Record<string, unknown> {
  const { units, villages } = cityTree();
  const h = generatedColumns(n, villages);
  // As the registry holds them: ids in order, each bracket household placed by its id's hash.
  const ids = Array.from({ length: n }, (_, i) => `hh-${String(i).padStart(8, '0')}`);
  h.position = Float64Array.from(ids, bracketPosition);
  const a = anchors(n);
  const runs: { ms: number; load: string }[] = [];
  const heldRuns: { ms: number; load: string }[] = [];
  const suppressRuns: { ms: number; load: string }[] = [];
  let engine = StatisticsEngine.build(h, units, {}, { ids });
  let result = engine.all();
  for (let rep = 0; rep < Number(process.env.BENCH_RUNS ?? 5); rep++) {
    const t0 = performance.now();
    engine = StatisticsEngine.build(h, units, {}, { ids });
    result = engine.all();
    runs.push({ ms: performance.now() - t0, load: load() });
    const t1 = performance.now();
    suppressStatistics(result, units);
    suppressRuns.push({ ms: performance.now() - t1, load: load() });
    engine.forget();
    const t2 = performance.now();
    engine.all();
    heldRuns.push({ ms: performance.now() - t2, load: load() });
  }
  // One household changes (its income, sometimes its village), then the city, its district, township and village
  // are read again: what the service does after `households.changed { householdIds: [id] }`.
  const rand = rng(3);
  const updates: number[] = [];
  const path = (leaf: number): number[] => {
    const out: number[] = [];
    for (let u = leaf; u !== -1; u = (units[u] as StatUnit).parent) out.push(u);
    return out;
  };
  for (let k = 0; k < Number(process.env.BENCH_UPDATES ?? 200); k++) {
    const i = Math.floor(rand() * n);
    const id = ids[i] as string;
    const unit = rand() < 0.2 ? (villages[Math.floor(rand() * villages.length)] as number) : (h.unit[i] as number);
    const total = Math.round(20_000 + rand() * 200_000);
    const t0 = performance.now();
    engine.upsert(id, {
      unit,
      size: h.size[i] as number,
      incomeLow: total,
      incomeHigh: total,
      flags: { below10k: 0, zeroEmployment: 0, noLabour: 0, nearLine: 0 },
      position: h.position[i] as number,
      generated: true,
    });
    for (const u of path(unit)) engine.statistics(u);
    updates.push(performance.now() - t0);
  }
  const city = result[0];
  return {
    machine: machine(),
    node: process.version,
    households: n,
    units: units.length,
    anchors: a,
    buildAndEveryUnitMs: timed(runs),
    everyUnitFromHeldColumnsMs: timed(heldRuns),
    suppressionMs: timed(suppressRuns),
    oneHouseholdChangedThenItsFourUnitsMs: {
      median: Number(med(updates).toFixed(2)),
      p99: Number(p99(updates).toFixed(2)),
      load: load(),
    },
    check: { cityGini: city?.gini, cityMiddleShare: city?.middleShare, people: city?.people },
    heapMB: mb(process.memoryUsage().heapUsed),
    rssMB: mb(process.memoryUsage().rss),
  };
}

function provinceBench(n: number): Record<string, unknown> {
  const { units, villages } = provinceTree();
  const t = performance.now();
  const h = generatedColumns(n, villages);
  const generatedMs = performance.now() - t;
  const a = anchors(n);
  const buildRuns: { ms: number; load: string }[] = [];
  const heldRuns: { ms: number; load: string }[] = [];
  const allRuns: { ms: number; load: string }[] = [];
  // The province and its 183 counties: the figures issue 14 asks for (the villages' are measured apart).
  const top = units.flatMap((u, i) => (u.parent <= 0 ? [i] : []));
  let engine: StatisticsEngine | null = null;
  for (let rep = 0; rep < Number(process.env.BENCH_RUNS ?? 1); rep++) {
    // eslint-disable-next-line no-useless-assignment -- frees the previous engine before the next build (GBs at 30M)
    engine = null;
    const t0 = performance.now();
    engine = StatisticsEngine.build(h, units);
    buildRuns.push({ ms: performance.now() - t0, load: load() });
    for (let k = 0; k < 3; k++) {
      engine.forget();
      const t1 = performance.now();
      engine.statisticsOf(top);
      heldRuns.push({ ms: performance.now() - t1, load: load() });
    }
    engine.forget();
    const t2 = performance.now();
    engine.all();
    allRuns.push({ ms: performance.now() - t2, load: load() });
  }
  const e = engine as StatisticsEngine;
  const memory = process.memoryUsage();
  // One household changes (its income, sometimes its village in another county), then its village and county are
  // read again (issue 14's ≤ 100 ms), and separately the province (a pass over all its households).
  const rand = rng(3);
  const countyUpdates: number[] = [];
  const provinceReads: number[] = [];
  for (let k = 0; k < Number(process.env.BENCH_UPDATES ?? 20); k++) {
    const i = Math.floor(rand() * n);
    const unit = rand() < 0.2 ? (villages[Math.floor(rand() * villages.length)] as number) : (h.unit[i] as number);
    const total = Math.round(20_000 + rand() * 200_000);
    const t0 = performance.now();
    e.replace(i, {
      unit,
      size: h.size[i] as number,
      incomeLow: total,
      incomeHigh: total,
      flags: { below10k: 0, zeroEmployment: 0, noLabour: 0, nearLine: 0 },
      position: 0,
      generated: true,
    });
    e.statistics(unit);
    e.statistics((units[unit] as StatUnit).parent);
    countyUpdates.push(performance.now() - t0);
    const t1 = performance.now();
    e.statistics(0);
    provinceReads.push(performance.now() - t1);
  }
  const province = e.statistics(0);
  const county = e.statistics(1);
  return {
    machine: machine(),
    node: process.version,
    households: n,
    units: units.length,
    generatedColumnsMs: Math.round(generatedMs),
    anchors: a,
    buildMs: timed(buildRuns),
    provinceAndCountiesFromHeldColumnsMs: timed(heldRuns),
    everyUnitWithVillagesFromHeldColumnsMs: timed(allRuns),
    oneHouseholdChangedThenVillageAndCountyMs: {
      median: Number(med(countyUpdates).toFixed(2)),
      p99: Number(p99(countyUpdates).toFixed(2)),
      load: load(),
    },
    thenProvinceMs: { median: Number(med(provinceReads).toFixed(1)), load: load() },
    check: {
      provinceGini: province.gini,
      provinceMiddleShare: province.middleShare,
      people: province.people,
      county0: { households: county.households, gini: county.gini, middleShare: county.middleShare },
    },
    memoryMB: { rss: mb(memory.rss), heap: mb(memory.heapUsed), arrayBuffers: mb(memory.arrayBuffers) },
  };
}

const province = process.argv.includes('--province');
const count = process.argv.slice(2).find((x) => /^\d+$/.test(x));
const n = Number(count ?? (province ? 30_000_000 : 1_000_000));
console.log(JSON.stringify(province ? provinceBench(n) : cityBench(n), null, 2));
