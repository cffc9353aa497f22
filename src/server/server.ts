import { buildApp } from './app.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { withStartupLock } from './db/startup-lock.ts';
import { loadDefaultData } from './seed/load.ts';

/**
 * Opens the database, migrates, loads the default data into an empty database, and builds the app. Migrating and
 * loading hold the start-up lock (src/server/db/startup-lock.ts): several servers started at once on one PostgreSQL
 * take turns, and only the first finds anything to do.
 */
export async function startServer(
  config: Config,
  opts: { clock?: Clock; logger?: boolean; db?: Db; passwords?: Partial<Record<string, string>> } = {},
) {
  const clock = opts.clock ?? systemClock;
  const db = opts.db ?? openDatabase(config);
  const seeded = await withStartupLock(db, async () => {
    await migrateToLatest(db);
    return loadDefaultData(db, {
      now: clock.now(),
      demoAccounts: config.mode === 'demo',
      ...(opts.passwords ? { passwords: opts.passwords } : {}),
    });
  });
  const ctx = await createContext(db, config, clock);
  const app = await buildApp(ctx, { logger: opts.logger ?? false });
  app.addHook('onClose', async () => {
    await db.close();
  });
  return { app, ctx, db, seeded };
}
