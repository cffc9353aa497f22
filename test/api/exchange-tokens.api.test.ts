import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { auditHead, auditSince, errorCode } from '../security/helpers.ts';

/**
 * Service accounts and API tokens (issue 12): the separation of duties, tokens shown once and stored hashed, the
 * Bearer scheme without CSRF, what a token may call, revocation and expiry at once, the per-token rate limit, every
 * call in the audit trail with the token's name, the OpenAPI description.
 */
describe.each(testDialects())('service accounts and API tokens on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let secadmin: Client;
  let gfb: Client;
  let accountId: string;
  let token: string;
  let tokenId: string;

  const bearer = (method: 'GET' | 'POST' | 'PUT', url: string, tok: string, body?: unknown, cookie?: string) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tok}`, ...(cookie ? { cookie } : {}) },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { TOKEN_RATE_LIMIT_PER_MINUTE: '20' } });
    admin = await t.as('admin');
    secadmin = await t.as('secadmin');
    gfb = await t.as('gfb');
  });
  afterAll(async () => t.close());

  it('the system administrator creates a service account with no role, and issues a token shown once', async () => {
    const created = await admin.post('/api/v1/exchange/service-accounts', {
      username: 'svc-province',
      displayName: '省平台接口',
      systemName: '省共同富裕监测平台',
      description: null,
    });
    expect(created.statusCode, created.body).toBe(200);
    const account = created.json<{ userId: string; role: string | null }>();
    expect(account.role).toBeNull();
    accountId = account.userId;

    const issued = await admin.post(`/api/v1/exchange/service-accounts/${accountId}/tokens`, {
      name: '省平台-2024',
      expiresInDays: 90,
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const body = issued.json<{ token: string; info: { id: string; prefix: string; state: string } }>();
    token = body.token;
    tokenId = body.info.id;
    expect(token).toMatch(/^gft_[A-Za-z0-9_-]{43}$/);
    expect(body.info.state).toBe('active');
    expect(token.startsWith(body.info.prefix.replace('…', ''))).toBe(true);

    // Stored as a hash only; the list shows the prefix, never the token.
    const stored = await t.ctx.db.kysely
      .withTables<{ api_tokens: { id: string; token_hash: string } }>()
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', tokenId)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(token.slice(4, 20));
    const list = await gfb.get('/api/v1/exchange/service-accounts');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain(stored.token_hash);
    expect(list.json<{ tokens: { name: string }[] }[]>()[0]?.tokens[0]?.name).toBe('省平台-2024');
  });

  it('keeps each duty to its administrator', async () => {
    expect(
      (await secadmin.post(`/api/v1/exchange/service-accounts/${accountId}/tokens`, { name: 'x', expiresInDays: 1 }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await gfb.post('/api/v1/exchange/service-accounts', {
          username: 'svc-x',
          displayName: 'x',
          systemName: 'x',
        })
      ).statusCode,
    ).toBe(403);
    // The system administrator cannot authorise it, nor give it a password.
    expect(
      (await admin.put(`/api/v1/users/${accountId}/rights`, { role: 'leader', viewScope: ['xiqu'], version: 1 }))
        .statusCode,
    ).toBe(403);
    const reset = await admin.post(`/api/v1/users/${accountId}/reset-password`);
    expect(reset.statusCode).toBe(403);
    expect(reset.json<{ error: { messageEn: string } }>().error.messageEn).toMatch(/API tokens only/);
    // No password signs it in.
    for (const password of [TEST_PASSWORD, '!service-account', '']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'svc-province', password },
      });
      expect(res.statusCode).not.toBe(200);
    }
  });

  it('opens nothing until the security administrator authorises the account', async () => {
    const before = await bearer('GET', '/api/v1/exchange/whoami', token);
    expect(before.statusCode).toBe(401);
    const rights = await secadmin.put(`/api/v1/users/${accountId}/rights`, {
      role: 'districtReporter',
      entryScope: ['xiqu'],
      viewScope: ['xiqu'],
      version: 1,
    });
    expect(rights.statusCode, rights.body).toBe(200);
    const who = await bearer('GET', '/api/v1/exchange/whoami', token);
    expect(who.statusCode, who.body).toBe(200);
    expect(who.json()).toMatchObject({
      username: 'svc-province',
      role: 'districtReporter',
      entryScope: ['xiqu'],
      token: { id: tokenId, name: '省平台-2024' },
    });
  });

  it("reads within the account's scope, 403 outside it", async () => {
    const inside = await bearer('GET', '/api/v1/values/grid?orgUnitId=xiqu&period=2024-10', token);
    expect(inside.statusCode, inside.body).toBe(200);
    const outside = await bearer('GET', '/api/v1/values/grid?orgUnitId=dongqu&period=2024-10', token);
    expect(outside.statusCode).toBe(403);
    expect(errorCode(outside)).toBe('OUT_OF_SCOPE');
    // A route its role may not call at all.
    expect((await bearer('GET', '/api/v1/users', token)).statusCode).toBe(403);
  });

  it('cannot write outside the exchange routes: no submit, no publish, no review — with or without CSRF', async () => {
    for (const [url, body] of [
      ['/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-10' }],
      ['/api/v1/values/publish', { orgUnitId: 'xiqu', period: '2024-10' }],
      ['/api/v1/auth/logout', undefined],
    ] as const) {
      const res = await bearer('POST', url, token, body);
      expect(res.statusCode, url).toBe(403);
      expect(errorCode(res), url).toBe('FORBIDDEN');
    }
  });

  it('lets the token alone decide when a session cookie comes with it', async () => {
    const res = await bearer('GET', '/api/v1/exchange/whoami', token, undefined, gfb.cookie);
    expect(res.json<{ username: string }>().username).toBe('svc-province');
    const bad = await bearer('GET', '/api/v1/exchange/whoami', 'gft_wrong', undefined, gfb.cookie);
    expect(bad.statusCode).toBe(401);
  });

  it("records every call, reads included, with the token's name", async () => {
    const head = await auditHead(t);
    await bearer('GET', '/api/v1/exchange/whoami', token);
    await bearer('POST', '/api/v1/values/publish', token, { orgUnitId: 'xiqu', period: '2024-10' });
    const records = await auditSince(t, head);
    const calls = records.filter((r) => r.objectType === 'route');
    expect(calls.map((r) => [r.action, r.objectId, r.username])).toEqual([
      ['api.read', 'GET /api/v1/exchange/whoami', 'svc-province'],
      ['api.write', 'POST /api/v1/values/publish', 'svc-province'],
    ]);
    for (const r of calls) expect(r.detail?.credential).toEqual({ kind: 'apiToken', id: tokenId, name: '省平台-2024' });
    expect(calls[1]?.outcome).toBe('denied');
  });

  it('is rate-limited per token (429 with Retry-After), other tokens unaffected', async () => {
    const other = (
      await admin.post(`/api/v1/exchange/service-accounts/${accountId}/tokens`, { name: 'other', expiresInDays: 1 })
    ).json<{ token: string }>().token;
    let res: LightMyRequestResponse | null = null;
    for (let i = 0; i < 25; i++) {
      res = await bearer('GET', '/api/v1/exchange/whoami', token);
      if (res.statusCode === 429) break;
    }
    expect(res?.statusCode).toBe(429);
    expect(Number(res?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await bearer('GET', '/api/v1/exchange/whoami', other)).statusCode).toBe(200);
    t.clock.advance(61_000);
    expect((await bearer('GET', '/api/v1/exchange/whoami', token)).statusCode).toBe(200);
  });

  it('refuses a revoked token at once (401), and records the refusal', async () => {
    expect((await bearer('GET', '/api/v1/exchange/whoami', token)).statusCode).toBe(200);
    const head = await auditHead(t);
    const revoked = await secadmin.post(`/api/v1/exchange/tokens/${tokenId}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    const res = await bearer('GET', '/api/v1/exchange/whoami', token);
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { messageEn: string } }>().error.messageEn).toMatch(/revoked/);
    const actions = (await auditSince(t, head)).map((r) => r.action);
    expect(actions).toContain('token.revoke');
    expect(actions).toContain('token.refused');
    expect((await secadmin.post(`/api/v1/exchange/tokens/${tokenId}/revoke`)).statusCode).toBe(409);
  });

  it('refuses an expired token at once (401)', async () => {
    const { token: short } = (
      await admin.post(`/api/v1/exchange/service-accounts/${accountId}/tokens`, { name: '1天', expiresInDays: 1 })
    ).json<{ token: string }>();
    expect((await bearer('GET', '/api/v1/exchange/whoami', short)).statusCode).toBe(200);
    t.clock.advance(86_400_000 + 1000);
    expect((await bearer('GET', '/api/v1/exchange/whoami', short)).statusCode).toBe(401);
    // The administrator's session went idle in the meantime.
    admin = await t.as('admin');
    const list = (await admin.get('/api/v1/exchange/service-accounts')).json<
      { tokens: { name: string; state: string }[] }[]
    >();
    expect(list[0]?.tokens.find((x) => x.name === '1天')?.state).toBe('expired');
    expect(
      (await admin.post(`/api/v1/exchange/service-accounts/${accountId}/tokens`, { name: 'long', expiresInDays: 366 }))
        .statusCode,
    ).toBe(400);
  });

  it('refuses the tokens of a disabled account', async () => {
    const { token: live } = (
      await admin.post(`/api/v1/exchange/service-accounts/${accountId}/tokens`, { name: 'live', expiresInDays: 30 })
    ).json<{ token: string }>();
    expect((await bearer('GET', '/api/v1/exchange/whoami', live)).statusCode).toBe(200);
    const user = (await admin.get('/api/v1/users'))
      .json<{ id: string; version: number }[]>()
      .find((u) => u.id === accountId);
    const off = await admin.put(`/api/v1/users/${accountId}`, {
      displayName: '省平台接口',
      disabled: true,
      version: user?.version,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await bearer('GET', '/api/v1/exchange/whoami', live)).statusCode).toBe(401);
  });

  it('describes the token scheme in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
    }>();
    expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
