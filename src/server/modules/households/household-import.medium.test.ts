/**
 * Medium tests of the survey import on each dialect: a CSV and an XLSX (filled from the downloaded template)
 * imported whole — sealed personal fields, codes after the village's last, history, the flagged household's case, the
 * change signal; a file with bad cells refused whole with every cell named by row and column and nothing stored; a
 * person already registered refused naming the household; a cancelled job and a killed one leaving nothing written.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../../domain/households/id-number.ts';
import { SURVEY_COLUMNS, type SurveyKey } from '../../../domain/households/survey.ts';
import type { Actor } from '../../access/policy.ts';
import type { CaseTables } from '../../db/case-tables.ts';
import type { HouseholdTables } from '../../db/household-tables.ts';
import type { ImportJobTables } from '../../db/import-job-tables.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { testDialects } from '../../../../test/databases.ts';
import { HouseholdImportService } from './household.import.ts';
import { HOUSEHOLD_MEMBER_PERSONAL, PersonalData } from '../../security/personal-data.ts';

const XINZHUANG_CODE = '510403100201';
const JINQIAO_CODE = '510403100202';

const id = (birth: string, seq: string) => {
  const first = `510411${birth.replaceAll('-', '')}${seq}`;
  return first + idCheckCharacter(first);
};

function line(v: Partial<Record<SurveyKey, string>>): string {
  return SURVEY_COLUMNS.map((c) => {
    const x = v[c.key] ?? '';
    return /[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x;
  }).join(',');
}
const header = SURVEY_COLUMNS.map((c) => c.zh).join(',');

const cadre: Actor = {
  userId: 'u-import',
  username: 'importer',
  displayName: '导入员',
  role: 'townshipOfficer',
  entryScope: ['xiqu-geliping'],
  viewScope: ['xiqu-geliping'],
  workTeamId: null,
  sessionId: 't',
  ip: '127.0.0.1',
};

const head = (key: string, code: string, name: string, idNumber: string, income: Partial<Record<SurveyKey, string>>) =>
  line({
    householdKey: key,
    villageCode: code,
    address: '2组',
    name,
    idNumber,
    relation: '户主',
    employed: '是',
    employedSince: '2019-03-01',
    incomeYear: '2025',
    incomeSource: '收入摸底调查',
    recordedOn: '2026-11-20',
    ...income,
  });

describe.each(testDialects())('the survey import on %s', (dialect) => {
  let t: TestApp;
  const k = () => t.ctx.db.kysely.withTables<HouseholdTables & CaseTables & ImportJobTables>();
  const householdCount = async () =>
    Number(
      (
        await k()
          .selectFrom('households')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-02T02:00:00Z' });
  });
  afterAll(async () => t.close());

  it('imports a CSV whole: sealed, coded after the village’s last, with history, a case for the flagged household', async () => {
    let changed = 0;
    const off = t.ctx.events.on('households.changed', () => changed++);
    const csv = [
      header,
      head('A', XINZHUANG_CODE, '孙大海', id('1978-02-03', '011'), { incomeTotal: '54,000' }),
      line({
        householdKey: 'A',
        name: '周小红',
        idNumber: id('1980-05-06', '022'),
        relation: '配偶',
        phone: '13912345678',
      }),
      line({ householdKey: 'A', name: '孙小海', idNumber: id('2014-09-01', '031'), relation: '子女', inSchool: '是' }),
      head('B', JINQIAO_CODE, '吴老汉', id('1960-01-01', '051'), {
        incomeTotal: '',
        bracketLow: '20000',
        bracketHigh: '30000',
      }),
      head('C', XINZHUANG_CODE, '郑困难', id('1975-07-07', '071'), {
        incomeTotal: '6000',
        employed: '否',
        employedSince: '',
      }),
      '',
    ].join('\r\n');
    const before = await householdCount();
    const job = await t.ctx.householdImports.start(cadre, {
      format: 'csv',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]),
      fileName: '格里坪镇摸底.csv',
    });
    expect(job, JSON.stringify(job.problems)).toMatchObject({
      status: 'done',
      households: 3,
      members: 5,
      problemCount: 0,
    });
    expect(await householdCount()).toBe(before + 3);
    expect(changed).toBe(1);
    off();
    const rows = await k()
      .selectFrom('households')
      .selectAll()
      .where('created_by', '=', cadre.userId)
      .orderBy('code')
      .execute();
    expect(rows.map((r) => r.code)).toEqual([
      expect.stringMatching(/^510403100201-00(4[1-9]|[5-9]\d)$/),
      expect.stringMatching(/^510403100201-00(4[1-9]|[5-9]\d)$/),
      expect.stringMatching(/^510403100202-00(4[1-9]|[5-9]\d)$/),
    ]);
    const a = rows.find((r) => r.size === 3);
    expect(a).toMatchObject({ income_low: 54_000, income_exact: 1, flag_below10k: 0 });
    expect(rows.find((r) => r.village_id === 'xiqu-geliping-jinqiao')).toMatchObject({
      income_low: 20_000,
      income_high: 30_000,
      income_exact: 0,
    });
    const members = await k()
      .selectFrom('household_members')
      .selectAll()
      .where('household_id', '=', a?.id ?? '')
      .execute();
    const stored = JSON.stringify(members);
    expect(stored).not.toContain('孙大海');
    expect(stored).not.toContain(id('1978-02-03', '011'));
    expect(stored).not.toContain('13912345678');
    const personal = new PersonalData(() => t.ctx.fieldCrypto());
    expect(members.map((m) => personal.open(HOUSEHOLD_MEMBER_PERSONAL, 'name', m.name)).sort()).toEqual(
      ['孙大海', '孙小海', '周小红'].sort(),
    );
    // The registry reads them back like any other household (search by the blind index of the full name).
    const found = await t.ctx.households.search(cadre, { name: '孙大海', page: 1, pageSize: 20 });
    expect(found.total).toBe(1);
    const history = await k()
      .selectFrom('household_history')
      .selectAll()
      .where('household_id', '=', a?.id ?? '')
      .execute();
    expect(history).toMatchObject([{ action: 'import', reason: '收入摸底导入：格里坪镇摸底.csv' }]);
    const poor = rows.find((r) => r.income_low === 6000);
    expect(poor).toMatchObject({ flag_below10k: 2, flag_zero_employment: 2 });
    const cases = await k()
      .selectFrom('household_cases')
      .select(['kind', 'source'])
      .where('household_id', '=', poor?.id ?? '')
      .execute();
    expect(cases.map((c) => c.kind).sort()).toEqual(['below10k', 'zeroEmployment']);
    expect(cases.every((c) => c.source === 'flag')).toBe(true);
  });

  it('refuses a file with bad cells whole, naming every one by row and column, storing nothing', async () => {
    const bad = id('1990-01-01', '091').slice(0, 17) + (id('1990-01-01', '091').endsWith('0') ? '1' : '0');
    const csv = [
      header,
      head('D', XINZHUANG_CODE, '好人', id('1985-03-03', '111'), { incomeTotal: '40000' }),
      head('E', '510403109999', '错村', id('1985-03-04', '111'), { incomeTotal: '40000' }),
      head('F', XINZHUANG_CODE, '错号', bad, { incomeTotal: '四万' }),
      head('G', XINZHUANG_CODE, '错档', id('1985-03-05', '111'), { incomeTotal: '', bracketLow: '15000' }),
    ].join('\n');
    const before = await householdCount();
    const job = await t.ctx.householdImports.start(cadre, {
      format: 'csv',
      bytes: Buffer.from(csv),
      fileName: 'bad.csv',
    });
    expect(job.status).toBe('failed');
    expect(await householdCount()).toBe(before);
    const where = job.problems.map((p) => `${p.row}${p.column}`);
    expect(where).toEqual(expect.arrayContaining(['3B', '4E', '4R', '5W']));
    const e4 = job.problems.find((p) => p.row === 4 && p.column === 'E');
    expect(e4?.field).toBe('身份证号');
    expect(e4?.text.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(e4?.text.en).toMatch(/^[A-Za-z0-9]/);
    expect(job.message?.zh).toMatch(/未导入任何数据/);
    expect(job.problemCount).toBe(job.problems.length);
  });

  it('refuses a person already registered, naming the household, and a village outside the importer’s scope', async () => {
    const existing = await k()
      .selectFrom('households')
      .select(['code'])
      .where('created_by', '=', cadre.userId)
      .where('size', '=', 3)
      .executeTakeFirstOrThrow();
    const csv = [
      header,
      head('H', XINZHUANG_CODE, '孙大海', id('1978-02-03', '011'), { incomeTotal: '30000' }),
      head('I', '510403001001', '外人', id('1988-08-08', '111'), { incomeTotal: '30000' }),
    ].join('\n');
    const job = await t.ctx.householdImports.start(cadre, {
      format: 'csv',
      bytes: Buffer.from(csv),
      fileName: 'dup.csv',
    });
    expect(job.status).toBe('failed');
    // The scope problem is a cell problem (found first); fix it and the duplicate is named.
    expect(job.problems.map((p) => p.message).join(' ')).toMatch(/不在您的填报范围内/);
    const again = await t.ctx.householdImports.start(cadre, {
      format: 'csv',
      bytes: Buffer.from(
        [header, head('H', XINZHUANG_CODE, '孙大海', id('1978-02-03', '011'), { incomeTotal: '30000' })].join('\n'),
      ),
      fileName: 'dup.csv',
    });
    expect(again.status).toBe('failed');
    expect(again.problems[0]).toMatchObject({ row: 2, column: 'E' });
    expect(again.problems[0]?.message).toContain(existing.code);
  });

  it('imports the downloaded template filled in Excel', async () => {
    const template = await t.ctx.householdImports.template(cadre);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('收入摸底') as ExcelJS.Worksheet;
    expect(wb.getWorksheet('村（社区）代码')?.getColumn(1).values).toContain(XINZHUANG_CODE);
    const cols = (v: Partial<Record<SurveyKey, string | number | Date>>) => SURVEY_COLUMNS.map((c) => v[c.key] ?? null);
    // The example row (示例, to delete) is replaced by the household's head.
    ws.getRow(2).values = cols({
      householdKey: 'X1',
      villageCode: XINZHUANG_CODE,
      name: '冯表格',
      idNumber: id('1970-10-10', '131'),
      relation: '户主',
      employed: '是',
      incomeYear: 2025,
      incomeTotal: 48_000,
      incomeSource: '入户核查',
      recordedOn: new Date('2026-11-25T00:00:00Z'),
    });
    ws.addRow(cols({ householdKey: 'X1', name: '冯二', idNumber: id('1972-02-02', '142'), relation: '配偶' }));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await t.ctx.householdImports.start(cadre, { format: 'xlsx', bytes, fileName: 'filled.xlsx' });
    expect(job, JSON.stringify(job.problems)).toMatchObject({ status: 'done', households: 1, members: 2 });
    const income = await k()
      .selectFrom('household_incomes')
      .select(['source', 'recorded_on', 'total'])
      .where('source_detail', '=', 'filled.xlsx')
      .executeTakeFirstOrThrow();
    expect(income).toEqual({ source: 'verification', recorded_on: '2026-11-25', total: 48_000 });
  });

  it('writes nothing when cancelled during the write, and marks a job a stopped server left running as failed', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let reached: () => void = () => {};
    const atWrite = new Promise<void>((r) => (reached = r));
    const slow = new HouseholdImportService({
      db: t.ctx.db,
      org: () => t.ctx.org(),
      clock: t.clock,
      personal: new PersonalData(() => t.ctx.fieldCrypto()),
      fieldCrypto: () => t.ctx.fieldCrypto(),
      auditor: t.ctx.auditor,
      events: t.ctx.events,
      flagged: async () => {
        reached();
        await gate;
        return 0;
      },
    });
    const before = await householdCount();
    const csv = [header, head('Z', XINZHUANG_CODE, '取消', id('1966-06-06', '151'), { incomeTotal: '33000' })].join(
      '\n',
    );
    const started = slow.start(
      cadre,
      { format: 'csv', bytes: Buffer.from(csv), fileName: 'cancel.csv' },
      { inline: false },
    );
    const job = await started;
    await atWrite;
    // The households' rows are written in the open transaction: cancelling now rolls them back.
    const cancelling = slow.cancel(cadre, job.id);
    release();
    expect(await cancelling).toMatchObject({ status: 'cancelled', message: { zh: '导入已取消，未写入任何数据' } });
    expect(await householdCount()).toBe(before);

    await k()
      .insertInto('household_import_jobs')
      .values({
        id: 'killed',
        status: 'running',
        format: 'csv',
        file_name: 'big.csv',
        bytes: 1,
        phase: 'writing',
        rows_read: 10,
        rows_total: 10,
        households: 0,
        members: 0,
        problems: null,
        message: null,
        created_by: cadre.userId,
        created_at: '2026-12-02T01:00:00.000Z',
        updated_at: '2026-12-02T01:00:00.000Z',
        finished_at: null,
      })
      .execute();
    expect(await slow.recover()).toBe(1);
    expect(await slow.job(cadre, 'killed')).toMatchObject({
      status: 'failed',
      message: { en: expect.stringMatching(/nothing was written/) },
    });
  });
});
