import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type Server } from '../src/server/app.ts';
import { TestClock } from '../src/server/clock.ts';
import { loadConfig, type Config } from '../src/server/config.ts';
import { createContext, type AppContext } from '../src/server/context.ts';
import type { Dialect } from '../src/server/db/database.ts';
import { demoAccountSpecs, loadDefaultData } from '../src/server/seed/load.ts';
import { createTestDb } from './databases.ts';

/** Known passwords for the demo accounts in tests (the real start generates random ones). */
export const TEST_PASSWORD = 'Test-Passw0rd!';

export interface TestApp {
  app: Server;
  ctx: AppContext;
  clock: TestClock;
  config: Config;
  close(): Promise<void>;
  /** Signs in a demo account; returns a client that sends its cookie and CSRF token. */
  as(username: string): Promise<Client>;
}

export interface Client {
  username: string;
  csrf: string;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** The app on a fresh database of the dialect, with the default data and a fixed clock (2024-11-05, Beijing). */
export async function createTestApp(dialect: Dialect, opts: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDb(dialect);
  const clock = new TestClock('2024-11-05T02:00:00Z');
  const config = loadConfig({ GONGFU_MODE: 'demo', DATA_DIR: '/tmp/gongfu-test-unused', WEB_DIST: '/nonexistent', ...opts.env });
  const passwords = Object.fromEntries(demoAccountSpecs().map((a) => [a.username, TEST_PASSWORD]));
  await loadDefaultData(db, { now: clock.now(), demoAccounts: true, passwords });
  const ctx = await createContext(db, config, clock);
  const app = await buildApp(ctx);
  await app.ready();
  const as = async (username: string): Promise<Client> => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
    const csrf = res.json<{ csrfToken: string }>().csrfToken;
    const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
      app.inject({
        method,
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    return {
      username,
      csrf,
      cookie,
      get: (url) => send('GET', url),
      post: (url, body) => send('POST', url, body ?? {}),
      put: (url, body) => send('PUT', url, body ?? {}),
      delete: (url) => send('DELETE', url),
    };
  };
  return {
    app,
    ctx,
    clock,
    config,
    as,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
