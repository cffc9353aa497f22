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

  it('is for the coordination centre and leaders only', async () => {
    const xiqu = await t.as('xiqu');
    expect((await xiqu.get('/api/v1/bulletin.docx')).statusCode).toBe(403);
  });
});
