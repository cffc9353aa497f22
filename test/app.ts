import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type Server } from '../src/server/app.ts';
import { TestClock } from '../src/server/clock.ts';
import { loadConfig, type Config } from '../src/server/config.ts';
import { createContext, type AppContext } from '../src/server/context.ts';
import type { Dialect } from '../src/server/db/database.ts';
import { TOTP_SECRET_CONTEXT } from '../src/server/modules/auth/auth.service.ts';
import { defaultPasswordPolicy } from '../src/server/security/password-policy.ts';
import { hotp, base32Decode, totpStep } from '../src/server/security/totp.ts';
import { demoAccountSpecs, loadDefaultData } from '../src/server/seed/load.ts';
import { createTestDb } from './databases.ts';

/** Known passwords for the demo accounts in tests (the real start generates random ones). */
export const TEST_PASSWORD = 'Test-Passw0rd!';

/**
 * The TOTP secret of every demo account whose role must use a second factor (the three privileged ones): the test
 * app enrols them with it, and `as()` types the code an authenticator app would show.
 */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Field-encryption keys of the test app, so that no key file is written (32 bytes each, base64). */
export const TEST_FIELD_KEY = Buffer.alloc(32, 7).toString('base64');
export const TEST_INDEX_KEY = Buffer.alloc(32, 9).toString('base64');

export interface TestApp {
  app: Server;
  ctx: AppContext;
  clock: TestClock;
  config: Config;
  close(): Promise<void>;
  /** Signs in a demo account (with its one-time code when it has one); returns a client that sends its cookie and CSRF token. */
  as(username: string): Promise<Client>;
  /**
   * The code the account's authenticator app shows now, for a step not yet used (TOTP refuses a step twice): the
   * clock moves on by 30 s when the usable steps are spent.
   */
  otp(username: string): Promise<string>;
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

/** The app on a fresh database of the dialect, with the default data and a fixed clock (2024-12-05, Beijing): the open round is 2024-11, due 2024-12-10. */
export async function createTestApp(
  dialect: Dialect,
  opts: {
    env?: Record<string, string>;
    /** Another day to load the default data on and start the clock at. */ now?: string;
  } = {},
): Promise<TestApp> {
  const db = await createTestDb(dialect);
  const clock = new TestClock(opts.now ?? '2024-12-05T02:00:00Z');
  const config = loadConfig({
    GONGFU_MODE: 'demo',
    DATA_DIR: '/tmp/gongfu-test-unused',
    WEB_DIST: '/nonexistent',
    GONGFU_FIELD_KEY: TEST_FIELD_KEY,
    GONGFU_INDEX_KEY: TEST_INDEX_KEY,
    // Tests sign in far more often than people; the rate-limit tests set the real limits.
    SIGN_IN_LIMIT_PER_ADDRESS: '100000',
    SIGN_IN_LIMIT_PER_ACCOUNT: '100000',
    ...opts.env,
  });
  const passwords = Object.fromEntries(demoAccountSpecs().map((a) => [a.username, TEST_PASSWORD]));
  await loadDefaultData(db, { now: clock.now(), demoAccounts: true, passwords });
  const ctx = await createContext(db, config, clock);
  const mfaRoles = defaultPasswordPolicy().mfaRequiredRoles;
  await db.kysely
    .updateTable('users')
    .set({ totp_secret: ctx.fieldCrypto().encrypt(TEST_TOTP_SECRET, TOTP_SECRET_CONTEXT), totp_enabled: 1 })
    .where('role', 'in', mfaRoles)
    .execute();
  const app = await buildApp(ctx);
  await app.ready();
  const otp = async (username: string): Promise<string> => {
    const user = await db.kysely
      .selectFrom('users')
      .select(['totp_last_step', 'totp_secret'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const secret = user.totp_secret
      ? ctx.fieldCrypto().decrypt(user.totp_secret, TOTP_SECRET_CONTEXT)
      : TEST_TOTP_SECRET;
    let now = totpStep(clock.now().getTime());
    if (user.totp_last_step !== null && user.totp_last_step >= now + 1) {
      clock.advance(30_000);
      now += 1;
    }
    const step = Math.max(now - 1, (user.totp_last_step ?? -1) + 1);
    return hotp(base32Decode(secret), step);
  };
  const as = async (username: string): Promise<Client> => {
    const enrolled = await db.kysely
      .selectFrom('users')
      .select('totp_enabled')
      .where('username', '=', username)
      .executeTakeFirst();
    const payload = {
      username,
      password: TEST_PASSWORD,
      ...(enrolled?.totp_enabled === 1 ? { otp: await otp(username) } : {}),
    };
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
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
    otp,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
