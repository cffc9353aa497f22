import type { Kysely, Selectable } from 'kysely';
import type { Database, SecurityAlertTable } from '../../db/schema.ts';

export type SecurityAlertRow = Selectable<SecurityAlertTable>;

/** The queries of the security alerts (migration 0008); the rules are alert.service.ts's. */
export class AlertRepository {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async insert(row: SecurityAlertRow): Promise<void> {
    await this.db.insertInto('security_alerts').values(row).execute();
  }

  findById(id: string): Promise<SecurityAlertRow | undefined> {
    return this.db.selectFrom('security_alerts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first; open ones only unless `all`. */
  list(opts: { all: boolean; limit: number }): Promise<SecurityAlertRow[]> {
    return this.db
      .selectFrom('security_alerts')
      .selectAll()
      .$if(!opts.all, (q) => q.where('acknowledged_at', 'is', null))
      .orderBy('at', 'desc')
      .orderBy('id')
      .limit(opts.limit)
      .execute();
  }

  async hasOpen(kind: string, userId: string): Promise<boolean> {
    const r = await this.db
      .selectFrom('security_alerts')
      .select('id')
      .where('kind', '=', kind)
      .where('user_id', '=', userId)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return r !== undefined;
  }

  async countOpen(): Promise<number> {
    const r = await this.db
      .selectFrom('security_alerts')
      .where('acknowledged_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Marks an open alert acknowledged; false when it was already (someone else was first). */
  async acknowledge(id: string, by: string, at: string, note: string | null): Promise<boolean> {
    const r = await this.db
      .updateTable('security_alerts')
      .set({ acknowledged_at: at, acknowledged_by: by, note })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
