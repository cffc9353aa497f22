import { describe, expect, it } from 'vitest';
import { crossCheckId, idCheckCharacter, idTail, parseIdNumber, type IdNumberFacts } from './id-number.ts';

const TODAY = '2026-12-02';

function facts(id: string): IdNumberFacts {
  const r = parseIdNumber(id, TODAY);
  if (!r.ok) throw new Error(r.message.en);
  return r;
}

describe('GB 11643 ID numbers', () => {
  it('computes the MOD 11-2 check character, X included', () => {
    expect(idCheckCharacter('51040219900101123')).toBe('4');
    expect(idCheckCharacter('51040219850315002')).toBe('9');
    expect(idCheckCharacter('11010519491231002')).toBe('X');
  });

  it('reads region, birth date and sex from a valid number', () => {
    expect(parseIdNumber('510402199001011234', TODAY)).toMatchObject({
      ok: true,
      normalised: '510402199001011234',
      regionCode: '510402',
      province: { zh: '四川省' },
      birthDate: '1990-01-01',
      sex: 'male',
    });
    expect(facts('510402198503150029').sex).toBe('female');
  });

  it('accepts a lower-case x, full-width digits and spaces, normalised to the stored form', () => {
    expect(facts('11010519491231002x').normalised).toBe('11010519491231002X');
    expect(facts(' ５１０４０２ 199001011234 ').normalised).toBe('510402199001011234');
  });

  it('refuses each kind of bad number with its own reason', () => {
    const problem = (id: string) => {
      const r = parseIdNumber(id, TODAY);
      return r.ok ? 'ok' : r.problem;
    };
    expect(problem('51040219900101123')).toBe('format');
    expect(problem('5104021990010112345')).toBe('format');
    expect(problem('51040219900101123A')).toBe('format');
    expect(problem('990402199001011234')).toBe('province');
    expect(problem('510402199002301234')).toBe('birthDate'); // 30 February
    expect(problem('510402203001011234')).toBe('future');
    expect(problem('510402199001011235')).toBe('checkDigit');
    const r = parseIdNumber('510402199001011235', TODAY);
    expect(r.ok ? '' : r.message.zh).toContain('最后一位应为 4');
  });

  it('knows leap years in the birth date', () => {
    const leap = `51040220000229123`;
    expect(parseIdNumber(leap + idCheckCharacter(leap), TODAY).ok).toBe(true);
    const notLeap = `51040219000229123`;
    const r = parseIdNumber(notLeap + idCheckCharacter(notLeap), TODAY);
    expect(r.ok ? 'ok' : r.problem).toBe('birthDate');
  });

  it('cross-checks the recorded birth date and sex, and notes a region outside the city', () => {
    const f = facts('510402199001011234');
    expect(crossCheckId(f, { birthDate: '1990-01-01', sex: 'male' }, '5104')).toEqual({ errors: [], notes: [] });
    const bad = crossCheckId(f, { birthDate: '1990-01-02', sex: 'female' }, '5104');
    expect(bad.errors.map((e) => e.field)).toEqual(['birthDate', 'sex']);
    expect(bad.errors[0]?.message.zh).toBe('出生日期 1990-01-02 与身份证号码中的 1990-01-01 不一致');
    const outside = crossCheckId(facts('11010519491231002X'), {}, '5104');
    expect(outside.errors).toEqual([]);
    expect(outside.notes[0]?.zh).toContain('北京市');
  });

  it('keeps the last four characters for the tail search', () => {
    expect(idTail('11010519491231002X')).toBe('002X');
  });
});
