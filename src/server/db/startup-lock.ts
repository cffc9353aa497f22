import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * The key of the PostgreSQL advisory lock held while a server migrates and loads the default data (any 64-bit
 * number; this one is "gongfu-s" in ASCII). Several servers starting at once on one database take turns: the first
 * migrates and seeds, the others then find nothing left to do.
 */
export const STARTUP_LOCK_KEY = 0x676f6e676675_2d73n.toString();

/**
 * Runs `fn` while holding the start-up lock. On PostgreSQL a session-level advisory lock on a connection of its own
 * (waiting as long as the other server's migration takes; released when `fn` ends or the connection is lost, so a
 * server killed mid-migration never leaves the lock behind). On SQLite nothing is taken here: the embedded database
 * has one server process, and the migrations and the default data each run in one transaction, which SQLite's own
 * file lock serialises.
 *
 * @example
 * await withStartupLock(db, async () => { await migrateToLatest(db); await loadDefaultData(db, …); });
 */
export async function withStartupLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (db.dialect !== 'postgres') return fn();
  return db.kysely.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${sql.lit(STARTUP_LOCK_KEY)}::bigint)`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock(${sql.lit(STARTUP_LOCK_KEY)}::bigint)`.execute(conn);
    }
  });
}
