import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { LockoutState } from './lockout.ts';

type Q = Kysely<Database>;

/**
 * What the servers on one database share about sign-in and sessions (migration 0013): the generation counters, the
 * rate limits' windows and the lockouts of names without an account.
 *
 * A read-modify-write of one key runs in a transaction that first "touches" the key's row (an UPDATE that changes
 * nothing but takes the row lock on PostgreSQL): a second server doing the same waits, then reads what the first
 * wrote. On SQLite the one connection runs one transaction at a time anyway. No dialect-specific SQL is needed.
 */
export class SharedStateRepository {
  private readonly db: Q;
  constructor(db: Q) {
    this.db = db;
  }

  async generation(name: string): Promise<number> {
    const row = await this.db
      .selectFrom('shared_generations')
      .select('generation')
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.generation ?? 0;
  }

  /** Moves the counter on by one (creating it at 1). */
  async bumpGeneration(name: string): Promise<void> {
    await this.db
      .insertInto('shared_generations')
      .values({ name, generation: 1 })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({ generation: eb('shared_generations.generation', '+', 1) })),
      )
      .execute();
  }

  /**
   * Runs `fn` on the rate-limit window of `key` (the hits, oldest first; empty when none) in a transaction holding
   * the key's row; `fn` returns the hits to store (an empty list deletes the row) and its answer.
   */
  async withWindow<T>(
    key: string,
    fn: (hits: number[]) => { hits: number[]; expiresAt: string; result: T },
  ): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('rate_limit_windows')
        .values({ key, hits: '[]', expires_at: new Date(0).toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      await trx.updateTable('rate_limit_windows').set({ key }).where('key', '=', key).execute();
      const row = await trx
        .selectFrom('rate_limit_windows')
        .select('hits')
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      const next = fn(JSON.parse(row.hits) as number[]);
      if (next.hits.length === 0) await trx.deleteFrom('rate_limit_windows').where('key', '=', key).execute();
      else {
        await trx
          .updateTable('rate_limit_windows')
          .set({ hits: JSON.stringify(next.hits), expires_at: next.expiresAt })
          .where('key', '=', key)
          .execute();
      }
      return next.result;
    });
  }

  async window(key: string): Promise<number[]> {
    const row = await this.db.selectFrom('rate_limit_windows').select('hits').where('key', '=', key).executeTakeFirst();
    return row ? (JSON.parse(row.hits) as number[]) : [];
  }

  async deleteWindow(key: string): Promise<void> {
    await this.db.deleteFrom('rate_limit_windows').where('key', '=', key).execute();
  }

  /** Drops the windows whose every hit has left (`at` ISO). */
  async deleteExpiredWindows(at: string): Promise<void> {
    await this.db.deleteFrom('rate_limit_windows').where('expires_at', '<=', at).execute();
  }

  async lockout(key: string): Promise<LockoutState> {
    const row = await this.db
      .selectFrom('sign_in_lockouts')
      .select(['failed_attempts', 'locked_until'])
      .where('key', '=', key)
      .executeTakeFirst();
    return { failedAttempts: row?.failed_attempts ?? 0, lockedUntil: row?.locked_until ?? null };
  }

  /** Runs `fn` on the lockout of `key` in a transaction holding its row, and stores what it returns. */
  async withLockout<T>(
    key: string,
    at: string,
    fn: (state: LockoutState) => { state: LockoutState; result: T },
  ): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sign_in_lockouts')
        .values({ key, failed_attempts: 0, locked_until: null, updated_at: at })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      await trx.updateTable('sign_in_lockouts').set({ updated_at: at }).where('key', '=', key).execute();
      const row = await trx
        .selectFrom('sign_in_lockouts')
        .select(['failed_attempts', 'locked_until'])
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      const next = fn({ failedAttempts: row.failed_attempts, lockedUntil: row.locked_until });
      await trx
        .updateTable('sign_in_lockouts')
        .set({ failed_attempts: next.state.failedAttempts, locked_until: next.state.lockedUntil })
        .where('key', '=', key)
        .execute();
      return next.result;
    });
  }

  async deleteLockout(key: string): Promise<void> {
    await this.db.deleteFrom('sign_in_lockouts').where('key', '=', key).execute();
  }

  /** Drops lockouts untouched since `before` whose lock (if any) has ended: they would start from nothing anyway. */
  async deleteStaleLockouts(before: string): Promise<void> {
    await this.db
      .deleteFrom('sign_in_lockouts')
      .where('updated_at', '<', before)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
      .execute();
  }
}
