/**
 * Issue 7 wired into the pages' answers: the names that fit the kind of value, the explanation in words (score, zero
 * point, formula with names), the year-end projection on the cockpit's cards and in the explanation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface Indicator {
  code: string;
  name: string;
  valueKind: string;
  frequency: string;
  formula: string | null;
}
interface Cell {
  indicatorCode: string;
  orgUnitId: string;
  status: string;
  colour: string;
  label: { zh: string; en: string };
}

describe.each(testDialects())('figures a leader can trust, on the pages, on %s', (dialect) => {
  let t: TestApp;
  let kinds: Map<string, Indicator>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const d = (await (await t.as('leader')).get('/api/v1/frameworks/current')).json<{ indicators: Indicator[] }>();
    kinds = new Map(d.indicators.map((i) => [i.code, i]));
  });
  afterAll(async () => t.close());

  it('names each cell for its kind of value: only cumulative indicators are behind time-elapsed progress', async () => {
    const m = (await (await t.as('leader')).get('/api/v1/evaluation/matrix')).json<{ cells: Cell[] }>();
    const yellowRates = m.cells.filter(
      (c) => c.colour === 'yellow' && kinds.get(c.indicatorCode)?.valueKind !== 'cumulative',
    );
    expect(yellowRates.length).toBeGreaterThan(0);
    for (const c of m.cells) {
      const kind = kinds.get(c.indicatorCode)?.valueKind;
      if (kind !== 'cumulative') expect(c.label.zh, c.indicatorCode).not.toMatch(/序时进度/);
      if (c.colour !== 'green') expect(c.label.zh, c.indicatorCode).not.toMatch(/^达到/);
    }
    expect(new Set(yellowRates.map((c) => c.label.zh))).toEqual(
      new Set(yellowRates.map((c) => (c.label.zh === '略超控制目标' ? '略超控制目标' : '接近确保目标'))),
    );
  });

  it('explains a cell in words: the score, the zero point and its source, no rule id, the formula with names', async () => {
    const leader = await t.as('leader');
    const m = (await leader.get('/api/v1/evaluation/matrix')).json<{ cells: (Cell & { score: number | null })[] }>();
    const yellow = m.cells.find((c) => c.colour === 'yellow' && kinds.get(c.indicatorCode)?.valueKind === 'rate');
    expect(yellow).toBeDefined();
    const e = (
      await leader.get(
        `/api/v1/evaluation/explain?indicatorCode=${yellow?.indicatorCode}&orgUnitId=${yellow?.orgUnitId}`,
      )
    ).json();
    expect(e.label.zh).toBe('接近确保目标');
    expect(e.text.zh).toContain(`得分 ${(Math.round(yellow!.score! * 10) / 10).toString()}`);
    expect(e.text.zh).toMatch(/零分点 [\d.,-]+\S*（默认：/);
    expect(e.text.zh).not.toMatch(/[a-z]+\.[a-z]+/i);
    // D3-02 over the five counties, in words.
    const gap = (await leader.get('/api/v1/evaluation/explain?indicatorCode=D3-02&orgUnitId=city')).json();
    expect(gap.formula).toContain('COUNTIES');
    expect(gap.formulaText.zh).toContain('五个县（区）');
    expect(gap.formulaText.zh).toContain(`「${kinds.get('D3-01')?.name}」`);
    expect(gap.formulaText.zh).not.toMatch(/\{|COUNTIES|MAX/);
    // The inputs of a computed figure are named too (the urban–rural ratio: urban ÷ rural income).
    const ratio = (await leader.get('/api/v1/evaluation/explain?indicatorCode=D4-03&orgUnitId=city')).json();
    expect(ratio.formulaInputs.map((x: { name: string }) => x.name)).toEqual([
      kinds.get('D5-02')?.name,
      kinds.get('D4-02')?.name,
    ]);
    expect(ratio.formulaText.zh).toBe(`「${kinds.get('D5-02')?.name}」 ÷ 「${kinds.get('D4-02')?.name}」`);
  });

  it('projects the year end of cumulative and year-to-date figures on the cards and in the explanation', async () => {
    const leader = await t.as('leader');
    const cockpit = (await leader.get('/api/v1/cockpit')).json<{
      asOf: string;
      headline: {
        code: string;
        actual: number | null;
        period: string | null;
        label: { zh: string };
        projection: { projected: number; floorMet: boolean | null; text: { zh: string } } | null;
      }[];
    }>();
    expect(cockpit.asOf).toBe('2024-10');
    const projected = cockpit.headline.filter((c) => c.projection !== null);
    expect(projected.length).toBeGreaterThan(0);
    for (const c of cockpit.headline) {
      const i = kinds.get(c.code);
      const projectable =
        c.actual !== null &&
        c.period !== null &&
        (i?.valueKind === 'cumulative' || i?.valueKind === 'rate') &&
        i.frequency !== 'yearly';
      expect(c.projection !== null, c.code).toBe(projectable);
      expect(c.label.zh.length).toBeGreaterThan(1);
    }
    const card = projected[0]!;
    expect(card.projection?.text.zh).toMatch(/^按当前进度，预计全年 /);
    if (kinds.get(card.code)?.valueKind === 'rate') expect(card.projection?.projected).toBeCloseTo(card.actual!, 6);
    const e = (await leader.get(`/api/v1/evaluation/explain?indicatorCode=${card.code}&orgUnitId=city`)).json();
    expect(e.projection.text.zh).toBe(card.projection?.text.zh);
    // A cumulative figure in October: the year to date over the share of the year expected by October.
    const cumulative = projected.find((c) => kinds.get(c.code)?.valueKind === 'cumulative');
    if (cumulative) {
      const share = cumulative.actual! / cumulative.projection!.projected;
      expect(share).toBeGreaterThan(0.6);
      expect(share).toBeLessThan(1);
    }
  });

  it('states the bulletin’s statuses in the same words as the cockpit', async () => {
    const gfb = await t.as('gfb');
    const cockpit = (await gfb.get('/api/v1/cockpit?asOf=2024-10')).json<{
      headline: { name: string; label: { zh: string } }[];
    }>();
    const res = await gfb.get('/api/v1/bulletin.xlsx?asOf=2024-10');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('核心指标完成情况');
    const statuses = new Map<string, string>();
    for (let r = 3; r <= (ws?.rowCount ?? 0); r++) {
      statuses.set(ws?.getRow(r).getCell(1).text ?? '', ws?.getRow(r).getCell(6).text ?? '');
    }
    for (const h of cockpit.headline) expect(statuses.get(h.name), h.name).toBe(h.label.zh);
  });

  it('ranks by entropy weights or TOPSIS beside the city’s own weights, never instead of them', async () => {
    const leader = await t.as('leader');
    type Row = {
      orgUnitId: string;
      overall: number | null;
      rank: number | null;
      method: string;
      cityRank: number | null;
      cityOverall: number | null;
    };
    const city = (await leader.get('/api/v1/evaluation/ranking')).json<Row[]>();
    expect(city.every((r) => r.method === 'city' && r.overall === r.cityOverall && r.rank === r.cityRank)).toBe(true);
    const cityRank = new Map(city.map((r) => [r.orgUnitId, r.rank]));
    const m = (await leader.get('/api/v1/evaluation/matrix')).json<{ indicators: { code: string; scope: string }[] }>();
    const districtCodes = m.indicators.filter((i) => i.scope === 'cityAndDistricts').map((i) => i.code);
    for (const method of ['entropy', 'topsis'] as const) {
      const w = (await leader.get(`/api/v1/evaluation/weighting?weighting=${method}`)).json<{
        method: string;
        convention: { zh: string };
        rows: Row[];
        weights: { code: string; weight: number; entropy: number | null }[];
        dropped: { code: string }[];
      }>();
      expect(w.method).toBe(method);
      expect(w.convention.zh).toContain(method === 'entropy' ? '熵权法' : 'TOPSIS');
      expect(w.weights.length).toBeGreaterThan(5);
      expect(w.weights.reduce((a, x) => a + x.weight, 0)).toBeCloseTo(1, 9);
      expect([...w.weights.map((x) => x.code), ...w.dropped.map((x) => x.code)].sort()).toEqual(
        [...districtCodes].sort(),
      );
      expect(w.rows).toHaveLength(6);
      for (const r of w.rows) {
        expect(r.cityRank).toBe(cityRank.get(r.orgUnitId));
        expect(r.overall).not.toBeNull();
        expect(r.overall!).toBeGreaterThanOrEqual(0);
        expect(r.overall!).toBeLessThanOrEqual(method === 'entropy' ? 100 : 1);
      }
      const scores = w.rows.map((r) => r.overall as number);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(w.rows[0]?.rank).toBe(1);
      // The same answer through the ranking's own parameter.
      const same = (await leader.get(`/api/v1/evaluation/ranking?weighting=${method}`)).json<Row[]>();
      expect(same).toEqual(w.rows);
    }
    const eq = (await leader.get('/api/v1/evaluation/ranking?weighting=equal')).json<Row[]>();
    expect(eq.every((r) => r.method === 'equal' && r.overall !== null && r.overall <= 120)).toBe(true);
    // The stored composite is untouched by a view.
    expect((await leader.get('/api/v1/evaluation/ranking')).json()).toEqual(city);
    const bad = await leader.get('/api/v1/evaluation/ranking?weighting=pca');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('weighting');
  });
});
