import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, PeriodLockTable } from '../../db/schema.ts';

export type PeriodLockRow = Selectable<PeriodLockTable>;
type Q = Kysely<Database> | Transaction<Database>;

/** The locked periods (期别锁定): a locked period takes no entry, submission, review, publication or reopening. */
export class PeriodLockRepository {
  private readonly k: Kysely<Database>;

  constructor(k: Kysely<Database>) {
    this.k = k;
  }

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.k.transaction().execute(fn);
  }

  find(q: Q, period: string): Promise<PeriodLockRow | undefined> {
    return q.selectFrom('period_locks').selectAll().where('period', '=', period).executeTakeFirst();
  }

  async isLocked(q: Q, period: string): Promise<boolean> {
    const r = await q.selectFrom('period_locks').select('period').where('period', '=', period).executeTakeFirst();
    return r !== undefined;
  }

  /** Which of these periods are locked. */
  async lockedAmong(q: Q, periods: readonly string[]): Promise<Set<string>> {
    if (periods.length === 0) return new Set();
    const rows = await q.selectFrom('period_locks').select('period').where('period', 'in', periods).execute();
    return new Set(rows.map((r) => r.period));
  }

  /** Every lock, the latest period first. */
  list(): Promise<PeriodLockRow[]> {
    return this.k.selectFrom('period_locks').selectAll().orderBy('period', 'desc').execute();
  }

  async insert(q: Q, period: string, by: string, at: string): Promise<void> {
    await q.insertInto('period_locks').values({ period, locked_by: by, locked_at: at }).execute();
  }

  async delete(q: Q, period: string): Promise<void> {
    await q.deleteFrom('period_locks').where('period', '=', period).execute();
  }
}
