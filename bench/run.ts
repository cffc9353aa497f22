/**
 * Gongfu benchmarks (docs/benchmarks.md records the figures). Usage:
 *   node bench/run.ts                 # SQLite file under .tmp/bench
 *   DATABASE_URL=postgres://… node bench/run.ts
 * Measures: full re-evaluation (load, compute, store); the cockpit API and an uncached database-backed route under
 * 100 concurrent connections (autocannon in a separate process beside the server); the 5,000-row Excel import.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { createContext } from '../src/server/context.ts';
import { buildApp } from '../src/server/app.ts';
import { TestClock } from '../src/server/clock.ts';
import { loadFixture } from './fixture.ts';
import { benchImport } from './import.ts';

const PASSWORD = 'Bench-Passw0rd!';
const dir = path.resolve('.tmp/bench');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const config = loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' });
const db = openDatabase(config);
if (db.dialect === 'postgres') {
  await db.kysely.schema.dropSchema('public').ifExists().cascade().execute();
  await db.kysely.schema.createSchema('public').execute();
}
await migrateToLatest(db);
const sizes = { indicators: 300, units: 60, years: [2022, 2023, 2024] };
let t = performance.now();
const fx = await loadFixture(db, { ...sizes, password: PASSWORD });
const fixtureMs = performance.now() - t;
const clock = new TestClock('2024-12-05T02:00:00Z');
const ctx = await createContext(db, config, clock);

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  node: process.version,
  database: db.dialect,
  fixture: {
    ...sizes,
    values: Math.round(sizes.indicators * (29 / 30) * (sizes.units + 1) * (12 * sizes.years.length - 2)),
    loadMs: Math.round(fixtureMs),
  },
};

// BENCH_ONLY=http: only the load tests (one evaluation run, for the cockpit; no import) — to compare two trees
// side by side on a shared machine.
const httpOnly = process.env.BENCH_ONLY === 'http';

// Full re-evaluation, seven times: the first runs warm the JIT and the caches; docs/benchmarks.md reports the median.
const evals = [];
for (let i = 0; i < (httpOnly ? 1 : 7); i++) {
  t = performance.now();
  const run = await ctx.evaluation.run(fx.frameworkId);
  evals.push({
    totalMs: performance.now() - t,
    ...run.timings,
    cells: run.latest?.cells.length ?? 0,
    asOf: run.latest?.asOf ?? null,
  });
}
results.reEvaluation = evals.map((e) =>
  Object.fromEntries(Object.entries(e).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 10) / 10 : v])),
);

const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
const base = `http://127.0.0.1:${port}`;
const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'leader', password: PASSWORD }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

async function load(url: string, seconds: number) {
  // Warm up once (the cockpit builds its cached answer on the first request).
  await fetch(`${base}${url}`, { headers: { cookie } });
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [
      path.resolve('node_modules/autocannon/autocannon.js'),
      '-c',
      '100',
      '-d',
      String(seconds),
      '-j',
      '-H',
      `cookie=${cookie}`,
      `${base}${url}`,
    ]);
    let s = '';
    child.stdout.on('data', (d: Buffer) => (s += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(s));
  });
  const r = JSON.parse(out) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    throughput: { average: number };
  };
  return {
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    bytesPerSecond: Math.round(r.throughput.average),
  };
}

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const cockpitBody = await (await fetch(`${base}/api/v1/cockpit`, { headers: { cookie } })).text();
results.cockpit = { bodyBytes: cockpitBody.length, ...(await load('/api/v1/cockpit', seconds)) };
results.uncachedSeries = {
  route: 'GET /api/v1/values/series (one indicator, one unit, 3 years)',
  ...(await load(
    `/api/v1/values/series?indicatorCode=${fx.codes[0]}&orgUnitId=${fx.unitIds[0]}&fromYear=2022&toYear=2024`,
    seconds,
  )),
};
const gridUrl = `/api/v1/values/grid?orgUnitId=${fx.unitIds[1]}&period=2024-11`;
const gridBody = await (await fetch(`${base}${gridUrl}`, { headers: { cookie } })).arrayBuffer();
results.uncachedGrid = {
  route: 'GET /api/v1/values/grid (300 indicators of one unit and month)',
  bodyBytes: gridBody.byteLength,
  ...(await load(gridUrl, seconds)),
};
results.loadAverage = os.loadavg().map((l) => Math.round(l * 10) / 10);
if (!httpOnly) results.import5000 = await benchImport(base, PASSWORD, fx);

await app.close();
await db.close();
console.log(JSON.stringify(results, null, 2));
