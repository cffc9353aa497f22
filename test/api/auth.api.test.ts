import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../databases.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../app.ts';

describe.each(testDialects())('sign-in and sessions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('signs in with a secure, HTTP-only, same-site cookie and answers who I am', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'xiqu', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: cookie.split(';')[0] as string },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'xiqu', role: 'districtReporter', entryScope: ['xiqu'] });
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'leader', password: 'x' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe(wrong.json().error.code);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('refuses a request without a session with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/cockpit' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = await t.as('xiqu');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/values/submit',
      headers: { cookie: c.cookie },
      payload: { orgUnitId: 'xiqu', period: '2024-11' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
  });

  it('ends the session on sign-out and after 30 idle minutes', async () => {
    const c = await t.as('leader');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const d = await t.as('leader');
    t.clock.advance(31 * 60_000);
    expect((await d.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a forged session cookie', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: 'gongfu_session=forged-token' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/values/grid', '/api/v1/cockpit', '/api/v1/evaluation/matrix']),
    );
    expect(doc.paths['/api/v1/values/grid'].put.requestBody).toBeDefined();
  });
});
