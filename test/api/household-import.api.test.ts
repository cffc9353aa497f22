/**
 * The survey template, import and exports over HTTP, on each dialect: who may call them, the multipart upload of a
 * CSV (200 with the finished job when small), the job's progress route, the refusal of a bad file with its cells,
 * the masked export that needs a reason and is audited, and the statistics export suppressed for a leader.
 */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../src/domain/households/id-number.ts';
import { SURVEY_COLUMNS, type SurveyKey } from '../../src/domain/households/survey.ts';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { makeUser } from '../security/helpers.ts';

const id = (birth: string, seq: string) => {
  const first = `510411${birth.replaceAll('-', '')}${seq}`;
  return first + idCheckCharacter(first);
};
const row = (v: Partial<Record<SurveyKey, string>>) => SURVEY_COLUMNS.map((c) => v[c.key] ?? '').join(',');
const header = SURVEY_COLUMNS.map((c) => c.zh).join(',');

async function workbook(res: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

describe.each(testDialects())('survey import and exports over HTTP on %s', (dialect) => {
  let t: TestApp;
  let cadre: Client;
  let civil: Client;

  const upload = (c: Client, body: Buffer, filename = 'survey.csv') => {
    const boundary = '----gongfu-survey-boundary';
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/households/imports',
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        body,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-02T02:00:00Z' });
    cadre = await t.as(
      (await makeUser(t, { role: 'villageCadre', entryScope: ['xiqu-geliping-xinzhuang'], viewScope: ['xiqu'] }))
        .username,
    );
    civil = await t.as(
      (await makeUser(t, { role: 'civilAffairsOfficer', entryScope: ['xiqu'], viewScope: ['xiqu'] })).username,
    );
  });
  afterAll(async () => t.close());

  it('gives the template to the cadres, with the village codes of their scope', async () => {
    const res = await cadre.get('/api/v1/households/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('income-survey-template.xlsx');
    const wb = await workbook(res);
    expect(wb.getWorksheet('收入摸底')?.getRow(1).getCell(5).value).toBe('身份证号');
    expect(wb.getWorksheet('村（社区）代码')?.getColumn(1).values.slice(2)).toEqual(['510403100201']);
    expect((await civil.get('/api/v1/households/import-template.xlsx')).statusCode).toBe(403);
    expect((await (await t.as('leader')).get('/api/v1/households/import-template.xlsx')).statusCode).toBe(403);
  });

  it('imports a small CSV before answering; a bad one is refused with its cells; the job is the owner’s', async () => {
    const good = [
      header,
      row({
        householdKey: 'A',
        villageCode: '510403100201',
        name: '陶上传',
        idNumber: id('1983-04-05', '211'),
        relation: '户主',
        employed: '是',
        incomeYear: '2025',
        incomeTotal: '42000',
        recordedOn: '2026-11-20',
      }),
    ].join('\n');
    const res = await upload(cadre, Buffer.from(good));
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json<{ id: string; status: string; households: number }>();
    expect(job).toMatchObject({ status: 'done', households: 1, fileName: 'survey.csv' });
    const progress = await cadre.get(`/api/v1/households/imports/${job.id}`);
    expect(progress.json()).toMatchObject({ id: job.id, status: 'done', rowsTotal: 1 });
    expect((await cadre.get('/api/v1/households/imports')).json()).toMatchObject([{ id: job.id }]);
    // Another account does not see it; a finished job cannot be cancelled.
    const other = await t.as(
      (await makeUser(t, { role: 'villageCadre', entryScope: ['xiqu-geliping-xinzhuang'], viewScope: ['xiqu'] }))
        .username,
    );
    expect((await other.get(`/api/v1/households/imports/${job.id}`)).statusCode).toBe(404);
    expect((await cadre.post(`/api/v1/households/imports/${job.id}/cancel`)).statusCode).toBe(409);

    const bad = Buffer.from([header, row({ householdKey: 'B', villageCode: '510403100202', name: '越界' })].join('\n'));
    const refused = await upload(cadre, bad);
    expect(refused.statusCode).toBe(200);
    const r = refused.json<{ status: string; problems: { row: number; column: string; message: string }[] }>();
    expect(r.status).toBe('failed');
    expect(r.problems.map((p) => `${p.row}${p.column}`)).toEqual(expect.arrayContaining(['2B', '2E', '2F']));
    // Neither CSV nor a workbook.
    const binary = await upload(cadre, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]), 'x.bin');
    expect(binary.statusCode).toBe(400);
    expect((await upload(civil, Buffer.from(good))).statusCode).toBe(403);
  });

  it('exports the households masked, with a reason, audited; the statistics suppressed for a leader', async () => {
    expect((await cadre.get('/api/v1/households/export.xlsx')).statusCode).toBe(400);
    const res = await cadre.get(`/api/v1/households/export.xlsx?reason=${encodeURIComponent('入户走访名单')}`);
    expect(res.statusCode).toBe(200);
    const sheet = (await workbook(res)).getWorksheet('家庭名单') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(5).value).toBe('户主（已脱敏）');
    const heads = sheet.getColumn(5).values.slice(2) as string[];
    expect(heads.length).toBeGreaterThan(40);
    expect(heads).not.toContain('陶上传');
    expect(heads).toContain('陶*传');
    const audit = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'household.export')
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail ?? '{}') as { reason: string })).toMatchObject([
      { reason: '入户走访名单' },
    ]);
    expect((await (await t.as('leader')).get('/api/v1/households/export.xlsx?reason=x')).statusCode).toBe(403);

    const stats = await (await t.as('leader')).get('/api/v1/household-statistics/export.xlsx?unitId=xiqu');
    expect(stats.statusCode).toBe(200);
    const s = (await workbook(stats)).getWorksheet('家庭收入统计') as ExcelJS.Worksheet;
    expect(s.getRow(2).getCell(1).value).toBe('西区');
    const notes = (await workbook(stats)).getWorksheet('说明')?.getColumn(1).values ?? [];
    expect(notes.filter((x) => typeof x === 'string').join(' ')).toMatch(/<5/);
  });
});
