/**
 * The monitoring cases over HTTP: the routes are wired, validate their input, refuse the wrong callers, and every
 * view of a named case is audited with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { removeGeneratedCases } from '../households.ts';

describe.each(testDialects())('household cases API on %s', (dialect) => {
  let t: TestApp;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-02T02:00:00Z' });
    // Only this test's case: the generated cases of the default data (示例数据) are taken out first.
    await removeGeneratedCases(t);
    caseId = (
      await t.ctx.householdCases.open(null, {
        householdId: 'hh-api',
        villageId: 'xiqu-geliping-xinzhuang',
        kind: 'zeroEmployment',
        source: 'dataMatch',
        department: '市人力资源和社会保障局',
        reason: '家庭劳动年龄成员均无参保就业记录',
        leadDate: '2026-11-25',
      })
    ).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('needs a session, and a reason to open a named case, which is then audited', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/household-cases' })).statusCode).toBe(401);
    const gfb = await t.as('gfb');
    const list = await gfb.get('/api/v1/household-cases');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject([
      { id: caseId, code: '监测〔2026〕1号', status: 'warning', overdue: true, actions: [] },
    ]);
    expect((await gfb.get(`/api/v1/household-cases/${caseId}`)).statusCode).toBe(400);
    const d = await gfb.get(`/api/v1/household-cases/${caseId}?reason=${encodeURIComponent('督办检查')}`);
    expect(d.statusCode).toBe(200);
    expect(d.json()).toMatchObject({
      case: { sourceDepartment: '市人力资源和社会保障局', step: { step: 'visit', due: '2026-11-28' } },
    });
    const audit = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'household.case.view')
      .where('object_id', '=', caseId)
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail ?? '{}') as { reason: string })).toMatchObject([
      { reason: '督办检查' },
    ]);
  });

  it('lets the centre supervise but not act, and run the warnings', async () => {
    const gfb = await t.as('gfb');
    const act = await gfb.post(`/api/v1/household-cases/${caseId}/act`, {
      action: 'recordVisit',
      version: 1,
      visit: { visitedOn: '2026-12-02', cadreName: '李', findings: '核实' },
    });
    expect(act.statusCode).toBe(403);
    // Acting is for the household roles: the route's gate refuses the centre before reading the body.
    const bad = await gfb.post(`/api/v1/household-cases/${caseId}/act`, { action: 'fly', version: 1 });
    expect(bad.statusCode).toBe(403);
    const xiqu = await t.as('xiqu');
    expect((await xiqu.post('/api/v1/household-cases/warnings/run')).statusCode).toBe(403);
    expect((await xiqu.get(`/api/v1/household-cases/${caseId}?reason=x`)).statusCode).toBe(403);
    // The public notice is the village's and its township's: the centre may not export named households with it.
    expect(
      (await gfb.get('/api/v1/household-cases/public-notice?village=xiqu-geliping-xinzhuang&format=pdf')).statusCode,
    ).toBe(403);
    expect(
      (await gfb.get('/api/v1/household-cases/public-notice?village=xiqu-geliping-xinzhuang&format=xlsx')).statusCode,
    ).toBe(403);
    const run = await gfb.post('/api/v1/household-cases/warnings/run');
    expect(run.statusCode).toBe(200);
    // The overdue visit was warned when the case was opened; the run finds nothing new.
    expect(run.json()).toMatchObject({ cases: 1, raised: 0, cleared: 0 });
    expect((await gfb.get('/api/v1/household-cases')).json()).toMatchObject([{ colour: 'yellow' }]);
    const clearing = await gfb.get('/api/v1/household-cases/clearing?level=village');
    expect(clearing.json()).toMatchObject({
      total: { open: 1, overdue: 1, targetOverdue: 1 },
      units: [{ unitName: '新庄村', open: 1 }],
    });
    const trend = await gfb.get('/api/v1/household-cases/clearing/trend?months=2');
    expect(trend.json()).toEqual([
      { month: '2026-11', opened: 1, cleared: 0, openAtEnd: 1 },
      { month: '2026-12', opened: 0, cleared: 0, openAtEnd: 1 },
    ]);
  });
});
