import type { Insertable, Kysely } from 'kysely';
import type { OrgNode } from '../../access/org-index.ts';
import type { Database, OrgUnitTable, WorkTeamTable } from '../../db/schema.ts';
import type { Queryable, Tx } from '../../db/transaction.ts';
import { insertChunked } from '../frameworks/framework.repository.ts';

export class OrgRepository {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async listNodes(): Promise<OrgNode[]> {
    const rows = await this.db.selectFrom('org_units').selectAll().orderBy('sort').execute();
    return rows.map((r) => ({
      id: r.id,
      parentId: r.parent_id,
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      kind: r.kind,
      urban: r.urban === null ? null : r.urban === 1,
      sort: r.sort,
    }));
  }

  listWorkTeams() {
    return this.db.selectFrom('work_teams').selectAll().orderBy('sort').execute();
  }

  async workTeamExists(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('work_teams').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  /** True once any org unit is stored: the default data is loaded only into an empty database. */
  async hasUnits(q: Queryable | Tx = this.db): Promise<boolean> {
    const row = await q.selectFrom('org_units').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** Org units, parents before children (the foreign key checks each row as it goes in). */
  async insertUnits(q: Queryable | Tx, rows: Insertable<OrgUnitTable>[]): Promise<void> {
    await insertChunked(q, 'org_units', rows);
  }

  /** Adds units to the tree outside a seed transaction (the generated city of `generate-households`). */
  async addUnits(rows: Insertable<OrgUnitTable>[]): Promise<void> {
    await insertChunked(this.db, 'org_units', rows);
  }

  async insertWorkTeams(q: Queryable | Tx, rows: Insertable<WorkTeamTable>[]): Promise<void> {
    await insertChunked(q, 'work_teams', rows);
  }
}
