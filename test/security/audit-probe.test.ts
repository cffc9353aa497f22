/**
 * The audit trail against the probe of issue 13 (items 5–7 and the masker of item 3), on both databases: a deeply
 * nested body never keeps a request out of the trail; sign-ins refused by the rate limit cannot flood it; flags are
 * not redacted; values shaped like phone and ID numbers are masked whatever key they were typed under.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeDetail } from '../../src/server/security/auditor.ts';
import { maskPersonalText } from '../../src/server/security/personal-data.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { auditHead, auditSince, errorCode, login, makeUser } from './helpers.ts';

/** `{"x":` + depth × `[` … `]}`: valid JSON that a recursive walk cannot follow. */
const deep = (depth: number) => `{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('the audit masker', () => {
  it('keeps flags, redacts secrets, masks values shaped like phone, ID and bank numbers under any key', () => {
    const out = safeDetail({
      passwordChangeRequired: true,
      mfaRequired: false,
      password: 'Pzh#2024ok',
      newPassword: 'Pzh#2025ok',
      contact: '请联系 13812345678',
      note: '身份证 510402199001011234，卡号 6222 0212 3456 7890 123，座机 0812-3334567',
      title: '2024年第3批 共 120 户',
    }) as Record<string, string | boolean>;
    expect(out.passwordChangeRequired).toBe(true);
    expect(out.mfaRequired).toBe(false);
    expect(out.password).toBe('[redacted]');
    expect(out.newPassword).toBe('[redacted]');
    expect(out.contact).toBe('请联系 138****5678');
    expect(out.note).not.toMatch(/13812345678|510402199001011234|3456 7890|3334567/);
    expect(out.note).toContain('5104**********1234');
    expect(out.title).toBe('2024年第3批 共 120 户');
    expect(maskPersonalText('+86 138-1234-5678')).not.toContain('1234-5678');
    // A value id or a date is not a phone number.
    expect(maskPersonalText('369b5591-d6c4-4f4e-9d2a-138123456789')).toBe('369b5591-d6c4-4f4e-9d2a-138123456789');
    expect(maskPersonalText('2024-11-05T02:00:00Z')).toBe('2024-11-05T02:00:00Z');
  });
});

describe.each(testDialects())('the audit trail against the probe on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const raw = (cookie: string, csrf: string, url: string, payload: string) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      payload,
    });

  it('refuses a deeply nested body with 400 and still records the request, without the body', async () => {
    const gfb = await t.as('gfb');
    const admin = await t.as('admin');
    const target = await makeUser(t, { role: 'leader', viewScope: ['xiqu'] });
    const framework = (await gfb.get('/api/v1/frameworks/current')).json<{ framework: { id: string } }>();
    const routes = [
      { c: gfb, url: '/api/v1/lists/warnings/run' },
      { c: admin, url: `/api/v1/users/${target.id}/reset-password` },
      { c: gfb, url: `/api/v1/frameworks/${framework.framework.id}/versions` },
    ];
    for (const { c, url } of routes) {
      const before = await auditHead(t);
      const res = await raw(c.cookie, c.csrf, url, deep(20_000));
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION');
      const records = await auditSince(t, before, { action: 'api.write' });
      expect(records, url).toHaveLength(1);
      const detail = records[0]?.detail as { status: number; body: { tooDeep?: boolean } };
      expect(detail.status).toBe(400);
      expect(detail.body.tooDeep).toBe(true);
    }
    // The password was not reset by the refused request.
    const after = await login(t, { username: target.username, password: 'Test-Passw0rd!' });
    expect(after.statusCode).toBe(200);
  });

  it('records a refused write with such a body too (a wrong CSRF token)', async () => {
    const gfb = await t.as('gfb');
    const before = await auditHead(t);
    const res = await raw(gfb.cookie, 'not-the-token', '/api/v1/lists/warnings/run', deep(20_000));
    expect(res.statusCode).toBe(403);
    const records = await auditSince(t, before, { action: 'api.write' });
    expect(records).toHaveLength(1);
    expect(records[0]?.outcome).toBe('denied');
  });

  it('writes one record per refused key and window for sign-ins refused by the rate limit, not one per request', async () => {
    const limited = await createTestApp(dialect, {
      env: { SIGN_IN_LIMIT_PER_ADDRESS: '3', SIGN_IN_LIMIT_PER_ACCOUNT: '100' },
    });
    const before = await auditHead(limited);
    const ip = '203.0.113.9';
    const answers: number[] = [];
    for (let n = 0; n < 40; n++) {
      answers.push((await login(limited, { username: `flood${n % 4}`, password: 'Wrong-pass1' }, ip)).statusCode);
    }
    const records = await auditSince(limited, before);
    await limited.close();
    expect(answers.filter((s) => s === 429)).toHaveLength(37);
    const refused = records.filter((r) => (r.detail as { status?: number } | null)?.status === 429);
    expect(refused).toEqual([]);
    const rateLimited = records.filter(
      (r) => r.action === 'auth.signIn' && (r.detail as { reason?: string } | null)?.reason === 'rateLimited',
    );
    expect(rateLimited).toHaveLength(1);
    // The three attempts let through are each recorded.
    expect(records.length).toBeLessThanOrEqual(3 * 2 + 1);
  });

  it('masks a mobile number typed into any field of a list item in the request record', async () => {
    const gfb = await t.as('gfb');
    const before = await auditHead(t);
    const res = await gfb.post('/api/v1/lists/items', {
      kind: 'reform',
      year: 2024,
      title: '联系 13912345678 落实',
      leaderName: '副区长',
      leadUnitId: 'xiqu',
      personInCharge: '张三',
      contact: '13812345678',
      districtId: 'xiqu',
      startDate: '2024-10-01',
      deadline: '2024-12-31',
    });
    expect(res.statusCode, res.body).toBe(200);
    const text = JSON.stringify(await auditSince(t, before));
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('13912345678');
    expect(text).toContain('138****5678');
  });
});
