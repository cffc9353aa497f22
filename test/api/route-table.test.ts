import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteContract } from '../../src/shared/contract.ts';
import { routes } from '../../src/shared/routes.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

/** The server registers every route of the shared table, and answers what the table's response schema says. */
describe.each(testDialects())('the shared route table on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('is what the server registers, with the access rule it declares', async () => {
    const all: RouteContract[] = Object.values(routes).flatMap((m) => Object.values(m));
    const xiqu = await t.as('xiqu'); // a district reporter
    for (const c of all) {
      const url = `/api/v1${c.path.replace(/:(\w+)/g, 'x')}`;
      expect(t.app.hasRoute({ method: c.method, url: `/api/v1${c.path}` }), `${c.method} ${c.path}`).toBe(true);
      const anonymous = await t.app.inject({ method: c.method, url });
      if (c.access !== 'public') expect(anonymous.statusCode, `${c.method} ${c.path}`).toBe(401);
      if (Array.isArray(c.access) && !c.access.includes('districtReporter')) {
        const refused =
          c.method === 'GET'
            ? await xiqu.get(url)
            : c.method === 'DELETE'
              ? await xiqu.delete(url)
              : c.method === 'POST'
                ? await xiqu.post(url, {})
                : await xiqu.put(url, {});
        expect(refused.statusCode, `${c.method} ${c.path}`).toBe(403);
      }
    }
  });

  it('answers in the shape of the response schema', async () => {
    const gfb = await t.as('gfb');
    const rounds = routes.rounds.list.response.parse((await gfb.get('/api/v1/rounds')).json());
    expect(rounds.length).toBeGreaterThan(0);
    const status = (await gfb.get(`/api/v1/rounds/${rounds[0]?.id ?? ''}/status`)).json();
    expect(routes.rounds.status.response.parse(status).round.id).toBe(rounds[0]?.id);
    expect(routes.org.units.response.parse((await gfb.get('/api/v1/org-units')).json()).length).toBeGreaterThan(0);
  });

  it('sends the pre-serialised answers (entry grid, cockpit) in the shape of their schemas, which zod skips on the way out', async () => {
    const xiqu = await t.as('xiqu');
    const grid = routes.values.grid.response.parse(
      (await xiqu.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json(),
    );
    expect(grid.rows.length).toBeGreaterThan(0);
    const gfb = await t.as('gfb');
    const cockpit = routes.cockpit.cockpit.response.parse((await gfb.get('/api/v1/cockpit')).json());
    expect(cockpit.districts.length).toBeGreaterThan(0);
  });
});
