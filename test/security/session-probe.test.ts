/**
 * The second factor and sessions against the probe of issue 13 (items 8–11), on both databases: wrong passwords on
 * /auth/mfa/disable count towards the lockout; binding a second factor asks for the password; with a one-minute idle
 * time active users stay signed in; a secret that cannot be decrypted never tells a right password from a wrong one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../src/server/security/totp.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { clientOf, errorCode, login, makeUser } from './helpers.ts';

describe.each(testDialects())('second factor and sessions against the probe on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  const leader = async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    return { u, c: clientOf(t, await login(t, { username: u.username, password: TEST_PASSWORD }), u.username) };
  };
  const code = (secret: string, offset = 0) => hotp(base32Decode(secret), totpStep(t.clock.now().getTime()) + offset);

  it('asks for the current password to bind a second factor, at the start and at the confirmation', async () => {
    const { c } = await leader();
    const bare = await c.post('/api/v1/auth/mfa/start', {});
    expect(bare.statusCode).toBe(400);
    const wrong = await c.post('/api/v1/auth/mfa/start', { password: 'not-it' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe('password');
    const started = await c.post('/api/v1/auth/mfa/start', { password: TEST_PASSWORD });
    expect(started.statusCode).toBe(200);
    const { secret } = started.json<{ secret: string }>();
    expect((await c.post('/api/v1/auth/mfa/confirm', { otp: code(secret) })).statusCode).toBe(400);
    expect((await c.post('/api/v1/auth/mfa/confirm', { otp: code(secret), password: 'not-it' })).statusCode).toBe(400);
    expect((await c.get('/api/v1/auth/me')).json<{ user: { mfaEnabled: boolean } }>().user.mfaEnabled).toBe(false);
    const ok = await c.post('/api/v1/auth/mfa/confirm', { otp: code(secret), password: TEST_PASSWORD });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('counts wrong passwords on /auth/mfa/disable towards the lockout and ends the session at the lock', async () => {
    const { u, c } = await leader();
    const { secret } = (await c.post('/api/v1/auth/mfa/start', { password: TEST_PASSWORD })).json<{
      secret: string;
    }>();
    expect((await c.post('/api/v1/auth/mfa/confirm', { otp: code(secret), password: TEST_PASSWORD })).statusCode).toBe(
      200,
    );
    const answers: number[] = [];
    for (let n = 0; n < 5; n++) {
      answers.push((await c.post('/api/v1/auth/mfa/disable', { password: `guess-${n}`, otp: '123456' })).statusCode);
    }
    expect(answers).toEqual([400, 400, 400, 400, 400]);
    // The fifth wrong guess locked the account and ended its sessions: the stolen session guesses no more.
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const row = await t.ctx.db.kysely
      .selectFrom('users')
      .select(['locked_until', 'totp_enabled'])
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    expect(row.totp_enabled).toBe(1);
  });

  it('answers a second-factor secret that cannot be decrypted with 401 whether the password is right or wrong', async () => {
    const u = await makeUser(t, { role: 'auditAdmin' });
    // A secret sealed under a key this server does not have (a backup restored without its key file).
    const foreign = `v9:${Buffer.alloc(48, 3).toString('base64')}`;
    await t.ctx.db.kysely.updateTable('users').set({ totp_secret: foreign }).where('id', '=', u.id).execute();
    const right = await login(t, { username: u.username, password: TEST_PASSWORD, otp: '123456' });
    const wrong = await login(t, { username: u.username, password: 'Wrong-Passw0rd!', otp: '123456' });
    expect(right.statusCode, right.body).toBe(401);
    expect(wrong.statusCode, wrong.body).toBe(401);
    expect(right.body).not.toMatch(/Decrypt|INTERNAL/);
  });
});

describe.each(testDialects())('a one-minute idle time on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { SESSION_IDLE_MINUTES: '1' } });
  });
  afterAll(async () => t.close());

  it('keeps a user active every 15 s signed in, and signs out one idle for a minute', async () => {
    const u = await makeUser(t, { role: 'leader', viewScope: ['city'] });
    const c = clientOf(t, await login(t, { username: u.username, password: TEST_PASSWORD }), u.username);
    for (let n = 0; n < 16; n++) {
      t.clock.advance(15_000);
      const res = await c.get('/api/v1/auth/me');
      expect(res.statusCode, `after ${(n + 1) * 15} s`).toBe(200);
    }
    t.clock.advance(61_000);
    const idle = await c.get('/api/v1/auth/me');
    expect(idle.statusCode).toBe(401);
    expect(errorCode(idle)).toBe('UNAUTHENTICATED');
  });
});
