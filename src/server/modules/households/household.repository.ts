import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type {
  HouseholdDatabase,
  HouseholdHistoryTable,
  HouseholdIncomeTable,
  HouseholdMemberTable,
  HouseholdQ,
  HouseholdTable,
  HouseholdTables,
} from '../../db/household-tables.ts';
import type { CaseStatus } from '../../../domain/households/cases.ts';
import type { CaseTables } from '../../db/case-tables.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { Kysely } from 'kysely';

export type HouseholdRowDb = Selectable<HouseholdTable>;
export type MemberRowDb = Selectable<HouseholdMemberTable>;
export type IncomeRowDb = Selectable<HouseholdIncomeTable>;
export type HistoryRowDb = Selectable<HouseholdHistoryTable> & { user_name: string | null };

/** Where a reader may look: rows whose district, township or village is one of these (null: everywhere). */
export type HouseholdScope = { column: 'district_id' | 'township_id' | 'village_id'; ids: string[] }[] | null;

export type FlagColumn = 'flag_below10k' | 'flag_zero_employment' | 'flag_no_labour' | 'flag_near_line';

export interface HouseholdSearch {
  scope: HouseholdScope;
  /** Households inside this unit: the same shape as the scope, one entry. */
  unit?: { column: 'district_id' | 'township_id' | 'village_id'; id: string } | null;
  /** Blind index of a full name (the head's or any member's). */
  /** The full name's blind index in every form it may be stored under (FieldCrypto.blindIndexCandidates). */
  nameIndexes?: readonly string[];
  idTail?: string;
  flag?: { column: FlagColumn; minCode: number };
  classBit?: number;
  status?: 'active' | 'closed';
  /** Households with a monitoring case in one of these states. */
  caseStatuses?: readonly CaseStatus[];
  limit: number;
  offset: number;
}

/** A person already registered: the household that holds them (for the duplicate error that names both). */
export interface RegisteredPerson {
  id_index: string;
  member_id: string;
  household_id: string;
  household_code: string;
  village_id: string;
}

/** Every query of the household registry. Methods take the query handle so that a service can pass its transaction. */
export class HouseholdRepository {
  private readonly k: Kysely<HouseholdDatabase>;

  constructor(db: Db | Queryable) {
    this.k = ('kysely' in db ? db.kysely : db).withTables<HouseholdTables>();
  }

  /** The handle on the household tables of a service's transaction (or the database). */
  q(tx?: Queryable): HouseholdQ {
    return tx ? tx.withTables<HouseholdTables>() : this.k;
  }

  find(q: HouseholdQ, id: string): Promise<HouseholdRowDb | undefined> {
    return q.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async codeTaken(q: HouseholdQ, code: string): Promise<boolean> {
    return (await q.selectFrom('households').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
  }

  /** The highest household code of a village (codes are `<village code>-<4-digit sequence>`). */
  async lastCode(q: HouseholdQ, prefix: string): Promise<string | null> {
    const row = await q
      .selectFrom('households')
      .select('code')
      .where('code', 'like', `${prefix}%`)
      .orderBy('code', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.code ?? null;
  }

  /** Members still in the household, in order. */
  members(q: HouseholdQ, householdId: string): Promise<MemberRowDb[]> {
    return q
      .selectFrom('household_members')
      .selectAll()
      .where('household_id', '=', householdId)
      .where('removed_at', 'is', null)
      .orderBy('seq')
      .execute();
  }

  member(q: HouseholdQ, householdId: string, memberId: string): Promise<MemberRowDb | undefined> {
    return q
      .selectFrom('household_members')
      .selectAll()
      .where('household_id', '=', householdId)
      .where('id', '=', memberId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
  }

  incomes(q: HouseholdQ, householdId: string): Promise<IncomeRowDb[]> {
    return q
      .selectFrom('household_incomes')
      .selectAll()
      .where('household_id', '=', householdId)
      .orderBy('year', 'desc')
      .orderBy('recorded_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
  }

  history(q: HouseholdQ, householdId: string): Promise<HistoryRowDb[]> {
    return q
      .selectFrom('household_history as h')
      .leftJoin('users as u', 'u.id', 'h.user_id')
      .selectAll('h')
      .select('u.display_name as user_name')
      .where('h.household_id', '=', householdId)
      .orderBy('h.at', 'desc')
      .orderBy('h.id', 'desc')
      .execute();
  }

  /** The people among `idIndexes` already in a household (members not removed), with that household. */
  async registered(q: HouseholdQ, idIndexes: readonly string[]): Promise<RegisteredPerson[]> {
    const out: RegisteredPerson[] = [];
    // Chunked: PostgreSQL takes at most 65,535 bind parameters in one statement, SQLite 32,766.
    for (let i = 0; i < idIndexes.length; i += 5000) {
      const chunk = idIndexes.slice(i, i + 5000);
      if (chunk.length === 0) continue;
      out.push(
        ...(await q
          .selectFrom('household_members as m')
          .innerJoin('households as h', 'h.id', 'm.household_id')
          .select(['m.id_index', 'm.id as member_id', 'm.household_id', 'h.code as household_code', 'h.village_id'])
          .where('m.id_index', 'in', chunk)
          .where('m.removed_at', 'is', null)
          .execute()),
      );
    }
    return out;
  }

  async insertHousehold(q: HouseholdQ, row: Insertable<HouseholdTable>): Promise<void> {
    await q.insertInto('households').values(row).execute();
  }

  /** Updates the household if it is still at `version`; false when someone changed it first (a 409). */
  async updateHousehold(
    q: HouseholdQ,
    id: string,
    version: number,
    values: Updateable<HouseholdTable>,
  ): Promise<boolean> {
    const r = await q
      .updateTable('households')
      .set({ ...values, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Stores what the registry judged of the household (its size, head, current income, class and flags). */
  async storeAssessment(q: HouseholdQ, id: string, values: Updateable<HouseholdTable>): Promise<void> {
    await q.updateTable('households').set(values).where('id', '=', id).execute();
  }

  /** Members written by the default data in clear (placeholder indexes `pending:…`), a batch at a time. */
  pendingMembers(q: HouseholdQ, limit: number): Promise<MemberRowDb[]> {
    return q.selectFrom('household_members').selectAll().where('id_index', 'like', 'pending:%').limit(limit).execute();
  }

  pendingHouseholds(q: HouseholdQ, limit: number): Promise<HouseholdRowDb[]> {
    return q.selectFrom('households').selectAll().where('head_name_index', 'like', 'pending:%').limit(limit).execute();
  }

  async insertMembers(q: HouseholdQ, rows: Insertable<HouseholdMemberTable>[]): Promise<void> {
    if (rows.length > 0) await q.insertInto('household_members').values(rows).execute();
  }

  async updateMember(q: HouseholdQ, id: string, values: Updateable<HouseholdMemberTable>): Promise<void> {
    await q.updateTable('household_members').set(values).where('id', '=', id).execute();
  }

  async nextSeq(q: HouseholdQ, householdId: string): Promise<number> {
    const row = await q
      .selectFrom('household_members')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('household_id', '=', householdId)
      .executeTakeFirst();
    return Number(row?.seq ?? 0) + 1;
  }

  async insertIncome(q: HouseholdQ, row: Insertable<HouseholdIncomeTable>): Promise<void> {
    await q.insertInto('household_incomes').values(row).execute();
  }

  async insertHistory(q: HouseholdQ, rows: Insertable<HouseholdHistoryTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await q
        .insertInto('household_history')
        .values(rows.slice(i, i + 500))
        .execute();
    }
  }

  /** The states of the monitoring cases of these households (a page of a search), oldest case first. */
  caseStatusesOf(q: HouseholdQ, householdIds: readonly string[]) {
    if (householdIds.length === 0) return Promise.resolve([]);
    return q
      .withTables<CaseTables>()
      .selectFrom('household_cases')
      .select(['household_id', 'status'])
      .where('household_id', 'in', [...householdIds])
      .orderBy('opened_on')
      .orderBy('code')
      .execute();
  }

  /** One page of households matching the search, and how many match. */
  async search(q: HouseholdQ, s: HouseholdSearch): Promise<{ rows: HouseholdRowDb[]; total: number }> {
    let base = q.withTables<CaseTables>().selectFrom('households as h');
    if (s.scope !== null) {
      const scope = s.scope;
      if (scope.length === 0) return { rows: [], total: 0 };
      base = base.where((eb) => eb.or(scope.map((p) => eb(`h.${p.column}`, 'in', p.ids))));
    }
    if (s.unit) base = base.where(`h.${s.unit.column}`, '=', s.unit.id);
    if (s.status) base = base.where('h.status', '=', s.status);
    if (s.flag) base = base.where(`h.${s.flag.column}`, '>=', s.flag.minCode);
    if (s.caseStatuses !== undefined) {
      const statuses = [...s.caseStatuses];
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('household_cases as c')
            .select('c.id')
            .whereRef('c.household_id', '=', 'h.id')
            .where('c.status', 'in', statuses),
        ),
      );
    }
    if (s.classBit !== undefined) {
      // Candidates are bits 1, 2, 4, 8 (portable SQL has no bitwise test on both dialects alike): every mask with it.
      const bit = s.classBit;
      const masks = Array.from({ length: 16 }, (_, v) => v).filter((v) => (v & bit) !== 0);
      base = base.where('h.class_bits', 'in', masks);
    }
    if (s.nameIndexes !== undefined && s.nameIndexes.length > 0) {
      const idx = [...s.nameIndexes];
      base = base.where((eb) =>
        eb.or([
          eb('h.head_name_index', 'in', idx),
          eb.exists(
            eb
              .selectFrom('household_members as m')
              .select('m.id')
              .whereRef('m.household_id', '=', 'h.id')
              .where('m.name_index', 'in', idx)
              .where('m.removed_at', 'is', null),
          ),
        ]),
      );
    }
    if (s.idTail !== undefined) {
      const tail = s.idTail;
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('household_members as m')
            .select('m.id')
            .whereRef('m.household_id', '=', 'h.id')
            .where('m.id_tail', '=', tail)
            .where('m.removed_at', 'is', null),
        ),
      );
    }
    const [rows, count] = await Promise.all([
      base.selectAll('h').orderBy('h.village_id').orderBy('h.code').limit(s.limit).offset(s.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ]);
    return { rows, total: Number(count?.n ?? 0) };
  }
}
