/**
 * The ledger's table and aggregates are held serialised (project.answers.ts): on each dialect, with the default data
 * and the clock at 2025-06-15 (May's return is due), both answers — plain and compressed — still parse with their
 * table schemas, a reader outside a district still gets 403 for it after another reader's answer was held, and a
 * write is visible at once: a return approved shows in the next GET of the table and of the aggregates.
 */
import zlib from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoutes } from '../../src/shared/api/projects.ts';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

describe.each(testDialects())('the ledger’s held answers on %s', (dialect) => {
  let t: TestApp;
  let gfb: Client;
  let xiqu: Client;
  let shenhe: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2025-06-15T02:00:00Z' });
    gfb = await t.as('gfb');
    xiqu = await t.as('xiqu');
    shenhe = await t.as('shenhe');
  });
  afterAll(async () => t.close());

  const brotli = (c: Client, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie, 'accept-encoding': 'br' } });
  const json = (res: LightMyRequestResponse): unknown => {
    expect(res.statusCode, res.body).toBe(200);
    const raw = res.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(res.rawPayload) : res.rawPayload;
    return JSON.parse(raw.toString('utf8'));
  };
  const table = async (c: Client = gfb) =>
    projectRoutes.search.response.parse(json(await c.get('/api/v1/projects?districtId=xiqu&pageSize=500')));
  const aggregates = async () =>
    projectRoutes.aggregates.response.parse(json(await gfb.get('/api/v1/projects/aggregates')));

  it('answers both routes in their table shapes, the same plain and compressed, held or not', async () => {
    const first = await table();
    expect(first.rows.length).toBeGreaterThan(0);
    const held = await table();
    expect(held).toEqual(first);
    const compressed = await brotli(gfb, '/api/v1/projects?districtId=xiqu&pageSize=500');
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(projectRoutes.search.response.parse(json(compressed))).toEqual(first);
    // The same question asked in another order of its parameters is the same answer.
    const reordered = await gfb.get('/api/v1/projects?pageSize=500&districtId=xiqu');
    expect(projectRoutes.search.response.parse(json(reordered))).toEqual(first);

    const a = await aggregates();
    expect(a.units.some((u) => u.unitId === 'xiqu')).toBe(true);
    const aCompressed = await brotli(gfb, '/api/v1/projects/aggregates');
    expect(projectRoutes.aggregates.response.parse(json(aCompressed))).toEqual(a);
  });

  it('checks the reader’s scope on every request, a held answer’s too', async () => {
    await table(gfb);
    // 西区's reporter reads 西区 but not 东区, whatever the centre's reader has had held.
    expect((await table(xiqu)).rows.every((r) => r.districtId.startsWith('xiqu'))).toBe(true);
    const other = await gfb.get('/api/v1/projects?districtId=dongqu&pageSize=500');
    expect(other.statusCode, other.body).toBe(200);
    expect((await xiqu.get('/api/v1/projects?districtId=dongqu&pageSize=500')).statusCode).toBe(403);
    const mine = projectRoutes.aggregates.response.parse(json(await xiqu.get('/api/v1/projects/aggregates')));
    expect(mine.units.map((u) => u.unitId)).not.toContain('dongqu');
    expect(
      (await gfb.get('/api/v1/projects/aggregates')).json<{ units: { unitId: string }[] }>().units.map((u) => u.unitId),
    ).toContain('dongqu');
  });

  it('shows a return approved in the next GET of the table and of the aggregates', async () => {
    const before = await table();
    const aBefore = await aggregates();
    const month = before.month;
    const year = month.slice(0, 4);
    // A key project of 西区 with a plan for the year, started, whose return for the judged month is not yet in.
    let chosen: { id: string; version: number | null; ytd: number; sinceStart: number } | null = null;
    for (const row of before.rows) {
      if (row.level === 'district' || row.planned === null || row.districtId !== 'xiqu') continue;
      if (!row.actualStart || row.actualStart.slice(0, 7) > month) continue;
      if (row.actualCompletion && row.actualCompletion.slice(0, 7) < month) continue;
      const detail = projectRoutes.detail.response.parse((await gfb.get(`/api/v1/projects/${row.id}`)).json());
      const current = detail.returns.find((r) => r.month === month);
      if (current && current.status !== 'draft') continue;
      const previous = detail.returns
        .filter((r) => r.month < month && r.status === 'approved')
        .sort((x, y) => (x.month < y.month ? -1 : 1))
        .at(-1);
      chosen = {
        id: row.id,
        version: current?.version ?? null,
        ytd: previous?.month.startsWith(year) ? previous.ytd : 0,
        sinceStart: previous?.sinceStart ?? 0,
      };
      break;
    }
    expect(chosen, 'a key project of 西区 that owes its return').not.toBeNull();
    const c = chosen!;
    const saved = await xiqu.put(`/api/v1/projects/${c.id}/returns/${month}`, {
      version: c.version,
      thisMonth: 1234,
      ytd: c.ytd + 1234,
      sinceStart: c.sinceStart + 1234,
      progressText: '主体工程施工',
      progressPercent: 50,
      workers: 40,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const filed = projectRoutes.detail.response
      .parse((await gfb.get(`/api/v1/projects/${c.id}`)).json())
      .returns.find((r) => r.month === month)!;
    expect((await xiqu.post('/api/v1/projects/returns/submit', { ids: [filed.id] })).statusCode).toBe(200);
    const approved = await shenhe.post('/api/v1/projects/returns/review', {
      ids: [filed.id],
      decision: 'approve',
      comment: '',
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const after = await table();
    const row = after.rows.find((r) => r.id === c.id)!;
    expect(row.ytd).toBeCloseTo(c.ytd + 1234, 6);
    const xiquBefore = aBefore.units.find((u) => u.unitId === 'xiqu')!;
    const xiquAfter = (await aggregates()).units.find((u) => u.unitId === 'xiqu')!;
    expect(xiquAfter.ytd).toBeCloseTo(xiquBefore.ytd - before.rows.find((r) => r.id === c.id)!.ytd + c.ytd + 1234, 6);
  });
});
