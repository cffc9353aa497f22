import type { Queryable, Tx } from './transaction.ts';

/**
 * The `settings` table: one JSON text per key — the security policy (`security.policy`), the evaluation's warning
 * thresholds (`evaluation.thresholds`), the lists' rules. What a value means is its owner's business; this is the
 * only code that reads or writes the rows.
 */
export class SettingsRepository {
  private readonly k: Queryable;
  constructor(k: Queryable) {
    this.k = k;
  }

  /** The stored text of `key`, or null when none has been saved. */
  async get(key: string, q: Queryable = this.k): Promise<string | null> {
    const row = await q.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }

  /** Stores `value` under `key`, replacing what was there. */
  async put(key: string, value: string, q: Queryable = this.k): Promise<void> {
    await q
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /** Runs `fn` in one transaction: all or nothing. */
  transaction<T>(fn: (trx: Tx) => Promise<T>): Promise<T> {
    return this.k.transaction().execute(fn);
  }
}
