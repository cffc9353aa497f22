import { describe, expect, it } from 'vitest';
import { check } from './check.ts';

const CODES = new Set(['URBAN_INCOME', 'RURAL_INCOME', 'GDP_PC', 'GDP', 'D1-01']);

describe('check', () => {
  it('accepts the seeds’ computed indicators and lists their references', () => {
    expect(check('{URBAN_INCOME} / {RURAL_INCOME}', CODES)).toMatchObject({
      ok: true,
      references: ['URBAN_INCOME', 'RURAL_INCOME'],
    });
    expect(check('max_children({GDP_PC}) / Min_Children({GDP_PC})', CODES)).toMatchObject({
      ok: true,
      references: ['GDP_PC'],
    });
    expect(check('GROWTH({GDP}) - LAST_YEAR({D1-01}) + YTD({GDP}) * 2', CODES)).toMatchObject({
      ok: true,
      references: ['GDP', 'D1-01'],
    });
  });

  it('a function argument must be an indicator reference', () => {
    const result = check('MAX_CHILDREN(1+2)', CODES);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          code: 'argumentNotReference',
          message: {
            zh: 'MAX_CHILDREN 的参数必须是指标引用，如 {D1-01}；第 14 列是一个表达式',
            en: 'MAX_CHILDREN expects an indicator reference like {D1-01}, got an expression at column 14',
          },
          position: { start: 13, end: 16 },
        },
      ],
    });
    expect(check('YTD(3)', CODES)).toMatchObject({
      ok: false,
      errors: [{ message: { en: 'YTD expects an indicator reference like {D1-01}, got a number at column 5' } }],
    });
    const nested = check('LAST_YEAR(GROWTH({GDP}))', CODES);
    expect(nested.ok ? [] : nested.errors.map((e) => e.message.en)).toEqual([
      'LAST_YEAR expects an indicator reference like {D1-01}, got a function call at column 11',
    ]);
  });

  it('lists every semantic problem in text order', () => {
    const result = check('{GDP} + foo({B}) * LAST_YEAR({gdp}, {GDP}) + SUM_CHILDREN()', CODES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code)).toEqual([
      'unknownFunction',
      'unknownReference',
      'wrongArity',
      'unknownReference',
      'wrongArity',
    ]);
    expect(result.errors[0]?.message.en).toContain('Unknown function FOO at column 9');
    expect(result.errors[3]?.message.en).toBe('Unknown indicator {gdp} at column 30; did you mean {GDP}?');
    expect(result.errors[4]?.message.en).toContain('SUM_CHILDREN at column 46 takes exactly one argument');
  });

  it('reports the syntax error and stops', () => {
    expect(check('{GDP} +', CODES)).toMatchObject({ ok: false, errors: [{ code: 'unexpectedEnd' }] });
  });
});

describe('set aggregates', () => {
  const codes = new Set(['GDP_PC']);
  it('accepts a set and a coverage rule', () => {
    for (const f of [
      'MAX({GDP_PC}, COUNTIES) / MIN({GDP_PC}, COUNTIES)',
      'SUM({GDP_PC}, districts, ANY)',
      'AVG({GDP_PC}, UNITS(xiqu, dongqu), 2)',
      'MAX({GDP_PC}, GROUP(south), ALL)',
    ])
      expect(check(f, codes).ok, f).toBe(true);
  });
  it('names what is wrong, where, in both languages', () => {
    const r = (f: string) => {
      const out = check(f, codes);
      return out.ok ? [] : out.errors.map((e) => [e.code, e.position.start]);
    };
    expect(r('MAX({GDP_PC})')).toEqual([['wrongArity', 0]]);
    expect(r('MAX({GDP_PC}, PROVINCE)')).toEqual([['invalidSet', 14]]);
    expect(r('MAX({GDP_PC}, COUNTIES, MOST)')).toEqual([['invalidCoverage', 24]]);
    expect(r('MAX({GDP_PC}, COUNTIES, 1.5)')).toEqual([['invalidCoverage', 24]]);
    expect(r('MAX(1, COUNTIES)')).toEqual([['argumentNotReference', 4]]);
    expect(r('GROWTH(COUNTIES)')).toEqual([['argumentNotReference', 7]]);
    const bad = check('MAX({GDP_PC}, PROVINCE)', codes);
    expect(bad.ok ? '' : bad.errors[0]?.message.zh).toContain('COUNTIES');
  });
});
