import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { errorCode, login, makeUser } from './helpers.ts';

/**
 * A district's training room: fifty officials behind one NAT address sign in within minutes. The per-address limit
 * is about guessing, so right passwords pass; wrong ones still stop at the limit, and the refusal says how long to wait.
 */
describe.each(testDialects())('sign-in from a training room on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { SIGN_IN_LIMIT_PER_ADDRESS: '30', SIGN_IN_LIMIT_PER_ACCOUNT: '10' } });
  });
  afterAll(async () => t.close());

  it('lets fifty right passwords through one address; a guessing run from it is still stopped at 30', async () => {
    const room = '198.51.100.20';
    const people = [];
    for (let i = 0; i < 50; i++) people.push(await makeUser(t, { role: 'districtReporter', entryScope: ['xiqu'] }));
    for (const p of people) {
      const res = await login(t, { username: p.username, password: TEST_PASSWORD }, room);
      expect(res.statusCode, p.username).toBe(200);
    }
    for (let i = 0; i < 30; i++) {
      expect((await login(t, { username: `guess${i}`, password: 'Wrong-pass1' }, room)).statusCode).toBe(401);
    }
    const refused = await login(t, { username: people[0]?.username ?? '', password: TEST_PASSWORD }, room);
    expect(refused.statusCode).toBe(429);
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    const body = refused.json<{ error: { message: string; messageEn: string } }>().error;
    // The message says when to try again, in both languages, agreeing with the Retry-After header.
    const minutes = Math.floor(wait / 60);
    expect(body.message).toMatch(/^请求过于频繁，请在 \d+ (分|秒)/);
    expect(body.message).toContain(minutes > 0 ? `${minutes} 分` : `${wait} 秒`);
    expect(body.messageEn).toMatch(/try again in \d+ (min|s)/);
  });
});
