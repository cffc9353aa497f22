/**
 * Splits a formula into tokens.
 *
 * - Numbers: `123`, `1.5` (no leading or trailing dot, no exponent).
 * - Indicator references: `{CODE}`, the code made of ASCII letters, digits, `-` and `_`; spaces just inside the
 *   braces are ignored.
 * - Names (functions): a letter or `_`, then letters, digits and `_`.
 * - `( ) , + - * /`. Forms typed on a Chinese keyboard are accepted too: `（ ），`, `−` (minus sign), `×`, `÷`.
 * - White space (including the full-width space) separates tokens.
 */
import type { BinaryOperator, FormulaIssue, Span } from './ast.ts';
import { column } from './ast.ts';

export type Token =
  | { kind: 'number'; value: number; text: string; span: Span }
  | { kind: 'reference'; code: string; text: string; span: Span }
  | { kind: 'name'; text: string; span: Span }
  | { kind: 'operator'; operator: BinaryOperator; text: string; span: Span }
  | { kind: 'lparen' | 'rparen' | 'comma'; text: string; span: Span }
  | { kind: 'end'; text: ''; span: Span };

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: FormulaIssue };

const OPERATORS: Record<string, BinaryOperator> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '*': '*',
  '×': '*',
  '/': '/',
  '÷': '/',
};
const PUNCTUATION: Record<string, 'lparen' | 'rparen' | 'comma'> = {
  '(': 'lparen',
  '（': 'lparen',
  ')': 'rparen',
  '）': 'rparen',
  ',': 'comma',
  '，': 'comma',
};
const CODE_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * Tokenises a formula; the last token is always `end`. Stops at the first lexical error.
 *
 * @example tokenize('{URBAN_INCOME} / {RURAL_INCOME}') → reference URBAN_INCOME, operator /, reference
 *   RURAL_INCOME, end
 * @example tokenize('{D1-01') → error 'unterminatedReference' at column 1
 */
export function tokenize(formula: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(formula[i + 1] ?? ''))) {
      const match = /^[0-9.]+/.exec(formula.slice(i)) as RegExpExecArray;
      const text = match[0];
      const span = { start, end: start + text.length };
      if (!/^[0-9]+(\.[0-9]+)?$/.test(text)) {
        return fail('invalidNumber', span, {
          zh: `第 ${column(span)} 列的数字 '${text}' 格式有误，应写作 123 或 1.5`,
          en: `Invalid number '${text}' at column ${column(span)}: write numbers like 123 or 1.5`,
        });
      }
      tokens.push({ kind: 'number', value: Number(text), text, span });
      i = span.end;
      continue;
    }
    if (ch === '{') {
      let j = i + 1;
      while (j < formula.length && formula[j] !== '}' && formula[j] !== '{') j++;
      if (formula[j] !== '}') {
        const span = { start, end: j };
        return fail('unterminatedReference', span, {
          zh: `第 ${column(span)} 列的指标引用缺少右花括号 '}'`,
          en: `The indicator reference at column ${column(span)} is missing its closing '}'`,
        });
      }
      const span = { start, end: j + 1 };
      const text = formula.slice(start, span.end);
      const code = formula.slice(i + 1, j).trim();
      if (code === '') {
        return fail('emptyReference', span, {
          zh: `第 ${column(span)} 列的花括号中缺少指标代码，应写作 {D1-01}`,
          en: `Empty indicator reference at column ${column(span)}: write the code in the braces, like {D1-01}`,
        });
      }
      if (!CODE_PATTERN.test(code)) {
        return fail('invalidReference', span, {
          zh: `第 ${column(span)} 列的指标代码 '${code}' 含有不允许的字符；代码只能由字母、数字、'-' 和 '_' 组成`,
          en: `Invalid indicator code '${code}' at column ${column(span)}: codes use letters, digits, '-' and '_'`,
        });
      }
      tokens.push({ kind: 'reference', code, text, span });
      i = span.end;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const text = (/^[A-Za-z_][A-Za-z0-9_]*/.exec(formula.slice(i)) as RegExpExecArray)[0];
      tokens.push({ kind: 'name', text, span: { start, end: start + text.length } });
      i += text.length;
      continue;
    }
    const operator = OPERATORS[ch];
    if (operator !== undefined) {
      tokens.push({ kind: 'operator', operator, text: ch, span: { start, end: start + 1 } });
      i++;
      continue;
    }
    const punctuation = PUNCTUATION[ch];
    if (punctuation !== undefined) {
      tokens.push({ kind: punctuation, text: ch, span: { start, end: start + 1 } });
      i++;
      continue;
    }
    const span = { start, end: start + ch.length };
    return fail('invalidCharacter', span, {
      zh: `第 ${column(span)} 列有不能识别的字符 '${ch}'`,
      en: `Unexpected character '${ch}' at column ${column(span)}`,
    });
  }
  tokens.push({ kind: 'end', text: '', span: { start: formula.length, end: formula.length } });
  return { ok: true, tokens };
}

function fail(code: FormulaIssue['code'], position: Span, message: FormulaIssue['message']): LexResult {
  return { ok: false, error: { code, message, position } };
}
