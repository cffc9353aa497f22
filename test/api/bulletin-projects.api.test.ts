/**
 * The bulletin's 项目为王 section (issue 9), on each dialect, clock at 2025-06-15: its figures are the ledger's
 * aggregates as the cockpit card reads them (GET /projects/aggregates) and as the framework's D2-33 is fed, in Word and
 * in Excel; the laggards with their lights' reasons; the year's new starts and completions, as many as counted.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface Unit {
  unitId: string;
  unitName: string;
  keyProjects: { actual: number };
  planned: number;
  ytd: number;
  rate: number | null;
  newStarts: { actual: number };
  completions: { actual: number };
  lights: Record<string, number>;
}

describe.each(testDialects())('the bulletin’s projects section on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2025-06-15T02:00:00Z' });
  });
  afterAll(async () => t.close());

  const sheet = (wb: ExcelJS.Workbook, name: string) => {
    const ws = wb.worksheets.find((w) => w.name.includes(name));
    if (!ws) throw new Error(`no sheet ${name} in ${wb.worksheets.map((w) => w.name).join(', ')}`);
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow((row, n) => {
      if (n > 2) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
    });
    return rows;
  };

  it('writes the cockpit card’s figures, the laggards and why, the new starts and completions', async () => {
    const gfb = await t.as('gfb');
    const agg = (await gfb.get('/api/v1/projects/aggregates')).json<{ month: string; units: Unit[] }>();
    const city = agg.units.find((u) => u.unitId === 'city')!;
    expect(city.keyProjects.actual).toBeGreaterThan(0);
    const res = await gfb.get('/api/v1/bulletin.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const byDistrict = sheet(wb, '分区县重点项目投资完成情况');
    const yi = (wan: number) => Math.round(wan / 100) / 100;
    expect(byDistrict[0]?.slice(0, 4)).toEqual(['攀枝花市', city.keyProjects.actual, yi(city.planned), yi(city.ytd)]);
    const xiqu = agg.units.find((u) => u.unitId === 'xiqu')!;
    expect(byDistrict.find((r) => r[0] === '西区')?.slice(1, 4)).toEqual([
      xiqu.keyProjects.actual,
      yi(xiqu.planned),
      yi(xiqu.ytd),
    ]);
    // The framework's D2-33 (亿元) is fed the same figure.
    const fed = await t.ctx.projects.feed('ytd')(['city'], 2025);
    expect(fed.get('city')).toBe(yi(city.ytd));
    // As many new starts and completions named as the aggregate counts.
    expect(sheet(wb, '本年新开工重点项目')).toHaveLength(city.newStarts.actual);
    expect(sheet(wb, '本年竣工重点项目')).toHaveLength(city.completions.actual);
    // The laggards: red first, each with its light's reason in words.
    const laggards = sheet(wb, '滞后重点项目及原因');
    expect(laggards.length).toBe(Math.min(30, (city.lights.red ?? 0) + (city.lights.yellow ?? 0)));
    if (laggards.length > 0) {
      expect(['红灯', '黄灯']).toContain(laggards[0]?.[6]);
      expect(laggards[0]?.[7] as string).toMatch(/（(红灯|黄灯)）：/);
    }
    const docx = await leaderDocx();
    expect(docx).toContain('项目为王');
    expect(docx).toContain(`${city.keyProjects.actual}个省市重点项目完成投资${yi(city.ytd)}亿元`);
  });

  const leaderDocx = async () => {
    const leader = await t.as('leader');
    const res = await leader.get('/api/v1/bulletin.docx');
    expect(res.statusCode).toBe(200);
    return (await JSZip.loadAsync(new Uint8Array(res.rawPayload))).file('word/document.xml')?.async('string');
  };
});
