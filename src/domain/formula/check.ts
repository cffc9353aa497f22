/**
 * Checks a formula before it is saved: syntax, function names, arity, argument kinds and indicator codes.
 *
 * A syntax error stops the check (one error). Otherwise every semantic problem is listed, in text order:
 * - unknown function (names are case-insensitive);
 * - wrong number of arguments (every function takes exactly one);
 * - an argument that is not an indicator reference (`MAX_CHILDREN(1+2)`);
 * - an indicator code not in `knownCodes` (codes are case-sensitive; a case-insensitive match is suggested).
 */
import type { LocalizedText } from '../text.ts';
import {
  column,
  COVERAGE_RULES,
  FORMULA_FUNCTIONS,
  referencesOf,
  SET_AGGREGATES,
  UNIT_SETS,
  type CallNode,
  type FormulaIssue,
  type FormulaNode,
} from './ast.ts';
import { parse } from './parser.ts';

export type CheckResult = { ok: true; ast: FormulaNode; references: string[] } | { ok: false; errors: FormulaIssue[] };

const FUNCTION_SET: ReadonlySet<string> = new Set(FORMULA_FUNCTIONS);

/**
 * Checks a formula against the indicator codes of its framework.
 *
 * @example check('{URBAN_INCOME} / {RURAL_INCOME}', new Set(['URBAN_INCOME', 'RURAL_INCOME']))
 *   → { ok: true, ast, references: ['URBAN_INCOME', 'RURAL_INCOME'] }
 * @example check('MAX_CHILDREN(1+2)', codes) → { ok: false, errors: [{ code: 'argumentNotReference',
 *   message: { en: 'MAX_CHILDREN expects an indicator reference like {D1-01}, got an expression at column 14' } }] }
 */
export function check(formula: string, knownCodes: ReadonlySet<string>): CheckResult {
  const parsed = parse(formula);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const errors: FormulaIssue[] = [];
  const lowerCaseCodes = new Map<string, string>();
  for (const code of knownCodes) lowerCaseCodes.set(code.toLowerCase(), code);

  const visit = (node: FormulaNode): void => {
    switch (node.kind) {
      case 'number':
        return;
      case 'reference': {
        if (!knownCodes.has(node.code)) {
          const suggestion = lowerCaseCodes.get(node.code.toLowerCase());
          errors.push({
            code: 'unknownReference',
            message: {
              zh: `第 ${column(node.span)} 列引用的指标 {${node.code}} 不存在${suggestion === undefined ? '' : `，是否应为 {${suggestion}}？`}`,
              en: `Unknown indicator {${node.code}} at column ${column(node.span)}${suggestion === undefined ? '' : `; did you mean {${suggestion}}?`}`,
            },
            position: node.span,
          });
        }
        return;
      }
      case 'negate':
        visit(node.operand);
        return;
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
      case 'name':
        errors.push({
          code: 'misplacedName',
          message: {
            zh: `第 ${column(node.span)} 列的 '${node.name}' 只能作为 MAX/MIN/SUM/AVG 的范围或覆盖规则；指标引用须写在花括号中，如 {${node.name}}`,
            en: `'${node.name}' at column ${column(node.span)} may only be the set or coverage rule of MAX/MIN/SUM/AVG; indicator references are written in braces, like {${node.name}}`,
          },
          position: node.span,
        });
        return;
      case 'call': {
        if (SET_AGGREGATES.has(node.name)) {
          checkSetAggregate(node, errors);
          const first = node.args[0];
          if (first) visit(first);
          return;
        }
        if (!FUNCTION_SET.has(node.name)) {
          errors.push({
            code: 'unknownFunction',
            message: {
              zh: `第 ${column(node.nameSpan)} 列的函数 ${node.name} 不存在；可用函数：${FORMULA_FUNCTIONS.join('、')}`,
              en: `Unknown function ${node.name} at column ${column(node.nameSpan)}; the functions are ${FORMULA_FUNCTIONS.join(', ')}`,
            },
            position: node.nameSpan,
          });
        } else if (node.args.length !== 1) {
          errors.push({
            code: 'wrongArity',
            message: {
              zh: `第 ${column(node.nameSpan)} 列的 ${node.name} 只接受一个参数（指标引用），实际有 ${node.args.length} 个`,
              en: `${node.name} at column ${column(node.nameSpan)} takes exactly one argument (an indicator reference), got ${node.args.length}`,
            },
            position: node.span,
          });
        } else {
          const arg = node.args[0] as FormulaNode;
          if (arg.kind !== 'reference') {
            const got = describe(arg);
            errors.push({
              code: 'argumentNotReference',
              message: {
                zh: `${node.name} 的参数必须是指标引用，如 {D1-01}；第 ${column(arg.span)} 列是${got.zh}`,
                en: `${node.name} expects an indicator reference like {D1-01}, got ${got.en} at column ${column(arg.span)}`,
              },
              position: arg.span,
            });
          }
        }
        // A bare name here is already reported (not a reference, or one argument too many).
        node.args.filter((a) => a.kind !== 'name').forEach(visit);
        return;
      }
    }
  };
  visit(parsed.ast);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, ast: parsed.ast, references: referencesOf(parsed.ast) };
}

const SET_HINT_ZH = `${UNIT_SETS.join('、')}、UNITS(单位, …) 或 GROUP(分组)`;
const SET_HINT_EN = `${UNIT_SETS.join(', ')}, UNITS(unit, …) or GROUP(name)`;

/**
 * `MAX({CODE}, SET)` or `MAX({CODE}, SET, RULE)`: an indicator reference, a set of org units, and optionally the
 * coverage rule (ALL — the default —, ANY, or a whole number: at least that many members).
 */
function checkSetAggregate(node: CallNode, errors: FormulaIssue[]): void {
  const [ref, set, rule] = node.args;
  if (node.args.length < 2 || node.args.length > 3) {
    errors.push({
      code: 'wrongArity',
      message: {
        zh: `第 ${column(node.nameSpan)} 列的 ${node.name} 需要两个或三个参数：指标引用、单位范围（${SET_HINT_ZH}）和可选的覆盖规则，实际有 ${node.args.length} 个`,
        en: `${node.name} at column ${column(node.nameSpan)} takes two or three arguments — an indicator reference, a set of units (${SET_HINT_EN}) and an optional coverage rule — got ${node.args.length}`,
      },
      position: node.span,
    });
    return;
  }
  if (ref && ref.kind !== 'reference') {
    const got = describe(ref);
    errors.push({
      code: 'argumentNotReference',
      message: {
        zh: `${node.name} 的第一个参数必须是指标引用，如 {D1-01}；第 ${column(ref.span)} 列是${got.zh}`,
        en: `${node.name} expects an indicator reference like {D1-01} first, got ${got.en} at column ${column(ref.span)}`,
      },
      position: ref.span,
    });
  }
  if (set && !isUnitSet(set)) {
    errors.push({
      code: 'invalidSet',
      message: {
        zh: `第 ${column(set.span)} 列不是单位范围；应为 ${SET_HINT_ZH}`,
        en: `Column ${column(set.span)} is not a set of units; expected ${SET_HINT_EN}`,
      },
      position: set.span,
    });
  }
  if (rule && !isCoverageRule(rule)) {
    errors.push({
      code: 'invalidCoverage',
      message: {
        zh: `第 ${column(rule.span)} 列不是覆盖规则；应为 ALL（全部成员已报送，默认）、ANY（至少一个）或正整数（至少几个）`,
        en: `Column ${column(rule.span)} is not a coverage rule; expected ALL (every member reported, the default), ANY (at least one) or a whole number (at least that many)`,
      },
      position: rule.span,
    });
  }
}

function isUnitSet(node: FormulaNode): boolean {
  if (node.kind === 'name') return (UNIT_SETS as readonly string[]).includes(node.name.toUpperCase());
  if (node.kind !== 'call' || node.args.length === 0 || !node.args.every((a) => a.kind === 'name')) return false;
  return node.name === 'UNITS' || (node.name === 'GROUP' && node.args.length === 1);
}

function isCoverageRule(node: FormulaNode): boolean {
  if (node.kind === 'name') return (COVERAGE_RULES as readonly string[]).includes(node.name.toUpperCase());
  return node.kind === 'number' && Number.isInteger(node.value) && node.value >= 1;
}

function describe(node: FormulaNode): LocalizedText {
  switch (node.kind) {
    case 'number':
      return { zh: '一个数字', en: 'a number' };
    case 'name':
      return { zh: '一个名称', en: 'a name' };
    case 'call':
      return { zh: '一个函数调用', en: 'a function call' };
    case 'reference':
      return { zh: '一个指标引用', en: 'an indicator reference' };
    case 'negate':
    case 'binary':
      return { zh: '一个表达式', en: 'an expression' };
  }
}
