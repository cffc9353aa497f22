import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import type { AuditRecord } from '../../src/server/security/audit.ts';
import { runInRequest } from '../../src/server/security/request-context.ts';
import { defaultPasswordPolicy } from '../../src/server/security/password-policy.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { auditHead, auditSince, clientOf, login } from './helpers.ts';

interface GridRow {
  indicatorCode: string;
  editable: boolean;
  minValue: number | null;
  maxValue: number | null;
}

/** 安全审计 (GB/T 22239-2019 §8.1.4.3): each kind of action leaves its record; the trail is searched, exported, verified. */
describe.each(testDialects())('audit trail over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  /** The records `action` wrote after `seq`, oldest first. */
  const since = (seq: number, action?: string) => auditSince(t, seq, action ? { action } : {});
  const one = async (seq: number, action: string): Promise<AuditRecord> => {
    const found = await since(seq, action);
    expect(
      found.map((r) => r.action),
      action,
    ).toEqual([action]);
    return found[0] as AuditRecord;
  };

  it('records sign-in (success and failure, with the address) and sign-out; never the password', async () => {
    const before = await auditHead(t);
    await login(t, { username: 'leader', password: 'Wrong-pass1' }, '10.9.8.7');
    const c = clientOf(t, await login(t, { username: 'leader', password: TEST_PASSWORD }, '10.9.8.7'), 'leader');
    await c.post('/api/v1/auth/logout');
    const records = await since(before);
    const signIns = records.filter((r) => r.action === 'auth.signIn');
    expect(signIns.map((r) => [r.outcome, r.username, r.ip])).toEqual([
      ['failure', 'leader', '10.9.8.7'],
      ['success', 'leader', '10.9.8.7'],
    ]);
    expect(signIns[0]?.detail?.reason).toBe('badPassword');
    expect(records.find((r) => r.action === 'auth.signOut')).toMatchObject({ username: 'leader', outcome: 'success' });
    // The request-level records of the sign-in carry the body, redacted.
    const requests = records.filter((r) => r.action === 'api.write' && r.objectId === 'POST /api/v1/auth/login');
    expect(requests).toHaveLength(2);
    expect(requests[0]?.detail?.body).toEqual({ username: 'leader', password: '[redacted]' });
    expect(JSON.stringify(records)).not.toContain('Wrong-pass1');
    expect(JSON.stringify(records)).not.toContain(TEST_PASSWORD);
  });

  it('records a value change with old and new value, who and from where, linked to its request', async () => {
    const xiqu = await t.as('xiqu');
    const rows = (await xiqu.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json().rows as (GridRow & {
      minValue: number | null;
      maxValue: number | null;
    })[];
    // An editable indicator whose allowed range takes 12.5.
    const row = rows.find(
      (r) => r.editable && (r.minValue === null || r.minValue <= 12.5) && (r.maxValue === null || r.maxValue >= 12.5),
    ) as GridRow;
    const before = await auditHead(t);
    const saved = await xiqu.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: row.indicatorCode, value: 12.5, version: null, note: null }],
    });
    expect(saved.statusCode).toBe(200);
    const id = saved.json().values[0].id as string;
    const record = await one(before, 'value.enter');
    expect(record).toMatchObject({
      username: 'xiqu',
      ip: '127.0.0.1',
      objectType: 'indicator_value',
      objectId: id,
      outcome: 'success',
      detail: {
        indicatorCode: row.indicatorCode,
        orgUnitId: 'xiqu',
        period: '2024-11',
        value: { old: null, new: 12.5 },
        status: { old: null, new: 'draft' },
      },
    });
    const request = await one(before, 'api.write');
    expect(request.objectId).toBe('PUT /api/v1/values/grid');
    expect(request.detail?.requestId).toBe(record.detail?.requestId);

    const next = await auditHead(t);
    await xiqu.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: row.indicatorCode, value: 13, version: 1, note: '更正' }],
    });
    expect((await one(next, 'value.update')).detail).toMatchObject({ value: { old: 12.5, new: 13 }, reason: '更正' });
    const submitted = await auditHead(t);
    await xiqu.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-11' });
    expect((await one(submitted, 'value.submit')).detail).toMatchObject({ status: { old: 'draft', new: 'submitted' } });
  });

  it('records period locks and unlocks with the reason', async () => {
    const gfb = await t.as('gfb');
    const before = await auditHead(t);
    expect((await gfb.post('/api/v1/periods/lock', { period: '2024-09', reason: '9月数据已发布' })).statusCode).toBe(
      200,
    );
    expect((await gfb.post('/api/v1/periods/unlock', { period: '2024-09', reason: '统计局更正数据' })).statusCode).toBe(
      200,
    );
    expect(await one(before, 'period.lock')).toMatchObject({
      username: 'gfb',
      objectType: 'period',
      objectId: '2024-09',
      detail: { reason: '9月数据已发布' },
    });
    expect(await one(before, 'period.unlock')).toMatchObject({
      objectId: '2024-09',
      detail: { reason: '统计局更正数据' },
    });
  });

  it('records framework versions, edits (old and new) and publication, and threshold changes', async () => {
    const gfb = await t.as('gfb');
    const before = await auditHead(t);
    const current = (await gfb.get('/api/v1/frameworks/current')).json();
    const draftId = (await gfb.post(`/api/v1/frameworks/${current.framework.id}/versions`)).json().id as string;
    const draft = (await gfb.get(`/api/v1/frameworks/${draftId}`)).json();
    const ind = { ...draft.indicators[0] };
    const edit = { ...ind, weight: ind.weight + 1 };
    delete edit.id;
    delete edit.sort;
    delete edit.source;
    expect(
      (
        await gfb.put(`/api/v1/frameworks/${draftId}/indicators`, {
          rowVersion: draft.framework.rowVersion,
          indicator: edit,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await gfb.post(`/api/v1/frameworks/${draftId}/publish`, { rowVersion: draft.framework.rowVersion + 1 }))
        .statusCode,
    ).toBe(200);
    expect(await one(before, 'framework.newVersion')).toMatchObject({
      objectId: draftId,
      detail: { basedOn: current.framework.id },
    });
    expect((await one(before, 'framework.indicator.save')).detail?.changes).toEqual({
      weight: { old: ind.weight, new: ind.weight + 1 },
    });
    expect(await one(before, 'framework.publish')).toMatchObject({ objectId: draftId, username: 'gfb' });

    const thresholds = (await gfb.get('/api/v1/evaluation/thresholds')).json();
    expect(
      (await gfb.put('/api/v1/evaluation/thresholds', { ...thresholds, yellowPoints: thresholds.yellowPoints + 1 }))
        .statusCode,
    ).toBe(200);
    expect((await one(before, 'evaluation.thresholds.update')).detail?.changes).toEqual({
      yellowPoints: { old: thresholds.yellowPoints, new: thresholds.yellowPoints + 1 },
    });
  });

  it('records account and policy changes with old and new values', async () => {
    const admin = await t.as('admin');
    const secadmin = await t.as('secadmin');
    const before = await auditHead(t);
    const created = (await admin.post('/api/v1/users', { username: 'audit.case', displayName: '审计 用例' })).json();
    await admin.put(`/api/v1/users/${created.user.id}`, { displayName: '审计 用例二', disabled: true, version: 1 });
    await secadmin.put('/api/v1/security/policy', { ...defaultPasswordPolicy(), minLength: 10 });
    expect(await one(before, 'user.create')).toMatchObject({
      username: 'admin',
      objectId: created.user.id,
      detail: { username: 'audit.case' },
    });
    expect((await one(before, 'user.update')).detail?.changes).toEqual({
      displayName: { old: '审计 用例', new: '审计 用例二' },
      disabled: { old: false, new: true },
    });
    expect((await one(before, 'security.policy.update')).detail?.changes).toEqual({ minLength: { old: 8, new: 10 } });
    await secadmin.put('/api/v1/security/policy', defaultPasswordPolicy());
  });

  it('records every export (any .xlsx download, the audit export) and every refused access', async () => {
    const leader = await t.as('leader');
    const before = await auditHead(t);
    expect((await leader.get('/api/v1/evaluation/matrix.xlsx')).statusCode).toBe(200);
    expect(await one(before, 'api.export')).toMatchObject({
      username: 'leader',
      outcome: 'success',
      objectId: 'GET /api/v1/evaluation/matrix.xlsx',
    });
    // A download is recognised by its attachment header too, whatever its URL.
    const listExport = await auditHead(t);
    expect((await leader.get('/api/v1/lists/items/export')).statusCode).toBe(200);
    expect(await one(listExport, 'api.export')).toMatchObject({ objectId: 'GET /api/v1/lists/items/export' });

    const denied = await auditHead(t);
    expect((await leader.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await leader.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).statusCode).toBe(200);
    const xiqu = await t.as('xiqu');
    expect((await xiqu.get('/api/v1/values/grid?orgUnitId=dongqu&period=2024-11')).statusCode).toBe(403);
    const refusals = await since(denied, 'api.denied');
    expect(refusals.map((r) => [r.username, r.objectId, r.outcome, r.detail?.code])).toEqual([
      ['leader', 'GET /api/v1/audit', 'denied', 'FORBIDDEN'],
      ['xiqu', 'GET /api/v1/values/grid', 'denied', 'OUT_OF_SCOPE'],
    ]);
    expect(refusals[1]?.detail?.query).toEqual({ orgUnitId: 'dongqu', period: '2024-11' });
  });

  it('gives the record of a view of a named record (for the household module) its user and address', async () => {
    const record = await runInRequest({ requestId: 'req-test', ip: '10.3.3.3', userId: 'u-1', username: 'cadre' }, () =>
      t.ctx.auditor.view({
        objectType: 'household',
        objectId: 'hh-0042',
        detail: { unmasked: false, idNumber: '510402199001011234' },
      }),
    );
    expect(record).toMatchObject({
      action: 'household.view',
      userId: 'u-1',
      username: 'cadre',
      ip: '10.3.3.3',
      objectType: 'household',
      objectId: 'hh-0042',
      detail: { unmasked: false, idNumber: '5104**********1234', requestId: 'req-test' },
    });
  });

  it('lets the audit administrator search with filters and pages, newest first; the search itself is recorded', async () => {
    const auditor = await t.as('auditor');
    const page = await auditor.get('/api/v1/audit?actionPrefix=auth.&outcome=failure&limit=2&offset=0');
    expect(page.statusCode).toBe(200);
    const { total, records } = page.json<{ total: number; records: AuditRecord[] }>();
    expect(total).toBeGreaterThanOrEqual(1);
    expect(records.length).toBeLessThanOrEqual(2);
    expect(records.every((r) => r.action.startsWith('auth.') && r.outcome === 'failure')).toBe(true);
    const byUser = (await auditor.get('/api/v1/audit?username=gfb&action=period.lock')).json<{
      total: number;
      records: AuditRecord[];
    }>();
    expect(byUser.records.map((r) => r.objectId)).toEqual(['2024-09']);
    const today = (await auditor.get('/api/v1/audit?from=2024-12-05&to=2024-12-05&limit=1')).json<{ total: number }>();
    expect(today.total).toBeGreaterThan(10);
    const tomorrow = (await auditor.get('/api/v1/audit?from=2024-12-06&limit=1')).json<{ total: number }>();
    expect(tomorrow.total).toBe(0);
    const searches = (await auditor.get('/api/v1/audit?action=audit.search&limit=500')).json<{
      records: AuditRecord[];
    }>();
    expect(searches.records.length).toBeGreaterThanOrEqual(4);
    expect((await auditor.get('/api/v1/audit?limit=5000')).statusCode).toBe(400);
    expect((await auditor.get('/api/v1/audit?from=yesterday')).statusCode).toBe(400);
  });

  it('exports the trail as CSV (no formula injection) and xlsx; each export is recorded', async () => {
    // A name typed at a failed sign-in is text from anyone: it must not become a formula in the auditor's Excel.
    await login(t, { username: '=HYPERLINK("http://evil")', password: 'x' });
    const auditor = await t.as('auditor');
    const before = await auditHead(t);
    const csv = await auditor.get('/api/v1/audit/export.csv?actionPrefix=auth.');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{8}-\d{6}\.csv"/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);

    const xlsx = await auditor.get('/api/v1/audit/export.xlsx?action=period.unlock');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.rowCount).toBe(2);
    expect(ws?.getRow(2).getCell(6).value).toBe('period.unlock');

    const exports = await since(before, 'api.export');
    expect(exports.map((r) => [r.username, r.objectId, r.detail?.query])).toEqual([
      ['auditor', 'GET /api/v1/audit/export.csv', { actionPrefix: 'auth.' }],
      ['auditor', 'GET /api/v1/audit/export.xlsx', { action: 'period.unlock' }],
    ]);
  });

  it('verifies the chain, and finds a record edited behind its back', async () => {
    const auditor = await t.as('auditor');
    const ok = (await auditor.get('/api/v1/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, brokenAt: null });
    expect(ok.count).toBeGreaterThan(20);
    // An anchor noted earlier must still be there.
    expect((await auditor.get(`/api/v1/audit/verify?anchor=${ok.head.seq}:${ok.head.hash}`)).json().ok).toBe(true);
    expect((await auditor.get(`/api/v1/audit/verify?anchor=${ok.head.seq}:${'0'.repeat(64)}`)).json()).toMatchObject({
      ok: false,
      reason: 'anchorMismatch',
    });

    // The database refuses an edit…
    const target = (await auditOfAction(t.ctx.db, 'period.unlock'))[0] as { seq: number };
    await expect(
      sql`UPDATE audit_log SET outcome = 'failure' WHERE seq = ${target.seq}`.execute(t.ctx.db.kysely),
    ).rejects.toThrow(/append-only/);
    // …so someone with the database's keys switches the guard off first. The chain still tells.
    await withoutGuards(t.ctx.db, () =>
      sql`UPDATE audit_log SET detail = ${'{"reason":"无"}'} WHERE seq = ${target.seq}`.execute(t.ctx.db.kysely),
    );
    const broken = (await auditor.get('/api/v1/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, brokenAt: target.seq, reason: 'edited' });
    const recorded = (await auditor.get('/api/v1/audit?action=audit.verify&outcome=failure')).json<{ total: number }>();
    expect(recorded.total).toBeGreaterThanOrEqual(2);
  });
});

function auditOfAction(db: Db, action: string) {
  return db.kysely.selectFrom('audit_log').select('seq').where('action', '=', action).execute();
}

/** The triggers of migration 0002 stop UPDATE and DELETE; an attacker who owns the database disables them first. */
async function withoutGuards(db: Db, work: () => Promise<unknown>): Promise<void> {
  if (db.dialect === 'postgres') {
    await db.kysely.connection().execute(async (conn) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(conn);
      try {
        await work();
      } finally {
        await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(conn);
      }
    });
    return;
  }
  const row = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'`.execute(
    db.kysely,
  );
  await sql`DROP TRIGGER audit_log_no_update`.execute(db.kysely);
  try {
    await work();
  } finally {
    await sql.raw(row.rows[0]?.sql ?? '').execute(db.kysely);
  }
}
