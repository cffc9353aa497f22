/**
 * The ledger over HTTP (issue 9's targets: the filtered table and the district aggregates ≤ 50 ms p99 at 100
 * connections): a SQLite file (or DATABASE_URL) holding N projects (default 10,000) over 21 districts with five years
 * of plans and monthly returns, the server in this process, autocannon in another beside it. Routes: `GET /projects`
 * (the city's leader: every project, one page of 50; and filtered to one district and the red light),
 * `GET /projects/aggregates`, and `GET /projects/settings` as the anchor (authentication and HTTP, no ledger work).
 * Run from bench/projects.ts with `--http`.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { createContext } from '../src/server/context.ts';
import { buildApp } from '../src/server/app.ts';
import { TestClock } from '../src/server/clock.ts';
import {
  ProjectRepository,
  type NewPlan,
  type NewProject,
  type NewReturn,
} from '../src/server/modules/projects/project.repository.ts';
import { PROJECT_STAGES } from '../src/domain/projects/types.ts';
import { loadFixture } from './fixture.ts';

const PASSWORD = 'Bench-Passw0rd!';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function benchLedgerHttp(n: number): Promise<Record<string, unknown>> {
  const dir = path.resolve('.tmp/bench-projects');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const config = loadConfig({ ...process.env, DATA_DIR: dir, WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' });
  const db = openDatabase(config);
  if (db.dialect === 'postgres') {
    await db.kysely.schema.dropSchema('public').ifExists().cascade().execute();
    await db.kysely.schema.createSchema('public').execute();
  }
  await migrateToLatest(db);
  const fx = await loadFixture(db, { indicators: 30, units: 21, years: [2024], password: PASSWORD });
  const rand = rng(9);
  const years = [2020, 2021, 2022, 2023, 2024];
  const repo = new ProjectRepository(db);
  const stamp = '2024-01-01T00:00:00.000Z';
  let t0 = performance.now();
  let returnsCount = 0;
  for (let chunk = 0; chunk < n; chunk += 1000) {
    const projects: NewProject[] = [];
    const plans: NewPlan[] = [];
    const returns: NewReturn[] = [];
    for (let i = chunk; i < Math.min(n, chunk + 1000); i++) {
      const stage = PROJECT_STAGES[Math.floor(rand() * PROJECT_STAGES.length)]!;
      const started = stage !== 'reserve' && stage !== 'preparation';
      const startYear = years[Math.floor(rand() * 4)]!;
      const id = crypto.randomUUID();
      projects.push({
        id,
        code: `2020-510400-${String(i).padStart(2, '0').slice(-2)}-01-${String(i).padStart(6, '0')}`,
        name: `基准项目${i}`,
        owner: `业主单位${i % 300}`,
        level: rand() < 0.3 ? 'provincial' : 'city',
        chain: ['vanadiumTitanium', 'cleanEnergy', 'energyStorage', 'hydrogen'][i % 4]!,
        district_id: fx.unitIds[i % fx.unitIds.length]!,
        total_investment: Math.round(50_000 + rand() * 100_000),
        funding: '[]',
        stage,
        stage_since: `${startYear}-03-01`,
        planned_start: `${startYear}-03-01`,
        planned_completion: '2026-12-31',
        planned_production: null,
        actual_start: started ? `${startYear}-03-01` : null,
        actual_completion: stage === 'completed' || stage === 'inProduction' ? '2024-10-01' : null,
        actual_production: null,
        statistics_status: started ? 'entered' : 'notEntered',
        content: '',
        list_item_id: null,
        source_doc: null,
        generated: 1,
        generated_fields: '[]',
        created_at: stamp,
        created_by: null,
        updated_at: stamp,
        updated_by: null,
        version: 1,
      });
      for (const year of years) {
        plans.push({
          id: crypto.randomUUID(),
          project_id: id,
          year,
          planned: Math.round(3_000 + rand() * 6_000),
          profile: null,
          start_month: null,
          completion_month: null,
          note: '',
          status: 'frozen',
          submitted_at: stamp,
          submitted_by: null,
          reviewed_at: stamp,
          reviewed_by: null,
          comment: '',
          generated: 1,
          updated_at: stamp,
          updated_by: null,
          version: 3,
        });
      }
      if (!started) continue;
      for (const year of years.filter((x) => x >= startYear)) {
        let ytd = 0;
        for (let m = 1; m <= (year === 2024 ? 11 : 12); m++) {
          const thisMonth = Math.round(100 + rand() * 500);
          ytd += thisMonth;
          const month = `${year}-${String(m).padStart(2, '0')}`;
          returns.push({
            id: crypto.randomUUID(),
            project_id: id,
            month,
            this_month: thisMonth,
            ytd,
            since_start: ytd,
            progress_text: '',
            progress_percent: 50,
            workers: 100,
            status: 'approved',
            warnings: '[]',
            filed_by: null,
            filed_at: stamp,
            submitted_at: stamp,
            reviewed_by: null,
            reviewed_at: stamp,
            comment: '',
            generated: 1,
            updated_at: stamp,
            version: 3,
          });
        }
      }
    }
    returnsCount += returns.length;
    await repo.transaction(async (trx) => {
      await repo.insertProjects(trx, projects);
      await repo.insertPlans(trx, plans);
      await repo.insertReturns(trx, returns);
    });
  }
  const loadMs = performance.now() - t0;
  const clock = new TestClock('2024-12-15T02:00:00Z');
  const ctx = await createContext(db, config, clock);
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
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);

  async function load(url: string) {
    t0 = performance.now();
    const first = await fetch(`${base}${url}`, { headers: { cookie } });
    const firstMs = performance.now() - t0;
    const body = await first.text();
    if (first.status !== 200) throw new Error(`${url}: ${first.status} ${body.slice(0, 300)}`);
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
      timeouts: number;
    };
    return {
      url,
      firstMs: Math.round(firstMs),
      bodyBytes: body.length,
      requestsPerSecond: Math.round(r.requests.average),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
    };
  }
  const district = fx.unitIds[3]!;
  const result = {
    dialect: db.dialect,
    projects: n,
    returns: returnsCount,
    loadMs: Math.round(loadMs),
    anchor: await load('/api/v1/projects/settings'),
    ledger: await load('/api/v1/projects?pageSize=50'),
    filtered: await load(`/api/v1/projects?districtId=${district}&light=red&sort=rate&pageSize=50`),
    aggregates: await load('/api/v1/projects/aggregates'),
  };
  await app.close();
  await db.close();
  return result;
}
