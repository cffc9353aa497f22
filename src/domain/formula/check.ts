/**
 * Checks a formula before it is saved: syntax, function names, arity, argument kinds and indicator codes.
 *
 * A syntax error stops the check (one error). Otherwise every semantic problem is listed, in text order:
 * - unknown function (names are case-insensitive; the registry in functions.ts lists the functions);
 * - wrong number of arguments (the function's entry says how many it takes, the last ones optional);
 * - an argument of the wrong kind (`MAX_CHILDREN(1+2)`: the entry's argument kinds decide, with their messages);
 * - a bare name outside the set or rule position of a function that takes one;
 * - an indicator code not in `knownCodes` (codes are case-sensitive; a case-insensitive match is suggested).
 */
import type { LocalizedText } from '../text.ts';
import { column, referencesOf, type CallNode, type FormulaIssue, type FormulaNode } from './ast.ts';
import {
  ARGUMENT_KINDS,
  FORMULA_FUNCTIONS,
  FORMULA_FUNCTIONS_BY_NAME,
  FORMULA_FUNCTION_SPECS,
  type ArgumentSpec,
  type FormulaFunctionSpec,
} from './functions.ts';
import { parse } from './parser.ts';

/** The functions that take a bare name (a set of units, a coverage rule) as an argument. */
const NAME_TAKERS = FORMULA_FUNCTION_SPECS.filter((f) => f.args.some((a) => !ARGUMENT_KINDS[a.kind].walk)).map(
  (f) => f.name,
);

export type CheckResult = { ok: true; ast: FormulaNode; references: string[] } | { ok: false; errors: FormulaIssue[] };

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
            zh: `第 ${column(node.span)} 列的 '${node.name}' 只能作为 ${NAME_TAKERS.join('/')} 的范围或覆盖规则；指标引用须写在花括号中，如 {${node.name}}`,
            en: `'${node.name}' at column ${column(node.span)} may only be the set or coverage rule of ${NAME_TAKERS.join('/')}; indicator references are written in braces, like {${node.name}}`,
          },
          position: node.span,
        });
        return;
      case 'call': {
        const spec = FORMULA_FUNCTIONS_BY_NAME.get(node.name);
        if (spec === undefined) {
          errors.push({
            code: 'unknownFunction',
            message: {
              zh: `第 ${column(node.nameSpan)} 列的函数 ${node.name} 不存在；可用函数：${FORMULA_FUNCTIONS.join('、')}`,
              en: `Unknown function ${node.name} at column ${column(node.nameSpan)}; the functions are ${FORMULA_FUNCTIONS.join(', ')}`,
            },
            position: node.nameSpan,
          });
          // The references inside are still checked; a bare name there says nothing more.
          node.args.filter((a) => a.kind !== 'name').forEach(visit);
          return;
        }
        const min = spec.args.filter((a) => !a.optional).length;
        if (node.args.length < min || node.args.length > spec.args.length) {
          errors.push({ code: 'wrongArity', message: arityMessage(node, spec), position: node.span });
          // What can still be said of the arguments: the references are checked.
          node.args.filter((a) => a.kind !== 'name').forEach(visit);
          return;
        }
        node.args.forEach((arg, i) => {
          const kind = ARGUMENT_KINDS[(spec.args[i] as ArgumentSpec).kind];
          if (!kind.accepts(arg)) {
            const ordinal = spec.args.length > 1 ? (ORDINALS[i] ?? null) : null;
            errors.push({ code: kind.issue, message: kind.refuse(node.name, arg, ordinal), position: arg.span });
            // A bare name in the wrong place is reported once, here.
            if (arg.kind !== 'name' && kind.walk) visit(arg);
          } else if (kind.walk) {
            visit(arg);
          }
        });
        return;
      }
    }
  };
  visit(parsed.ast);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, ast: parsed.ast, references: referencesOf(parsed.ast) };
}

const ORDINALS: readonly LocalizedText[] = [
  { zh: '一', en: 'first' },
  { zh: '二', en: 'second' },
  { zh: '三', en: 'third' },
  { zh: '四', en: 'fourth' },
];
const COUNT_WORDS: readonly LocalizedText[] = [
  { zh: '零', en: 'no' },
  { zh: '一', en: 'one' },
  { zh: '两', en: 'two' },
  { zh: '三', en: 'three' },
  { zh: '四', en: 'four' },
];

/**
 * `GROWTH at column 1 takes exactly one argument (an indicator reference), got 2`;
 * `MAX at column 1 takes two or three arguments — an indicator reference, a set of units (…) and an optional
 * coverage rule — got 1`. Read from the function's entry in the registry.
 */
function arityMessage(node: CallNode, spec: FormulaFunctionSpec): LocalizedText {
  const min = spec.args.filter((a) => !a.optional).length;
  const max = spec.args.length;
  const word = (n: number): LocalizedText => COUNT_WORDS[n] ?? { zh: String(n), en: String(n) };
  const got = node.args.length;
  const c = column(node.nameSpan);
  if (max === 1) {
    const role = (spec.args[0] as ArgumentSpec).role;
    return {
      zh: `第 ${c} 列的 ${node.name} 只接受一个参数（${role.zh}），实际有 ${got} 个`,
      en: `${node.name} at column ${c} takes exactly one argument (${role.en}), got ${got}`,
    };
  }
  const roles = spec.args.map((a) => a.role);
  const count =
    min === max
      ? { zh: `${word(max).zh}个参数`, en: `exactly ${word(max).en} arguments` }
      : { zh: `${word(min).zh}个或${word(max).zh}个参数`, en: `${word(min).en} or ${word(max).en} arguments` };
  if (min === 0) {
    count.zh = `最多${word(max).zh}个参数`;
    count.en = `at most ${word(max).en} arguments`;
  }
  const listZh =
    roles.length > 1
      ? `${roles
          .slice(0, -1)
          .map((r) => r.zh)
          .join('、')}和${roles.at(-1)?.zh}`
      : roles[0]?.zh;
  const listEn =
    roles.length > 1
      ? `${roles
          .slice(0, -1)
          .map((r) => r.en)
          .join(', ')} and ${roles.at(-1)?.en}`
      : roles[0]?.en;
  return {
    zh: `第 ${c} 列的 ${node.name} 需要${count.zh}：${listZh}，实际有 ${got} 个`,
    en: `${node.name} at column ${c} takes ${count.en} — ${listEn} — got ${got}`,
  };
}
