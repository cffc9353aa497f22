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
 *   labelled `basis: 'estimate'`. Only when every household's income is exact is the basis `'exact'`.
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
const CLASS_BIT: Record<IncomeClass, number> = { below10k: 1, low: 2, middle: 4, high: 8 };

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

/**
 * The orders of `low` and `high` (the bounds of bracket incomes) from the order of the estimates: exact households
 * have the same value in all three, so their subsequence of `byEstimate` is already in order; only the bracket
 * households are sorted, then the two runs are merged — a fifth of a sort instead of a whole one, for each bound.
 */
function mergedOrders(
  byEstimate: Uint32Array,
  h: HouseholdColumns,
  low: Float64Array,
  high: Float64Array,
): [Uint32Array, Uint32Array] {
  const n = byEstimate.length;
  // 0 exact, 1 bracket, 2 no income: read in household order, then looked up (a byte each) in the estimates' order.
  const kind = new Uint8Array(n);
  const brackets = new Uint32Array(n);
  const unknown = new Uint32Array(n);
  let nb = 0;
  let nu = 0;
  for (let i = 0; i < n; i++) {
    const lo = h.incomeLow[i] as number;
    if (Number.isNaN(lo)) {
      kind[i] = 2;
      unknown[nu++] = i;
    } else if (lo !== h.incomeHigh[i]) {
      kind[i] = 1;
      brackets[nb++] = i;
    }
  }
  // An exact household's bounds are its estimate: gathered once, in order, for both merges.
  const exact = new Uint32Array(n);
  const exactValue = new Float64Array(n);
  let e = 0;
  for (let k = 0; k < n; k++) {
    const i = byEstimate[k] as number;
    if (kind[i] === 0) {
      exact[e] = i;
      exactValue[e++] = low[i] as number;
    }
  }
  const merge = (values: Float64Array): Uint32Array => {
    const bv = new Float64Array(nb);
    for (let k = 0; k < nb; k++) bv[k] = values[brackets[k] as number] as number;
    const bo = argsort(bv, nb);
    const out = new Uint32Array(n);
    let a = 0;
    let b = 0;
    let k = 0;
    let va = a < e ? (exactValue[a] as number) : Infinity;
    let vb = b < nb ? (bv[bo[b] as number] as number) : Infinity;
    while (a < e || b < nb) {
      if (b >= nb || (a < e && va <= vb)) {
        out[k++] = exact[a] as number;
        a++;
        va = a < e ? (exactValue[a] as number) : Infinity;
      } else {
        out[k++] = brackets[bo[b] as number] as number;
        b++;
        vb = b < nb ? (bv[bo[b] as number] as number) : Infinity;
      }
    }
    // Households without an income figure (weight 0) complete the order; the passes skip them.
    for (let u = 0; u < nu; u++) out[k++] = unknown[u] as number;
    return out;
  };
  return [merge(low), merge(high)];
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

/** Sorted-order measures of every unit (all depths). */
interface OrderedPass {
  gini: Float64Array;
  median: Float64Array;
  lorenz: Float64Array;
}

/**
 * One pass over the households in `order`: each household adds to every ancestor of its unit, so each unit sees
 * its own households in income order. The columns are gathered into that order first so that the pass reads
 * memory in sequence (a million random reads per figure would cost more than the arithmetic).
 */
function orderedPass(
  order: Uint32Array,
  x: Float64Array,
  w: Float64Array,
  unit: ArrayLike<number>,
  anc: Ancestry,
  groups: number,
  people: Float64Array,
  income: Float64Array,
  wantLorenz: boolean,
): OrderedPass {
  const n = order.length;
  const xs = new Float64Array(n);
  const ws = new Float64Array(n);
  const us = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    xs[k] = x[i] as number;
    ws[k] = w[i] as number;
    us[k] = unit[i] as number;
  }
  const cumPeople = new Float64Array(groups);
  const cumIncome = new Float64Array(groups);
  const giniSum = new Float64Array(groups);
  const median = new Float64Array(groups).fill(NaN);
  const medianPending = new Float64Array(groups).fill(NaN);
  const lorenz = new Float64Array(wantLorenz ? groups * LORENZ_POINTS : 0).fill(NaN);
  const nextPoint = new Int32Array(groups).fill(1);
  const depths = anc.ancestorAt;
  for (let k = 0; k < n; k++) {
    const wi = ws[k] as number;
    if (wi <= 0) continue;
    const xi = xs[k] as number;
    const leaf = us[k] as number;
    for (let d = 0; d < depths.length; d++) {
      const g = (depths[d] as Int32Array)[leaf] as number;
      if (g < 0) continue;
      const W = people[g] as number;
      const before = cumPeople[g] as number;
      const after = before + wi;
      giniSum[g] = (giniSum[g] as number) + wi * xi * (2 * after - wi - W);
      if (!Number.isNaN(medianPending[g])) {
        median[g] = ((medianPending[g] as number) + xi) / 2;
        medianPending[g] = NaN;
      } else if (Number.isNaN(median[g])) {
        const half = W / 2;
        if (Math.abs(after - half) <= 1e-12 * W) medianPending[g] = xi;
        else if (after > half) median[g] = xi;
      }
      if (wantLorenz) {
        const total = income[g] as number;
        let p = nextPoint[g] as number;
        while (p < LORENZ_POINTS && after >= (p / (LORENZ_POINTS - 1)) * W - 1e-9 * W) {
          const target = (p / (LORENZ_POINTS - 1)) * W;
          lorenz[g * LORENZ_POINTS + p] = total > 0 ? ((cumIncome[g] as number) + (target - before) * xi) / total : NaN;
          p++;
        }
        nextPoint[g] = p;
      }
      cumPeople[g] = after;
      cumIncome[g] = (cumIncome[g] as number) + wi * xi;
    }
  }
  // A median pending at the end of a group (the last person ends exactly at half) is that person's income.
  for (let g = 0; g < groups; g++) if (!Number.isNaN(medianPending[g])) median[g] = medianPending[g] as number;
  const gini = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const W = people[g] as number;
    const I = income[g] as number;
    gini[g] = W > 0 && I > 0 ? (giniSum[g] as number) / (W * I) : NaN;
  }
  return { gini, median, lorenz };
}

/**
 * The weighted median of every unit (all depths) from one pass over the households in `order` — what
 * {@link orderedPass} computes for its median, without the Gini's and the Lorenz curve's arithmetic (the bounds of
 * the median need only this).
 */
function medianPass(
  order: Uint32Array,
  x: Float64Array,
  w: Float64Array,
  unit: ArrayLike<number>,
  anc: Ancestry,
  groups: number,
  people: Float64Array,
): Float64Array {
  const n = order.length;
  const cum = new Float64Array(groups);
  const median = new Float64Array(groups).fill(NaN);
  const pending = new Float64Array(groups).fill(NaN);
  // A unit is done once its median is known: the pass then skips it.
  const done = new Uint8Array(groups);
  const depths = anc.ancestorAt;
  const D = depths.length;
  // Gathered into the order first, so that the pass reads memory in sequence (see orderedPass).
  const xs = new Float64Array(n);
  const ws = new Float64Array(n);
  const us = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    xs[k] = x[i] as number;
    ws[k] = w[i] as number;
    us[k] = unit[i] as number;
  }
  for (let k = 0; k < n; k++) {
    const wi = ws[k] as number;
    if (wi <= 0) continue;
    const xi = xs[k] as number;
    const leaf = us[k] as number;
    for (let d = 0; d < D; d++) {
      const g = (depths[d] as Int32Array)[leaf] as number;
      if (g < 0 || done[g] === 1) continue;
      const W = people[g] as number;
      const after = (cum[g] as number) + wi;
      cum[g] = after;
      if (!Number.isNaN(pending[g])) {
        median[g] = ((pending[g] as number) + xi) / 2;
        done[g] = 1;
      } else {
        const half = W / 2;
        if (Math.abs(after - half) <= 1e-12 * W) pending[g] = xi;
        else if (after > half) {
          median[g] = xi;
          done[g] = 1;
        }
      }
    }
  }
  for (let g = 0; g < groups; g++) if (!Number.isNaN(pending[g]) && done[g] === 0) median[g] = pending[g] as number;
  return median;
}

/** Adds to a cell of a typed array (indices are always in range here). */
function add(a: Float64Array, i: number, v: number): void {
  a[i] = (a[i] as number) + v;
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Statistics of every unit of the tree, each over the households of its descendants.
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
  const rule: IncomeClassRule = { ...DEFAULT_INCOME_CLASS_RULE, ...stripUndefined(options.rule ?? {}) };
  const step = options.bracketStep ?? 10_000;
  const top = options.bracketTop ?? 500_000;
  const line = options.povertyLine ?? rule.bottomLine;
  if (!(step > 0) || !(top >= step) || !(line > 0)) throw new RangeError('Invalid bracket step, top or poverty line');
  const buckets = Math.ceil(top / step) + 1;
  const U = units.length;
  const n = h.count;
  const anc = ancestry(units);

  // Per leaf-unit counts, rolled up afterwards.
  const households = new Float64Array(U);
  const people = new Float64Array(U);
  const exactCount = new Float64Array(U);
  const bracketCount = new Float64Array(U);
  const knownPeople = new Float64Array(U);
  const sumLow = new Float64Array(U);
  const sumHigh = new Float64Array(U);
  const bucketHouseholds = new Float64Array(U * buckets);
  const bucketPeople = new Float64Array(U * buckets);
  const flagCertain = STAT_FLAGS.map(() => new Float64Array(U));
  const flagUpTo = STAT_FLAGS.map(() => new Float64Array(U));
  const classCertain = INCOME_CLASSES.map(() => new Float64Array(U));
  const classUpTo = INCOME_CLASSES.map(() => new Float64Array(U));
  // FGT sums at the lows (upper bound of poverty) and at the highs (lower bound) and at the estimate.
  const fgtLow = [0, 1, 2].map(() => new Float64Array(U));
  const fgtHigh = [0, 1, 2].map(() => new Float64Array(U));
  const fgtEst = [0, 1, 2].map(() => new Float64Array(U));

  const est = new Float64Array(n);
  const pcLow = new Float64Array(n);
  const pcHigh = new Float64Array(n);
  const weight = new Float64Array(n);
  let anyBracket = false;

  const fgtAdd = (sums: Float64Array[], u: number, pc: number, wi: number) => {
    if (pc < line) {
      const gap = (line - pc) / line;
      (sums[0] as Float64Array)[u] = ((sums[0] as Float64Array)[u] as number) + wi;
      (sums[1] as Float64Array)[u] = ((sums[1] as Float64Array)[u] as number) + wi * gap;
      (sums[2] as Float64Array)[u] = ((sums[2] as Float64Array)[u] as number) + wi * gap * gap;
    }
  };

  const flagColumns = STAT_FLAGS.map((f) => h.flags[f]);
  const classBitOf = Int32Array.from(INCOME_CLASSES, (c) => CLASS_BIT[c]);
  for (let i = 0; i < n; i++) {
    const u = h.unit[i] as number;
    if (u < 0 || u >= U) throw new RangeError(`Household ${i} names unit ${u}, which is not in the tree`);
    const size = h.size[i] as number;
    if (!(size >= 1)) throw new RangeError(`Household ${i} has size ${size}; a household has at least one person`);
    households[u] = (households[u] as number) + 1;
    people[u] = (people[u] as number) + size;
    for (let f = 0; f < flagColumns.length; f++) {
      const s = (flagColumns[f] as Uint8Array)[i] as number;
      if (s === FLAG_YES) add(flagCertain[f] as Float64Array, u, 1);
      if (s !== FLAG_NO) add(flagUpTo[f] as Float64Array, u, 1);
    }
    const lo = h.incomeLow[i] as number;
    const hi = h.incomeHigh[i] as number;
    if (Number.isNaN(lo)) {
      est[i] = 0;
      weight[i] = 0;
      continue;
    }
    if (lo < 0 || !(hi >= lo)) throw new RangeError(`Household ${i} has an invalid income ${lo}–${hi}`);
    const exact = lo === hi;
    if (exact) add(exactCount, u, 1);
    else {
      add(bracketCount, u, 1);
      anyBracket = true;
    }
    knownPeople[u] = (knownPeople[u] as number) + size;
    weight[i] = size;
    pcLow[i] = lo / size;
    pcHigh[i] = hi / size;
    const position = exact || hi === Infinity ? 0 : ((i + 1) * GOLDEN) % 1;
    est[i] = (lo + position * (hi === Infinity ? 0 : hi - lo)) / size;
    sumLow[u] = (sumLow[u] as number) + lo;
    sumHigh[u] = (sumHigh[u] as number) + hi;
    const b = Math.min(Math.floor(lo / step), buckets - 1);
    add(bucketHouseholds, u * buckets + b, 1);
    bucketPeople[u * buckets + b] = (bucketPeople[u * buckets + b] as number) + size;
    const bits = classBits(lo, hi, size, rule);
    const single = (bits & (bits - 1)) === 0;
    for (let c = 0; c < classBitOf.length; c++) {
      if (bits & (classBitOf[c] as number)) {
        if (single) add(classCertain[c] as Float64Array, u, 1);
        add(classUpTo[c] as Float64Array, u, 1);
      }
    }
    // Most households are above the line: nothing to add to the FGT sums (the test is the bound's own).
    if (lo / size < line) fgtAdd(fgtLow, u, lo / size, size);
    if (hi / size < line) fgtAdd(fgtHigh, u, hi / size, size);
    if ((est[i] as number) < line) fgtAdd(fgtEst, u, est[i] as number, size);
  }

  // Roll the additive figures up the tree, deepest first.
  const additive: Float64Array[] = [
    households,
    people,
    exactCount,
    bracketCount,
    knownPeople,
    sumLow,
    sumHigh,
    ...flagCertain,
    ...flagUpTo,
    ...classCertain,
    ...classUpTo,
    ...fgtLow,
    ...fgtHigh,
    ...fgtEst,
  ];
  const byDepth = [...Array(U).keys()].sort((a, b) => (anc.depth[b] as number) - (anc.depth[a] as number));
  for (const u of byDepth) {
    const p = (units[u] as StatUnit).parent;
    if (p < 0) continue;
    for (const arr of additive) arr[p] = (arr[p] as number) + (arr[u] as number);
    for (let b = 0; b < buckets; b++) {
      bucketHouseholds[p * buckets + b] =
        (bucketHouseholds[p * buckets + b] as number) + (bucketHouseholds[u * buckets + b] as number);
      bucketPeople[p * buckets + b] =
        (bucketPeople[p * buckets + b] as number) + (bucketPeople[u * buckets + b] as number);
    }
  }

  // Income at the estimate per unit (needed before the ordered pass: the Lorenz curve's denominator) and the
  // entropy measures (they need the mean first, then one unordered pass).
  const estIncome = new Float64Array(U);
  for (let i = 0; i < n; i++) {
    const u = h.unit[i] as number;
    estIncome[u] = (estIncome[u] as number) + (weight[i] as number) * (est[i] as number);
  }
  for (const u of byDepth) {
    const p = (units[u] as StatUnit).parent;
    if (p >= 0) estIncome[p] = (estIncome[p] as number) + (estIncome[u] as number);
  }
  // Theil T = Σ w·x·ln x ÷ I − ln μ and MLD = ln μ − Σ w·ln x ÷ W: both sums add up the tree like the counts, so one
  // logarithm per household serves every level.
  const xLogX = new Float64Array(U);
  const logX = new Float64Array(U);
  const zeros = new Float64Array(U);
  for (let i = 0; i < n; i++) {
    const wi = weight[i] as number;
    if (wi === 0) continue;
    const u = h.unit[i] as number;
    const xi = est[i] as number;
    if (xi > 0) {
      const l = Math.log(xi);
      add(xLogX, u, wi * xi * l);
      add(logX, u, wi * l);
    } else add(zeros, u, 1);
  }
  for (const u of byDepth) {
    const p = (units[u] as StatUnit).parent;
    if (p < 0) continue;
    add(xLogX, p, xLogX[u] as number);
    add(logX, p, logX[u] as number);
    add(zeros, p, zeros[u] as number);
  }

  // Ordered measures: one global sort of the estimates (and of the bounds, for the median's, when brackets exist).
  const order = argsort(est, n);

  // An open top bracket has no upper bound: for the median's upper bound it sorts above every finite income and a
  // median that falls on it is unbounded.
  let maxFinite = 0;
  let openTop = false;
  for (let i = 0; i < n; i++) {
    const v = pcHigh[i] as number;
    if (v === Infinity) openTop = true;
    else if (v > maxFinite) maxFinite = v;
  }
  const sentinel = maxFinite + 1;
  const highFinite = openTop ? new Float64Array(n) : pcHigh;
  if (openTop) for (let i = 0; i < n; i++) highFinite[i] = pcHigh[i] === Infinity ? sentinel : (pcHigh[i] as number);
  const [orderLow, orderHigh] = anyBracket ? mergedOrders(order, h, pcLow, highFinite) : [order, order];
  const pass = orderedPass(order, est, weight, h.unit, anc, U, knownPeople, estIncome, true);
  const gini = pass.gini;
  const medianEst = pass.median;
  const lorenz = pass.lorenz;
  const medianLow = anyBracket ? medianPass(orderLow, pcLow, weight, h.unit, anc, U, knownPeople) : medianEst;
  const medianHigh = anyBracket
    ? medianPass(orderHigh, highFinite, weight, h.unit, anc, U, knownPeople).map((v) =>
        openTop && v >= sentinel ? Infinity : v,
      )
    : medianEst;

  const out: UnitStatistics[] = [];
  for (let u = 0; u < U; u++) {
    const known = (exactCount[u] as number) + (bracketCount[u] as number);
    const W = knownPeople[u] as number;
    const basis: 'exact' | 'estimate' = (bracketCount[u] as number) > 0 ? 'estimate' : 'exact';
    const brackets: BracketCell[] = [];
    for (let b = 0; b < buckets; b++) {
      brackets.push({
        low: b * step,
        high: b === buckets - 1 ? null : (b + 1) * step,
        households: bucketHouseholds[u * buckets + b] as number,
        people: bucketPeople[u * buckets + b] as number,
      });
    }
    const I = estIncome[u] as number;
    const lorenzShare = (p: number) => lorenz[u * LORENZ_POINTS + p] as number;
    const bottom20 = lorenzShare(4);
    const bottom40 = lorenzShare(8);
    const s8020 = W > 0 && I > 0 && bottom20 > 0 ? (1 - lorenzShare(16)) / bottom20 : NaN;
    const palma = W > 0 && I > 0 && bottom40 > 0 ? (1 - lorenzShare(18)) / bottom40 : NaN;
    const fgt = (k: 0 | 1 | 2): Bounded => ({
      // Poverty falls as incomes rise: the highs give the lower bound.
      low: W > 0 ? ((fgtHigh[k] as Float64Array)[u] as number) / W : null,
      high: W > 0 ? ((fgtLow[k] as Float64Array)[u] as number) / W : null,
      value: W > 0 ? ((fgtEst[k] as Float64Array)[u] as number) / W : null,
      basis,
    });
    const flags = {} as Record<StatFlag, CountRange>;
    STAT_FLAGS.forEach((f, k) => {
      flags[f] = {
        certain: (flagCertain[k] as Float64Array)[u] as number,
        upTo: (flagUpTo[k] as Float64Array)[u] as number,
      };
    });
    const classes = {} as Record<IncomeClass, CountRange>;
    INCOME_CLASSES.forEach((c, k) => {
      classes[c] = {
        certain: (classCertain[k] as Float64Array)[u] as number,
        upTo: (classUpTo[k] as Float64Array)[u] as number,
      };
    });
    out.push({
      unitId: (units[u] as StatUnit).id,
      households: households[u] as number,
      people: people[u] as number,
      income: {
        exact: exactCount[u] as number,
        bracket: bracketCount[u] as number,
        unknown: (households[u] as number) - known,
      },
      brackets,
      flags,
      classes,
      middleShare: known > 0 ? { low: classes.middle.certain / known, high: classes.middle.upTo / known } : null,
      meanPerCapita: {
        low: W > 0 ? (sumLow[u] as number) / W : null,
        high: W > 0 ? num((sumHigh[u] as number) / W) : null,
        value: W > 0 ? I / W : null,
        basis,
      },
      medianPerCapita: {
        low: num(medianLow[u] as number),
        high: num(medianHigh[u] as number),
        value: num(medianEst[u] as number),
        basis,
      },
      gini: { value: num(gini[u] as number), basis },
      theil: { value: W > 0 && I > 0 ? Math.max(0, (xLogX[u] as number) / I - Math.log(I / W)) : null, basis },
      mld: {
        value: W > 0 && I > 0 && zeros[u] === 0 ? Math.max(0, Math.log(I / W) - (logX[u] as number) / W) : null,
        basis,
      },
      s80s20: { value: num(s8020), basis },
      palma: { value: num(palma), basis },
      fgt0: fgt(0),
      fgt1: fgt(1),
      fgt2: fgt(2),
      lorenz: W > 0 && I > 0 ? [0, ...Array.from({ length: LORENZ_POINTS - 1 }, (_, p) => lorenzShare(p + 1))] : null,
    });
  }
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
