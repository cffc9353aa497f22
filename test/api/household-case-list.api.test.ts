/**
 * The case list and the cases of one household over HTTP: filtered and paged on the server, each reader kept to its
 * scope (a village cadre its village, a township officer its township, a county officer its kinds, the centre counts
 * and codes without names), and refused to leaders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasePage } from '../../src/shared/api/household-cases.ts';
import type { HouseholdTables } from '../../src/server/db/household-tables.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { removeGeneratedCases } from '../households.ts';

const XINZHUANG = 'xiqu-geliping-xinzhuang';

describe.each(testDialects())('household case list API on %s', (dialect) => {
  let t: TestApp;
  /** A: 新庄村, below 10,000, overdue; B: another village of 格里坪镇, zero-employment; C: another township of 西区. */
  const hh = { a: '', b: '', c: '' };
  const codes = { a: '', b: '', c: '' };
  let headA = '';
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-02T02:00:00Z' });
    await removeGeneratedCases(t);
    const k = t.ctx.db.kysely.withTables<HouseholdTables>();
    const first = async (where: (v: string) => boolean) => {
      const rows = await k.selectFrom('households').select(['id', 'village_id', 'head_name']).orderBy('code').execute();
      const r = rows.find((x) => where(x.village_id));
      if (!r) throw new Error('the default data has no such household');
      return r;
    };
    const a = await first((v) => v === XINZHUANG);
    const b = await first((v) => v.startsWith('xiqu-geliping-') && v !== XINZHUANG);
    const c = await first((v) => v.startsWith('xiqu-') && !v.startsWith('xiqu-geliping'));
    headA = t.ctx.householdCases['d'].decrypt(a.head_name);
    const open = async (h: typeof a, kind: string, leadDate: string) =>
      (
        await t.ctx.householdCases.open(null, {
          householdId: h.id,
          villageId: h.village_id,
          kind,
          source: 'visit',
          reason: '走访发现',
          leadDate,
        })
      ).code;
    codes.a = await open(a, 'below10k', '2026-11-20');
    codes.b = await open(b, 'zeroEmployment', '2026-12-02');
    codes.c = await open(c, 'below10k', '2026-12-01');
    Object.assign(hh, { a: a.id, b: b.id, c: c.id });
  });
  afterAll(async () => {
    await t.close();
  });

  const page = async (user: string, query = '') => {
    const res = await (await t.as(user)).get(`/api/v1/household-cases/list${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CasePage>();
  };

  it('keeps a village cadre to its village, with the head name masked', async () => {
    const p = await page('cungb');
    expect(p.rows.map((r) => r.code)).toEqual([codes.a]);
    expect(p.total).toBe(1);
    expect(p.rows[0]?.household?.headName).toMatch(/\*/);
    expect(JSON.stringify(p)).not.toContain(headA);
    const cungb = await t.as('cungb');
    const own = await cungb.get(`/api/v1/households/${hh.a}/cases`);
    expect(own.statusCode).toBe(200);
    expect(own.json<{ code: string }[]>().map((r) => r.code)).toEqual([codes.a]);
    expect((await cungb.get(`/api/v1/households/${hh.b}/cases`)).statusCode).toBe(403);
    expect((await cungb.get('/api/v1/households/no-such-household/cases')).statusCode).toBe(404);
  });

  it('filters a township officer’s cases by kind, unit, overdue and status, a page at a time', async () => {
    expect((await page('xiangzhen')).rows.map((r) => r.code)).toEqual([codes.a, codes.b]);
    expect((await page('xiangzhen', '?kind=zeroEmployment')).rows.map((r) => r.code)).toEqual([codes.b]);
    expect((await page('xiangzhen', `?unit=${XINZHUANG}`)).rows.map((r) => r.code)).toEqual([codes.a]);
    const overdue = await page('xiangzhen', '?overdue=true');
    expect(overdue.rows.map((r) => r.code)).toEqual([codes.a]);
    expect(overdue).toMatchObject({ total: 1, todo: 1, overdue: 1 });
    expect((await page('xiangzhen', '?status=closed')).total).toBe(0);
    expect((await page('xiangzhen', '?status=warning&mine=true')).total).toBe(2);
    const second = await page('xiangzhen', '?pageSize=1&page=2');
    expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1, todo: 2, overdue: 1 });
    expect(second.rows.map((r) => r.code)).toEqual([codes.b]);
    // A unit wider than the scope finds the scope's cases only, not the rest of the district.
    expect((await page('xiangzhen', '?unit=xiqu')).rows.map((r) => r.code)).toEqual([codes.a, codes.b]);
    const bad = await (await t.as('xiangzhen')).get('/api/v1/household-cases/list?pageSize=1000');
    expect(bad.statusCode).toBe(400);
  });

  it('finds the households with a case in a state on the server, within the reader’s scope', async () => {
    const ids = async (user: string, status: string) => {
      const res = await (await t.as(user)).get(`/api/v1/households?caseStatus=${status}&pageSize=200`);
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json<{ rows: { id: string }[] }>()
        .rows.map((r) => r.id)
        .sort();
    };
    expect(await ids('cungb', 'warning')).toEqual([hh.a]);
    expect(await ids('xiangzhen', 'warning')).toEqual([hh.a, hh.b].sort());
    expect(await ids('xiangzhen', 'closed')).toEqual([]);
  });

  it('keeps a county officer to the kinds of its department', async () => {
    expect((await page('renshe')).rows.map((r) => r.code)).toEqual([codes.b]);
    expect((await page('minzheng')).rows.map((r) => r.code).sort()).toEqual([codes.a, codes.c].sort());
    const renshe = await t.as('renshe');
    expect((await renshe.get(`/api/v1/households/${hh.a}/cases`)).json()).toEqual([]);
  });

  it('shows the centre every case of its view without a name, with nothing to do; a leader nothing', async () => {
    const p = await page('gfb');
    expect(p.total).toBe(3);
    expect(p.rows.every((r) => r.household === null)).toBe(true);
    expect(JSON.stringify(p)).not.toContain(headA);
    expect((await page('gfb', '?mine=true')).total).toBe(0);
    const leader = await t.as('leader');
    expect((await leader.get('/api/v1/household-cases/list')).statusCode).toBe(403);
    expect((await leader.get(`/api/v1/households/${hh.a}/cases`)).statusCode).toBe(403);
  });
});
