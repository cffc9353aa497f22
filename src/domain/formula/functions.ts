/**
 * The function registry of the formula language: one entry per function — its name, its arguments' kinds, the
 * periods it reads, how it is evaluated and what it does in both languages — and the table of argument kinds.
 *
 * Everything else reads from here: the checker (known names, arity, argument kinds and their messages), the
 * evaluator (the implementation), the period loader (`periodsNeeded` in framework-evaluation.ts loads the periods
 * the entries name), the formula renderer (the words) and the help text of the formula editor (the web app lists
 * the signatures and descriptions). Adding a function is adding an entry here and a test in functions.test.ts;
 * the property test there generates formulas from this table, so a new entry is checked and evaluated at once.
 */
import { monthsOfYearTo, samePeriodLastYear } from '../periods.ts';
import type { LocalizedText } from '../text.ts';
import { COVERAGE_RULES, describeNode, UNIT_SETS, type FormulaNode, type FormulaIssueCode } from './ast.ts';

/** Why a value is missing (see FormulaValue): propagated from the first problem met, reading left to right. */
export type FormulaNullReason = 'missingInput' | 'divisionByZero' | 'incomplete';

/** The result of evaluating one node: a value, or null with why. */
export interface FormulaStep {
  value: number | null;
  reason?: FormulaNullReason;
}

/** A set of org units a set aggregate ranges over (see `UNIT_SETS`). */
export type UnitSet =
  | { kind: 'named'; name: (typeof UNIT_SETS)[number] }
  | { kind: 'units'; ids: readonly string[] }
  | { kind: 'group'; name: string };

/** What an implementation may read: the evaluator's lookups, recorded as the formula's inputs. */
export interface CallEnv {
  orgUnitId: string;
  period: string;
  /** The value of an indicator at a unit and period (recorded in `inputs`). */
  value(code: string, orgUnitId: string, period: string): number | null;
  /** Evaluates an argument that is itself an expression (kind `number`). */
  evaluate(node: FormulaNode): FormulaStep;
  /** The members of a set relative to the current unit. */
  members(set: UnitSet): readonly string[];
  /** Members of a set without a value: listed in the result's `missingMembers`. */
  markMissing(units: readonly string[]): void;
}

export const MISSING: FormulaStep = Object.freeze({ value: null, reason: 'missingInput' });

// ——— argument kinds ———

export interface ArgumentKind {
  /** The issue code when an argument of this kind is something else. */
  issue: FormulaIssueCode;
  /** Whether the argument is itself an expression the checker walks (references inside are checked). */
  walk: boolean;
  accepts(node: FormulaNode): boolean;
  /** The complaint; `ordinal` is set when the function takes several arguments ('first', 'second', …). */
  refuse(fn: string, node: FormulaNode, ordinal: LocalizedText | null): LocalizedText;
  /** How the kind reads in a signature: `{X}`, `SET`, … */
  placeholder: string;
}

const col = (node: FormulaNode): number => node.span.start + 1;
const SET_HINT_ZH = `${UNIT_SETS.join('、')}、UNITS(单位, …) 或 GROUP(分组)`;
const SET_HINT_EN = `${UNIT_SETS.join(', ')}, UNITS(unit, …) or GROUP(name)`;

function isUnitSet(node: FormulaNode): boolean {
  if (node.kind === 'name') return (UNIT_SETS as readonly string[]).includes(node.name.toUpperCase());
  if (node.kind !== 'call' || node.args.length === 0 || !node.args.every((a) => a.kind === 'name')) return false;
  return node.name === 'UNITS' || (node.name === 'GROUP' && node.args.length === 1);
}

/** The argument kinds functions take. */
export const ARGUMENT_KINDS = {
  /** An indicator reference `{CODE}`: the function reads that indicator at other units or periods. */
  reference: {
    issue: 'argumentNotReference',
    walk: true,
    placeholder: '{X}',
    accepts: (node) => node.kind === 'reference',
    refuse: (fn, node, ordinal) => {
      const got = describeNode(node);
      return {
        zh: `${fn} 的${ordinal ? `第${ordinal.zh}个` : ''}参数必须是指标引用，如 {D1-01}；第 ${col(node)} 列是${got.zh}`,
        en: `${fn} expects an indicator reference like {D1-01}${ordinal ? ` ${ordinal.en}` : ''}, got ${got.en} at column ${col(node)}`,
      };
    },
  },
  /** Any arithmetic expression, evaluated at the same unit and period. */
  number: {
    issue: 'invalidArgument',
    walk: true,
    placeholder: 'x',
    accepts: (node) => node.kind !== 'name',
    refuse: (fn, node, ordinal) => ({
      zh: `${fn} 的${ordinal ? `第${ordinal.zh}个` : ''}参数应为数值表达式；第 ${col(node)} 列是${describeNode(node).zh}`,
      en: `${fn} expects a number or an expression${ordinal ? ` ${ordinal.en}` : ''}, got ${describeNode(node).en} at column ${col(node)}`,
    }),
  },
  /** A set of org units relative to the current one: COUNTIES, DISTRICTS, ZONES, CHILDREN, UNITS(…), GROUP(…). */
  unitSet: {
    issue: 'invalidSet',
    walk: false,
    placeholder: 'SET',
    accepts: isUnitSet,
    refuse: (_fn, node) => ({
      zh: `第 ${col(node)} 列不是单位范围；应为 ${SET_HINT_ZH}`,
      en: `Column ${col(node)} is not a set of units; expected ${SET_HINT_EN}`,
    }),
  },
  /** A coverage rule: ALL (every member has reported), ANY (one), or a whole number N ≥ 1 (at least N). */
  coverage: {
    issue: 'invalidCoverage',
    walk: false,
    placeholder: 'RULE',
    accepts: (node) =>
      node.kind === 'name'
        ? (COVERAGE_RULES as readonly string[]).includes(node.name.toUpperCase())
        : node.kind === 'number' && Number.isInteger(node.value) && node.value >= 1,
    refuse: (_fn, node) => ({
      zh: `第 ${col(node)} 列不是覆盖规则；应为 ALL（全部成员已报送，默认）、ANY（至少一个）或正整数（至少几个）`,
      en: `Column ${col(node)} is not a coverage rule; expected ALL (every member reported, the default), ANY (at least one) or a whole number (at least that many)`,
    }),
  },
  /** A whole number from -6 to 6 written as such (`2`, `-3`): a count of decimal places. */
  digits: {
    issue: 'invalidArgument',
    walk: false,
    placeholder: 'n',
    accepts: (node) => {
      const n =
        node.kind === 'negate' && node.operand.kind === 'number'
          ? -node.operand.value
          : node.kind === 'number'
            ? node.value
            : NaN;
      return Number.isInteger(n) && Math.abs(n) <= 6;
    },
    refuse: (fn, node, ordinal) => ({
      zh: `${fn} 的${ordinal ? `第${ordinal.zh}个` : ''}参数应为 -6 到 6 的整数（小数位数）；第 ${col(node)} 列是${describeNode(node).zh}`,
      en: `${fn} expects a whole number from -6 to 6 (decimal places)${ordinal ? ` ${ordinal.en}` : ''}, got ${describeNode(node).en} at column ${col(node)}`,
    }),
  },
} satisfies Record<string, ArgumentKind>;

export type ArgumentKindName = keyof typeof ARGUMENT_KINDS;

export interface ArgumentSpec {
  kind: ArgumentKindName;
  /** Optional arguments come last. */
  optional?: boolean;
  /** What the argument is, for the arity message and the help. */
  role: LocalizedText;
}

// ——— periods ———

/**
 * The periods a function reads, relative to the period the formula is evaluated for. The loader of an evaluation
 * (`periodsNeeded`) asks each function of each formula for these.
 */
export const PERIOD_RULES = {
  /** The evaluation period itself. */
  current: (period: string): string[] => [period],
  /** The same period a year earlier. */
  lastYear: (period: string): string[] => [samePeriodLastYear(period)],
  /** Every month from January to the period's last month. */
  yearToDate: (period: string): string[] => monthsOfYearTo(period),
} as const;

export type PeriodRule = keyof typeof PERIOD_RULES;

// ——— functions ———

export interface FormulaFunctionSpec {
  /** Upper case; the text may use any case. */
  name: string;
  args: readonly ArgumentSpec[];
  /** The periods it reads (see PERIOD_RULES). */
  periods: readonly PeriodRule[];
  /** What it computes, for the help text. */
  description: LocalizedText;
  /** The function in words, for a formula read aloud (`renderFormula`). */
  words: LocalizedText;
  /** An example for the help text. */
  example: string;
  /** Evaluates a call whose arguments the checker accepted (kinds and count as `args` say). */
  evaluate(args: readonly FormulaNode[], env: CallEnv): FormulaStep;
}

const REF: ArgumentSpec = { kind: 'reference', role: { zh: '指标引用', en: 'an indicator reference' } };
const SET: ArgumentSpec = {
  kind: 'unitSet',
  role: { zh: `单位范围（${SET_HINT_ZH}）`, en: `a set of units (${SET_HINT_EN})` },
};
const RULE: ArgumentSpec = {
  kind: 'coverage',
  optional: true,
  role: { zh: '可选的覆盖规则', en: 'an optional coverage rule' },
};

/** The code of a `reference` argument. */
function codeOf(node: FormulaNode | undefined): string {
  if (node?.kind !== 'reference') throw new TypeError('not a reference; check the formula first');
  return node.code;
}

/** A `unitSet` argument as the context resolves it. */
export function unitSetOf(node: FormulaNode | undefined): UnitSet {
  if (node?.kind === 'name') return { kind: 'named', name: node.name.toUpperCase() as (typeof UNIT_SETS)[number] };
  if (node?.kind === 'call' && node.name === 'UNITS')
    return { kind: 'units', ids: node.args.map((a) => (a.kind === 'name' ? a.name : '')) };
  if (node?.kind === 'call' && node.name === 'GROUP' && node.args[0]?.kind === 'name')
    return { kind: 'group', name: node.args[0].name };
  throw new TypeError('not a set of units; check the formula first');
}

/** How many members must have a value: ALL (default) every one, ANY one, N at least N (never more than all). */
function required(rule: FormulaNode | undefined, size: number): number {
  if (rule === undefined) return size;
  if (rule.kind === 'number') return Math.min(rule.value, size);
  if (rule.kind === 'name' && rule.name.toUpperCase() === 'ANY') return Math.min(1, size);
  return size;
}

type Reducer = (values: readonly number[]) => number;
const REDUCERS: Record<'MAX' | 'MIN' | 'SUM' | 'AVG', Reducer> = {
  MAX: (v) => Math.max(...v),
  MIN: (v) => Math.min(...v),
  SUM: (v) => v.reduce((a, b) => a + b, 0),
  AVG: (v) => v.reduce((a, b) => a + b, 0) / v.length,
};

/** An aggregate over a set's members under a coverage rule; members without a value are marked missing. */
function overSet(
  reduce: Reducer,
  code: string,
  set: UnitSet,
  rule: FormulaNode | undefined,
  env: CallEnv,
): FormulaStep {
  const members = env.members(set);
  const values: number[] = [];
  const absent: string[] = [];
  for (const unit of members) {
    const v = env.value(code, unit, env.period);
    if (v === null) absent.push(unit);
    else values.push(v);
  }
  env.markMissing(absent);
  if (members.length === 0) return MISSING;
  if (values.length === 0 || values.length < required(rule, members.length)) {
    return { value: null, reason: 'incomplete' };
  }
  return { value: reduce(values) };
}

const SET_AGGREGATE_WORDS: Record<keyof typeof REDUCERS, { words: LocalizedText; of: LocalizedText }> = {
  MAX: { words: { zh: '最大值', en: 'highest' }, of: { zh: '最大值', en: 'highest value' } },
  MIN: { words: { zh: '最小值', en: 'lowest' }, of: { zh: '最小值', en: 'lowest value' } },
  SUM: { words: { zh: '合计', en: 'sum' }, of: { zh: '合计', en: 'sum' } },
  AVG: { words: { zh: '平均', en: 'mean' }, of: { zh: '平均值', en: 'mean' } },
};

const CHILDREN_WORDS: Record<keyof typeof REDUCERS, LocalizedText> = {
  MAX: { zh: '下级单位最大值', en: 'highest among the units below' },
  MIN: { zh: '下级单位最小值', en: 'lowest among the units below' },
  SUM: { zh: '下级单位合计', en: 'sum over the units below' },
  AVG: { zh: '下级单位平均', en: 'mean over the units below' },
};

const setAggregates: FormulaFunctionSpec[] = (['MAX', 'MIN', 'SUM', 'AVG'] as const).map((name) => ({
  name,
  args: [REF, SET, RULE],
  periods: ['current'],
  description: {
    zh: `一组单位的${SET_AGGREGATE_WORDS[name].of.zh}；默认须全部成员已报送，ANY 或数字 N 表示至少一个或至少 N 个，未报送的成员会列出`,
    en: `The ${SET_AGGREGATE_WORDS[name].of.en} over a set of units; by default every member must have reported, ANY or a number N asks for at least one or N, and members without a value are listed`,
  },
  words: SET_AGGREGATE_WORDS[name].words,
  example: `${name}({D3-01}, COUNTIES)`,
  evaluate: ([ref, set, rule], env) => overSet(REDUCERS[name], codeOf(ref), unitSetOf(set), rule, env),
}));

const childAggregates: FormulaFunctionSpec[] = (['MAX', 'MIN', 'SUM', 'AVG'] as const).map((name) => ({
  name: `${name}_CHILDREN`,
  args: [REF],
  periods: ['current'],
  description: {
    zh: `下级单位的${SET_AGGREGATE_WORDS[name].of.zh}，即 ${name}({X}, CHILDREN)，须全部下级单位已报送`,
    en: `The ${SET_AGGREGATE_WORDS[name].of.en} over the units below: ${name}({X}, CHILDREN), every one must have reported`,
  },
  words: CHILDREN_WORDS[name],
  example: `${name}_CHILDREN({D3-01})`,
  evaluate: ([ref], env) => overSet(REDUCERS[name], codeOf(ref), { kind: 'named', name: 'CHILDREN' }, undefined, env),
}));

/**
 * The functions, in the order the help lists them.
 *
 * @example FORMULA_FUNCTION_SPECS.find((f) => f.name === 'GROWTH')?.periods → ['current', 'lastYear']
 */
export const FORMULA_FUNCTION_SPECS: readonly FormulaFunctionSpec[] = [
  ...setAggregates,
  ...childAggregates,
  {
    name: 'LAST_YEAR',
    args: [REF],
    periods: ['lastYear'],
    description: { zh: '上年同期的值', en: 'The value of the same period a year earlier' },
    words: { zh: '上年同期', en: 'same period last year' },
    example: 'LAST_YEAR({D1-01})',
    evaluate: ([ref], env) => {
      const value = env.value(codeOf(ref), env.orgUnitId, samePeriodLastYear(env.period));
      return value === null ? MISSING : { value };
    },
  },
  {
    name: 'YTD',
    args: [REF],
    periods: ['yearToDate'],
    description: {
      zh: '本年 1 月至本期末各月之和，须每月都有值',
      en: 'The sum of the months from January to the end of the period; every month is needed',
    },
    words: { zh: '本年累计', en: 'year to date' },
    example: 'YTD({D2-05})',
    evaluate: ([ref], env) => {
      const code = codeOf(ref);
      const values = monthsOfYearTo(env.period).map((month) => env.value(code, env.orgUnitId, month));
      if (values.some((v) => v === null)) return MISSING;
      return { value: (values as number[]).reduce((a, b) => a + b, 0) };
    },
  },
  {
    name: 'GROWTH',
    args: [REF],
    periods: ['current', 'lastYear'],
    description: {
      zh: '同比增速（%）：(本期 ÷ 上年同期 − 1) × 100；上年同期为 0 时无值',
      en: 'Growth on a year earlier, in %: (this period ÷ same period last year − 1) × 100; none when the base is 0',
    },
    words: { zh: '同比增速', en: 'growth on a year earlier' },
    example: 'GROWTH({D1-01})',
    evaluate: ([ref], env) => {
      const code = codeOf(ref);
      const current = env.value(code, env.orgUnitId, env.period);
      const base = env.value(code, env.orgUnitId, samePeriodLastYear(env.period));
      if (current === null || base === null) return MISSING;
      if (base === 0) return { value: null, reason: 'divisionByZero' };
      return { value: (current / base - 1) * 100 };
    },
  },
  {
    name: 'ROUND',
    args: [
      { kind: 'number', role: { zh: '数值或表达式', en: 'a number or an expression' } },
      { kind: 'digits', role: { zh: '小数位数（-6 到 6）', en: 'the decimal places (-6 to 6)' } },
    ],
    periods: [],
    description: {
      zh: '四舍五入到 n 位小数（n 为负数时到十位、百位…）；如 ROUND(2.675, 2) = 2.68',
      en: 'Rounded half away from zero to n decimal places (a negative n rounds to tens, hundreds, …); ROUND(2.675, 2) = 2.68',
    },
    words: { zh: '四舍五入', en: 'rounded' },
    example: 'ROUND({D5-02} / {D4-02}, 2)',
    evaluate: ([x, n], env) => {
      const step = env.evaluate(x as FormulaNode);
      if (step.value === null) return step;
      const digits =
        n?.kind === 'negate' && n.operand.kind === 'number' ? -n.operand.value : n?.kind === 'number' ? n.value : 0;
      return { value: roundHalfAwayFromZero(step.value, digits) };
    },
  },
];

/**
 * Rounds as a statistician does (四舍五入), on the decimal digits as written: shifting by the exponent in the
 * number's text avoids the binary error of `x * 100` (2.675 × 100 = 267.49999…).
 *
 * @example roundHalfAwayFromZero(2.675, 2) === 2.68; roundHalfAwayFromZero(-2.5, 0) === -3;
 *   roundHalfAwayFromZero(1250, -2) === 1300
 */
function roundHalfAwayFromZero(value: number, digits: number): number {
  const magnitude = Math.abs(value);
  const shifted = Math.round(Number(`${magnitude}e${digits}`));
  let out = Number(`${shifted}e${-digits}`);
  if (!Number.isFinite(out)) out = Math.round(magnitude * 10 ** digits) / 10 ** digits; // 1e-7, 1e21: no text shift
  return value < 0 && out !== 0 ? -out : out;
}

/** The functions by upper-case name. */
export const FORMULA_FUNCTIONS_BY_NAME: ReadonlyMap<string, FormulaFunctionSpec> = new Map(
  FORMULA_FUNCTION_SPECS.map((f) => [f.name, f]),
);

/** The names of the functions. */
export const FORMULA_FUNCTIONS: readonly string[] = FORMULA_FUNCTION_SPECS.map((f) => f.name);

/**
 * How a function is written, for the help: `MAX({X}, SET[, RULE])`.
 *
 * @example signatureOf(FORMULA_FUNCTIONS_BY_NAME.get('GROWTH')!) === 'GROWTH({X})'
 */
export function signatureOf(spec: FormulaFunctionSpec): string {
  let out = '';
  spec.args.forEach((a, i) => {
    const text = `${i > 0 ? ', ' : ''}${ARGUMENT_KINDS[a.kind].placeholder}`;
    out += a.optional ? `[${text}]` : text;
  });
  return `${spec.name}(${out})`;
}

/** The function calls of a formula, outermost first, in text order (unknown names included). */
export function callsOf(node: FormulaNode): FormulaNode[] {
  const out: FormulaNode[] = [];
  const visit = (n: FormulaNode): void => {
    if (n.kind === 'call') {
      out.push(n);
      n.args.forEach(visit);
    } else if (n.kind === 'negate') visit(n.operand);
    else if (n.kind === 'binary') {
      visit(n.left);
      visit(n.right);
    }
  };
  visit(node);
  return out;
}

/**
 * The periods a formula reads when evaluated for `period`: the period itself (its references) and what each of its
 * functions' `periods` names. What the evaluation's loader asks for (`periodsNeeded`).
 *
 * @example periodsOfFormula(parse('YTD({A})').ast, '2024-03') → ['2024-03', '2024-01', '2024-02']
 * @example periodsOfFormula(parse('GROWTH({A})').ast, '2024') → ['2024', '2023']
 */
export function periodsOfFormula(ast: FormulaNode, period: string): string[] {
  const out = new Set<string>([period]);
  for (const call of callsOf(ast)) {
    const spec = call.kind === 'call' ? FORMULA_FUNCTIONS_BY_NAME.get(call.name) : undefined;
    for (const rule of spec?.periods ?? []) for (const p of PERIOD_RULES[rule](period)) out.add(p);
  }
  return [...out];
}
