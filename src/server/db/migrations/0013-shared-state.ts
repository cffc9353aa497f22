import type { Kysely } from 'kysely';

/**
 * Issue 14: what several servers on one database must share, beyond the rows they already share.
 * - `shared_generations`: counters that move with every change of a kind (`sessions`: a sign-out, an account
 *   changed). A server answers a session from memory only while the counter is where it was when it cached it.
 * - `rate_limit_windows`: the sign-in rate limits' sliding windows, per key (`addr:…`, `acct:…`): the times of the
 *   counted hits (JSON array of milliseconds) and when the newest leaves the window.
 * - `sign_in_lockouts`: failures against names that have no account (or a disabled one), counted as an account's
 *   are in `users`, so that the answers never tell which names exist.
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shared_generations')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rate_limit_windows')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_windows_expires').on('rate_limit_windows').column('expires_at').execute();
  await db.schema
    .createTable('sign_in_lockouts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_lockouts_updated').on('sign_in_lockouts').column('updated_at').execute();
}
