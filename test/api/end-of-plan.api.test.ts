/**
 * 终期评估 (issue 7): on the real date the pilot period (2022–2025) is over; every 2025 target the seeds state is held
 * against the latest 2025 figure — met, not met or no data — as a view, as Excel and as a section of the bulletin.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface Row {
  indicatorCode: string;
  indicatorName: string;
  orgUnitId: string;
  kind: string;
  target: { comparison: string; floor: number | null; stretch: number | null; upper: number | null };
  actual: number | null;
  period: string | null;
  final: boolean;
  verdict: 'met' | 'notMet' | 'noData';
  source: string;
}
interface Answer {
  year: number;
  asOf: string;
  counts: { met: number; notMet: number; noData: number };
  rows: Row[];
}

describe.each(testDialects())('the end-of-plan assessment on 2026-12-02 on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-02T02:00:00Z' });
  });
  afterAll(async () => t.close());

  it('holds every 2025 target the seeds state against the latest 2025 figure', async () => {
    const leader = await t.as('leader');
    const a = (await leader.get('/api/v1/evaluation/end-of-plan')).json<Answer>();
    expect(a.year).toBe(2025);
    expect(a.asOf).toBe('2025-12');
    // Exactly the stated targets of the 2025 framework, one per indicator and unit, none generated.
    const frameworks = (await leader.get('/api/v1/frameworks')).json<{ id: string; year: number }[]>();
    const fw = (await leader.get(`/api/v1/frameworks/${frameworks.find((f) => f.year === 2025)?.id}`)).json<{
      targets: {
        indicatorCode: string;
        orgUnitId: string;
        year: number;
        generated?: boolean;
        source?: { doc: string };
      }[];
    }>();
    const stated = new Set(
      fw.targets
        .filter((x) => x.year === 2025 && x.source?.doc !== 'generated' && x.generated !== true)
        .map((x) => `${x.indicatorCode}|${x.orgUnitId}`),
    );
    expect(new Set(a.rows.map((r) => `${r.indicatorCode}|${r.orgUnitId}`))).toEqual(stated);
    expect(a.rows.length).toBe(stated.size);
    expect(a.rows.find((r) => r.indicatorCode === 'D2-13' && r.orgUnitId === 'hitech')).toMatchObject({
      kind: 'endOfPlan',
      target: { stretch: 2500 },
      source: '《钒钛高新区高质量发展建设共同富裕试验区行动方案（2022-2025年）》',
    });
    expect(a.rows.find((r) => r.indicatorCode === 'D2-30' && r.orgUnitId === 'xiqu')).toMatchObject({
      kind: 'annual',
      target: { floor: 43 },
    });
    // Each verdict agrees with its figure and target; counts add up; a row without a figure is no data.
    for (const r of a.rows) {
      if (r.actual === null) {
        expect(r.verdict, r.indicatorCode).toBe('noData');
        continue;
      }
      expect(r.period?.startsWith('2025'), `${r.indicatorCode} ${r.period}`).toBe(true);
      const level = (r.target.floor ?? r.target.stretch) as number;
      const met = r.target.comparison === 'atMost' ? r.actual <= level : r.actual >= level;
      expect(r.verdict, `${r.indicatorCode} ${r.orgUnitId}: ${r.actual} vs ${level}`).toBe(met ? 'met' : 'notMet');
    }
    expect(a.counts.met + a.counts.notMet + a.counts.noData).toBe(a.rows.length);
    expect(a.counts.met).toBe(a.rows.filter((r) => r.verdict === 'met').length);
    expect(a.rows.filter((r) => r.actual !== null).length).toBeGreaterThan(a.rows.length / 2);
    expect(a.rows.filter((r) => r.actual !== null).every((r) => r.final)).toBe(true);
    // A district reporter sees its own district's targets only.
    const xiqu = (await (await t.as('xiqu')).get('/api/v1/evaluation/end-of-plan')).json<Answer>();
    expect(new Set(xiqu.rows.map((r) => r.orgUnitId))).toEqual(new Set(['xiqu']));
  });

  it('exports it to Excel with the figures as numbers, and adds it to the bulletin when asked', async () => {
    const gfb = await t.as('gfb');
    const a = (await gfb.get('/api/v1/evaluation/end-of-plan')).json<Answer>();
    const res = await gfb.get('/api/v1/evaluation/end-of-plan.xlsx');
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1] ?? '')).toBe(
      '共同富裕试验区终期评估2025.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ws = wb.getWorksheet('终期评估');
    expect(ws?.rowCount).toBe(3 + a.rows.length);
    const first = a.rows.findIndex((r) => r.actual !== null);
    expect(ws?.getRow(4 + first).getCell(7).value).toBeCloseTo(a.rows[first]!.actual!, 9);
    expect(ws?.getRow(2).getCell(1).text).toContain(`已达成 ${a.counts.met} 项`);

    const text = async (url: string) =>
      (await (
        await JSZip.loadAsync(new Uint8Array((await gfb.get(url)).rawPayload))
      )
        .file('word/document.xml')
        ?.async('string')) ?? '';
    const plain = await text('/api/v1/bulletin.docx');
    expect(plain).not.toContain('终期评估');
    const withIt = await text('/api/v1/bulletin.docx?endOfPlan=1');
    expect(withIt).toContain('终期评估（2025年目标）');
    expect(withIt).toContain(`已达成${a.counts.met}项、未达成${a.counts.notMet}项、暂无数据${a.counts.noData}项`);
  });
});
