import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Rows per PostgreSQL statement: one JSON parameter each, a few MB at most. */
const PG_ROWS_PER_STATEMENT = 10_000;

/** The prepared INSERT of each (table, columns) on a SQLite handle, made once and reused for every row. */
const sqliteStatements = new WeakMap<object, Map<string, { run(params: unknown[]): unknown }>>();

/**
 * Inserts many rows of one shape into `table` in the caller's transaction `q`, without building a query per row or
 * per chunk (Kysely compiles and SQLite prepares a multi-row INSERT afresh each time: for 100,000 rows that alone
 * took seconds):
 * - SQLite: one prepared statement on the raw handle, run per row — inside the transaction Kysely holds on that same
 *   single connection;
 * - PostgreSQL: `INSERT … SELECT … FROM json_populate_recordset(null::table, $1)`, 10,000 rows a statement: one
 *   parameter whatever the row count (far from the 65,535 bind-parameter bound), the column types the table's own.
 *
 * Columns are the first row's keys; rows are inserted in their order (a serial key follows it). Every value must be
 * a string, a number or null.
 *
 * @example
 * await bulkInsert(db, trx, 'value_history', historyRows); // 100,000 rows: one statement, run 100,000 times (SQLite)
 */
export async function bulkInsert(
  db: Db,
  q: Q,
  table: keyof Database,
  rows: readonly Record<string, string | number | null | undefined>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  if (!columns.every((c) => /^[a-z_][a-z0-9_]*$/.test(c)) || !/^[a-z_][a-z0-9_]*$/.test(table))
    throw new Error(`bulkInsert: unexpected identifier in ${table}(${columns.join(', ')})`);
  const list = columns.map((c) => `"${c}"`).join(', ');
  if (db.dialect === 'sqlite') {
    const handle = db.sqlite;
    if (!handle) throw new Error('SQLite handle missing');
    let cache = sqliteStatements.get(handle);
    if (!cache) {
      cache = new Map<string, { run(params: unknown[]): unknown }>();
      sqliteStatements.set(handle, cache);
    }
    const key = `${table}(${list})`;
    let stmt = cache.get(key);
    if (!stmt) {
      stmt = handle.prepare(`INSERT INTO "${table}" (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
      cache.set(key, stmt);
    }
    const params: unknown[] = new Array(columns.length);
    for (const r of rows) {
      for (let i = 0; i < columns.length; i++) params[i] = r[columns[i] as string] ?? null;
      stmt.run(params);
    }
    return;
  }
  for (let i = 0; i < rows.length; i += PG_ROWS_PER_STATEMENT) {
    const chunk = JSON.stringify(rows.slice(i, i + PG_ROWS_PER_STATEMENT));
    await sql`INSERT INTO ${sql.table(table)} (${sql.raw(list)}) SELECT ${sql.raw(list)} FROM json_populate_recordset(null::${sql.table(table)}, ${chunk}::json)`.execute(
      q,
    );
  }
}
