import crypto from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Queryable } from '../db/transaction.ts';
import { bilingual, validation } from '../errors.ts';
import type { AuditFilter, AuditOutcome, AuditRow, AuditTable } from './audit-types.ts';
import { AuditRepository } from './audit.repository.ts';

export type { AuditArchiveTable, AuditFilter, AuditOutcome } from './audit-types.ts';
export { AUDIT_LOCK_KEY } from './audit.repository.ts';

/**
 * The audit trail (安全审计, MLPS 2.0 level 3 §8.1.4.3): append-only, and tamper-evident through a hash chain.
 * Each record's hash is SHA-256 or SM3 (GB/T 32905-2016, by configuration: GONGFU_CRYPTO) of the previous record's
 * hash followed by the canonical JSON of its own fields, the first record chaining to 64 zeros. Each record names
 * its hash (`hash_alg`), so a chain begun under one and continued under the other verifies end to end. Editing, removing, inserting or reordering any record breaks the chain from
 * that point on, which {@link verifyChain} reports. (Removing the newest records leaves a shorter chain that is still
 * whole; compare the head with one written down earlier — the `anchor` of verifyChain — to catch that.)
 *
 * Records older than the retention period move to `audit_archive` with their hashes, never deleted outright; the
 * triggers of migration 0002 refuse any UPDATE and any DELETE of a record that was not archived first.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** The hash functions of the chain: both give 32 bytes (64 hex digits). */
export const AUDIT_HASHES = ['sha256', 'sm3'] as const;
export type AuditHashAlg = (typeof AUDIT_HASHES)[number];

/** The least time a record stays in the live trail before it may be archived (MLPS: at least 180 days). */
export const MIN_RETENTION_DAYS = 180;

const OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied'];

/** What happened, as the caller reports it. */
export interface AuditEvent {
  /** When it happened; the log's clock when absent. */
  at?: Date;
  userId: string | null;
  username: string | null;
  ip: string | null;
  /** Dotted verb, e.g. 'auth.signIn', 'household.view', 'value.update', 'security.policy.update'. */
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  outcome: AuditOutcome;
  /**
   * Anything else worth keeping: for a change, the old and new values ({@link changedFields} builds them). Mask
   * personal data before it goes here: the audit trail is read by people who may not see it in clear.
   */
  detail?: Record<string, unknown> | null;
}

/** One stored record of the trail. */
export interface AuditRecord {
  seq: number;
  /** ISO-8601 UTC. */
  at: string;
  userId: string | null;
  username: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
  /** The hash function of this record. */
  hashAlg: AuditHashAlg;
  /** True when the record has moved to the archive. */
  archived: boolean;
}

/**
 * JSON with object keys sorted at every depth, so that the same record always hashes the same, whatever order its
 * fields were built in. Dates become ISO strings and undefined members disappear, as with JSON.stringify.
 *
 * @example
 * canonicalJson({ b: 1, a: { d: [2, 1], c: null } })  // → '{"a":{"c":null,"d":[2,1]},"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  return stringifySorted(plain);
}

function stringifySorted(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stringifySorted).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stringifySorted(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The hash of a record: SHA-256 or SM3 (hex, as `hash_alg` says) of `prev_hash` followed by the canonical JSON of its
 * other columns, as stored (detail is the stored text). An SM3 record's JSON includes `hash_alg`, so relabelling it
 * breaks it; a SHA-256 record's does not, so the records written before the column existed keep their hashes.
 * Exported so that an auditor can re-check a record with nothing but this function. An unknown `hash_alg` throws.
 */
export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const alg = row.hash_alg;
  if (alg !== 'sha256' && alg !== 'sm3') throw new Error(`Unknown audit hash '${String(alg)}'`);
  // The fields are picked one by one: a row read with selectAll carries its own hash (and any later column), which
  // must not end up inside what is hashed.
  const fields = {
    seq: row.seq,
    at: row.at,
    user_id: row.user_id,
    username: row.username,
    ip: row.ip,
    action: row.action,
    object_type: row.object_type,
    object_id: row.object_id,
    outcome: row.outcome,
    detail: row.detail,
    ...(alg === 'sha256' ? {} : { hash_alg: alg }),
  };
  return crypto
    .createHash(alg)
    .update(row.prev_hash + canonicalJson(fields))
    .digest('hex');
}

/**
 * The old and new value of every field that differs between `before` and `after`: the `detail` of a change.
 *
 * @example
 * changedFields({ value: 6.1, status: 'draft', note: null }, { value: 6.5, status: 'draft', note: '更正' })
 * // → { value: { old: 6.1, new: 6.5 }, note: { old: null, new: '更正' } }
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { old: unknown; new: unknown }> {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const o = before[key] ?? null;
    const n = after[key] ?? null;
    if (canonicalJson(o) !== canonicalJson(n)) changes[key] = { old: o, new: n };
  }
  return changes;
}

/** A page of search results; `limit` is capped at {@link MAX_SEARCH_LIMIT}. */
export interface AuditPage {
  limit: number;
  offset: number;
}

export const MAX_SEARCH_LIMIT = 1000;

export type ChainVerification =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | {
      ok: false;
      /** Seq of the first record that does not verify (for a missing tail: the first seq that should exist). */
      brokenAt: number;
      reason: 'edited' | 'missing' | 'outOfOrder' | 'relinked' | 'anchorMismatch' | 'truncated';
      message: string;
      /** Records that verified before the break. */
      verified: number;
    };

function toRecord(row: AuditRow, archived: boolean): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    ip: row.ip,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    outcome: row.outcome as AuditOutcome,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
    prevHash: row.prev_hash,
    hash: row.hash,
    hashAlg: row.hash_alg as AuditHashAlg,
    archived,
  };
}

/**
 * Writes and reads the audit trail.
 *
 * @example
 * const audit = new AuditLog(db, clock);
 * await audit.record({ userId: u.id, username: u.username, ip, action: 'auth.signIn', outcome: 'success' });
 * const { total, records } = await audit.search({ action: 'household.view', objectId: 'hh-0042', limit: 50, offset: 0 });
 */
export class AuditLog {
  private readonly repo: AuditRepository;
  private readonly clock: Clock;
  private readonly hashAlg: AuditHashAlg;

  /** `hashAlg`: the hash of the records written from now on (the configured suite's; older ones keep theirs). */
  constructor(db: Db, clock: Clock, hashAlg: AuditHashAlg = 'sha256') {
    this.repo = new AuditRepository(db);
    this.clock = clock;
    this.hashAlg = hashAlg;
  }

  /**
   * Appends one record. Pass the transaction of the change being audited as `trx`, so that the change and its record
   * commit or roll back together; the trail is then locked until that transaction ends (on PostgreSQL), so keep it
   * short. Without `trx` the record is written in a transaction of its own.
   *
   * @example
   * await this.db.transaction().execute(async (trx) => {
   *   await this.values.update(trx, id, version, next);
   *   await audit.record(
   *     { userId, username, ip, action: 'value.update', objectType: 'indicator_value', objectId: id,
   *       outcome: 'success', detail: changedFields(prev, next) },
   *     trx,
   *   );
   * });
   */
  async record(event: AuditEvent, trx?: Queryable): Promise<AuditRecord> {
    const [record] = await this.recordMany([event], trx);
    return record as AuditRecord;
  }

  /**
   * Appends several records in order, under one lock and with one read of the chain's head: for a change that
   * touches many objects at once (publishing a period's values), where one record per object is wanted and one
   * round trip per record is not. Same transaction rules as {@link record}.
   *
   * @example
   * await audit.recordMany(rows.map((v) => ({ …who, action: 'value.publish', objectId: v.id, outcome: 'success' })), trx);
   */
  async recordMany(events: readonly AuditEvent[], trx?: Queryable): Promise<AuditRecord[]> {
    if (events.length === 0) return [];
    for (const event of events) {
      if (!OUTCOMES.includes(event.outcome)) throw new Error(`Unknown audit outcome '${String(event.outcome)}'`);
      if (event.action.trim() === '') throw new Error('An audit record needs an action');
    }
    const now = this.clock.now();
    const prepared = events.map((event) => ({
      event,
      at: (event.at ?? now).toISOString(),
      detail: event.detail === undefined || event.detail === null ? null : canonicalJson(event.detail),
    }));
    const build = (head: { seq: number; hash: string } | null): AuditRow[] => {
      // The seq is assigned here, under the lock, not by the column's sequence: a rolled-back transaction then
      // leaves no gap, so any gap the verifier finds is a removed record.
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS_HASH;
      return prepared.map(({ event, at, detail }) => {
        seq += 1;
        const row: Omit<AuditRow, 'hash'> = {
          seq,
          at,
          user_id: event.userId,
          username: event.username,
          ip: event.ip,
          action: event.action,
          object_type: event.objectType ?? null,
          object_id: event.objectId ?? null,
          outcome: event.outcome,
          detail,
          prev_hash: prevHash,
          hash_alg: this.hashAlg,
        };
        const full: AuditRow = { ...row, hash: auditHash(row) };
        prevHash = full.hash;
        return full;
      });
    };
    return (await this.repo.append(build, trx)).map((r) => toRecord(r, false));
  }

  /**
   * One page of records matching `filter`, newest first, and how many match in all.
   *
   * @example
   * await audit.search({ actionPrefix: 'auth.', outcome: 'failure', from: new Date('2024-05-01T00:00:00+08:00'),
   *   limit: 50, offset: 0 })
   * // → { total: 3, records: [{ seq: 812, action: 'auth.signIn', outcome: 'failure', … }, …] }
   */
  async search(filter: AuditFilter & AuditPage): Promise<{ total: number; records: AuditRecord[] }> {
    const limit = Math.max(0, Math.min(Math.floor(filter.limit), MAX_SEARCH_LIMIT));
    let offset = Math.max(0, Math.floor(filter.offset));
    // Archived records are all older (smaller seq) than live ones, so "newest first" is the live trail, then the
    // archive: each table is paged on its own instead of through a UNION.
    const tables: AuditTable[] = filter.includeArchive ? ['audit_log', 'audit_archive'] : ['audit_log'];
    let total = 0;
    const records: AuditRecord[] = [];
    for (const table of tables) {
      const n = await this.repo.count(table, filter);
      total += n;
      const want = limit - records.length;
      if (want > 0 && offset < n) {
        const rows = await this.repo.page(table, filter, want, offset);
        records.push(...rows.map((r) => toRecord(r, table === 'audit_archive')));
      }
      offset = Math.max(0, offset - n);
    }
    return { total, records };
  }

  /**
   * Moves every record from before `before` into `audit_archive`, in one transaction, keeping seq and hashes so
   * that {@link verifyChain} still verifies the whole chain. Refuses a cutoff less than 180 days ago (VALIDATION):
   * the live trail must keep at least that much. Moves a prefix of the chain only: a record older than the cutoff
   * that follows a newer one (after the clock was set back) waits for the next archive.
   *
   * @example
   * // on 2025-01-01, archive what is older than 2024-06-01
   * await audit.archive(new Date('2024-06-01T00:00:00+08:00'))  // → { moved: 48211, throughSeq: 48211 }
   */
  async archive(before: Date): Promise<{ moved: number; throughSeq: number | null }> {
    const latestAllowed = this.clock.now().getTime() - MIN_RETENTION_DAYS * 24 * 60 * 60 * 1000;
    if (Number.isNaN(before.getTime()) || before.getTime() > latestAllowed) {
      throw validation(
        [
          {
            field: 'before',
            ...bilingual(
              `审计记录至少保留 ${MIN_RETENTION_DAYS} 天`,
              `audit records must be kept at least ${MIN_RETENTION_DAYS} days`,
            ),
          },
        ],
        {
          zh: `只能归档 ${MIN_RETENTION_DAYS} 天以前的审计记录`,
          en: `Only audit records older than ${MIN_RETENTION_DAYS} days can be archived`,
        },
      );
    }
    return this.repo.archiveBefore(before.toISOString());
  }

  /**
   * Every record matching `filter`, oldest first, read in batches: for an export of any size without holding it in
   * memory.
   *
   * @example
   * for await (const r of audit.stream({ from, to, includeArchive: true })) csv.write(toCsvRow(r));
   */
  async *stream(filter: AuditFilter, batchSize = 500): AsyncGenerator<AuditRecord> {
    const tables: AuditTable[] = filter.includeArchive ? ['audit_archive', 'audit_log'] : ['audit_log'];
    for (const table of tables) {
      let after = 0;
      for (;;) {
        const rows = await this.repo.batch(table, after, batchSize, filter);
        for (const row of rows) yield toRecord(row, table === 'audit_archive');
        if (rows.length < batchSize) break;
        after = (rows[rows.length - 1] as AuditRow).seq;
      }
    }
  }
}

/**
 * Re-reads the whole chain — archive, then live trail — and recomputes every hash. The first problem stops it:
 * - `missing`: a seq is skipped (a record removed);
 * - `outOfOrder`: a seq repeats or goes backwards;
 * - `relinked`: a record's prev_hash is not its predecessor's hash (records removed and renumbered, reordered, or
 *   one inserted);
 * - `edited`: a record's content no longer matches its hash;
 * - `anchorMismatch` / `truncated`: the record at a previously noted head is different, or gone.
 *
 * Memory stays flat however long the trail: rows are read `batchSize` at a time.
 *
 * @example
 * await verifyChain(db)  // → { ok: true, count: 48530, head: { seq: 48530, hash: '9f2c…' } }
 * // after `UPDATE audit_log SET outcome = 'success' WHERE seq = 7`:
 * // → { ok: false, brokenAt: 7, reason: 'edited', message: 'Record 7 does not match its hash …', verified: 6 }
 */
export async function verifyChain(
  db: Db,
  options: { anchor?: { seq: number; hash: string }; batchSize?: number } = {},
): Promise<ChainVerification> {
  const batchSize = options.batchSize ?? 1000;
  const anchor = options.anchor;
  const repo = new AuditRepository(db);
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const broken = (
    brokenAt: number,
    reason: Extract<ChainVerification, { ok: false }>['reason'],
    message: string,
  ): ChainVerification => ({ ok: false, brokenAt, reason, message, verified: count });

  for (const table of ['audit_archive', 'audit_log'] as const) {
    // Each table is read from its start, so that a seq of the live trail repeating one of the archive is reported.
    let after = -1;
    for (;;) {
      const rows: AuditRow[] = await repo.batch(table, after, batchSize);
      for (const row of rows) {
        const where = table === 'audit_archive' ? ' (archive)' : '';
        if (row.seq <= prevSeq) {
          return broken(row.seq, 'outOfOrder', `Record ${row.seq}${where} repeats or precedes record ${prevSeq}`);
        }
        if (row.seq !== prevSeq + 1) {
          const gap = row.seq - 1 === prevSeq + 1 ? `${prevSeq + 1}` : `${prevSeq + 1}–${row.seq - 1}`;
          return broken(row.seq, 'missing', `Record(s) ${gap} missing before record ${row.seq}${where}`);
        }
        if (row.prev_hash !== prevHash) {
          return broken(
            row.seq,
            'relinked',
            `Record ${row.seq}${where} does not chain to record ${prevSeq}: records were removed, inserted or reordered`,
          );
        }
        let recomputed: string | null;
        try {
          recomputed = auditHash(row);
        } catch {
          recomputed = null;
        }
        if (recomputed !== row.hash) {
          return broken(row.seq, 'edited', `Record ${row.seq}${where} does not match its hash: it was edited`);
        }
        if (anchor && row.seq === anchor.seq && row.hash !== anchor.hash) {
          return broken(
            row.seq,
            'anchorMismatch',
            `Record ${row.seq}${where} is not the one noted as the head earlier`,
          );
        }
        prevSeq = row.seq;
        prevHash = row.hash;
        count++;
      }
      if (rows.length < batchSize) break;
      after = (rows[rows.length - 1] as AuditRow).seq;
    }
  }
  if (anchor && anchor.seq > prevSeq) {
    return broken(
      prevSeq + 1,
      'truncated',
      `The trail ends at record ${prevSeq}, but record ${anchor.seq} was noted earlier`,
    );
  }
  return { ok: true, count, head: count === 0 ? null : { seq: prevSeq, hash: prevHash } };
}
