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
 * The bracket households (kind KIND_BRACKET) in the order of their per-capita low and of their high bound, ties by
 * index as in `argsort`. The exact households need no such order: their bounds are their estimate, so their order by
 * either bound is their order by estimate (the bound medians merge the two).
 */
function bracketOrders(kind: Uint8Array, n: number, low: Float64Array, high: Float64Array): [Uint32Array, Uint32Array] {
  const brackets = new Uint32Array(n);
  let nb = 0;
  for (let i = 0; i < n; i++) if (kind[i] === KIND_BRACKET) brackets[nb++] = i;
  const sorted = (values: Float64Array): Uint32Array => {
    const bv = new Float64Array(nb);
    for (let k = 0; k < nb; k++) bv[k] = values[brackets[k] as number] as number;
    const bo = argsort(bv, nb);
    const out = new Uint32Array(nb);
    for (let k = 0; k < nb; k++) out[k] = brackets[bo[k] as number] as number;
    return out;
  };
  return [sorted(low), sorted(high)];
}

const KIND_EXACT = 0;
const KIND_BRACKET = 1;
const KIND_UNKNOWN = 2;
/** The engine's three orders of each unit's households: by estimate (all), by the low and the high bound (its bracket households only). */
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

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** A slot's record: six doubles side by side, so that a unit's pass reads one cache line per household. */
const R = 6;
const R_SIZE = 0;
const R_EST = 1;
const R_LOW = 2;
const R_HIGH = 3;
/** w·x·ln x and w·ln x of the estimate (0 when x ≤ 0): the Theil and MLD terms, computed once per household. */
const R_XLOGX = 4;
const R_LOGX = 5;

/** Columns of a unit's integer counts (exact in any order of addition, so a parent's are its children's summed). */
const C_HOUSEHOLDS = 0;
const C_PEOPLE = 1;
const C_EXACT = 2;
const C_BRACKET = 3;
/** People in households with an income figure (the weight W of every income measure). */
const C_W = 4;
/** Households with an income figure whose estimate is ≤ 0 (no MLD then). */
const C_ZEROS = 5;
const C_FLAG_CERTAIN = 6;
const C_FLAG_UPTO = 10;
const C_CLASS_CERTAIN = 14;
const C_CLASS_UPTO = 18;
const C_BUCKETS = 22;

/** What a unit's pass in the order of the estimates hands to `finish`: S doubles. */
const A_I = 0;
const A_SUM_LOW = 1;
const A_SUM_HIGH = 2;
const A_XLOGX = 3;
const A_LOGX = 4;
const A_FGT_LOW = 5;
const A_FGT_HIGH = 8;
const A_FGT_EST = 11;
const A_GINI = 14;
const A_MEDIAN = 15;
const A_PENDING = 16;
const A_LORENZ = 19;
const S = A_LORENZ + LORENZ_POINTS;
/** The state of the walk to a bound's median: M doubles per unit and bound. */
const M_CUM = 0;
const M_PENDING = 1;
const M_RESULT = 2;
const M_DONE = 3;
const M = 4;

function newState(units: number): Float64Array {
  const st = new Float64Array(units * S);
  for (let i = 0; i < units; i++) {
    const b = i * S;
    st[b + A_MEDIAN] = NaN;
    st[b + A_PENDING] = NaN;
    st.fill(NaN, b + A_LORENZ, b + S);
  }
  return st;
}

/**
 * The statistics of every unit of the tree held in memory as columns, updated one household at a time.
 *
 * Each household is a slot: a record of six doubles (size, per-capita estimate, income bounds, the Theil and MLD
 * terms), its unit and its packed flags. The slots are numbered by the unit below the root (district, county), then
 * by estimate, so that a district's households are read in sequence and a township's from within its district's.
 * Each unit keeps:
 * - its **counts** (households, people, flags, classes, histogram, …), integers summed over its households: built at
 *   each household's own unit and added up the tree, then kept up to date by adding and subtracting one household
 *   along its path on each change — never recounted;
 * - its households' slots in **order by estimate** (ties by household id), read off one global sort (a subsequence
 *   of a sorted sequence is sorted), and its bracket households' in order by the low and by the high bound, with
 *   the bound and size beside each slot (an exact household's bounds are its estimate).
 * A unit's income figures are one sequential pass over its order by estimate (sums, Gini, median, Lorenz curve,
 * FGT — the weight W comes from its counts, so nothing needs a second pass), and a walk to the middle of each bound
 * (its exact households by estimate merged with its brackets by that bound) for the median's bounds, made when first read and kept until one of its households changes: a change moves
 * the household's slot within the orders of its unit and the unit's ancestors (a binary search and a block move
 * each) and drops just those units' figures. A unit's figures are a function of its households alone, summed in the
 * order of its own estimates, whatever happened before — built from scratch or updated a thousand times, the same
 * numbers to the last bit.
 *
 * @example const e = StatisticsEngine.build(columns, units, {}, { ids }); e.statistics(0) (the city);
 *   e.upsert('hh-1', { unit: 4, size: 3, incomeLow: 120_000, incomeHigh: 120_000, … }); e.statistics(0) again
 *   recomputes the city, its district, township and village only.
 */
export class StatisticsEngine {
  readonly units: readonly StatUnit[];
  private readonly rule: IncomeClassRule;
  private readonly step_: number;
  private readonly buckets: number;
  private readonly line: number;
  /** Each unit's path to its root (itself first): `pathUnits[pathStart[u] … pathStart[u + 1])`. */
  private readonly pathStart: Int32Array;
  private readonly pathUnits: Int32Array;
  /** Units from the deepest to the roots (children before their parents). */
  private readonly deepestFirst: Int32Array;
  private readonly C: number;
  private readonly counts: Float64Array;
  private cap = 0;
  private used = 0;
  private rec = new Float64Array(0);
  private leaf = new Int32Array(0);
  /** Four flags of two bits each (FLAG_NO, FLAG_POSSIBLY, FLAG_YES). */
  private flags = new Uint8Array(0);
  private gen = new Uint8Array(0);
  private ids: (string | undefined)[] | null = null;
  /** The build's ids in id order and the slot of each (−1 once removed): found by a binary search, no hash map. */
  private sortedIds: string[] = [];
  private sortedSlot = new Int32Array(0);
  /** The slots of the households added since the build. */
  private added: Map<string, number> | null = null;
  /** Without ids: the index each slot had in the columns it was built from (its tie-break and its name). */
  private origin: Uint32Array | null = null;
  private slotAt: Int32Array | null = null;
  private readonly free: number[] = [];
  private readonly lists: Uint32Array[][];
  private readonly lens: Int32Array[];
  /** Beside the slots of the bound orders (L = 1, 2; index L − 1): each household's bound per capita and size. */
  private readonly vals: Float64Array[][];
  private readonly wts: Float64Array[][];
  private readonly cache: (UnitStatistics | null)[];
  private generatedCount = 0;
  /** Incremented on every change: what a reader derived from the figures (suppression) is stale when it moved. */
  version = 0;

  private constructor(units: readonly StatUnit[], options: StatisticsOptions) {
    this.units = units;
    this.rule = { ...DEFAULT_INCOME_CLASS_RULE, ...stripUndefined(options.rule ?? {}) };
    this.step_ = options.bracketStep ?? 10_000;
    const top = options.bracketTop ?? 500_000;
    this.line = options.povertyLine ?? this.rule.bottomLine;
    if (!(this.step_ > 0) || !(top >= this.step_) || !(this.line > 0)) {
      throw new RangeError('Invalid bracket step, top or poverty line');
    }
    this.buckets = Math.ceil(top / this.step_) + 1;
    const anc = ancestry(units);
    const U = units.length;
    this.pathStart = new Int32Array(U + 1);
    const path: number[] = [];
    for (let u = 0; u < U; u++) {
      this.pathStart[u] = path.length;
      for (let d = anc.depth[u] as number; d >= 0; d--) path.push((anc.ancestorAt[d] as Int32Array)[u] as number);
    }
    this.pathStart[U] = path.length;
    this.pathUnits = Int32Array.from(path);
    this.deepestFirst = Int32Array.from({ length: U }, (_, i) => i).sort(
      (a, b) => (anc.depth[b] as number) - (anc.depth[a] as number) || a - b,
    );
    this.C = C_BUCKETS + 2 * this.buckets;
    this.counts = new Float64Array(U * this.C);
    this.lists = [0, 1, 2].map(() => Array.from({ length: U }, () => new Uint32Array(0)));
    this.lens = [0, 1, 2].map(() => new Int32Array(U));
    this.vals = [1, 2].map(() => Array.from({ length: U }, () => new Float64Array(0)));
    this.wts = [1, 2].map(() => Array.from({ length: U }, () => new Float64Array(0)));
    this.cache = new Array<UnitStatistics | null>(U).fill(null);
  }

  /**
   * The engine over the households `h`. With `ids` (one per household, unique) it can be updated by id later;
   * without, by the household's index in `h` ({@link replace}). `generated` marks generated households (示例数据).
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
      e.added = new Map();
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
      let packed = 0;
      for (let f = 0; f < 4; f++) packed |= ((flagColumns[f] as Uint8Array)[j] as number) << (2 * f);
      e.flags[s] = packed;
      if (extra.generated?.[j]) {
        e.gen[s] = 1;
        e.generatedCount++;
      }
      if (e.ids) e.ids[s] = ids?.[j];
      else if (e.origin) e.origin[s] = j;
      const position = h.position ? (h.position[j] as number) : ((j + 1) * GOLDEN) % 1;
      e.derive(s, size, h.incomeLow[j] as number, h.incomeHigh[j] as number, position, j);
    }
    e.used = n;
    e.fill(n);
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
    const copy = <T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
      per = 1,
    ): T => {
      const b = make(capacity * per);
      b.set(a);
      return b;
    };
    this.rec = copy(this.rec, (n) => new Float64Array(n), R);
    this.leaf = copy(this.leaf, (n) => new Int32Array(n).fill(-1));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
    this.gen = copy(this.gen, (n) => new Uint8Array(n));
    if (!this.ids) this.origin = copy(this.origin ?? new Uint32Array(0), (n) => new Uint32Array(n));
    this.cap = capacity;
  }

  /** Slot s's record from its size and income (`label` names it in an error). */
  private derive(s: number, size: number, lo: number, hi: number, position: number, label: number | string): void {
    const o = s * R;
    const rec = this.rec;
    rec[o + R_SIZE] = size;
    rec[o + R_LOW] = lo;
    rec[o + R_HIGH] = hi;
    if (Number.isNaN(lo)) {
      rec[o + R_HIGH] = NaN;
      rec[o + R_EST] = 0;
      rec[o + R_XLOGX] = 0;
      rec[o + R_LOGX] = 0;
      return;
    }
    if (lo < 0 || !(hi >= lo)) throw new RangeError(`Household ${label} has an invalid income ${lo}–${hi}`);
    const at = lo === hi || hi === Infinity ? 0 : position;
    const x = (lo + at * (hi === Infinity ? 0 : hi - lo)) / size;
    rec[o + R_EST] = x;
    if (x > 0) {
      const l = Math.log(x);
      rec[o + R_XLOGX] = size * x * l;
      rec[o + R_LOGX] = size * l;
    } else {
      rec[o + R_XLOGX] = 0;
      rec[o + R_LOGX] = 0;
    }
  }

  /** Adds (sign 1) or subtracts (−1) slot s's counts to the units `pathUnits[from … to)`. */
  private count1(s: number, sign: number, from: number, to: number): void {
    const o = s * R;
    const rec = this.rec;
    const size = rec[o + R_SIZE] as number;
    const lo = rec[o + R_LOW] as number;
    const hi = rec[o + R_HIGH] as number;
    const known = !Number.isNaN(lo);
    const packed = this.flags[s] as number;
    const bits = known ? classBits(lo, hi, size, this.rule) : 0;
    const single = (bits & (bits - 1)) === 0;
    const bucket = known ? Math.min(Math.floor(lo / this.step_), this.buckets - 1) : 0;
    const c = this.counts;
    const C = this.C;
    const B = this.buckets;
    for (let k = from; k < to; k++) {
      const b = (this.pathUnits[k] as number) * C;
      c[b + C_HOUSEHOLDS] = (c[b + C_HOUSEHOLDS] as number) + sign;
      c[b + C_PEOPLE] = (c[b + C_PEOPLE] as number) + sign * size;
      for (let f = 0; f < 4; f++) {
        const st = (packed >> (2 * f)) & 3;
        if (st === FLAG_YES) c[b + C_FLAG_CERTAIN + f] = (c[b + C_FLAG_CERTAIN + f] as number) + sign;
        if (st !== FLAG_NO) c[b + C_FLAG_UPTO + f] = (c[b + C_FLAG_UPTO + f] as number) + sign;
      }
      if (!known) continue;
      const kind = lo === hi ? C_EXACT : C_BRACKET;
      c[b + kind] = (c[b + kind] as number) + sign;
      c[b + C_W] = (c[b + C_W] as number) + sign * size;
      if (!((rec[o + R_EST] as number) > 0)) c[b + C_ZEROS] = (c[b + C_ZEROS] as number) + sign;
      for (let q = 0; q < 4; q++) {
        if (bits & (1 << q)) {
          if (single) c[b + C_CLASS_CERTAIN + q] = (c[b + C_CLASS_CERTAIN + q] as number) + sign;
          c[b + C_CLASS_UPTO + q] = (c[b + C_CLASS_UPTO + q] as number) + sign;
        }
      }
      c[b + C_BUCKETS + bucket] = (c[b + C_BUCKETS + bucket] as number) + sign;
      c[b + C_BUCKETS + B + bucket] = (c[b + C_BUCKETS + B + bucket] as number) + sign * size;
    }
  }

  /**
   * Builds every unit's counts and three orders from one sort of the estimates (slots 0…n−1, none free), and
   * renumbers the slots by unit, then by estimate.
   */
  private fill(n: number): void {
    const rec = this.rec;
    const est = new Float64Array(n);
    const low = new Float64Array(n);
    const highFinite = new Float64Array(n);
    const kind = new Uint8Array(n);
    // An open top bracket sorts above every finite income: a sentinel above them for the packed sort only.
    let maxFinite = 0;
    for (let i = 0; i < n; i++) {
      const o = i * R;
      const size = rec[o + R_SIZE] as number;
      const lo = rec[o + R_LOW] as number;
      const hi = rec[o + R_HIGH] as number;
      est[i] = rec[o + R_EST] as number;
      kind[i] = Number.isNaN(lo) ? KIND_UNKNOWN : lo === hi ? KIND_EXACT : KIND_BRACKET;
      low[i] = Number.isNaN(lo) ? 0 : lo / size;
      const v = Number.isNaN(hi) ? 0 : hi / size;
      highFinite[i] = v;
      if (v !== Infinity && v > maxFinite) maxFinite = v;
    }
    for (let i = 0; i < n; i++) if (highFinite[i] === Infinity) highFinite[i] = maxFinite + 1;
    const order = argsort(est, n);
    const [orderLow, orderHigh] = bracketOrders(kind, n, low, highFinite);
    // The slots renumbered by the unit below the root (the district, the county), then in the order of the
    // estimates: such a unit's passes read its records forwards, the root's from one forward run per such unit, and
    // the units below from within their district's run (a unit's passes reading at random cost several times more).
    const U = this.units.length;
    const { pathStart, pathUnits } = this;
    const group = new Int32Array(n);
    const start = new Int32Array(U + 1);
    for (let i = 0; i < n; i++) {
      const l = this.leaf[i] as number;
      const g = pathUnits[Math.max(pathStart[l] as number, (pathStart[l + 1] as number) - 2)] as number;
      group[i] = g;
      start[g + 1] = (start[g + 1] as number) + 1;
    }
    for (let u = 0; u < U; u++) start[u + 1] = (start[u + 1] as number) + (start[u] as number);
    const rank = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      const g = group[i] as number;
      rank[i] = start[g] as number;
      start[g] = (start[g] as number) + 1;
    }
    const spare = new Float64Array(n);
    for (let f = 0; f < R; f++) {
      for (let i = 0; i < n; i++) spare[rank[i] as number] = rec[i * R + f] as number;
      for (let i = 0; i < n; i++) rec[i * R + f] = spare[i] as number;
    }
    const leaf = this.leaf.slice(0, n);
    for (let i = 0; i < n; i++) this.leaf[rank[i] as number] = leaf[i] as number;
    const flags = this.flags.slice(0, n);
    for (let i = 0; i < n; i++) this.flags[rank[i] as number] = flags[i] as number;
    const gen = this.gen.slice(0, n);
    for (let i = 0; i < n; i++) this.gen[rank[i] as number] = gen[i] as number;
    if (this.origin) {
      const origin = this.origin.slice(0, n);
      for (let i = 0; i < n; i++) this.origin[rank[i] as number] = origin[i] as number;
      this.slotAt = new Int32Array(n);
      for (let s = 0; s < n; s++) this.slotAt[this.origin[s] as number] = s;
    }
    if (this.ids) {
      // The ids in id order (the build's numbering) and the slot of each: an id is found by a binary search.
      this.sortedIds = this.ids.slice(0, n) as string[];
      this.sortedSlot = Int32Array.from(rank);
      const ids = this.ids.slice(0, n);
      for (let i = 0; i < n; i++) this.ids[rank[i] as number] = ids[i];
    }
    for (let k = 0; k < n; k++) order[k] = rank[order[k] as number] as number;
    for (let k = 0; k < orderLow.length; k++) orderLow[k] = rank[orderLow[k] as number] as number;
    for (let k = 0; k < orderHigh.length; k++) orderHigh[k] = rank[orderHigh[k] as number] as number;
    // Counts at each household's own unit, then each unit's added to its parent's, children first.
    for (let s = 0; s < n; s++) {
      const u = this.leaf[s] as number;
      const p = this.pathStart[u] as number;
      this.count1(s, 1, p, p + 1);
    }
    const C = this.C;
    const c = this.counts;
    for (const u of this.deepestFirst) {
      const parent = (this.units[u] as StatUnit).parent;
      if (parent < 0) continue;
      for (let j = 0; j < C; j++) c[parent * C + j] = (c[parent * C + j] as number) + (c[u * C + j] as number);
    }
    const orders = [order, orderLow, orderHigh];
    for (let L = 0; L < 3; L++) {
      const lists = this.lists[L] as Uint32Array[];
      const lens = this.lens[L] as Int32Array;
      for (let g = 0; g < U; g++) {
        const m = L === BY_ESTIMATE ? (c[g * C + C_HOUSEHOLDS] as number) : (c[g * C + C_BRACKET] as number);
        lists[g] = new Uint32Array(m + 8 + (m >> 4));
        lens[g] = 0;
        if (L !== BY_ESTIMATE) {
          (this.vals[L - 1] as Float64Array[])[g] = new Float64Array(m + 8 + (m >> 4));
          (this.wts[L - 1] as Float64Array[])[g] = new Float64Array(m + 8 + (m >> 4));
        }
      }
      const o = orders[L] as Uint32Array;
      for (let k = 0; k < o.length; k++) {
        const s = o[k] as number;
        const leaf = this.leaf[s] as number;
        const to = pathStart[leaf + 1] as number;
        for (let q = pathStart[leaf] as number; q < to; q++) {
          const g = pathUnits[q] as number;
          const at = lens[g] as number;
          (lists[g] as Uint32Array)[at] = s;
          lens[g] = at + 1;
        }
      }
      if (L !== BY_ESTIMATE) {
        const vals = this.vals[L - 1] as Float64Array[];
        const wts = this.wts[L - 1] as Float64Array[];
        for (let g = 0; g < U; g++) {
          const list = lists[g] as Uint32Array;
          const v = vals[g] as Float64Array;
          const w = wts[g] as Float64Array;
          for (let k = 0; k < (lens[g] as number); k++) {
            const sk = list[k] as number;
            v[k] = this.value(L, sk);
            w[k] = this.rec[sk * R + R_SIZE] as number;
          }
        }
      }
    }
  }

  /** Slot s's value in order L. */
  private value(L: number, s: number): number {
    const o = s * R;
    if (L === BY_ESTIMATE) return this.rec[o + R_EST] as number;
    return (this.rec[o + (L === BY_LOW ? R_LOW : R_HIGH)] as number) / (this.rec[o + R_SIZE] as number);
  }

  /** Whether slot a comes before slot b in order L (value, then household id). */
  private before(L: number, a: number, b: number): boolean {
    const x = this.value(L, a);
    const y = this.value(L, b);
    if (x !== y) return x < y;
    return this.tieBefore(a, b);
  }

  /** Whether slot a's household comes before slot b's among equal values (by id, else by build index). */
  private tieBefore(a: number, b: number): boolean {
    if (this.ids) return (this.ids[a] as string) < (this.ids[b] as string);
    return (this.origin?.[a] as number) < (this.origin?.[b] as number);
  }

  /** The first position in unit g's order L not before slot s. */
  private lowerBound(L: number, g: number, s: number): number {
    const list = (this.lists[L] as Uint32Array[])[g] as Uint32Array;
    let lo = 0;
    let hi = (this.lens[L] as Int32Array)[g] as number;
    if (L === BY_ESTIMATE) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.before(L, list[mid] as number, s)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    const vals = (this.vals[L - 1] as Float64Array[])[g] as Float64Array;
    const y = this.value(L, s);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const x = vals[mid] as number;
      if (x < y || (x === y && this.tieBefore(list[mid] as number, s))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Calls `f(L, g)` for each order L holding slot s, in each unit g on its leaf's path to the root. */
  private eachPlace(s: number, f: (L: number, g: number) => void): void {
    const leaf = this.leaf[s] as number;
    const lo = this.rec[s * R + R_LOW] as number;
    const bracket = lo === lo && lo !== this.rec[s * R + R_HIGH];
    const to = this.pathStart[leaf + 1] as number;
    for (let q = this.pathStart[leaf] as number; q < to; q++) {
      const g = this.pathUnits[q] as number;
      f(BY_ESTIMATE, g);
      if (bracket) {
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
      const len = lens[g] as number;
      list.copyWithin(k, k + 1, len);
      if (L !== BY_ESTIMATE) {
        ((this.vals[L - 1] as Float64Array[])[g] as Float64Array).copyWithin(k, k + 1, len);
        ((this.wts[L - 1] as Float64Array[])[g] as Float64Array).copyWithin(k, k + 1, len);
      }
      lens[g] = len - 1;
    });
    const leaf = this.leaf[s] as number;
    this.count1(s, -1, this.pathStart[leaf] as number, this.pathStart[leaf + 1] as number);
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
        if (L !== BY_ESTIMATE) {
          for (const side of [this.vals[L - 1] as Float64Array[], this.wts[L - 1] as Float64Array[]]) {
            const wider = new Float64Array(bigger.length);
            wider.set(side[g] as Float64Array);
            side[g] = wider;
          }
        }
      }
      list.copyWithin(k + 1, k, len);
      list[k] = s;
      if (L !== BY_ESTIMATE) {
        const vals = (this.vals[L - 1] as Float64Array[])[g] as Float64Array;
        const wts = (this.wts[L - 1] as Float64Array[])[g] as Float64Array;
        vals.copyWithin(k + 1, k, len);
        wts.copyWithin(k + 1, k, len);
        vals[k] = this.value(L, s);
        wts[k] = this.rec[s * R + R_SIZE] as number;
      }
      lens[g] = len + 1;
    });
    const leaf = this.leaf[s] as number;
    this.count1(s, 1, this.pathStart[leaf] as number, this.pathStart[leaf + 1] as number);
  }

  private check(name: string | number, h: EngineHousehold): void {
    if (!(h.unit >= 0 && h.unit < this.units.length))
      throw new RangeError(`Household ${name} names unit ${h.unit}, which is not in the tree`);
    if (!(h.size >= 1))
      throw new RangeError(`Household ${name} has size ${h.size}; a household has at least one person`);
    const lo = h.incomeLow;
    if (!Number.isNaN(lo) && (lo < 0 || !(h.incomeHigh >= lo))) {
      throw new RangeError(`Household ${name} has an invalid income ${lo}–${h.incomeHigh}`);
    }
  }

  /** Slot s takes household h (it is detached, or new). */
  private place(s: number, h: EngineHousehold, name: string | number): void {
    this.leaf[s] = h.unit;
    this.derive(s, h.size, h.incomeLow, h.incomeHigh, h.position, name);
    let packed = 0;
    STAT_FLAGS.forEach((f, k) => (packed |= h.flags[f] << (2 * k)));
    this.flags[s] = packed;
    this.generatedCount += (h.generated ? 1 : 0) - (this.gen[s] as number);
    this.gen[s] = h.generated ? 1 : 0;
    this.attach(s);
    this.version++;
  }

  /** Where `id` is among the build's ids (−1: not one of them). */
  private sortedAt(id: string): number {
    const ids = this.sortedIds;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ids[mid] as string) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < ids.length && ids[lo] === id ? lo : -1;
  }

  private slotOfId(id: string): number | undefined {
    const k = this.sortedAt(id);
    if (k < 0) return this.added?.get(id);
    const s = this.sortedSlot[k] as number;
    return s >= 0 ? s : undefined;
  }

  /** Records slot s as household id's (−1: removed). */
  private setSlot(id: string, s: number): void {
    const k = this.sortedAt(id);
    if (k >= 0) this.sortedSlot[k] = s;
    else if (s >= 0) this.added?.set(id, s);
    else this.added?.delete(id);
  }

  /** Adds the household `id`, or replaces what is held of it (its unit may change). */
  upsert(id: string, h: EngineHousehold): void {
    if (!this.ids || !this.added) throw new Error('Statistics engine built without household ids');
    this.check(id, h);
    let s = this.slotOfId(id);
    if (s !== undefined) this.detach(s);
    else {
      s = this.free.pop();
      if (s === undefined) {
        if (this.used === this.cap) this.grow(this.cap * 2);
        s = this.used++;
      }
      this.ids[s] = id;
      this.setSlot(id, s);
    }
    this.place(s, h, id);
  }

  /**
   * Replaces the household at `index` of the columns an engine without ids was built from (the province's form,
   * whose tens of millions of households have no id strings in memory).
   */
  replace(index: number, h: EngineHousehold): void {
    const s = this.slotAt?.[index];
    if (s === undefined) throw new RangeError(`No household at index ${index} (or the engine holds ids: use upsert)`);
    this.check(index, h);
    this.detach(s);
    this.place(s, h, index);
  }

  /** Takes the household `id` out (closed, moved away, deleted); false when it was not held. */
  remove(id: string): boolean {
    if (!this.ids || !this.added) throw new Error('Statistics engine built without household ids');
    const s = this.slotOfId(id);
    if (s === undefined) return false;
    this.detach(s);
    this.setSlot(id, -1);
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

  /** The figures of the units `us` (indices into `units`), e.g. a province and its counties without the villages. */
  statisticsOf(us: readonly number[]): UnitStatistics[] {
    return us.map((u) => this.statistics(u));
  }

  /** Drops every unit's held figures, so that the next reads compute them again from the held columns. */
  forget(): void {
    this.cache.fill(null);
  }

  /**
   * The figures of unit u: its counts, one pass over its order by estimate (the sums, Gini, median and Lorenz curve —
   * W comes from the counts, so one pass is enough) and a walk to the middle of each bound's order.
   */
  private compute(u: number): UnitStatistics {
    const W = this.counts[u * this.C + C_W] as number;
    const rec = this.rec;
    const line = this.line;
    const list = (this.lists[BY_ESTIMATE] as Uint32Array[])[u] as Uint32Array;
    const len = (this.lens[BY_ESTIMATE] as Int32Array)[u] as number;
    let I = 0;
    let sumLow = 0;
    let sumHigh = 0;
    let xLogX = 0;
    let logX = 0;
    let fl0 = 0;
    let fl1 = 0;
    let fl2 = 0;
    let fh0 = 0;
    let fh1 = 0;
    let fh2 = 0;
    let fe0 = 0;
    let fe1 = 0;
    let fe2 = 0;
    let giniSum = 0;
    let median = NaN;
    let pending = NaN;
    let cum = 0;
    let p = 1;
    const half = W / 2;
    const st = newState(1);
    for (let k = 0; k < len; k++) {
      const o = (list[k] as number) * R;
      const loI = rec[o + R_LOW] as number;
      if (loI !== loI) continue; // no income figure
      const wi = rec[o + R_SIZE] as number;
      const hiI = rec[o + R_HIGH] as number;
      const xi = rec[o + R_EST] as number;
      sumLow += loI;
      sumHigh += hiI;
      // An exact household's bounds per capita are its estimate (the same division): no division then.
      const exact = loI === hiI;
      const pl = exact ? xi : loI / wi;
      if (pl < line) {
        const gap = (line - pl) / line;
        fl0 += wi;
        fl1 += wi * gap;
        fl2 += wi * gap * gap;
      }
      const ph = exact ? xi : hiI / wi;
      if (ph < line) {
        const gap = (line - ph) / line;
        fh0 += wi;
        fh1 += wi * gap;
        fh2 += wi * gap * gap;
      }
      if (xi < line) {
        const gap = (line - xi) / line;
        fe0 += wi;
        fe1 += wi * gap;
        fe2 += wi * gap * gap;
      }
      if (xi > 0) {
        xLogX += rec[o + R_XLOGX] as number;
        logX += rec[o + R_LOGX] as number;
      }
      const before = cum;
      const after = before + wi;
      giniSum += wi * xi * (2 * after - wi - W);
      if (!Number.isNaN(pending)) {
        median = (pending + xi) / 2;
        pending = NaN;
      } else if (Number.isNaN(median)) {
        if (Math.abs(after - half) <= 1e-12 * W) pending = xi;
        else if (after > half) median = xi;
      }
      while (p < LORENZ_POINTS && after >= (p / (LORENZ_POINTS - 1)) * W - 1e-9 * W) {
        const target = (p / (LORENZ_POINTS - 1)) * W;
        st[A_LORENZ + p] = I + (target - before) * xi;
        p++;
      }
      cum = after;
      I += wi * xi;
    }
    st[A_I] = I;
    st[A_SUM_LOW] = sumLow;
    st[A_SUM_HIGH] = sumHigh;
    st[A_XLOGX] = xLogX;
    st[A_LOGX] = logX;
    st.set([fl0, fl1, fl2], A_FGT_LOW);
    st.set([fh0, fh1, fh2], A_FGT_HIGH);
    st.set([fe0, fe1, fe2], A_FGT_EST);
    st[A_GINI] = giniSum;
    st[A_MEDIAN] = median;
    st[A_PENDING] = pending;
    const bounds = new Float64Array(2 * M);
    for (const side of [0, 1]) {
      bounds[side * M + M_PENDING] = NaN;
      bounds[side * M + M_RESULT] = NaN;
    }
    this.boundWalk(BY_LOW, u, W, bounds);
    this.boundWalk(BY_HIGH, u, W, bounds);
    return this.finish(u, st, 0, bounds, 0, M);
  }

  /**
   * The walk to the median of bound L (per capita) over unit u's households, in the order of that bound: its exact
   * households in its order by estimate (their bounds are their estimate) merged with its bracket households in
   * its order by L, read beside their slots. Equal values may come in either order: the median is a function of the
   * values and weights, whatever their order among equals. State at `(L − 1)·M` of `m`.
   */
  private boundWalk(L: number, u: number, W: number, m: Float64Array): void {
    const at = (L - 1) * M;
    const rec = this.rec;
    const est = (this.lists[BY_ESTIMATE] as Uint32Array[])[u] as Uint32Array;
    const ne = (this.lens[BY_ESTIMATE] as Int32Array)[u] as number;
    const bv = (this.vals[L - 1] as Float64Array[])[u] as Float64Array;
    const bw = (this.wts[L - 1] as Float64Array[])[u] as Float64Array;
    const nb = (this.lens[L] as Int32Array)[u] as number;
    let a = 0;
    let b = 0;
    for (;;) {
      // The next exact household in the order by estimate (no income figure: NaN ≠ NaN; a bracket: low ≠ high).
      while (a < ne && rec[(est[a] as number) * R + R_LOW] !== rec[(est[a] as number) * R + R_HIGH]) a++;
      let x: number;
      let w: number;
      if (a < ne && (b >= nb || (rec[(est[a] as number) * R + R_EST] as number) <= (bv[b] as number))) {
        const o = (est[a++] as number) * R;
        x = rec[o + R_EST] as number;
        w = rec[o + R_SIZE] as number;
      } else if (b < nb) {
        x = bv[b] as number;
        w = bw[b++] as number;
      } else return;
      if (this.medianStep(m, at, W, x, w)) return;
    }
  }

  /** One household (value x, weight w) in the walk to a weighted median (state at b); true when it ends the walk. */
  private medianStep(m: Float64Array, b: number, W: number, xi: number, size: number): boolean {
    const after = (m[b + M_CUM] as number) + size;
    const pending = m[b + M_PENDING] as number;
    m[b + M_CUM] = after;
    if (!Number.isNaN(pending)) {
      m[b + M_RESULT] = (pending + xi) / 2;
      m[b + M_DONE] = 1;
      return true;
    }
    if (Math.abs(after - W / 2) <= 1e-12 * W) m[b + M_PENDING] = xi;
    else if (after > W / 2) {
      m[b + M_RESULT] = xi;
      m[b + M_DONE] = 1;
      return true;
    }
    return false;
  }

  /** Unit u's figures from its counts and the states of its passes. */
  private finish(
    u: number,
    st: Float64Array,
    b: number,
    m: Float64Array,
    lowAt: number,
    highAt: number,
  ): UnitStatistics {
    const c = this.counts;
    const cb = u * this.C;
    const households = c[cb + C_HOUSEHOLDS] as number;
    const people = c[cb + C_PEOPLE] as number;
    const exactCount = c[cb + C_EXACT] as number;
    const bracketCount = c[cb + C_BRACKET] as number;
    const W = c[cb + C_W] as number;
    const zeros = c[cb + C_ZEROS] as number;
    const I = st[b + A_I] as number;
    const sumLow = st[b + A_SUM_LOW] as number;
    const sumHigh = st[b + A_SUM_HIGH] as number;
    const xLogX = st[b + A_XLOGX] as number;
    const logX = st[b + A_LOGX] as number;
    // A median pending at the end (the last person ends exactly at half) is that person's income.
    const pending = st[b + A_PENDING] as number;
    const medianEst = Number.isNaN(pending) ? (st[b + A_MEDIAN] as number) : pending;
    const boundMedian = (at: number) =>
      m[at + M_DONE] === 1 ? (m[at + M_RESULT] as number) : (m[at + M_PENDING] as number);
    const medianLow = bracketCount > 0 ? boundMedian(lowAt) : medianEst;
    const medianHigh = bracketCount > 0 ? boundMedian(highAt) : medianEst;
    const lorenz = new Float64Array(LORENZ_POINTS).fill(NaN);
    for (let q = 0; q < LORENZ_POINTS; q++) {
      const at = st[b + A_LORENZ + q] as number;
      if (!Number.isNaN(at)) lorenz[q] = I > 0 ? at / I : NaN;
    }
    const gini = W > 0 && I > 0 ? (st[b + A_GINI] as number) / (W * I) : NaN;

    const known = exactCount + bracketCount;
    const basis: 'exact' | 'estimate' = bracketCount > 0 ? 'estimate' : 'exact';
    const step = this.step_;
    const buckets = this.buckets;
    const brackets: BracketCell[] = [];
    for (let q = 0; q < buckets; q++) {
      brackets.push({
        low: q * step,
        high: q === buckets - 1 ? null : (q + 1) * step,
        households: c[cb + C_BUCKETS + q] as number,
        people: c[cb + C_BUCKETS + buckets + q] as number,
      });
    }
    const share = (q: number) => lorenz[q] as number;
    const bottom20 = share(4);
    const bottom40 = share(8);
    const s8020 = W > 0 && I > 0 && bottom20 > 0 ? (1 - share(16)) / bottom20 : NaN;
    const palma = W > 0 && I > 0 && bottom40 > 0 ? (1 - share(18)) / bottom40 : NaN;
    const fgt = (k: 0 | 1 | 2): Bounded => ({
      // Poverty falls as incomes rise: the highs give the lower bound.
      low: W > 0 ? (st[b + A_FGT_HIGH + k] as number) / W : null,
      high: W > 0 ? (st[b + A_FGT_LOW + k] as number) / W : null,
      value: W > 0 ? (st[b + A_FGT_EST + k] as number) / W : null,
      basis,
    });
    const flagRanges = {} as Record<StatFlag, CountRange>;
    STAT_FLAGS.forEach((f, k) => {
      flagRanges[f] = { certain: c[cb + C_FLAG_CERTAIN + k] as number, upTo: c[cb + C_FLAG_UPTO + k] as number };
    });
    const classes = {} as Record<IncomeClass, CountRange>;
    // INCOME_CLASSES are in the order of their bits (classBits: 1 below10k, 2 low, 4 middle, 8 high): class k is bit 1 << k.
    INCOME_CLASSES.forEach((cl, k) => {
      classes[cl] = { certain: c[cb + C_CLASS_CERTAIN + k] as number, upTo: c[cb + C_CLASS_UPTO + k] as number };
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
      lorenz: W > 0 && I > 0 ? [0, ...Array.from({ length: LORENZ_POINTS - 1 }, (_, q) => share(q + 1))] : null,
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
