/**
 * Evaluates a whole framework for one "as of" month: every indicator × org unit, computed indicators included,
 * then composite scores per dimension and overall, and the ranking of the county-level units. Pure: the caller
 * loads the inputs and stores the outputs.
 *
 * Which period a cell shows, as of month m of year Y: monthly indicators at Y-m; quarterly ones at the last quarter
 * ended by m (none before March); yearly ones only once the year has ended (m = 12). A cell never shows a period of
 * another year: a year's framework judges that year. Every unit's cell of an indicator shows the same period, so a
 * matrix or ranking as of m compares like with like: a unit that has not reported that period has no data there,
 * never its figure of an earlier month.
 *
 * A city figure that is an aggregate of its parts (`cityFormula`, e.g. `SUM({D5-04}, COUNTIES)`) is computed from
 * them when the city has not reported it, and checked against them when it has (`rollup`).
 */
import { composite, rank } from './composite.ts';
import { evaluate, statusLabel, type EvaluationResult, type EvaluationThresholds } from './evaluation.ts';
import { check, evaluateFormula, parse, periodsOfFormula, type FormulaNode, type UnitSet } from './formula/index.ts';
import { formatPeriod, parsePeriod, samePeriodLastYear } from './periods.ts';
import type { LocalizedText } from './text.ts';
import type { Colour, Direction, EvaluationStatus, Frequency, Target, ValueKind } from './types.ts';

export interface EngineIndicator {
  code: string;
  dimensionCode: string;
  direction: Direction;
  valueKind: ValueKind;
  frequency: Frequency;
  weight: number;
  formula: string | null;
  scope: 'city' | 'cityAndDistricts';
  /** Only these units report (or compute) it; null when the scope decides. */
  reportingUnitIds?: readonly string[] | null;
  /** The city's figure as an aggregate of its parts (a formula evaluated at the city), or null. */
  cityFormula?: string | null;
  seasonalProfile: readonly number[] | null;
  /** The unit figures are in ('%', '亿元'), printed after them in the explanation. */
  unit?: string | null;
}

export interface EngineUnit {
  id: string;
  parentId: string | null;
}

export interface EngineInput {
  indicators: readonly EngineIndicator[];
  dimensionWeights: Readonly<Record<string, number>>;
  /** The city first; then the units ranked against each other (districts, counties, the zone). */
  cityId: string;
  rankedUnitIds: readonly string[];
  /** Children of a unit for the *_CHILDREN functions. */
  children: (unitId: string) => readonly string[];
  /** Members of a named set of units (COUNTIES, DISTRICTS, GROUP(…)) relative to a unit, for set aggregates. */
  members?: (set: UnitSet, unitId: string) => readonly string[];
  /** Reviewed values, by `${code}|${period}` then unit id (see `UnitIndex`). */
  values: UnitIndex<number>;
  /** Annual targets, by `${code}|${year}` then unit id. */
  targets: UnitIndex<Target>;
  /** Baselines, by indicator code then unit id. */
  baselines: UnitIndex<number>;
  /**
   * Values read that are not yet published (a preview), as `${code}|${unitId}|${period}`: every cell resting on one
   * says so (`unpublished`).
   */
  unpublished?: ReadonlySet<string>;
  asOf: string;
  thresholds?: Partial<EvaluationThresholds>;
  /** Keep each cell's full result with its explanation (the explain view asks for one cell this way). */
  withText?: boolean;
  /** Evaluate only these indicators / this unit (composites then cover just those cells). */
  onlyIndicators?: ReadonlySet<string>;
  onlyUnit?: string;
}

export interface EngineCell {
  indicatorCode: string;
  orgUnitId: string;
  /** The period the cell shows, or null when the indicator has no period yet as of this month. */
  period: string | null;
  actual: number | null;
  computed: boolean;
  status: EvaluationStatus;
  colour: Colour;
  score: number | null;
  deviationPoints: number | null;
  elapsedShare: number | null;
  /** The stable id of the rule that decided the status (for storage; users read `label` and the text). */
  rule: string;
  /** The position named for this kind of indicator ("接近确保目标", "滞后序时进度"), never a rule id. */
  label: LocalizedText;
  result: EvaluationResult | null;
  /** For computed cells: the inputs the formula read. */
  inputs: { code: string; orgUnitId: string; period: string; value: number | null }[];
  /** The figure rests on a value approved but not yet published (only in a preview). */
  unpublished: boolean;
  /** Members of a set the formula aggregates over that have not reported (why it is no data, or what it lacks). */
  missingMembers: string[];
  /**
   * For a city figure that is an aggregate of its parts: the figure computed from them, and whether the reported one
   * agrees (within 0.5 %). `matches` is null when only one of the two exists.
   */
  rollup: { computed: number | null; reported: number | null; matches: boolean | null } | null;
}

const NO_DATA_LABEL: LocalizedText = statusLabel('noData', null);

/** Relative tolerance of the city-versus-parts check: rounding in the parts, not a different figure. */
export const ROLLUP_TOLERANCE = 0.005;

/** Whether a reported city figure agrees with the one computed from its parts. */
export function rollupMatches(reported: number, computed: number): boolean {
  return Math.abs(reported - computed) <= ROLLUP_TOLERANCE * Math.max(Math.abs(computed), Math.abs(reported), 1e-9);
}

export interface EngineComposite {
  orgUnitId: string;
  overall: number | null;
  byDimension: Record<string, number | null>;
  coverage: number;
  rank: number | null;
}

export interface EngineOutput {
  asOf: string;
  cells: EngineCell[];
  composites: EngineComposite[];
}

/**
 * Facts by an outer key, then by unit. Two levels because the engine walks units inside each indicator: the outer
 * lookup happens once per indicator, and the inner one hashes a unit id that is already interned — a flat map keyed
 * by a freshly built string costs a string hash per cell, which was 40% of a bulk evaluation.
 */
export type UnitIndex<T> = ReadonlyMap<string, ReadonlyMap<string, T>>;

/** Adds one fact to a `UnitIndex` under construction. */
export function indexPut<T>(index: Map<string, Map<string, T>>, key: string, unitId: string, value: T): void {
  let inner = index.get(key);
  if (!inner) {
    inner = new Map();
    index.set(key, inner);
  }
  inner.set(unitId, value);
}

const NONE: ReadonlyMap<string, never> = new Map<string, never>();

/**
 * The period an indicator of this frequency shows as of a month, or null before it has one.
 *
 * @example periodAsOf('quarterly', '2024-10') === '2024-Q3'; periodAsOf('yearly', '2024-10') === null
 */
export function periodAsOf(frequency: Frequency, asOf: string): string | null {
  const p = parsePeriod(asOf);
  const month = p.frequency === 'monthly' ? p.index : p.frequency === 'quarterly' ? p.index * 3 : 12;
  if (frequency === 'monthly') return formatPeriod({ year: p.year, frequency: 'monthly', index: month });
  if (frequency === 'quarterly') {
    const q = Math.floor(month / 3);
    return q === 0 ? null : formatPeriod({ year: p.year, frequency: 'quarterly', index: q });
  }
  return month === 12 ? String(p.year) : null;
}

/**
 * The periods of this frequency a cell may show as of a month, newest first: the as-of period, then the earlier ones
 * of the same year. A unit that has not reported this month is judged on its latest figure of the year (its card
 * says which period that is), not shown as empty because another unit reported first.
 *
 * @example candidatePeriods('quarterly', '2024-11') → ['2024-Q3', '2024-Q2', '2024-Q1']
 */
export function candidatePeriods(frequency: Frequency, asOf: string): string[] {
  const latest = periodAsOf(frequency, asOf);
  if (latest === null) return [];
  const p = parsePeriod(latest);
  const out: string[] = [];
  for (let index = p.index; index >= 1; index--)
    out.push(formatPeriod({ year: p.year, frequency: p.frequency, index }));
  return out;
}

/**
 * The periods whose values an evaluation as of `asOf` reads: each frequency's period and the same periods last year
 * (the projections compare with them), and whatever the functions of each formula read at its period — the
 * registry's `periods` (functions.ts): the months to date for YTD, last year for LAST_YEAR and GROWTH, ….
 *
 * @example periodsNeeded([{ frequency: 'monthly', formula: null }], '2024-10') → ['2024-10', '2023-10']
 */
export function periodsNeeded(
  indicators: readonly Pick<EngineIndicator, 'frequency' | 'formula' | 'cityFormula'>[],
  asOf: string,
): string[] {
  const out = new Set<string>();
  for (const f of new Set(indicators.map((i) => i.frequency))) {
    const p = periodAsOf(f, asOf);
    if (p) {
      out.add(p);
      out.add(samePeriodLastYear(p));
    }
  }
  // What each formula's functions read (the registry's `periods`: last year, the months to date, …).
  for (const i of indicators) {
    const p = periodAsOf(i.frequency, asOf);
    if (p === null) continue;
    for (const text of [i.formula, i.cityFormula]) {
      const parsed = text ? parse(text) : null;
      if (parsed?.ok) for (const q of periodsOfFormula(parsed.ast, p)) out.add(q);
    }
  }
  return [...out].sort();
}

/** Compiles formulas once; a formula that no longer checks is treated as producing no value. */
function compile(
  indicators: readonly EngineIndicator[],
  pick: (i: EngineIndicator) => string | null | undefined = (i) => i.formula,
): Map<string, FormulaNode | null> {
  const known = new Set(indicators.map((i) => i.code));
  const out = new Map<string, FormulaNode | null>();
  for (const i of indicators) {
    const text = pick(i);
    if (!text) continue;
    const r = check(text, known);
    out.set(i.code, r.ok ? r.ast : null);
  }
  return out;
}

/**
 * Runs the evaluation. Computed values are resolved on demand (memoised), so a formula may use another computed
 * indicator, at another unit (children) or period (last year, year to date); cycles are refused when formulas are
 * saved, and guarded here by a depth limit.
 */
export function evaluateFramework(input: EngineInput): EngineOutput {
  const formulas = compile(input.indicators);
  const cityFormulas = compile(input.indicators, (i) => (i.formula === null ? i.cityFormula : null));
  const memo = new Map<string, { value: number | null; inputs: EngineCell['inputs']; missingMembers: string[] }>();
  let depth = 0;

  const valueOf = (code: string, unitId: string, period: string): number | null => {
    const ast = formulas.get(code);
    if (ast === undefined) return input.values.get(`${code}|${period}`)?.get(unitId) ?? null;
    return computed(code, ast, unitId, period).value;
  };

  const computed = (code: string, ast: FormulaNode | null, unitId: string, period: string, memoPrefix = '') => {
    const key = `${memoPrefix}${code}|${unitId}|${period}`;
    const hit = memo.get(key);
    if (hit) return hit;
    if (ast === null || depth > 32) return { value: null, inputs: [], missingMembers: [] };
    depth++;
    try {
      const r = evaluateFormula(ast, {
        orgUnitId: unitId,
        period,
        value: valueOf,
        children: input.children,
        ...(input.members ? { members: input.members } : {}),
      });
      const out = { value: r.value, inputs: r.inputs, missingMembers: r.missingMembers };
      memo.set(key, out);
      return out;
    } finally {
      depth--;
    }
  };

  // Whether a value (entered, or computed from others) rests on one that is not yet published.
  const restsOnUnpublished = (code: string, unitId: string, period: string, level: number): boolean => {
    const pending = input.unpublished;
    if (pending === undefined || pending.size === 0 || level > 32) return false;
    if (!formulas.has(code)) return pending.has(`${code}|${unitId}|${period}`);
    const hit = memo.get(`${code}|${unitId}|${period}`);
    return (hit?.inputs ?? []).some(
      (x) => x.value !== null && restsOnUnpublished(x.code, x.orgUnitId, x.period, level + 1),
    );
  };

  const cells: EngineCell[] = [];
  const year = parsePeriod(input.asOf).year;
  const units = [input.cityId, ...input.rankedUnitIds];
  for (const i of input.indicators) {
    if (input.onlyIndicators !== undefined && !input.onlyIndicators.has(i.code)) continue;
    // Like with like: every unit's cell shows the as-of period itself, never an earlier one.
    const asOfPeriod = periodAsOf(i.frequency, input.asOf);
    const candidates = asOfPeriod === null ? [] : [asOfPeriod];
    const ast = formulas.get(i.code);
    const cityAst = cityFormulas.get(i.code);
    const valuesByPeriod = candidates.map((p) => input.values.get(`${i.code}|${p}`) ?? NONE);
    const targetsByUnit = input.targets.get(`${i.code}|${year}`) ?? NONE;
    const baselinesByUnit = input.baselines.get(i.code) ?? NONE;
    for (const unitId of units) {
      if (i.reportingUnitIds ? !i.reportingUnitIds.includes(unitId) : unitId !== input.cityId && i.scope === 'city')
        continue;
      if (input.onlyUnit !== undefined && unitId !== input.onlyUnit) continue;
      let actual: number | null = null;
      let inputs: EngineCell['inputs'] = [];
      let missingMembers: string[] = [];
      let rollup: EngineCell['rollup'] = null;
      let isComputed = ast !== undefined;
      // The newest candidate period with a value; the as-of period itself when none has one.
      let period: string | null = candidates[0] ?? null;
      for (let k = 0; k < candidates.length; k++) {
        if (ast !== undefined) {
          const c = computed(i.code, ast, unitId, candidates[k] as string);
          if (k === 0) {
            inputs = c.inputs;
            missingMembers = c.missingMembers;
          }
          if (c.value === null) continue;
          actual = c.value;
          inputs = c.inputs;
          missingMembers = c.missingMembers;
        } else {
          const v = (valuesByPeriod[k] as ReadonlyMap<string, number>).get(unitId);
          if (v === undefined) continue;
          actual = v;
        }
        period = candidates[k] as string;
        break;
      }
      // The city's figure of an aggregate of its parts: computed from them when not reported, else checked.
      if (cityAst !== undefined && unitId === input.cityId && period !== null) {
        const c = computed(i.code, cityAst, unitId, period, 'city:');
        rollup = {
          computed: c.value,
          reported: actual,
          matches: actual === null || c.value === null ? null : rollupMatches(actual, c.value),
        };
        if (actual === null) {
          actual = c.value;
          inputs = c.inputs;
          missingMembers = c.missingMembers;
          isComputed = true;
        }
      }
      const unpublished =
        actual !== null &&
        period !== null &&
        (isComputed
          ? inputs.some((x) => x.value !== null && restsOnUnpublished(x.code, x.orgUnitId, x.period, 0))
          : restsOnUnpublished(i.code, unitId, period, 0));
      const target = targetsByUnit.get(unitId) ?? null;
      const result =
        period === null
          ? null
          : evaluate({
              direction: i.direction,
              valueKind: i.valueKind,
              actual,
              target,
              baseline: baselinesByUnit.get(unitId) ?? null,
              zeroPoint: target?.zeroPoint ?? null,
              period,
              seasonalProfile: i.seasonalProfile,
              unit: i.unit ?? null,
              thresholds: input.thresholds,
            });
      cells.push({
        indicatorCode: i.code,
        orgUnitId: unitId,
        period,
        actual,
        computed: isComputed,
        status: result?.status ?? 'noData',
        colour: result?.colour ?? 'grey',
        score: result?.score ?? null,
        deviationPoints: result?.deviationPoints ?? null,
        elapsedShare: result?.elapsedShare ?? null,
        rule: result?.explanation.rule ?? 'noPeriod',
        label: result?.label ?? NO_DATA_LABEL,
        result: input.withText ? result : null,
        inputs,
        unpublished,
        missingMembers,
        rollup,
      });
    }
  }

  const byUnit = new Map<string, EngineCell[]>();
  for (const c of cells) {
    const list = byUnit.get(c.orgUnitId) ?? [];
    list.push(c);
    byUnit.set(c.orgUnitId, list);
  }
  const indicatorByCode = new Map(input.indicators.map((i) => [i.code, i]));
  const scoreOf = (unitId: string) =>
    composite(
      (byUnit.get(unitId) ?? []).map((c) => {
        const i = indicatorByCode.get(c.indicatorCode) as EngineIndicator;
        return { indicatorCode: c.indicatorCode, dimensionCode: i.dimensionCode, weight: i.weight, score: c.score };
      }),
      input.dimensionWeights,
    );
  const city = scoreOf(input.cityId);
  const ranked = rank(
    input.rankedUnitIds.map((id) => {
      const c = scoreOf(id);
      return { orgUnitId: id, ...c, score: c.overall };
    }),
  );
  const composites: EngineComposite[] = [
    {
      orgUnitId: input.cityId,
      overall: city.overall,
      byDimension: city.byDimension,
      coverage: city.coverage,
      rank: null,
    },
    ...ranked.map((r) => ({
      orgUnitId: r.orgUnitId,
      overall: r.overall,
      byDimension: r.byDimension,
      coverage: r.coverage,
      rank: r.rank,
    })),
  ];
  return { asOf: input.asOf, cells, composites };
}
