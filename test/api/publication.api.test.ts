import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

/** The answer without the time it was computed at (a re-run after any change moves it). */
const sansTime = (body: string) => JSON.stringify({ ...JSON.parse(body), computedAt: null });

interface Cell {
  indicatorCode: string;
  orgUnitId: string;
  period: string | null;
  actual: number | null;
  unpublished: boolean;
}

describe.each(testDialects())('what leaders see is published, on %s', (dialect) => {
  let t: TestApp;
  let leader: Client;
  let gfb: Client;
  let code: string;
  let entered: number;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    leader = await t.as('leader');
    gfb = await t.as('gfb');
  });
  afterAll(async () => t.close());

  it('keeps an approved figure out of the cockpit and the matrix until it is published', async () => {
    const cockpit0 = sansTime((await leader.get('/api/v1/cockpit')).body);
    const matrix0 = sansTime((await leader.get('/api/v1/evaluation/matrix')).body);
    const ranking0 = (await leader.get('/api/v1/evaluation/ranking')).body;

    // 西区 reports one figure of the open month; its reviewer approves it.
    const xiqu = await t.as('xiqu');
    const grid = (await xiqu.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json();
    const row = grid.rows.find(
      (r: { editable: boolean; previousValue: number | null }) => r.editable && r.previousValue !== null,
    );
    code = row.indicatorCode;
    entered = row.previousValue;
    expect(
      (
        await xiqu.put('/api/v1/values/grid', {
          orgUnitId: 'xiqu',
          period: '2024-11',
          entries: [{ indicatorCode: code, value: entered, version: null, note: null }],
        })
      ).statusCode,
    ).toBe(200);
    expect((await xiqu.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-11' })).statusCode).toBe(200);
    const shenhe = await t.as('shenhe');
    const queue = (await shenhe.get('/api/v1/values/review-queue')).json();
    expect(queue.length).toBeGreaterThan(0);
    const reviewed = await shenhe.post('/api/v1/values/review', {
      items: queue.map((q: { id: string; version: number }) => ({ id: q.id, version: q.version })),
      action: 'approve',
      reason: null,
    });
    expect(reviewed.statusCode).toBe(200);

    // Approved, not published: the leader's answers are unchanged (apart from when they were computed).
    expect(sansTime((await leader.get('/api/v1/cockpit')).body)).toBe(cockpit0);
    expect(sansTime((await leader.get('/api/v1/evaluation/matrix')).body)).toBe(matrix0);
    expect((await leader.get('/api/v1/evaluation/ranking')).body).toBe(ranking0);
    const m = (await leader.get('/api/v1/evaluation/matrix')).json();
    expect(m.preview).toBe(false);
    expect(m.availableAsOf).not.toContain('2024-11');
    expect((await leader.get('/api/v1/evaluation/matrix?asOf=2024-11')).statusCode).toBe(400);
  });

  it('lets the centre and reviewers preview it, labelled, and nobody else', async () => {
    const p = (await gfb.get('/api/v1/evaluation/matrix?asOf=2024-11&preview=true')).json();
    expect(p.preview).toBe(true);
    const cell = p.cells.find((c: Cell) => c.indicatorCode === code && c.orgUnitId === 'xiqu');
    expect(cell).toMatchObject({ period: '2024-11', actual: entered, unpublished: true });
    // Cells resting only on published figures are not labelled.
    expect(
      p.cells.filter((c: Cell) => c.unpublished).every((c: Cell) => c.orgUnitId === 'xiqu' || c.orgUnitId === 'city'),
    ).toBe(true);
    const shenhe = await t.as('shenhe');
    expect((await shenhe.get('/api/v1/cockpit?asOf=2024-11&preview=true')).json().preview).toBe(true);
    const e = (
      await gfb.get(`/api/v1/evaluation/explain?indicatorCode=${code}&orgUnitId=xiqu&asOf=2024-11&preview=1`)
    ).json();
    expect(e).toMatchObject({ preview: true, unpublished: true, actual: entered });
    for (const url of ['/api/v1/cockpit?preview=true', '/api/v1/evaluation/matrix?preview=true']) {
      const res = await leader.get(url);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await gfb.get('/api/v1/evaluation/matrix?preview=maybe')).statusCode).toBe(400);
  });

  it('says what publishing will change, then the leader sees it', async () => {
    const before = sansTime((await leader.get('/api/v1/cockpit')).body);
    const preview = (await gfb.get('/api/v1/values/publish-preview?period=2024-11')).json();
    expect(preview).toMatchObject({ period: '2024-11', locked: false, count: 1, indicators: 1 });
    expect(preview.units).toEqual([{ orgUnitId: 'xiqu', name: '西区', nameEn: expect.any(String), count: 1 }]);
    expect((await gfb.post('/api/v1/values/publish', { period: '2024-11' })).json()).toEqual({ published: 1 });
    expect((await gfb.get('/api/v1/values/publish-preview?period=2024-11')).json().count).toBe(0);

    const m = (await leader.get('/api/v1/evaluation/matrix?asOf=2024-11')).json();
    expect(m.availableAsOf).toContain('2024-11');
    const cell = m.cells.find((c: Cell) => c.indicatorCode === code && c.orgUnitId === 'xiqu');
    expect(cell).toMatchObject({ period: '2024-11', actual: entered, unpublished: false });
    const cockpit = (await leader.get('/api/v1/cockpit')).json();
    expect(cockpit.availableAsOf).toContain('2024-11');
    expect(sansTime(JSON.stringify(cockpit))).not.toBe(before);
  });

  it('compares like with like as of a month, and says how many units have reported it', async () => {
    // By default the latest month every unit has reported; November, where only 西区 has, is one choice away.
    const m = (await leader.get('/api/v1/evaluation/matrix')).json();
    expect(m.asOf).toBe('2024-10');
    expect(m.coverage).toMatchObject({ asOf: '2024-10', reported: 7, expected: 7, missingUnitIds: [] });
    expect(m.availableCoverage.at(-1)).toEqual({ asOf: '2024-11', reported: 1, expected: 7 });
    const nov = (await leader.get('/api/v1/evaluation/matrix?asOf=2024-11')).json();
    expect(nov.coverage).toMatchObject({ reported: 1, expected: 7 });
    expect(nov.coverage.missingUnitIds).toEqual(['city', 'dongqu', 'renhe', 'miyi', 'yanbian', 'hitech']);
    // Every monthly cell is for November: the others have no data there, not their October figures.
    const monthly = new Set(
      m.indicators
        .filter((i: { code: string }) =>
          m.cells.some((c: Cell) => c.indicatorCode === i.code && c.period === '2024-10'),
        )
        .map((i: { code: string }) => i.code),
    );
    // Indicators fed by another module (the project ledger's D2-30…36, the lists' D1-01) have their own November
    // figure for every unit, computed from that module as of the month's end: not entered, so not "reported".
    const framework = (await gfb.get(`/api/v1/frameworks/${nov.frameworkId}`)).json<{
      indicators: { code: string; fedBy: string | null; formula: string | null }[];
    }>();
    const fed = new Set(framework.indicators.filter((i) => i.fedBy !== null).map((i) => i.code));
    // …and so have the formulas over them (D2-35 = {D2-33} / {D2-34} × 100).
    for (const i of framework.indicators)
      if (i.formula && [...fed].some((f) => i.formula?.includes(`{${f}}`))) fed.add(i.code);
    const cells = nov.cells.filter((c: Cell) => monthly.has(c.indicatorCode) && !fed.has(c.indicatorCode));
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.period).toBe('2024-11');
    for (const c of cells.filter((x: Cell) => x.orgUnitId !== 'xiqu' && x.orgUnitId !== 'city'))
      expect(c.actual, c.indicatorCode).toBeNull();
    const cockpit = (await leader.get('/api/v1/cockpit?asOf=2024-11')).json();
    expect(cockpit.coverage).toMatchObject({ asOf: '2024-11', reported: 1, expected: 7 });
  });
});
