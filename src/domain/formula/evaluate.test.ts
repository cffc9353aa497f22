import { describe, expect, it } from 'vitest';
import type { FormulaNode } from './ast.ts';
import { check } from './check.ts';
import { evaluateFormula, FormulaEvaluationError, type FormulaContext } from './evaluate.ts';

/** A small in-memory city: values keyed `code|unit|period`. GDP per capita figures are illustrative. */
function context(values: Record<string, number | null>, orgUnitId = 'city', period = '2023'): FormulaContext {
  const children: Record<string, string[]> = {
    city: ['dongqu', 'xiqu', 'renhe', 'miyi', 'yanbian'],
    xiqu: [],
  };
  return {
    value: (code, unit, p) => values[`${code}|${unit}|${p}`] ?? null,
    children: (unit) => children[unit] ?? [],
    orgUnitId,
    period,
  };
}

function ast(formula: string): FormulaNode {
  const codes = new Set(['URBAN_INCOME', 'RURAL_INCOME', 'GDP_PC', 'GDP', 'INVEST', 'A', 'B']);
  const result = check(formula, codes);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message.en).join('; '));
  return result.ast;
}

const DISTRICT_GDP_PC = {
  'GDP_PC|dongqu|2023': 113400,
  'GDP_PC|xiqu|2023': 86000,
  'GDP_PC|renhe|2023': 78500,
  'GDP_PC|miyi|2023': 64000,
  'GDP_PC|yanbian|2023': 60000,
};

describe('evaluateFormula', () => {
  it('urban–rural income ratio 51,000 / 24,500 ≈ 2.08', () => {
    const result = evaluateFormula(
      ast('{URBAN_INCOME} / {RURAL_INCOME}'),
      context({ 'URBAN_INCOME|city|2023': 51000, 'RURAL_INCOME|city|2023': 24500 }),
    );
    expect(result.value).toBeCloseTo(2.08, 2);
    expect(result.reason).toBeUndefined();
    expect(result.inputs).toEqual([
      { code: 'URBAN_INCOME', orgUnitId: 'city', period: '2023', value: 51000 },
      { code: 'RURAL_INCOME', orgUnitId: 'city', period: '2023', value: 24500 },
    ]);
  });

  it('regional gap: highest over lowest district GDP per capita = 1.89', () => {
    const result = evaluateFormula(ast('MAX_CHILDREN({GDP_PC}) / MIN_CHILDREN({GDP_PC})'), context(DISTRICT_GDP_PC));
    expect(result.value).toBeCloseTo(1.89, 10);
    expect(result.inputs).toHaveLength(5); // each district read once
  });

  it('SUM and AVG over the children: all must have reported unless the rule says otherwise', () => {
    const values = { ...DISTRICT_GDP_PC, 'GDP_PC|miyi|2023': null };
    const all = evaluateFormula(ast('SUM_CHILDREN({GDP_PC})'), context(values));
    expect(all).toMatchObject({ value: null, reason: 'incomplete', missingMembers: ['miyi'] });
    const any = evaluateFormula(ast('SUM({GDP_PC}, CHILDREN, ANY)'), context(values));
    expect(any).toMatchObject({ value: 113400 + 86000 + 78500 + 60000, missingMembers: ['miyi'] });
    expect(evaluateFormula(ast('AVG({GDP_PC}, CHILDREN, 4)'), context(values)).value).toBe(
      (113400 + 86000 + 78500 + 60000) / 4,
    );
    expect(evaluateFormula(ast('AVG({GDP_PC}, CHILDREN, 5)'), context(values)).value).toBeNull();
    expect(evaluateFormula(ast('SUM_CHILDREN({GDP_PC})'), context(DISTRICT_GDP_PC)).value).toBe(
      113400 + 86000 + 78500 + 64000 + 60000,
    );
    const none = evaluateFormula(ast('MAX_CHILDREN({GDP_PC})'), context(DISTRICT_GDP_PC, 'xiqu'));
    expect(none).toEqual({ value: null, inputs: [], reason: 'missingInput', missingMembers: [] });
  });

  it('names its set: COUNTIES through the host, a list of units, a group', () => {
    const ctx = {
      ...context(DISTRICT_GDP_PC),
      members: (set: { kind: string; name?: string; ids?: readonly string[] }) =>
        set.kind === 'named' && set.name === 'COUNTIES'
          ? ['dongqu', 'xiqu', 'renhe', 'miyi', 'yanbian']
          : set.kind === 'group' && set.name === 'south'
            ? ['miyi', 'yanbian']
            : (set.ids ?? []),
    } as FormulaContext;
    expect(evaluateFormula(ast('MAX({GDP_PC}, COUNTIES) / MIN({GDP_PC}, COUNTIES)'), ctx).value).toBeCloseTo(1.89, 2);
    expect(evaluateFormula(ast('SUM({GDP_PC}, UNITS(miyi, yanbian))'), ctx).value).toBe(124000);
    expect(evaluateFormula(ast('avg({GDP_PC}, group(south))'), ctx).value).toBe(62000);
  });

  it('LAST_YEAR and GROWTH: GDP 1303.8亿元 in 2023, +6.5%', () => {
    const values = { 'GDP|city|2023': 1303.8, 'GDP|city|2022': 1303.8 / 1.065 };
    expect(evaluateFormula(ast('GROWTH({GDP})'), context(values)).value).toBeCloseTo(6.5, 10);
    expect(evaluateFormula(ast('LAST_YEAR({GDP})'), context(values)).value).toBeCloseTo(1224.2, 1);
    const q1 = evaluateFormula(
      ast('growth({GDP})'),
      context({ 'GDP|city|2024-Q1': 330, 'GDP|city|2023-Q1': 300 }, 'city', '2024-Q1'),
    );
    expect(q1.value).toBeCloseTo(10, 10);
  });

  it('YTD sums the months from January to the period', () => {
    const values = { 'INVEST|city|2024-01': 20, 'INVEST|city|2024-02': 25, 'INVEST|city|2024-03': 44.6 };
    const result = evaluateFormula(ast('YTD({INVEST})'), context(values, 'city', '2024-Q1'));
    expect(result.value).toBeCloseTo(89.6, 10);
    expect(result.inputs.map((i) => i.period)).toEqual(['2024-01', '2024-02', '2024-03']);
    const gap = evaluateFormula(ast('YTD({INVEST})'), context(values, 'city', '2024-04'));
    expect(gap).toMatchObject({ value: null, reason: 'missingInput' });
    expect(gap.inputs.at(-1)).toEqual({ code: 'INVEST', orgUnitId: 'city', period: '2024-04', value: null });
  });

  it('null propagates with the reason, and every input is still listed', () => {
    const result = evaluateFormula(ast('{A} / {B} + 1'), context({ 'B|city|2023': 4 }));
    expect(result).toEqual({
      value: null,
      reason: 'missingInput',
      missingMembers: [],
      inputs: [
        { code: 'A', orgUnitId: 'city', period: '2023', value: null },
        { code: 'B', orgUnitId: 'city', period: '2023', value: 4 },
      ],
    });
  });

  it('division by zero gives null', () => {
    expect(evaluateFormula(ast('{A} / ({B} - {B})'), context({ 'A|city|2023': 1, 'B|city|2023': 4 }))).toMatchObject({
      value: null,
      reason: 'divisionByZero',
    });
    expect(evaluateFormula(ast('GROWTH({A})'), context({ 'A|city|2023': 1, 'A|city|2022': 0 }))).toMatchObject({
      value: null,
      reason: 'divisionByZero',
    });
    // The first problem met, left to right, is the reason.
    expect(evaluateFormula(ast('{A} / 0 + {B}'), context({ 'A|city|2023': 1 })).reason).toBe('divisionByZero');
  });

  it('arithmetic: negation, precedence, zero and negative values', () => {
    const values = { 'A|city|2023': -3, 'B|city|2023': 0 };
    expect(evaluateFormula(ast('-{A} * 2 + {B} - (1 - 4) / 3'), context(values)).value).toBe(7);
    expect(evaluateFormula(ast('{B} / {A}'), context(values)).value).toBe(-0);
  });

  it('refuses a tree that check would have refused', () => {
    const bad: FormulaNode = {
      kind: 'call',
      name: 'FOO',
      nameSpan: { start: 0, end: 3 },
      args: [{ kind: 'reference', code: 'A', span: { start: 4, end: 7 } }],
      span: { start: 0, end: 8 },
    };
    expect(() => evaluateFormula(bad, context({}))).toThrow(FormulaEvaluationError);
  });
});
