/**
 * The formula language of computed indicators (DOMAIN.md §2.1).
 *
 *     {URBAN_INCOME} / {RURAL_INCOME}                       urban–rural income ratio (2.08 in 2023)
 *     MAX({GDP_PC}, COUNTIES) / MIN({GDP_PC}, COUNTIES)     regional gap between the five counties (1.89 in 2023)
 *     SUM({HOUSEHOLDS}, COUNTIES, ANY)                      over whoever reported, flagged with who has not
 *     AVG({X}, UNITS(xiqu, dongqu)), MAX({X}, GROUP(name))  a list of units; an org-unit group
 *     {MIDDLE_HOUSEHOLDS} / {HOUSEHOLDS} * 100              a share
 *     GROWTH({GDP}), YTD({INVESTMENT}), LAST_YEAR({JOBS})   across periods
 *
 * Flow: `check(text, codes)` when a formula is saved (errors with positions, in both languages) →
 * `findCycles` / `evaluationOrder` over all formulas of a framework → `evaluateFormula(ast, ctx)` per unit and
 * period, which returns the value with every input it read.
 */
export {
  column,
  COVERAGE_RULES,
  describeNode,
  referencesOf,
  UNIT_SETS,
  type NameNode,
  type BinaryNode,
  type BinaryOperator,
  type CallNode,
  type FormulaIssue,
  type FormulaIssueCode,
  type FormulaNode,
  type NegateNode,
  type NumberNode,
  type ReferenceNode,
  type Span,
} from './ast.ts';
export {
  ARGUMENT_KINDS,
  callsOf,
  FORMULA_FUNCTION_SPECS,
  FORMULA_FUNCTIONS,
  FORMULA_FUNCTIONS_BY_NAME,
  PERIOD_RULES,
  periodsOfFormula,
  signatureOf,
  type ArgumentKindName,
  type ArgumentSpec,
  type CallEnv,
  type FormulaFunctionSpec,
  type FormulaStep,
  type PeriodRule,
} from './functions.ts';
export { tokenize, type LexResult, type Token } from './lexer.ts';
export { parse, type ParseResult } from './parser.ts';
export { check, type CheckResult } from './check.ts';
export { evaluationOrder, findCycles } from './graph.ts';
export {
  evaluateFormula,
  FormulaEvaluationError,
  type FormulaContext,
  type FormulaInput,
  type FormulaNullReason,
  type FormulaValue,
  type UnitSet,
} from './evaluate.ts';
export { renderFormula, type FormulaNames } from './render.ts';
