import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TestClock } from '../src/server/clock.ts';
import { loadConfig } from '../src/server/config.ts';
import { openSqlite } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { demoAccountSpecs, loadDefaultData } from '../src/server/seed/load.ts';
import { createContext, type AppContext } from '../src/server/context.ts';
import { buildApp } from '../src/server/app.ts';

export const E2E_PASSWORD = 'E2e-Passw0rd!';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_DIST = path.resolve('dist/web');

/** Chromium is required in CI; elsewhere a machine without it skips the browser tests, saying why. */
export function browserAvailable(): boolean {
  const ok = fs.existsSync(CHROMIUM) && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (!ok && process.env.CI === 'true') {
    throw new Error(`End-to-end tests need ${CHROMIUM} and a built web app in ${WEB_DIST} (npm run build:web)`);
  }
  return ok;
}

export interface E2EServer {
  url: string;
  clock: TestClock;
  ctx: AppContext;
  close(): Promise<void>;
}

/** Gongfu on a fresh SQLite file with the default data, demo accounts with a known password, and a test clock. */
export async function startE2EServer(start = '2024-12-05T02:00:00Z'): Promise<E2EServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-e2e-'));
  const config = loadConfig({ GONGFU_MODE: 'demo', DATA_DIR: dir, WEB_DIST, PORT: '0' });
  const db = openSqlite(config.sqliteFile);
  await migrateToLatest(db);
  const clock = new TestClock(start);
  const passwords = Object.fromEntries(demoAccountSpecs().map((a) => [a.username, E2E_PASSWORD]));
  await loadDefaultData(db, { now: clock.now(), demoAccounts: true, passwords });
  const ctx = await createContext(db, config, clock);
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    clock,
    ctx,
    close: async () => {
      await app.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser context signed in as a demo account. */
export async function signIn(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  // antd's Form gives each input the id of its field name.
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(E2E_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}
