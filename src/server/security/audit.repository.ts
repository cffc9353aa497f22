import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Queryable } from '../db/transaction.ts';
import type { AuditArchiveTable, AuditFilter, AuditRow, AuditTable } from './audit-types.ts';

type AuditDatabase = Database & { audit_archive: AuditArchiveTable };

// The archive table belongs to the audit trail alone, so its type is added here rather than to the shared schema.
function withArchive(k: Kysely<Database>): Kysely<AuditDatabase> {
  return k.withTables<{ audit_archive: AuditArchiveTable }>();
}

const COLUMNS = [
  'seq',
  'at',
  'user_id',
  'username',
  'ip',
  'action',
  'object_type',
  'object_id',
  'outcome',
  'detail',
  'prev_hash',
  'hash',
  'hash_alg',
] as const;

/** The condition of `filter` on either audit table. */
function matching(eb: ExpressionBuilder<AuditDatabase, AuditTable>, filter: AuditFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.from) conditions.push(eb('at', '>=', filter.from.toISOString()));
  if (filter.to) conditions.push(eb('at', '<', filter.to.toISOString()));
  if (filter.userId !== undefined) conditions.push(eb('user_id', '=', filter.userId));
  if (filter.username !== undefined) conditions.push(eb('username', '=', filter.username));
  if (filter.action !== undefined) conditions.push(eb('action', '=', filter.action));
  if (filter.actionPrefix !== undefined) {
    // substr rather than LIKE: literal and case-sensitive alike on both databases, with no wildcards to escape.
    const prefix = filter.actionPrefix;
    conditions.push(sql<SqlBool>`substr(${sql.ref('action')}, 1, ${[...prefix].length}) = ${prefix}`);
  }
  if (filter.objectType !== undefined) conditions.push(eb('object_type', '=', filter.objectType));
  if (filter.objectId !== undefined) conditions.push(eb('object_id', '=', filter.objectId));
  if (filter.outcome !== undefined) conditions.push(eb('outcome', '=', filter.outcome));
  return eb.and(conditions);
}

/** The key of the advisory lock that serialises appenders on PostgreSQL ('gong' in ASCII). */
export const AUDIT_LOCK_KEY = 0x676f6e67;

/**
 * Serialises appenders until the end of the transaction. On SQLite, Kysely's driver already gives a transaction the
 * one connection to itself, so nothing more is needed; on PostgreSQL two transactions could otherwise read the same
 * head and both chain to it. A transaction-scoped advisory lock rather than LOCK TABLE: it needs no privilege on the
 * table (LOCK TABLE … EXCLUSIVE needs UPDATE or DELETE), so the server can run as a role that may only read and append
 * to the trail (docs/security.md); readers (searches, verification) are not held up either.
 */
async function lockTrail(trx: Kysely<AuditDatabase>, dialect: Db['dialect']): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`.execute(trx);
}

/** The newest record of the chain, live or archived; null for an empty trail. */
async function chainHead(k: Kysely<AuditDatabase>): Promise<{ seq: number; hash: string } | null> {
  for (const table of ['audit_log', 'audit_archive'] as const) {
    const row = await k.selectFrom(table).select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (row) return row;
  }
  return null;
}

/** Every query of the audit trail (audit_log and audit_archive); the chaining rules are audit.ts's. */
export class AuditRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Appends rows under the trail's lock: reads the chain's head, lets `build` chain the new rows to it, inserts them.
   * In `trx` when it is a transaction (the audited change's, so that both commit or roll back together), otherwise
   * in a transaction of its own.
   */
  async append(
    build: (head: { seq: number; hash: string } | null) => AuditRow[],
    trx?: Queryable,
  ): Promise<AuditRow[]> {
    const work = async (k: Kysely<AuditDatabase>): Promise<AuditRow[]> => {
      await lockTrail(k, this.db.dialect);
      const rows = build(await chainHead(k));
      // 13 columns a row: 500 rows stay far below PostgreSQL's 65535 bind parameters and SQLite's 32766.
      for (let i = 0; i < rows.length; i += 500) {
        await k
          .insertInto('audit_log')
          .values(rows.slice(i, i + 500))
          .execute();
      }
      return rows;
    };
    if (trx?.isTransaction) return work(withArchive(trx));
    return withArchive(trx ?? this.db.kysely)
      .transaction()
      .execute((t) => work(t));
  }

  /** How many records of `table` match `filter`. */
  async count(table: AuditTable, filter: AuditFilter): Promise<number> {
    const { n } = await withArchive(this.db.kysely)
      .selectFrom(table)
      .where((eb) => matching(eb, filter))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Records of `table` matching `filter`, newest first. */
  page(table: AuditTable, filter: AuditFilter, limit: number, offset: number): Promise<AuditRow[]> {
    return withArchive(this.db.kysely)
      .selectFrom(table)
      .where((eb) => matching(eb, filter))
      .select(COLUMNS)
      .orderBy('seq', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** Up to `limit` records of `table` after seq `after`, oldest first (matching `filter` when given). */
  batch(table: AuditTable, after: number, limit: number, filter?: AuditFilter): Promise<AuditRow[]> {
    return withArchive(this.db.kysely)
      .selectFrom(table)
      .select(COLUMNS)
      .where('seq', '>', after)
      .$if(filter !== undefined, (q) => q.where((eb) => matching(eb, filter as AuditFilter)))
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
  }

  /**
   * Moves the records from before `cutoff` (ISO) into `audit_archive`, in one transaction under the trail's lock,
   * keeping seq and hashes. Moves a prefix of the chain only: a record older than the cutoff that follows a newer
   * one (after the clock was set back) waits for the next archive.
   */
  archiveBefore(cutoff: string): Promise<{ moved: number; throughSeq: number | null }> {
    return withArchive(this.db.kysely)
      .transaction()
      .execute(async (trx) => {
        await lockTrail(trx, this.db.dialect);
        const firstKept = await trx
          .selectFrom('audit_log')
          .select((eb) => eb.fn.min('seq').as('seq'))
          .where('at', '>=', cutoff)
          .executeTakeFirst();
        const limitSeq = firstKept?.seq ?? null;
        const moving = await trx
          .selectFrom('audit_log')
          .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('seq').as('last')])
          .$if(limitSeq !== null, (q) => q.where('seq', '<', limitSeq as number))
          .executeTakeFirstOrThrow();
        if (Number(moving.n) === 0) return { moved: 0, throughSeq: null };
        const last = Number(moving.last);
        await trx
          .insertInto('audit_archive')
          .columns([...COLUMNS])
          .expression((eb) => eb.selectFrom('audit_log').select(COLUMNS).where('seq', '<=', last))
          .execute();
        const deleted = await trx.deleteFrom('audit_log').where('seq', '<=', last).executeTakeFirst();
        // The triggers allow the delete only for rows now in the archive; this double-checks nothing else went.
        if (Number(deleted.numDeletedRows) !== Number(moving.n)) {
          throw new Error(`Archive moved ${String(deleted.numDeletedRows)} records, expected ${String(moving.n)}`);
        }
        return { moved: Number(moving.n), throughSeq: last };
      });
  }
}
