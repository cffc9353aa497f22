import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects } from '../../../test/databases.ts';
import { bulkInsert } from './bulk-insert.ts';
import { isUniqueViolation, type Db } from './database.ts';

/** A scratch table (not in the schema): id unique, a text and a number that may be null. */
const T = 'bulk_scratch' as never;

describe.each(testDialects())('bulkInsert on %s', (dialect) => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await sql`CREATE TABLE bulk_scratch (id TEXT PRIMARY KEY, label TEXT, amount DOUBLE PRECISION)`.execute(db.kysely);
  });
  afterAll(async () => {
    await db.close();
  });
  const read = async () =>
    (
      await sql<{
        id: string;
        label: string | null;
        amount: number | null;
      }>`SELECT id, label, amount FROM bulk_scratch ORDER BY id`.execute(db.kysely)
    ).rows;

  it('stores every row as given, the characters COPY escapes included, in the caller’s transaction', async () => {
    const rows = Array.from({ length: 4500 }, (_, i) => ({
      id: `r${String(i).padStart(5, '0')}`,
      label: i % 3 === 0 ? null : `a\tb\nc\\d\r 湖北 ${i}`,
      amount: i % 5 === 0 ? null : i + 0.25,
    }));
    await db.kysely.transaction().execute(async (trx) => {
      await bulkInsert(db, trx, T, rows);
      // Visible inside the transaction, so it ran on the transaction's own connection.
      const n = await sql<{ n: number }>`SELECT count(*) AS n FROM bulk_scratch`.execute(trx);
      expect(Number(n.rows[0]?.n)).toBe(4500);
      if (dialect === 'postgres') {
        // The connection COPY needs is reachable: the JSON fallback is not what ran.
        const pid = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
        expect(db.pgClients?.has(Number(pid.rows[0]?.pid))).toBe(true);
      }
    });
    expect(await read()).toEqual(rows);
    await sql`DELETE FROM bulk_scratch`.execute(db.kysely);
  });

  it('leaves nothing when its transaction rolls back, and reports a duplicate key as a unique violation', async () => {
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await bulkInsert(db, trx, T, [{ id: 'x1', label: 'one', amount: 1 }]);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await read()).toEqual([]);
    const err = await db.kysely
      .transaction()
      .execute((trx) =>
        bulkInsert(db, trx, T, [
          { id: 'x2', label: 'two', amount: 2 },
          { id: 'x2', label: 'again', amount: 3 },
        ]),
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(err)).toBe(true);
    expect(await read()).toEqual([]);
  });

  it('outside a transaction, inserts all the rows or none', async () => {
    await bulkInsert(db, db.kysely, T, [
      { id: 'y1', label: null, amount: null },
      { id: 'y2', label: '', amount: 0 },
    ]);
    expect(await read()).toEqual([
      { id: 'y1', label: null, amount: null },
      { id: 'y2', label: '', amount: 0 },
    ]);
  });
});
