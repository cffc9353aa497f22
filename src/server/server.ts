import { buildApp } from './app.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadDefaultData } from './seed/load.ts';

/** Opens the database, migrates, loads the default data into an empty database, and builds the app. */
export async function startServer(config: Config, opts: { clock?: Clock; logger?: boolean; db?: Db } = {}) {
  const clock = opts.clock ?? systemClock;
  const db = opts.db ?? openDatabase(config);
  await migrateToLatest(db);
  const seeded = await loadDefaultData(db, { now: clock.now(), demoAccounts: config.mode === 'demo' });
  const ctx = await createContext(db, config, clock);
  const app = await buildApp(ctx, { logger: opts.logger ?? false });
  app.addHook('onClose', async () => {
    await db.close();
  });
  return { app, ctx, db, seeded };
}
