/**
 * The one upload gate over HTTP, on both databases (issue 13, item 12): every import route refuses a zip bomb, a sheet
 * with too many rows and a too-wide row the same way, stores nothing, and answers a user's import beyond the
 * concurrency cap with 429 in both languages.
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { bomb, manyRows, wideRows } from './hostile-xlsx.ts';

const ROUTES = [
  { url: '/api/v1/values/import', user: 'xiqu', maxRows: 20_000 },
  { url: '/api/v1/lists/import', user: 'gfb', maxRows: 2_000 },
] as const;

function uploadTo(t: TestApp, c: Client, url: string, data: Buffer): Promise<LightMyRequestResponse> {
  const boundary = '----gongfu-upload-gate';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

const error = (res: LightMyRequestResponse) =>
  res.json<{ error: { code: string; message: string; messageEn: string; details?: unknown[] } }>().error;

describe.each(testDialects())('the upload gate of every import on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { IMPORTS_PER_USER: '1' } });
  });
  afterAll(async () => t.close());

  const stored = async () => {
    const count = async (table: string) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.ctx.db.kysely)).rows[0]?.n,
      );
    return [await count('indicator_values'), await count('list_items')];
  };

  it('refuses a zip bomb, a sheet beyond the row limit and a too-wide row on every import, storing nothing', async () => {
    const before = await stored();
    for (const route of ROUTES) {
      const c = await t.as(route.user);
      const lying = await uploadTo(t, c, route.url, bomb(60 * 1024 * 1024, 1000));
      expect(lying.statusCode).toBe(400);
      expect(error(lying).message).toContain('解压后超过');
      const honest = await uploadTo(t, c, route.url, bomb(60 * 1024 * 1024, 60 * 1024 * 1024));
      expect(error(honest).messageEn).toContain('compression ratio above 200:1');
      const rows = await uploadTo(t, c, route.url, manyRows('Sheet1', route.maxRows + 5));
      expect(rows.statusCode).toBe(413);
      expect(error(rows)).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining(`超过单次导入 ${route.maxRows} 行数据的上限`),
        messageEn: expect.stringContaining(`more than ${route.maxRows} data rows`),
        details: [expect.objectContaining({ sheet: 'Sheet1', row: route.maxRows + 2 })],
      });
      const wide = await uploadTo(t, c, route.url, wideRows(2));
      expect(wide.statusCode).toBe(400);
      expect(error(wide).details).toEqual([expect.objectContaining({ row: 1, column: 'XFD' })]);
    }
    expect(await stored()).toEqual(before);
  });

  it('answers a second import by the same user while the first runs with 429 in both languages; others may import', async () => {
    const xiqu = await t.as('xiqu');
    const gfb = await t.as('gfb');
    const file = manyRows('Sheet1', 15_000);
    const [first, second, other] = await Promise.all([
      uploadTo(t, xiqu, '/api/v1/values/import', file),
      uploadTo(t, xiqu, '/api/v1/values/import', file),
      uploadTo(t, gfb, '/api/v1/lists/import', wideRows(1)),
    ]);
    expect(first.statusCode).toBe(422);
    expect(second.statusCode).toBe(429);
    expect(error(second)).toMatchObject({
      code: 'RATE_LIMITED',
      message: '您已有 1 个导入正在进行，请等待其完成后再上传',
      messageEn: 'You already have 1 import(s) running; wait for it to finish before uploading again',
    });
    expect(second.headers['retry-after']).toBe('5');
    expect(other.statusCode).toBe(400);
    // The slot is given back: the same user imports again once the first has finished.
    expect((await uploadTo(t, xiqu, '/api/v1/values/import', file)).statusCode).toBe(422);
  });
});
