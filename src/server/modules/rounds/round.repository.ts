import type { Insertable, Selectable } from 'kysely';
import { isUniqueViolation } from '../../db/database.ts';
import type { ReportingRoundTable } from '../../db/schema.ts';
import type { Queryable } from '../../db/transaction.ts';

export type RoundRow = Selectable<ReportingRoundTable>;

/** Every query of the reporting rounds. Methods take the query handle so that a service can pass its transaction. */
export class RoundRepository {
  private readonly k: Queryable;
  constructor(k: Queryable) {
    this.k = k;
  }

  /** All rounds, newest period first. */
  list(q: Queryable = this.k): Promise<RoundRow[]> {
    return q.selectFrom('reporting_rounds').selectAll().orderBy('period', 'desc').execute();
  }

  /** The open rounds, oldest period first. */
  open(q: Queryable = this.k): Promise<RoundRow[]> {
    return q.selectFrom('reporting_rounds').selectAll().where('status', '=', 'open').orderBy('period').execute();
  }

  find(id: string, q: Queryable = this.k): Promise<RoundRow | undefined> {
    return q.selectFrom('reporting_rounds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async exists(q: Queryable, frameworkId: string, period: string): Promise<boolean> {
    const row = await q
      .selectFrom('reporting_rounds')
      .select('id')
      .where('framework_id', '=', frameworkId)
      .where('period', '=', period)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Inserts a round; false when one of the same framework and period exists (the unique constraint decides, so two
   * coordinators opening the same round at once get one round and one refusal).
   */
  async insert(q: Queryable, round: Insertable<ReportingRoundTable>): Promise<boolean> {
    try {
      await q.insertInto('reporting_rounds').values(round).execute();
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }
}
