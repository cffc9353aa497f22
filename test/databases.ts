import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres, openSqlite, type Db, type Dialect } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/** The dialects this run can test: SQLite always; PostgreSQL when the global setup reached it. */
export function testDialects(): Dialect[] {
  return inject('pgBase') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, migrated database of the given dialect; `close` drops it. */
export async function createTestDb(dialect: Dialect): Promise<Db> {
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
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
