import { buildApp } from './app.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { PgEventBus } from './db/pg-event-bus.ts';
import { withStartupLock } from './db/startup-lock.ts';
import { InProcessEventBus, type EventBus } from './events.ts';
import { loadDefaultData } from './seed/load.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { InProcessJobQueue } from './jobs/in-process.queue.ts';
import { PgBossJobQueue } from './jobs/pg-boss.queue.ts';

/** The job queue the configuration asks for (GONGFU_JOBS; pg-boss by default on PostgreSQL). */
export function jobQueueOf(config: Config): JobQueue {
  if (config.jobs === 'pg-boss' && config.databaseUrl)
    return new PgBossJobQueue({
      connectionString: config.databaseUrl,
      superviseIntervalSeconds: config.jobsSuperviseSeconds,
    });
  return new InProcessJobQueue();
}

/**
 * Opens the database, migrates, loads the default data into an empty database, and builds the app. Migrating and
 * loading hold the start-up lock (src/server/db/startup-lock.ts): several servers started at once on one PostgreSQL
 * take turns, and only the first finds anything to do. On PostgreSQL the change signal is shared with the other
 * servers of the database (src/server/db/pg-event-bus.ts).
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
  // Several servers may share a PostgreSQL database: the change signal goes to all of them (LISTEN/NOTIFY). The
  // embedded SQLite default has one server process, and its signal stays in it.
  let report = (error: unknown, what: string) => console.error(`change signal: ${what}`, error);
  const pgEvents =
    config.databaseUrl && db.pgPool
      ? new PgEventBus({ connectionString: config.databaseUrl, pool: db.pgPool, onError: (e, w) => report(e, w) })
      : null;
  await pgEvents?.start();
  const events: EventBus = pgEvents ?? new InProcessEventBus();
  const ctx = await createContext(db, config, clock, events, jobQueueOf(config));
  const app = await buildApp(ctx, { logger: opts.logger ?? false });
  report = (error, what) => app.log.warn({ err: error }, `change signal: ${what}`);
  app.addHook('onClose', async () => {
    await pgEvents?.close();
    await db.close();
  });
  return { app, ctx, db, seeded };
}
