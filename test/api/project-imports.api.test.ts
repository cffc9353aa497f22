/**
 * The ledger's Excel imports over HTTP (issue 9), on each dialect, with the default data and the clock at 2025-06-15
 * (May's return is due): the monthly return template of 西区 (its projects, last month's figures), its import as
 * drafts through the same rules as the page (all or nothing, every bad cell by row and column, stale rows 409, other
 * districts' projects refused), and the project import template with its lists and its import.
 */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Issue {
  sheet?: string;
  row?: number;
  column?: string;
  field: string;
  message: string;
  text: { zh: string; en: string };
}
interface ErrorBody {
  error: { code: string; message: string; messageEn: string; details: Issue[] };
}
interface ReturnImport {
  month: string;
  imported: number;
  created: number;
  updated: number;
  skipped: number;
  returns: { id: string; projectId: string; code: string; version: number }[];
  warnings: Issue[];
}
interface Row {
  id: string;
  code: string;
  name: string;
  districtId: string;
  stage: string;
  actualStart: string | null;
}

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const failure = (res: LightMyRequestResponse) => res.json<ErrorBody>().error;

/** Return template columns by letter (A 项目代码 … L 版本). */
const R = {
  code: 1,
  name: 2,
  prevYtd: 3,
  thisMonth: 6,
  ytd: 7,
  sinceStart: 8,
  text: 9,
  percent: 10,
  workers: 11,
  version: 12,
};

describe.each(testDialects())('the ledger’s Excel imports on %s', (dialect) => {
  let t: TestApp;
  let xiqu: Client;
  let gfb: Client;
  let shenhe: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2025-06-15T02:00:00Z' });
    xiqu = await t.as('xiqu');
    gfb = await t.as('gfb');
    shenhe = await t.as('shenhe');
  });
  afterAll(async () => t.close());

  const upload = (c: Client, url: string, body: Buffer, filename = '模板.xlsx') => {
    const boundary = '----gongfu-project-boundary';
    return t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${XLSX}\r\n\r\n`,
        ),
        body,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
  };
  const importReturns = (c: Client, body: Buffer) => upload(c, '/api/v1/projects/returns/import', body);
  const importProjects = (c: Client, body: Buffer) => upload(c, '/api/v1/projects/import', body);

  const ledger = async (query: string): Promise<Row[]> => {
    const res = await gfb.get(`/api/v1/projects?pageSize=500&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ rows: Row[] }>().rows;
  };
  const returnsOf = async (id: string) =>
    (await gfb.get(`/api/v1/projects/${id}`)).json<{
      returns: {
        id: string;
        month: string;
        thisMonth: number;
        ytd: number;
        sinceStart: number;
        status: string;
        version: number;
        warnings: unknown[];
      }[];
    }>().returns;

  const template = async (month = '2025-05') => {
    const res = await xiqu.get(`/api/v1/projects/returns/template.xlsx?districtId=xiqu&month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="project-returns_xiqu_2025-05\.xlsx"; filename\*=UTF-8''/,
    );
    return load(res.rawPayload);
  };
  const dataRows = (ws: ExcelJS.Worksheet) => {
    const out: ExcelJS.Row[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) out.push(row);
    });
    return out;
  };
  const fill = (row: ExcelJS.Row, thisMonth: unknown, more: { ytd?: unknown; since?: unknown } = {}) => {
    row.getCell(R.thisMonth).value = thisMonth as ExcelJS.CellValue;
    if ('ytd' in more) row.getCell(R.ytd).value = more.ytd as ExcelJS.CellValue;
    if ('since' in more) row.getCell(R.sinceStart).value = more.since as ExcelJS.CellValue;
    row.getCell(R.text).value = '主体工程施工';
    row.getCell(R.percent).value = 40;
    row.getCell(R.workers).value = 85;
  };

  it('offers 西区’s projects for May with April’s figures, to 西区’s reporter only', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('月度调度')!;
    expect(ws.getRow(1).getCell(R.code).value).toBe('项目代码');
    expect(ws.getRow(1).getCell(R.thisMonth).value).toBe('本月完成投资（万元）');
    const rows = dataRows(ws);
    const xiquProjects = (await ledger('districtId=xiqu')).filter(
      (p) =>
        p.actualStart !== null &&
        p.actualStart.slice(0, 7) <= '2025-05' &&
        ['newlyStarted', 'underConstruction'].includes(p.stage),
    );
    expect(rows.length).toBeGreaterThan(0);
    const codes = rows.map((r) => r.getCell(R.code).text);
    // Every code is one of 西区's; none of another district.
    const all = new Set((await ledger('districtId=xiqu')).map((p) => p.code));
    for (const c of codes) expect(all.has(c), c).toBe(true);
    expect(codes.length).toBeLessThanOrEqual(xiquProjects.length + 20);
    // April's year to date is beside the cell to fill, where April has a return.
    const withPrev = rows.filter((r) => typeof r.getCell(R.prevYtd).value === 'number');
    expect(withPrev.length).toBeGreaterThan(0);
    expect(wb.getWorksheet('_meta')?.state).toBe('veryHidden');
    // Nobody else downloads it: another role, another district, a future month.
    expect((await gfb.get('/api/v1/projects/returns/template.xlsx?districtId=xiqu')).statusCode).toBe(403);
    expect((await xiqu.get('/api/v1/projects/returns/template.xlsx?districtId=dongqu')).statusCode).toBe(403);
    expect((await xiqu.get('/api/v1/projects/returns/template.xlsx?districtId=xiqu&month=2025-07')).statusCode).toBe(
      400,
    );
  });

  it('refuses a file with bad cells whole, naming each by sheet, row and column in both languages', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('月度调度')!;
    const rows = dataRows(ws);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = rows as [ExcelJS.Row, ExcelJS.Row, ExcelJS.Row];
    fill(a, '一百'); // text in a number
    fill(b, -5); // negative
    fill(c, 120);
    const dongqu = (await ledger('districtId=dongqu')).find((p) => p.code !== '')!;
    const extra = ws.addRow([]);
    fill(extra, 10);
    extra.getCell(R.code).value = '2025-510403-32-03-999999'; // unknown code
    const other = ws.addRow([]);
    fill(other, 10);
    other.getCell(R.code).value = dongqu.code; // another district's project
    const twice = ws.addRow([]);
    fill(twice, 10);
    twice.getCell(R.code).value = c.getCell(R.code).value; // the same project twice
    const before = await Promise.all(
      rows.slice(0, 3).map(async (r) => (await ledger(`q=${r.getCell(R.code).text}`))[0]!),
    );
    const returnsBefore = await Promise.all(before.map((p) => returnsOf(p.id)));
    const res = await importReturns(xiqu, await bytes(wb));
    expect(res.statusCode, res.body).toBe(422);
    const e = failure(res);
    expect(e.code).toBe('UNPROCESSABLE');
    const at = (row: number, column: string) => e.details.find((d) => d.row === row && d.column === column);
    expect(at(a.number, 'F')?.text.zh).toContain('不是数值');
    expect(at(b.number, 'F')?.text).toEqual({ zh: '不能为负数', en: 'must not be negative' });
    expect(at(extra.number, 'A')?.text.zh).toContain('台账中没有项目代码');
    expect(at(other.number, 'A')?.text.zh).toContain('不在您的填报范围');
    expect(at(other.number, 'A')?.text.en).toContain('outside the units you report for');
    expect(at(twice.number, 'A')?.text.zh).toContain(`与第 ${c.number} 行是同一项目`);
    for (const d of e.details) expect(d.sheet).toBe('月度调度');
    // Nothing stored: the good row's project has no new return either.
    const returnsAfter = await Promise.all(before.map((p) => returnsOf(p.id)));
    expect(returnsAfter).toEqual(returnsBefore);
  });

  it('refuses a return for a month before the project started', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('月度调度')!;
    const late = (await ledger('districtId=xiqu')).find((p) => p.actualStart && p.actualStart.slice(0, 7) > '2025-05');
    const unstarted = (await ledger('districtId=xiqu&stage=preparation'))[0];
    const row = ws.addRow([]);
    fill(row, 10);
    row.getCell(R.code).value = (late ?? unstarted)!.code;
    const res = await importReturns(xiqu, await bytes(wb));
    expect(res.statusCode, res.body).toBe(422);
    const d = failure(res).details.find((x) => x.row === row.number);
    expect(d?.column).toBe('A');
    expect(d?.text.zh).toMatch(/开工前|尚未开工/);
  });

  it('imports every filled row as a draft through the page’s rules, deriving the cumulative figures', async () => {
    const wb = await template();
    const ws = wb.getWorksheet('月度调度')!;
    const rows = dataRows(ws);
    const first = rows[0]!;
    const prevYtd = Number(first.getCell(R.prevYtd).value ?? 0);
    fill(first, 250); // 本年累计 and 开工累计 left empty: April's plus May's
    const second = rows[1]!;
    fill(second, 100, { ytd: 999_999, since: 999_999 }); // above the total investment: a warning, not an error
    const res = await importReturns(xiqu, await bytes(wb));
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json<ReturnImport>();
    expect(out.month).toBe('2025-05');
    expect(out.imported).toBe(2);
    expect(out.skipped).toBe(rows.length - 2);
    const firstId = out.returns.find((r) => r.code === first.getCell(R.code).value)!.projectId;
    const may = (await returnsOf(firstId)).find((r) => r.month === '2025-05')!;
    expect(may.status).toBe('draft');
    expect(may.thisMonth).toBe(250);
    expect(may.ytd).toBeCloseTo(prevYtd + 250, 6);
    expect(out.warnings.some((w) => w.row === second.number && w.column === 'H')).toBe(true);
    expect(out.warnings[0]?.text.en).toBeTruthy();

    // A new template carries the drafts with their versions; a return saved on the page meanwhile makes the
    // file stale: 409, naming the row, nothing written.
    const again = await template();
    const ws2 = again.getWorksheet('月度调度')!;
    const row = dataRows(ws2).find((r) => r.getCell(R.code).value === first.getCell(R.code).value)!;
    expect(row.getCell(R.thisMonth).value).toBe(250);
    expect(row.getCell(R.version).value).toBe(may.version);
    const saved = await xiqu.put(`/api/v1/projects/${firstId}/returns/2025-05`, {
      version: may.version,
      thisMonth: 260,
      ytd: may.ytd + 10,
      sinceStart: may.sinceStart + 10,
      progressText: '主体工程施工',
      progressPercent: 41,
      workers: 80,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    row.getCell(R.thisMonth).value = 300;
    const stale = await importReturns(xiqu, await bytes(again));
    expect(stale.statusCode, stale.body).toBe(409);
    expect(failure(stale).details.map((d) => [d.row, d.column])).toEqual([[row.number, 'L']]);
    expect((await returnsOf(firstId)).find((r) => r.month === '2025-05')!.thisMonth).toBe(260);

    // Submitted, it leaves the template; a file naming it is refused.
    const sub = await xiqu.post('/api/v1/projects/returns/submit', { ids: [may.id] });
    expect(sub.statusCode, sub.body).toBe(200);
    const third = await template();
    const codes = dataRows(third.getWorksheet('月度调度')!).map((r) => r.getCell(R.code).value);
    expect(codes).not.toContain(first.getCell(R.code).value);
    const ws3 = third.getWorksheet('月度调度')!;
    const back = ws3.addRow([]);
    fill(back, 1);
    back.getCell(R.code).value = first.getCell(R.code).value;
    const refused = await importReturns(xiqu, await bytes(third));
    expect(refused.statusCode).toBe(422);
    expect(failure(refused).details.find((d) => d.row === back.number)?.text.zh).toContain('已报送');
    // The reviewer approves it like a return filed on the page.
    const approved = await shenhe.post('/api/v1/projects/returns/review', {
      ids: [may.id],
      decision: 'approve',
      comment: '',
    });
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('passes the upload gate: not a workbook, not the template, not the role', async () => {
    expect((await importReturns(xiqu, Buffer.from('项目代码,本月\n1,2\n'))).statusCode).toBe(400);
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['项目代码']);
    const res = await importReturns(xiqu, await bytes(other));
    expect(res.statusCode).toBe(422);
    expect(failure(res).details[0]?.text.zh).toContain('不是本系统下载的月度调度模板');
    expect((await importReturns(gfb, await bytes(await template()))).statusCode).toBe(403);
    expect((await importReturns(shenhe, await bytes(other))).statusCode).toBe(403);
  });

  // ——— the project template ———

  const P = {
    code: 1,
    name: 2,
    owner: 3,
    level: 4,
    chain: 5,
    district: 6,
    total: 7,
    ownFunds: 12,
    stage: 14,
    plannedStart: 15,
    plannedCompletion: 16,
    actualStart: 18,
  };
  const projectTemplate = async (c: Client) => {
    const res = await c.get('/api/v1/projects/template.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    return load(res.rawPayload);
  };
  const projectRow = (ws: ExcelJS.Worksheet, serial: string, over: Partial<Record<keyof typeof P, unknown>> = {}) => {
    const v: Record<keyof typeof P, unknown> = {
      code: `2025-510403-32-03-${serial}`,
      name: `导入测试项目${serial}`,
      owner: '攀枝花导入测试有限公司',
      level: '市重点项目',
      chain: '钒钛',
      district: '西区',
      total: 30_000,
      ownFunds: 20_000,
      stage: '在建/续建',
      plannedStart: new Date(Date.UTC(2025, 1, 1)),
      plannedCompletion: '2026-12-31',
      actualStart: '2025年3月18日',
      ...over,
    };
    const row = ws.addRow([]);
    for (const [k, col] of Object.entries(P)) row.getCell(col).value = v[k as keyof typeof P] as ExcelJS.CellValue;
    return row;
  };

  it('offers the project template with its lists, limited to the units the caller may enter', async () => {
    const wb = await projectTemplate(xiqu);
    const ws = wb.getWorksheet('项目')!;
    expect(ws.getRow(1).getCell(P.district).value).toBe('所在区县');
    expect(ws.getRow(1).getCell(P.ownFunds).value).toBe('资金来源：企业自筹（万元）');
    const lists = wb.getWorksheet('_lists')!;
    const districts = lists.getColumn(3).values.filter(Boolean);
    expect(districts).toEqual(['西区']);
    const validations = (
      ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }
    ).dataValidations.model;
    const districtList = Object.entries(validations).find(([range]) => range.startsWith('F2'));
    expect(districtList?.[1].type).toBe('list');
    expect(districtList?.[1].formulae[0]).toContain('_lists!$C$1:$C$1');
    const centre = (await projectTemplate(gfb)).getWorksheet('_lists')!.getColumn(3).values.filter(Boolean);
    expect(centre.length).toBeGreaterThan(5);
    expect((await shenhe.get('/api/v1/projects/template.xlsx')).statusCode).toBe(403);
  });

  it('imports projects all or nothing, every bad cell named', async () => {
    const existing = (await ledger('districtId=xiqu')).find((p) => p.code !== '')!;
    const wb = await projectTemplate(xiqu);
    const ws = wb.getWorksheet('项目')!;
    const good = projectRow(ws, '880001');
    const district = projectRow(ws, '880002', { district: '火星区' });
    const negative = projectRow(ws, '880003', { total: -100 });
    const text = projectRow(ws, '880004', { total: '三万' });
    const dup = projectRow(ws, '880001');
    const taken = projectRow(ws, '880005', { code: existing.code });
    const outside = projectRow(ws, '880006', { district: '东区' });
    const shape = projectRow(ws, '880007', { code: '2025-110101-32-03-880007' });
    const funding = projectRow(ws, '880008', { ownFunds: 50_000 });
    const res = await importProjects(xiqu, await bytes(wb));
    expect(res.statusCode, res.body).toBe(422);
    const e = failure(res);
    const at = (row: ExcelJS.Row, column: string) => e.details.find((d) => d.row === row.number && d.column === column);
    expect(at(good, 'A')).toBeUndefined();
    expect(at(district, 'F')?.text.zh).toContain('未知的区县“火星区”');
    expect(at(negative, 'G')?.text).toEqual({ zh: '不能为负数', en: 'must not be negative' });
    expect(at(text, 'G')?.text.zh).toContain('不是数值');
    expect(at(dup, 'A')?.text.zh).toContain(`与第 ${good.number} 行重复`);
    expect(at(taken, 'A')?.text.zh).toContain('已在台账中');
    expect(at(outside, 'F')?.text.zh).toContain('不在您可登记项目的范围内');
    expect(at(shape, 'A')?.text.en).toBeTruthy();
    expect(at(funding, 'H')?.text.zh).toContain('超过总投资');
    expect((await ledger(`q=${encodeURIComponent('导入测试项目')}`)).length).toBe(0);

    const ok = await projectTemplate(xiqu);
    const ws2 = ok.getWorksheet('项目')!;
    projectRow(ws2, '880011');
    projectRow(ws2, '880012', { stage: '前期', actualStart: null, level: '省重点项目', chain: '清洁能源' });
    const done = await importProjects(xiqu, await bytes(ok));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<{ imported: number }>().imported).toBe(2);
    const rows = await ledger(`q=${encodeURIComponent('导入测试项目88001')}`);
    expect(rows.map((r) => [r.code, r.stage, r.districtId, r.actualStart]).sort()).toEqual([
      ['2025-510403-32-03-880011', 'underConstruction', 'xiqu', '2025-03-18'],
      ['2025-510403-32-03-880012', 'preparation', 'xiqu', null],
    ]);
    // The same file again: every code is taken now.
    const twice = await importProjects(xiqu, await bytes(ok));
    expect(twice.statusCode).toBe(422);
    expect(failure(twice).details).toHaveLength(2);
  });
});
