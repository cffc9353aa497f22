/**
 * Several real Gongfu server processes on one PostgreSQL database, for the tests of what must hold across servers
 * (test/scale/multi-server.medium.test.ts; the job queue's tests reuse it). Each server is a child process
 * (test/scale/server.child.ts, started like `gongfu serve`) on a free port; the database is a fresh, empty one, so
 * the servers migrate it themselves — at once, under the start-up lock.
 *
 * @example
 * const db = await freshPostgresDatabase();
 * const [a, b, c] = await startServers(3, { databaseUrl: db.url });
 * const gfb = await a.signIn('gfb');
 * expect((await b.get('/api/v1/cockpit', gfb)).status).toBe(200);
 * await stopAll([a, b, c]); await db.drop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/** The demo accounts' password on these servers. */
export const SERVER_TEST_PASSWORD = 'Test-Passw0rd!';
/** The servers' clock starts here (as test/app.ts's): the open round is 2024-11, due 2024-12-10. */
export const SERVER_TEST_NOW = '2024-12-05T02:00:00Z';
const CHILD = path.join(import.meta.dirname, 'server.child.ts');

export interface Session {
  cookie: string;
  csrf: string;
}

export interface ServerProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far (its log), for failure messages. */
  output(): string;
  /** A request to this server, with a session's cookie (and CSRF token for writes) when given. */
  request(method: string, urlPath: string, opts?: { session?: Session; body?: unknown }): Promise<Response>;
  get(urlPath: string, session?: Session): Promise<Response>;
  post(urlPath: string, body: unknown, session?: Session): Promise<Response>;
  put(urlPath: string, body: unknown, session?: Session): Promise<Response>;
  /** Signs in a demo account (no second factor: not the privileged or household roles) on this server. */
  signIn(username: string, password?: string): Promise<Session>;
  /** Sends `signal` and resolves with the exit code once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code when the process exits (at once if it already has). */
  exited: Promise<number | null>;
}

/** The environment of the servers (and of a CLI command run beside them) on `databaseUrl`. */
export function serverEnv(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    GONGFU_MODE: 'demo',
    GONGFU_FIELD_KEY: Buffer.alloc(32, 7).toString('base64'),
    GONGFU_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
    DATA_DIR: '/tmp/gongfu-scale-unused',
    WEB_DIST: '/nonexistent',
    LOG_LEVEL: 'warn',
    GONGFU_TEST_NOW: SERVER_TEST_NOW,
    GONGFU_TEST_PASSWORD: SERVER_TEST_PASSWORD,
    // Tests sign in far more often than people; a test of the limits sets them.
    SIGN_IN_LIMIT_PER_ADDRESS: '100000',
    SIGN_IN_LIMIT_PER_ACCOUNT: '100000',
  };
}

/** A fresh, empty PostgreSQL database (not migrated: the servers do it); `drop` removes it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = inject('pgBase');
  if (!base) throw new Error('PostgreSQL is not available for this run');
  const name = `gongfu_s_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/**
 * Starts one server process and resolves once it serves. `waitUntil: 'spawned'` resolves as soon as the port
 * answers at all (the starting server: the process may still wait for the start-up lock or migrate).
 */
export async function startServerProcess(opts: {
  name: string;
  databaseUrl: string;
  env?: Record<string, string>;
  waitUntil?: 'listening' | 'spawned';
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, ...serverEnv(opts.databaseUrl), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server ${opts.name} did not start within ${opts.timeoutMs ?? 60_000} ms:\n${out}`)),
      opts.timeoutMs ?? 60_000,
    );
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      const listening = new RegExp(`GONGFU_${opts.waitUntil === 'spawned' ? 'STARTING' : 'LISTENING'} (\\d+)`).exec(
        out,
      );
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server ${opts.name} exited (${code}) before it served:\n${out}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const request = async (method: string, urlPath: string, o: { session?: Session; body?: unknown } = {}) =>
    fetch(`${url}${urlPath}`, {
      method,
      headers: {
        ...(o.session ? { cookie: o.session.cookie } : {}),
        ...(o.session && method !== 'GET' ? { 'x-csrf-token': o.session.csrf } : {}),
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
  const server: ServerProcess = {
    name: opts.name,
    port,
    url,
    child,
    output: () => out,
    request,
    get: (p, session) => request('GET', p, session ? { session } : {}),
    post: (p, body, session) => request('POST', p, { body, ...(session ? { session } : {}) }),
    put: (p, body, session) => request('PUT', p, { body, ...(session ? { session } : {}) }),
    signIn: async (username, password = SERVER_TEST_PASSWORD) => {
      const res = await request('POST', '/api/v1/auth/login', { body: { username, password } });
      if (res.status !== 200)
        throw new Error(`sign-in of ${username} on ${opts.name}: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    exited,
  };
  return server;
}

/** Starts `n` servers at once on one database (named A, B, C …) and resolves when all of them serve. */
export async function startServers(
  n: number,
  opts: { databaseUrl: string; env?: Record<string, string> },
): Promise<ServerProcess[]> {
  const names = Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
  const started = await Promise.allSettled(names.map((name) => startServerProcess({ name, ...opts })));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await stopAll(started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])));
    throw failed.reason;
  }
  return started.map((s) => (s as PromiseFulfilledResult<ServerProcess>).value);
}

/** Stops every server (SIGTERM, then SIGKILL after 10 s) and waits for them to exit. */
export async function stopAll(servers: ServerProcess[]): Promise<void> {
  await Promise.all(
    servers.map(async (s) => {
      const timer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
      await s.stop('SIGTERM');
      clearTimeout(timer);
    }),
  );
}
