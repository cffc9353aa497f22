/**
 * Household statistics by org unit (city, district, township, village) — DOMAIN.md §2.5, issue 8.
 *
 * The input is columnar ({@link HouseholdColumns}) so that a million households fit in a few typed arrays and every
 * figure of every unit is computed in a handful of passes: counts are summed at the leaf unit and rolled up; the
 * measures that need people ordered by income (Gini, S80/S20, Palma, the median, the Lorenz curve) sort all
 * households once and read each unit's order off the global one (a subsequence of a sorted sequence is sorted).
 *
 * Honesty about brackets. A household whose income is known only as its survey bracket [low, high) (以1万元为阶梯)
 * has no single income. Every figure says which of three kinds it is:
 * - **counts** (flags, income classes): `certain` and `upTo` ("低于1万元：确定 12 户，可能 37 户"): a household
 *   counts under `upTo` when its bracket straddles the line;
 * - **bounds** where the figure moves one way with incomes (mean, median, FGT poverty measures, the middle-income
 *   share): computed with every bracket at its lowest and at its highest income; an open top bracket has no upper
 *   bound, so the mean's upper bound is then null (unbounded);
 * - **estimates** for the measures that do not (Gini, Theil, MLD, S80/S20, Palma, the Lorenz curve): each bracket
 *   household is placed inside its bracket by within-bracket uniform interpolation (a low-discrepancy sequence, so
 *   the households of a bracket spread evenly across it), an open top bracket at its lower bound, and the figure is
 *   labelled `basis: 'estimate'`. The position of a registry household inside its bracket is a hash of its id
 *   ({@link bracketPosition}), so that it does not move when other households come or go. Only when every household's income is exact is the basis `'exact'`.
 * Households with no income figure at all count as households and people but stay out of every income figure
 * (`incomeUnknown`). Measures are over people (each household weighted by its size, per-capita income), as
 * statistics bureaus report them, and agree with `src/domain/inequality.ts` (see the tests).
 */
import { DEFAULT_INCOME_CLASS_RULE, INCOME_CLASSES, type IncomeClass, type IncomeClassRule } from '../inequality.ts';

/** Flags the statistics count (computed by the registry's classification, one tri-state per household). */
export const STAT_FLAGS = ['below10k', 'zeroEmployment', 'noLabour', 'nearLine'] as const;
export type StatFlag = (typeof STAT_FLAGS)[number];

/** A flag's state on one household: 0 no, 1 possibly (a bracket straddles the line), 2 yes. */
export const FLAG_NO = 0;
export const FLAG_POSSIBLY = 1;
export const FLAG_YES = 2;

/**
 * The households, one row per index. `incomeLow`/`incomeHigh` are the annual household income: equal when exact,
 * [low, high) for a bracket (`high` = Infinity for an open top bracket), both NaN when no income is recorded.
 */
export interface HouseholdColumns {
  count: number;
  /** Persons in the household, ≥ 1. */
  size: Int32Array | Uint16Array | Uint8Array;
  incomeLow: Float64Array;
  incomeHigh: Float64Array;
  /** Index into `units` of the household's leaf unit (its village or community). */
  unit: Int32Array | Uint32Array;
  flags: Record<StatFlag, Uint8Array>;
  /**
   * Where each bracket-only household sits inside its bracket for the estimates, in [0, 1) — the registry uses
   * {@link bracketPosition} of the household's id; without it, household i sits at the golden-ratio sequence's i+1-th
   * point.
   */
  position?: Float64Array;
}

/** The org units, any depth; `parent` is an index into the same array (-1 for a root). */
export interface StatUnit {
  id: string;
  parent: number;
}

export interface StatisticsOptions {
  rule?: Partial<IncomeClassRule>;
  /** Histogram step (yuan of household annual income) and the start of its open top bucket. */
  bracketStep?: number;
  bracketTop?: number;
  /** The poverty line of the FGT measures, per capita (default: the rule's bottom line, 10,000 yuan). */
  povertyLine?: number;
}

export interface CountRange {
  /** Households certainly in the group. */
  certain: number;
  /** Households that are or may be in it (certain + possibly): "可能 … 户". */
  upTo: number;
}

export interface Bounded {
  /** The figure's lower and upper bound over every position of the bracket incomes; null upper = unbounded. */
  low: number | null;
  high: number | null;
  /** The best single figure: exact when `basis` is 'exact', else the within-bracket interpolation estimate. */
  value: number | null;
  basis: 'exact' | 'estimate';
}

export interface Measure {
  value: number | null;
  basis: 'exact' | 'estimate';
}

export interface BracketCell {
  /** Lower bound of household annual income (yuan); `high` null for the open top bucket. */
  low: number;
  high: number | null;
  households: number;
  people: number;
}

export interface UnitStatistics {
  unitId: string;
  households: number;
  people: number;
  /** Households by what is known of their income. */
  income: { exact: number; bracket: number; unknown: number };
  brackets: BracketCell[];
  flags: Record<StatFlag, CountRange>;
  classes: Record<IncomeClass, CountRange>;
  /** Share of households with an income figure that are (certainly … possibly) middle-income; null with none. */
  middleShare: { low: number; high: number } | null;
  meanPerCapita: Bounded;
  medianPerCapita: Bounded;
  gini: Measure;
  theil: Measure;
  mld: Measure;
  s80s20: Measure;
  palma: Measure;
  /** FGT at the poverty line: headcount (α = 0), gap (α = 1), severity (α = 2), each with bounds. */
  fgt0: Bounded;
  fgt1: Bounded;
  fgt2: Bounded;
  /** Lorenz curve at 0, 5, …, 100 % of people (estimate basis like the Gini); null without income. */
  lorenz: number[] | null;
}

const LORENZ_POINTS = 21;
const GOLDEN = 0.6180339887498949;

/**
 * The candidate income classes of a household as a bit mask (1 below10k, 2 low, 4 middle, 8 high): one bit when
 * certain. The same rule as `classifyIncome` in inequality.ts (exact totals compared by cross-multiplication),
 * without building objects, for a million households.
 *
 * @example classBits(120_000, 120_000, 3, rule) === 4 (middle, certain); classBits(60_000, 70_000, 2, rule) === 6
 */
export function classBits(low: number, high: number, size: number, r: IncomeClassRule): number {
  const scale = r.basis === 'perCapita' ? size / r.referenceSize : 1;
  const bottom = r.bottomLine * size;
  if (low === high) {
    if (low < bottom) return 1;
    const [value, lo, hi] =
      r.basis === 'perCapita'
        ? [low * r.referenceSize, r.middleLow * size, r.middleHigh * size]
        : [low, r.middleLow, r.middleHigh];
    if (value < lo) return 2;
    return value <= hi ? 4 : 8;
  }
  const middleLow = r.middleLow * scale;
  const middleHigh = r.middleHigh * scale;
  let bits = 0;
  if (low < bottom) bits |= 1;
  if (Math.max(low, bottom) < Math.min(high, middleLow)) bits |= 2;
  const middleFrom = Math.max(low, middleLow, bottom);
  if (middleFrom <= middleHigh && middleFrom < high) bits |= 4;
  if (Math.max(low, middleHigh, bottom) < high && high > middleHigh) bits |= 8;
  return bits;
}

/**
 * Indices 0…n−1 ordered by `values` ascending (ties by index). Packs value (to the cent) and index into one double
 * and sorts the doubles natively — several times faster than a comparator sort of a million — then repairs the
 * sub-cent order with one insertion pass; falls back to a comparator sort when the values do not fit.
 */
export function argsort(values: Float64Array, n: number): Uint32Array {
  const bits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const shift = 2 ** bits;
  const maxCents = 2 ** (53 - bits);
  let fits = n > 0;
  for (let i = 0; i < n && fits; i++) {
    const v = values[i] as number;
    if (!(v >= 0) || v * 100 >= maxCents - 1) fits = false;
  }
  const order = new Uint32Array(n);
  if (!fits) {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
    return order;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Math.floor((values[i] as number) * 100) * shift + i;
  keys.sort();
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    order[i] = k - Math.floor(k / shift) * shift;
  }
  // Values within the same cent may be out of order: an insertion pass fixes them (each moves only within its cent),
  // on the values gathered in order so that the pass reads memory in sequence.
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = values[order[i] as number] as number;
  for (let i = 1; i < n; i++) {
    const cur = order[i] as number;
    const v = sorted[i] as number;
    let j = i - 1;
    while (j >= 0 && ((sorted[j] as number) > v || ((sorted[j] as number) === v && (order[j] as number) > cur))) {
      order[j + 1] = order[j] as number;
      sorted[j + 1] = sorted[j] as number;
      j--;
    }
    order[j + 1] = cur;
    sorted[j + 1] = v;
  }
  return order;
}

interface Ancestry {
  /** depth of each unit (0 = root). */
  depth: Int32Array;
  maxDepth: number;
  /** For each unit and depth d ≤ its depth, the index of its ancestor at d (itself at its own depth). */
  ancestorAt: Int32Array[];
}

function ancestry(units: readonly StatUnit[]): Ancestry {
  const n = units.length;
  const depth = new Int32Array(n).fill(-1);
  const depthOf = (i: number): number => {
    const seen: number[] = [];
    let cur = i;
    while (cur !== -1 && depth[cur] === -1) {
      if (seen.length > n) throw new RangeError(`The unit tree has a cycle at ${units[i]?.id}`);
      seen.push(cur);
      cur = (units[cur] as StatUnit).parent;
    }
    let d = cur === -1 ? -1 : (depth[cur] as number);
    for (let k = seen.length - 1; k >= 0; k--) depth[seen[k] as number] = ++d;
    return depth[i] as number;
  };
  let maxDepth = 0;
  for (let i = 0; i < n; i++) maxDepth = Math.max(maxDepth, depthOf(i));
  const ancestorAt: Int32Array[] = [];
  for (let d = 0; d <= maxDepth; d++) {
    const a = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      let cur = i;
      while (cur !== -1 && (depth[cur] as number) > d) cur = (units[cur] as StatUnit).parent;
      if (cur !== -1 && depth[cur] === d) a[i] = cur;
    }
    ancestorAt.push(a);
  }
  return { depth, maxDepth, ancestorAt };
}
/**
 * The orders of the bounds (per-capita low and high) of the households with an income figure, from the order of
 * the estimates: exact households have the same value in all three, so their subsequence of `byEstimate` is already
 * in order; only the bracket households are sorted, then the two runs are merged — a fifth of a sort instead of a
 * whole one, for each bound. Ties are ordered by index, as in `argsort`.
 */
function boundOrders(
  byEstimate: Uint32Array,
  kind: Uint8Array,
  n: number,
  low: Float64Array,
  high: Float64Array,
): [Uint32Array, Uint32Array] {
  const brackets = new Uint32Array(n);
  let nb = 0;
  for (let i = 0; i < n; i++) if (kind[i] === KIND_BRACKET) brackets[nb++] = i;
  const exact = new Uint32Array(n);
  let e = 0;
  for (let k = 0; k < n; k++) {
    const i = byEstimate[k] as number;
    if (kind[i] === KIND_EXACT) exact[e++] = i;
  }
  const exactValue = new Float64Array(e);
  for (let a = 0; a < e; a++) exactValue[a] = low[exact[a] as number] as number;
  const merge = (values: Float64Array): Uint32Array => {
    const bv = new Float64Array(nb);
    for (let k = 0; k < nb; k++) bv[k] = values[brackets[k] as number] as number;
    const bo = argsort(bv, nb);
    const out = new Uint32Array(e + nb);
    let a = 0;
    let b = 0;
    let k = 0;
    while (a < e || b < nb) {
      const ia = a < e ? (exact[a] as number) : -1;
      const ib = b < nb ? (brackets[bo[b] as number] as number) : -1;
      const va = a < e ? (exactValue[a] as number) : Infinity;
      const vb = b < nb ? (bv[bo[b] as number] as number) : Infinity;
      if (b >= nb || (a < e && (va < vb || (va === vb && ia < ib)))) {
        out[k++] = ia;
        a++;
      } else {
        out[k++] = ib;
        b++;
      }
    }
    return out;
  };
  return [merge(low), merge(high)];
}

const KIND_EXACT = 0;
const KIND_BRACKET = 1;
const KIND_UNKNOWN = 2;
/** The engine's three orders of each unit's households: by estimate (all), by the low and the high bound (with an income figure). */
const BY_ESTIMATE = 0;
const BY_LOW = 1;
const BY_HIGH = 2;

/**
 * Where a bracket-only household is placed inside its bracket for the estimates (0 = its lower bound, → 1 its
 * upper): a hash of its id (FNV-1a), so that the estimate of a household does not move when others are added or
 * removed — which is what lets the engine update one household without recomputing everyone.
 *
 * @example bracketPosition('hh-0001') is the same number in every run and on every machine, in [0, 1)
 */
export function bracketPosition(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 4294967296;
}

/** One household as the engine takes it on a change. */
export interface EngineHousehold {
  /** Index into the engine's units of the household's leaf unit (village or community). */
  unit: number;
  size: number;
  /** As in {@link HouseholdColumns}: equal when exact, [low, high) for a bracket, NaN when unknown. */
  incomeLow: number;
  incomeHigh: number;
  flags: Record<StatFlag, number>;
  /** Within-bracket position in [0, 1) ({@link bracketPosition} of its id). */
  position: number;
  /** A generated household (示例数据). */
  generated: boolean;
}

/** Adds one to a cell of a typed array (indices are always in range here). */
function inc(a: Float64Array | Int32Array, i: number): void {
  a[i] = (a[i] as number) + 1;
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The statistics of every unit of the tree held in memory as columns, updated one household at a time.
 *
 * Each household is a slot of typed arrays (size, income bounds, its per-capita estimate and bounds, class bits,
 * histogram bucket, flags); each unit at every level keeps its households' slots in three orders (by estimate, by
 * the low and by the high bound, ties by household id), built from one global sort. A unit's figures are computed
 * from its own orders in a few sequential passes, when first read, and kept until one of its households changes:
 * a change moves the household's slot within the orders of its unit and the unit's ancestors (a binary search and
 * a block move each) and drops just those units' figures. A unit's figures are a function of its households alone,
 * whatever happened before — built from scratch or updated a thousand times, the same numbers to the last bit.
 *
 * @example const e = StatisticsEngine.build(columns, units, {}, { ids }); e.statistics(0) (the city);
 *   e.upsert('hh-1', { unit: 4, size: 3, incomeLow: 120_000, incomeHigh: 120_000, … }); e.statistics(0) again
 *   recomputes the city, its district, township and village only.
 */
export class StatisticsEngine {
  readonly units: readonly StatUnit[];
  private readonly anc: Ancestry;
  private readonly rule: IncomeClassRule;
  private readonly step: number;
  private readonly buckets: number;
  private readonly line: number;
  private cap = 0;
  private used = 0;
  private leaf = new Int32Array(0);
  private size = new Float64Array(0);
  private lo = new Float64Array(0);
  private hi = new Float64Array(0);
  private est = new Float64Array(0);
  private pcLow = new Float64Array(0);
  private pcHigh = new Float64Array(0);
  private position = new Float64Array(0);
  private kind = new Uint8Array(0);
  private cls = new Uint8Array(0);
  private bucket = new Int32Array(0);
  private flags = new Uint8Array(0);
  private gen = new Uint8Array(0);
  private ids: (string | undefined)[] | null = null;
  private slotOf: Map<string, number> | null = null;
  private readonly free: number[] = [];
  private readonly lists: Uint32Array[][];
  private readonly lens: Int32Array[];
  private readonly cache: (UnitStatistics | null)[];
  private generatedCount = 0;
  /** Incremented on every change: what a reader derived from the figures (suppression) is stale when it moved. */
  version = 0;

  private constructor(units: readonly StatUnit[], options: StatisticsOptions) {
    this.units = units;
    this.rule = { ...DEFAULT_INCOME_CLASS_RULE, ...stripUndefined(options.rule ?? {}) };
    this.step = options.bracketStep ?? 10_000;
    const top = options.bracketTop ?? 500_000;
    this.line = options.povertyLine ?? this.rule.bottomLine;
    if (!(this.step > 0) || !(top >= this.step) || !(this.line > 0)) {
      throw new RangeError('Invalid bracket step, top or poverty line');
    }
    this.buckets = Math.ceil(top / this.step) + 1;
    this.anc = ancestry(units);
    const U = units.length;
    this.lists = [0, 1, 2].map(() => Array.from({ length: U }, () => new Uint32Array(0)));
    this.lens = [0, 1, 2].map(() => new Int32Array(U));
    this.cache = new Array<UnitStatistics | null>(U).fill(null);
  }

  /**
   * The engine over the households `h`. With `ids` (one per household, unique) it can be updated by id later;
   * `generated` marks generated households (示例数据).
   */
  static build(
    h: HouseholdColumns,
    units: readonly StatUnit[],
    options: StatisticsOptions = {},
    extra: { ids?: readonly string[]; generated?: Uint8Array } = {},
  ): StatisticsEngine {
    const e = new StatisticsEngine(units, options);
    const n = h.count;
    const ids = extra.ids;
    if (ids && ids.length !== n) throw new RangeError(`${ids.length} ids for ${n} households`);
    // The orders break ties by id: the slots are numbered in id order, so that the build's ties (by index) agree.
    let perm: Uint32Array | null = null;
    if (ids) {
      let sorted = true;
      for (let i = 1; i < n && sorted; i++) if (!((ids[i - 1] as string) < (ids[i] as string))) sorted = false;
      if (!sorted) {
        perm = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
          const x = ids[a] as string;
          const y = ids[b] as string;
          return x < y ? -1 : x > y ? 1 : 0;
        });
      }
      e.ids = new Array<string | undefined>(n);
      e.slotOf = new Map();
    }
    e.grow(Math.max(16, n));
    const U = units.length;
    const flagColumns = STAT_FLAGS.map((f) => h.flags[f]);
    for (let s = 0; s < n; s++) {
      const j = perm ? (perm[s] as number) : s;
      const u = h.unit[j] as number;
      if (u < 0 || u >= U) throw new RangeError(`Household ${j} names unit ${u}, which is not in the tree`);
      const size = h.size[j] as number;
      if (!(size >= 1)) throw new RangeError(`Household ${j} has size ${size}; a household has at least one person`);
      e.leaf[s] = u;
      e.size[s] = size;
      e.lo[s] = h.incomeLow[j] as number;
      e.hi[s] = h.incomeHigh[j] as number;
      e.position[s] = h.position ? (h.position[j] as number) : ((j + 1) * GOLDEN) % 1;
      for (let f = 0; f < 4; f++) e.flags[s * 4 + f] = (flagColumns[f] as Uint8Array)[j] as number;
      if (extra.generated?.[j]) {
        e.gen[s] = 1;
        e.generatedCount++;
      }
      if (ids && e.ids && e.slotOf) {
        const id = ids[j] as string;
        e.ids[s] = id;
      }
      e.derive(s, j);
    }
    e.used = n;
    e.fill(n);
    if (e.ids && e.slotOf) for (let s = 0; s < n; s++) e.slotOf.set(e.ids[s] as string, s);
    return e;
  }

  /** Households held. */
  get count(): number {
    return this.used - this.free.length;
  }

  /** Whether any held household is generated (示例数据). */
  get generated(): boolean {
    return this.generatedCount > 0;
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T, per = 1): T => {
      const b = make(capacity * per);
      b.set(a);
      return b;
    };
    this.leaf = copy(this.leaf, (n) => new Int32Array(n).fill(-1));
    this.size = copy(this.size, (n) => new Float64Array(n));
    this.lo = copy(this.lo, (n) => new Float64Array(n));
    this.hi = copy(this.hi, (n) => new Float64Array(n));
    this.est = copy(this.est, (n) => new Float64Array(n));
    this.pcLow = copy(this.pcLow, (n) => new Float64Array(n));
    this.pcHigh = copy(this.pcHigh, (n) => new Float64Array(n));
    this.position = copy(this.position, (n) => new Float64Array(n));
    this.kind = copy(this.kind, (n) => new Uint8Array(n));
    this.cls = copy(this.cls, (n) => new Uint8Array(n));
    this.bucket = copy(this.bucket, (n) => new Int32Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n), 4);
    this.gen = copy(this.gen, (n) => new Uint8Array(n));
    this.cap = capacity;
  }

  /** The per-capita figures, class and bucket of slot s from its columns (`label` names it in an error). */
  private derive(s: number, label: number | string): void {
    const size = this.size[s] as number;
    const lo = this.lo[s] as number;
    const hi = this.hi[s] as number;
    if (Number.isNaN(lo)) {
      this.kind[s] = KIND_UNKNOWN;
      this.est[s] = 0;
      this.pcLow[s] = 0;
      this.pcHigh[s] = 0;
      this.cls[s] = 0;
      this.bucket[s] = 0;
      return;
    }
    if (lo < 0 || !(hi >= lo)) throw new RangeError(`Household ${label} has an invalid income ${lo}–${hi}`);
    const exact = lo === hi;
    this.kind[s] = exact ? KIND_EXACT : KIND_BRACKET;
    this.pcLow[s] = lo / size;
    this.pcHigh[s] = hi / size;
    const position = exact || hi === Infinity ? 0 : (this.position[s] as number);
    this.est[s] = (lo + position * (hi === Infinity ? 0 : hi - lo)) / size;
    this.cls[s] = classBits(lo, hi, size, this.rule);
    this.bucket[s] = Math.min(Math.floor(lo / this.step), this.buckets - 1);
  }

  /** Builds every unit's three orders from one sort of the estimates (slots 0…n−1, none free). */
  private fill(n: number): void {
    const order = argsort(this.est.subarray(0, n), n);
    // An open top bracket sorts above every finite income: a sentinel above them for the packed sort only.
    let maxFinite = 0;
    for (let i = 0; i < n; i++) {
      const v = this.pcHigh[i] as number;
      if (v !== Infinity && v > maxFinite) maxFinite = v;
    }
    const highFinite = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = this.pcHigh[i] as number;
      highFinite[i] = v === Infinity ? maxFinite + 1 : v;
    }
    const [orderLow, orderHigh] = boundOrders(order, this.kind, n, this.pcLow, highFinite);
    // The slots renumbered in the order of the estimates: each unit's orders then read the columns forwards (a
    // unit's passes gather from a few arrays; read at random, a cache miss each, they cost several times more).
    const rank = new Uint32Array(n);
    for (let k = 0; k < n; k++) rank[order[k] as number] = k;
    const permute = <T extends Float64Array | Int32Array | Uint8Array>(a: T, per = 1): void => {
      const copy = a.slice(0, n * per) as T;
      for (let i = 0; i < n; i++) {
        const r = rank[i] as number;
        for (let j = 0; j < per; j++) a[r * per + j] = copy[i * per + j] as number;
      }
    };
    for (const a of [this.leaf, this.size, this.lo, this.hi, this.est, this.pcLow, this.pcHigh, this.position]) {
      permute(a);
    }
    for (const a of [this.kind, this.cls, this.gen]) permute(a);
    permute(this.bucket);
    permute(this.flags, 4);
    if (this.ids) {
      const ids = this.ids.slice(0, n);
      for (let i = 0; i < n; i++) this.ids[rank[i] as number] = ids[i];
    }
    for (let k = 0; k < n; k++) order[k] = k;
    for (let k = 0; k < orderLow.length; k++) orderLow[k] = rank[orderLow[k] as number] as number;
    for (let k = 0; k < orderHigh.length; k++) orderHigh[k] = rank[orderHigh[k] as number] as number;
    const D = this.anc.ancestorAt;
    const count = [0, 1, 2].map(() => new Int32Array(this.units.length));
    for (let s = 0; s < n; s++) {
      const leaf = this.leaf[s] as number;
      const known = this.kind[s] !== KIND_UNKNOWN;
      for (let d = 0; d < D.length; d++) {
        const g = (D[d] as Int32Array)[leaf] as number;
        if (g < 0) continue;
        inc(count[0] as Int32Array, g);
        if (known) {
          inc(count[1] as Int32Array, g);
          inc(count[2] as Int32Array, g);
        }
      }
    }
    const orders = [order, orderLow, orderHigh];
    for (let L = 0; L < 3; L++) {
      const lists = this.lists[L] as Uint32Array[];
      const lens = this.lens[L] as Int32Array;
      const c = count[L] as Int32Array;
      for (let g = 0; g < lists.length; g++) {
        const m = c[g] as number;
        lists[g] = new Uint32Array(m + 8 + (m >> 4));
        lens[g] = 0;
      }
      const o = orders[L] as Uint32Array;
      for (let k = 0; k < o.length; k++) {
        const s = o[k] as number;
        const leaf = this.leaf[s] as number;
        for (let d = 0; d < D.length; d++) {
          const g = (D[d] as Int32Array)[leaf] as number;
          if (g < 0) continue;
          const at = lens[g] as number;
          (lists[g] as Uint32Array)[at] = s;
          lens[g] = at + 1;
        }
      }
    }
  }

  private values(L: number): Float64Array {
    return L === BY_ESTIMATE ? this.est : L === BY_LOW ? this.pcLow : this.pcHigh;
  }

  /** Whether slot a comes before slot b in order L (value, then household id). */
  private before(v: Float64Array, a: number, b: number): boolean {
    const x = v[a] as number;
    const y = v[b] as number;
    if (x !== y) return x < y;
    const ids = this.ids as (string | undefined)[];
    return (ids[a] as string) < (ids[b] as string);
  }

  /** The first position in unit g's order L not before slot s. */
  private lowerBound(L: number, g: number, s: number): number {
    const list = (this.lists[L] as Uint32Array[])[g] as Uint32Array;
    const v = this.values(L);
    let lo = 0;
    let hi = (this.lens[L] as Int32Array)[g] as number;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(v, list[mid] as number, s)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Calls `f(L, g)` for each order L holding slot s, in each unit g on its leaf's path to the root. */
  private eachPlace(s: number, f: (L: number, g: number) => void): void {
    const leaf = this.leaf[s] as number;
    const known = this.kind[s] !== KIND_UNKNOWN;
    for (const a of this.anc.ancestorAt) {
      const g = a[leaf] as number;
      if (g < 0) continue;
      f(BY_ESTIMATE, g);
      if (known) {
        f(BY_LOW, g);
        f(BY_HIGH, g);
      }
      this.cache[g] = null;
    }
  }

  private detach(s: number): void {
    this.eachPlace(s, (L, g) => {
      const list = (this.lists[L] as Uint32Array[])[g] as Uint32Array;
      const lens = this.lens[L] as Int32Array;
      const k = this.lowerBound(L, g, s);
      if (list[k] !== s) throw new Error(`Statistics engine: household slot ${s} not found in unit ${g}'s order ${L}`);
      list.copyWithin(k, k + 1, lens[g]);
      lens[g] = (lens[g] as number) - 1;
    });
  }

  private attach(s: number): void {
    this.eachPlace(s, (L, g) => {
      const lists = this.lists[L] as Uint32Array[];
      const lens = this.lens[L] as Int32Array;
      const k = this.lowerBound(L, g, s);
      let list = lists[g] as Uint32Array;
      const len = lens[g] as number;
      if (len === list.length) {
        const bigger = new Uint32Array(Math.max(16, len * 2));
        bigger.set(list);
        lists[g] = list = bigger;
      }
      list.copyWithin(k + 1, k, len);
      list[k] = s;
      lens[g] = len + 1;
    });
  }

  /** Adds the household `id`, or replaces what is held of it (its unit may change). */
  upsert(id: string, h: EngineHousehold): void {
    if (!this.ids || !this.slotOf) throw new Error('Statistics engine built without household ids');
    if (!(h.unit >= 0 && h.unit < this.units.length))
      throw new RangeError(`Household ${id} names unit ${h.unit}, which is not in the tree`);
    if (!(h.size >= 1)) throw new RangeError(`Household ${id} has size ${h.size}; a household has at least one person`);
    const lo = h.incomeLow;
    if (!Number.isNaN(lo) && (lo < 0 || !(h.incomeHigh >= lo))) {
      throw new RangeError(`Household ${id} has an invalid income ${lo}–${h.incomeHigh}`);
    }
    let s = this.slotOf.get(id);
    if (s !== undefined) this.detach(s);
    else {
      s = this.free.pop();
      if (s === undefined) {
        if (this.used === this.cap) this.grow(this.cap * 2);
        s = this.used++;
      }
      this.ids[s] = id;
      this.slotOf.set(id, s);
    }
    this.leaf[s] = h.unit;
    this.size[s] = h.size;
    this.lo[s] = h.incomeLow;
    this.hi[s] = h.incomeHigh;
    this.position[s] = h.position;
    this.derive(s, id);
    STAT_FLAGS.forEach((f, k) => (this.flags[s * 4 + k] = h.flags[f]));
    this.generatedCount += (h.generated ? 1 : 0) - (this.gen[s] as number);
    this.gen[s] = h.generated ? 1 : 0;
    this.attach(s);
    this.version++;
  }

  /** Takes the household `id` out (closed, moved away, deleted); false when it was not held. */
  remove(id: string): boolean {
    if (!this.ids || !this.slotOf) throw new Error('Statistics engine built without household ids');
    const s = this.slotOf.get(id);
    if (s === undefined) return false;
    this.detach(s);
    this.slotOf.delete(id);
    this.ids[s] = undefined;
    this.leaf[s] = -1;
    this.generatedCount -= this.gen[s] as number;
    this.gen[s] = 0;
    this.free.push(s);
    this.version++;
    return true;
  }

  /** The figures of unit u (an index into `units`), over the households of it and its descendants. */
  statistics(u: number): UnitStatistics {
    const held = this.cache[u];
    if (held) return held;
    const s = this.compute(u);
    this.cache[u] = s;
    return s;
  }

  /** Every unit's figures, in the order of `units`. */
  all(): UnitStatistics[] {
    return this.units.map((_, u) => this.statistics(u));
  }

  /** The weighted median of unit g's households in order L (NaN with nobody). */
  private median(L: number, g: number, W: number): number {
    const list = (this.lists[L] as Uint32Array[])[g] as Uint32Array;
    const len = (this.lens[L] as Int32Array)[g] as number;
    const x = this.values(L);
    let cum = 0;
    let pending = NaN;
    const half = W / 2;
    for (let k = 0; k < len; k++) {
      const s = list[k] as number;
      const xi = x[s] as number;
      const after = cum + (this.size[s] as number);
      if (!Number.isNaN(pending)) return (pending + xi) / 2;
      if (Math.abs(after - half) <= 1e-12 * W) pending = xi;
      else if (after > half) return xi;
      cum = after;
    }
    return pending;
  }

  private compute(u: number): UnitStatistics {
    const list = (this.lists[BY_ESTIMATE] as Uint32Array[])[u] as Uint32Array;
    const len = (this.lens[BY_ESTIMATE] as Int32Array)[u] as number;
    const buckets = this.buckets;
    const line = this.line;
    const { size, lo, hi, est, pcLow, pcHigh, kind, cls, bucket, flags } = this;
    let households = 0;
    let people = 0;
    let exactCount = 0;
    let bracketCount = 0;
    let W = 0;
    let I = 0;
    let sumLow = 0;
    let sumHigh = 0;
    let xLogX = 0;
    let logX = 0;
    let zeros = 0;
    const bucketHouseholds = new Float64Array(buckets);
    const bucketPeople = new Float64Array(buckets);
    const flagCertain = new Float64Array(4);
    const flagUpTo = new Float64Array(4);
    const classCertain = new Float64Array(4);
    const classUpTo = new Float64Array(4);
    // FGT sums at the lows (upper bound of poverty), at the highs (lower bound) and at the estimate.
    const fgtLow = new Float64Array(3);
    const fgtHigh = new Float64Array(3);
    const fgtEst = new Float64Array(3);
    const fgtAdd = (sums: Float64Array, pc: number, wi: number) => {
      const gap = (line - pc) / line;
      sums[0] = (sums[0] as number) + wi;
      sums[1] = (sums[1] as number) + wi * gap;
      sums[2] = (sums[2] as number) + wi * gap * gap;
    };
    for (let k = 0; k < len; k++) {
      const s = list[k] as number;
      const wi = size[s] as number;
      households++;
      people += wi;
      for (let f = 0; f < 4; f++) {
        const st = flags[s * 4 + f] as number;
        if (st === FLAG_YES) inc(flagCertain, f);
        if (st !== FLAG_NO) inc(flagUpTo, f);
      }
      const kd = kind[s] as number;
      if (kd === KIND_UNKNOWN) continue;
      if (kd === KIND_EXACT) exactCount++;
      else bracketCount++;
      W += wi;
      sumLow += lo[s] as number;
      sumHigh += hi[s] as number;
      const b = bucket[s] as number;
      inc(bucketHouseholds, b);
      bucketPeople[b] = (bucketPeople[b] as number) + wi;
      const bits = cls[s] as number;
      const single = (bits & (bits - 1)) === 0;
      for (let c = 0; c < 4; c++) {
        if (bits & (1 << c)) {
          if (single) inc(classCertain, c);
          inc(classUpTo, c);
        }
      }
      const pl = pcLow[s] as number;
      if (pl < line) fgtAdd(fgtLow, pl, wi);
      const ph = pcHigh[s] as number;
      if (ph < line) fgtAdd(fgtHigh, ph, wi);
      const xi = est[s] as number;
      if (xi < line) fgtAdd(fgtEst, xi, wi);
      I += wi * xi;
      // Theil T = Σ w·x·ln x ÷ I − ln μ and MLD = ln μ − Σ w·ln x ÷ W.
      if (xi > 0) {
        const l = Math.log(xi);
        xLogX += wi * xi * l;
        logX += wi * l;
      } else zeros++;
    }
    // The ordered pass over the estimates: Gini, median, Lorenz curve.
    let giniSum = 0;
    let medianEst = NaN;
    let pending = NaN;
    const lorenz = new Float64Array(LORENZ_POINTS).fill(NaN);
    if (W > 0) {
      let cum = 0;
      let cumIncome = 0;
      let p = 1;
      const half = W / 2;
      for (let k = 0; k < len; k++) {
        const s = list[k] as number;
        if (kind[s] === KIND_UNKNOWN) continue;
        const wi = size[s] as number;
        const xi = est[s] as number;
        const before = cum;
        const after = before + wi;
        giniSum += wi * xi * (2 * after - wi - W);
        if (!Number.isNaN(pending)) {
          medianEst = (pending + xi) / 2;
          pending = NaN;
        } else if (Number.isNaN(medianEst)) {
          if (Math.abs(after - half) <= 1e-12 * W) pending = xi;
          else if (after > half) medianEst = xi;
        }
        while (p < LORENZ_POINTS && after >= (p / (LORENZ_POINTS - 1)) * W - 1e-9 * W) {
          const target = (p / (LORENZ_POINTS - 1)) * W;
          lorenz[p] = I > 0 ? (cumIncome + (target - before) * xi) / I : NaN;
          p++;
        }
        cum = after;
        cumIncome += wi * xi;
      }
      // A median pending at the end (the last person ends exactly at half) is that person's income.
      if (!Number.isNaN(pending)) medianEst = pending;
    }
    const medianLow = bracketCount > 0 ? this.median(BY_LOW, u, W) : medianEst;
    const medianHigh = bracketCount > 0 ? this.median(BY_HIGH, u, W) : medianEst;
    const gini = W > 0 && I > 0 ? giniSum / (W * I) : NaN;

    const known = exactCount + bracketCount;
    const basis: 'exact' | 'estimate' = bracketCount > 0 ? 'estimate' : 'exact';
    const step = this.step;
    const brackets: BracketCell[] = [];
    for (let b = 0; b < buckets; b++) {
      brackets.push({
        low: b * step,
        high: b === buckets - 1 ? null : (b + 1) * step,
        households: bucketHouseholds[b] as number,
        people: bucketPeople[b] as number,
      });
    }
    const share = (p: number) => lorenz[p] as number;
    const bottom20 = share(4);
    const bottom40 = share(8);
    const s8020 = W > 0 && I > 0 && bottom20 > 0 ? (1 - share(16)) / bottom20 : NaN;
    const palma = W > 0 && I > 0 && bottom40 > 0 ? (1 - share(18)) / bottom40 : NaN;
    const fgt = (k: 0 | 1 | 2): Bounded => ({
      // Poverty falls as incomes rise: the highs give the lower bound.
      low: W > 0 ? (fgtHigh[k] as number) / W : null,
      high: W > 0 ? (fgtLow[k] as number) / W : null,
      value: W > 0 ? (fgtEst[k] as number) / W : null,
      basis,
    });
    const flagRanges = {} as Record<StatFlag, CountRange>;
    STAT_FLAGS.forEach((f, k) => {
      flagRanges[f] = { certain: flagCertain[k] as number, upTo: flagUpTo[k] as number };
    });
    const classes = {} as Record<IncomeClass, CountRange>;
    // INCOME_CLASSES are in the order of their bits (classBits: 1 below10k, 2 low, 4 middle, 8 high): class k is bit 1 << k.
    INCOME_CLASSES.forEach((c, k) => {
      classes[c] = { certain: classCertain[k] as number, upTo: classUpTo[k] as number };
    });
    return {
      unitId: (this.units[u] as StatUnit).id,
      households,
      people,
      income: { exact: exactCount, bracket: bracketCount, unknown: households - known },
      brackets,
      flags: flagRanges,
      classes,
      middleShare: known > 0 ? { low: classes.middle.certain / known, high: classes.middle.upTo / known } : null,
      meanPerCapita: {
        low: W > 0 ? sumLow / W : null,
        high: W > 0 ? num(sumHigh / W) : null,
        value: W > 0 ? I / W : null,
        basis,
      },
      medianPerCapita: { low: num(medianLow), high: num(medianHigh), value: num(medianEst), basis },
      gini: { value: num(gini), basis },
      theil: { value: W > 0 && I > 0 ? Math.max(0, xLogX / I - Math.log(I / W)) : null, basis },
      mld: { value: W > 0 && I > 0 && zeros === 0 ? Math.max(0, Math.log(I / W) - logX / W) : null, basis },
      s80s20: { value: num(s8020), basis },
      palma: { value: num(palma), basis },
      fgt0: fgt(0),
      fgt1: fgt(1),
      fgt2: fgt(2),
      lorenz: W > 0 && I > 0 ? [0, ...Array.from({ length: LORENZ_POINTS - 1 }, (_, p) => share(p + 1))] : null,
    };
  }
}

/**
 * Statistics of every unit of the tree, each over the households of its descendants (a {@link StatisticsEngine}
 * built once and read whole).
 *
 * @example three households in one village: 3 persons at 120,000 (exact), 4 persons at 36,000 (exact), 2 persons
 *   in the bracket 60,000–70,000 → households 3, people 9; below10k { certain: 1, upTo: 1 } (the 4 at 9,000 each);
 *   middle { certain: 1, upTo: 2 } (the bracket straddles 33,333 per capita); middleShare { low: 1/3, high: 2/3 };
 *   meanPerCapita { low: (120,000 + 36,000 + 60,000) / 9 = 24,000, high: 25,111.11 }, basis 'estimate'.
 */
export function householdStatistics(
  h: HouseholdColumns,
  units: readonly StatUnit[],
  options: StatisticsOptions = {},
): UnitStatistics[] {
  return StatisticsEngine.build(h, units, options).all();
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
