import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingTime } from '../../src/domain/beijing-time.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

describe.each(testDialects())('the monthly bulletin on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('writes the bulletin as Word from the cockpit, ranking and lists, without retyping', async () => {
    const gfb = await t.as('gfb');
    const res = await gfb.get('/api/v1/bulletin.docx?asOf=2024-10');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="bulletin\.docx"; filename\*=/);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1] ?? '')).toBe(
      '共同富裕试验区工作通报2024年10月.docx',
    );
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // The document's text (word/document.xml inside the zip) names the month, the ranking's first unit and a red item.
    const doc = await (
      await JSZip.loadAsync(new Uint8Array(res.rawPayload))
    )
      .file('word/document.xml')
      ?.async('string');
    const cockpit = (await gfb.get('/api/v1/cockpit?asOf=2024-10')).json();
    expect(doc).toContain('2024年10月');
    expect(doc).toContain(cockpit.ranking[0].name);
    expect(doc).toContain(cockpit.redList[0].name);
    expect(doc).toContain('演示数据');
    // The footer's time is Beijing time, like every time on the pages.
    expect(doc).toContain(`计算于${beijingTime(cockpit.computedAt)}（北京时间）`);
  });

  it('writes the same tables as Excel', async () => {
    const leader = await t.as('leader');
    const res = await leader.get('/api/v1/bulletin.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['通报', '核心指标完成情况', '区县综合评价排名', '短板指标清单', '进度滞后事项']),
    );
    const ranking = wb.getWorksheet('区县综合评价排名');
    expect(ranking?.rowCount).toBe(2 + 6);
  });

  it('says what the lists page says on the same day: the same warnings and late reports', async () => {
    const gfb = await t.as('gfb');
    const today = (await gfb.get('/api/v1/lists/todos')).json().today as string;
    const summary = (await gfb.get(`/api/v1/lists/summary/monthly?period=${today.slice(0, 7)}`)).json();
    const rows = summary.rows as { code: string; colour: string; reported: boolean; reportLate: boolean }[];
    const behind = rows.filter((r) => r.colour === 'red' || r.colour === 'yellow');
    const late = rows.filter((r) => !r.reported && r.reportLate);
    expect(rows.length).toBeGreaterThan(0);
    const res = await gfb.get('/api/v1/bulletin.docx');
    const doc =
      (await (await JSZip.loadAsync(new Uint8Array(res.rawPayload))).file('word/document.xml')?.async('string')) ?? '';
    expect(doc).toContain(
      `四张清单在推进事项${rows.length}项，其中黄色、红色预警${behind.length}项，本月进度未按时报送${late.length}项`,
    );
    for (const r of behind) expect(doc).toContain(r.code);
    // The Excel keeps the lists' rows and the figures as numbers, not text.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await gfb.get('/api/v1/bulletin.xlsx')).rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0],
    );
    expect(wb.getWorksheet('进度滞后事项')?.rowCount).toBe(2 + behind.length);
    const headline = wb.getWorksheet('核心指标完成情况');
    const actuals = [];
    for (let i = 3; i <= (headline?.rowCount ?? 0); i++) actuals.push(headline?.getRow(i).getCell(2).value);
    expect(actuals.some((v) => typeof v === 'number')).toBe(true);
    expect(actuals.every((v) => typeof v === 'number' || v === '—')).toBe(true);
  });

  it('is for the coordination centre and leaders only', async () => {
    const xiqu = await t.as('xiqu');
    expect((await xiqu.get('/api/v1/bulletin.docx')).statusCode).toBe(403);
  });
});
