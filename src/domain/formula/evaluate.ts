/**
 * Evaluates a checked formula for one org unit and period.
 *
 * Semantics:
 * - `{CODE}`: the value at the context's org unit and period.
 * - `MAX_/MIN_/SUM_/AVG_CHILDREN({CODE})`: over the child org units of the current unit that have a value;
 *   null (missingInput) when none has.
 * - `LAST_YEAR({CODE})`: the same period one year earlier.
 * - `YTD({CODE})`: the sum of the monthly values from January to the period's end month; every month is needed.
 * - `GROWTH({CODE})` = ({CODE} ÷ LAST_YEAR({CODE}) − 1) × 100.
 * - Missing inputs propagate: the result is null with reason `missingInput`. Division by zero (including a zero
 *   base year in GROWTH) gives null with reason `divisionByZero`. When both happen the first one met, reading
 *   left to right, is the reason. Every branch is still evaluated, so `inputs` lists every value looked up
 *   (null ones included, each (code, unit, period) once) — what the "how was this computed" view shows.
 */
import { monthsOfYearTo, samePeriodLastYear } from '../periods.ts';
import type { BinaryOperator, FormulaNode } from './ast.ts';

/** Where a formula reads its values from. */
export interface FormulaContext {
  value(code: string, orgUnitId: string, period: string): number | null;
  children(orgUnitId: string): readonly string[];
  orgUnitId: string;
  period: string;
}

export interface FormulaInput {
  code: string;
  orgUnitId: string;
  period: string;
  value: number | null;
}

export type FormulaNullReason = 'missingInput' | 'divisionByZero';

export interface FormulaValue {
  value: number | null;
  inputs: FormulaInput[];
  reason?: FormulaNullReason;
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
    }
  };

  const evaluateCall = (name: string, args: readonly FormulaNode[]): Step => {
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
      case 'AVG_CHILDREN': {
        const values = ctx
          .children(orgUnitId)
          .map((child) => lookup(code, child, period))
          .filter((v): v is number => v !== null);
        if (values.length === 0) return missing;
        if (name === 'MAX_CHILDREN') return { value: Math.max(...values) };
        if (name === 'MIN_CHILDREN') return { value: Math.min(...values) };
        const sum = values.reduce((a, b) => a + b, 0);
        return { value: name === 'SUM_CHILDREN' ? sum : sum / values.length };
      }
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
  const out: FormulaValue = { value: result.value, inputs: [...inputs.values()] };
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
