import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPasswordPolicy } from '../../src/server/security/password-policy.ts';
import { base32Decode, hotp, totpStep } from '../../src/server/security/totp.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { auditHead, auditSince, clientOf, errorCode, login, makeUser } from './helpers.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** 身份鉴别 (GB/T 22239-2019 §8.1.4.1): password policy, expiry, lockout, second factor, sessions. */
describe.each(testDialects())('identity on %s', (dialect) => {
  let t: TestApp;
  let secadmin: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const signIn = async (username: string, password = TEST_PASSWORD) =>
    clientOf(t, await login(t, { username, password }), username);
  const setPolicy = async (patch: Record<string, unknown>) => {
    // A fresh session each time: tests move the clock past the idle timeout.
    secadmin = await t.as('secadmin');
    const res = await secadmin.put('/api/v1/security/policy', { ...defaultPasswordPolicy(), ...patch });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('enforces the password policy on a change — length, classes, the name, the last three — and ends the other sessions', async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    const c = await signIn(u.username);
    const other = await signIn(u.username);
    const change = (currentPassword: string, newPassword: string) =>
      c.post('/api/v1/auth/password', { currentPassword, newPassword });

    for (const bad of ['Ab1!xyz', 'alllowercase1', 'ALLUPPER-CASE', `${u.username.toUpperCase()}ab1!`]) {
      const res = await change(TEST_PASSWORD, bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.details[0].field).toBe('newPassword');
    }
    const wrong = await change('not-my-password', 'Pzh#2024ok');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('currentPassword');

    expect((await change(TEST_PASSWORD, 'Pzh#2024ok')).statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);

    // The last three (the current one included) may not come back; the fourth may.
    expect((await change('Pzh#2024ok', 'Pzh#2024ok')).statusCode).toBe(400);
    expect((await change('Pzh#2024ok', 'Pzh#2024ok2')).statusCode).toBe(200);
    expect((await change('Pzh#2024ok2', 'Pzh#2024ok3')).statusCode).toBe(200);
    const reused = await change('Pzh#2024ok3', 'Pzh#2024ok');
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.details[0].text.en).toMatch(/last 3/);
    expect((await change('Pzh#2024ok3', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('takes the minimum length from the stored policy', async () => {
    await setPolicy({ minLength: 12 });
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    const c = await signIn(u.username);
    expect(
      (await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Pzh#2024ok' })).statusCode,
    ).toBe(400);
    expect(
      (await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Pzh#2024ok-long' }))
        .statusCode,
    ).toBe(200);
    expect((await c.get('/api/v1/auth/password-rules')).json()).toMatchObject({
      minLength: 12,
      minClasses: 3,
      historyCount: 3,
      maxAgeDays: 90,
    });
    await setPolicy({});
  });

  it('forces a change at first sign-in, after a reset and after 90 days; until then only the account routes answer', async () => {
    const fresh = await makeUser(t, { role: 'leader', viewScope: ['city'], mustChange: true });
    const c = await signIn(fresh.username);
    expect((await c.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/v1/cockpit');
    expect(blocked.statusCode).toBe(403);
    expect(errorCode(blocked)).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(
      (await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Pzh#2024ok' })).statusCode,
    ).toBe(200);
    expect((await c.get('/api/v1/cockpit')).statusCode).toBe(200);

    // After a reset by the system administrator: the sessions end, the new password must be changed.
    const admin = await t.as('admin');
    const reset = await admin.post(`/api/v1/users/${fresh.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await signIn(fresh.username, reset.json().password);
    expect(errorCode(await again.get('/api/v1/cockpit'))).toBe('PASSWORD_CHANGE_REQUIRED');
    // The password before the reset is remembered: going straight back to it is refused.
    expect(
      (await again.post('/api/v1/auth/password', { currentPassword: reset.json().password, newPassword: 'Pzh#2024ok' }))
        .statusCode,
    ).toBe(400);

    // 90 days after the last change.
    const old = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    const start = t.clock.now();
    t.clock.advance(89 * DAY);
    expect((await (await signIn(old.username)).get('/api/v1/cockpit')).statusCode).toBe(200);
    t.clock.advance(1 * DAY);
    const expired = await signIn(old.username);
    expect((await expired.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    expect(errorCode(await expired.get('/api/v1/cockpit'))).toBe('PASSWORD_CHANGE_REQUIRED');
    t.clock.set(start);
  });

  it('locks after 5 failures for 10 minutes, answering exactly the same for a name that has no account', async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    const before = await auditHead(t);
    const answers = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await login(t, { username, password: 'Wrong-pass1' });
        out.push(`${r.statusCode} ${r.json().error.code} ${r.json().error.message}`);
      }
      const right = await login(t, { username, password: TEST_PASSWORD });
      out.push(`${right.statusCode} ${right.json().error.code} ${right.json().error.message}`);
      return out;
    };
    const existing = await answers(u.username);
    const unknown = await answers('nobody-at-all');
    expect(existing).toEqual(unknown);
    expect(existing.slice(0, 5).every((a) => a.startsWith('401 INVALID_CREDENTIALS'))).toBe(true);
    expect(existing[5]).toMatch(/^423 ACCOUNT_LOCKED/);

    t.clock.advance(9 * MINUTE);
    expect((await login(t, { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(423);
    t.clock.advance(1 * MINUTE);
    expect((await login(t, { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);

    const failures = await auditSince(t, before, { action: 'auth.signIn', outcome: 'failure' });
    expect(failures.filter((r) => r.username === u.username).map((r) => r.detail?.reason)).toEqual([
      'badPassword',
      'badPassword',
      'badPassword',
      'badPassword',
      'badPassword',
      'locked',
      'locked',
    ]);
    expect(failures.find((r) => r.username === u.username && r.detail?.lockedUntil)?.detail?.lockedUntil).toBeTruthy();
  });

  it('takes the lockout threshold and duration from the policy', async () => {
    await setPolicy({ lockoutThreshold: 3, lockoutMinutes: 15 });
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    for (let i = 0; i < 3; i++)
      expect((await login(t, { username: u.username, password: 'Wrong-pass1' })).statusCode).toBe(401);
    expect((await login(t, { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(423);
    t.clock.advance(14 * MINUTE);
    expect((await login(t, { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(423);
    t.clock.advance(1 * MINUTE);
    expect((await login(t, { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
    await setPolicy({});
  });

  it('refuses a policy weaker than the platform promises, or one that frees an administrator from the second factor', async () => {
    secadmin = await t.as('secadmin');
    for (const patch of [
      { minLength: 6 },
      { minClasses: 2 },
      { historyCount: 1 },
      { maxAgeDays: 365 },
      { lockoutThreshold: 10 },
      { lockoutMinutes: 1 },
      { idleMinutes: 60 },
      { mfaRequiredRoles: ['admin', 'securityAdmin'] },
      { mfaRequiredRoles: ['admin', 'securityAdmin', 'auditAdmin', 'nosuchrole'] },
    ]) {
      const res = await secadmin.put('/api/v1/security/policy', { ...defaultPasswordPolicy(), ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
    }
    expect((await secadmin.get('/api/v1/security/policy')).json()).toEqual(defaultPasswordPolicy());
  });

  it('asks administrators for a one-time code, refuses a wrong or replayed one, and takes each recovery code once', async () => {
    const noCode = await login(t, { username: 'auditor', password: TEST_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(errorCode(noCode)).toBe('MFA_REQUIRED');
    const wrong = await login(t, { username: 'auditor', password: TEST_PASSWORD, otp: '000000' });
    expect(errorCode(wrong)).toBe('MFA_REQUIRED');
    expect(wrong.json().error.messageEn).toMatch(/Wrong or already used/);
    const code = await t.otp('auditor');
    expect((await login(t, { username: 'auditor', password: TEST_PASSWORD, otp: code })).statusCode).toBe(200);
    const replay = await login(t, { username: 'auditor', password: TEST_PASSWORD, otp: code });
    expect(replay.statusCode).toBe(401);
    expect(errorCode(replay)).toBe('MFA_REQUIRED');

    // Enrolment of an optional second factor by a leader, then sign-in with a code and with a recovery code.
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    const c = await signIn(u.username);
    const started = await c.post('/api/v1/auth/mfa/start', { password: TEST_PASSWORD });
    expect(started.statusCode).toBe(200);
    const { secret, otpauthUrl } = started.json<{ secret: string; otpauthUrl: string }>();
    expect(otpauthUrl).toBe(
      `otpauth://totp/Gongfu:${u.username}?secret=${secret}&issuer=Gongfu&algorithm=SHA1&digits=6&period=30`,
    );
    const codeAt = (offsetSteps: number) => hotp(base32Decode(secret), totpStep(t.clock.now().getTime()) + offsetSteps);
    expect((await c.post('/api/v1/auth/mfa/confirm', { otp: codeAt(5), password: TEST_PASSWORD })).statusCode).toBe(
      400,
    );
    const confirmed = await c.post('/api/v1/auth/mfa/confirm', { otp: codeAt(0), password: TEST_PASSWORD });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect((await c.get('/api/v1/auth/me')).json().user.mfaEnabled).toBe(true);
    // Enrolment cannot be restarted over an active factor (a stolen session must not move it to another phone).
    expect((await c.post('/api/v1/auth/mfa/start', { password: TEST_PASSWORD })).statusCode).toBe(409);

    expect(errorCode(await login(t, { username: u.username, password: TEST_PASSWORD }))).toBe('MFA_REQUIRED');
    // The code just used to confirm is spent; the next step's works.
    expect(errorCode(await login(t, { username: u.username, password: TEST_PASSWORD, otp: codeAt(0) }))).toBe(
      'MFA_REQUIRED',
    );
    expect((await login(t, { username: u.username, password: TEST_PASSWORD, otp: codeAt(1) })).statusCode).toBe(200);
    const recovery = recoveryCodes[3] as string;
    expect(
      (await login(t, { username: u.username, password: TEST_PASSWORD, otp: recovery.toLowerCase() })).statusCode,
    ).toBe(200);
    expect(errorCode(await login(t, { username: u.username, password: TEST_PASSWORD, otp: recovery }))).toBe(
      'MFA_REQUIRED',
    );

    // Switching it off needs the password and a code; then the password alone signs in again.
    expect(
      (await c.post('/api/v1/auth/mfa/disable', { password: 'Wrong-pass1', otp: recoveryCodes[4] })).statusCode,
    ).toBe(400);
    expect(
      (await c.post('/api/v1/auth/mfa/disable', { password: TEST_PASSWORD, otp: recoveryCodes[4] })).statusCode,
    ).toBe(200);
    expect((await login(t, { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);

    // An administrator cannot switch it off: the policy requires it of the role.
    const admin = await t.as('admin');
    expect(
      (await admin.post('/api/v1/auth/mfa/disable', { password: TEST_PASSWORD, otp: await t.otp('admin') })).statusCode,
    ).toBe(403);

    // The secret is stored encrypted, never in clear.
    const row = await t.ctx.db.kysely
      .selectFrom('users')
      .select(['totp_secret', 'recovery_codes'])
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).toBeNull();
    const adminRow = await t.ctx.db.kysely
      .selectFrom('users')
      .select('totp_secret')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(adminRow.totp_secret).toMatch(/^v1:/);
    expect(adminRow.totp_secret).not.toContain('JBSWY3DP');
  });

  it('keeps a user whose role requires a second factor to enrolment until it is set up', async () => {
    await setPolicy({ mfaRequiredRoles: [...defaultPasswordPolicy().mfaRequiredRoles, 'reviewer'] });
    const u = await makeUser(t, { role: 'reviewer', entryScope: ['city'], viewScope: ['city'] });
    const c = await signIn(u.username);
    expect((await c.get('/api/v1/auth/me')).json().user).toMatchObject({
      mfaEnabled: false,
      mfaEnrolmentRequired: true,
    });
    const blocked = await c.get('/api/v1/values/review-queue');
    expect(blocked.statusCode).toBe(403);
    expect(errorCode(blocked)).toBe('MFA_ENROLMENT_REQUIRED');
    const { secret } = (await c.post('/api/v1/auth/mfa/start', { password: TEST_PASSWORD })).json<{ secret: string }>();
    expect(
      (
        await c.post('/api/v1/auth/mfa/confirm', {
          otp: hotp(base32Decode(secret), totpStep(t.clock.now().getTime())),
          password: TEST_PASSWORD,
        })
      ).statusCode,
    ).toBe(200);
    expect((await c.get('/api/v1/values/review-queue')).statusCode).toBe(200);
    // Now required, it cannot be switched off by the user…
    expect((await c.post('/api/v1/auth/mfa/disable', { password: TEST_PASSWORD, otp: '123456' })).statusCode).toBe(403);
    // …but the security administrator can reset a lost one: the sessions end and enrolment starts again.
    secadmin = await t.as('secadmin');
    expect((await secadmin.post(`/api/v1/users/${u.id}/reset-mfa`)).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await signIn(u.username);
    expect(errorCode(await again.get('/api/v1/values/review-queue'))).toBe('MFA_ENROLMENT_REQUIRED');
    await setPolicy({});
  });

  it('ends a session after the idle time of the policy, and every session on "sign out everywhere"', async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    const before = await auditHead(t);
    const c = await signIn(u.username);
    t.clock.advance(29 * MINUTE);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(30 * MINUTE);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await auditSince(t, before, { action: 'auth.sessionExpired' })).map((r) => r.username)).toEqual([
      u.username,
    ]);

    await setPolicy({ idleMinutes: 10 });
    const d = await signIn(u.username);
    t.clock.advance(9 * MINUTE);
    expect((await d.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(10 * MINUTE);
    expect((await d.get('/api/v1/auth/me')).statusCode).toBe(401);
    await setPolicy({});

    const e1 = await signIn(u.username);
    const e2 = await signIn(u.username);
    const all = await e1.post('/api/v1/auth/logout-everywhere');
    expect(all.statusCode).toBe(200);
    expect(all.json().ended).toBe(2);
    expect((await e1.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await e2.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('lets the system administrator see who is signed in and end a session', async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    const c = await signIn(u.username);
    const admin = await t.as('admin');
    const sessions = (await admin.get('/api/v1/sessions')).json<{ id: string; username: string }[]>();
    const mine = sessions.find((s) => s.username === u.username);
    expect(mine).toBeDefined();
    expect((await admin.delete(`/api/v1/sessions/${mine?.id}`)).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await admin.delete(`/api/v1/sessions/${mine?.id}`)).statusCode).toBe(404);
  });

  it("refuses a state-changing request without the session's CSRF token, or with another session's", async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    const c = await signIn(u.username);
    const other = await signIn(u.username);
    const body = { currentPassword: TEST_PASSWORD, newPassword: 'Pzh#2024ok' };
    for (const headers of [
      { cookie: c.cookie },
      { cookie: c.cookie, 'x-csrf-token': other.csrf },
      { cookie: c.cookie, 'x-csrf-token': '' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers, payload: body });
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('CSRF');
    }
    // Nothing changed: the old password still signs in.
    expect((await login(t, { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });
});

describe('sign-in rate limits (in memory, per address and per account name)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { SIGN_IN_LIMIT_PER_ADDRESS: '30', SIGN_IN_LIMIT_PER_ACCOUNT: '10' } });
  });
  afterAll(async () => t.close());

  it('allows 10 attempts per account name in 10 minutes, from any address; then 429 with Retry-After', async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    for (let i = 0; i < 10; i++) {
      expect([401, 423]).toContain(
        (await login(t, { username: u.username, password: 'Wrong-pass1' }, `10.1.0.${i}`)).statusCode,
      );
    }
    const limited = await login(t, { username: u.username, password: TEST_PASSWORD }, '10.1.0.99');
    expect(limited.statusCode).toBe(429);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(10 * MINUTE);
    expect((await login(t, { username: u.username, password: TEST_PASSWORD }, '10.1.0.99')).statusCode).toBe(200);
  });

  it('allows 30 attempts per address in 10 minutes, whatever the names; one audit record for the refusals', async () => {
    const before = await auditHead(t);
    for (let i = 0; i < 30; i++)
      expect((await login(t, { username: `guess${i}`, password: 'x' }, '10.2.0.1')).statusCode).toBe(401);
    for (let i = 0; i < 3; i++)
      expect((await login(t, { username: 'leader', password: TEST_PASSWORD }, '10.2.0.1')).statusCode).toBe(429);
    expect((await login(t, { username: 'leader', password: TEST_PASSWORD }, '10.2.0.2')).statusCode).toBe(200);
    const denied = await auditSince(t, before, { action: 'auth.signIn', outcome: 'denied' });
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ ip: '10.2.0.1', detail: { reason: 'rateLimited', limit: 'address' } });
  });
});
