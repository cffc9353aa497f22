import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres, openSqlite, type Db, type Dialect } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/** The dialects this run can test: SQLite always; PostgreSQL when the global setup reached it. */
export function testDialects(): Dialect[] {
  if (process.env.GONGFU_TEST_TIER === 'unit') {
    throw new Error('A unit test opens no database: name the file *.medium.test.ts (or put it in test/api/)');
  }
  return inject('pgBase') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, migrated database of the given dialect; `close` drops it. */
export async function createTestDb(dialect: Dialect): Promise<Db> {
  if (process.env.GONGFU_TEST_TIER === 'unit') {
    throw new Error('A unit test opens no database: name the file *.medium.test.ts (or put it in test/api/)');
  }
  if (dialect === 'sqlite') {
    const db = openSqlite(':memory:');
    await migrateToLatest(db);
    return db;
  }
  const base = inject('pgBase');
  if (!base) throw new Error('PostgreSQL is not available for this run');
  const TEMPLATE = inject('pgTemplate');
  const name = `gongfu_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), 4);
  return {
    ...db,
    close: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      try {
        // pg-pool's end() resolves before its sockets close; dropping WITH (FORCE) then kills a live backend, whose
        // client error surfaces as an uncaught exception in some later test. Wait until no backend is left.
        for (let attempt = 0; attempt < 200; attempt++) {
          const r = await a.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [name],
          );
          if (r.rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
