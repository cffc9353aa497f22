import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

describe.each(testDialects())('evaluation and cockpit on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('colours the matrix, ranks the six county-level units and explains any cell', async () => {
    const c = await t.as('leader');
    const m = (await c.get('/api/v1/evaluation/matrix')).json();
    expect(m.asOf).toBe('2024-10');
    expect(m.units.map((u: { id: string }) => u.id)).toEqual([
      'city',
      'dongqu',
      'xiqu',
      'renhe',
      'miyi',
      'yanbian',
      'hitech',
    ]);
    const colours = new Set(m.cells.map((x: { colour: string }) => x.colour));
    expect(colours).toEqual(new Set(['green', 'yellow', 'red', 'grey']));
    const ranking = (await c.get('/api/v1/evaluation/ranking')).json();
    expect(ranking).toHaveLength(6);
    expect(ranking.map((r: { rank: number }) => r.rank)).toEqual(
      [...ranking.map((r: { rank: number }) => r.rank)].sort((a, b) => a - b),
    );
    const red = m.cells.find((x: { colour: string }) => x.colour === 'red');
    const e = (
      await c.get(`/api/v1/evaluation/explain?indicatorCode=${red.indicatorCode}&orgUnitId=${red.orgUnitId}`)
    ).json();
    expect(e).toMatchObject({ indicatorCode: red.indicatorCode, orgUnitId: red.orgUnitId, colour: 'red' });
    expect(e.text.zh.length).toBeGreaterThan(5);
    expect(e.rule).toMatch(/belowFloor|overCeiling|Far/);
    expect(e.target).not.toBeNull();
  });

  it('explains a computed gap through its formula and inputs', async () => {
    const c = await t.as('leader');
    const d = (await c.get('/api/v1/frameworks/current')).json();
    const ratio = d.indicators.find(
      (i: { gap: string | null; formula: string | null }) => i.gap === 'urbanRural' && i.formula,
    );
    const e = (await c.get(`/api/v1/evaluation/explain?indicatorCode=${ratio.code}&orgUnitId=city`)).json();
    expect(e.formula).toBe(ratio.formula);
    expect(e.formulaInputs.length).toBe(2);
    expect(e.actual).toBeCloseTo(e.formulaInputs[0].value / e.formulaInputs[1].value, 6);
  });

  it('shows a district reporter only its own district', async () => {
    const c = await t.as('xiqu');
    const m = (await c.get('/api/v1/evaluation/matrix')).json();
    expect(m.units.map((u: { id: string }) => u.id)).toEqual(['xiqu']);
    expect((await c.get('/api/v1/evaluation/explain?indicatorCode=D2-02&orgUnitId=dongqu')).statusCode).toBe(403);
    const cockpit = (await c.get('/api/v1/cockpit')).json();
    expect(cockpit.scopeUnitId).toBe('xiqu');
  });

  it('recolours with configured thresholds, and refuses yellow beyond red', async () => {
    const gfb = await t.as('gfb');
    const before = (await gfb.get('/api/v1/evaluation/matrix')).json();
    const count = (m: { cells: { colour: string }[] }, colour: string) =>
      m.cells.filter((x) => x.colour === colour).length;
    expect(
      (await gfb.put('/api/v1/evaluation/thresholds', { yellowPoints: 50, redPoints: 30, rateYellowRelative: 0.1 }))
        .statusCode,
    ).toBe(400);
    expect(
      (await gfb.put('/api/v1/evaluation/thresholds', { yellowPoints: 0, redPoints: 0, rateYellowRelative: 0 }))
        .statusCode,
    ).toBe(200);
    const strict = (await gfb.get('/api/v1/evaluation/matrix')).json();
    expect(count(strict, 'red')).toBeGreaterThan(count(before, 'red'));
    expect(count(strict, 'yellow')).toBeLessThan(count(before, 'yellow'));
    await gfb.put('/api/v1/evaluation/thresholds', { yellowPoints: 10, redPoints: 30, rateYellowRelative: 0.1 });
  });

  it('evaluates once per click of 重新评价: the next reads use that run', async () => {
    const gfb = await t.as('gfb');
    const before = JSON.parse((await gfb.get('/api/v1/cockpit')).body).computedAt;
    t.clock.advance(60_000);
    const run = vi.spyOn(t.ctx.evaluation, 'run');
    try {
      const r = await gfb.post('/api/v1/evaluation/run', {});
      expect(r.statusCode).toBe(200);
      expect(run).toHaveBeenCalledTimes(1);
      const computedAt = (await gfb.get('/api/v1/evaluation/matrix')).json().computedAt;
      expect((await gfb.get('/api/v1/cockpit')).statusCode).toBe(200);
      expect((await gfb.get('/api/v1/evaluation/ranking')).statusCode).toBe(200);
      expect(run).toHaveBeenCalledTimes(1);
      // The cockpit answers from the new run, not from an answer cached before it.
      expect(computedAt).not.toBe(before);
      expect(JSON.parse((await gfb.get('/api/v1/cockpit')).body).computedAt).toBe(computedAt);
      // A change (new thresholds) makes the next read evaluate again, once.
      const th = (await gfb.get('/api/v1/evaluation/thresholds')).json();
      await gfb.put('/api/v1/evaluation/thresholds', th);
      await Promise.all([gfb.get('/api/v1/evaluation/matrix'), gfb.get('/api/v1/evaluation/matrix')]);
      expect(run).toHaveBeenCalledTimes(2);
    } finally {
      run.mockRestore();
    }
  });

  it('answers the cockpit from its cache until values change, then rebuilds it', async () => {
    const c = await t.as('leader');
    const a = (await c.get('/api/v1/cockpit')).body;
    const b = (await c.get('/api/v1/cockpit')).body;
    expect(b).toBe(a);
    const cockpit = JSON.parse(a);
    expect(cockpit.headline.length).toBeGreaterThanOrEqual(6);
    expect(cockpit.gaps.map((g: { gap: string }) => g.gap)).toEqual(
      expect.arrayContaining(['regional', 'urbanRural', 'income']),
    );
    expect(cockpit.ranking).toHaveLength(6);
    // Generated demo figures say so; the 2023 published county gap (1.89) does not.
    expect(cockpit.demoDataShare).toBeGreaterThan(0);
    expect(cockpit.headline.some((h: { generated: boolean }) => h.generated)).toBe(true);
    const regional = cockpit.gaps.find((g: { gap: string }) => g.gap === 'regional');
    expect(regional).toMatchObject({ actual: 1.89, period: '2023', generated: false });
    // Last year's figure, not judged against this year's target, and not called "no target" beside it.
    expect(regional).toMatchObject({ status: 'noData', colour: 'grey', score: null });
    expect(regional.label.zh).toBe(`2023年数据，本年待报`);
    expect(regional.label.en).toBe(`2023 figure; ${cockpit.year} not yet reported`);
    expect(cockpit.districts.map((d: { code: string }) => d.code)).toEqual(
      expect.arrayContaining(['510402', '510403', '510411', '510421', '510422']),
    );
    // 西区 reports and its reviewer approves a November figure: the cockpit moves to November.
    const xiqu = await t.as('xiqu');
    const grid = (await xiqu.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json();
    const row = grid.rows.find((r: { editable: boolean; minValue: number | null }) => r.editable);
    await xiqu.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: row.indicatorCode, value: row.previousValue ?? 1, version: null, note: null }],
    });
    await xiqu.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-11' });
    const shenhe = await t.as('shenhe');
    const queue = (await shenhe.get('/api/v1/values/review-queue')).json();
    await shenhe.post('/api/v1/values/review', {
      items: queue.map((q: { id: string; version: number }) => ({ id: q.id, version: q.version })),
      action: 'approve',
      reason: null,
    });
    // Approved is not published: the leader's cockpit is still October's.
    expect(JSON.parse((await c.get('/api/v1/cockpit')).body).availableAsOf).not.toContain('2024-11');
    const gfb = await t.as('gfb');
    await gfb.post('/api/v1/values/publish', { period: '2024-11' });
    const after = JSON.parse((await c.get('/api/v1/cockpit')).body);
    expect(after.availableAsOf).toContain('2024-11');
    // The city has not reported November yet: its cards show its latest figure, with that figure's period.
    const gdp = after.headline.find((h: { actual: number | null }) => h.actual !== null);
    expect(gdp.period).not.toBeNull();
  });
});

describe.each(testDialects())('work-team members and department reporters on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('shows a work-team member only the indicators of its own dimension', async () => {
    const team = await t.as('team');
    const me = (await team.get('/api/v1/auth/me')).json().user;
    const all = (await (await t.as('leader')).get('/api/v1/frameworks/current')).json();
    const own = all.dimensions
      .filter((d: { workTeamId: string | null }) => d.workTeamId === me.workTeamId)
      .map((d: { code: string }) => d.code);
    expect(own.length).toBeGreaterThan(0);
    const m = (await team.get('/api/v1/evaluation/matrix')).json();
    expect(m.indicators.length).toBeGreaterThan(0);
    expect(m.indicators.length).toBeLessThan(all.indicators.length);
    for (const i of m.indicators) expect(own).toContain(i.dimensionCode);
  });

  it('lets a department reporter enter only the indicators its department leads', async () => {
    const tjj = await t.as('tjj');
    const me = (await tjj.get('/api/v1/auth/me')).json().user;
    const grid = (await tjj.get('/api/v1/values/grid?orgUnitId=city&period=2024-11')).json();
    const fw = (await tjj.get('/api/v1/frameworks/current')).json();
    const lead = new Map(
      fw.indicators.map((i: { code: string; leadDepartmentId: string | null }) => [i.code, i.leadDepartmentId]),
    );
    const editable = grid.rows.filter((r: { editable: boolean }) => r.editable);
    expect(editable.length).toBeGreaterThan(0);
    for (const r of editable) expect(me.entryScope).toContain(lead.get(r.indicatorCode));
    const other = grid.rows.find(
      (r: { indicatorCode: string; computed: boolean }) =>
        !r.computed && !me.entryScope.includes(lead.get(r.indicatorCode)),
    );
    const res = await tjj.put('/api/v1/values/grid', {
      orgUnitId: 'city',
      period: '2024-11',
      entries: [{ indicatorCode: other.indicatorCode, value: 1, version: null, note: null }],
    });
    expect(res.statusCode).toBe(403);
  });
});
