/**
 * Evaluates a checked formula for one org unit and period.
 *
 * Semantics:
 * - `{CODE}`: the value at the context's org unit and period.
 * - `MAX/MIN/SUM/AVG({CODE}, SET[, RULE])`: over a set of org units relative to the current one — `COUNTIES`
 *   (五个县（区）), `DISTRICTS`, `ZONES`, `CHILDREN`, `UNITS(id, …)`, `GROUP(name)` — according to the coverage
 *   rule: `ALL` (the default: every member must have a value, otherwise null with reason `incomplete`), `ANY`
 *   (at least one), or N (at least N). Members without a value are listed in `missingMembers` either way, so a
 *   figure computed over some of them says whom it lacks.
 * - `MAX_/MIN_/SUM_/AVG_CHILDREN({CODE})`: the older spelling of `MAX({CODE}, CHILDREN)` (rule ALL).
 * - `LAST_YEAR({CODE})`: the same period one year earlier.
 * - `YTD({CODE})`: the sum of the monthly values from January to the period's end month; every month is needed.
 * - `GROWTH({CODE})` = ({CODE} ÷ LAST_YEAR({CODE}) − 1) × 100.
 * - Missing inputs propagate: the result is null with reason `missingInput`. Division by zero (including a zero
 *   base year in GROWTH) gives null with reason `divisionByZero`. When both happen the first one met, reading
 *   left to right, is the reason. Every branch is still evaluated, so `inputs` lists every value looked up
 *   (null ones included, each (code, unit, period) once) — what the "how was this computed" view shows.
 */
import { monthsOfYearTo, samePeriodLastYear } from '../periods.ts';
import { SET_AGGREGATES, type BinaryOperator, type FormulaNode, type UNIT_SETS } from './ast.ts';

/** A set of org units a set aggregate ranges over (see `UNIT_SETS`). */
export type UnitSet =
  | { kind: 'named'; name: (typeof UNIT_SETS)[number] }
  | { kind: 'units'; ids: readonly string[] }
  | { kind: 'group'; name: string };

/** Where a formula reads its values from. */
export interface FormulaContext {
  value(code: string, orgUnitId: string, period: string): number | null;
  children(orgUnitId: string): readonly string[];
  /**
   * The members of a set relative to a unit. Without it only `CHILDREN` and `UNITS(…)` resolve; any other set is
   * empty (no data).
   */
  members?(set: UnitSet, orgUnitId: string): readonly string[];
  orgUnitId: string;
  period: string;
}

export interface FormulaInput {
  code: string;
  orgUnitId: string;
  period: string;
  value: number | null;
}

/**
 * `incomplete`: a set aggregate's coverage rule was not met (too few members have reported); `missingMembers` says
 * who has not.
 */
export type FormulaNullReason = 'missingInput' | 'divisionByZero' | 'incomplete';

export interface FormulaValue {
  value: number | null;
  inputs: FormulaInput[];
  reason?: FormulaNullReason;
  /**
   * Members of a set aggregate that have no value, in set order: the figure is "no data" because of them
   * (`incomplete`), or — when the coverage rule allows it — computed without them and flagged.
   */
  missingMembers: string[];
}

/** Evaluating a tree that `check` would have refused (unknown function, bad argument). */
export class FormulaEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaEvaluationError';
  }
}

interface Step {
  value: number | null;
  reason?: FormulaNullReason;
}

/**
 * Evaluates a formula tree (from `check`) in a context.
 *
 * @example urban–rural income ratio 2023: `{URBAN_INCOME} / {RURAL_INCOME}` with 51,000 and 24,500 → 2.08
 * @example regional gap: `MAX_CHILDREN({GDP_PC}) / MIN_CHILDREN({GDP_PC})` over the city's districts and
 *   counties, highest 113,400 and lowest 60,000 yuan → 1.89
 * @example `{A} / {B}` with B = 0 → { value: null, reason: 'divisionByZero' }
 */
export function evaluateFormula(ast: FormulaNode, ctx: FormulaContext): FormulaValue {
  const inputs = new Map<string, FormulaInput>();
  const lookup = (code: string, orgUnitId: string, period: string): number | null => {
    const raw = ctx.value(code, orgUnitId, period);
    const value = raw !== null && Number.isFinite(raw) ? raw : null;
    const key = JSON.stringify([code, orgUnitId, period]);
    if (!inputs.has(key)) inputs.set(key, { code, orgUnitId, period, value });
    return value;
  };
  const missing: Step = { value: null, reason: 'missingInput' };
  const missingMembers = new Set<string>();

  const evaluate = (node: FormulaNode): Step => {
    switch (node.kind) {
      case 'number':
        return { value: node.value };
      case 'reference': {
        const value = lookup(node.code, ctx.orgUnitId, ctx.period);
        return value === null ? missing : { value };
      }
      case 'negate': {
        const operand = evaluate(node.operand);
        return operand.value === null ? operand : { value: -operand.value };
      }
      case 'binary': {
        const left = evaluate(node.left);
        const right = evaluate(node.right);
        if (left.value === null) return left;
        if (right.value === null) return right;
        return arithmetic(node.operator, left.value, right.value);
      }
      case 'call':
        return evaluateCall(node.name, node.args);
      case 'name':
        throw new FormulaEvaluationError(`A bare name (${node.name}) is only a set or a rule; check the formula first`);
    }
  };

  const resolveSet = (node: FormulaNode): readonly string[] => {
    let set: UnitSet;
    if (node.kind === 'name') set = { kind: 'named', name: node.name.toUpperCase() as (typeof UNIT_SETS)[number] };
    else if (node.kind === 'call' && node.name === 'UNITS')
      set = { kind: 'units', ids: node.args.map((a) => (a.kind === 'name' ? a.name : '')) };
    else if (node.kind === 'call' && node.name === 'GROUP' && node.args[0]?.kind === 'name')
      set = { kind: 'group', name: node.args[0].name };
    else throw new FormulaEvaluationError('Not a set of units; check the formula first');
    if (ctx.members) return ctx.members(set, ctx.orgUnitId);
    if (set.kind === 'units') return set.ids;
    return set.kind === 'named' && set.name === 'CHILDREN' ? ctx.children(ctx.orgUnitId) : [];
  };

  /** How many members must have a value: ALL (default) every one, ANY one, N at least N (never more than all). */
  const required = (rule: FormulaNode | undefined, size: number): number => {
    if (rule === undefined) return size;
    if (rule.kind === 'number') return Math.min(rule.value, size);
    if (rule.kind === 'name' && rule.name.toUpperCase() === 'ANY') return Math.min(1, size);
    return size;
  };

  const aggregate = (name: string, values: number[]): Step => {
    if (name === 'MAX') return { value: Math.max(...values) };
    if (name === 'MIN') return { value: Math.min(...values) };
    const sum = values.reduce((a, b) => a + b, 0);
    return { value: name === 'SUM' ? sum : sum / values.length };
  };

  const evaluateSetAggregate = (name: string, args: readonly FormulaNode[]): Step => {
    const [ref, setNode, rule] = args;
    if (ref?.kind !== 'reference' || setNode === undefined) {
      throw new FormulaEvaluationError(`${name} needs an indicator reference and a set; check the formula first`);
    }
    const members = resolveSet(setNode);
    const values: number[] = [];
    const absent: string[] = [];
    for (const unit of members) {
      const v = lookup(ref.code, unit, ctx.period);
      if (v === null) absent.push(unit);
      else values.push(v);
    }
    for (const u of absent) missingMembers.add(u);
    if (members.length === 0) return missing;
    if (values.length === 0 || values.length < required(rule, members.length)) {
      return { value: null, reason: 'incomplete' };
    }
    return aggregate(name, values);
  };

  const evaluateCall = (name: string, args: readonly FormulaNode[]): Step => {
    if (SET_AGGREGATES.has(name)) return evaluateSetAggregate(name, args);
    const arg = args[0];
    if (args.length !== 1 || arg === undefined || arg.kind !== 'reference') {
      throw new FormulaEvaluationError(`${name} needs exactly one indicator reference; check the formula first`);
    }
    const code = arg.code;
    const { orgUnitId, period } = ctx;
    switch (name) {
      case 'MAX_CHILDREN':
      case 'MIN_CHILDREN':
      case 'SUM_CHILDREN':
      case 'AVG_CHILDREN':
        // The older spelling of `MAX({CODE}, CHILDREN)`: every child must have reported (the default rule).
        return evaluateSetAggregate(name.slice(0, 3), [arg, { kind: 'name', name: 'CHILDREN', span: arg.span }]);
      case 'LAST_YEAR': {
        const value = lookup(code, orgUnitId, samePeriodLastYear(period));
        return value === null ? missing : { value };
      }
      case 'YTD': {
        const values = monthsOfYearTo(period).map((month) => lookup(code, orgUnitId, month));
        if (values.some((v) => v === null)) return missing;
        return { value: (values as number[]).reduce((a, b) => a + b, 0) };
      }
      case 'GROWTH': {
        const current = lookup(code, orgUnitId, period);
        const base = lookup(code, orgUnitId, samePeriodLastYear(period));
        if (current === null || base === null) return missing;
        if (base === 0) return { value: null, reason: 'divisionByZero' };
        return { value: (current / base - 1) * 100 };
      }
      default:
        throw new FormulaEvaluationError(`Unknown function ${name}; check the formula first`);
    }
  };

  const result = evaluate(ast);
  const out: FormulaValue = { value: result.value, inputs: [...inputs.values()], missingMembers: [...missingMembers] };
  if (result.value === null && result.reason !== undefined) out.reason = result.reason;
  return out;
}

function arithmetic(operator: BinaryOperator, left: number, right: number): Step {
  switch (operator) {
    case '+':
      return { value: left + right };
    case '-':
      return { value: left - right };
    case '*':
      return { value: left * right };
    case '/':
      return right === 0 ? { value: null, reason: 'divisionByZero' } : { value: left / right };
  }
}
