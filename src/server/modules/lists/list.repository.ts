import crypto from 'node:crypto';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ItemColour, ItemStatus, ListKind, NoticeStatus } from '../../../domain/lists/types.ts';
import type { Db } from '../../db/database.ts';
import type {
  ListAdjustmentTable,
  ListAttachmentTable,
  ListDatabase,
  ListItemTable,
  ListMilestoneTable,
  ListNoticeAnswerTable,
  ListNoticeTable,
  ListProblemTable,
  ListQ,
  ListReportTable,
  ListTables,
  ListWarningTable,
} from '../../db/list-tables.ts';

export type ItemRow = Selectable<ListItemTable>;
export type MilestoneRow = Selectable<ListMilestoneTable>;
export type ReportRow = Selectable<ListReportTable>;
export type ProblemRow = Selectable<ListProblemTable>;
export type AttachmentMeta = Omit<Selectable<ListAttachmentTable>, 'data'>;
export type WarningRow = Selectable<ListWarningTable>;
export type NoticeRow = Selectable<ListNoticeTable>;
export type AnswerRow = Selectable<ListNoticeAnswerTable>;
export type AdjustmentRow = Selectable<ListAdjustmentTable>;

/** A query handle of the lists: the database or a transaction, passed from a service back to this repository. */
export type ListTx = ListQ;
/** A new item as inserted. */
export type NewItem = Insertable<ListItemTable>;
/** A change to an item. */
export type ItemPatch = Updateable<ListItemTable>;

export interface HistoryInput {
  item_id: string;
  action: string;
  from_status: ItemStatus | null;
  to_status: ItemStatus | null;
  note: string | null;
  user_id: string | null;
  at: string;
}

/** Filters the database applies; the service narrows further by scope and by unit subtree. */
export interface ItemQuery {
  kind?: ListKind | undefined;
  status?: ItemStatus | undefined;
  colour?: ItemColour | undefined;
  year?: number | undefined;
  dimension?: string | undefined;
  team?: string | undefined;
  leader?: string | undefined;
}

/** The settings key of the lists' rules (JSON). */
export const RULES_KEY = 'lists.rules';

const ATTACHMENT_META = [
  'id',
  'item_id',
  'report_id',
  'file_name',
  'content_type',
  'size',
  'sha256',
  'uploaded_at',
  'uploaded_by',
] as const;

/** Every query of the lists. Reads take a query builder so that a service can run them inside its transaction. */
export class ListRepository {
  readonly db: Db;
  readonly k: Kysely<ListDatabase>;

  constructor(db: Db) {
    this.db = db;
    this.k = db.kysely.withTables<ListTables>();
  }

  /** Inserts in chunks that stay under both dialects' bind-parameter limits (PostgreSQL: 65535). */
  private async insertMany<T extends keyof ListTables>(
    q: ListQ,
    table: T,
    rows: Insertable<ListTables[T]>[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const size = Math.max(1, Math.floor(30_000 / Object.keys(rows[0] as object).length));
    for (let i = 0; i < rows.length; i += size) {
      await q
        .insertInto(table)
        .values(rows.slice(i, i + size) as never)
        .execute();
    }
  }

  /** Runs `fn` in one transaction: all or nothing. */
  transaction<T>(fn: (trx: ListQ) => Promise<T>): Promise<T> {
    return this.k.transaction().execute(fn);
  }

  // ——— items ———

  items(q: ListQ, f: ItemQuery = {}): Promise<ItemRow[]> {
    let s = q.selectFrom('list_items').selectAll();
    if (f.kind) s = s.where('kind', '=', f.kind);
    if (f.status) s = s.where('status', '=', f.status);
    if (f.colour) s = s.where('colour', '=', f.colour);
    if (f.year) s = s.where('year', '=', f.year);
    if (f.dimension) s = s.where('dimension_code', '=', f.dimension);
    if (f.team) s = s.where('work_team_id', '=', f.team);
    if (f.leader) s = s.where('leader_name', '=', f.leader);
    return s.orderBy('kind').orderBy('code').execute();
  }

  itemsByStatus(q: ListQ, statuses: readonly ItemStatus[]): Promise<ItemRow[]> {
    return q.selectFrom('list_items').selectAll().where('status', 'in', statuses).orderBy('code').execute();
  }

  item(q: ListQ, id: string): Promise<ItemRow | undefined> {
    return q.selectFrom('list_items').selectAll().where('id', '=', id).executeTakeFirst();
  }

  itemsByIds(q: ListQ, ids: readonly string[]): Promise<ItemRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return q.selectFrom('list_items').selectAll().where('id', 'in', ids).execute();
  }

  /**
   * Reads the item and, on PostgreSQL, locks its row until the transaction ends, so that two writers computing the
   * same item (the daily run and a user's act) take turns. SQLite runs one write transaction at a time anyway.
   */
  lockItem(q: ListQ, id: string): Promise<ItemRow | undefined> {
    const s = q.selectFrom('list_items').selectAll().where('id', '=', id);
    return (this.db.dialect === 'postgres' ? s.forUpdate() : s).executeTakeFirst();
  }

  async codesTaken(q: ListQ, codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await q.selectFrom('list_items').select('code').where('code', 'in', codes).execute();
    return rows.map((r) => r.code);
  }

  async insertItems(q: ListQ, rows: Insertable<ListItemTable>[]): Promise<void> {
    await this.insertMany(q, 'list_items', rows);
  }

  /** Optimistic write: false when the stored version is no longer `expectedVersion`. */
  async updateItem(q: ListQ, id: string, expectedVersion: number, patch: Updateable<ListItemTable>): Promise<boolean> {
    const r = await q
      .updateTable('list_items')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The computed colour and latest percentage: not an edit by anyone, so the version stays. */
  async setComputed(q: ListQ, id: string, patch: { colour?: ItemColour; progress_pct?: number | null }): Promise<void> {
    await q.updateTable('list_items').set(patch).where('id', '=', id).execute();
  }

  async deleteItem(q: ListQ, id: string, expectedVersion: number): Promise<boolean> {
    await q.deleteFrom('list_milestones').where('item_id', '=', id).execute();
    await q.deleteFrom('list_attachments').where('item_id', '=', id).execute();
    await q.deleteFrom('list_item_history').where('item_id', '=', id).execute();
    const r = await q
      .deleteFrom('list_items')
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  // ——— milestones, reports, problems ———

  milestones(q: ListQ, itemIds: readonly string[]): Promise<MilestoneRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('list_milestones')
      .selectAll()
      .where('item_id', 'in', itemIds)
      .orderBy('item_id')
      .orderBy('seq')
      .execute();
  }

  async insertMilestones(q: ListQ, rows: Insertable<ListMilestoneTable>[]): Promise<void> {
    await this.insertMany(q, 'list_milestones', rows);
  }

  async replaceMilestones(q: ListQ, itemId: string, rows: Insertable<ListMilestoneTable>[]): Promise<void> {
    await q.deleteFrom('list_milestones').where('item_id', '=', itemId).execute();
    await this.insertMilestones(q, rows);
  }

  async updateMilestone(q: ListQ, id: string, patch: Updateable<ListMilestoneTable>): Promise<void> {
    await q.updateTable('list_milestones').set(patch).where('id', '=', id).execute();
  }

  reports(q: ListQ, itemIds: readonly string[]): Promise<ReportRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('list_reports')
      .selectAll()
      .where('item_id', 'in', itemIds)
      .orderBy('item_id')
      .orderBy('period')
      .execute();
  }

  reportsForPeriod(q: ListQ, period: string): Promise<ReportRow[]> {
    return q.selectFrom('list_reports').selectAll().where('period', '=', period).execute();
  }

  async insertReports(q: ListQ, rows: Insertable<ListReportTable>[]): Promise<void> {
    await this.insertMany(q, 'list_reports', rows);
  }

  async updateReport(q: ListQ, id: string, patch: Updateable<ListReportTable>): Promise<void> {
    await q.updateTable('list_reports').set(patch).where('id', '=', id).execute();
  }

  problems(q: ListQ, itemIds: readonly string[]): Promise<ProblemRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return q.selectFrom('list_problems').selectAll().where('item_id', 'in', itemIds).orderBy('created_at').execute();
  }

  async insertProblems(q: ListQ, rows: Insertable<ListProblemTable>[]): Promise<void> {
    await this.insertMany(q, 'list_problems', rows);
  }

  problem(q: ListQ, id: string): Promise<ProblemRow | undefined> {
    return q.selectFrom('list_problems').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Marks an open problem solved; false when it was already. */
  async resolveProblem(q: ListQ, id: string, at: string, by: string): Promise<boolean> {
    const r = await q
      .updateTable('list_problems')
      .set({ status: 'resolved', resolved_at: at, resolved_by: by })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteProblemsOfReport(q: ListQ, reportId: string): Promise<void> {
    await q.deleteFrom('list_problems').where('report_id', '=', reportId).execute();
  }

  // ——— attachments ———

  attachments(q: ListQ, itemId: string): Promise<AttachmentMeta[]> {
    return q
      .selectFrom('list_attachments')
      .select(ATTACHMENT_META)
      .where('item_id', '=', itemId)
      .orderBy('uploaded_at')
      .execute();
  }

  attachment(q: ListQ, id: string): Promise<Selectable<ListAttachmentTable> | undefined> {
    return q.selectFrom('list_attachments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertAttachment(q: ListQ, row: Insertable<ListAttachmentTable>): Promise<void> {
    await q.insertInto('list_attachments').values(row).execute();
  }

  // ——— warnings ———

  warnings(q: ListQ, itemIds: readonly string[], opts: { activeOnly?: boolean } = {}): Promise<WarningRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    let s = q.selectFrom('list_warnings').selectAll().where('item_id', 'in', itemIds);
    if (opts.activeOnly) s = s.where('cleared_at', 'is', null);
    return s.orderBy('raised_at').orderBy('kind').orderBy('ref').execute();
  }

  /** Warnings raised in [from, to) (ISO instants), for records. */
  warningsRaisedBetween(q: ListQ, from: string, to: string): Promise<WarningRow[]> {
    return q
      .selectFrom('list_warnings')
      .selectAll()
      .where('raised_at', '>=', from)
      .where('raised_at', '<', to)
      .execute();
  }

  /** Items that have an active warning: the daily run clears those whose item left the live states. */
  async itemIdsWithActiveWarnings(q: ListQ): Promise<string[]> {
    const rows = await q
      .selectFrom('list_warnings')
      .select('item_id')
      .distinct()
      .where('cleared_at', 'is', null)
      .execute();
    return rows.map((r) => r.item_id);
  }

  async insertWarnings(q: ListQ, rows: Insertable<ListWarningTable>[]): Promise<void> {
    await this.insertMany(q, 'list_warnings', rows);
  }

  async clearWarnings(q: ListQ, ids: readonly string[], at: string, reason: string): Promise<void> {
    if (ids.length === 0) return;
    await q
      .updateTable('list_warnings')
      .set({ cleared_at: at, clear_reason: reason })
      .where('id', 'in', ids)
      .where('cleared_at', 'is', null)
      .execute();
  }

  /** A warning still in force whose explanation has moved on (more days behind, a new percentage). */
  async updateWarningReason(q: ListQ, id: string, zh: string, en: string): Promise<void> {
    await q.updateTable('list_warnings').set({ reason_zh: zh, reason_en: en }).where('id', '=', id).execute();
  }

  /** Yellow warnings raised on an item after `since` (an ISO instant; null = ever). */
  async yellowRaisedSince(q: ListQ, itemId: string, since: string | null): Promise<number> {
    let s = q
      .selectFrom('list_warnings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('item_id', '=', itemId)
      .where('colour', '=', 'yellow');
    if (since) s = s.where('raised_at', '>', since);
    const r = await s.executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  // ——— notices ———

  notices(q: ListQ, itemIds: readonly string[]): Promise<NoticeRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return q.selectFrom('list_notices').selectAll().where('item_id', 'in', itemIds).orderBy('issued_at').execute();
  }

  noticesByStatus(q: ListQ, statuses: readonly NoticeStatus[]): Promise<NoticeRow[]> {
    return q.selectFrom('list_notices').selectAll().where('status', 'in', statuses).orderBy('due_date').execute();
  }

  noticesIssuedBetween(q: ListQ, from: string, to: string): Promise<NoticeRow[]> {
    return q
      .selectFrom('list_notices')
      .selectAll()
      .where('issued_at', '>=', from)
      .where('issued_at', '<', to)
      .execute();
  }

  notice(q: ListQ, id: string): Promise<NoticeRow | undefined> {
    return q.selectFrom('list_notices').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** How many notices were issued in a year: the next one's number (督办〔2024〕n号). */
  async noticeCountForYear(q: ListQ, year: number): Promise<number> {
    const r = await q
      .selectFrom('list_notices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('issued_at', '>=', `${year}-01-01`)
      .where('issued_at', '<', `${year + 1}-01-01`)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async insertNotice(q: ListQ, row: Insertable<ListNoticeTable>): Promise<void> {
    await q.insertInto('list_notices').values(row).execute();
  }

  async updateNotice(
    q: ListQ,
    id: string,
    expectedVersion: number,
    patch: Updateable<ListNoticeTable>,
  ): Promise<boolean> {
    const r = await q
      .updateTable('list_notices')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  answers(q: ListQ, noticeIds: readonly string[]): Promise<AnswerRow[]> {
    if (noticeIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('list_notice_answers')
      .selectAll()
      .where('notice_id', 'in', noticeIds)
      .orderBy('answered_at')
      .execute();
  }

  async insertAnswer(q: ListQ, row: Insertable<ListNoticeAnswerTable>): Promise<void> {
    await q.insertInto('list_notice_answers').values(row).execute();
  }

  async updateAnswer(q: ListQ, id: string, patch: Updateable<ListNoticeAnswerTable>): Promise<void> {
    await q.updateTable('list_notice_answers').set(patch).where('id', '=', id).execute();
  }

  // ——— adjustments ———

  adjustments(q: ListQ, itemIds: readonly string[]): Promise<AdjustmentRow[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('list_adjustments')
      .selectAll()
      .where('item_id', 'in', itemIds)
      .orderBy('requested_at')
      .execute();
  }

  pendingAdjustments(q: ListQ): Promise<AdjustmentRow[]> {
    return q
      .selectFrom('list_adjustments')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('requested_at')
      .execute();
  }

  adjustment(q: ListQ, id: string): Promise<AdjustmentRow | undefined> {
    return q.selectFrom('list_adjustments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertAdjustment(q: ListQ, row: Insertable<ListAdjustmentTable>): Promise<void> {
    await q.insertInto('list_adjustments').values(row).execute();
  }

  /** Decides a pending adjustment; false when it was decided meanwhile. */
  async decideAdjustment(q: ListQ, id: string, patch: Updateable<ListAdjustmentTable>): Promise<boolean> {
    const r = await q
      .updateTable('list_adjustments')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ——— history, users, settings ———

  async addHistory(q: ListQ, rows: HistoryInput[]): Promise<void> {
    await this.insertMany(
      q,
      'list_item_history',
      rows.map((r) => ({ id: crypto.randomUUID(), ...r })),
    );
  }

  history(q: ListQ, itemId: string) {
    return q
      .selectFrom('list_item_history')
      .leftJoin('users', 'users.id', 'list_item_history.user_id')
      .selectAll('list_item_history')
      .select('users.display_name as user_name')
      .where('item_id', '=', itemId)
      .orderBy('list_item_history.seq')
      .execute();
  }

  async userNames(q: ListQ, ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await q.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  workTeams(q: ListQ) {
    return q.selectFrom('work_teams').select(['id', 'name']).execute();
  }

  /** The dimensions' names by code, from the newest framework that defines each (for names in files). */
  async dimensionNames(q: ListQ): Promise<Map<string, string>> {
    const rows = await q
      .selectFrom('dimensions')
      .innerJoin('frameworks', 'frameworks.id', 'dimensions.framework_id')
      .select(['dimensions.code', 'dimensions.name'])
      .orderBy('frameworks.year')
      .orderBy('frameworks.version')
      .orderBy('dimensions.sort')
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async rules(q: ListQ): Promise<string | null> {
    const r = await q.selectFrom('settings').select('value').where('key', '=', RULES_KEY).executeTakeFirst();
    return r?.value ?? null;
  }

  async saveRules(q: ListQ, json: string): Promise<void> {
    await q.deleteFrom('settings').where('key', '=', RULES_KEY).execute();
    await q.insertInto('settings').values({ key: RULES_KEY, value: json }).execute();
  }

  /** The values of a framework indicator at one unit, newest year first (reviewed only). */
  indicatorValues(q: ListQ, code: string, orgUnitId: string, fromYear: number) {
    return q
      .selectFrom('indicator_values')
      .select(['period', 'value'])
      .where('indicator_code', '=', code)
      .where('org_unit_id', '=', orgUnitId)
      .where('year', '>=', fromYear)
      .where('status', 'in', ['approved', 'published'])
      .orderBy('period')
      .execute();
  }

  /** The stored persons in charge of every item (sealed or, before the migration, in clear). */
  personalColumns(q: ListTx) {
    return q.selectFrom('list_items').select(['id', 'person_in_charge', 'contact']).execute();
  }

  async setPersonalColumns(q: ListTx, id: string, cols: { person_in_charge: string; contact: string }) {
    await q.updateTable('list_items').set(cols).where('id', '=', id).execute();
  }

  /** Whether some framework (of any year) defines this dimension code / indicator code. */
  async frameworkHas(q: ListQ, what: 'dimension' | 'indicator', code: string): Promise<boolean> {
    const row = await q
      .selectFrom(what === 'dimension' ? 'dimensions' : 'indicators')
      .select('code')
      .where('code', '=', code)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  indicatorName(q: ListQ, code: string) {
    return q
      .selectFrom('indicators')
      .innerJoin('frameworks', 'frameworks.id', 'indicators.framework_id')
      .select(['indicators.name', 'indicators.unit'])
      .where('indicators.code', '=', code)
      .orderBy('frameworks.year', 'desc')
      .limit(1)
      .executeTakeFirst();
  }
}
