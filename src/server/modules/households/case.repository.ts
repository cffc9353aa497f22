import crypto from 'node:crypto';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { WarningColour } from '../../../domain/lists/types.ts';
import type { CaseStatus } from '../../../domain/households/cases.ts';
import type {
  CaseDatabase,
  CaseQ,
  CaseTables,
  HouseholdCaseHistoryTable,
  HouseholdCaseMeasureTable,
  HouseholdCaseNoticeTable,
  HouseholdCaseReverificationTable,
  HouseholdCaseTable,
  HouseholdCaseVisitTable,
  HouseholdCaseWarningTable,
} from '../../db/case-tables.ts';
import type { Db } from '../../db/database.ts';
import type { HouseholdTables } from '../../db/household-tables.ts';

export type CaseRow = Selectable<HouseholdCaseTable>;
export type CaseHistoryRow = Selectable<HouseholdCaseHistoryTable>;
export type MeasureRow = Selectable<HouseholdCaseMeasureTable>;
export type VisitRow = Selectable<HouseholdCaseVisitTable>;
export type ReverificationRow = Selectable<HouseholdCaseReverificationTable>;
export type CaseWarningRow = Selectable<HouseholdCaseWarningTable>;
export type CaseNoticeRow = Selectable<HouseholdCaseNoticeTable>;
export type { CaseQ } from '../../db/case-tables.ts';

const RULES_KEY = 'households.caseRules';

/** Which cases a query wants: the scope's villages (null = all), and the usual filters. */
export interface CaseQuery {
  villageIds?: readonly string[] | null;
  householdId?: string;
  statuses?: readonly CaseStatus[];
  kinds?: readonly string[];
}

/** Every query of the monitoring cases. Reads take a query builder so that a service can run them in its transaction. */
export class CaseRepository {
  readonly db: Db;
  readonly k: Kysely<CaseDatabase>;

  constructor(db: Db) {
    this.db = db;
    this.k = db.kysely.withTables<CaseTables>();
  }

  transaction<T>(fn: (trx: CaseQ) => Promise<T>): Promise<T> {
    return this.k.transaction().execute(fn);
  }

  // ——— cases ———

  async cases(q: CaseQ, f: CaseQuery = {}): Promise<CaseRow[]> {
    if (f.villageIds && f.villageIds.length === 0) return [];
    let s = q.selectFrom('household_cases').selectAll();
    if (f.villageIds) s = s.where('village_id', 'in', f.villageIds);
    if (f.householdId) s = s.where('household_id', '=', f.householdId);
    if (f.statuses) s = s.where('status', 'in', f.statuses);
    if (f.kinds) s = s.where('kind', 'in', f.kinds);
    return s.orderBy('opened_on').orderBy('code').execute();
  }

  case(q: CaseQ, id: string): Promise<CaseRow | undefined> {
    return q.selectFrom('household_cases').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Reads the case and, on PostgreSQL, locks it until the transaction ends (an act and the daily run take turns). */
  lockCase(q: CaseQ, id: string): Promise<CaseRow | undefined> {
    const s = q.selectFrom('household_cases').selectAll().where('id', '=', id);
    return (this.db.dialect === 'postgres' ? s.forUpdate() : s).executeTakeFirst();
  }

  async insertCase(q: CaseQ, row: Insertable<HouseholdCaseTable>): Promise<void> {
    await q.insertInto('household_cases').values(row).execute();
  }

  /** Updates the case if it still has `expectedVersion`; false when someone else changed it first (a 409). */
  async updateCase(
    q: CaseQ,
    id: string,
    expectedVersion: number,
    patch: Updateable<HouseholdCaseTable>,
  ): Promise<boolean> {
    const r = await q
      .updateTable('household_cases')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async setColour(q: CaseQ, id: string, colour: string): Promise<void> {
    await q.updateTable('household_cases').set({ colour }).where('id', '=', id).execute();
  }

  /** How many cases were numbered in `year` (监测〔year〕n号): the next one's number. */
  async caseCountForYear(q: CaseQ, year: number): Promise<number> {
    const r = await q
      .selectFrom('household_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('code', 'like', `监测〔${year}〕%`)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** The household's cases still live (a new lead of the same kind joins one of them instead of doubling it). */
  liveCasesOf(q: CaseQ, householdIds: readonly string[], statuses: readonly CaseStatus[]): Promise<CaseRow[]> {
    if (householdIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('household_cases')
      .selectAll()
      .where('household_id', 'in', householdIds)
      .where('status', 'in', statuses)
      .execute();
  }

  // ——— history, measures, visits, re-verifications ———

  async addHistory(q: CaseQ, rows: Omit<Insertable<HouseholdCaseHistoryTable>, 'id' | 'seq'>[]): Promise<void> {
    if (rows.length === 0) return;
    await q
      .insertInto('household_case_history')
      .values(rows.map((r) => ({ id: crypto.randomUUID(), ...r })))
      .execute();
  }

  history(q: CaseQ, caseId: string): Promise<CaseHistoryRow[]> {
    return q.selectFrom('household_case_history').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
  }

  async insertMeasure(q: CaseQ, row: Insertable<HouseholdCaseMeasureTable>): Promise<void> {
    await q.insertInto('household_case_measures').values(row).execute();
  }

  measures(q: CaseQ, caseIds: readonly string[]): Promise<MeasureRow[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('household_case_measures')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .orderBy('start_date')
      .orderBy('created_at')
      .execute();
  }

  async insertVisit(q: CaseQ, row: Insertable<HouseholdCaseVisitTable>): Promise<void> {
    await q.insertInto('household_case_visits').values(row).execute();
  }

  visits(q: CaseQ, caseIds: readonly string[]): Promise<VisitRow[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('household_case_visits')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .orderBy('visited_on')
      .orderBy('created_at')
      .execute();
  }

  async insertReverification(q: CaseQ, row: Insertable<HouseholdCaseReverificationTable>): Promise<void> {
    await q.insertInto('household_case_reverifications').values(row).execute();
  }

  reverifications(q: CaseQ, caseIds: readonly string[]): Promise<ReverificationRow[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('household_case_reverifications')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .orderBy('verified_on')
      .orderBy('created_at')
      .execute();
  }

  // ——— warnings and notices (the lists' mechanism over the case tables) ———

  warnings(q: CaseQ, caseIds: readonly string[], opts: { activeOnly?: boolean } = {}): Promise<CaseWarningRow[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    let s = q.selectFrom('household_case_warnings').selectAll().where('case_id', 'in', caseIds);
    if (opts.activeOnly) s = s.where('cleared_at', 'is', null);
    return s.orderBy('raised_at').execute();
  }

  async caseIdsWithActiveWarnings(q: CaseQ): Promise<string[]> {
    const rows = await q
      .selectFrom('household_case_warnings')
      .select('case_id')
      .distinct()
      .where('cleared_at', 'is', null)
      .execute();
    return rows.map((r) => r.case_id);
  }

  async insertWarnings(q: CaseQ, rows: Insertable<HouseholdCaseWarningTable>[]): Promise<void> {
    if (rows.length === 0) return;
    await q.insertInto('household_case_warnings').values(rows).execute();
  }

  async clearWarnings(q: CaseQ, ids: readonly string[], at: string, reason: string): Promise<void> {
    if (ids.length === 0) return;
    await q
      .updateTable('household_case_warnings')
      .set({ cleared_at: at, clear_reason: reason })
      .where('id', 'in', ids)
      .execute();
  }

  async updateWarningReason(q: CaseQ, id: string, zh: string, en: string): Promise<void> {
    await q.updateTable('household_case_warnings').set({ reason_zh: zh, reason_en: en }).where('id', '=', id).execute();
  }

  async warningsRaisedSince(
    q: CaseQ,
    caseId: string,
    since: string | null,
    colours: readonly WarningColour[],
  ): Promise<number> {
    let s = q
      .selectFrom('household_case_warnings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', caseId)
      .where('colour', 'in', colours);
    if (since) s = s.where('raised_at', '>', since);
    const r = await s.executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  notices(q: CaseQ, caseIds: readonly string[]): Promise<CaseNoticeRow[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('household_case_notices')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .orderBy('issued_at')
      .execute();
  }

  noticesByStatus(q: CaseQ, statuses: readonly CaseNoticeRow['status'][]): Promise<CaseNoticeRow[]> {
    return q
      .selectFrom('household_case_notices')
      .selectAll()
      .where('status', 'in', statuses)
      .orderBy('due_date')
      .execute();
  }

  async noticeCountForYear(q: CaseQ, year: number): Promise<number> {
    const r = await q
      .selectFrom('household_case_notices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('issued_at', '>=', `${year - 1}-12-31T16:00:00.000Z`)
      .where('issued_at', '<', `${year}-12-31T16:00:00.000Z`)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async insertNotice(q: CaseQ, row: Insertable<HouseholdCaseNoticeTable>): Promise<void> {
    await q.insertInto('household_case_notices').values(row).execute();
  }

  async updateNotice(
    q: CaseQ,
    id: string,
    expectedVersion: number,
    patch: Updateable<HouseholdCaseNoticeTable>,
  ): Promise<boolean> {
    const r = await q
      .updateTable('household_case_notices')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ——— what the cases read of the registry ———

  /** The registry's stored no-labour flag of a household (0 no, 1 possibly, 2 yes); undefined when not registered. */
  async noLabourFlag(q: CaseQ, householdId: string): Promise<number | undefined> {
    const r = await q
      .withTables<HouseholdTables>()
      .selectFrom('households')
      .select('flag_no_labour')
      .where('id', '=', householdId)
      .executeTakeFirst();
    return r === undefined ? undefined : Number(r.flag_no_labour);
  }

  /** The registered people among these blind indexes (members not removed), with their household and village. */
  async peopleByIdIndex(
    q: CaseQ,
    idIndexes: readonly string[],
  ): Promise<{ id_index: string; household_id: string; village_id: string }[]> {
    const out: { id_index: string; household_id: string; village_id: string }[] = [];
    // Chunks stay under PostgreSQL's bind-parameter limit.
    for (let i = 0; i < idIndexes.length; i += 5000) {
      const chunk = idIndexes.slice(i, i + 5000);
      out.push(
        ...(await q
          .withTables<HouseholdTables>()
          .selectFrom('household_members as m')
          .innerJoin('households as h', 'h.id', 'm.household_id')
          .select(['m.id_index', 'm.household_id', 'h.village_id'])
          .where('m.id_index', 'in', chunk)
          .where('m.removed_at', 'is', null)
          .execute()),
      );
    }
    return out;
  }

  /** The village of a registered household; undefined when there is none of that id. */
  async householdVillage(q: CaseQ, id: string): Promise<string | undefined> {
    const r = await q
      .withTables<HouseholdTables>()
      .selectFrom('households')
      .select('village_id')
      .where('id', '=', id)
      .executeTakeFirst();
    return r?.village_id;
  }

  /** The sealed head name, address and size of households, for the public notice (decrypted by the service). */
  householdsForNotice(q: CaseQ, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return q
      .withTables<HouseholdTables>()
      .selectFrom('households')
      .select(['id', 'head_name', 'address', 'size', 'generated'])
      .where('id', 'in', ids)
      .execute();
  }

  // ——— rules ———

  async rules(q: CaseQ): Promise<string | null> {
    const r = await q.selectFrom('settings').select('value').where('key', '=', RULES_KEY).executeTakeFirst();
    return r?.value ?? null;
  }

  async saveRules(q: CaseQ, json: string): Promise<void> {
    await q.deleteFrom('settings').where('key', '=', RULES_KEY).execute();
    await q.insertInto('settings').values({ key: RULES_KEY, value: json }).execute();
  }

  /** The versions of the rules, newest first, with the name of who changed them. */
  async ruleHistory(q: CaseQ) {
    return q
      .selectFrom('household_rule_history as h')
      .leftJoin('users as u', 'u.id', 'h.user_id')
      .select(['h.version', 'h.rules', 'h.reason', 'h.at', 'u.display_name as user_name'])
      .orderBy('h.version', 'desc')
      .execute();
  }

  async ruleVersion(q: CaseQ): Promise<number> {
    const r = await q
      .selectFrom('household_rule_history')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    return Number(r?.v ?? 0);
  }

  async addRuleVersion(q: CaseQ, row: Insertable<CaseTables['household_rule_history']>): Promise<void> {
    await q.insertInto('household_rule_history').values(row).execute();
  }
}
