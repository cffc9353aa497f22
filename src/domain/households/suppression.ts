/**
 * Small-cell suppression of household statistics for readers who may see statistics but not individuals (issue 8:
 * "fewer than 5 households, with complementary suppression so a hidden cell cannot be worked out from the totals").
 *
 * The model is general: cells (counts) and constraints, each constraint a set of cells whose sum is public — a row
 * of bracket counts with the unit's total (Σ brackets − total = 0), a unit's cell with its children's cells (the
 * children of a township add up to the township). A hidden cell is safe only if no public constraint leaves it
 * alone: every constraint must hide none or at least two of its cells.
 *
 * - **Primary**: a count of 1 … threshold − 1 (0 < n < 5) is hidden. Zeros are shown (they are no household), except
 *   in a unit that is itself hidden, whose every figure goes.
 * - **Complementary**: while some constraint hides exactly one cell, the smallest other non-zero cell of that
 *   constraint is hidden too (a zero if there is no other, which still leaves the split unknown; nothing when the
 *   hidden cell and all the others are 0, as the public total then says it anyway), and the new
 *   hidden cell is checked against its own constraints in turn. The greedy choice is not the optimal (least
 *   information lost) pattern a statistics office's solver finds, but it always ends (cells only ever get hidden)
 *   and leaves no constraint with a single hidden cell — which the tests check on every table.
 */
import type { IncomeClass } from '../inequality.ts';
import { INCOME_CLASSES } from '../inequality.ts';
import {
  STAT_FLAGS,
  type Bounded,
  type Measure,
  type StatFlag,
  type StatUnit,
  type UnitStatistics,
} from './statistics.ts';

export const SUPPRESSION_THRESHOLD = 5;

export const SHOWN = 0;
export const PRIMARY = 1;
export const COMPLEMENTARY = 2;

/**
 * Which cells to hide. `values[i]` is cell i's count; each constraint lists cells whose sum is public.
 * `forced` cells are hidden whatever their value (the cells of a unit that is itself hidden) and count as primary.
 *
 * @example suppressCells([12, 3, 20, 35], [[0, 1, 2, 3]]) → [0, 1, 0, 0] would leave cell 1 = 35 − 12 − 20, so
 *   the smallest other non-zero cell, 12, is hidden as well: [2, 1, 0, 0]
 */
export function suppressCells(
  values: ArrayLike<number>,
  constraints: readonly (readonly number[])[],
  threshold = SUPPRESSION_THRESHOLD,
  forced: readonly number[] = [],
  /** Added to a cell's value when choosing a complement (lower is hidden first): e.g. to spare the higher units. */
  penalty?: ArrayLike<number>,
): Uint8Array {
  const n = values.length;
  const state = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v > 0 && v < threshold) state[i] = PRIMARY;
  }
  for (const i of forced) state[i] = PRIMARY;
  const of: number[][] = Array.from({ length: n }, () => []);
  constraints.forEach((c, k) => {
    for (const i of c) (of[i] as number[]).push(k);
  });
  const queue: number[] = constraints.map((_, k) => k);
  const queued = new Uint8Array(constraints.length).fill(1);
  while (queue.length > 0) {
    const k = queue.pop() as number;
    queued[k] = 0;
    const c = constraints[k] as readonly number[];
    let hidden = 0;
    let hiddenCell = -1;
    for (const i of c) {
      if (state[i] !== SHOWN) {
        hidden++;
        hiddenCell = i;
      }
    }
    if (hidden !== 1) continue;
    let pick = -1;
    let bestCost = Infinity;
    for (const i of c) {
      if (state[i] !== SHOWN) continue;
      const v = values[i] as number;
      // Prefer the smallest non-zero cell; a zero only when nothing else is left.
      const cost = (v > 0 ? v : 1e15) + (penalty ? (penalty[i] as number) : 0);
      if (cost < bestCost) {
        bestCost = cost;
        pick = i;
      }
    }
    if (pick < 0) continue; // a constraint of one cell: its sum is the cell, public by definition of the table
    // A zero among zeros (the parent's figure is 0 too) is known whatever is hidden: nothing to protect.
    if ((values[pick] as number) === 0 && (values[hiddenCell] as number) === 0) continue;
    state[pick] = COMPLEMENTARY;
    for (const other of of[pick] as number[]) {
      if (!queued[other]) {
        queued[other] = 1;
        queue.push(other);
      }
    }
  }
  return state;
}

/** A count as a reader without access to individuals sees it: null when hidden. */
export type Cell = number | null;

export interface VisibleBracketCell {
  low: number;
  high: number | null;
  households: Cell;
  people: Cell;
}

/** {@link UnitStatistics} after suppression: hidden counts are null and say so in `suppression`. */
export interface VisibleUnitStatistics {
  unitId: string;
  /** The whole unit is hidden (fewer than 5 households, or its total hidden to protect a sibling's). */
  hidden: boolean;
  households: Cell;
  people: Cell;
  income: { exact: Cell; bracket: Cell; unknown: Cell };
  brackets: VisibleBracketCell[];
  flags: Record<StatFlag, { certain: Cell; upTo: Cell }>;
  classes: Record<IncomeClass, { certain: Cell; upTo: Cell }>;
  middleShare: { low: number | null; high: number | null } | null;
  meanPerCapita: Bounded | null;
  medianPerCapita: Bounded | null;
  gini: Measure | null;
  theil: Measure | null;
  mld: Measure | null;
  s80s20: Measure | null;
  palma: Measure | null;
  fgt0: Bounded | null;
  fgt1: Bounded | null;
  fgt2: Bounded | null;
  lorenz: number[] | null;
  /** Cells hidden by the threshold and to protect them. */
  suppression: { primary: number; complementary: number };
}

/** Statistics shown in full (a reader who may see the individuals behind them). */
export function unsuppressed(s: UnitStatistics): VisibleUnitStatistics {
  return { ...s, hidden: false, suppression: { primary: 0, complementary: 0 } };
}

/**
 * Suppresses a tree of unit statistics as a whole: a unit's counts, its children's, every level's. The columns are
 * households and per-bracket households (a row constraint with the total), each flag's and each income class's
 * `certain` and `upTo`; each column's children add up to their parent (a column constraint per parent). People
 * follow households (a bracket's people are hidden with its households; a unit's with its total).
 *
 * @example a township of three villages with 40, 3 and 22 households: the 3 is hidden (primary) and, since the
 *   township's 65 is public, the 22 too (complementary) — see the tests.
 */
export function suppressStatistics(
  stats: readonly UnitStatistics[],
  units: readonly StatUnit[],
  threshold = SUPPRESSION_THRESHOLD,
): VisibleUnitStatistics[] {
  const U = stats.length;
  if (units.length !== U) throw new RangeError('One unit per statistics row');
  const buckets = stats[0]?.brackets.length ?? 0;
  // Columns: 0 households, 1…buckets bracket households, then flags × (certain, upTo), classes × (certain, upTo).
  const flagCol = (f: number, upTo: boolean) => 1 + buckets + f * 2 + (upTo ? 1 : 0);
  const classCol = (c: number, upTo: boolean) => 1 + buckets + STAT_FLAGS.length * 2 + c * 2 + (upTo ? 1 : 0);
  const C = 1 + buckets + STAT_FLAGS.length * 2 + INCOME_CLASSES.length * 2;
  const values = new Float64Array(U * C);
  stats.forEach((s, u) => {
    values[u * C] = s.households;
    s.brackets.forEach((b, k) => (values[u * C + 1 + k] = b.households));
    STAT_FLAGS.forEach((f, k) => {
      values[u * C + flagCol(k, false)] = s.flags[f].certain;
      values[u * C + flagCol(k, true)] = s.flags[f].upTo;
    });
    INCOME_CLASSES.forEach((c, k) => {
      values[u * C + classCol(k, false)] = s.classes[c].certain;
      values[u * C + classCol(k, true)] = s.classes[c].upTo;
    });
  });
  const constraints: number[][] = [];
  const children: number[][] = Array.from({ length: U }, () => []);
  units.forEach((unit, u) => {
    if (unit.parent >= 0) (children[unit.parent] as number[]).push(u);
  });
  for (let u = 0; u < U; u++) {
    // Σ bracket households − households = 0 (households with no income figure are outside the brackets).
    if (buckets > 0 && (stats[u] as UnitStatistics).income.unknown === 0) {
      constraints.push([u * C, ...Array.from({ length: buckets }, (_, k) => u * C + 1 + k)]);
    }
    const kids = children[u] as number[];
    if (kids.length === 0) continue;
    for (let c = 0; c < C; c++) constraints.push([u * C + c, ...kids.map((k) => k * C + c)]);
  }
  // A unit with fewer than `threshold` households shows nothing at all.
  const forced: number[] = [];
  stats.forEach((s, u) => {
    if (s.households > 0 && s.households < threshold) for (let c = 0; c < C; c++) forced.push(u * C + c);
  });
  // Complements are taken from the lowest units first: hiding a village's figure costs less than a township's.
  const depth = units.map(function d(this: void, unit: StatUnit): number {
    return unit.parent < 0 ? 0 : 1 + d(units[unit.parent] as StatUnit);
  });
  const maxDepth = Math.max(0, ...depth);
  const penalty = new Float64Array(U * C);
  for (let u = 0; u < U; u++) penalty.fill((maxDepth - (depth[u] as number)) * 1e12, u * C, (u + 1) * C);
  const state = suppressCells(values, constraints, threshold, forced, penalty);
  const shown = (u: number, c: number): boolean => state[u * C + c] === SHOWN;
  const cell = (u: number, c: number, v: number): Cell => (shown(u, c) ? v : null);

  return stats.map((s, u): VisibleUnitStatistics => {
    const hidden = !shown(u, 0);
    const tiny = s.households > 0 && s.households < threshold;
    let primary = 0;
    let complementary = 0;
    for (let c = 0; c < C; c++) {
      if (state[u * C + c] === PRIMARY) primary++;
      else if (state[u * C + c] === COMPLEMENTARY) complementary++;
    }
    const flags = {} as VisibleUnitStatistics['flags'];
    STAT_FLAGS.forEach((f, k) => {
      flags[f] = {
        certain: cell(u, flagCol(k, false), s.flags[f].certain),
        upTo: cell(u, flagCol(k, true), s.flags[f].upTo),
      };
    });
    const classes = {} as VisibleUnitStatistics['classes'];
    INCOME_CLASSES.forEach((c, k) => {
      classes[c] = {
        certain: cell(u, classCol(k, false), s.classes[c].certain),
        upTo: cell(u, classCol(k, true), s.classes[c].upTo),
      };
    });
    // Figures that are not counts go with the unit; the poverty measures also with the below-10,000 count.
    const whole = <T>(v: T): T | null => (tiny || hidden ? null : v);
    const poverty = <T>(v: T): T | null =>
      whole(v) === null || flags.below10k.certain === null || flags.below10k.upTo === null ? null : v;
    return {
      unitId: s.unitId,
      hidden,
      households: hidden ? null : s.households,
      people: hidden ? null : s.people,
      income: hidden
        ? { exact: null, bracket: null, unknown: null }
        : { exact: s.income.exact, bracket: s.income.bracket, unknown: s.income.unknown },
      brackets: s.brackets.map((b, k) => ({
        low: b.low,
        high: b.high,
        households: cell(u, 1 + k, b.households),
        people: cell(u, 1 + k, b.people),
      })),
      flags,
      classes,
      middleShare:
        s.middleShare === null || tiny || hidden
          ? null
          : {
              low: classes.middle.certain === null ? null : s.middleShare.low,
              high: classes.middle.upTo === null ? null : s.middleShare.high,
            },
      meanPerCapita: whole(s.meanPerCapita),
      medianPerCapita: whole(s.medianPerCapita),
      gini: whole(s.gini),
      theil: whole(s.theil),
      mld: whole(s.mld),
      s80s20: whole(s.s80s20),
      palma: whole(s.palma),
      fgt0: poverty(s.fgt0),
      fgt1: poverty(s.fgt1),
      fgt2: poverty(s.fgt2),
      lorenz: whole(s.lorenz),
      suppression: { primary, complementary },
    };
  });
}
