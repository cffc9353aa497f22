import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { idCheckCharacter } from '../../src/domain/households/id-number.ts';
import { SURVEY_COLUMNS, type SurveyKey } from '../../src/domain/households/survey.ts';
import { loadConfig } from '../../src/server/config.ts';
import { TOTP_SECRET_CONTEXT } from '../../src/server/modules/auth/auth.service.ts';
import { FieldCrypto, loadFieldKeys } from '../../src/server/security/field-crypto.ts';
import { base32Decode, hotp, totpStep } from '../../src/server/security/totp.ts';
import {
  freshPostgresDatabase,
  startServerProcess,
  startServers,
  stopAll,
  SERVER_TEST_NOW,
  SERVER_TEST_PASSWORD,
  type ServerProcess,
  type Session,
} from './servers.ts';

/**
 * Issue 14, background jobs across servers (src/server/jobs, pg-boss): real server processes on one PostgreSQL
 * database (test/scale/servers.ts). The daily warning runs happen once however many servers start; a server killed
 * while its import's transaction is open leaves nothing written — the job is tried again on another server and
 * completes once, and when that server is killed too the job ends failed, saying so, with nothing written.
 */
const pgAvailable = Boolean(inject('pgBase'));

// The servers' keys (test/scale/servers.ts) and a TOTP secret for the township officer (a household role: 2FA).
const KEYS = {
  GONGFU_FIELD_KEY: Buffer.alloc(32, 7).toString('base64'),
  GONGFU_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
};
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const XINZHUANG_CODE = '510403100201';
const DAILY = ['household-cases.daily', 'lists.daily', 'projects.daily'];

/** One series' value summed over the servers' /metrics. */
async function metric(servers: readonly ServerProcess[], series: string): Promise<number> {
  let sum = 0;
  for (const s of servers) {
    const text = await (await s.get('/metrics')).text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    sum += line ? Number(line.slice(series.length + 1)) : 0;
  }
  return sum;
}

/** A survey CSV of `n` one-person households in 新庄村, none flagged (incomes well above the lines), dated before the servers' today (2024-12-05). */
function survey(n: number, birthYear: number): Buffer {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [SURVEY_COLUMNS.map((c) => c.zh).join(',')];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(birthYear, 0, 1 + Math.floor(i / 900)));
    const first = `510411${day.toISOString().slice(0, 10).replaceAll('-', '')}${String((i % 900) + 100)}`;
    const v: Partial<Record<SurveyKey, string>> = {
      householdKey: `H${i}`,
      villageCode: XINZHUANG_CODE,
      address: '2组',
      name: `测试${i}`,
      idNumber: first + idCheckCharacter(first),
      relation: '户主',
      employed: '是',
      employedSince: '2019-03-01',
      incomeYear: '2023',
      incomeTotal: '90000',
      incomeSource: '收入摸底调查',
      recordedOn: '2024-11-20',
    };
    lines.push(SURVEY_COLUMNS.map((c) => cell(v[c.key] ?? '')).join(','));
  }
  return Buffer.from(lines.join('\n'));
}

describe.skipIf(!pgAvailable)('background jobs on three servers sharing one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let servers: ServerProcess[] = [];
  let sql: pg.Client;
  let startedAt = 0;
  const env = { JOBS_SUPERVISE_SECONDS: '1', LOG_LEVEL: 'warn' };

  beforeAll(async () => {
    db = await freshPostgresDatabase();
    startedAt = Date.now();
    servers = await startServers(3, { databaseUrl: db.url, env });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 180_000);
  afterAll(async () => {
    await sql?.end();
    await stopAll(servers);
    await db?.drop();
  });

  const alive = () => servers.filter((s) => s.child.exitCode === null && s.child.signalCode === null);

  it('runs each daily warning run once, however many servers started', async () => {
    const completed = async (queue: string) =>
      metric(alive(), `gongfu_job_runs_total{queue="${queue}",outcome="completed"}`);
    await expect
      .poll(async () => (await Promise.all(DAILY.map(completed))).every((n) => n >= 1), {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(true);
    // Every server ticks again (a restart would too): still once.
    await expect
      .poll(async () => metric(alive(), 'gongfu_job_queue_waiting{queue="lists.daily"}'), { timeout: 30_000 })
      .toBe(0);
    for (const q of DAILY) expect(await completed(q), q).toBe(1);
    const runs = await sql.query<{ name: string; n: number }>(
      `SELECT name, count(*)::int AS n FROM pgboss.job WHERE name = ANY($1) GROUP BY name ORDER BY name`,
      [DAILY],
    );
    expect(runs.rows).toEqual(DAILY.map((name) => ({ name, n: 1 })));
  });

  /** The township officer of 格里坪镇 (a household role, so with a second factor) signed in on `server`. */
  async function officer(server: ServerProcess): Promise<Session> {
    const config = loadConfig({ ...KEYS, GONGFU_MODE: 'demo', DATA_DIR: '/tmp/gongfu-scale-unused' });
    const sealed = new FieldCrypto(loadFieldKeys(KEYS, config)).encrypt(SECRET, TOTP_SECRET_CONTEXT);
    await sql.query(`UPDATE users SET totp_secret = $1, totp_enabled = 1, totp_last_step = NULL WHERE username = $2`, [
      sealed,
      'xiangzhen',
    ]);
    // The servers' clock runs from SERVER_TEST_NOW since they started (within a step of this estimate).
    const serverNow = new Date(SERVER_TEST_NOW).getTime() + (Date.now() - startedAt);
    const otp = hotp(base32Decode(SECRET), totpStep(serverNow));
    const res = await server.post('/api/v1/auth/login', { username: 'xiangzhen', password: SERVER_TEST_PASSWORD, otp });
    expect(res.status, await res.clone().text()).toBe(200);
    return {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
  }

  async function upload(server: ServerProcess, session: Session, csv: Buffer): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'survey.csv');
    const res = await fetch(`${server.url}/api/v1/households/imports`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(202);
    return ((await res.json()) as { id: string }).id;
  }

  const households = async () =>
    (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM households`)).rows[0]?.n ?? 0;

  /**
   * Waits until the import's rows are being written in its open transaction (its connection's last statement is on a
   * staging table) by a server other than `not`, and kills that server (SIGKILL: no shutdown of any kind).
   */
  async function killWhileWriting(id: string, not: ReadonlySet<number>): Promise<ServerProcess> {
    for (const end = Date.now() + 120_000; Date.now() < end;) {
      const r = await sql.query<{ runner: string | null; writing: boolean }>(
        `SELECT j.runner, EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
                  AND a.state IN ('active', 'idle in transaction') AND a.query ~ 'import_household') AS writing
           FROM household_import_jobs j WHERE j.id = $1`,
        [id],
      );
      const row = r.rows[0];
      const pid = Number(/:(\d+)\/\d+$/.exec(row?.runner ?? '')?.[1]);
      const victim = alive().find((s) => s.child.pid === pid);
      if (row?.writing && victim && !not.has(pid)) {
        victim.child.kill('SIGKILL');
        await victim.exited;
        return victim;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`import ${id} was never seen writing`);
  }

  const jobOf = async (id: string, session: Session) => {
    const res = await (alive()[0] as ServerProcess).get(`/api/v1/households/imports/${id}`, session);
    return (await res.json()) as { status: string; households: number; message: { zh: string; en: string } | null };
  };

  it('a server killed while writing an import: retried on another server, written once', async () => {
    const before = await households();
    const session = await officer(servers[0] as ServerProcess);
    const id = await upload(servers[0] as ServerProcess, session, survey(12_000, 1960));
    const killed = await killWhileWriting(id, new Set());
    // Nothing of the killed try is left; the job is tried again elsewhere and answered by any server.
    expect(await households()).toBe(before);
    await expect
      .poll(async () => JSON.stringify(await jobOf(id, session)), { timeout: 150_000, interval: 250 })
      .toMatch(/"status":"done"/);
    const job = await jobOf(id, session);
    expect(job.households).toBe(12_000);
    expect(await households()).toBe(before + 12_000);
    const runner = (await sql.query<{ runner: string }>(`SELECT runner FROM household_import_jobs WHERE id = $1`, [id]))
      .rows[0]?.runner;
    expect(runner).not.toContain(`:${killed.child.pid}/`);
    expect(runner).toMatch(/\/1$/);
    expect((await sql.query(`SELECT 1 FROM household_import_files WHERE id = $1`, [id])).rowCount).toBe(0);
  }, 240_000);

  it('killed again on the retry: the job ends failed, saying so, and nothing is written', async () => {
    // Three servers again: the two kills leave one to say what happened.
    servers.push(await startServerProcess({ name: 'D', databaseUrl: db.url, env }));
    const before = await households();
    const session = await officer(alive()[0] as ServerProcess);
    const id = await upload(alive()[0] as ServerProcess, session, survey(12_000, 1975));
    const first = await killWhileWriting(id, new Set());
    await killWhileWriting(id, new Set([first.child.pid as number]));
    await expect
      .poll(async () => (await jobOf(id, session)).status, { timeout: 120_000, interval: 250 })
      .toBe('failed');
    const job = await jobOf(id, session);
    expect(job.message?.zh).toMatch(/服务器中途停止.*未写入任何数据/);
    expect(job.message?.en).toMatch(/stopped, and so did the retry; nothing was written/);
    expect(await households()).toBe(before);
    expect((await sql.query(`SELECT 1 FROM household_import_files WHERE id = $1`, [id])).rowCount).toBe(0);
  }, 240_000);
});
