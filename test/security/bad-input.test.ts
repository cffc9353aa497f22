/**
 * Bad input against the API (入侵防范 d, GB/T 22239-2019 §8.1.4.4): malformed JSON, wrong types, oversized bodies,
 * SQL and script injection in every text field of every write route, path traversal in file names and paths, forged
 * and replayed sessions. Each gets a clear 4xx (or is stored verbatim as data), nothing is executed or half-stored,
 * no answer shows a stack or SQL, and the server keeps serving.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/server/security/audit.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';
import { auditHead, auditSince, clientOf, errorCode, login, makeUser } from './helpers.ts';
import type { Role } from '../../src/domain/types.ts';

const INJECTIONS = [
  "x'); DROP TABLE users; --",
  "' OR '1'='1' --",
  '"; DELETE FROM audit_log; --',
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '${7*7}{{7*7}}#{7*7}',
  'nul\u0000byte',
  '王小明\u202Egnp.exe',
];

/** Something in an error answer that would betray the internals. */
const INTERNALS =
  /\bat [\w.<>]+ \(|node_modules|SQLITE_|sqlite3?|syntax error|SELECT |INSERT INTO|UPDATE \w+ SET|postgres|relation "|\.ts:\d+/i;

/** The demo account used to get past each role's gate. */
const ACCOUNT: Record<string, string> = {
  coordinator: 'gfb',
  leader: 'leader',
  teamMember: 'team',
  departmentReporter: 'tjj',
  districtReporter: 'xiqu',
  reviewer: 'shenhe',
  admin: 'admin',
  securityAdmin: 'secadmin',
  auditAdmin: 'auditor',
};

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  minimum?: number;
  minItems?: number;
  maxLength?: number;
  format?: string;
}

/** Values that satisfy the common patterns, so that a body reaches the service and its free-text fields the database. */
const BENIGN = ['xiqu', '2024-11', '2024-12-01', 'fuzzuser', 'D5-06', 'dept-rsj', 'abc'];

/** A body for `schema` whose free-text strings are all `text`; patterned strings get a value that fits. */
function sample(schema: JsonSchema | undefined, text: string): unknown {
  if (!schema) return text;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return sample(alt.find((s) => s.type !== 'null') ?? alt[0], text);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(v, text)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items, text));
    case 'integer':
    case 'number':
      return schema.minimum !== undefined && schema.minimum > -1e9 ? schema.minimum : 1;
    case 'boolean':
      return false;
    case 'string': {
      if (schema.pattern) {
        const re = new RegExp(schema.pattern);
        return BENIGN.find((b) => re.test(b)) ?? text;
      }
      return schema.maxLength !== undefined && schema.maxLength < text.length ? text.slice(0, schema.maxLength) : text;
    }
    default:
      return text;
  }
}

function expectClean(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(typeof body.error.code, what).toBe('string');
    expect(res.body, what).not.toMatch(INTERNALS);
  }
}

describe.each(testDialects())('bad input on %s', (dialect) => {
  let t: TestApp;
  const clients = new Map<string, Client>();
  const client = async (username: string) => {
    const hit = clients.get(username);
    if (hit) return hit;
    const c = await t.as(username);
    clients.set(username, c);
    return c;
  };
  // The household roles have no demo account: one made per role, scoped to 西区 (it signs in with the second factor).
  const householdAccounts = new Map<string, string>();
  const householdAccount = async (role: string) => {
    const hit = householdAccounts.get(role);
    if (hit) return hit;
    const u = await makeUser(t, { role: role as Role, entryScope: ['xiqu'], viewScope: ['xiqu'] });
    householdAccounts.set(role, u.username);
    return u.username;
  };
  const stillServing = async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    expect((await (await client('leader')).get('/api/v1/frameworks')).statusCode).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { env: { UPLOAD_LIMIT: String(64 * 1024) } });
  });
  afterAll(async () => t.close());

  it('answers malformed JSON, a wrong content type, wrong types and a polluted prototype with 400/415, storing nothing', async () => {
    const xiqu = await client('xiqu');
    const before = await auditHead(t);
    const raw = (payload: string, contentType = 'application/json') =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/values/grid',
        headers: { cookie: xiqu.cookie, 'x-csrf-token': xiqu.csrf, 'content-type': contentType },
        payload,
      });
    const malformed = await raw('{"orgUnitId": "xiqu", "period": "2024-11", "entries": [');
    expect(malformed.statusCode).toBe(400);
    expect(errorCode(malformed)).toBe('BAD_REQUEST');
    expect((await raw('orgUnitId=xiqu', 'text/plain')).statusCode).toBe(400);
    expect((await raw('<x/>', 'application/xml')).statusCode).toBe(415);
    const polluted = await raw('{"orgUnitId":"xiqu","period":"2024-11","entries":[],"__proto__":{"isAdmin":true}}');
    expect(polluted.statusCode).toBe(400);
    const wrong = await xiqu.put('/api/v1/values/grid', {
      orgUnitId: 42,
      period: ['2024-11'],
      entries: [{ indicatorCode: 'D5-06', value: 'lots', version: '1' }],
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorCode(wrong)).toBe('VALIDATION');
    const fields = wrong.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['orgUnitId', 'period']));
    for (const res of [malformed, wrong, polluted]) expectClean(res, 'bad body');
    expect(await auditSince(t, before, { actionPrefix: 'value.' })).toEqual([]);
    await stillServing();
  });

  it('refuses an oversized body (413) and an oversized upload (413), storing nothing', async () => {
    const xiqu = await client('xiqu');
    const huge = {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: [{ indicatorCode: 'D5-06', value: 1, version: null, note: 'x'.repeat(2 * 1024 * 1024) }],
    };
    const big = await xiqu.put('/api/v1/values/grid', huge);
    expect(big.statusCode).toBe(413);
    expect(errorCode(big)).toBe('PAYLOAD_TOO_LARGE');
    const upload = await uploadTo(t, xiqu, '/api/v1/values/import', 'big.xlsx', Buffer.alloc(100 * 1024, 1));
    expect(upload.statusCode).toBe(413);
    expectClean(upload, 'upload');
    await stillServing();
  });

  it('stores injection text in every write route as data or refuses it; never a 5xx, never the internals; the database intact', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
    }>();
    const routes = t.app.apiRoutes.filter(
      (r) =>
        !['GET', 'HEAD', 'OPTIONS'].includes(r.method) &&
        !['/api/v1/auth/logout', '/api/v1/auth/logout-everywhere'].includes(r.url),
    );
    expect(routes.length).toBeGreaterThan(40);
    const usersBefore = await t.ctx.db.kysely
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    let reachedService = 0;
    for (const route of routes) {
      const openapiPath = route.url.replace(/:(\w+)/g, '{$1}');
      const schema =
        doc.paths[openapiPath]?.[route.method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
      const role =
        route.access === 'public' || route.access === 'authenticated' ? 'coordinator' : (route.access[0] as string);
      // Wrong current passwords count towards a lockout, which ends the sessions: those routes get an account of their own.
      const c = [
        '/api/v1/auth/password',
        '/api/v1/auth/mfa/start',
        '/api/v1/auth/mfa/confirm',
        '/api/v1/auth/mfa/disable',
      ].includes(route.url)
        ? await t.as((await makeUser(t, { role: 'leader', viewScope: ['city'] })).username)
        : await client(ACCOUNT[role] ?? (await householdAccount(role)));
      for (const text of INJECTIONS) {
        const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(text));
        const res = await t.app.inject({
          method: route.method as 'POST',
          url,
          headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
          payload: sample(schema, text) ?? {},
        });
        expectClean(res, `${route.method} ${route.url} with ${JSON.stringify(text)}`);
        if (res.statusCode !== 400 && res.statusCode !== 403) reachedService++;
      }
    }
    expect(reachedService).toBeGreaterThan(0);
    // Nothing was dropped or deleted; the audit chain is whole.
    const usersAfter = await t.ctx.db.kysely
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(usersAfter.n)).toBeGreaterThanOrEqual(Number(usersBefore.n));
    expect((await verifyChain(t.ctx.db)).ok).toBe(true);
    await stillServing();
  });

  it('keeps injection text verbatim where it is data, and shows it back as data', async () => {
    const gfb = await client('gfb');
    for (const text of INJECTIONS.filter((x) => !x.includes('\u0000'))) {
      const created = await gfb.post('/api/v1/lists/items', {
        kind: 'task',
        year: 2024,
        title: text,
        content: text,
        leaderName: '副市长',
        leadUnitId: 'xiqu',
        personInCharge: text.slice(0, 50),
        districtId: 'xiqu',
        startDate: '2024-10-01',
        deadline: '2024-12-31',
      });
      expect(created.statusCode, created.body).toBe(200);
      const back = (await gfb.get(`/api/v1/lists/items/${created.json<{ id: string }>().id}`)).json<{
        item: { title: string; content: string };
      }>();
      expect(back.item.title).toBe(text);
      expect(back.item.content).toBe(text);
    }
    const admin = await client('admin');
    const made = await admin.post('/api/v1/users', {
      username: 'inject.case',
      displayName: "Robert'); DROP TABLE users; --",
    });
    expect(made.statusCode).toBe(200);
    const listed = (await admin.get('/api/v1/users')).json<{ username: string; displayName: string }[]>();
    expect(listed.find((u) => u.username === 'inject.case')?.displayName).toBe("Robert'); DROP TABLE users; --");
    // A search term is a value, not SQL.
    const auditor = await client('auditor');
    expect(
      (await auditor.get(`/api/v1/audit?username=${encodeURIComponent("' OR 1=1 --")}`)).json<{ total: number }>()
        .total,
    ).toBe(0);
    // Script text comes back as JSON text with the API's content type, never as HTML.
    const res = await gfb.get('/api/v1/lists/items?q=%3Cscript%3E');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('refuses a NUL character in text (PostgreSQL cannot store it) with 400, on both databases alike', async () => {
    const admin = await client('admin');
    const res = await admin.post('/api/v1/users', { username: 'nul.case', displayName: 'a\u0000b' });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION');
    const users = (await admin.get('/api/v1/users')).json<{ username: string }[]>();
    expect(users.some((u) => u.username === 'nul.case')).toBe(false);
  });

  it('never uses an uploaded file name as a path, and never serves a file inline', async () => {
    const gfb = await client('gfb');
    const item = (
      await gfb.post('/api/v1/lists/items', {
        kind: 'task',
        year: 2024,
        title: '附件测试',
        leaderName: '副市长',
        leadUnitId: 'xiqu',
        personInCharge: '张三',
        districtId: 'xiqu',
        startDate: '2024-10-01',
        deadline: '2024-12-31',
      })
    ).json<{ id: string }>().id;
    for (const name of [
      '../../../../etc/passwd.pdf',
      '..\\..\\windows\\system32\\evil.pdf',
      '/tmp/abs.pdf',
      'a/../../b.pdf',
      '%2e%2e%2fescape.pdf',
    ]) {
      const res = await uploadTo(
        t,
        gfb,
        `/api/v1/lists/items/${item}/attachments`,
        name,
        Buffer.from('%PDF-1.4\n%test\n'),
      );
      expect(res.statusCode, res.body).toBe(200);
      const stored = res.json<{ id: string; fileName: string }>();
      expect(stored.fileName).not.toMatch(/[\\/]|\.\./);
      const down = await gfb.get(`/api/v1/lists/attachments/${stored.id}`);
      expect(down.statusCode).toBe(200);
      expect(down.headers['content-disposition']).toMatch(/^attachment;/);
      expect(String(down.headers['content-disposition'])).not.toMatch(/\.\.[\\/]/);
    }
    // A script disguised as a PDF is refused on its bytes.
    const disguised = await uploadTo(
      t,
      gfb,
      `/api/v1/lists/items/${item}/attachments`,
      'report.pdf',
      Buffer.from('<html><script>alert(1)</script></html>'),
    );
    expect(disguised.statusCode).toBe(400);
    // Traversal in a path parameter never reaches a file.
    for (const path of [
      '/api/v1/lists/attachments/..%2F..%2Fetc%2Fpasswd',
      '/api/v1/lists/attachments/....//....//etc/passwd',
      '/api/v1/../../../etc/passwd',
    ]) {
      const res = await gfb.get(path);
      expect([400, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain('root:');
    }
  });

  it('refuses a forged session, a replayed one after sign-out, and a token from another session, storing nothing', async () => {
    const c = clientOf(t, await login(t, { username: 'xiqu', password: TEST_PASSWORD }), 'xiqu');
    const before = await auditHead(t);
    const attempt = (cookie: string, csrf: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/values/submit',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { orgUnitId: 'xiqu', period: '2024-11' },
      });
    expect((await attempt('gongfu_session=forged-token', c.csrf)).statusCode).toBe(401);
    expect((await attempt(`gongfu_session=${'A'.repeat(4000)}`, c.csrf)).statusCode).toBe(401);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    const replay = await attempt(c.cookie, c.csrf);
    expect(replay.statusCode).toBe(401);
    expect(errorCode(replay)).toBe('UNAUTHENTICATED');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(await auditSince(t, before, { actionPrefix: 'value.' })).toEqual([]);
    await stillServing();
  });
});

/** A multipart/form-data upload of one file in the field `file`. */
function uploadTo(t: TestApp, c: Client, url: string, fileName: string, data: Buffer) {
  const boundary = '----gongfu-bad-input';
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
