import type { Queryable } from '../db/transaction.ts';
import type { Auditor } from './auditor.ts';
import { FieldCrypto } from './field-crypto.ts';
import { KeyRotationRepository, type SealedCell } from './key-rotation.repository.ts';
import { encryptedColumns, PersonalData, type EncryptedColumn } from './personal-data.ts';

/** What one run of the rotation did, per column (`table.column`). */
export interface RotationReport {
  /** Cells re-encrypted (or re-indexed) under the current key and algorithms. */
  rotated: Record<string, number>;
  /** Cells already current. */
  current: Record<string, number>;
  /** Cells changed by someone else between read and write (already current through that change). */
  skipped: Record<string, number>;
  /** Cells that could not be decrypted (unknown key, altered): left as they are and counted here. */
  failed: Record<string, number>;
}

/** How many values of each kind a database holds: which keys a backup needs, and what a rotation has left. */
export interface KeyCensus {
  /** `<key id>/<cipher>` → count, over every encrypted column. */
  values: Record<string, number>;
  /** `<index key id>/<mac>` → count, over every blind index. */
  indexes: Record<string, number>;
}

function indexScheme(index: string): string {
  const parts = index.split(':');
  return parts.length === 1 ? 'v1/sha256' : `${parts[0]}/${parts[1]}`;
}

/**
 * Key and algorithm rotation as a job (密钥更新): every encrypted column of the personal-data policy and the TOTP
 * secrets, re-encrypted under the current key and cipher and re-indexed under the current index key and MAC, a
 * keyset page at a time, each page in a short transaction of its own, while the server keeps serving: readers
 * decrypt either form meanwhile (each value names its key and cipher) and lookups by blind index try every
 * configured form (FieldCrypto.blindIndexCandidates). A cell written while the job runs is already current and is
 * left alone (the write is conditional on the value read). Idempotent: a second run finds nothing to do, so an
 * interrupted run is simply started again. Run it with `npm run cli -- rotate-keys` after changing GONGFU_CRYPTO or
 * putting a new key first in GONGFU_FIELD_KEY / GONGFU_INDEX_KEY; once `census` shows no value under the old key,
 * the old key may be removed from the configuration.
 */
export class KeyRotation {
  private readonly db: Queryable;
  private readonly crypto: () => FieldCrypto;
  private readonly auditor: Auditor;
  private readonly batchSize: number;

  constructor(deps: { db: Queryable; crypto: () => FieldCrypto; auditor: Auditor; batchSize?: number }) {
    this.db = deps.db;
    this.crypto = deps.crypto;
    this.auditor = deps.auditor;
    this.batchSize = deps.batchSize ?? 500;
  }

  private sealed(cell: SealedCell): boolean {
    return FieldCrypto.envelopeOf(cell.value) !== null && PersonalData.isSealed(cell.value);
  }

  private async *cells(col: EncryptedColumn): AsyncGenerator<SealedCell[]> {
    let after = '';
    for (;;) {
      const page = await new KeyRotationRepository(this.db).page(col, after, this.batchSize);
      if (page.length === 0) return;
      yield page;
      after = (page[page.length - 1] as SealedCell).id;
      if (page.length < this.batchSize) return;
    }
  }

  /** The values and indexes by key and algorithm, over every encrypted column. */
  census(): Promise<KeyCensus> {
    return censusOf((col, after, limit) => new KeyRotationRepository(this.db).page(col, after, limit), this.batchSize);
  }

  /** One full pass over every encrypted column; see the class comment. Recorded as `security.keyRotation`. */
  async run(who: { userId: null; username: string; ip: null } | null = null): Promise<RotationReport> {
    const fc = this.crypto();
    const report: RotationReport = { rotated: {}, current: {}, skipped: {}, failed: {} };
    const bump = (what: Record<string, number>, key: string) => (what[key] = (what[key] ?? 0) + 1);
    for (const col of encryptedColumns()) {
      const name = `${col.table}.${col.column}`;
      for await (const page of this.cells(col)) {
        const work: { cell: SealedCell; next: { value: string; index: string | null } }[] = [];
        for (const cell of page) {
          // Clear values awaiting the start-up seal (default data) and placeholder indexes are the seal's business.
          if (!this.sealed(cell) || cell.index?.startsWith('pending:')) continue;
          const reindex = col.indexColumn !== undefined && (cell.index === null || fc.needsReindex(cell.index));
          if (!fc.needsReencryption(cell.value) && !reindex) {
            bump(report.current, name);
            continue;
          }
          let clear: string;
          try {
            clear = fc.decrypt(cell.value, col.context);
          } catch {
            bump(report.failed, name);
            continue;
          }
          work.push({
            cell,
            next: {
              value: fc.needsReencryption(cell.value) ? fc.encrypt(clear, col.context) : cell.value,
              index: col.indexColumn ? fc.blindIndex(clear) : null,
            },
          });
        }
        if (work.length === 0) continue;
        await this.db.transaction().execute(async (trx) => {
          const repo = new KeyRotationRepository(trx);
          for (const w of work) bump((await repo.replace(col, w.cell, w.next)) ? report.rotated : report.skipped, name);
        });
      }
    }
    await this.auditor.record({
      ...(who ?? {}),
      action: 'security.keyRotation',
      objectType: 'fieldKeys',
      objectId: fc.algorithms.keyId,
      outcome: Object.keys(report.failed).length > 0 ? 'failure' : 'success',
      detail: { ...fc.algorithms, ...report },
    });
    return report;
  }
}

/**
 * The census over pages read by `page`: how many values under each key and cipher, how many indexes under each
 * index key and MAC. No key is needed: each value names its own.
 */
export async function censusOf(
  page: (col: EncryptedColumn, after: string, limit: number) => Promise<SealedCell[]>,
  batchSize = 1000,
): Promise<KeyCensus> {
  const values: Record<string, number> = {};
  const indexes: Record<string, number> = {};
  for (const col of encryptedColumns()) {
    let after = '';
    for (;;) {
      const cells = await page(col, after, batchSize);
      for (const cell of cells) {
        const env = FieldCrypto.envelopeOf(cell.value);
        if (env && PersonalData.isSealed(cell.value)) {
          const k = `${env.keyId}/${env.cipher}`;
          values[k] = (values[k] ?? 0) + 1;
        }
        if (col.indexColumn && cell.index && !cell.index.startsWith('pending:')) {
          const k = indexScheme(cell.index);
          indexes[k] = (indexes[k] ?? 0) + 1;
        }
      }
      if (cells.length < batchSize) break;
      after = (cells[cells.length - 1] as SealedCell).id;
    }
  }
  return { values, indexes };
}
