import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../db/database.ts';

/**
 * Closes a test database from test/databases.ts without a stray "terminating connection due to administrator
 * command". pg-pool's `end()` resolves before its clients' sockets are closed, and the harness then drops the database
 * WITH (FORCE): a backend still alive is killed, and its client's error surfaces as an uncaught exception in whatever
 * test runs next. Waiting until the database has no backend left closes that window. (Only for tests.)
 */
export async function closeTestDb(db: Db): Promise<void> {
  if (db.dialect === 'postgres') {
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(db.kysely);
    const name = rows[0]?.name;
    await db.kysely.destroy();
    const admin = new pg.Client({ connectionString: inject('pgBase') });
    await admin.connect();
    try {
      for (let attempt = 0; attempt < 200; attempt++) {
        const result = await admin.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        if (result.rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await admin.end();
    }
  }
  await db.close();
}
