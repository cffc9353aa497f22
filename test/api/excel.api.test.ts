import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLOUR_ARGB } from '../../src/server/modules/excel/excel.style.ts';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface GridRow {
  indicatorCode: string;
  editable: boolean;
  computed: boolean;
  minValue: number | null;
  maxValue: number | null;
  previousValue: number | null;
  value: { id: string; version: number; status: string; value: number | null; note: string | null } | null;
}

interface Issue {
  sheet: string;
  row: number;
  column?: string;
  field: string;
  message: string;
  text: { zh: string; en: string };
}

interface ErrorResponse {
  error: { code: string; message: string; details: Issue[] };
}

interface ImportResponse {
  imported: number;
  unchanged: number;
  skipped: number;
}

interface MatrixJson {
  asOf: string;
  units: { id: string; name: string }[];
  indicators: { code: string }[];
  cells: {
    indicatorCode: string;
    orgUnitId: string;
    actual: number | null;
    colour: keyof typeof COLOUR_ARGB;
    score: number | null;
  }[];
}

interface RankingJson {
  name: string;
  rank: number | null;
  overall: number | null;
  red: number;
  yellow: number;
  green: number;
}

const failure = (res: LightMyRequestResponse) => res.json<ErrorResponse>().error;
const outcome = (res: LightMyRequestResponse) => res.json<ImportResponse>();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['指标编码', '指标名称', '计量单位', '单位编码', '单位名称', '期别', '上期值', '本期值', '填报说明'];
/** Template columns by letter. */
const COL = { code: 1, unit: 4, period: 6, previous: 7, value: 8, note: 9 } as const;

async function loadXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb;
}

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The file name a browser would save, from the RFC 5987 `filename*` parameter. */
function savedName(res: LightMyRequestResponse): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition']));
  return m ? decodeURIComponent(m[1] as string) : '';
}

/** Writes one cell of a template row that must exist. */
function put(row: ExcelJS.Row | undefined, col: number, value: ExcelJS.CellValue): void {
  if (!row) throw new Error('no such template row');
  row.getCell(col).value = value;
}

/** The rows of the entry sheet below the header, as the template wrote them. */
function dataRows(ws: ExcelJS.Worksheet): ExcelJS.Row[] {
  const out: ExcelJS.Row[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) out.push(row);
  });
  return out;
}

describe.each(testDialects())('Excel template, import and exports on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const upload = (c: Client, body: Buffer, filename = '填报模板.xlsx', contentType = XLSX) => {
    const boundary = '----gongfu-test-boundary';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      body,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/values/import',
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
  };

  const grid = async (c: Client, unit: string, period: string): Promise<GridRow[]> => {
    const res = await c.get(`/api/v1/values/grid?orgUnitId=${unit}&period=${period}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ rows: GridRow[] }>().rows;
  };

  const template = async (c: Client, unit: string, period: string) => {
    const res = await c.get(`/api/v1/values/template.xlsx?orgUnitId=${unit}&period=${period}`);
    expect(res.statusCode, res.body).toBe(200);
    return { res, wb: await loadXlsx(res.rawPayload) };
  };

  const entrySheet = (wb: ExcelJS.Workbook) => wb.getWorksheet('填报表') as ExcelJS.Worksheet;
  const midValue = (r: { minValue: number | null; maxValue: number | null }) =>
    r.minValue !== null && r.maxValue !== null ? Math.round((r.minValue + r.maxValue) / 2) : 10;

  it('downloads a template with the editable rows of the grid, last period prefilled, only 本期值 and 填报说明 open', async () => {
    const c = await t.as('xiqu');
    const editable = (await grid(c, 'xiqu', '2024-11')).filter((r) => r.editable);
    const { res, wb } = await template(c, 'xiqu', '2024-11');
    expect(res.headers['content-type']).toBe(XLSX);
    expect(savedName(res)).toBe('填报模板_西区_2024-11.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填报表', '说明', '_meta']);
    expect(wb.getWorksheet('_meta')?.state).toBe('hidden');
    const meta = wb.getWorksheet('_meta') as ExcelJS.Worksheet;
    expect(meta.getCell('A2').value).toBe('frameworkId');
    expect(meta.getCell('B2').value).toBe('fw-2024-v1');
    expect((wb.getWorksheet('说明') as ExcelJS.Worksheet).getCell('A16').text).toMatch(/[A-Za-z]/);

    const ws = entrySheet(wb);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // ExcelJS reads the protection back but does not type it.
    expect((ws as unknown as { sheetProtection: { sheet?: boolean } | null }).sheetProtection?.sheet).toBe(true);
    const rows = dataRows(ws);
    expect(rows.map((r) => r.getCell(COL.code).value)).toEqual(editable.map((r) => r.indicatorCode));
    expect(rows.map((r) => r.getCell(COL.previous).value ?? null)).toEqual(editable.map((r) => r.previousValue));
    expect(editable.some((r) => r.previousValue !== null)).toBe(true);
    for (const r of rows) {
      expect(r.getCell(COL.unit).value).toBe('510403');
      expect(r.getCell(COL.period).value).toBe('2024-11');
      expect(r.getCell(COL.value).protection?.locked).toBe(false);
      expect(r.getCell(COL.note).protection?.locked).toBe(false);
      expect(r.getCell(COL.code).protection?.locked).not.toBe(false);
    }
    const bounded = editable.findIndex((r) => r.minValue !== null && r.maxValue !== null);
    const dv = rows[bounded]?.getCell(COL.value).dataValidation;
    expect(dv).toMatchObject({ type: 'decimal', operator: 'between' });
    expect(dv?.formulae.map(Number)).toEqual([editable[bounded]?.minValue, editable[bounded]?.maxValue]);
  });

  it('imports a filled template as drafts visible in the grid; a re-import over the drafts takes their versions', async () => {
    const c = await t.as('xiqu');
    const editable = (await grid(c, 'xiqu', '2024-11')).filter((r) => r.editable);
    const { wb } = await template(c, 'xiqu', '2024-11');
    const rows = dataRows(entrySheet(wb));
    const filled = editable.slice(0, 3);
    filled.forEach((g, n) => {
      put(rows[n], COL.value, midValue(g));
    });
    put(rows[0], COL.note, '按统计快报填报');
    const res = await upload(c, await bytes(wb));
    expect(res.statusCode, res.body).toBe(200);
    expect(outcome(res)).toMatchObject({ imported: 3, unchanged: 0, skipped: rows.length - 3 });

    const after = await grid(c, 'xiqu', '2024-11');
    for (const g of filled) {
      expect(after.find((r) => r.indicatorCode === g.indicatorCode)?.value).toMatchObject({
        status: 'draft',
        value: midValue(g),
        version: 1,
      });
    }
    expect(after.find((r) => r.indicatorCode === filled[0]?.indicatorCode)?.value?.note).toBe('按统计快报填报');

    // The same file again with one value changed: the changed row is written at the draft's current version.
    put(rows[1], COL.value, midValue(filled[1] as GridRow) + 1);
    const again = await upload(c, await bytes(wb));
    expect(again.statusCode, again.body).toBe(200);
    expect(outcome(again)).toMatchObject({ imported: 1, unchanged: 2 });
    const v = (await grid(c, 'xiqu', '2024-11')).find((r) => r.indicatorCode === filled[1]?.indicatorCode)?.value;
    expect(v).toMatchObject({ value: midValue(filled[1] as GridRow) + 1, version: 2, status: 'draft' });

    // A fresh template carries the drafts.
    const { wb: next } = await template(c, 'xiqu', '2024-11');
    const nextRow = dataRows(entrySheet(next)).find((r) => r.getCell(COL.code).value === filled[0]?.indicatorCode);
    expect(nextRow?.getCell(COL.value).value).toBe(midValue(filled[0] as GridRow));
  });

  it('refuses a file with several bad cells with 422, naming each row and column, and writes nothing', async () => {
    const c = await t.as('xiqu');
    const editable = (await grid(c, 'xiqu', '2024-12')).filter((r) => r.editable);
    const { wb } = await template(c, 'xiqu', '2024-12');
    const ws = entrySheet(wb);
    const rows = dataRows(ws);
    const boundedAt = editable.findIndex((r) => r.maxValue !== null);
    const others = [0, 1, 2, 3, 4].filter((n) => n !== boundedAt);
    const [okAt, textAt, dupAt] = others as [number, number, number];
    put(rows[okAt], COL.value, midValue(editable[okAt] as GridRow));
    put(rows[textAt], COL.value, '约 12');
    put(rows[boundedAt], COL.value, (editable[boundedAt]?.maxValue as number) + 1);
    put(rows[dupAt], COL.value, midValue(editable[dupAt] as GridRow));
    const extra = (values: unknown[]) => ws.addRow(values).number;
    const dupRow = extra([
      editable[dupAt]?.indicatorCode,
      '',
      '',
      '510403',
      '西区',
      '2024-12',
      null,
      midValue(editable[dupAt] as GridRow),
    ]);
    const unknownRow = extra(['ZZ-99', '', '', '510403', '西区', '2024-12', null, 5]);
    const periodRow = extra([editable[okAt]?.indicatorCode, '', '', '510403', '西区', '2024-13', null, 5]);
    const computedRow = extra(['D2-35', '', '', '510403', '西区', '2024-12', null, 50]);
    const unitRow = extra([editable[okAt]?.indicatorCode, '', '', '999999', '', '2024-12', null, 5]);

    const res = await upload(c, await bytes(wb));
    expect(res.statusCode, res.body).toBe(422);
    const error = failure(res);
    expect(error.code).toBe('UNPROCESSABLE');
    const at = (row: number, column: string) => error.details.filter((d) => d.row === row && d.column === column);
    const rowOf = (n: number) => (rows[n] as ExcelJS.Row).number;
    expect(at(rowOf(textAt), 'H')[0]).toMatchObject({ sheet: '填报表', field: '本期值' });
    expect(at(rowOf(textAt), 'H')[0]?.message).toContain('不是数值');
    expect(at(rowOf(boundedAt), 'H')[0]?.message).toMatch(/上限/);
    expect(at(rowOf(boundedAt), 'H')[0]?.text.en).toMatch(/above the maximum/);
    expect(at(dupRow, 'A')[0]?.message).toContain(`第 ${rowOf(dupAt)} 行重复`);
    expect(at(unknownRow, 'A')[0]?.message).toContain('未知的指标编码');
    expect(at(periodRow, 'F')[0]?.message).toContain('期别');
    expect(at(computedRow, 'H')[0]?.message).toContain('计算指标');
    expect(at(unitRow, 'D')[0]?.message).toContain('未知的单位编码');
    expect(error.details).toHaveLength(7);
    expect(error.details.every((d) => d.sheet === '填报表' && typeof d.row === 'number')).toBe(true);

    const after = await grid(c, 'xiqu', '2024-12');
    expect(after.find((r) => r.indicatorCode === editable[okAt]?.indicatorCode)?.value).toBeNull();
    expect(after.find((r) => r.indicatorCode === editable[dupAt]?.indicatorCode)?.value).toBeNull();
  });

  it('refuses a row over a submitted value, naming the row, and writes no other unit or period of the file', async () => {
    const c = await t.as('xiqu');
    const unit = 'xiqu-dabaoding';
    const editable = (await grid(c, unit, '2024-11')).filter((r) => r.editable);
    const [sub, other] = editable as [GridRow, GridRow];
    const saved = await c.put('/api/v1/values/grid', {
      orgUnitId: unit,
      period: '2024-11',
      entries: [{ indicatorCode: sub.indicatorCode, value: midValue(sub), version: null, note: null }],
    });
    expect(saved.statusCode).toBe(200);
    expect((await c.post('/api/v1/values/submit', { orgUnitId: unit, period: '2024-11' })).statusCode).toBe(200);

    const { wb } = await template(c, 'xiqu-hemenkou', '2024-11');
    const ws = entrySheet(wb);
    const hemenkou = dataRows(ws)[0] as ExcelJS.Row;
    hemenkou.getCell(COL.value).value = midValue(editable[0] as GridRow);
    const submittedRow = ws.addRow([
      sub.indicatorCode,
      '',
      '',
      '510403002',
      '大宝鼎街道',
      '2024-11',
      null,
      midValue(sub) + 1,
    ]).number;
    ws.addRow([other.indicatorCode, '', '', unit, '大宝鼎街道', '2024-11', null, midValue(other)]);

    const res = await upload(c, await bytes(wb));
    expect(res.statusCode, res.body).toBe(422);
    const details = failure(res).details;
    expect(details.map((d) => [d.row, d.column])).toEqual([[submittedRow, 'H']]);
    expect(details[0]?.message).toContain('已提交');
    const dabaoding = await grid(c, unit, '2024-11');
    expect(dabaoding.find((r) => r.indicatorCode === sub.indicatorCode)?.value).toMatchObject({
      status: 'submitted',
      value: midValue(sub),
    });
    expect(dabaoding.find((r) => r.indicatorCode === other.indicatorCode)?.value).toBeNull();
    const hemenkouGrid = await grid(c, 'xiqu-hemenkou', '2024-11');
    expect(hemenkouGrid.find((r) => r.indicatorCode === hemenkou.getCell(COL.code).value)?.value).toBeNull();
  });

  it('reports every row of another district as out of scope for a district reporter', async () => {
    const c = await t.as('xiqu');
    const { wb } = await template(c, 'xiqu', '2024-12');
    const ws = entrySheet(wb);
    const rows = dataRows(ws).slice(0, 3);
    for (const r of rows) {
      r.getCell(COL.unit).value = '510402';
      r.getCell(COL.value).value = 1;
    }
    ws.addRow([dataRows(ws)[3]?.getCell(COL.code).value, '', '', 'dongqu', '东区', '2024-12', null, 1]);
    const res = await upload(c, await bytes(wb));
    expect(res.statusCode).toBe(422);
    const details = failure(res).details;
    expect(details).toHaveLength(4);
    for (const d of details) {
      expect(d).toMatchObject({ column: 'D', field: '单位编码' });
      expect(d.message).toContain('超出您的填报范围');
    }
    expect(details.map((d) => d.row)).toEqual([2, 3, 4, ws.rowCount]);
  });

  it('lets a department reporter import one file across several districts in one go, and refuses indicators it does not lead', async () => {
    const c = await t.as('tjj');
    const units = [
      ['dongqu', '510402'],
      ['xiqu', '510403'],
      ['renhe', '510411'],
    ] as const;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('填报表');
    ws.addRow(HEADERS);
    for (const [, code] of units) ws.addRow(['D2-01', '地区生产总值', '亿元', code, '', '2024-Q4', null, 150.5]);
    const notLed = ws.addRow(['D2-03', '', '', '510402', '', '2024-11', null, 5]).number;
    const refused = await upload(c, await bytes(wb), 'gdp.xlsx');
    expect(refused.statusCode).toBe(422);
    const refusedDetails = failure(refused).details;
    expect(refusedDetails.map((d) => [d.row, d.column])).toEqual([[notLed, 'A']]);
    expect(refusedDetails[0]?.message).toContain('不是本部门牵头');

    ws.spliceRows(notLed, 1);
    const res = await upload(c, await bytes(wb), 'gdp.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(outcome(res).imported).toBe(3);
    for (const [id] of units) {
      const row = (await grid(c, id, '2024-Q4')).find((r) => r.indicatorCode === 'D2-01');
      expect(row?.value).toMatchObject({ value: 150.5, status: 'draft' });
    }
  });

  it('refuses what is not an .xlsx with a 4xx that names the file problem', async () => {
    const c = await t.as('xiqu');
    const text = await upload(c, Buffer.from('指标编码,本期值\nD2-03,5\n'), 'data.xlsx', 'text/csv');
    expect(text.statusCode).toBe(400);
    expect(failure(text)).toMatchObject({ code: 'VALIDATION', details: [expect.objectContaining({ field: 'file' })] });
    expect(failure(text).message).toContain('文本文件');
    const xls = await upload(
      c,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      'old.xls',
    );
    expect(xls.statusCode).toBe(400);
    expect(failure(xls).message).toContain('.xls');
    const broken = await upload(c, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]), 'broken.xlsx');
    expect(broken.statusCode).toBe(400);
    expect(failure(broken).message).toContain('损坏');
    const empty = await upload(c, Buffer.alloc(0), 'empty.xlsx');
    expect(empty.statusCode).toBe(400);
    const json = await c.post('/api/v1/values/import', { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(failure(json).details[0]?.field).toBe('file');
  });

  it('never uses the uploaded file name as a path', async () => {
    const c = await t.as('xiqu');
    const { wb } = await template(c, 'xiqu-yuquan', '2024-11');
    const editable = (await grid(c, 'xiqu-yuquan', '2024-11')).filter((r) => r.editable);
    put(dataRows(entrySheet(wb))[0], COL.value, midValue(editable[0] as GridRow));
    const res = await upload(c, await bytes(wb), '../../etc/passwd.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(outcome(res).imported).toBe(1);
    expect(fs.existsSync(path.resolve(process.cwd(), '../../etc/passwd.xlsx'))).toBe(false);
    expect(fs.existsSync('/etc/passwd.xlsx')).toBe(false);
  });

  it('keeps the template and import to reporters: the coordinator gets a template to send out but cannot import, a leader neither', async () => {
    const gfb = await t.as('gfb');
    const { wb } = await template(gfb, 'renhe', '2024-11');
    expect(dataRows(entrySheet(wb)).length).toBeGreaterThan(0);
    expect((await upload(gfb, await bytes(wb))).statusCode).toBe(403);
    const leader = await t.as('leader');
    expect((await leader.get('/api/v1/values/template.xlsx?orgUnitId=renhe&period=2024-11')).statusCode).toBe(403);
    expect((await upload(leader, await bytes(wb))).statusCode).toBe(403);
    const xiqu = await t.as('xiqu');
    expect((await xiqu.get('/api/v1/values/template.xlsx?orgUnitId=dongqu&period=2024-11')).statusCode).toBe(403);
    expect((await xiqu.get('/api/v1/values/template.xlsx?orgUnitId=xiqu&period=2024-13')).statusCode).toBe(400);
  });

  it('exports the matrix as the JSON matrix shows it: units as columns, indicators as rows, actual values with their colours, and scores', async () => {
    const c = await t.as('gfb');
    const json = (await c.get('/api/v1/evaluation/matrix')).json<MatrixJson>();
    const res = await c.get('/api/v1/evaluation/matrix.xlsx');
    expect(res.statusCode).toBe(200);
    expect(savedName(res)).toBe(`评价矩阵_${json.asOf}.xlsx`);
    const wb = await loadXlsx(res.rawPayload);
    const ws = wb.getWorksheet('评价矩阵') as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toContain('攀枝花市共同富裕试验区监测评价结果');
    expect(ws.getCell('A2').text).toContain(`数据截至：${json.asOf}`);
    expect(ws.getCell('A3').text).toContain('含演示数据');
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '指标编码') header = n;
    });
    expect(header).toBeGreaterThan(0);
    const unitNames = (ws.getRow(header).values as unknown[]).slice(5);
    expect(unitNames).toEqual(json.units.map((u) => u.name));
    const codes: unknown[] = [];
    for (let n = header + 1; n <= ws.rowCount; n++) codes.push(ws.getCell(n, 1).value);
    expect(codes).toEqual(json.indicators.map((i) => i.code));
    const cellAt = new Map(json.cells.map((x) => [`${x.indicatorCode}|${x.orgUnitId}`, x]));
    let coloured = 0;
    json.indicators.forEach((ind, i) => {
      json.units.forEach((u, j) => {
        const x = cellAt.get(`${ind.code}|${u.id}`);
        const cell = ws.getCell(header + 1 + i, 5 + j);
        expect(cell.value ?? null).toBe(x?.actual ?? null);
        expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(COLOUR_ARGB[x?.colour ?? 'grey']);
        if (x && x.colour !== 'grey') coloured++;
      });
    });
    expect(coloured).toBeGreaterThan(0);
    const scores = wb.getWorksheet('得分') as ExcelJS.Worksheet;
    let scoreHeader = 0;
    scores.eachRow((row, n) => {
      if (row.getCell(1).value === '指标编码') scoreHeader = n;
    });
    const first = json.cells.find((x) => x.score !== null && x.orgUnitId === json.units[0]?.id);
    const firstRow = json.indicators.findIndex((i) => i.code === first?.indicatorCode);
    expect(scores.getCell(scoreHeader + 1 + firstRow, 5).value).toBe(first?.score);
  });

  it('exports the ranking with rank, unit, overall and dimension scores and colour counts', async () => {
    const c = await t.as('leader');
    const json = (await c.get('/api/v1/evaluation/ranking')).json<RankingJson[]>();
    const res = await c.get('/api/v1/evaluation/ranking.xlsx');
    expect(res.statusCode).toBe(200);
    const ws = (await loadXlsx(res.rawPayload)).getWorksheet('区县排名') as ExcelJS.Worksheet;
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '排名') header = n;
    });
    const head = (ws.getRow(header).values as unknown[]).slice(1);
    expect(head.slice(0, 3)).toEqual(['排名', '单位', '综合得分']);
    expect(head.slice(-4)).toEqual(['红灯数', '黄灯数', '绿灯数', '数据覆盖率']);
    const width = head.length;
    json.forEach((r, i) => {
      const row = ws.getRow(header + 1 + i);
      expect(row.getCell(1).value ?? null).toBe(r.rank);
      expect(row.getCell(2).value).toBe(r.name);
      expect(row.getCell(3).value ?? null).toBe(r.overall);
      expect([row.getCell(width - 3).value, row.getCell(width - 2).value, row.getCell(width - 1).value]).toEqual([
        r.red,
        r.yellow,
        r.green,
      ]);
    });
    expect(json.length).toBeGreaterThan(1);
  });

  it("limits a district reporter's matrix export to its own units", async () => {
    const c = await t.as('xiqu');
    const json = (await c.get('/api/v1/evaluation/matrix')).json<MatrixJson>();
    const res = await c.get('/api/v1/evaluation/matrix.xlsx');
    expect(res.statusCode).toBe(200);
    const ws = (await loadXlsx(res.rawPayload)).getWorksheet('评价矩阵') as ExcelJS.Worksheet;
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '指标编码') header = n;
    });
    const units = (ws.getRow(header).values as unknown[]).slice(5);
    expect(units).toEqual(json.units.map((u) => u.name));
    expect(units).toContain('西区');
    expect(units).not.toContain('东区');
    expect(units).not.toContain('攀枝花市');
  });

  it('imports 4,400 rows across units and periods in one transaction', async () => {
    // Every enterable pair of 西区's sub-units in 2024 but those earlier tests wrote: since the project indicators are
    // fed by the ledger (issue 9) they are no longer entered, and some 4,470 pairs remain.
    const ROWS = 4400;
    const c = await t.as('xiqu');
    const b = await t.ctx.evaluation.resolveFramework(undefined);
    const org = t.ctx.org();
    const units = org
      .subtree('xiqu')
      .filter((id) => id !== 'xiqu')
      .map((id) => org.get(id)!);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('填报表');
    ws.addRow(HEADERS);
    let n = 0;
    // Every sub-unit of 西区, month by month, then quarter by quarter; the pairs earlier tests wrote to are left out.
    const periods = [
      ...Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}`),
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
    ];
    const used = new Set(['xiqu-dabaoding|2024-11', 'xiqu-hemenkou|2024-11', 'xiqu-yuquan|2024-11']);
    outer: for (const period of periods) {
      for (const u of units) {
        if (used.has(`${u.id}|${period}`)) continue;
        for (const i of t.ctx.values.entry
          .reportable(b, u.id, period)
          .filter((x) => x.formula === null && x.fed_by === null)) {
          ws.addRow([
            i.code,
            i.name,
            i.unit,
            u.code,
            u.name,
            period,
            null,
            midValue({ minValue: i.min_value, maxValue: i.max_value }),
          ]);
          if (++n === ROWS) break outer;
        }
      }
    }
    expect(n).toBe(ROWS);
    const started = performance.now();
    const res = await upload(c, await bytes(wb), 'bulk.xlsx');
    const ms = performance.now() - started;
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(outcome(res).imported).toBe(ROWS);
    console.info(`[${dialect}] ${ROWS}-row import: ${ms.toFixed(0)} ms`);
    const count = await t.ctx.db.kysely
      .selectFrom('indicator_values')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(
        'updated_by',
        '=',
        (
          await t.ctx.db.kysely
            .selectFrom('users')
            .select('id')
            .where('username', '=', 'xiqu')
            .executeTakeFirstOrThrow()
        ).id,
      )
      .where(
        'org_unit_id',
        'in',
        units.map((u) => u.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThanOrEqual(ROWS);
  });
});

describe('Excel upload limits and the API description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { UPLOAD_LIMIT: '4096' } });
  });
  afterAll(async () => t.close());

  it('refuses a file above the upload limit with 413 before reading it', async () => {
    const c = await t.as('xiqu');
    const boundary = 'limit-boundary';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`,
      ),
      Buffer.alloc(10_000, 1),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/values/import',
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(res.statusCode).toBe(413);
    expect(failure(res).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('describes the Excel routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/values/template.xlsx',
        '/api/v1/values/import',
        '/api/v1/evaluation/matrix.xlsx',
        '/api/v1/evaluation/ranking.xlsx',
      ]),
    );
  });
});
