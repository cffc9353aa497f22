import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely, type Transaction } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Rows per PostgreSQL statement when COPY cannot be used: one JSON parameter each, a few MB at most. */
const PG_ROWS_PER_STATEMENT = 10_000;

/** Rows per chunk written to a COPY stream. */
const COPY_ROWS_PER_CHUNK = 2_000;

/** One value in PostgreSQL's COPY text format (a non-finite number is null, as JSON would make it). */
function copyValue(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '\\N';
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function* copyChunks(
  rows: readonly Record<string, string | number | null | undefined>[],
  columns: readonly string[],
): Generator<string> {
  let buf = '';
  let n = 0;
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) line += (i ? '\t' : '') + copyValue(r[columns[i] as string]);
    buf += line + '\n';
    if (++n === COPY_ROWS_PER_CHUNK) {
      yield buf;
      buf = '';
      n = 0;
    }
  }
  if (buf) yield buf;
}

/** The prepared INSERT of each (table, columns) on a SQLite handle, made once and reused for every row. */
const sqliteStatements = new WeakMap<object, Map<string, { run(params: unknown[]): unknown }>>();

/**
 * Inserts many rows of one shape into `table` in the caller's transaction `q`, without building a query per row or
 * per chunk (Kysely compiles and SQLite prepares a multi-row INSERT afresh each time: for 100,000 rows that alone
 * took seconds):
 * - SQLite: one prepared statement on the raw handle, run per row — inside the transaction Kysely holds on that same
 *   single connection;
 * - PostgreSQL: `COPY table (…) FROM STDIN` (pg-copy-streams) on the very connection of the caller's transaction,
 *   found through `pg_backend_pid()` among the pool's connections (`Db.pgClients`), so the rows commit or roll back
 *   with the rest of it; a `q` outside a transaction gets one of its own. Should that connection not be found (a
 *   pooler in between), `INSERT … SELECT … FROM json_populate_recordset(null::table, $1)`, 10,000 rows a statement,
 *   on `q` itself. A failing row (a unique key, a foreign key) fails the COPY with PostgreSQL's own error (code).
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
  if (!q.isTransaction) return q.transaction().execute((trx) => bulkInsert(db, trx, table, rows));
  const found = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(q);
  const client = db.pgClients?.get(Number(found.rows[0]?.pid));
  if (client) {
    // The transaction holds this connection and its caller awaits us: nothing else is queued on it meanwhile.
    const stream = client.query(copyFrom(`COPY "${table}" (${list}) FROM STDIN`));
    await pipeline(Readable.from(copyChunks(rows, columns)), stream);
    return;
  }
  for (let i = 0; i < rows.length; i += PG_ROWS_PER_STATEMENT) {
    const chunk = JSON.stringify(rows.slice(i, i + PG_ROWS_PER_STATEMENT));
    await sql`INSERT INTO ${sql.table(table)} (${sql.raw(list)}) SELECT ${sql.raw(list)} FROM json_populate_recordset(null::${sql.table(table)}, ${chunk}::json)`.execute(
      q,
    );
  }
}
