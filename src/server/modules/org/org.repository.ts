import type { Kysely } from 'kysely';
import type { OrgNode } from '../../access/org-index.ts';
import type { Database } from '../../db/schema.ts';

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
}
