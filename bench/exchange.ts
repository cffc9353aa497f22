/**
 * The exchange benchmark (issue 12; docs/benchmarks.md records the figures). Usage:
 *   node bench/exchange.ts                  # SQLite file under .tmp/bench-exchange
 *   DATABASE_URL=postgres://… node bench/exchange.ts   (drops and recreates the database's public schema)
 *
 * On the benchmark fixture (bench/fixture.ts: 60 units, 300 monthly indicators, the year 2024) with May–October 2024
 * emptied: a DHIS2 data value set of 100,000 new values (JSON, 60 units × 290 enterable indicators × 6 months, cut
 * at 100,000) sent by a service account's token to POST /api/v1/exchange/dhis2/dataValueSets, timed from request to
 * answer, server and client in this process; then the year's published values (January–April, 69,600) exported as
 * JSON, CSV and ADX by the same token.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/server/app.ts';
import { TestClock } from '../src/server/clock.ts';
import { loadConfig } from '../src/server/config.ts';
import { createContext } from '../src/server/context.ts';
import { bulkInsert } from '../src/server/db/bulk-insert.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { loadFixture } from './fixture.ts';

const dir = path.resolve('.tmp/bench-exchange');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const config = loadConfig({
  ...process.env,
  DATA_DIR: dir,
  WEB_DIST: '/nonexistent',
  LOG_LEVEL: 'silent',
  TOKEN_RATE_LIMIT_PER_MINUTE: '1000',
});
const db = openDatabase(config);
/** With BENCH_SQL_PROFILE=1 (SQLite): the time of each statement, by its SQL text up to the first parameter list. */
const sqlTimes = new Map<string, { n: number; ms: number }>();
if (process.env.BENCH_SQL_PROFILE && db.dialect === 'postgres') {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const text = typeof a[0] === 'string' ? a[0] : ((a[0] as { text?: string } | undefined)?.text ?? '?');
    const key = text.replace(/\(\$[\d$, ]*\)/g, '(…)').slice(0, 120);
    const t0 = performance.now();
    const r = query.apply(this, a);
    const done = () => {
      const e = sqlTimes.get(key) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - t0;
      sqlTimes.set(key, e);
    };
    if (r instanceof Promise) void r.then(done, done);
    return r;
  };
}
if (process.env.BENCH_SQL_PROFILE && db.sqlite) {
  const handle = db.sqlite;
  const prepare = handle.prepare.bind(handle);
  handle.prepare = ((source: string) => {
    const stmt = prepare(source);
    const key = source.replace(/\(\?[?, ]*\)/g, '(…)').slice(0, 120);
    const timed =
      <A extends unknown[], R>(f: (...a: A) => R) =>
      (...a: A): R => {
        const t0 = performance.now();
        try {
          return f(...a);
        } finally {
          const e = sqlTimes.get(key) ?? { n: 0, ms: 0 };
          e.n++;
          e.ms += performance.now() - t0;
          sqlTimes.set(key, e);
        }
      };
    return new Proxy(stmt, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop === 'run' || prop === 'all' || prop === 'get')
          return timed((v as (...a: unknown[]) => unknown).bind(target));
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }) as typeof handle.prepare;
}
if (db.dialect === 'postgres') {
  await db.kysely.schema.dropSchema('public').ifExists().cascade().execute();
  await db.kysely.schema.createSchema('public').execute();
}
await migrateToLatest(db);
const fx = await loadFixture(db, { indicators: 300, units: 60, years: [2024], password: 'Bench-Passw0rd!' });
const open = ['2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10'];
await db.kysely.deleteFrom('indicator_values').where('period', 'in', open).execute();
// The fixture's values are generated, which the exchange exports never carry (another system would take them for
// facts): the remaining published ones are relabelled as reported figures, for the export to have a year to write.
await db.kysely.updateTable('indicator_values').set({ origin: 'reported' }).where('status', '=', 'published').execute();
const published = await db.kysely
  .selectFrom('indicator_values')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('status', '=', 'published')
  .executeTakeFirstOrThrow();

const clock = new TestClock('2024-12-05T02:00:00Z');
const ctx = await createContext(db, config, clock);
const admin = {
  userId: 'bench-admin',
  username: 'bench-admin',
  displayName: 'bench',
  role: 'admin' as const,
  entryScope: [],
  viewScope: [],
  workTeamId: null,
  sessionId: 'bench',
  ip: '127.0.0.1',
};
const account = await ctx.tokens.create(admin, {
  username: 'svc-bench',
  displayName: '基准测试接口',
  systemName: 'DHIS2 (bench)',
  description: null,
});
await db.kysely
  .updateTable('users')
  .set({ role: 'districtReporter', entry_scope: '["city"]', view_scope: '["city"]' })
  .where('id', '=', account.userId)
  .execute();
const { token } = await ctx.tokens.issue(admin, account.userId, { name: 'bench', expiresInDays: 30 });

const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const headers = { authorization: `Bearer ${token}` };

const VALUES = Number(process.env.BENCH_VALUES ?? 100_000);
const entered = fx.codes.filter((_, i) => i % 30 !== 29);
const dataValues: { dataElement: string; period: string; orgUnit: string; value: string }[] = [];
outer: for (const period of open)
  for (const unit of fx.unitIds)
    for (const code of entered) {
      if (dataValues.length === VALUES) break outer;
      dataValues.push({
        dataElement: code,
        period: period.replace('-', ''),
        orgUnit: `B${unit}`,
        value: String(5 + (dataValues.length % 7) / 10),
      });
    }
const body = JSON.stringify({ dataValues });

/**
 * Anchors, in this run and on this machine, to read the figures against (the machine is shared and its load moves):
 * parsing the request's JSON body, and 100,000 prepared inserts into a scratch table of the same database.
 */
const anchors: Record<string, number> = {};
{
  let t0 = performance.now();
  JSON.parse(body);
  anchors.jsonParseBodyMs = Math.round(performance.now() - t0);
  t0 = performance.now();
  for (let i = 0; i < 20; i++) crypto.createHash('sha256').update(body).digest('hex');
  anchors.sha256Body20xMs = Math.round(performance.now() - t0);
  await db.kysely.schema.dropTable('bench_anchor').ifExists().execute();
  await db.kysely.schema
    .createTable('bench_anchor')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('a', 'text')
    .addColumn('v', 'real')
    .execute();
  const rows = Array.from({ length: 100_000 }, (_, i) => ({ id: crypto.randomUUID(), a: `x${i % 300}`, v: i / 7 }));
  t0 = performance.now();
  await db.kysely.transaction().execute(async (trx) => {
    await bulkInsert(db, trx, 'bench_anchor' as never, rows);
  });
  anchors.bulkInsert100kMs = Math.round(performance.now() - t0);
  await db.kysely.schema.dropTable('bench_anchor').execute();
}

sqlTimes.clear();
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
let t = performance.now();
const res = await fetch(`${base}/api/v1/exchange/dhis2/dataValueSets?fileName=bench.json`, {
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body,
});
const importMs = performance.now() - t;
clearInterval(sampler);
const importSql = [...sqlTimes.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
sqlTimes.clear();
const summary = (await res.json()) as { status: string; importCount: unknown; conflicts: unknown[] };

const exports: Record<string, unknown> = {};
for (const url of ['dhis2/dataValueSets.json', 'dhis2/dataValueSets.csv', 'adx.xml']) {
  const runs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const r = await fetch(`${base}/api/v1/exchange/${url}`, { headers });
    bytes = (await r.arrayBuffer()).byteLength;
    runs.push(Math.round(performance.now() - t));
  }
  exports[url] = { ms: runs, bytes };
}

console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      dialect: db.dialect,
      node: process.version,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      anchors,
      import: {
        values: dataValues.length,
        bodyBytes: body.length,
        status: res.status,
        summary: { status: summary.status, importCount: summary.importCount, conflicts: summary.conflicts.length },
        ms: Math.round(importMs),
        rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
        peakRssMiB: Math.round(peakRss / 2 ** 20),
      },
      exportOfPublishedYear: { values: Number(published.n), ...exports },
      ...(process.env.BENCH_SQL_PROFILE
        ? { importSql: importSql.map(([sql, e]) => ({ sql, n: e.n, ms: Math.round(e.ms) })) }
        : {}),
    },
    null,
    2,
  ),
);
await app.close();
