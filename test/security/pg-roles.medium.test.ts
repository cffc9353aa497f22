import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TestClock } from '../../src/server/clock.ts';
import { openPostgres, type Db } from '../../src/server/db/database.ts';
import { AuditLog, verifyChain } from '../../src/server/security/audit.ts';
import { createTestDb } from '../databases.ts';

/**
 * The PostgreSQL grants docs/security.md gives the operator: the server runs as a role that does not own the tables,
 * may read and append to the audit trail, and can neither change nor remove a record, nor switch the triggers off.
 */
describe.skipIf(!inject('pgBase'))('the server as a PostgreSQL role that does not own the audit trail', () => {
  let owner: Db;
  let app: Db;
  const role = `gongfu_app_${crypto.randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    owner = await createTestDb('postgres');
    const dbName = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(owner.kysely)).rows[0]
      ?.db as string;
    // The grants of docs/security.md, as the operator runs them after `migrate`.
    await sql.raw(`CREATE ROLE ${role} LOGIN PASSWORD 'app-test'`).execute(owner.kysely);
    await sql.raw(`GRANT CONNECT ON DATABASE ${dbName} TO ${role}`).execute(owner.kysely);
    await sql.raw(`GRANT USAGE ON SCHEMA public TO ${role}`).execute(owner.kysely);
    await sql
      .raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`)
      .execute(owner.kysely);
    await sql.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`).execute(owner.kysely);
    await sql.raw(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_archive FROM ${role}`).execute(owner.kysely);
    const url = new URL(inject('pgBase'));
    url.username = role;
    url.password = 'app-test';
    url.pathname = `/${dbName}`;
    app = openPostgres(url.toString(), 2);
  });
  afterAll(async () => {
    await app.close();
    await owner.close();
    const a = new pg.Client({ connectionString: inject('pgBase') });
    await a.connect();
    await a.query(`DROP ROLE IF EXISTS ${role}`);
    await a.end();
  });

  it('appends and reads the trail, and the chain verifies', async () => {
    const log = new AuditLog(app, new TestClock('2024-11-05T02:00:00Z'));
    await log.record({ userId: 'u1', username: 'xiqu', ip: '10.0.0.1', action: 'auth.signIn', outcome: 'success' });
    await app.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'role-test', value: '1' }).execute();
      await log.record(
        { userId: 'u1', username: 'xiqu', ip: '10.0.0.1', action: 'value.update', outcome: 'success' },
        trx,
      );
    });
    expect((await log.search({ limit: 10, offset: 0 })).total).toBe(2);
    expect((await verifyChain(app)).ok).toBe(true);
  });

  it('can neither edit, remove nor truncate a record, nor switch the guards off', async () => {
    await expect(sql`UPDATE audit_log SET outcome = 'failure'`.execute(app.kysely)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(app.kysely)).rejects.toThrow(/permission denied/);
    await expect(sql`TRUNCATE audit_log`.execute(app.kysely)).rejects.toThrow(/permission denied/);
    await expect(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(app.kysely)).rejects.toThrow(/must be owner/);
    await expect(sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(app.kysely)).rejects.toThrow(
      /must be owner/,
    );
    expect((await verifyChain(app)).ok).toBe(true);
  });
});
