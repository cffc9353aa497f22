import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from './id-number.ts';
import { columnLetter, readSurvey, SURVEY_COLUMNS, type SurveyKey } from './survey.ts';

const id = (birth: string, seq: string) => {
  const first = `510411${birth.replaceAll('-', '')}${seq}`;
  return first + idCheckCharacter(first);
};

/** A row of the template from the cells that matter. */
function row(v: Partial<Record<SurveyKey, string>>): string[] {
  return SURVEY_COLUMNS.map((c) => v[c.key] ?? '');
}

const VILLAGES: Record<string, { id: string; writable: boolean }> = {
  '510403100201': { id: 'xinzhuang', writable: true },
  '510403100202': { id: 'jinqiao', writable: false },
};
const read = (rows: string[][]) => readSurvey(rows, { firstRow: 2, today: '2026-12-02', village: (c) => VILLAGES[c] });

const head = {
  householdKey: 'H1',
  villageCode: '510403100201',
  address: '3组',
  name: '张大山',
  idNumber: id('1980-03-01', '011'),
  relation: '户主',
  employed: '是',
  employedSince: '2020-05-01',
  incomeYear: '2025',
  incomeTotal: '36,000',
  incomeSource: '收入摸底调查',
  recordedOn: '2026-11-20',
};

describe('reading the income survey', () => {
  it('groups members into households with the income of the head’s row, sex and birth date from the ID', () => {
    const r = read([
      row(head),
      row({ householdKey: 'H1', name: '王秀英', idNumber: id('1982-07-09', '022'), relation: '配偶' }),
      row({}),
      row({
        householdKey: 'H2',
        villageCode: '510403100201',
        name: '李四',
        idNumber: id('1970-01-01', '031'),
        relation: '户主',
        incomeYear: '2025',
        bracketLow: '20000',
        bracketHigh: '30000',
        recordedOn: '2026-11-20',
      }),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(3);
    expect(r.households).toHaveLength(2);
    const [h1, h2] = r.households;
    expect(h1).toMatchObject({ key: 'H1', villageId: 'xinzhuang', row: 2, income: { kind: 'exact', total: 36_000 } });
    expect(h1?.members.map((m) => [m.relation, m.sex, m.birthDate])).toEqual([
      ['head', 'male', '1980-03-01'],
      ['spouse', 'female', '1982-07-09'],
    ]);
    expect(h1?.members[0]).toMatchObject({ employed: true, employedSince: '2020-05-01' });
    expect(h2?.income).toMatchObject({ kind: 'bracket', bracketLow: 20_000, bracketHigh: 30_000, source: 'survey' });
  });

  it('names every bad cell by row and column, in both languages', () => {
    const bad = id('1980-03-01', '011').slice(0, 17) + (id('1980-03-01', '011').endsWith('1') ? '2' : '1');
    const r = read([
      row({ ...head, idNumber: bad, incomeTotal: '三万' }),
      row({
        householdKey: 'H1',
        name: '王秀英',
        idNumber: id('1982-07-09', '022'),
        relation: '老伴',
        inSchool: '可能',
      }),
      row({ householdKey: 'H1', name: '王秀英', idNumber: id('1982-07-09', '022'), relation: '子女' }),
      row({ ...head, householdKey: 'H3', villageCode: '510403100299', idNumber: id('1990-01-01', '051') }),
      row({ ...head, householdKey: 'H4', villageCode: '510403100202', idNumber: id('1990-01-01', '071') }),
      row({
        ...head,
        householdKey: 'H5',
        idNumber: id('1990-01-01', '091'),
        incomeTotal: '',
        bracketLow: '15000',
      }),
    ]);
    const where = r.problems.map((p) => `${p.row}${p.column}`);
    const col = (k: SurveyKey) => columnLetter(SURVEY_COLUMNS.findIndex((c) => c.key === k));
    expect(where).toEqual(
      expect.arrayContaining([
        `2${col('idNumber')}`,
        `2${col('incomeTotal')}`,
        `3${col('relation')}`,
        `3${col('inSchool')}`,
        `4${col('idNumber')}`,
        `5${col('villageCode')}`,
        `6${col('villageCode')}`,
        `7${col('bracketLow')}`,
      ]),
    );
    const msg = (r0: number, k: SurveyKey) => r.problems.find((p) => p.row === r0 && p.column === col(k))?.message;
    expect(msg(2, 'idNumber')?.zh).toMatch(/校验/);
    expect(msg(2, 'incomeTotal')).toEqual({ zh: '“三万”不是数字', en: '“三万” is not a number' });
    expect(msg(4, 'idNumber')?.en).toMatch(/same ID number as row 3/);
    expect(msg(5, 'villageCode')?.zh).toMatch(/未知/);
    expect(msg(6, 'villageCode')?.en).toMatch(/outside your entry scope/);
    expect(msg(7, 'bracketLow')?.zh).toMatch(/1万元的整数倍/);
    expect(r.problemCount).toBe(r.problems.length);
  });

  it('refuses a household without a head, two heads, and a second income row', () => {
    const r = read([
      row({
        householdKey: 'H9',
        villageCode: '510403100201',
        name: '甲',
        idNumber: id('1980-01-01', '011'),
        relation: '子女',
      }),
      row({ ...head, householdKey: 'H1' }),
      row({ ...head, householdKey: 'H1', name: '乙', idNumber: id('1981-01-01', '011'), villageCode: '' }),
    ]);
    const texts = r.problems.map((p) => `${p.row}:${p.message.en}`);
    expect(texts).toEqual(
      expect.arrayContaining([
        '2:household H9 has no head',
        '4:the household already has a head (row 3)',
        "4:the household's income is already on row 3; one row per household",
      ]),
    );
  });
});
