/**
 * The two scope rules of issue 13 (items 1 and 2), on both databases:
 * - every read that aggregates is computed for the reader's view scope, never a fallback to the city, and the
 *   three privileged administrators read none (Access.aggregateScope);
 * - whoever writes a list item holds both its lead unit and its district in their entry scope
 *   (Access.inListWriterScope): creating, editing, importing and issuing.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { clientOf, errorCode, login, makeUser } from './helpers.ts';

/** Every route that aggregates, as a reader would open it. */
const AGGREGATES = [
  '/api/v1/cockpit?asOf=2024-10',
  '/api/v1/evaluation/matrix?asOf=2024-10',
  '/api/v1/evaluation/ranking?asOf=2024-10',
  '/api/v1/evaluation/matrix.xlsx?asOf=2024-10',
  '/api/v1/evaluation/ranking.xlsx?asOf=2024-10',
  '/api/v1/lists/counts',
  '/api/v1/lists/items/export',
  '/api/v1/lists/records',
  '/api/v1/lists/leader-view',
  '/api/v1/lists/summary/monthly?period=2024-10',
];

function item(leadUnitId: string, districtId: string | null) {
  return {
    kind: 'reform',
    year: 2024,
    title: `范围测试事项 ${leadUnitId}/${districtId ?? '-'}`,
    leaderName: '副区长',
    leadUnitId,
    personInCharge: '张三',
    districtId,
    startDate: '2024-10-01',
    deadline: '2024-12-31',
  };
}

async function docText(body: Buffer): Promise<string> {
  return (await (await JSZip.loadAsync(new Uint8Array(body))).file('word/document.xml')?.async('string')) ?? '';
}

describe.each(testDialects())('aggregate read scope and the list writer rule on %s', (dialect) => {
  let t: TestApp;
  const signIn = async (spec: Parameters<typeof makeUser>[1]): Promise<Client> => {
    const u = await makeUser(t, spec);
    const otp = ['admin', 'securityAdmin', 'auditAdmin'].includes(spec.role) ? await t.otp(u.username) : undefined;
    return clientOf(t, await login(t, { username: u.username, password: TEST_PASSWORD, ...(otp ? { otp } : {}) }));
  };
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('refuses every aggregate to the three privileged administrators (403)', async () => {
    for (const username of ['admin', 'secadmin', 'auditor']) {
      const c = await t.as(username);
      for (const url of [...AGGREGATES, '/api/v1/bulletin.docx']) {
        const res = await c.get(url);
        expect(res.statusCode, `${username} ${url}: ${res.body.slice(0, 120)}`).toBe(403);
      }
    }
  });

  it('centres the cockpit and the bulletin of a township-scoped leader on the township, not the city', async () => {
    const city = await t.as('leader');
    const cityCockpit = (await city.get('/api/v1/cockpit?asOf=2024-10')).json<{
      scopeUnitId: string;
      headline: { actual: number | null; orgUnitId: string }[];
    }>();
    expect(cityCockpit.scopeUnitId).toBe('city');
    const cityFigures = cityCockpit.headline.filter((h) => h.actual !== null);
    expect(cityFigures.length).toBeGreaterThan(0);

    const township = await signIn({ role: 'leader', viewScope: ['xiqu-geliping'] });
    expect((await township.get('/api/v1/values/grid?orgUnitId=city&period=2024-10')).statusCode).toBe(403);
    const res = await township.get('/api/v1/cockpit?asOf=2024-10');
    expect(res.statusCode).toBe(200);
    const cockpit = res.json<{
      scopeUnitId: string;
      headline: { orgUnitId: string }[];
      ranking: unknown[];
      districts: unknown[];
      redList: unknown[];
    }>();
    expect(cockpit.scopeUnitId).toBe('xiqu-geliping');
    expect(cockpit.headline.every((h) => h.orgUnitId === 'xiqu-geliping')).toBe(true);
    expect(cockpit.ranking).toEqual([]);
    expect(cockpit.districts).toEqual([]);
    expect(cockpit.redList).toEqual([]);

    const doc = await docText((await township.get('/api/v1/bulletin.docx?asOf=2024-10')).rawPayload);
    expect(doc).toContain('格里坪镇');
    expect(doc).not.toContain('攀枝花市（全市）');
    const cityDoc = await docText((await city.get('/api/v1/bulletin.docx?asOf=2024-10')).rawPayload);
    const gdp = /地区生产总值增速[^<]*?\d+(\.\d+)?%/.exec(cityDoc)?.[0];
    if (gdp) expect(doc).not.toContain(gdp);
  });

  it('centres a district-scoped reader on the district and never answers with the city', async () => {
    const xiqu = await signIn({ role: 'leader', viewScope: ['xiqu'] });
    const cockpit = (await xiqu.get('/api/v1/cockpit?asOf=2024-10')).json<{ scopeUnitId: string }>();
    expect(cockpit.scopeUnitId).toBe('xiqu');
    const matrix = (await xiqu.get('/api/v1/evaluation/matrix?asOf=2024-10')).json<{ units: { id: string }[] }>();
    expect(matrix.units.map((u) => u.id)).toEqual(['xiqu']);
    const nobody = await signIn({ role: 'leader', viewScope: [] });
    const none = await nobody.get('/api/v1/cockpit?asOf=2024-10');
    expect(none.statusCode).toBe(403);
    expect(errorCode(none)).toBe('OUT_OF_SCOPE');
  });

  it('lets a coordinator write only items whose lead unit and district both lie in its entry scope', async () => {
    const xiqu = await signIn({ role: 'coordinator', entryScope: ['xiqu'], viewScope: ['xiqu'] });
    // Led by 东区, placed in 西区: refused, though the district is in scope.
    const across = await xiqu.post('/api/v1/lists/items', item('dongqu', 'xiqu'));
    expect(across.statusCode, across.body).toBe(403);
    expect(errorCode(across)).toBe('OUT_OF_SCOPE');
    // Led by 西区, placed in 东区: refused too.
    expect((await xiqu.post('/api/v1/lists/items', item('xiqu', 'dongqu'))).statusCode).toBe(403);
    // Inside on both counts: accepted.
    const own = await xiqu.post('/api/v1/lists/items', item('xiqu', 'xiqu'));
    expect(own.statusCode, own.body).toBe(200);
    const id = own.json<{ id: string }>().id;
    // Editing it into 东区 is refused, and nothing changes.
    const moved = await xiqu.put(`/api/v1/lists/items/${id}`, { version: 1, item: item('dongqu', 'xiqu') });
    expect(moved.statusCode, moved.body).toBe(403);
    const after = (await xiqu.get(`/api/v1/lists/items/${id}`)).json<{
      item: { leadUnitId: string; version: number };
    }>();
    expect(after.item).toMatchObject({ leadUnitId: 'xiqu', version: 1 });

    // A city-wide coordinator's item led by 东区 but placed in 西区 cannot be issued by the 西区 coordinator.
    const gfb = await t.as('gfb');
    const mixed = await gfb.post('/api/v1/lists/items', item('dongqu', 'xiqu'));
    expect(mixed.statusCode, mixed.body).toBe(200);
    const mixedId = mixed.json<{ id: string }>().id;
    const issue = await xiqu.post(`/api/v1/lists/items/${mixedId}/issue`, { version: 1 });
    expect(issue.statusCode, issue.body).toBe(403);
    expect((await gfb.post(`/api/v1/lists/items/${mixedId}/issue`, { version: 1 })).statusCode).toBe(200);
  });
});
