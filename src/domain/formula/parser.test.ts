import { describe, expect, it } from 'vitest';
import { tokenize } from './lexer.ts';
import { parse } from './parser.ts';

describe('tokenize', () => {
  it('numbers, references, names, operators and punctuation with positions', () => {
    const result = tokenize('MAX_CHILDREN({GDP_PC}) / 1.5');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tokens.map((t) => t.kind)).toEqual([
      'name',
      'lparen',
      'reference',
      'rparen',
      'operator',
      'number',
      'end',
    ]);
    expect(result.tokens[2]).toMatchObject({ code: 'GDP_PC', span: { start: 13, end: 21 } });
    expect(result.tokens[5]).toMatchObject({ value: 1.5, span: { start: 25, end: 28 } });
  });

  it('accepts codes with digits, dashes and underscores, and spaces inside braces', () => {
    const result = tokenize('{ D1-01 } + {x_2}');
    expect(
      result.ok &&
        result.tokens.filter((t) => t.kind === 'reference').map((t) => (t.kind === 'reference' ? t.code : '')),
    ).toEqual(['D1-01', 'x_2']);
  });

  it('accepts the operators and brackets of a Chinese keyboard', () => {
    const result = tokenize('（{A}−1）×2÷{B}，');
    expect(result.ok && result.tokens.map((t) => (t.kind === 'operator' ? t.operator : t.kind))).toEqual([
      'lparen',
      'reference',
      '-',
      'number',
      'rparen',
      '*',
      'number',
      '/',
      'reference',
      'comma',
      'end',
    ]);
  });

  it('names lexical errors with their column', () => {
    expect(tokenize('{D1-01')).toMatchObject({
      ok: false,
      error: { code: 'unterminatedReference', position: { start: 0 } },
    });
    expect(tokenize('1 + {}')).toMatchObject({ ok: false, error: { code: 'emptyReference', position: { start: 4 } } });
    expect(tokenize('{A B}')).toMatchObject({ ok: false, error: { code: 'invalidReference' } });
    expect(tokenize('{城镇收入}')).toMatchObject({ ok: false, error: { code: 'invalidReference' } });
    expect(tokenize('1.2.3')).toMatchObject({ ok: false, error: { code: 'invalidNumber' } });
    expect(tokenize('.5')).toMatchObject({ ok: false, error: { code: 'invalidNumber' } });
    expect(tokenize('3 % 2')).toMatchObject({
      ok: false,
      error: { code: 'invalidCharacter', message: { en: "Unexpected character '%' at column 3" } },
    });
  });
});

function messageOf(formula: string): string {
  const result = parse(formula);
  return result.ok ? 'ok' : `${result.error.code}: ${result.error.message.en}`;
}

describe('parse', () => {
  it('respects precedence and associativity', () => {
    const result = parse('1 - 2 - 3 * -4 / 2');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // ((1 - 2) - ((3 * -4) / 2))
    expect(result.ast).toMatchObject({
      kind: 'binary',
      operator: '-',
      left: { kind: 'binary', operator: '-', left: { value: 1 }, right: { value: 2 } },
      right: {
        kind: 'binary',
        operator: '/',
        left: { kind: 'binary', operator: '*', left: { value: 3 }, right: { kind: 'negate', operand: { value: 4 } } },
        right: { value: 2 },
      },
      span: { start: 0, end: 18 },
    });
  });

  it('upper-cases function names and keeps positions', () => {
    const result = parse('growth({GDP})');
    expect(result).toMatchObject({
      ok: true,
      ast: {
        kind: 'call',
        name: 'GROWTH',
        nameSpan: { start: 0, end: 6 },
        args: [{ kind: 'reference', code: 'GDP', span: { start: 7, end: 12 } }],
        span: { start: 0, end: 13 },
      },
    });
  });

  it('parentheses widen the span of what they enclose', () => {
    expect(parse('({A} + 1) * 2')).toMatchObject({ ok: true, ast: { left: { span: { start: 0, end: 9 } } } });
  });

  it('names syntax errors', () => {
    expect(parse('')).toMatchObject({ ok: false, error: { code: 'emptyFormula' } });
    expect(parse('   ')).toMatchObject({ ok: false, error: { code: 'emptyFormula' } });
    expect(parse('{A} +')).toMatchObject({ ok: false, error: { code: 'unexpectedEnd', position: { start: 5 } } });
    expect(parse('(1 + 2')).toMatchObject({ ok: false, error: { code: 'missingParenthesis' } });
    expect(messageOf('GROWTH({A}')).toBe(
      "missingParenthesis: Missing ')' for the '(' of GROWTH at column 7: expected ',' or ')' at column 11, found the end",
    );
    expect(messageOf('2{A}')).toBe(
      "unexpectedToken: Unexpected '{A}' at column 2: expected an operator (+ - * /) or the end of the formula",
    );
    expect(parse('1 )')).toMatchObject({
      ok: false,
      error: { code: 'unexpectedToken', message: { en: "Unmatched ')' at column 3" } },
    });
    expect(parse('* 2')).toMatchObject({ ok: false, error: { code: 'unexpectedToken', position: { start: 0 } } });
    expect(messageOf('GDP + 1')).toBe(
      "bareName: 'GDP' at column 1 is not a function call; indicator references are written in braces, like {GDP}",
    );
  });
});
