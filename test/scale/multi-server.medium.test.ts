import { spawnSync } from 'node:child_process';
import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { MIGRATION_NAMES } from '../../src/server/db/migrate.ts';
import { STARTUP_LOCK_KEY } from '../../src/server/db/startup-lock.ts';
import {
  freshPostgresDatabase,
  startServerProcess,
  startServers,
  stopAll,
  SERVER_TEST_PASSWORD,
  serverEnv,
  type ServerProcess,
  type Session,
} from './servers.ts';

/**
 * Issue 14, several servers on one PostgreSQL: real server processes (test/scale/servers.ts), one database. Only on
 * PostgreSQL — the embedded SQLite default is one process by design.
 */
const pgAvailable = Boolean(inject('pgBase'));

describe.skipIf(!pgAvailable)('a server starting on an empty PostgreSQL database', () => {
  it('is alive but not ready while it waits for the migrations, and ready once they are applied', async () => {
    const db = await freshPostgresDatabase();
    // Another server holds the start-up lock (it is migrating): this one must wait, alive and unready.
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    let server: ServerProcess | null = null;
    try {
      await other.query(`SELECT pg_advisory_lock(${STARTUP_LOCK_KEY}::bigint)`);
      server = await startServerProcess({ name: 'A', databaseUrl: db.url, waitUntil: 'spawned' });
      expect((await server.get('/healthz')).status).toBe(200);
      const before = await server.get('/readyz');
      expect(before.status).toBe(503);
      expect(await before.json()).toMatchObject({
        ready: false,
        database: true,
        pendingMigrations: [...MIGRATION_NAMES].sort(),
      });
      expect((await server.get('/api/v1/auth/me')).status).toBe(503);
      await other.query(`SELECT pg_advisory_unlock(${STARTUP_LOCK_KEY}::bigint)`);
      const s = server;
      await expect
        .poll(async () => (await s.get('/readyz').catch(() => null))?.status, { timeout: 60_000, interval: 100 })
        .toBe(200);
      expect(await (await s.get('/readyz')).json()).toEqual({ ready: true, database: true, pendingMigrations: [] });
      expect((await s.get('/healthz')).status).toBe(200);
    } finally {
      await other.end();
      if (server) await stopAll([server]);
      await db.drop();
    }
  });
});

describe.skipIf(!pgAvailable)('three servers on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let servers: ServerProcess[] = [];
  let a: ServerProcess, b: ServerProcess, c: ServerProcess;

  beforeAll(async () => {
    db = await freshPostgresDatabase();
    // All three at once on the empty database: one migrates and loads the default data, the others wait for it.
    servers = await startServers(3, { databaseUrl: db.url });
    [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
  }, 180_000);
  afterAll(async () => {
    await stopAll(servers);
    await db?.drop();
  });

  it('start together: every one ready, the default data loaded once', async () => {
    for (const s of servers) expect((await s.get('/readyz')).status, s.name).toBe(200);
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    try {
      const units = await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_units WHERE id = 'xiqu'`);
      expect(units.rows[0]?.n).toBe(1);
      const gfb = await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE username = 'gfb'`);
      expect(gfb.rows[0]?.n).toBe(1);
    } finally {
      await check.end();
    }
  });

  it('an approval on A changes the cockpit served by B and C within a second', async () => {
    const xiqu = await a.signIn('xiqu');
    const shenhe = await a.signIn('shenhe');
    const gfbOnB = await b.signIn('gfb');
    const gfbOnC = await c.signIn('gfb');
    // The centre's preview (approved figures too) on B and C, built and cached there before the approval.
    const cockpit = async (s: ServerProcess, session: Session) => {
      const res = await s.get('/api/v1/cockpit?preview=1', session);
      expect(res.status, s.name).toBe(200);
      return (await res.json()) as { availableAsOf: string[] };
    };
    for (const [s, session] of [
      [b, gfbOnB],
      [c, gfbOnC],
    ] as const) {
      expect((await cockpit(s, session)).availableAsOf, s.name).not.toContain('2024-11');
    }
    // 西区 reports a November figure and its reviewer approves it, both on A.
    const grid = (await (await a.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11', xiqu)).json()) as {
      rows: { editable: boolean; indicatorCode: string; previousValue: number | null }[];
    };
    const row = grid.rows.find((r) => r.editable);
    expect(row).toBeDefined();
    const saved = await a.put(
      '/api/v1/values/grid',
      {
        orgUnitId: 'xiqu',
        period: '2024-11',
        entries: [{ indicatorCode: row?.indicatorCode, value: row?.previousValue ?? 1, version: null, note: null }],
      },
      xiqu,
    );
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect((await a.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-11' }, xiqu)).status).toBe(200);
    const queue = (await (await a.get('/api/v1/values/review-queue', shenhe)).json()) as {
      id: string;
      version: number;
    }[];
    expect(queue.length).toBeGreaterThan(0);
    const approved = await a.post(
      '/api/v1/values/review',
      { items: queue.map((q) => ({ id: q.id, version: q.version })), action: 'approve', reason: null },
      shenhe,
    );
    expect(approved.status, await approved.clone().text()).toBe(200);
    const approvedAt = Date.now();
    // A request that reaches B or C a second after the approval is answered with it (however long the answer takes
    // to build there): the change signal has dropped their cached cockpits.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, approvedAt + 1_000 - Date.now())));
    const [onB, onC] = await Promise.all([cockpit(b, gfbOnB), cockpit(c, gfbOnC)]);
    expect(onB.availableAsOf).toContain('2024-11');
    expect(onC.availableAsOf).toContain('2024-11');
  });

  it('a sign-out on A is refused on B and C at the very next request', async () => {
    const gfb = await a.signIn('gfb');
    // B and C have answered the session (and hold it in memory).
    for (const s of [b, c]) for (let i = 0; i < 3; i++) expect((await s.get('/api/v1/auth/me', gfb)).status).toBe(200);
    expect((await a.post('/api/v1/auth/logout', {}, gfb)).status).toBeLessThan(300);
    expect((await b.get('/api/v1/auth/me', gfb)).status).toBe(401);
    expect((await c.get('/api/v1/auth/me', gfb)).status).toBe(401);
  });

  it('a password changed on A ends the other sessions: refused on B at the very next request', async () => {
    const onB = await b.signIn('tjj');
    const onA = await a.signIn('tjj');
    expect((await b.get('/api/v1/auth/me', onB)).status).toBe(200);
    const changed = await a.post(
      '/api/v1/auth/password',
      { currentPassword: SERVER_TEST_PASSWORD, newPassword: 'Another-Passw0rd!2' },
      onA,
    );
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect((await b.get('/api/v1/auth/me', onB)).status).toBe(401);
    expect((await c.get('/api/v1/auth/me', onA)).status).toBe(200);
  });

  it('an account disabled by the operator (the command line) is refused by every server at the very next request', async () => {
    const team = await b.signIn('team');
    for (const s of [a, b, c]) expect((await s.get('/api/v1/auth/me', team)).status).toBe(200);
    const cli = spawnSync(process.execPath, ['src/cli/main.ts', 'disable-user', 'team'], {
      env: { ...process.env, ...serverEnv(db.url) },
      encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    for (const s of [a, b, c]) expect((await s.get('/api/v1/auth/me', team)).status, s.name).toBe(401);
  });

  it('five wrong passwords spread over A, B and C lock the account, on every server', async () => {
    const wrong = { username: 'leader', password: 'Wrong-passw0rd!' };
    for (const s of [a, b, c, a, b]) {
      const res = await s.post('/api/v1/auth/login', wrong);
      expect(res.status, s.name).toBe(401);
    }
    for (const s of [c, a, b]) {
      const res = await s.post('/api/v1/auth/login', { username: 'leader', password: SERVER_TEST_PASSWORD });
      expect(((await res.json()) as { error: { code: string } }).error.code, s.name).toBe('ACCOUNT_LOCKED');
    }
  });

  it('five wrong passwords spread over A, B and C lock a name that has no account the same way', async () => {
    const wrong = { username: 'nobody-here', password: 'Wrong-passw0rd!' };
    for (const s of [a, b, c, a, b]) {
      const res = await s.post('/api/v1/auth/login', wrong);
      expect(((await res.json()) as { error: { code: string } }).error.code, s.name).toBe('INVALID_CREDENTIALS');
    }
    const res = await c.post('/api/v1/auth/login', wrong);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ACCOUNT_LOCKED');
  });

  it('SIGTERM: a request in flight is answered, then the server exits; new connections are refused', async () => {
    // The request's headers are read (the server says 100 Continue) but its body is not sent yet: it is in flight.
    const body = JSON.stringify({ username: 'gfb', password: SERVER_TEST_PASSWORD });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: c.port,
          method: 'POST',
          path: '/api/v1/auth/login',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            expect: '100-continue',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.on('continue', () => {
        void (async () => {
          c.child.kill('SIGTERM');
          // The server stops accepting: a new connection is refused (the in-flight one stays open).
          await expect
            .poll(
              async () =>
                fetch(`${c.url}/healthz`).then(
                  () => 'answered',
                  () => 'refused',
                ),
              {
                timeout: 10_000,
                interval: 20,
              },
            )
            .toBe('refused');
          req.end(body);
        })().catch(reject);
      });
    });
    const res = await answer;
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('csrfToken');
    expect(await c.exited).toBe(0);
    servers = servers.filter((s) => s !== c);
  });
});
