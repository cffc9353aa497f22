import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** The raw SQLite handle (backups); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** The PostgreSQL pool (bulk loads take one connection for COPY); absent on SQLite. */
  pgPool?: pg.Pool;
  /**
   * The pool's open connections by server process id (`pg_backend_pid()`), so that a bulk load can reach the
   * connection a Kysely transaction holds and COPY on it, inside that transaction; absent on SQLite.
   */
  pgClients?: Map<number, pg.PoolClient>;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT (count(*)) and NUMERIC as strings by default; we want numbers.
pg.types.setTypeParser(20, (v: string) => Number(v));
pg.types.setTypeParser(1700, (v: string) => Number(v));

export function openSqlite(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('cache_size = -65536');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    kysely,
    dialect: 'sqlite',
    sqlite: handle,
    close: async () => {
      await kysely.destroy();
    },
  };
}

export function openPostgres(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // `processID` (the backend's pid, from the start-up's BackendKeyData) is set before the pool's `connect` event.
  const clients = new Map<number, pg.PoolClient>();
  const pid = (c: pg.PoolClient) => (c as unknown as { processID?: number }).processID;
  pool.on('connect', (c) => {
    const id = pid(c);
    if (id) clients.set(id, c);
  });
  pool.on('remove', (c) => {
    const id = pid(c);
    if (id && clients.get(id) === c) clients.delete(id);
  });
  return {
    kysely,
    dialect: 'postgres',
    sqlite: null,
    pgPool: pool,
    pgClients: clients,
    close: async () => {
      await kysely.destroy();
      // Kysely ends the pool only if it ever ran a query itself; the pool's own users (COPY, NOTIFY) may be the only ones.
      if (!pool.ended) await pool.end();
    },
  };
}

export function openDatabase(opts: { databaseUrl: string | null; sqliteFile: string }): Db {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(opts.sqliteFile);
}

/** Case-insensitive LIKE, the one place where the dialects' spelling differs. */
export function ilike(dialect: Dialect) {
  return dialect === 'postgres' ? sql.raw('ILIKE') : sql.raw('LIKE');
}

/** A unique-index violation on either dialect: a concurrent writer got there first. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return (
    err?.code === '23505' ||
    err?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(err?.message ?? '')
  );
}
