import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDMX_COLUMNS, SDMX_DATAFLOW } from '../../src/server/modules/exchange/sdmx.format.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { reporterToken } from '../exchange.ts';

interface Summary {
  status: string;
  importCount: { imported: number; updated: number; ignored: number };
  conflicts: { errorCode: string; object: string; line: number | null; text: { zh: string; en: string } }[];
}

/**
 * ADX import and export through the same value service (issue 12), its XML parsed without entity expansion, the
 * round trip byte for byte; and the SDMX-CSV export of published figures with its observation status.
 */
describe.each(testDialects())('ADX and SDMX-CSV on %s', (dialect) => {
  let t: TestApp;
  let token: string;
  let codes: string[];
  let mids: Map<string, string>;

  const post = (app: TestApp, tok: string, body: string, query = '') =>
    app.app.inject({
      method: 'POST',
      url: `/api/v1/exchange/adx${query}`,
      headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/adx+xml' },
      payload: body,
    });
  const adx = (values: { de: string; value: string; period?: string; ou?: string; note?: string }[]) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<adx xmlns="urn:ihe:qrph:adx:2015" exported="2024-12-05T02:00:00Z">\n` +
    values
      .map(
        (v) =>
          `<group orgUnit="${v.ou ?? '510403'}" period="${v.period ?? '2024-12-01/P1M'}">` +
          `<dataValue dataElement="${v.de}" value="${v.value}">${v.note ? `<annotation>${v.note}</annotation>` : ''}</dataValue></group>`,
      )
      .join('\n') +
    '\n</adx>\n';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    token = await reporterToken(t);
    const grid = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/values/grid?orgUnitId=xiqu&period=2024-12',
        headers: { authorization: `Bearer ${token}` },
      })
    ).json<{
      rows: {
        indicatorCode: string;
        editable: boolean;
        value: unknown;
        minValue: number | null;
        maxValue: number | null;
      }[];
    }>();
    const free = grid.rows.filter((r) => r.editable && r.value === null).slice(0, 4);
    codes = free.map((r) => r.indicatorCode);
    mids = new Map(
      free.map((r) => [r.indicatorCode, String(((r.minValue ?? 0) + (r.maxValue ?? (r.minValue ?? 0) + 20)) / 2)]),
    );
  }, 120_000);
  afterAll(async () => t.close());

  it('imports ADX as drafts, every bad value a conflict, all or nothing', async () => {
    const bad = (
      await post(
        t,
        token,
        adx([
          { de: codes[0] as string, value: mids.get(codes[0] as string) as string },
          { de: codes[1] as string, value: '1', period: '2024-12-15/P1M' },
          { de: codes[1] as string, value: 'x' },
        ]),
      )
    ).json<Summary>();
    expect(bad.status).toBe('ERROR');
    expect(bad.conflicts.map((c) => c.errorCode)).toEqual(['E_PERIOD', 'E_VALUE']);
    expect(bad.conflicts[0]?.line).toBeGreaterThan(0);
    const ok = (
      await post(
        t,
        token,
        adx([{ de: codes[0] as string, value: mids.get(codes[0] as string) as string, note: '来自省平台' }]),
        '?fileName=province.xml',
      )
    ).json<Summary>();
    expect(ok).toMatchObject({ status: 'SUCCESS', importCount: { imported: 1 } });
  });

  it('answers a DOCTYPE (XXE, billion laughs) with one conflict and stores nothing', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE adx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="510403" period="2024-12-01/P1M"><dataValue dataElement="${codes[1]}" value="&xxe;"/></group></adx>`;
    const res = (await post(t, token, xxe)).json<Summary>();
    expect(res.status).toBe('ERROR');
    expect(res.conflicts).toHaveLength(1);
    expect(res.conflicts[0]).toMatchObject({ errorCode: 'E_FILE', object: 'file' });
    expect(res.conflicts[0]?.text.en).toMatch(/DOCTYPE is not allowed/);
    expect(JSON.stringify(res)).not.toContain('root:');
  });

  it('round-trips byte for byte: export → import into an empty database → export', async () => {
    const url = '/api/v1/exchange/adx.xml?period=202412&orgUnit=510403&status=all';
    const first = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/adx\+xml/);
    expect(first.body).toContain(`<dataValue dataElement="${codes[0]}"`);
    expect(first.body).toContain('<annotation>来自省平台</annotation>');
    const b = await createTestApp(dialect);
    try {
      const bToken = await reporterToken(b);
      b.clock.set(t.clock.now());
      expect((await post(b, bToken, first.body)).json<Summary>()).toMatchObject({
        status: 'SUCCESS',
        importCount: { imported: 1 },
      });
      const second = await b.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bToken}` } });
      expect(second.body).toBe(first.body);
    } finally {
      await b.close();
    }
  }, 240_000);

  it('exports published figures as SDMX-CSV: the structure, the observation status, the reader’s scope', async () => {
    const xiqu = await t.as('xiqu');
    const res = await xiqu.get('/api/v1/exchange/sdmx/data.csv');
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.trimEnd().split('\n');
    expect(lines[0]).toBe(SDMX_COLUMNS.join(','));
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r[0]).toBe(SDMX_DATAFLOW);
      expect(r[2]).toBe('510403'); // 西区 only: the reader's view scope
      expect(r[3]).toMatch(/^2024(-Q[1-4]|-\d{2})?$/);
      expect(Number.isFinite(Number(r[4]))).toBe(true);
      expect(['A', 'G']).toContain(r[6]);
    }
    // The default data's monthly figures are generated demonstration data: said so, never passed off as published.
    expect(rows.some((r) => r[6] === 'G')).toBe(true);
    // Only the centre and reviewers see provisional (approved, unpublished) figures.
    expect((await xiqu.get('/api/v1/exchange/sdmx/data.csv?preview=true')).statusCode).toBe(403);
    const gfb = await t.as('gfb');
    const preview = await gfb.get('/api/v1/exchange/sdmx/data.csv?preview=true');
    expect(preview.statusCode).toBe(200);
    // The three administrators read no business data.
    expect((await (await t.as('admin')).get('/api/v1/exchange/sdmx/data.csv')).statusCode).toBe(403);
  });
});
