import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { auditHead, auditSince } from '../security/helpers.ts';
import { reporterToken } from '../exchange.ts';
import { ExchangeRepository } from '../../src/server/modules/exchange/exchange.repository.ts';

interface Summary {
  status: string;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  conflicts: {
    object: string;
    value: string;
    text: { zh: string; en: string };
    errorCode: string;
    indexes: number[];
    line: number | null;
  }[];
}

interface GridRow {
  indicatorCode: string;
  editable: boolean;
  minValue: number | null;
  maxValue: number | null;
  value: { id: string; value: number | null; status: string } | null;
}

/**
 * DHIS2 data value sets in and out (issue 12): DHIS2's documented examples with their identifiers mapped, every kind
 * of bad input as a conflict naming the value, all or nothing, dry run, import strategies, the entry grid's rules
 * (scope, locked periods, framework year, workflow, stale edits), drafts or submitted never published, the origin
 * in the history, and a byte-for-byte round trip in JSON and CSV.
 */
describe.each(testDialects())('DHIS2 data value sets on %s', (dialect) => {
  let t: TestApp;
  let token: string;
  let gfb: Client;
  let rows: GridRow[];
  /** Three enterable monthly indicators of 西区 with no value in 2024-12. */
  let codes: [string, string, string];

  const send = (body: string, query = '', type = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/exchange/dhis2/dataValueSets${query}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      payload: body,
    });
  const summaryOf = (res: { statusCode: number; body: string; json: <T>() => T }) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Summary>();
  };
  const grid = async (period: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/values/grid?orgUnitId=xiqu&period=${period}`,
        headers: { authorization: `Bearer ${token}` },
      })
    ).json<{ rows: GridRow[] }>().rows;
  const valueSet = (values: { de: string; pe?: string; ou?: string; value: string; comment?: string }[]) =>
    JSON.stringify({
      dataValues: values.map((v) => ({
        dataElement: v.de,
        period: v.pe ?? '202412',
        orgUnit: v.ou ?? '510403',
        value: v.value,
        ...(v.comment ? { comment: v.comment } : {}),
      })),
    });
  /** A figure inside the indicator's range: the middle of [min, max] (0 and 20 where the framework sets none). */
  const safe = (r: GridRow) => String(((r.minValue ?? 0) + (r.maxValue ?? Math.max(20, (r.minValue ?? 0) + 20))) / 2);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    token = await reporterToken(t);
    gfb = await t.as('gfb');
    rows = (await grid('2024-12')).filter((r) => r.editable && r.value === null);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    codes = rows.slice(0, 3).map((r) => r.indicatorCode) as [string, string, string];
  }, 120_000);
  afterAll(async () => t.close());

  const row = (code: string) => rows.find((r) => r.indicatorCode === code) as GridRow;

  it('imports with Gongfu codes as drafts, with the origin in the history', async () => {
    const head = await auditHead(t);
    const s = summaryOf(
      await send(
        valueSet([
          { de: codes[0], value: safe(row(codes[0])), comment: '来自统计局' },
          { de: codes[1], value: safe(row(codes[1])) },
        ]),
        '?fileName=xiqu-202412.json',
      ),
    );
    expect(s.status).toBe('SUCCESS');
    expect(s.importCount).toEqual({ imported: 2, updated: 0, ignored: 0, deleted: 0 });
    const after = await grid('2024-12');
    const v = after.find((r) => r.indicatorCode === codes[0])?.value;
    expect(v?.status).toBe('draft');
    const history = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/values/${v?.id}/history`,
        headers: { authorization: `Bearer ${token}` },
      })
    ).json<{ entries: { action: string; source: string | null; reason: string | null }[] }>();
    expect(history.entries[0]?.action).toBe('enter');
    expect(history.entries[0]?.reason).toBe('来自统计局');
    expect(JSON.parse(history.entries[0]?.source ?? '{}')).toEqual({
      format: 'dhis2-json',
      system: 'DHIS2（西区统计局）',
      token: 'DHIS2-西区',
      file: 'xiqu-202412.json',
    });
    const records = await auditSince(t, head);
    // One audit record for the import, with its source and counts; the history above keeps one row per value.
    expect(records.filter((r) => r.action === 'value.enter')).toHaveLength(0);
    const imported = records.filter((r) => r.action === 'value.import');
    expect(imported).toHaveLength(1);
    expect(imported[0]?.detail).toMatchObject({
      source: { format: 'dhis2-json', system: 'DHIS2（西区统计局）', file: 'xiqu-202412.json' },
      credential: { kind: 'apiToken', name: 'DHIS2-西区' },
      imported: 2,
      updated: 0,
      counts: { enter: 2 },
    });
    expect(records.find((r) => r.objectType === 'route')?.detail?.credential).toMatchObject({ name: 'DHIS2-西区' });
  });

  it('refuses every kind of bad value as a conflict naming it, and stores nothing (all or nothing)', async () => {
    const s = summaryOf(
      await send(
        valueSet([
          { de: codes[2], value: safe(row(codes[2])) }, // 0: fine on its own
          { de: 'NO-SUCH', value: '1' }, // 1: unknown data element
          { de: codes[2], ou: '999999', value: '1' }, // 2: unknown org unit
          { de: codes[2], pe: '2024W1', value: '1' }, // 3: a period Gongfu does not keep
          { de: codes[2], pe: '202312', value: '1' }, // 4: outside the framework's year
          { de: codes[2], value: 'abc' }, // 5: not a number
          { de: codes[2], value: safe(row(codes[2])) }, // 6: the same value twice
          { de: codes[2], ou: '510402', value: '1' }, // 7: 东区, outside the token's scope
        ]),
      ),
    );
    expect(s.status).toBe('ERROR');
    expect(s.importCount).toEqual({ imported: 0, updated: 0, ignored: 8, deleted: 0 });
    expect(s.conflicts.map((c) => [c.indexes[0], c.errorCode, c.object])).toEqual([
      [1, 'E_DATA_ELEMENT', 'NO-SUCH'],
      [2, 'E_ORG_UNIT', '999999'],
      [3, 'E_PERIOD', '2024W1'],
      [4, 'E_PERIOD_YEAR', '202312'],
      [5, 'E_VALUE', 'abc'],
      [6, 'E_DUPLICATE', codes[2]],
      [7, 'E_OUT_OF_SCOPE', '510402'],
    ]);
    for (const c of s.conflicts) {
      expect(c.text.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.text.en).toMatch(/^[\x20-\x7e]+$/);
      expect(c.value).toBe(c.text.en);
    }
    expect((await grid('2024-12')).find((r) => r.indicatorCode === codes[2])?.value).toBeNull();
  });

  it('with atomicMode=NONE stores what is fine and reports the rest (WARNING)', async () => {
    const s = summaryOf(
      await send(
        valueSet([
          { de: codes[2], value: safe(row(codes[2])) },
          { de: 'NO-SUCH', value: '1' },
        ]),
        '?atomicMode=NONE&dryRun=true',
      ),
    );
    expect(s.status).toBe('WARNING');
    expect(s.importCount).toEqual({ imported: 1, updated: 0, ignored: 1, deleted: 0 });
    // A dry run: checked and counted through the same save, nothing kept.
    expect((await grid('2024-12')).find((r) => r.indicatorCode === codes[2])?.value).toBeNull();
  });

  it('follows the import strategy: CREATE ignores stored values, UPDATE ignores new ones', async () => {
    const changed = String((Number(safe(row(codes[0]))) + (row(codes[0]).minValue ?? 0)) / 2);
    const create = summaryOf(
      await send(
        valueSet([
          { de: codes[0], value: changed },
          { de: codes[2], value: safe(row(codes[2])) },
        ]),
        '?importStrategy=CREATE&dryRun=true',
      ),
    );
    expect(create.importCount).toMatchObject({ imported: 1, updated: 0, ignored: 1 });
    const update = summaryOf(
      await send(
        valueSet([
          { de: codes[0], value: changed, comment: '来自统计局' },
          { de: codes[2], value: safe(row(codes[2])) },
        ]),
        '?importStrategy=UPDATE',
      ),
    );
    expect(update.importCount).toMatchObject({ imported: 0, updated: 1, ignored: 1 });
    expect((await grid('2024-12')).find((r) => r.indicatorCode === codes[0])?.value?.value).toBe(Number(changed));
  });

  it('reads the CSV columns in DHIS2 order, header skipped, lines named in conflicts', async () => {
    const csv = [
      'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup',
      `${codes[2]},202412,510403,HllvX50cXC0,HllvX50cXC0,${safe(row(codes[2]))},someone,2024-12-01,"说明,含逗号",false`,
      `${codes[1]},202412,510403,XYZ123,,1,,,,false`,
    ].join('\n');
    const s = summaryOf(await send(csv, '?dryRun=true', 'application/csv'));
    expect(s.conflicts).toHaveLength(1);
    expect(s.conflicts[0]).toMatchObject({ errorCode: 'E_DATA_ELEMENT', line: 3, indexes: [1] });
    expect(s.conflicts[0]?.text.en).toMatch(/category option combo XYZ123/);
  });

  it('answers a malformed file with one conflict', async () => {
    const s = summaryOf(await send('{"dataValues": [', ''));
    expect(s.status).toBe('ERROR');
    expect(s.conflicts[0]).toMatchObject({ object: 'file', errorCode: 'E_FILE' });
    expect(summaryOf(await send('{"x":1}')).conflicts[0]?.text.en).toMatch(/no dataValues/);
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/dhis2/dataValueSets',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: 'x'.repeat(t.config.exchangeLimit + 1),
    });
    expect(big.statusCode).toBe(413);
  });

  it('keeps the entry grid rules: locked periods, submitted values, stale lastUpdated', async () => {
    // Submitted values cannot change by an import.
    const submitted = summaryOf(await send(valueSet([{ de: codes[1], value: safe(row(codes[1])) }]), '?submit=true'));
    expect(submitted.status).toBe('SUCCESS');
    expect((await grid('2024-12')).find((r) => r.indicatorCode === codes[1])?.value?.status).toBe('submitted');
    const again = summaryOf(await send(valueSet([{ de: codes[1], value: '3' }])));
    expect(again.conflicts[0]?.errorCode).toBe('E_STATE');
    // A file older than the stored change is stale.
    const stale = JSON.stringify({
      dataValues: [
        { dataElement: codes[0], period: '202412', orgUnit: '510403', value: '4', lastUpdated: '2024-01-01T00:00:00Z' },
      ],
    });
    expect(summaryOf(await send(stale)).conflicts[0]?.errorCode).toBe('E_STALE');
    // A locked period.
    const lock = await gfb.post('/api/v1/periods/lock', { period: '2024-12' });
    expect(lock.statusCode, lock.body).toBe(200);
    const locked = summaryOf(await send(valueSet([{ de: codes[2], value: safe(row(codes[2])) }])));
    expect(locked.conflicts[0]?.errorCode).toBe('E_LOCKED');
    expect((await gfb.post('/api/v1/periods/unlock', { period: '2024-12', reason: '测试' })).statusCode).toBe(200);
  });

  it('refuses an import by a role that does not enter values, and the publish route to a token', async () => {
    const reviewerToken = async () => {
      const admin = await t.as('admin');
      const secadmin = await t.as('secadmin');
      const id = (
        await admin.post('/api/v1/exchange/service-accounts', {
          username: 'svc-review',
          displayName: '审核接口',
          systemName: '审核',
          description: null,
        })
      ).json<{ userId: string }>().userId;
      await secadmin.put(`/api/v1/users/${id}/rights`, {
        role: 'reviewer',
        entryScope: ['xiqu'],
        viewScope: ['xiqu'],
        version: 1,
      });
      return (
        await admin.post(`/api/v1/exchange/service-accounts/${id}/tokens`, { name: 'r', expiresInDays: 1 })
      ).json<{ token: string }>().token;
    };
    const rt = await reviewerToken();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/dhis2/dataValueSets',
      headers: { authorization: `Bearer ${rt}`, 'content-type': 'application/json' },
      payload: valueSet([{ de: codes[2], value: '1' }]),
    });
    expect(res.statusCode).toBe(403);
  });

  it("imports DHIS2's documented examples with their identifiers mapped", async () => {
    // The mapping the centre keeps: DHIS2's uids of the documentation's examples → Gongfu's codes.
    const maps: [string, string, string][] = [
      ['dataElement', 'f7n9E0hX8qk', codes[2]],
      ['dataElement', 'Ix2HsbDMLea', rows[3]?.indicatorCode ?? codes[2]],
      ['dataElement', 'DUSpd8Jq3M7.Prlt0C1RF0s', rows[4]?.indicatorCode ?? codes[2]],
      ['dataElement', 'DUSpd8Jq3M7.V6L425pT3A0', rows[5]?.indicatorCode ?? codes[2]],
      ['orgUnit', 'DiszpKrYNg8', 'xiqu'],
      ['orgUnit', 'gP6hn503KUX', '510403'],
    ];
    for (const [kind, externalId, internalCode] of maps) {
      const m = await gfb.post('/api/v1/exchange/mappings', { scheme: 'dhis2', kind, externalId, internalCode });
      expect(m.statusCode, m.body).toBe(200);
    }
    // "Sending data values" (JSON): the set's period and org unit apply to each value. The example's 2014 period is
    // outside Gongfu's framework year: the same set with 202412.
    const json = JSON.stringify({
      dataSet: 'pBOMPrpg1QX',
      completeDate: '2014-02-03',
      period: '201401',
      orgUnit: 'DiszpKrYNg8',
      dataValues: [
        { dataElement: 'f7n9E0hX8qk', value: '1' },
        { dataElement: 'Ix2HsbDMLea', value: '2' },
        { dataElement: 'eY5ehpbEsB7', value: '3' },
      ],
    });
    const asDocumented = summaryOf(await send(json, '?scheme=dhis2&dryRun=true'));
    expect(asDocumented.conflicts.map((c) => c.errorCode)).toEqual([
      'E_PERIOD_YEAR',
      'E_PERIOD_YEAR',
      'E_DATA_ELEMENT',
    ]);
    const thisYear = summaryOf(
      await send(json.replace('"201401"', '"202412"'), '?scheme=dhis2&dryRun=true&atomicMode=NONE'),
    );
    expect(thisYear.importCount).toMatchObject({ imported: 2, ignored: 1 });
    expect(thisYear.conflicts[0]?.text.en).toMatch(/eY5ehpbEsB7 has no mapping/);

    // The CSV example: disaggregated by category option combo, each operand mapped to its own indicator.
    const csv = [
      '"dataelement","period","orgunit","catoptcombo","attroptcombo","value","storedby","timestamp","comment","followup"',
      '"DUSpd8Jq3M7","202412","gP6hn503KUX","Prlt0C1RF0s",,"7","bombali","2010-04-17",,"false"',
      '"DUSpd8Jq3M7","202412","gP6hn503KUX","V6L425pT3A0",,"10","bombali","2010-04-17",,"false"',
      '"DUSpd8Jq3M7","202412","OjTS752GbZE","V6L425pT3A0",,"9","bombali","2010-04-06",,"false"',
    ].join('\n');
    const s = summaryOf(await send(csv, '?scheme=dhis2&dryRun=true', 'text/csv'));
    expect(s.importCount).toMatchObject({ imported: 0, ignored: 3 });
    expect(s.conflicts.map((c) => [c.line, c.errorCode])).toEqual([[4, 'E_ORG_UNIT']]);
  });

  it('exports the published figures the caller may read', async () => {
    const xiqu = await t.as('xiqu');
    const exp = async (c: Client | string, ext: 'json' | 'csv', q: string) =>
      typeof c === 'string'
        ? await t.app.inject({
            method: 'GET',
            url: `/api/v1/exchange/dhis2/dataValueSets.${ext}?${q}`,
            headers: { authorization: `Bearer ${c}` },
          })
        : await c.get(`/api/v1/exchange/dhis2/dataValueSets.${ext}?${q}`);
    // A figure of 西区 submitted by the import, approved by the reviewer, published by the centre.
    const submitted = summaryOf(await send(valueSet([{ de: codes[2], value: safe(row(codes[2])) }]), '?submit=true'));
    expect(submitted.importCount.imported).toBe(1);
    const review = await t.as('shenhe');
    const queue = (await review.get('/api/v1/values/review-queue?period=2024-12')).json<
      { id: string; version: number; indicatorCode: string }[]
    >();
    const mine = queue.filter((v) => v.indicatorCode === codes[2]);
    expect(mine).toHaveLength(1);
    const approved = await review.post('/api/v1/values/review', {
      items: mine.map((v) => ({ id: v.id, version: v.version })),
      action: 'approve',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await gfb.post('/api/v1/values/publish', { period: '2024-12' })).statusCode).toBe(200);
    // Published figures, as a reader of 西区 may see them (西区 only).
    const published = await exp(xiqu, 'json', 'period=202412');
    expect(published.statusCode, published.body).toBe(200);
    const set = published.json<{ dataValues: { orgUnit: string; period: string; dataElement: string }[] }>();
    expect(set.dataValues.map((v) => v.dataElement)).toEqual([codes[2]]);
    expect(new Set(set.dataValues.map((v) => v.orgUnit))).toEqual(new Set(['510403']));
    expect((await exp(xiqu, 'json', 'orgUnit=510402')).statusCode).toBe(403);
  });

  it('reads an export a page at a time (keyset): every page size gives the same rows in the same order', async () => {
    const repo = new ExchangeRepository(t.ctx.db.kysely);
    const q = {
      year: 2024,
      periods: null,
      unitIds: [...t.ctx.org().byId.keys()],
      statuses: null,
      origins: ['reported', 'published', 'generated'] as const,
    };
    const read = async (pageSize: number) => {
      const out: string[] = [];
      let pages = 0;
      for await (const page of repo.exportValuePages({ ...q, origins: [...q.origins] }, pageSize)) {
        pages++;
        expect(page.length).toBeLessThanOrEqual(pageSize);
        for (const r of page) out.push(`${r.period}|${r.org_unit_id}|${r.indicator_code}|${r.value}`);
      }
      return { out, pages };
    };
    const whole = await read(1_000_000);
    expect(whole.out.length).toBeGreaterThan(100);
    expect(whole.pages).toBe(1);
    for (const size of [1, 7, 100, whole.out.length]) {
      const paged = await read(size);
      expect(paged.out, `page size ${size}`).toEqual(whole.out);
      expect(paged.pages).toBe(Math.ceil(whole.out.length / size));
    }
  });

  it('round-trips byte for byte: export → import into an empty database → export (JSON and CSV)', async () => {
    // A database whose 2024-12 values of 西区 came in one import at one instant, then one empty database per format,
    // its clock at the same instant: the second export must be the first, byte for byte.
    const a = await createTestApp(dialect);
    try {
      const aToken = await reporterToken(a);
      const at = a.clock.now();
      const entries = rows.slice(0, 6).map((r, n) => ({
        dataElement: r.indicatorCode,
        period: '202412',
        orgUnit: '510403',
        value: String(Math.min(Number(safe(r)) + n / 4, r.maxValue ?? Infinity)),
        ...(n % 2 === 0 ? { comment: `第${n}项，含"引号",逗号` } : {}),
      }));
      const seeded = await a.app.inject({
        method: 'POST',
        url: '/api/v1/exchange/dhis2/dataValueSets',
        headers: { authorization: `Bearer ${aToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ dataValues: entries }),
      });
      expect(seeded.json<Summary>().importCount.imported, seeded.body).toBe(entries.length);
      for (const ext of ['json', 'csv'] as const) {
        const url = `/api/v1/exchange/dhis2/dataValueSets.${ext}?period=202412&orgUnit=510403&status=all`;
        const first = await a.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${aToken}` } });
        expect(first.statusCode).toBe(200);
        expect(first.body).toContain(rows[0]?.indicatorCode);
        const b = await createTestApp(dialect);
        try {
          const bToken = await reporterToken(b);
          b.clock.set(at);
          const imported = await b.app.inject({
            method: 'POST',
            url: '/api/v1/exchange/dhis2/dataValueSets',
            headers: {
              authorization: `Bearer ${bToken}`,
              'content-type': ext === 'json' ? 'application/json' : 'text/csv',
            },
            payload: first.body,
          });
          expect(imported.json<Summary>().importCount.imported, imported.body).toBe(entries.length);
          const second = await b.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bToken}` } });
          expect(second.body).toBe(first.body);
        } finally {
          await b.close();
        }
      }
    } finally {
      await a.close();
    }
  }, 240_000);
});
