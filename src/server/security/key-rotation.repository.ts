import type { Kysely } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { EncryptedColumn } from './personal-data.ts';

/** A row of an encrypted column as the rotation job reads it. */
export interface SealedCell {
  id: string;
  value: string;
  index: string | null;
}

/**
 * The queries of the key-rotation job over any encrypted column (personal-data.ts: encryptedColumns). The tables are
 * named by the policy, not by the caller's input, and every one is keyed by `id`.
 */
export class KeyRotationRepository {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  // The tables differ per column; their shapes are the policy's, so the query is untyped here.
  private untyped(): Kysely<Record<string, Record<string, string | null>>> {
    return this.db as unknown as Kysely<Record<string, Record<string, string | null>>>;
  }

  /** Up to `limit` non-empty cells of `col` after id `after`, in id order (a keyset page). */
  async page(col: EncryptedColumn, after: string, limit: number): Promise<SealedCell[]> {
    const rows = await this.untyped()
      .selectFrom(col.table)
      .select(['id', `${col.column} as value`, ...(col.indexColumn ? [`${col.indexColumn} as index`] : [])])
      .where('id', '>', after)
      .where(col.column, 'is not', null)
      .where(col.column, '<>', '')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: String(r.id), value: String(r.value), index: (r.index as string | null) ?? null }));
  }

  /**
   * Writes the re-encrypted value (and index) of one cell if it still holds what was read: a value changed meanwhile
   * was written under the current key by the change itself. False when it was.
   */
  async replace(
    col: EncryptedColumn,
    cell: SealedCell,
    next: { value: string; index: string | null },
  ): Promise<boolean> {
    const r = await this.untyped()
      .updateTable(col.table)
      .set({ [col.column]: next.value, ...(col.indexColumn ? { [col.indexColumn]: next.index } : {}) })
      .where('id', '=', cell.id)
      .where(col.column, '=', cell.value)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

/** The keys a database needs: the key census of KeyRotation over an open database (the backup's manifest). */
export function rotationRepositoryOf(db: Db): KeyRotationRepository {
  return new KeyRotationRepository(db.kysely);
}
