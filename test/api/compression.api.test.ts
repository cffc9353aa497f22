import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

/** A built web app as Vite and the precompress step leave it: a hashed asset with its .br and .gz copies. */
function fakeWebDist(): { dir: string; script: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const script = `console.log(${JSON.stringify('共富'.repeat(2000))});`;
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><title>共富</title><script src="/assets/index-BQ3x_9aZ.js"></script>',
  );
  fs.writeFileSync(path.join(dir, 'assets/index-BQ3x_9aZ.js'), script);
  fs.writeFileSync(path.join(dir, 'assets/index-BQ3x_9aZ.js.br'), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(dir, 'assets/index-BQ3x_9aZ.js.gz'), zlib.gzipSync(script));
  return { dir, script };
}

describe.each(testDialects())('compressed and cached answers on %s', (dialect) => {
  let t: TestApp;
  let web: { dir: string; script: string };
  let cookie: string;
  beforeAll(async () => {
    web = fakeWebDist();
    t = await createTestApp(dialect, { env: { WEB_DIST: web.dir } });
    cookie = (await t.as('leader')).cookie;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(web.dir, { recursive: true, force: true });
  });

  it('sends the precompressed copy of a hashed asset, cached for a year', async () => {
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
    ] as const) {
      const res = await t.app.inject({ url: '/assets/index-BQ3x_9aZ.js', headers: { 'accept-encoding': accept } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(decode(res.rawPayload).toString()).toBe(web.script);
    }
    const plain = await t.app.inject({ url: '/assets/index-BQ3x_9aZ.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(web.script);
  });

  it('never lets index.html be cached, whichever path the web app routes', async () => {
    for (const url of ['/', '/index.html', '/cockpit', '/lists/items/x']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain('<title>共富</title>');
    }
  });

  it('serves the cockpit from its cached compressed form, the same JSON as uncompressed', async () => {
    const plain = await t.app.inject({ url: '/api/v1/cockpit', headers: { cookie } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, decode] of [
      ['br', zlib.brotliDecompressSync],
      ['gzip', zlib.gunzipSync],
    ] as const) {
      const res = await t.app.inject({ url: '/api/v1/cockpit', headers: { cookie, 'accept-encoding': accept } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(accept);
      expect(res.headers.vary).toContain('Accept-Encoding');
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(decode(res.rawPayload).toString()).toBe(plain.body);
    }
  });

  it('compresses other JSON answers when the client accepts it, and refuses compressed request bodies', async () => {
    const res = await t.app.inject({ url: '/api/v1/org-units', headers: { cookie, 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(res.rawPayload).toString())).toBeTruthy();
    // A gzip body is never inflated by the server: it arrives as bytes that are not JSON.
    const bomb = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: zlib.gzipSync(JSON.stringify({ username: 'leader', password: 'x'.repeat(100) })),
    });
    expect(bomb.statusCode).toBeGreaterThanOrEqual(400);
    expect(bomb.statusCode).toBeLessThan(500);
  });
});
