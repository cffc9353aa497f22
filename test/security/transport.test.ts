import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { login } from './helpers.ts';

/**
 * Transport and answers (GB/T 22239-2019 §8.1.4.8 a, §8.1.2.2): HTTPS by the server itself or behind a trusted proxy,
 * Secure cookies, HSTS only over HTTPS, the security headers on every answer, and no internals in any error.
 */
describe.each(testDialects())('security headers, cookies and errors on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => t.close());

  it('sends the security headers on every answer: success, refusal, not found, error', async () => {
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/v1/health' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/cockpit' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
      await t.app.inject({ method: 'GET', url: '/index.html' }),
      await login(t, { username: 'leader', password: 'x' }),
    ];
    for (const res of answers) {
      expect(res.headers['content-security-policy'], res.raw.req.url).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds HSTS when the request came over HTTPS through the trusted proxy, and believes no one else', async () => {
    const viaProxy = await t.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const stranger = await t.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-forwarded-proto': 'https' },
      remoteAddress: '10.6.6.6',
    });
    expect(stranger.headers['strict-transport-security']).toBeUndefined();
    // The audit trail takes the address the trusted proxy gives, and only from it.
    const before = (await t.ctx.auditor.log.search({ limit: 1, offset: 0 })).records[0]?.seq ?? 0;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'leader', password: 'x' },
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'leader', password: 'x' },
      headers: { 'x-forwarded-for': '203.0.113.9' },
      remoteAddress: '10.6.6.6',
    });
    const ips = (await t.ctx.auditor.log.search({ action: 'auth.signIn', limit: 10, offset: 0 })).records
      .filter((r) => r.seq > before)
      .map((r) => r.ip);
    expect(ips.sort()).toEqual(['10.6.6.6', '203.0.113.9']);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, and Secure in production', async () => {
    const res = await login(t, { username: 'leader', password: TEST_PASSWORD });
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Strict/);
    expect(loadConfig({ GONGFU_MODE: 'production' }).cookieSecure).toBe(true);
    expect(loadConfig({ GONGFU_MODE: 'demo' }).cookieSecure).toBe(false);
  });

  it('answers an internal failure with 500 INTERNAL and nothing of the SQL or the stack', async () => {
    await sql`DROP TABLE period_locks`.execute(t.ctx.db.kysely);
    const c = await t.as('leader');
    const res = await c.get('/api/v1/periods/locks');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: '服务器内部错误', messageEn: 'Internal error' } });
    expect(res.body).not.toMatch(/period_locks|SELECT|sqlite|at \w/i);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });
});

describe('the configuration of transport security', () => {
  it('refuses half a TLS configuration or a missing file, naming the variables', () => {
    expect(() => loadConfig({ TLS_CERT_FILE: '/etc/hostname' })).toThrow(ConfigError);
    try {
      loadConfig({ TLS_CERT_FILE: '/nonexistent/cert.pem', TLS_KEY_FILE: '/nonexistent/key.pem' });
    } catch (error) {
      expect((error as ConfigError).problems.join('\n')).toMatch(/TLS_CERT_FILE: .* does not exist/);
    }
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '60' })).toThrow(/SESSION_IDLE_MINUTES/);
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('the server terminating TLS itself', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    t = await createTestApp('sqlite', {
      env: { TLS_CERT_FILE: path.join(dir, 'cert.pem'), TLS_KEY_FILE: path.join(dir, 'key.pem') },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('speaks HTTPS (TLS 1.2 or later), with HSTS and a Secure session cookie', async () => {
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { status, headers } = await new Promise<{
      status: number;
      headers: Record<string, string | string[] | undefined>;
    }>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v1/auth/login',
          method: 'POST',
          rejectUnauthorized: false,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ username: 'leader', password: TEST_PASSWORD }));
    });
    expect(status).toBe(200);
    expect(headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(String(headers['set-cookie'])).toMatch(/Secure/);
    expect(t.config.cookieSecure).toBe(true);
  });
});
