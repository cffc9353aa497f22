/**
 * Evaluates a checked formula for one org unit and period.
 *
 * Semantics:
 * - `{CODE}`: the value at the context's org unit and period.
 * - `NAME(args)`: the function's implementation in the registry (functions.ts), which says what each function
 *   computes — set aggregates (`MAX({CODE}, COUNTIES, ANY)`, with `missingMembers` naming who has not reported),
 *   their older `_CHILDREN` spellings, `LAST_YEAR`, `YTD`, `GROWTH`, … — and which periods it reads.
 * - Missing inputs propagate: the result is null with reason `missingInput`. Division by zero (including a zero
 *   base year in GROWTH) gives null with reason `divisionByZero`. When both happen the first one met, reading
 *   left to right, is the reason. Every branch is still evaluated, so `inputs` lists every value looked up
 *   (null ones included, each (code, unit, period) once) — what the "how was this computed" view shows.
 */
import type { BinaryOperator, FormulaNode } from './ast.ts';
import {
  ARGUMENT_KINDS,
  FORMULA_FUNCTIONS_BY_NAME,
  type FormulaNullReason,
  type FormulaStep,
  type UnitSet,
} from './functions.ts';

export type { FormulaNullReason, UnitSet };

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

type Step = FormulaStep;

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

  const members = (set: UnitSet): readonly string[] => {
    if (ctx.members) return ctx.members(set, ctx.orgUnitId);
    if (set.kind === 'units') return set.ids;
    return set.kind === 'named' && set.name === 'CHILDREN' ? ctx.children(ctx.orgUnitId) : [];
  };

  const env = {
    orgUnitId: ctx.orgUnitId,
    period: ctx.period,
    value: lookup,
    evaluate: (node: FormulaNode) => evaluate(node),
    members,
    markMissing: (units: readonly string[]) => {
      for (const u of units) missingMembers.add(u);
    },
  };

  // The registry's implementation; a name or argument `check` would have refused is an error here.
  const evaluateCall = (name: string, args: readonly FormulaNode[]): Step => {
    const spec = FORMULA_FUNCTIONS_BY_NAME.get(name);
    if (spec === undefined) throw new FormulaEvaluationError(`Unknown function ${name}; check the formula first`);
    const fits =
      args.length >= spec.args.filter((a) => !a.optional).length &&
      args.length <= spec.args.length &&
      args.every((arg, i) => spec.args[i] !== undefined && ARGUMENT_KINDS[spec.args[i].kind].accepts(arg));
    if (!fits) throw new FormulaEvaluationError(`${name}: wrong arguments; check the formula first`);
    return spec.evaluate(args, env);
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
