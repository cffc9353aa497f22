import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

describe.each(testDialects())('framework versions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('ships the 2024 framework from the city documents: eight dimensions, 40+ indicators, sourced targets', async () => {
    const c = await t.as('leader');
    const d = (await c.get('/api/v1/frameworks/current')).json();
    expect(d.framework).toMatchObject({ year: 2024, status: 'published' });
    expect(d.dimensions.filter((x: { parentCode: string | null }) => x.parentCode === null)).toHaveLength(8);
    expect(d.indicators.length).toBeGreaterThanOrEqual(40);
    const gdp = d.targets.find(
      (x: { orgUnitId: string; floor: number; stretch: number }) =>
        x.orgUnitId === 'city' && x.floor === 6.5 && x.stretch === 7,
    );
    expect(gdp.source.title).toContain('政府工作报告');
    expect(d.indicators.filter((i: { formula: string | null }) => i.formula !== null).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses edits to a published framework; a new draft version takes them and publishing freezes it', async () => {
    const gfb = await t.as('gfb');
    const current = (await gfb.get('/api/v1/frameworks/current')).json();
    const ind = current.indicators[0];
    const edit = { ...ind, name: `${ind.name}（修订）` };
    delete edit.id;
    delete edit.sort;
    delete edit.source;
    const refused = await gfb.put(`/api/v1/frameworks/${current.framework.id}/indicators`, {
      rowVersion: current.framework.rowVersion,
      indicator: edit,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PUBLISHED');

    const created = await gfb.post(`/api/v1/frameworks/${current.framework.id}/versions`);
    expect(created.statusCode).toBe(200);
    const draftId = created.json().id as string;
    const draft = (await gfb.get(`/api/v1/frameworks/${draftId}`)).json();
    expect(draft.framework).toMatchObject({ status: 'draft', version: 2, basedOnId: current.framework.id });
    const saved = await gfb.put(`/api/v1/frameworks/${draftId}/indicators`, {
      rowVersion: draft.framework.rowVersion,
      indicator: edit,
    });
    expect(saved.statusCode).toBe(200);
    // A second save with the old row version is a conflict, not an overwrite.
    const stale = await gfb.put(`/api/v1/frameworks/${draftId}/indicators`, {
      rowVersion: draft.framework.rowVersion,
      indicator: edit,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');

    const after = (await gfb.get(`/api/v1/frameworks/${draftId}`)).json();
    expect(after.indicators.find((i: { code: string }) => i.code === ind.code).name).toBe(edit.name);
    expect(
      (await gfb.post(`/api/v1/frameworks/${draftId}/publish`, { rowVersion: after.framework.rowVersion })).statusCode,
    ).toBe(200);
    const frozen = (await gfb.get(`/api/v1/frameworks/${draftId}`)).json();
    expect(frozen.framework.status).toBe('published');
    expect(
      (
        await gfb.put(`/api/v1/frameworks/${draftId}/indicators`, {
          rowVersion: frozen.framework.rowVersion,
          indicator: edit,
        })
      ).json().error.code,
    ).toBe('PUBLISHED');
    // The published history is untouched.
    const v1 = (await gfb.get(`/api/v1/frameworks/${current.framework.id}`)).json();
    expect(v1.indicators.find((i: { code: string }) => i.code === ind.code).name).toBe(ind.name);
  });

  it('refuses a formula with an unknown reference, a type error or a cycle, naming the problem', async () => {
    const gfb = await t.as('gfb');
    const current = (await gfb.get('/api/v1/frameworks/current')).json();
    const check = (formula: string, indicatorCode?: string) =>
      gfb
        .post(`/api/v1/frameworks/${current.framework.id}/formula-check`, { formula, indicatorCode })
        .then((r) => r.json<{ ok: boolean; references: string[]; errors: { message: string; messageEn: string }[] }>());
    const unknown = await check('{NOPE} / 2');
    expect(unknown.ok).toBe(false);
    expect(unknown.errors[0]?.message).toContain('NOPE');
    const typed = await check('MAX_CHILDREN(1 + 2)');
    expect(typed.ok).toBe(false);
    expect(typed.errors[0]?.messageEn).toContain('indicator reference');
    const computed = current.indicators.find((i: { formula: string | null }) => i.formula !== null);
    const cyc = await check(`{${computed.code}} * 2`, computed.formula.match(/\{([^}]+)\}/)[1]);
    expect(cyc.ok).toBe(false);
    expect(cyc.errors[0]?.messageEn).toContain('refers to itself');
    const ok = await check('{D5-02} / {D4-02}');
    expect(ok).toMatchObject({ ok: true, references: ['D5-02', 'D4-02'] });
  });

  it('lets only the coordination centre edit frameworks', async () => {
    const leader = await t.as('leader');
    const res = await leader.post('/api/v1/frameworks/fw-2024-v1/versions');
    expect(res.statusCode).toBe(403);
  });
});
