import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.ts';

/**
 * Security hardening (issue 3):
 * - `audit_archive`: audit records older than the retention period move here, hashes and all, so the chain still
 *   verifies across both tables;
 * - triggers that make both audit tables append-only: no UPDATE at all, and a DELETE from `audit_log` only of a record
 *   already copied, unchanged, into `audit_archive`. They stop a bug or a hand-typed query; the hash chain catches
 *   someone who drops the triggers first;
 * - indexes for the audit administrator's searches;
 * - `users.totp_last_step`: the last accepted TOTP step, so that a code cannot be used twice.
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the schema type does.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('audit_archive')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('user_id', text)
    .addColumn('username', text)
    .addColumn('ip', text)
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('object_type', text)
    .addColumn('object_id', text)
    .addColumn('outcome', text, (c) => c.notNull())
    .addColumn('detail', text)
    .addColumn('prev_hash', text, (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .execute();

  for (const table of ['audit_log', 'audit_archive']) {
    await db.schema.createIndex(`${table}_at`).on(table).column('at').execute();
    await db.schema.createIndex(`${table}_user`).on(table).columns(['user_id', 'at']).execute();
    await db.schema.createIndex(`${table}_object`).on(table).columns(['object_type', 'object_id']).execute();
    await db.schema.createIndex(`${table}_action`).on(table).columns(['action', 'at']).execute();
  }

  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();

  if (ctx.dialect === 'sqlite') {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END`.execute(db);
    await sql`CREATE TRIGGER audit_log_delete_only_archived BEFORE DELETE ON audit_log
      WHEN NOT EXISTS (SELECT 1 FROM audit_archive a WHERE a.seq = OLD.seq AND a.hash = OLD.hash)
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: a record can only leave it by being archived'); END`.execute(
      db,
    );
    await sql`CREATE TRIGGER audit_archive_no_update BEFORE UPDATE ON audit_archive
      BEGIN SELECT RAISE(ABORT, 'audit_archive is append-only: UPDATE refused'); END`.execute(db);
    await sql`CREATE TRIGGER audit_archive_no_delete BEFORE DELETE ON audit_archive
      BEGIN SELECT RAISE(ABORT, 'audit_archive is append-only: DELETE refused'); END`.execute(db);
    return;
  }

  await sql`CREATE FUNCTION gongfu_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log' AND EXISTS (
        SELECT 1 FROM audit_archive a WHERE a.seq = OLD.seq AND a.hash = OLD.hash
      ) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END
  $$`.execute(db);
  for (const table of ['audit_log', 'audit_archive']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION gongfu_audit_append_only()`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION gongfu_audit_append_only()`.execute(db);
  }
}
