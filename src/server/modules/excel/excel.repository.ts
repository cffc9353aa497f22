import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { EVALUATED_STATUSES } from '../values/value.repository.ts';

/**
 * The reads of the Excel exports. The import reads what is stored through the value service's import batch
 * (src/server/modules/values/value.import.ts), shared with the exchange formats: a few queries per file, never one per row.
 */
export class ExcelRepository {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
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
