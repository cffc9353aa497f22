import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialects } from '../../../test/databases.ts';
import { TestClock } from '../clock.ts';
import type { Db, Dialect } from '../db/database.ts';
import { AppError } from '../errors.ts';
import {
  auditHash,
  AuditLog,
  canonicalJson,
  changedFields,
  GENESIS_HASH,
  verifyChain,
  type AuditEvent,
  type AuditFilter,
} from './audit.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(canonicalJson({ z: [{ y: 1, x: 2 }] })).toBe('{"z":[{"x":2,"y":1}]}');
  });

  it('treats values as JSON.stringify does', () => {
    expect(canonicalJson({ at: new Date('2024-05-01T00:00:00Z'), gone: undefined })).toBe(
      '{"at":"2024-05-01T00:00:00.000Z"}',
    );
    expect(canonicalJson('攀枝花')).toBe('"攀枝花"');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('changedFields', () => {
  it('gives old and new of what changed only', () => {
    expect(
      changedFields({ value: 6.1, status: 'draft', note: null }, { value: 6.5, status: 'draft', note: '更正' }),
    ).toEqual({
      value: { old: 6.1, new: 6.5 },
      note: { old: null, new: '更正' },
    });
    expect(changedFields({ a: [1, 2] }, { a: [1, 2], b: undefined })).toEqual({});
    expect(changedFields({ a: 1 }, {})).toEqual({ a: { old: 1, new: null } });
  });
});

/** The triggers of migration 0002 stop UPDATE and DELETE; an attacker who owns the database drops them first. */
async function dropGuards(db: Db): Promise<void> {
  if (db.dialect === 'sqlite') {
    for (const t of [
      'audit_log_no_update',
      'audit_log_delete_only_archived',
      'audit_archive_no_update',
      'audit_archive_no_delete',
    ]) {
      await sql`DROP TRIGGER ${sql.raw(t)}`.execute(db.kysely);
    }
  } else {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db.kysely);
    await sql`ALTER TABLE audit_archive DISABLE TRIGGER USER`.execute(db.kysely);
  }
}

const event = (n: number, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  userId: `u${n % 3}`,
  username: `user${n % 3}`,
  ip: `10.0.0.${n}`,
  action: n % 2 === 0 ? 'auth.signIn' : 'value.update',
  objectType: n % 2 === 0 ? null : 'indicator_value',
  objectId: n % 2 === 0 ? null : `v${n}`,
  outcome: 'success',
  detail: { n },
  ...overrides,
});

describe.each(testDialects())('audit trail on %s', (dialect: Dialect) => {
  let db: Db;
  let clock: TestClock;
  let audit: AuditLog;

  beforeEach(async () => {
    db = await createTestDb(dialect);
    clock = new TestClock('2024-05-01T01:00:00.000Z');
    audit = new AuditLog(db, clock);
  });
  afterEach(async () => {
    await db.close();
  });

  async function appendMany(n: number, stepMs = 60_000): Promise<void> {
    for (let i = 1; i <= n; i++) {
      await audit.record(event(i));
      clock.advance(stepMs);
    }
  }

  it('chains the first record to 64 zeros and each next one to its predecessor', async () => {
    const first = await audit.record(event(1));
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.at).toBe('2024-05-01T01:00:00.000Z');
    const second = await audit.record(event(2, { at: new Date('2024-05-01T02:00:00Z') }));
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.at).toBe('2024-05-01T02:00:00.000Z');

    // The hash is SHA-256 of prev_hash + the canonical JSON of the stored columns: anyone can re-check it.
    const row = await db.kysely.selectFrom('audit_log').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(row.detail).toBe('{"n":1}');
    const { hash, prev_hash, hash_alg, ...fields } = row;
    // Records written before migration 0008 had no hash_alg: a SHA-256 record's hash leaves it out, so theirs hold.
    expect(hash_alg).toBe('sha256');
    const expected = crypto
      .createHash('sha256')
      .update(prev_hash + canonicalJson({ ...fields, seq: Number(fields.seq) }))
      .digest('hex');
    expect(hash).toBe(expected);
    expect(auditHash({ ...row, seq: Number(row.seq) })).toBe(hash);
    expect(await verifyChain(db)).toEqual({ ok: true, count: 2, head: { seq: 2, hash: second.hash } });
  });

  it('chains SM3 records (GB/T 32905) after SHA-256 ones: the switch verifies end to end, each record names its hash', async () => {
    await audit.record(event(1));
    await audit.record(event(2));
    const sm3 = new AuditLog(db, clock, 'sm3');
    const third = await sm3.record(event(3));
    await sm3.record(event(4));
    expect(third.hashAlg).toBe('sm3');
    const rows = await db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.hash_alg)).toEqual(['sha256', 'sha256', 'sm3', 'sm3']);
    // An SM3 record's hash is SM3 of prev_hash + the canonical JSON of its columns, hash_alg included.
    const row = rows[2] as (typeof rows)[number];
    const { hash, prev_hash, ...fields } = row;
    expect(prev_hash).toBe(rows[1]?.hash);
    expect(hash).toBe(
      crypto
        .createHash('sm3')
        .update(prev_hash + canonicalJson({ ...fields, seq: Number(fields.seq) }))
        .digest('hex'),
    );
    // And back to SHA-256: still one chain.
    await audit.record(event(5));
    expect(await verifyChain(db)).toMatchObject({ ok: true, count: 5 });
    expect((await audit.search({ limit: 10, offset: 0 })).records.map((r) => r.hashAlg)).toEqual([
      'sha256',
      'sm3',
      'sm3',
      'sha256',
      'sha256',
    ]);

    // Relabelling a record's hash function (to recompute it under the other) is an edit like any other.
    await dropGuards(db);
    await db.kysely.updateTable('audit_log').set({ hash_alg: 'sha256' }).where('seq', '=', 3).execute();
    expect(await verifyChain(db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'edited' });
    await db.kysely.updateTable('audit_log').set({ hash_alg: 'md5' }).where('seq', '=', 3).execute();
    expect(await verifyChain(db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'edited' });
  });

  it('verifies an empty trail', async () => {
    expect(await verifyChain(db)).toEqual({ ok: true, count: 0, head: null });
  });

  it('refuses a record without an action or with an unknown outcome', async () => {
    await expect(audit.record(event(1, { action: ' ' }))).rejects.toThrow('An audit record needs an action');
    await expect(audit.record(event(1, { outcome: 'maybe' as AuditEvent['outcome'] }))).rejects.toThrow(
      /Unknown audit outcome/,
    );
  });

  it('commits and rolls back with the transaction of the change it records', async () => {
    await audit.record(event(1));
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'k', value: 'v' }).execute();
        await audit.record(event(2, { action: 'settings.update' }), trx);
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    await db.kysely.transaction().execute(async (trx) => {
      await audit.record(event(3, { action: 'settings.update' }), trx);
    });
    const rows = await db.kysely.selectFrom('audit_log').select(['seq', 'detail']).orderBy('seq').execute();
    // The rolled-back record left no gap: the next one took seq 2.
    expect(rows.map((r) => [Number(r.seq), r.detail])).toEqual([
      [1, '{"n":1}'],
      [2, '{"n":3}'],
    ]);
    expect((await verifyChain(db)).ok).toBe(true);
  });

  it('keeps the chain whole under 20 concurrent appends', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.record(event(i + 1))));
    const result = await verifyChain(db);
    expect(result).toMatchObject({ ok: true, count: 20 });
    const seqs = (await db.kysely.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) =>
      Number(r.seq),
    );
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('keeps the chain whole when concurrent appends run inside concurrent transactions', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.kysely.transaction().execute(async (trx) => {
          await audit.record(event(i + 1), trx);
          await audit.record(event(i + 100), trx);
        }),
      ),
    );
    expect(await verifyChain(db)).toMatchObject({ ok: true, count: 20 });
  });

  describe('the database itself refuses changes', () => {
    it('refuses UPDATE and DELETE of the live trail, and any change to the archive', async () => {
      await appendMany(2);
      await expect(
        db.kysely.updateTable('audit_log').set({ outcome: 'failure' }).where('seq', '=', 1).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(db.kysely.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
      await expect(db.kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      if (dialect === 'postgres')
        await expect(sql`TRUNCATE audit_log`.execute(db.kysely)).rejects.toThrow(/append-only/);
      expect(await verifyChain(db)).toMatchObject({ ok: true, count: 2 });
    });
  });

  describe('tampering is detected', () => {
    beforeEach(async () => {
      await appendMany(6);
      await dropGuards(db);
    });

    it('an edited record (raw UPDATE)', async () => {
      await db.kysely.updateTable('audit_log').set({ outcome: 'failure' }).where('seq', '=', 4).execute();
      expect(await verifyChain(db)).toMatchObject({ ok: false, brokenAt: 4, reason: 'edited', verified: 3 });
    });

    it('an edited detail, even when re-serialised the same way', async () => {
      await db.kysely.updateTable('audit_log').set({ detail: '{"n":99}' }).where('seq', '=', 2).execute();
      expect(await verifyChain(db)).toMatchObject({ ok: false, brokenAt: 2, reason: 'edited' });
    });

    it('an edited record whose hash was recomputed: the next record no longer chains to it', async () => {
      const row = await db.kysely.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
      const forged = { ...row, seq: Number(row.seq), outcome: 'failure' };
      const { hash: _old, ...unhashed } = forged;
      await db.kysely
        .updateTable('audit_log')
        .set({ outcome: 'failure', hash: auditHash(unhashed) })
        .where('seq', '=', 3)
        .execute();
      expect(await verifyChain(db)).toMatchObject({ ok: false, brokenAt: 4, reason: 'relinked' });
    });

    it('a deleted record', async () => {
      await db.kysely.deleteFrom('audit_log').where('seq', '=', 3).execute();
      expect(await verifyChain(db)).toMatchObject({
        ok: false,
        brokenAt: 4,
        reason: 'missing',
        message: 'Record(s) 3 missing before record 4',
      });
    });

    it('a deleted record with the rest renumbered to close the gap', async () => {
      await db.kysely.deleteFrom('audit_log').where('seq', '=', 3).execute();
      for (const seq of [4, 5, 6]) {
        await db.kysely
          .updateTable('audit_log')
          .set({ seq: seq - 1 })
          .where('seq', '=', seq)
          .execute();
      }
      expect(await verifyChain(db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'relinked' });
    });

    it('a reordered chain', async () => {
      await db.kysely.updateTable('audit_log').set({ seq: 100 }).where('seq', '=', 2).execute();
      await db.kysely.updateTable('audit_log').set({ seq: 2 }).where('seq', '=', 3).execute();
      await db.kysely.updateTable('audit_log').set({ seq: 3 }).where('seq', '=', 100).execute();
      expect(await verifyChain(db)).toMatchObject({ ok: false, brokenAt: 2, reason: 'relinked' });
    });

    it('a removed tail, against a head noted earlier', async () => {
      const before = await verifyChain(db);
      if (!before.ok || !before.head) throw new Error('expected a whole chain');
      expect(await verifyChain(db, { anchor: before.head })).toMatchObject({ ok: true, count: 6 });
      await db.kysely.deleteFrom('audit_log').where('seq', '>=', 5).execute();
      // Without the anchor the shorter chain is whole; with it, the loss shows.
      expect(await verifyChain(db)).toMatchObject({ ok: true, count: 4 });
      expect(await verifyChain(db, { anchor: before.head })).toMatchObject({
        ok: false,
        brokenAt: 5,
        reason: 'truncated',
      });
    });

    it('a rewritten chain, against a head noted earlier', async () => {
      const before = await verifyChain(db);
      if (!before.ok || !before.head) throw new Error('expected a whole chain');
      // Rewrite everything from record 1 with consistent hashes: only the anchor can tell.
      const rows = await db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const next = { ...row, seq: Number(row.seq), prev_hash: prev, outcome: 'denied' };
        const { hash: _h, ...unhashed } = next;
        const hash = auditHash(unhashed);
        await db.kysely
          .updateTable('audit_log')
          .set({ outcome: 'denied', prev_hash: prev, hash })
          .where('seq', '=', row.seq)
          .execute();
        prev = hash;
      }
      expect(await verifyChain(db)).toMatchObject({ ok: true, count: 6 });
      expect(await verifyChain(db, { anchor: before.head })).toMatchObject({
        ok: false,
        brokenAt: 6,
        reason: 'anchorMismatch',
      });
    });

    it('reads the chain in batches without missing a break', async () => {
      await db.kysely.updateTable('audit_log').set({ ip: '1.2.3.4' }).where('seq', '=', 5).execute();
      expect(await verifyChain(db, { batchSize: 2 })).toMatchObject({ ok: false, brokenAt: 5, reason: 'edited' });
    });
  });

  describe('search', () => {
    beforeEach(async () => {
      await appendMany(10);
      await audit.record(event(11, { outcome: 'failure', action: 'auth.signIn', username: 'ghost', userId: null }));
      await audit.record(
        event(12, { outcome: 'denied', action: 'household.view', objectType: 'household', objectId: 'hh-1' }),
      );
    });

    const page = { limit: 50, offset: 0 };

    it('finds everything newest first, and pages', async () => {
      const all = await audit.search({ ...page });
      expect(all.total).toBe(12);
      expect(all.records.map((r) => r.seq)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      const second = await audit.search({ limit: 5, offset: 5 });
      expect(second.total).toBe(12);
      expect(second.records.map((r) => r.seq)).toEqual([7, 6, 5, 4, 3]);
      expect((await audit.search({ limit: 5, offset: 20 })).records).toEqual([]);
    });

    it('filters by user, action, action prefix, object, outcome and time', async () => {
      const seqs = async (filter: AuditFilter) =>
        (await audit.search({ ...filter, ...page })).records.map((r) => r.seq);
      expect(await seqs({ userId: 'u1' })).toEqual([10, 7, 4, 1]);
      expect(await seqs({ username: 'ghost' })).toEqual([11]);
      expect(await seqs({ action: 'value.update', outcome: 'success' })).toEqual([9, 7, 5, 3, 1]);
      expect(await seqs({ actionPrefix: 'auth.' })).toEqual([11, 10, 8, 6, 4, 2]);
      expect(await seqs({ actionPrefix: 'AUTH.' })).toEqual([]);
      expect(await seqs({ actionPrefix: 'auth%' })).toEqual([]);
      expect(await seqs({ objectType: 'household', objectId: 'hh-1' })).toEqual([12]);
      expect(await seqs({ outcome: 'failure' })).toEqual([11]);
      // Records 1..10 are a minute apart from 01:00; `from` inclusive, `to` exclusive.
      expect(await seqs({ from: new Date('2024-05-01T01:02:00Z'), to: new Date('2024-05-01T01:05:00Z') })).toEqual([
        5, 4, 3,
      ]);
    });

    it('returns records as they were recorded', async () => {
      const [record] = (await audit.search({ outcome: 'denied', ...page })).records;
      expect(record).toMatchObject({
        seq: 12,
        userId: 'u0',
        username: 'user0',
        ip: '10.0.0.12',
        action: 'household.view',
        objectType: 'household',
        objectId: 'hh-1',
        outcome: 'denied',
        detail: { n: 12 },
        archived: false,
      });
    });

    it('caps the page size', async () => {
      expect((await audit.search({ limit: 1_000_000, offset: 0 })).records).toHaveLength(12);
      expect((await audit.search({ limit: -5, offset: -5 })).records).toEqual([]);
    });
  });

  describe('archive', () => {
    const day = 24 * 60 * 60 * 1000;

    it('refuses a cutoff less than 180 days ago', async () => {
      clock.set('2025-01-01T00:00:00Z');
      const error = await audit.archive(new Date('2024-08-01T00:00:00Z')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'before' }] });
      await expect(audit.archive(new Date('invalid'))).rejects.toMatchObject({ code: 'VALIDATION' });
    });

    it('moves old records with their hashes; the chain verifies across both tables and keeps growing', async () => {
      // 10 records, one every 30 days from 2024-01-01.
      clock.set('2024-01-01T00:00:00Z');
      await appendMany(10, 30 * day);
      clock.set('2025-01-01T00:00:00Z');
      const head = await verifyChain(db);

      const result = await audit.archive(new Date(clock.now().getTime() - 180 * day)); // 2024-07-05
      expect(result).toEqual({ moved: 7, throughSeq: 7 }); // 2024-01-01 … 2024-06-28
      const live = await db.kysely.selectFrom('audit_log').select('seq').orderBy('seq').execute();
      expect(live.map((r) => Number(r.seq))).toEqual([8, 9, 10]);

      expect(await verifyChain(db)).toEqual(head);
      const next = await audit.record(event(11));
      expect(next.seq).toBe(11);
      expect(await verifyChain(db)).toMatchObject({ ok: true, count: 11 });

      // Search reaches the archive when asked to.
      expect((await audit.search({ limit: 50, offset: 0 })).total).toBe(4);
      const all = await audit.search({ includeArchive: true, limit: 6, offset: 2 });
      expect(all.total).toBe(11);
      expect(all.records.map((r) => [r.seq, r.archived])).toEqual([
        [9, false],
        [8, false],
        [7, true],
        [6, true],
        [5, true],
        [4, true],
      ]);
      const streamed: number[] = [];
      for await (const r of audit.stream({ includeArchive: true, userId: 'u1' }, 2)) streamed.push(r.seq);
      expect(streamed).toEqual([1, 4, 7, 10]);

      // Archiving again moves nothing new; the archive itself cannot be changed.
      expect(await audit.archive(new Date(clock.now().getTime() - 180 * day))).toEqual({ moved: 0, throughSeq: null });
      await expect(sql`DELETE FROM audit_archive`.execute(db.kysely)).rejects.toThrow(/append-only/);
      await expect(sql`UPDATE audit_archive SET outcome = 'denied'`.execute(db.kysely)).rejects.toThrow(/append-only/);
    });

    it('can archive the whole trail, and the chain continues from the archive', async () => {
      clock.set('2024-01-01T00:00:00Z');
      await appendMany(3, day);
      clock.set('2025-01-01T00:00:00Z');
      expect(await audit.archive(new Date('2024-06-01T00:00:00Z'))).toEqual({ moved: 3, throughSeq: 3 });
      const next = await audit.record(event(4));
      expect(next.seq).toBe(4);
      const archived = await audit.search({ includeArchive: true, limit: 1, offset: 1 });
      expect(next.prevHash).toBe(archived.records[0]?.hash);
      expect(await verifyChain(db)).toMatchObject({ ok: true, count: 4 });
    });

    it('moves only a prefix of the chain when the clock went back', async () => {
      clock.set('2024-03-01T00:00:00Z');
      await audit.record(event(1));
      await audit.record(event(2, { at: new Date('2024-09-01T00:00:00Z') }));
      await audit.record(event(3, { at: new Date('2024-02-01T00:00:00Z') })); // older than its predecessor
      clock.set('2025-06-01T00:00:00Z');
      expect(await audit.archive(new Date('2024-06-01T00:00:00Z'))).toEqual({ moved: 1, throughSeq: 1 });
      expect(await verifyChain(db)).toMatchObject({ ok: true, count: 3 });
    });

    it('detects an archived record edited or moved back', async () => {
      clock.set('2024-01-01T00:00:00Z');
      await appendMany(4, day);
      clock.set('2025-01-01T00:00:00Z');
      await audit.archive(new Date('2024-06-01T00:00:00Z'));
      await dropGuards(db);
      await sql`UPDATE audit_archive SET username = 'someone' WHERE seq = 2`.execute(db.kysely);
      expect(await verifyChain(db)).toMatchObject({ ok: false, brokenAt: 2, reason: 'edited' });
      await sql`UPDATE audit_archive SET username = 'user2' WHERE seq = 2`.execute(db.kysely);
      expect(await verifyChain(db)).toMatchObject({ ok: true });
      await sql`INSERT INTO audit_log SELECT * FROM audit_archive WHERE seq = 3`.execute(db.kysely);
      expect(await verifyChain(db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'outOfOrder' });
    });
  });
});
