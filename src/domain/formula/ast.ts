/**
 * The syntax tree of a computed indicator's formula, and the problems a formula can have.
 * Positions are 0-based UTF-16 offsets into the formula text, `end` exclusive; messages say "column start + 1".
 */
import type { LocalizedText } from '../text.ts';

export interface Span {
  start: number;
  end: number;
}

/**
 * The named sets of org units a set aggregate can range over, relative to the unit the formula is evaluated for:
 * - `COUNTIES`: 五个县（区） — its districts and counties (kind district or county), not functional zones;
 * - `DISTRICTS`: its districts (市辖区) only;
 * - `ZONES`: its functional zones (the high-tech zone);
 * - `CHILDREN`: every region below it (districts, counties and zones alike).
 * Besides these: `UNITS(xiqu, dongqu)` lists units by id, and `GROUP(name)` names an org-unit group the host defines.
 */
export const UNIT_SETS = ['COUNTIES', 'DISTRICTS', 'ZONES', 'CHILDREN'] as const;

/** Coverage rules: every member must have reported (the default), any one, or at least N (a number). */
export const COVERAGE_RULES = ['ALL', 'ANY'] as const;

export type BinaryOperator = '+' | '-' | '*' | '/';

export interface NumberNode {
  kind: 'number';
  value: number;
  span: Span;
}

/** `{CODE}`: the value of indicator CODE at the same org unit and period. */
export interface ReferenceNode {
  kind: 'reference';
  code: string;
  span: Span;
}

/** `NAME(args)`. The parser accepts any name and argument count; `check` enforces the registry (functions.ts). */
export interface CallNode {
  kind: 'call';
  /** Upper-cased. */
  name: string;
  nameSpan: Span;
  args: FormulaNode[];
  span: Span;
}

export interface NegateNode {
  kind: 'negate';
  operand: FormulaNode;
  span: Span;
}

export interface BinaryNode {
  kind: 'binary';
  operator: BinaryOperator;
  left: FormulaNode;
  right: FormulaNode;
  span: Span;
}

/** A bare name, allowed only as an argument: a set (`COUNTIES`), a coverage rule (`ALL`) or a unit id in `UNITS(…)`. */
export interface NameNode {
  kind: 'name';
  /** As written (unit ids are case-sensitive); sets and rules are compared upper-cased. */
  name: string;
  span: Span;
}

export type FormulaNode = NumberNode | ReferenceNode | CallNode | NegateNode | BinaryNode | NameNode;

export type FormulaIssueCode =
  | 'emptyFormula'
  | 'invalidCharacter'
  | 'invalidNumber'
  | 'unterminatedReference'
  | 'emptyReference'
  | 'invalidReference'
  | 'unexpectedToken'
  | 'unexpectedEnd'
  | 'missingParenthesis'
  | 'bareName'
  | 'unknownFunction'
  | 'wrongArity'
  | 'argumentNotReference'
  | 'unknownReference'
  | 'invalidSet'
  | 'invalidCoverage'
  | 'invalidArgument'
  | 'misplacedName';

/** One problem with a formula, in both languages, with where it is. */
export interface FormulaIssue {
  code: FormulaIssueCode;
  message: LocalizedText;
  position: Span;
}

/** What a node is, in words, for the messages that say what was found instead. */
export function describeNode(node: FormulaNode): LocalizedText {
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

/** 1-based column of a position, as messages print it. */
export function column(position: Span | number): number {
  return (typeof position === 'number' ? position : position.start) + 1;
}

/**
 * The distinct indicator codes a formula reads, in order of first appearance (including inside functions).
 *
 * @example referencesOf(parse('{URBAN_INCOME} / {RURAL_INCOME}').ast) → ['URBAN_INCOME', 'RURAL_INCOME']
 */
export function referencesOf(node: FormulaNode): string[] {
  const seen = new Set<string>();
  const visit = (n: FormulaNode): void => {
    switch (n.kind) {
      case 'number':
      case 'name':
        return;
      case 'reference':
        seen.add(n.code);
        return;
      case 'call':
        n.args.forEach(visit);
        return;
      case 'negate':
        visit(n.operand);
        return;
      case 'binary':
        visit(n.left);
        visit(n.right);
        return;
    }
  };
  visit(node);
  return [...seen];
}
