import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { EVALUATED_STATUSES, type ValueRow } from '../values/value.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

// Far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters, with room for the unit list.
const PERIODS_PER_QUERY = 500;

/** The reads the Excel import and exports need in bulk: a few queries per file, never one per row. */
export class ExcelRepository {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /**
   * Every stored value of the given units in the given periods: a superset of the (unit, period) pairs of a file,
   * read at once and matched in memory, instead of one query per pair.
   */
  async valuesOf(q: Q, unitIds: readonly string[], periods: readonly string[]): Promise<ValueRow[]> {
    if (unitIds.length === 0 || periods.length === 0) return [];
    const out: ValueRow[] = [];
    for (let i = 0; i < periods.length; i += PERIODS_PER_QUERY) {
      out.push(
        ...(await q
          .selectFrom('indicator_values')
          .selectAll()
          .where('org_unit_id', 'in', unitIds)
          .where('period', 'in', periods.slice(i, i + PERIODS_PER_QUERY))
          .execute()),
      );
    }
    return out;
  }

  async lockedAmong(q: Q, periods: readonly string[]): Promise<Set<string>> {
    if (periods.length === 0) return new Set();
    const rows = await q.selectFrom('period_locks').select('period').where('period', 'in', periods).execute();
    return new Set(rows.map((r) => r.period));
  }

  /** Whether generated demonstration values are among the reviewed values of a year (exports then say so). */
  async hasGeneratedValues(year: number): Promise<boolean> {
    const r = await this.db
      .selectFrom('indicator_values')
      .select('id')
      .where('year', '=', year)
      .where('origin', '=', 'generated')
      .where('status', 'in', EVALUATED_STATUSES)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  }
}
