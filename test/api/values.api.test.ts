import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface QueueItem {
  id: string;
  version: number;
  indicatorCode: string;
  target: unknown;
}

interface GridRow {
  indicatorCode: string;
  editable: boolean;
  computed: boolean;
  minValue: number | null;
  maxValue: number | null;
  target: unknown;
  value: { id: string; version: number; status: string; value: number | null } | null;
}

describe.each(testDialects())('reporting round on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const editableRows = async (username: string) => {
    const c = await t.as(username);
    const res = await c.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11');
    expect(res.statusCode).toBe(200);
    return { c, rows: (res.json().rows as GridRow[]).filter((r) => r.editable) };
  };

  it('lets a district reporter enter, submit; a reviewer return with a reason, then approve; keeps the history', async () => {
    const { c, rows } = await editableRows('xiqu');
    expect(rows.length).toBeGreaterThan(0);
    const row = rows[0] as GridRow;
    const value = row.minValue !== null && row.maxValue !== null ? (row.minValue + row.maxValue) / 2 : 10;
    const saved = await c.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: row.indicatorCode, value, version: null, note: null }],
    });
    expect(saved.statusCode).toBe(200);
    const v1 = saved.json().values[0];
    expect(v1).toMatchObject({ status: 'draft', value, version: 1 });

    expect((await c.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-11' })).statusCode).toBe(200);

    const reviewer = await t.as('shenhe');
    const queue = (await reviewer.get('/api/v1/values/review-queue?period=2024-11')).json<QueueItem[]>();
    const item = queue.find((q) => q.indicatorCode === row.indicatorCode);
    expect(item).toBeDefined();
    // The queue shows the figure beside the target the grid showed, and the names in both languages.
    expect(item?.target).toEqual(row.target);
    expect(item).toMatchObject({ orgUnitName: '西区', orgUnitNameEn: 'Xi District' });
    const noReason = await reviewer.post('/api/v1/values/review', {
      items: [{ id: item?.id, version: item?.version }],
      action: 'return',
      reason: null,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toContain('reason');
    const returned = await reviewer.post('/api/v1/values/review', {
      items: [{ id: item?.id, version: item?.version }],
      action: 'return',
      reason: '与统计局口径不一致',
    });
    expect(returned.statusCode).toBe(200);

    // A revision of a returned value needs a note.
    const grid = (await c.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json().rows as GridRow[];
    const current = grid.find((r) => r.indicatorCode === row.indicatorCode)?.value;
    expect(current?.status).toBe('returned');
    const noNote = await c.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: row.indicatorCode, value: value + 1, version: current?.version, note: null }],
    });
    expect(noNote.statusCode).toBe(409);
    expect(noNote.json().error.details[0].field).toBe('entries.0.note');
    const revised = await c.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [
        { indicatorCode: row.indicatorCode, value: value + 1, version: current?.version, note: '按统计局口径修正' },
      ],
    });
    expect(revised.statusCode).toBe(200);
    await c.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-11' });
    const queue2 = (await reviewer.get('/api/v1/values/review-queue?period=2024-11')).json<QueueItem[]>();
    const again = queue2.find((q) => q.indicatorCode === row.indicatorCode);
    expect(
      (
        await reviewer.post('/api/v1/values/review', {
          items: [{ id: again?.id, version: again?.version }],
          action: 'approve',
          reason: null,
        })
      ).statusCode,
    ).toBe(200);

    const history = (await c.get(`/api/v1/values/${again?.id}/history`)).json();
    expect(history.entries.map((e: { action: string }) => e.action)).toEqual([
      'enter',
      'submit',
      'return',
      'update',
      'submit',
      'approve',
    ]);
    expect(history.entries[2].reason).toBe('与统计局口径不一致');
    expect(history.entries[3]).toMatchObject({ oldValue: value, newValue: value + 1, reason: '按统计局口径修正' });
  });

  it('refuses the second of two saves of the same value with a conflict', async () => {
    const { c, rows } = await editableRows('xiqu');
    const row = rows.find((r) => r.value === null) as GridRow;
    const first = await c.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: row.indicatorCode, value: 1, version: null, note: null }],
    });
    expect(first.statusCode).toBe(200);
    const v = first.json().values[0];
    const a = await c.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: row.indicatorCode, value: 2, version: v.version, note: null }],
    });
    const b = await c.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: row.indicatorCode, value: 3, version: v.version, note: null }],
    });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(409);
    expect(b.json().error.code).toBe('CONFLICT');
    const after = (await c.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json().rows as GridRow[];
    expect(after.find((r) => r.indicatorCode === row.indicatorCode)?.value?.value).toBe(2);
  });

  it('saves nothing of a batch with one bad entry, and names the field', async () => {
    const { c, rows } = await editableRows('xiqu');
    const bounded = rows.find((r) => r.maxValue !== null && r.value === null) as GridRow;
    const other = rows.find((r) => r !== bounded && r.value === null) as GridRow;
    const res = await c.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [
        { indicatorCode: other.indicatorCode, value: 1, version: null, note: null },
        { indicatorCode: bounded.indicatorCode, value: (bounded.maxValue as number) + 1, version: null, note: null },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'entries.1.value' })]);
    const after = (await c.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json().rows as GridRow[];
    expect(after.find((r) => r.indicatorCode === other.indicatorCode)?.value).toBeNull();
  });

  it('refuses a district reporter outside its scope, a viewer writing, and computed indicators', async () => {
    const c = await t.as('xiqu');
    expect((await c.get('/api/v1/values/grid?orgUnitId=dongqu&period=2024-11')).statusCode).toBe(403);
    const out = await c.put('/api/v1/values/grid', {
      orgUnitId: 'dongqu',
      period: '2024-11',
      entries: [{ indicatorCode: 'X', value: 1, version: null, note: null }],
    });
    expect(out.statusCode).toBe(403);
    const leader = await t.as('leader');
    const w = await leader.put('/api/v1/values/grid', {
      orgUnitId: 'city',
      period: '2024-11',
      entries: [{ indicatorCode: 'X', value: 1, version: null, note: null }],
    });
    expect(w.statusCode).toBe(403);
    expect(w.json().error.code).toBe('FORBIDDEN');
    const city = (await leader.get('/api/v1/values/grid?orgUnitId=city&period=2024-12')).json().rows as GridRow[];
    const computed = city.find((r) => r.computed);
    if (computed) expect(computed.editable).toBe(false);
  });

  it('serves the grid from memory until a write: each save and submit shows at once (locks: below)', async () => {
    const c = await t.as('xiqu');
    const read = async () => {
      const res = await c.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      return res.json<{ previousPeriod: string; locked: boolean; rows: GridRow[] }>();
    };
    const first = await read();
    expect(first.previousPeriod).toBe('2024-10');
    // The same answer, byte for byte, from the cache; compressed once for a browser that asks.
    const again = await c.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11');
    expect(again.body).toBe(JSON.stringify(first));
    for (const encoding of ['br', 'gzip'] as const) {
      const packed = await t.app.inject({
        method: 'GET',
        url: '/api/v1/values/grid?orgUnitId=xiqu&period=2024-11',
        headers: { cookie: c.cookie, 'accept-encoding': encoding },
      });
      expect(packed.headers['content-encoding']).toBe(encoding);
      const text = (encoding === 'br' ? zlib.brotliDecompressSync : zlib.gunzipSync)(packed.rawPayload).toString();
      expect(text).toBe(again.body);
    }
    const row = first.rows.find((r) => r.editable && r.value === null) as GridRow;
    expect(row).toBeDefined();
    const save = (value: number, version: number | null) =>
      c.put('/api/v1/values/grid', {
        orgUnitId: 'xiqu',
        period: '2024-11',
        entries: [{ indicatorCode: row.indicatorCode, value, version, note: null }],
      });
    const mid = row.minValue !== null && row.maxValue !== null ? (row.minValue + row.maxValue) / 2 : 10;
    expect((await save(mid, null)).statusCode).toBe(200);
    const afterSave = (await read()).rows.find((r) => r.indicatorCode === row.indicatorCode);
    expect(afterSave?.value).toMatchObject({ value: mid, status: 'draft', version: 1 });
    // Saving again with the version the grid showed is not a stale edit.
    expect((await save(mid + 1, afterSave?.value?.version ?? null)).statusCode).toBe(200);
    expect((await read()).rows.find((r) => r.indicatorCode === row.indicatorCode)?.value).toMatchObject({
      value: mid + 1,
      version: 2,
    });
    expect((await c.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-11' })).statusCode).toBe(200);
    expect((await read()).rows.find((r) => r.indicatorCode === row.indicatorCode)?.value?.status).toBe('submitted');
    // Another kind of actor (the coordination centre, who enters nothing) gets its own answer.
    const gfb = await t.as('gfb');
    const centre = (await gfb.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json<{ rows: GridRow[] }>();
    expect(centre.rows.every((r) => !r.editable)).toBe(true);
    expect((await read()).rows.some((r) => r.editable)).toBe(true);
  });

  it('freezes a locked period until the coordination centre unlocks it', async () => {
    const gfb = await t.as('gfb');
    expect((await gfb.post('/api/v1/periods/lock', { period: '2024-11' })).statusCode).toBe(200);
    const { c, rows } = await editableRows('xiqu');
    expect(rows).toHaveLength(0);
    const grid = (await c.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json();
    expect(grid.locked).toBe(true);
    const any = (grid.rows as GridRow[]).find((r) => !r.computed) as GridRow;
    const res = await c.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: any.indicatorCode, value: 5, version: any.value?.version ?? null, note: 'x' }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('LOCKED_PERIOD');
    expect((await gfb.post('/api/v1/periods/unlock', { period: '2024-11', reason: '更正西区数据' })).statusCode).toBe(
      200,
    );
    expect((await editableRows('xiqu')).rows.length).toBeGreaterThan(0);
  });
});

describe.each(testDialects())('publishing and reopening stay inside the coordinator’s scope on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('refuses a coordinator limited to one district for another district, and publishes only its own units', async () => {
    // A coordinator of 西区 only, as the security administrator would assign it.
    await t.ctx.db.kysely
      .updateTable('users')
      .set({ entry_scope: JSON.stringify(['xiqu']), view_scope: JSON.stringify(['xiqu']) })
      .where('username', '=', 'gfb')
      .execute();
    const gfb = await t.as('gfb');
    expect((await gfb.post('/api/v1/values/publish', { period: '2024-11', orgUnitId: 'dongqu' })).statusCode).toBe(403);
    // An approved figure of 东区 that the 西区 coordinator must not reopen.
    const now = new Date().toISOString();
    await t.ctx.db.kysely
      .insertInto('indicator_values')
      .values({
        id: 'dongqu-approved',
        indicator_code: 'D2-03',
        org_unit_id: 'dongqu',
        period: '2024-11',
        year: 2024,
        value: 7,
        status: 'approved',
        origin: 'reported',
        source_doc: null,
        source_quote: null,
        note: null,
        return_reason: null,
        version: 1,
        updated_by: null,
        updated_at: now,
        submitted_by: null,
        submitted_at: now,
        reviewed_by: null,
        reviewed_at: now,
      })
      .execute();
    expect(
      (await gfb.post('/api/v1/values/reopen', { id: 'dongqu-approved', version: 1, reason: '核实' })).statusCode,
    ).toBe(403);
    expect((await gfb.post('/api/v1/values/publish', { period: '2024-11' })).json().published).toBe(0);
    const after = await t.ctx.db.kysely
      .selectFrom('indicator_values')
      .select('status')
      .where('id', '=', 'dongqu-approved')
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('approved');
  });
});
