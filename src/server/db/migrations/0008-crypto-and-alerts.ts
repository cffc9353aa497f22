import type { Kysely } from 'kysely';

/**
 * Issue 13, the holes a probe found:
 * - `users.password_reset_by` / `_at` / `_ip`: who reset the password (an administrator's user name, or the operator's
 *   `cli:<user>`), when and from where, kept until the owner sets a new one. The sign-in and the change that follow a
 *   reset are compared with them, and a reset password not used within its validity is refused (item 4);
 * - `security_alerts`: what the security and audit administrators must look at — a reset password turned into a
 *   new one on an account without a second factor (the system administrator could have done it), a stored secret
 *   that no configured key decrypts. Raised by the server, acknowledged by the security administrator, never deleted;
 * - `audit_log.hash_alg` / `audit_archive.hash_alg`: the hash of each record of the chain, 'sha256' (every record
 *   before this migration) or 'sm3' (GB/T 32905), so that the chain stays verifiable across a switch (item 18).
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['password_reset_by', 'password_reset_at', 'password_reset_ip']) {
    await db.schema.alterTable('users').addColumn(column, 'text').execute();
  }
  await db.schema
    .createTable('security_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('security_alerts_open')
    .on('security_alerts')
    .columns(['acknowledged_at', 'at'])
    .execute();
  for (const table of ['audit_log', 'audit_archive']) {
    await db.schema
      .alterTable(table)
      .addColumn('hash_alg', 'text', (c) => c.notNull().defaultTo('sha256'))
      .execute();
  }
}
