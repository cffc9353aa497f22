/**
 * Parses a formula into a syntax tree with source positions.
 *
 * Grammar (usual precedence: unary minus, then * and /, then + and -, all left-associative):
 *
 *     formula  := sum END
 *     sum      := product (('+' | '-') product)*
 *     product  := unary (('*' | '/') unary)*
 *     unary    := '-' unary | primary
 *     primary  := NUMBER | REFERENCE | NAME '(' (arg (',' arg)*)? ')' | '(' sum ')'
 *     arg      := NAME (followed by ',' or ')') | sum
 *
 * The parser accepts any function name and number of arguments so that `check` can name the problem precisely
 * ("unknown function", "takes exactly one argument"). It stops at the first syntax error.
 */
import type { FormulaIssue, FormulaNode, Span } from './ast.ts';
import { column } from './ast.ts';
import { tokenize, type Token } from './lexer.ts';

export type ParseResult = { ok: true; ast: FormulaNode } | { ok: false; error: FormulaIssue };

const OPERAND_HINT_ZH = '数字、指标引用（如 {D1-01}）、函数或左括号';
const OPERAND_HINT_EN = "a number, an indicator reference like {D1-01}, a function or '('";

class SyntaxProblem extends Error {
  readonly issue: FormulaIssue;
  constructor(issue: FormulaIssue) {
    super(issue.message.en);
    this.issue = issue;
  }
}

/**
 * Parses a formula.
 *
 * @example parse('MAX_CHILDREN({GDP_PC}) / MIN_CHILDREN({GDP_PC})') → ok, a binary '/' of two calls
 * @example parse('{A} +') → error 'unexpectedEnd' at column 6
 */
export function parse(formula: string): ParseResult {
  const lexed = tokenize(formula);
  if (!lexed.ok) return { ok: false, error: lexed.error };
  const tokens = lexed.tokens;
  if (tokens.length === 1) {
    return {
      ok: false,
      error: {
        code: 'emptyFormula',
        message: { zh: '公式为空', en: 'The formula is empty' },
        position: { start: 0, end: formula.length },
      },
    };
  }
  let index = 0;
  const peek = (): Token => tokens[index] as Token;
  const next = (): Token => tokens[index++] as Token;

  const sum = (): FormulaNode => {
    let left = product();
    for (
      let token = peek();
      token.kind === 'operator' && (token.operator === '+' || token.operator === '-');
      token = peek()
    ) {
      next();
      const right = product();
      left = { kind: 'binary', operator: token.operator, left, right, span: join(left.span, right.span) };
    }
    return left;
  };

  const product = (): FormulaNode => {
    let left = unary();
    for (
      let token = peek();
      token.kind === 'operator' && (token.operator === '*' || token.operator === '/');
      token = peek()
    ) {
      next();
      const right = unary();
      left = { kind: 'binary', operator: token.operator, left, right, span: join(left.span, right.span) };
    }
    return left;
  };

  const unary = (): FormulaNode => {
    const token = peek();
    if (token.kind === 'operator' && token.operator === '-') {
      next();
      const operand = unary();
      return { kind: 'negate', operand, span: join(token.span, operand.span) };
    }
    return primary();
  };

  // A bare name as a whole argument (`COUNTIES`, `ALL`, a unit id in `UNITS(…)`); `check` decides where it fits.
  const argument = (): FormulaNode => {
    const token = peek();
    const after = tokens[index + 1];
    if (token.kind === 'name' && (after?.kind === 'comma' || after?.kind === 'rparen')) {
      next();
      return { kind: 'name', name: token.text, span: token.span };
    }
    return sum();
  };

  const primary = (): FormulaNode => {
    const token = next();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value, span: token.span };
      case 'reference':
        return { kind: 'reference', code: token.code, span: token.span };
      case 'lparen': {
        const inner = sum();
        const close = next();
        if (close.kind !== 'rparen') throw missingClose(token.span, close);
        // Parentheses widen the span so that positions point at what the user wrote.
        return { ...inner, span: join(token.span, close.span) };
      }
      case 'name': {
        if (peek().kind !== 'lparen') {
          throw new SyntaxProblem({
            code: 'bareName',
            message: {
              zh: `第 ${column(token.span)} 列的 '${token.text}' 不是函数调用；指标引用须写在花括号中，如 {${token.text}}`,
              en: `'${token.text}' at column ${column(token.span)} is not a function call; indicator references are written in braces, like {${token.text}}`,
            },
            position: token.span,
          });
        }
        const open = next();
        const args: FormulaNode[] = [];
        if (peek().kind !== 'rparen') {
          args.push(argument());
          while (peek().kind === 'comma') {
            next();
            args.push(argument());
          }
        }
        const close = next();
        if (close.kind !== 'rparen') throw missingClose(open.span, close, token.text);
        return {
          kind: 'call',
          name: token.text.toUpperCase(),
          nameSpan: token.span,
          args,
          span: join(token.span, close.span),
        };
      }
      case 'end':
        throw new SyntaxProblem({
          code: 'unexpectedEnd',
          message: {
            zh: `公式在第 ${column(token.span)} 列意外结束，缺少${OPERAND_HINT_ZH}`,
            en: `The formula ends too early at column ${column(token.span)}: expected ${OPERAND_HINT_EN}`,
          },
          position: token.span,
        });
      case 'comma':
      case 'operator':
      case 'rparen':
        throw new SyntaxProblem({
          code: 'unexpectedToken',
          message: {
            zh: `第 ${column(token.span)} 列的 '${token.text}' 位置不对，此处应为${OPERAND_HINT_ZH}`,
            en: `Unexpected '${token.text}' at column ${column(token.span)}: expected ${OPERAND_HINT_EN}`,
          },
          position: token.span,
        });
    }
  };

  try {
    const ast = sum();
    const rest = peek();
    if (rest.kind !== 'end') {
      throw new SyntaxProblem(
        rest.kind === 'rparen'
          ? {
              code: 'unexpectedToken',
              message: {
                zh: `第 ${column(rest.span)} 列的右括号 '${rest.text}' 没有对应的左括号`,
                en: `Unmatched '${rest.text}' at column ${column(rest.span)}`,
              },
              position: rest.span,
            }
          : {
              code: 'unexpectedToken',
              message: {
                zh: `第 ${column(rest.span)} 列的 '${rest.text}' 之前缺少运算符（+ - * /）`,
                en: `Unexpected '${rest.text}' at column ${column(rest.span)}: expected an operator (+ - * /) or the end of the formula`,
              },
              position: rest.span,
            },
      );
    }
    return { ok: true, ast };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { ok: false, error: error.issue };
    throw error;
  }
}

function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function missingClose(open: Span, found: Token, functionName?: string): SyntaxProblem {
  const where =
    found.kind === 'end' ? { zh: '公式结尾', en: 'the end' } : { zh: `'${found.text}'`, en: `'${found.text}'` };
  const context = functionName === undefined ? '' : ` of ${functionName.toUpperCase()}`;
  const expected = functionName === undefined ? "')'" : "',' or ')'";
  return new SyntaxProblem({
    code: 'missingParenthesis',
    message: {
      zh: `第 ${column(open)} 列的左括号缺少对应的右括号（在第 ${column(found.span)} 列遇到${where.zh}）`,
      en: `Missing ')' for the '('${context} at column ${column(open)}: expected ${expected} at column ${column(found.span)}, found ${where.en}`,
    },
    position: found.span,
  });
}
