import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type {
  ProjectAdjustmentTable,
  ProjectAttachmentTable,
  ProjectDatabase,
  ProjectHistoryTable,
  ProjectPlanTable,
  ProjectQ,
  ProjectReturnProblemTable,
  ProjectReturnTable,
  ProjectStageEventTable,
  ProjectTable,
  ProjectTables,
} from '../../db/project-tables.ts';
import type { ListTables } from '../../db/list-tables.ts';

export type ProjectRow = Selectable<ProjectTable>;
export type PlanRow = Selectable<ProjectPlanTable>;
export type ReturnRow = Selectable<ProjectReturnTable>;
export type ProblemRow = Selectable<ProjectReturnProblemTable>;
export type StageEventRow = Selectable<ProjectStageEventTable>;
export type AdjustmentRow = Selectable<ProjectAdjustmentTable>;
export type AttachmentMeta = Omit<Selectable<ProjectAttachmentTable>, 'data'>;
export type HistoryRow = Selectable<ProjectHistoryTable>;
export type { ProjectQ } from '../../db/project-tables.ts';
export type NewProject = Insertable<ProjectTable>;
export type NewStageEvent = Insertable<ProjectStageEventTable>;
export type NewPlan = Insertable<ProjectPlanTable>;
export type NewReturn = Insertable<ProjectReturnTable>;

/** Which projects a query wants. */
export interface ProjectQuery {
  /** Districts (the project's own `district_id`), null for all. */
  districtIds?: readonly string[] | null;
  ids?: readonly string[];
  stage?: string;
  level?: string;
  chain?: string;
}

/** Every query of the ledger. Methods take the query handle so that a service can pass its transaction. */
export class ProjectRepository {
  readonly db: Db;
  readonly k: Kysely<ProjectDatabase>;

  constructor(db: Db) {
    this.db = db;
    this.k = db.kysely.withTables<ProjectTables>().withTables<ListTables>();
  }

  transaction<T>(fn: (trx: ProjectQ) => Promise<T>): Promise<T> {
    return this.k.transaction().execute(fn);
  }

  private async insertMany<T extends keyof ProjectTables>(
    q: ProjectQ,
    table: T,
    rows: Insertable<ProjectTables[T]>[],
  ): Promise<void> {
    if (rows.length === 0) return;
    // PostgreSQL binds at most 65,535 parameters in one statement.
    const size = Math.max(1, Math.floor(30_000 / Object.keys(rows[0] as object).length));
    for (let i = 0; i < rows.length; i += size) {
      await q
        .insertInto(table)
        .values(rows.slice(i, i + size) as never)
        .execute();
    }
  }

  // ——— projects ———

  async projects(q: ProjectQ, f: ProjectQuery = {}): Promise<ProjectRow[]> {
    if (f.districtIds && f.districtIds.length === 0) return [];
    if (f.ids && f.ids.length === 0) return [];
    let s = q.selectFrom('projects').selectAll();
    if (f.districtIds) s = s.where('district_id', 'in', f.districtIds);
    if (f.ids) s = s.where('id', 'in', f.ids);
    if (f.stage) s = s.where('stage', '=', f.stage as ProjectRow['stage']);
    if (f.level) s = s.where('level', '=', f.level as ProjectRow['level']);
    if (f.chain) s = s.where('chain', '=', f.chain);
    return s.orderBy('code').orderBy('id').execute();
  }

  /** The projects of these codes (an import's rows name their project by its code). */
  async projectsByCodes(q: ProjectQ, codes: readonly string[]): Promise<ProjectRow[]> {
    if (codes.length === 0) return [];
    const out: ProjectRow[] = [];
    // PostgreSQL binds at most 65,535 parameters in one statement.
    for (let i = 0; i < codes.length; i += 10_000) {
      out.push(
        ...(await q
          .selectFrom('projects')
          .selectAll()
          .where('code', 'in', codes.slice(i, i + 10_000))
          .execute()),
      );
    }
    return out;
  }

  project(q: ProjectQ, id: string): Promise<ProjectRow | undefined> {
    return q.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  }

  lockProject(q: ProjectQ, id: string): Promise<ProjectRow | undefined> {
    const s = q.selectFrom('projects').selectAll().where('id', '=', id);
    return (this.db.dialect === 'postgres' ? s.forUpdate() : s).executeTakeFirst();
  }

  async codesTaken(q: ProjectQ, codes: readonly string[], exceptId?: string): Promise<string[]> {
    if (codes.length === 0) return [];
    let s = q.selectFrom('projects').select('code').where('code', 'in', codes);
    if (exceptId) s = s.where('id', '!=', exceptId);
    return (await s.execute()).map((r) => r.code ?? '');
  }

  async projectOfListItem(q: ProjectQ, itemId: string): Promise<ProjectRow | undefined> {
    return q.selectFrom('projects').selectAll().where('list_item_id', '=', itemId).executeTakeFirst();
  }

  insertProjects(q: ProjectQ, rows: Insertable<ProjectTable>[]): Promise<void> {
    return this.insertMany(q, 'projects', rows);
  }

  /** Optimistic write: false when the stored version is no longer `expectedVersion`. */
  async updateProject(
    q: ProjectQ,
    id: string,
    expectedVersion: number,
    patch: Updateable<ProjectTable>,
  ): Promise<boolean> {
    const r = await q
      .updateTable('projects')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ——— stored lights (migration 0012) ———

  /** The newest recomputation's stamp: what a reader's copy of the table is checked against. */
  async lightsStamp(q: ProjectQ): Promise<string> {
    const r = await q
      .selectFrom('projects')
      .select('lights_stamp')
      .orderBy('lights_stamp', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.lights_stamp ?? '';
  }

  /**
   * Stores recomputed lights and figures. With `staleBefore`, only rows still judged for another day (or never) are
   * written: a reader refreshing a stale row never overwrites what a write has just judged for today.
   */
  async storeLights(
    q: ProjectQ,
    rows: readonly {
      id: string;
      lights: string;
      light: string;
      judged_planned: number | null;
      judged_ytd: number;
      lights_on: string;
      lights_stamp: string;
    }[],
    staleBefore?: string,
  ): Promise<void> {
    for (const { id, ...set } of rows) {
      let u = q.updateTable('projects').set(set).where('id', '=', id);
      if (staleBefore) u = u.where((e) => e.or([e('lights_on', 'is', null), e('lights_on', '!=', staleBefore)]));
      await u.execute();
    }
  }

  // ——— stages and adjustments ———

  async stageEvents(q: ProjectQ, projectIds: readonly string[]): Promise<StageEventRow[]> {
    if (projectIds.length === 0) return [];
    return q
      .selectFrom('project_stage_events')
      .selectAll()
      .where('project_id', 'in', projectIds)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  insertStageEvents(q: ProjectQ, rows: Insertable<ProjectStageEventTable>[]): Promise<void> {
    return this.insertMany(q, 'project_stage_events', rows);
  }

  adjustments(q: ProjectQ, projectId: string): Promise<AdjustmentRow[]> {
    return q
      .selectFrom('project_adjustments')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('requested_at')
      .execute();
  }

  adjustment(q: ProjectQ, id: string): Promise<AdjustmentRow | undefined> {
    return q.selectFrom('project_adjustments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insertAdjustment(q: ProjectQ, row: Insertable<ProjectAdjustmentTable>): Promise<void> {
    return this.insertMany(q, 'project_adjustments', [row]);
  }

  /** Moves an adjustment on from `from`; false when it is no longer in that state. */
  async updateAdjustment(
    q: ProjectQ,
    id: string,
    from: AdjustmentRow['status'],
    patch: Updateable<ProjectAdjustmentTable>,
  ): Promise<boolean> {
    const r = await q
      .updateTable('project_adjustments')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ——— plans ———

  async plans(q: ProjectQ, projectIds: readonly string[] | null, year?: number): Promise<PlanRow[]> {
    if (projectIds && projectIds.length === 0) return [];
    let s = q.selectFrom('project_plans').selectAll();
    if (projectIds) s = s.where('project_id', 'in', projectIds);
    if (year !== undefined) s = s.where('year', '=', year);
    return s.orderBy('project_id').orderBy('year').execute();
  }

  async plansByIds(q: ProjectQ, ids: readonly string[]): Promise<PlanRow[]> {
    if (ids.length === 0) return [];
    return q.selectFrom('project_plans').selectAll().where('id', 'in', ids).execute();
  }

  planOf(q: ProjectQ, projectId: string, year: number): Promise<PlanRow | undefined> {
    return q
      .selectFrom('project_plans')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('year', '=', year)
      .executeTakeFirst();
  }

  insertPlans(q: ProjectQ, rows: Insertable<ProjectPlanTable>[]): Promise<void> {
    return this.insertMany(q, 'project_plans', rows);
  }

  async updatePlan(
    q: ProjectQ,
    id: string,
    expectedVersion: number,
    patch: Updateable<ProjectPlanTable>,
  ): Promise<boolean> {
    const r = await q
      .updateTable('project_plans')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ——— returns ———

  /** Returns of the projects between two months (inclusive; either may be open). */
  async returns(
    q: ProjectQ,
    projectIds: readonly string[] | null,
    range: { from?: string; to?: string; statuses?: readonly ReturnRow['status'][] } = {},
  ): Promise<ReturnRow[]> {
    if (projectIds && projectIds.length === 0) return [];
    let s = q.selectFrom('project_returns').selectAll();
    if (projectIds) s = s.where('project_id', 'in', projectIds);
    if (range.from) s = s.where('month', '>=', range.from);
    if (range.to) s = s.where('month', '<=', range.to);
    if (range.statuses) s = s.where('status', 'in', range.statuses);
    return s.orderBy('project_id').orderBy('month').execute();
  }

  async returnsByIds(q: ProjectQ, ids: readonly string[]): Promise<ReturnRow[]> {
    if (ids.length === 0) return [];
    return q.selectFrom('project_returns').selectAll().where('id', 'in', ids).execute();
  }

  returnOf(q: ProjectQ, projectId: string, month: string): Promise<ReturnRow | undefined> {
    return q
      .selectFrom('project_returns')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('month', '=', month)
      .executeTakeFirst();
  }

  /** The latest return of the project before `month` (any status), for the plausibility checks. */
  previousReturn(q: ProjectQ, projectId: string, month: string): Promise<ReturnRow | undefined> {
    return q
      .selectFrom('project_returns')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('month', '<', month)
      .orderBy('month', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The latest return before `month` of each project (any status), for the plausibility checks of an import. */
  async previousReturns(q: ProjectQ, projectIds: readonly string[], month: string): Promise<ReturnRow[]> {
    if (projectIds.length === 0) return [];
    const latest = q
      .selectFrom('project_returns')
      .select(['project_id', (eb) => eb.fn.max('month').as('month')])
      .where('project_id', 'in', projectIds)
      .where('month', '<', month)
      .groupBy('project_id')
      .as('latest');
    return q
      .selectFrom('project_returns as r')
      .innerJoin(latest, (j) => j.onRef('latest.project_id', '=', 'r.project_id').onRef('latest.month', '=', 'r.month'))
      .selectAll('r')
      .execute();
  }

  /** Evidence of one return (metadata only). */
  async attachmentsOfReturn(q: ProjectQ, returnId: string): Promise<AttachmentMeta[]> {
    return q
      .selectFrom('project_attachments')
      .select([
        'id',
        'project_id',
        'return_id',
        'figure',
        'file_name',
        'content_type',
        'size',
        'sha256',
        'uploaded_at',
        'uploaded_by',
      ])
      .where('return_id', '=', returnId)
      .orderBy('uploaded_at')
      .execute();
  }

  async firstReturnMonth(q: ProjectQ): Promise<string | null> {
    const r = await q
      .selectFrom('project_returns')
      .select((eb) => eb.fn.min('month').as('first'))
      .executeTakeFirst();
    return (r?.first as string | null | undefined) ?? null;
  }

  insertReturns(q: ProjectQ, rows: Insertable<ProjectReturnTable>[]): Promise<void> {
    return this.insertMany(q, 'project_returns', rows);
  }

  async updateReturn(
    q: ProjectQ,
    id: string,
    expectedVersion: number,
    patch: Updateable<ProjectReturnTable>,
  ): Promise<boolean> {
    const r = await q
      .updateTable('project_returns')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ——— problems, and the list problems they become ———

  async problems(
    q: ProjectQ,
    f: { returnIds?: readonly string[]; projectIds?: readonly string[] },
  ): Promise<ProblemRow[]> {
    let s = q.selectFrom('project_return_problems').selectAll();
    if (f.returnIds) {
      if (f.returnIds.length === 0) return [];
      s = s.where('return_id', 'in', f.returnIds);
    }
    if (f.projectIds) {
      if (f.projectIds.length === 0) return [];
      s = s.where('project_id', 'in', f.projectIds);
    }
    return s.orderBy('created_at').orderBy('id').execute();
  }

  /** Open problems past their date without a supervision notice yet. */
  lateProblems(q: ProjectQ, today: string): Promise<ProblemRow[]> {
    return q
      .selectFrom('project_return_problems')
      .selectAll()
      .where('status', '=', 'open')
      .where('due_date', '<', today)
      .where('notice_id', 'is', null)
      .orderBy('due_date')
      .execute();
  }

  insertProblems(q: ProjectQ, rows: Insertable<ProjectReturnProblemTable>[]): Promise<void> {
    return this.insertMany(q, 'project_return_problems', rows);
  }

  async deleteProblemsOfReturn(q: ProjectQ, returnId: string): Promise<void> {
    await q.deleteFrom('project_return_problems').where('return_id', '=', returnId).execute();
  }

  async resolveProblem(q: ProjectQ, id: string): Promise<void> {
    await q.updateTable('project_return_problems').set({ status: 'resolved' }).where('id', '=', id).execute();
  }

  async setProblemLinks(
    q: ProjectQ,
    id: string,
    patch: { list_problem_id?: string; notice_id?: string },
  ): Promise<void> {
    await q.updateTable('project_return_problems').set(patch).where('id', '=', id).execute();
  }

  /** The list item's side of a problem (list_problems), so that the lists show and track it. */
  async insertListProblems(q: ProjectQ, rows: Insertable<ListTables['list_problems']>[]): Promise<void> {
    if (rows.length === 0) return;
    await q.insertInto('list_problems').values(rows).execute();
  }

  async deleteOpenListProblems(q: ProjectQ, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await q.deleteFrom('list_problems').where('id', 'in', ids).where('status', '=', 'open').execute();
  }

  /** The status of list problems (resolved on the lists → resolved here). */
  async listProblemStatuses(q: ProjectQ, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await q.selectFrom('list_problems').select(['id', 'status']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  // ——— the list items the projects are ———

  async listItems(q: ProjectQ, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return q
      .selectFrom('list_items')
      .select([
        'id',
        'code',
        'kind',
        'leader_name',
        'lead_unit_id',
        'person_in_charge',
        'status',
        'colour',
        'district_id',
        'title',
      ])
      .where('id', 'in', ids)
      .execute();
  }

  /** Major-project items of the lists that are not yet ledger projects. */
  async unlinkedProjectItems(q: ProjectQ) {
    return q
      .selectFrom('list_items')
      .selectAll()
      .where('kind', '=', 'project')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('projects').select('projects.id').whereRef('projects.list_item_id', '=', 'list_items.id'),
          ),
        ),
      )
      .orderBy('code')
      .execute();
  }

  // ——— evidence and history ———

  async attachments(q: ProjectQ, projectId: string): Promise<AttachmentMeta[]> {
    return q
      .selectFrom('project_attachments')
      .select([
        'id',
        'project_id',
        'return_id',
        'figure',
        'file_name',
        'content_type',
        'size',
        'sha256',
        'uploaded_at',
        'uploaded_by',
      ])
      .where('project_id', '=', projectId)
      .orderBy('uploaded_at')
      .execute();
  }

  attachment(q: ProjectQ, id: string) {
    return q.selectFrom('project_attachments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insertAttachment(q: ProjectQ, row: Insertable<ProjectAttachmentTable>): Promise<void> {
    return this.insertMany(q, 'project_attachments', [row]);
  }

  /** The people behind user ids: their name and the first unit of their scope (entry scope, else view scope). */
  async people(
    q: ProjectQ,
    ids: readonly (string | null)[],
  ): Promise<Map<string, { name: string; unitId: string | null }>> {
    const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await q
      .selectFrom('users')
      .select(['id', 'display_name', 'entry_scope', 'view_scope'])
      .where('id', 'in', wanted)
      .execute();
    return new Map(
      rows.map((r) => {
        const scope = [...(JSON.parse(r.entry_scope) as string[]), ...(JSON.parse(r.view_scope) as string[])];
        return [r.id, { name: r.display_name, unitId: scope[0] ?? null }];
      }),
    );
  }

  history(q: ProjectQ, projectId: string): Promise<HistoryRow[]> {
    return q
      .selectFrom('project_history')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  addHistory(q: ProjectQ, rows: Insertable<ProjectHistoryTable>[]): Promise<void> {
    return this.insertMany(q, 'project_history', rows);
  }
}
