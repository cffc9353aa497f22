/**
 * Bad input from the probe of issue 13, on both databases — each case once got a 500 or was accepted:
 * impossible periods (`0000`, `0000-01`, `9999-12`) and periods outside the framework's year; concurrent first saves
 * of one new value; list items naming what does not exist or dated absurdly; the error shapes (static paths, an
 * overlong id, one field-path convention, the lists import's year error in both languages).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { errorCode, makeUser } from './helpers.ts';

type Details = { field: string; message: string; text: { zh: string; en: string }; row?: number; column?: string }[];
const detailsOf = (res: LightMyRequestResponse): Details =>
  res.json<{ error: { details?: Details } }>().error.details ?? [];

/** 400 VALIDATION naming `field`, the message in Chinese and in English, never the two joined. */
function expectRefused(res: LightMyRequestResponse, field: string, what: string) {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(400);
  expect(errorCode(res), what).toBe('VALIDATION');
  const d = detailsOf(res).find((x) => x.field === field);
  expect(d, `${what}: no detail on ${field} in ${JSON.stringify(detailsOf(res))}`).toBeDefined();
  expect(d?.text.zh, what).toMatch(/[\u4e00-\u9fff]/);
  expect(d?.text.en, what).toMatch(/[A-Za-z]/);
  expect(d?.message, what).toBe(d?.text.zh);
}

function item(over: Record<string, unknown> = {}) {
  return {
    kind: 'reform',
    year: 2024,
    title: '坏输入测试事项',
    leaderName: '副市长',
    leadUnitId: 'xiqu',
    personInCharge: '张三',
    districtId: 'xiqu',
    startDate: '2024-10-01',
    deadline: '2024-12-31',
    ...over,
  };
}

async function upload(t: TestApp, c: Client, url: string, fileName: string, data: Buffer) {
  const boundary = '----gongfu-probe';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

describe.each(testDialects())('bad input found by the probe on %s', (dialect) => {
  let t: TestApp;
  let web: string;
  beforeAll(async () => {
    // A built web app, so that the static files answer the paths nothing else does.
    web = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-web-'));
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>共富</title>');
    t = await createTestApp(dialect, { env: { WEB_DIST: web } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(web, { recursive: true, force: true });
  });

  it('refuses impossible periods on every route with 400 naming the field, never a 500 or a stored lock', async () => {
    const xiqu = await t.as('xiqu');
    const gfb = await t.as('gfb');
    for (const period of ['0000-01', '0000', '9999-12', '0000-Q1']) {
      const what = `period ${period}`;
      expectRefused(await xiqu.get(`/api/v1/values/grid?orgUnitId=xiqu&period=${period}`), 'period', what);
      expectRefused(await xiqu.get(`/api/v1/values/template.xlsx?orgUnitId=xiqu&period=${period}`), 'period', what);
      expectRefused(await gfb.post('/api/v1/rounds', { period, dueDate: '2024-12-10' }), 'period', what);
      expectRefused(await xiqu.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period }), 'period', what);
      expectRefused(await gfb.post('/api/v1/periods/lock', { period }), 'period', what);
      expectRefused(
        await xiqu.put('/api/v1/values/grid', {
          orgUnitId: 'xiqu',
          period,
          entries: [{ indicatorCode: 'D5-06', value: 1, version: null }],
        }),
        'period',
        what,
      );
      expectRefused(await gfb.get(`/api/v1/cockpit?asOf=${period}`), 'asOf', what);
    }
    for (const period of ['0000-01', '9999-12']) {
      expectRefused(await gfb.get(`/api/v1/lists/summary/monthly?period=${period}`), 'period', `summary ${period}`);
    }
    expect((await gfb.get('/api/v1/lists/records?year=0')).statusCode).toBe(400);
    const locks = (await gfb.get('/api/v1/periods/locks')).json<{ period: string }[]>();
    expect(locks.filter((l) => l.period.startsWith('0000') || l.period.startsWith('9999'))).toEqual([]);
  });

  it('refuses drafts for a period outside the framework year, as the Excel import does', async () => {
    const xiqu = await t.as('xiqu');
    for (const period of ['2031-12', '1999-12', '2025-01']) {
      const res = await xiqu.put('/api/v1/values/grid', {
        orgUnitId: 'xiqu',
        period,
        entries: [{ indicatorCode: 'D5-06', value: 1, version: null }],
      });
      expectRefused(res, 'period', `draft for ${period}`);
    }
    const stored = await t.ctx.db.kysely
      .selectFrom('indicator_values')
      .select('period')
      .where('period', 'in', ['2031-12', '1999-12', '2025-01'])
      .execute();
    expect(stored).toEqual([]);
  });

  it('answers concurrent first saves of one new value with one success and 409 for the others', async () => {
    const reporters = await Promise.all(
      [1, 2, 3].map(async () =>
        t.as((await makeUser(t, { role: 'districtReporter', entryScope: ['xiqu'], viewScope: ['xiqu'] })).username),
      ),
    );
    const grid = (await reporters[0]?.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11'))?.json<{
      rows: { indicatorCode: string; editable: boolean; value: unknown }[];
    }>();
    const fresh = grid?.rows.find((r) => r.editable && r.value === null)?.indicatorCode as string;
    expect(fresh).toBeDefined();
    const answers = await Promise.all(
      reporters.map((c, n) =>
        c.put('/api/v1/values/grid', {
          orgUnitId: 'xiqu',
          period: '2024-11',
          entries: [{ indicatorCode: fresh, value: 1 + n, version: null }],
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses, answers.map((a) => a.body.slice(0, 200)).join('\n')).toEqual([200, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(errorCode(a)).toBe('CONFLICT');
    const rows = await t.ctx.db.kysely
      .selectFrom('indicator_values')
      .select('id')
      .where('indicator_code', '=', fresh)
      .where('org_unit_id', '=', 'xiqu')
      .where('period', '=', '2024-11')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses list items that name what does not exist or are dated absurdly, naming the field', async () => {
    const gfb = await t.as('gfb');
    const cases: [Record<string, unknown>, string][] = [
      [{ dimensionCode: 'D99' }, 'dimensionCode'],
      [{ target: { unit: '%', floor: 1, stretch: 2, indicatorCode: 'ZZZ-99' } }, 'target.indicatorCode'],
      [{ year: 2026, startDate: '1900-01-01', deadline: '2026-12-31' }, 'startDate'],
      [{ deadline: '9999-12-31' }, 'deadline'],
      [{ title: '\u200B\u200C\u200D\uFEFF\u2060' }, 'title'],
      [{ personInCharge: '\u200B \u200B' }, 'personInCharge'],
      [{ year: 0 }, 'year'],
    ];
    const count = async () => (await gfb.get('/api/v1/lists/items')).json<{ total: number }>().total;
    const before = await count();
    for (const [over, field] of cases) {
      expectRefused(await gfb.post('/api/v1/lists/items', item(over)), field, JSON.stringify(over));
    }
    expect(await count()).toBe(before);
    // What exists is accepted.
    const ok = await gfb.post('/api/v1/lists/items', item({ dimensionCode: 'D5', year: 2024 }));
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('says the lists import year error in both languages, at its row and column', async () => {
    const gfb = await t.as('gfb');
    const template = await gfb.get('/api/v1/lists/import-template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    // The template's example row, with a year that is not a number.
    let yearCol = 0;
    let headerRow = 0;
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        if (headerRow === 0 && cell.text.replace(/\*/g, '') === '年度') {
          yearCol = c;
          headerRow = r;
        }
      });
    });
    expect(yearCol).toBeGreaterThan(0);
    // The template's example row (refused as such) becomes a real row whose year is not a number.
    let titleCol = 0;
    ws.getRow(headerRow).eachCell((cell, c) => {
      if (cell.text === '事项名称') titleCol = c;
    });
    const example = ws.getRow(headerRow + 1);
    example.getCell(titleCol).value = '年度填错的事项';
    example.getCell(yearCol).value = '二〇二四';
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(t, gfb, '/api/v1/lists/import', 'lists.xlsx', data);
    expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
    const d = detailsOf(res).find((x) => x.row === headerRow + 1 && /年/.test(x.message));
    expect(d, JSON.stringify(detailsOf(res))).toBeDefined();
    expect(d?.text.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(d?.text.en).toMatch(/[A-Za-z]/);
    expect(d?.text.en).not.toMatch(/^expected number/);
  });

  it('uses one field-path convention: the path inside the request, as the services write it', async () => {
    const xiqu = await t.as('xiqu');
    const res = await xiqu.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: 'D5-06', value: 'lots', version: null }],
    });
    expect(res.statusCode).toBe(400);
    expect(detailsOf(res).map((d) => d.field)).toContain('entries.0.value');
    const query = await xiqu.get('/api/v1/values/grid?orgUnitId=xiqu&period=24-11');
    expect(detailsOf(query).map((d) => d.field)).toContain('period');
  });

  it('answers a traversal path and an overlong id with a proper code, never the internal one', async () => {
    // Over a real socket: the in-process injector would tidy `/../` away before the server sees it.
    const leader = await t.as('leader');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const raw = (url: string) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: url, headers: { cookie: leader.cookie } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }),
          );
        });
        req.on('error', reject);
      });
    const probes = [
      { url: '/../../etc/passwd', want: [404] },
      { url: '/%2e%2e/%2e%2e/etc/passwd', want: [404] },
      { url: '/assets/../../../etc/passwd', want: [404] },
      { url: `/api/v1/lists/items/${'a'.repeat(10_000)}`, want: [400, 404] },
      { url: `/api/v1/values/${'a'.repeat(10_000)}/history`, want: [400, 404] },
      { url: `/${'a'.repeat(10_000)}`, want: [404] },
    ];
    for (const p of probes) {
      const res = await raw(p.url);
      expect(p.want, `${p.url.slice(0, 60)}: ${res.status} ${res.body.slice(0, 200)}`).toContain(res.status);
      expect(res.body).not.toContain('FST_');
      expect(res.body).not.toContain('root:');
      expect(res.type).toContain('json');
      expect(['NOT_FOUND', 'VALIDATION']).toContain(JSON.parse(res.body).error.code);
    }
  });
  it('refuses two files in one upload, a UTF-16 text with a script, and strips bidi characters from file names', async () => {
    const gfb = await t.as('gfb');
    const created = await gfb.post('/api/v1/lists/items', item());
    const id = created.json<{ id: string }>().id;
    expect((await gfb.post(`/api/v1/lists/items/${id}/issue`, { version: 1 })).statusCode).toBe(200);
    const url = `/api/v1/lists/items/${id}/attachments`;
    const boundary = '----gongfu-two';
    const part = (name: string, body: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n${body}\r\n`;
    const two = await t.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: gfb.cookie,
        'x-csrf-token': gfb.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: `${part('一.pdf', '%PDF-1.4 a')}${part('二.pdf', '%PDF-1.4 b')}--${boundary}--\r\n`,
    });
    expectRefused(two, 'file', 'two files');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('说明<script>alert(1)</script>', 'utf16le')]);
    const script = await upload(t, gfb, url, '说明.txt', utf16);
    expect(script.statusCode, script.body).toBe(400);
    const bidi = await upload(t, gfb, url, '报告\u202Efdp.exe\u202C.pdf', Buffer.from('%PDF-1.4\n'));
    expect(bidi.statusCode, bidi.body).toBe(200);
    expect(bidi.json<{ fileName: string }>().fileName).toBe('报告fdp.exe.pdf');
    const detail = (await gfb.get(`/api/v1/lists/items/${id}`)).json<{ attachments: { fileName: string }[] }>();
    expect(detail.attachments.map((a) => a.fileName)).toEqual(['报告fdp.exe.pdf']);
  });
});
