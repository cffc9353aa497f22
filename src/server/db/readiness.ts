import { sql } from 'kysely';
import type { Db } from './database.ts';
import { pendingMigrations } from './migrate.ts';

export interface Readiness {
  ready: boolean;
  /** The database answered a query (within the probe's own timeout). */
  database: boolean;
  /** Migrations this code has and the database has not applied; null when the database did not answer. */
  pendingMigrations: string[] | null;
}

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Whether this server can serve: the database answers and every migration is applied. Once all migrations have been
 * seen applied they are not read again (they are never taken back while the server runs); the database is asked
 * every time (`SELECT 1`), so a lost database makes the server unready until it answers again.
 */
export class ReadinessCheck {
  private readonly db: Db;
  private migrated = false;

  constructor(db: Db) {
    this.db = db;
  }

  async check(): Promise<Readiness> {
    try {
      await withTimeout(sql`SELECT 1`.execute(this.db.kysely), PROBE_TIMEOUT_MS);
      if (!this.migrated) {
        const pending = await withTimeout(pendingMigrations(this.db), PROBE_TIMEOUT_MS);
        if (pending.length > 0) return { ready: false, database: true, pendingMigrations: pending };
        this.migrated = true;
      }
      return { ready: true, database: true, pendingMigrations: [] };
    } catch {
      return { ready: false, database: false, pendingMigrations: null };
    }
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
