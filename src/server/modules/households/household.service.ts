import crypto from 'node:crypto';
import { AUTO_OPEN_FLAGS, type CaseStatus, type FlagChange } from '../../../domain/households/cases.ts';
import { crossCheckId, idTail, parseIdNumber } from '../../../domain/households/id-number.ts';
import {
  assessHousehold,
  DEFAULT_REGISTRY_RULE,
  describeIncomeRule,
  flagCode,
  flagState,
  HOUSEHOLD_ROLES,
  HOUSEHOLD_WRITERS,
  incomeProblems,
  isWorkingAge,
  ageOn,
  RELATION_NAMES,
  type IncomeFigure,
  type MemberFacts,
  type Relation,
  type RegistryRule,
} from '../../../domain/households/registry.ts';
import { STAT_FLAGS, type StatFlag } from '../../../domain/households/statistics.ts';
import { INCOME_CLASSES, type IncomeClass } from '../../../domain/inequality.ts';
import type { LocalizedText } from '../../../domain/text.ts';
import type {
  HistoryEntry,
  HouseholdCreate,
  HouseholdDetail,
  HouseholdFilter,
  HouseholdPatch,
  HouseholdRow,
  IncomeInput,
  IncomeView,
  MemberInput,
  MemberView,
} from '../../../shared/api/households.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import { beijingDate } from '../../../domain/beijing-time.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { HouseholdHistoryTable, HouseholdMemberTable, HouseholdQ } from '../../db/household-tables.ts';
import { AppError, bilingual, conflict, notFound, validation } from '../../errors.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import { HOUSEHOLD_MEMBER_PERSONAL, MASKS, type PersonalData } from '../../security/personal-data.ts';
import {
  HouseholdRepository,
  type FlagColumn,
  type HouseholdRowDb,
  type HouseholdScope,
  type IncomeRowDb,
  type MemberRowDb,
} from './household.repository.ts';

/** Opens the cases that flag changes call for inside the given transaction; answers how many it opened or joined. */
export type FlagHook = (q: HouseholdQ, changes: FlagChange[]) => Promise<number>;

const FLAG_COLUMN: Record<StatFlag, FlagColumn> = {
  below10k: 'flag_below10k',
  zeroEmployment: 'flag_zero_employment',
  noLabour: 'flag_no_labour',
  nearLine: 'flag_near_line',
};
const CLASS_BIT: Record<IncomeClass, number> = { below10k: 1, low: 2, middle: 4, high: 8 };
/** The most households one export holds (a named list beyond that is refused as too wide: narrow the filter). */
const EXPORT_LIMIT = 100_000;
const SPEC = HOUSEHOLD_MEMBER_PERSONAL;
const MEMBER_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'relation',
  'sex',
  'birthDate',
  'inSchool',
  'retired',
  'disabilityGrade',
  'seriouslyIll',
  'ableToWork',
  'willingToWork',
  'employed',
  'employedSince',
  'employer',
] as const;
type MemberField = (typeof MEMBER_FIELDS)[number];
/** Personal fields: the history keeps them masked. */
const PERSONAL_FIELD: Partial<Record<MemberField, 'name' | 'idNumber' | 'phone'>> = {
  name: 'name',
  idNumber: 'idNumber',
  phone: 'phone',
};

/** A member as the service holds it between the request and the row: clear values, checked. */
interface CheckedMember {
  input: Required<Omit<MemberInput, 'birthDate' | 'phone'>> & { birthDate: string; phone: string | null };
  idNormalised: string;
  idIndex: string;
  /** Every form the ID number's index may be stored under while a key rotation runs (the current one first). */
  idIndexes: string[];
  notes: LocalizedText[];
}

function bool(v: number): boolean {
  return v === 1;
}

/**
 * The household registry: households and their members, incomes and history; the scope rules of who reads and
 * writes which households; masked personal values by default, unmasked only for the household roles on asking, with
 * the reason kept in the audit trail; every change kept field by field (who, when, old, new, why); optimistic
 * versions (a stale edit is a 409); the same person in two households refused, naming both.
 */
export class HouseholdService {
  private readonly db: Queryable;
  private readonly repo: HouseholdRepository;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;
  private readonly clock: Clock;
  private readonly personal: PersonalData;
  private readonly crypto: () => { blindIndex(v: string): string; blindIndexCandidates(v: string): string[] };
  private readonly auditor: Auditor;
  private readonly events: EventBus;
  private readonly rule: RegistryRule;
  private readonly flagged: FlagHook | null;

  constructor(deps: {
    db: Queryable;
    org: () => OrgIndex;
    access: () => Access;
    clock: Clock;
    personal: PersonalData;
    fieldCrypto: () => { blindIndex(v: string): string; blindIndexCandidates(v: string): string[] };
    auditor: Auditor;
    events: EventBus;
    rule?: RegistryRule;
    /** Opens the monitoring cases a flag change calls for, in the registry's transaction (the cases module). */
    flagged?: FlagHook;
  }) {
    this.db = deps.db;
    this.repo = new HouseholdRepository(deps.db);
    this.org = deps.org;
    this.access = deps.access;
    this.clock = deps.clock;
    this.personal = deps.personal;
    this.crypto = deps.fieldCrypto;
    this.auditor = deps.auditor;
    this.events = deps.events;
    this.rule = deps.rule ?? DEFAULT_REGISTRY_RULE;
    this.flagged = deps.flagged ?? null;
  }

  private today(): string {
    return beijingDate(this.clock.now());
  }

  // ——— who may do what ———

  /** Named households are read by the household roles only; leaders and work teams see statistics, never names. */
  private assertReader(actor: Actor): void {
    if (!(HOUSEHOLD_ROLES as readonly string[]).includes(actor.role)) throw new AppError('FORBIDDEN');
  }

  /** Cadres read and write the households of their entry scope (their villages); officers read their view scope. */
  private readRoots(actor: Actor): string[] {
    return (HOUSEHOLD_WRITERS as readonly string[]).includes(actor.role) ? actor.entryScope : actor.viewScope;
  }

  /**
   * Whether the actor may see the individual households of an org unit (any level): a household role whose read
   * scope holds the unit. The statistics are shown in full to such readers, suppressed for everyone else.
   */
  maySeeHouseholdsOf(actor: Actor, unitId: string): boolean {
    return (HOUSEHOLD_ROLES as readonly string[]).includes(actor.role) && this.canRead(actor, unitId);
  }

  private canRead(actor: Actor, villageId: string): boolean {
    return this.org().within(villageId, this.readRoots(actor));
  }

  private canWrite(actor: Actor, villageId: string): boolean {
    return (
      (HOUSEHOLD_WRITERS as readonly string[]).includes(actor.role) && this.org().within(villageId, actor.entryScope)
    );
  }

  private scopeOf(roots: readonly string[]): HouseholdScope {
    const org = this.org();
    const scope: NonNullable<HouseholdScope> = [];
    const add = (column: 'district_id' | 'township_id' | 'village_id', id: string) => {
      const part = scope.find((p) => p.column === column);
      if (part) part.ids.push(id);
      else scope.push({ column, ids: [id] });
    };
    for (const id of roots) {
      const node = org.get(id);
      if (!node) continue;
      if (node.parentId === null) return null;
      const depth = org.lineage(id).length;
      if (depth === 2) add('district_id', id);
      else if (depth === 3) add('township_id', id);
      else if (node.kind === 'village' || node.kind === 'community') add('village_id', id);
    }
    return scope;
  }

  /** The village or community, its township and district: refused when it is not a village or community. */
  private place(villageId: string): {
    village: string;
    township: string;
    district: string;
    urban: boolean;
    code: string;
  } {
    const org = this.org();
    const node = org.get(villageId);
    const lineage = org.lineage(villageId);
    if (!node || (node.kind !== 'village' && node.kind !== 'community') || lineage.length < 4) {
      throw validation([{ field: 'villageId', ...bilingual('应为村或社区', 'must be a village or community') }]);
    }
    return {
      village: villageId,
      township: lineage[lineage.length - 3] as string,
      district: lineage[lineage.length - 2] as string,
      urban: node.kind === 'community' || node.urban === true,
      code: node.code,
    };
  }

  // ——— checking members ———

  private checkMember(input: MemberInput, path: string, issues: FieldIssue[]): CheckedMember | null {
    const id = parseIdNumber(input.idNumber, this.today());
    if (!id.ok) {
      issues.push({ field: `${path}idNumber`, ...bilingual(`${id.message.zh}`, `${id.message.en}`) });
      return null;
    }
    const check = crossCheckId(id, { birthDate: input.birthDate ?? null, sex: input.sex }, '5104');
    for (const e of check.errors) {
      issues.push({ field: `${path}${e.field}`, ...bilingual(`${e.message.zh}`, `${e.message.en}`) });
    }
    if (input.employed && input.employedSince && input.employedSince > this.today()) {
      issues.push({
        field: `${path}employedSince`,
        ...bilingual('就业日期晚于今天', 'the employment date is after today'),
      });
    }
    if (check.errors.length > 0) return null;
    return {
      input: {
        ...input,
        birthDate: id.birthDate,
        phone: input.phone ?? null,
        employedSince: input.employed ? input.employedSince : null,
        employer: input.employed ? input.employer : null,
      },
      idNormalised: id.normalised,
      idIndex: this.crypto().blindIndex(id.normalised),
      idIndexes: this.crypto().blindIndexCandidates(id.normalised),
      notes: check.notes,
    };
  }

  /** Refuses people already in another household (naming both) and the same person twice in one request. */
  private async assertNotRegistered(
    q: HouseholdQ,
    members: readonly { m: CheckedMember; path: string }[],
    ownHousehold: { id: string; code: string } | null,
    exceptMemberId: string | null,
  ): Promise<void> {
    const issues: FieldIssue[] = [];
    const seen = new Map<string, string>();
    for (const { m, path } of members) {
      const first = seen.get(m.idIndex);
      if (first !== undefined) {
        issues.push({
          field: `${path}idNumber`,
          ...bilingual(`与 ${first} 是同一身份证号码`, `the same ID number as ${first}`),
        });
      }
      seen.set(m.idIndex, `${path}idNumber`);
    }
    const found = await this.repo.registered(
      q,
      members.flatMap((x) => x.m.idIndexes),
    );
    for (const r of found) {
      if (r.member_id === exceptMemberId) continue;
      const entry = members.find((x) => x.m.idIndexes.includes(r.id_index));
      if (!entry) continue;
      const village = this.org().get(r.village_id)?.name ?? '';
      const villageEn = this.org().get(r.village_id)?.nameEn || village;
      const here = ownHousehold ? `户 ${ownHousehold.code}` : '新建户';
      const hereEn = ownHousehold ? `household ${ownHousehold.code}` : 'the new household';
      const same = ownHousehold !== null && r.household_id === ownHousehold.id;
      issues.push({
        field: `${entry.path}idNumber`,
        ...(same
          ? bilingual(
              `身份证号码 ${MASKS.idNumber(entry.m.idNormalised)} 已是本户 ${r.household_code} 的成员`,
              `already a member of this household ${r.household_code}`,
            )
          : bilingual(
              `身份证号码 ${MASKS.idNumber(entry.m.idNormalised)} 已登记在${village}户 ${r.household_code}，不能同时登记在${here}`,
              `already registered in household ${r.household_code} (${villageEn}); it cannot also be in ${hereEn}`,
            )),
      });
    }
    if (issues.length > 0) {
      throw new AppError(
        'CONFLICT',
        { zh: '同一人不能登记在两个家庭', en: 'One person cannot be registered in two households' },
        issues,
      );
    }
  }

  private memberRow(householdId: string, seq: number, m: CheckedMember): HouseholdMemberTable {
    const sealed = this.personal.seal(SPEC, {
      name: m.input.name,
      idNumber: m.idNormalised,
      phone: m.input.phone,
    });
    return {
      id: crypto.randomUUID(),
      household_id: householdId,
      seq,
      name: sealed.name as string,
      name_index: sealed.name_index as string,
      id_number: sealed.id_number as string,
      id_index: m.idIndex,
      id_tail: idTail(m.idNormalised),
      phone: sealed.phone ?? null,
      phone_index: sealed.phone_index ?? null,
      relation: m.input.relation,
      sex: m.input.sex,
      birth_date: m.input.birthDate,
      in_school: m.input.inSchool ? 1 : 0,
      retired: m.input.retired ? 1 : 0,
      disability_grade: m.input.disabilityGrade,
      seriously_ill: m.input.seriouslyIll ? 1 : 0,
      able_to_work: m.input.ableToWork ? 1 : 0,
      willing_to_work: m.input.willingToWork ? 1 : 0,
      employed: m.input.employed ? 1 : 0,
      employed_since: m.input.employedSince,
      employer: m.input.employer,
      removed_at: null,
      removed_reason: null,
    };
  }

  private checkIncome(income: IncomeInput, path: string): void {
    const figure: IncomeFigure =
      income.kind === 'exact'
        ? { kind: 'exact', total: income.total ?? 0 }
        : { kind: 'bracket', low: income.bracketLow ?? 0, high: income.bracketHigh };
    const problems = incomeProblems(figure, income);
    const issues: FieldIssue[] = problems.map((p) => ({
      field: `${path}${p.field}`,
      ...bilingual(`${p.message.zh}`, `${p.message.en}`),
    }));
    if (income.recordedOn > this.today()) {
      issues.push({ field: `${path}recordedOn`, ...bilingual('日期晚于今天', 'the date is after today') });
    }
    if (issues.length > 0) throw validation(issues, { zh: '收入数据有误', en: 'The income figure is invalid' });
  }

  private incomeRow(householdId: string, income: IncomeInput, actor: Actor) {
    const exact = income.kind === 'exact';
    return {
      id: crypto.randomUUID(),
      household_id: householdId,
      year: income.year,
      kind: income.kind,
      total: exact ? income.total : null,
      wages: exact ? income.wages : null,
      business: exact ? income.business : null,
      property: exact ? income.property : null,
      transfers: exact ? income.transfers : null,
      bracket_low: exact ? null : income.bracketLow,
      bracket_high: exact ? null : income.bracketHigh,
      source: income.source,
      source_detail: income.sourceDetail,
      recorded_on: income.recordedOn,
      recorded_by: actor.userId,
      created_at: this.clock.now().toISOString(),
    };
  }

  // ——— the judgement stored on the household row ———

  private facts(rows: readonly MemberRowDb[]): MemberFacts[] {
    return rows.map((r) => ({
      label: RELATION_NAMES[r.relation as Relation]?.zh ?? r.relation,
      sex: r.sex,
      birthDate: r.birth_date,
      inSchool: bool(r.in_school),
      retired: bool(r.retired),
      disabilityGrade: (r.disability_grade ?? null) as MemberFacts['disabilityGrade'],
      seriouslyIll: bool(r.seriously_ill),
      ableToWork: bool(r.able_to_work),
      willingToWork: bool(r.willing_to_work),
      employed: bool(r.employed),
    }));
  }

  private static currentIncome(incomes: readonly IncomeRowDb[]): IncomeRowDb | null {
    return incomes[0] ?? null;
  }

  private static figure(income: IncomeRowDb | null): IncomeFigure | null {
    if (!income) return null;
    return income.kind === 'exact'
      ? { kind: 'exact', total: income.total ?? 0 }
      : { kind: 'bracket', low: income.bracket_low ?? 0, high: income.bracket_high };
  }

  /** Recomputes and stores what the registry judges of the household (size, income, class, flags). */
  private async reassess(q: HouseholdQ, householdId: string) {
    const members = await this.repo.members(q, householdId);
    const incomes = await this.repo.incomes(q, householdId);
    const current = HouseholdService.currentIncome(incomes);
    const today = this.today();
    const a = assessHousehold(this.facts(members), HouseholdService.figure(current), today, this.rule);
    const head = members.find((m) => m.relation === 'head') ?? members[0];
    const exact = current?.kind === 'exact';
    const before = await this.repo.find(q, householdId);
    await this.repo.storeAssessment(q, householdId, {
      size: members.length,
      head_name: head?.name ?? '',
      head_name_index: head?.name_index ?? '',
      income_year: current?.year ?? null,
      income_low: current ? (exact ? current.total : current.bracket_low) : null,
      income_high: current ? (exact ? current.total : current.bracket_high) : null,
      income_exact: exact ? 1 : 0,
      class_bits: a.classBits,
      flag_below10k: flagCode(a.flags.below10k.state),
      flag_zero_employment: flagCode(a.flags.zeroEmployment.state),
      flag_no_labour: flagCode(a.flags.noLabour.state),
      flag_near_line: flagCode(a.flags.nearLine.state),
      assessed_on: today,
    });
    if (before && this.flagged) {
      const changes: FlagChange[] = AUTO_OPEN_FLAGS.map((flag) => ({
        householdId,
        villageId: before.village_id,
        flag,
        before: before[FLAG_COLUMN[flag]] as 0 | 1 | 2,
        after: flagCode(a.flags[flag].state) as 0 | 1 | 2,
        because: a.flags[flag].explanation.zh,
      }));
      this.raisedCases += await this.flagged(q, changes);
    }
  }

  /** Cases opened or joined by flags in the current write; said as households.casesChanged after the commit. */
  private raisedCases = 0;

  private history(
    householdId: string,
    actor: Actor,
    reason: string,
    entries: { action: string; memberId?: string | null; field?: string | null; old?: unknown; new?: unknown }[],
  ): HouseholdHistoryTable[] {
    const at = this.clock.now().toISOString();
    const text = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
    return entries.map((e, i) => ({
      id: `${at}-${String(i).padStart(4, '0')}-${crypto.randomUUID().slice(0, 8)}`,
      household_id: householdId,
      member_id: e.memberId ?? null,
      action: e.action,
      field: e.field ?? null,
      old_value: text(e.old),
      new_value: text(e.new),
      reason,
      user_id: actor.userId,
      at,
    }));
  }

  private changed(ids: string[]): void {
    this.events.emit('households.changed', { householdIds: ids });
    if (this.raisedCases > 0) {
      this.raisedCases = 0;
      this.events.emit('households.casesChanged', {});
    }
  }

  // ——— writes ———

  async create(actor: Actor, input: HouseholdCreate): Promise<{ id: string; code: string }> {
    this.assertReader(actor);
    const place = this.place(input.villageId);
    if (!this.canWrite(actor, place.village)) throw new AppError('OUT_OF_SCOPE');
    const issues: FieldIssue[] = [];
    const checked = input.members.map((m, i) => ({
      m: this.checkMember(m, `members.${i}.`, issues),
      path: `members.${i}.`,
    }));
    if (issues.length > 0) throw validation(issues, { zh: '成员信息有误', en: 'A member is invalid' });
    const members = checked as { m: CheckedMember; path: string }[];
    if (!members.some((x) => x.m.input.relation === 'head')) {
      throw validation([{ field: 'members', ...bilingual('须有一名户主', 'one member must be the head') }]);
    }
    if (members.filter((x) => x.m.input.relation === 'head').length > 1) {
      throw validation([{ field: 'members', ...bilingual('只能有一名户主', 'only one head') }]);
    }
    if (input.income) this.checkIncome(input.income, 'income.');
    const id = crypto.randomUUID();
    const code = await this.db.transaction().execute(async (trx) => {
      const q = this.repo.q(trx);
      await this.assertNotRegistered(q, members, null, null);
      const last = await this.repo.lastCode(q, `${place.code}-`);
      const seq = last ? Number(last.slice(place.code.length + 1)) + 1 : 1;
      const code = `${place.code}-${String(seq).padStart(4, '0')}`;
      const now = this.clock.now().toISOString();
      await this.repo.insertHousehold(q, {
        id,
        code,
        village_id: place.village,
        township_id: place.township,
        district_id: place.district,
        urban: place.urban ? 1 : 0,
        address: input.address,
        head_name: '',
        head_name_index: '',
        status: 'active',
        size: members.length,
        income_year: null,
        income_low: null,
        income_high: null,
        income_exact: 0,
        class_bits: 0,
        flag_below10k: 0,
        flag_zero_employment: 0,
        flag_no_labour: 0,
        flag_near_line: 0,
        assessed_on: this.today(),
        generated: 0,
        note: input.note,
        created_at: now,
        created_by: actor.userId,
        updated_at: now,
        updated_by: actor.userId,
        version: 1,
      });
      const rows = members.map((x, i) => this.memberRow(id, i + 1, x.m));
      await this.repo.insertMembers(q, rows);
      if (input.income) await this.repo.insertIncome(q, this.incomeRow(id, input.income, actor));
      await this.reassess(q, id);
      await this.repo.insertHistory(
        q,
        this.history(id, actor, input.reason, [
          { action: 'create', field: 'villageId', new: place.village },
          ...rows.map((r, i) => ({
            action: 'memberAdd',
            memberId: r.id,
            new: this.memberSummary(members[i]?.m as CheckedMember),
          })),
          ...(input.income ? [{ action: 'incomeAdd', new: HouseholdService.incomeSummary(input.income) }] : []),
        ]),
      );
      await this.auditor.record(
        { action: 'household.create', objectType: 'household', objectId: id, detail: { code, members: rows.length } },
        trx,
      );
      return code;
    });
    this.changed([id]);
    return { id, code };
  }

  private memberSummary(m: CheckedMember): string {
    return `${MASKS.name(m.input.name)} ${RELATION_NAMES[m.input.relation].zh} ${MASKS.idNumber(m.idNormalised)}`;
  }

  private static incomeSummary(i: IncomeInput): string {
    const v =
      i.kind === 'exact'
        ? `${i.total ?? 0} 元`
        : `${i.bracketLow ?? 0}–${i.bracketHigh === null ? '' : i.bracketHigh} 元档`;
    return `${i.year} 年 ${v}（${i.source}${i.sourceDetail ? ` ${i.sourceDetail}` : ''}，${i.recordedOn}）`;
  }

  /** Loads the household for a write: found, in the writer's scope, at the version the edit started from. */
  private async forWrite(q: HouseholdQ, actor: Actor, id: string, version: number): Promise<HouseholdRowDb> {
    this.assertReader(actor);
    const h = await this.repo.find(q, id);
    if (!h || !this.canRead(actor, h.village_id)) throw notFound({ zh: '家庭', en: 'Household' });
    if (!this.canWrite(actor, h.village_id)) throw new AppError('OUT_OF_SCOPE');
    if (h.version !== version) throw conflict();
    return h;
  }

  private async bump(q: HouseholdQ, actor: Actor, h: HouseholdRowDb, values: Record<string, unknown> = {}) {
    const ok = await this.repo.updateHousehold(q, h.id, h.version, {
      ...values,
      updated_at: this.clock.now().toISOString(),
      updated_by: actor.userId,
    });
    if (!ok) throw conflict();
  }

  async update(actor: Actor, id: string, patch: HouseholdPatch): Promise<{ version: number }> {
    await this.db.transaction().execute(async (trx) => {
      const q = this.repo.q(trx);
      const h = await this.forWrite(q, actor, id, patch.version);
      const values: Record<string, unknown> = {};
      const entries: { action: string; field: string; old: unknown; new: unknown }[] = [];
      if (patch.villageId !== undefined && patch.villageId !== h.village_id) {
        const place = this.place(patch.villageId);
        if (!this.canWrite(actor, place.village)) throw new AppError('OUT_OF_SCOPE');
        Object.assign(values, {
          village_id: place.village,
          township_id: place.township,
          district_id: place.district,
          urban: place.urban ? 1 : 0,
        });
        entries.push({ action: 'update', field: 'villageId', old: h.village_id, new: place.village });
      }
      for (const [field, column] of [
        ['address', 'address'],
        ['note', 'note'],
        ['status', 'status'],
      ] as const) {
        const v = patch[field];
        if (v !== undefined && v !== h[column]) {
          values[column] = v;
          entries.push({ action: 'update', field, old: h[column], new: v });
        }
      }
      await this.bump(q, actor, h, values);
      await this.repo.insertHistory(q, this.history(id, actor, patch.reason, entries));
      await this.auditor.record(
        {
          action: 'household.update',
          objectType: 'household',
          objectId: id,
          detail: { fields: entries.map((e) => e.field) },
        },
        trx,
      );
    });
    this.changed([id]);
    return { version: patch.version + 1 };
  }

  async addMember(
    actor: Actor,
    id: string,
    body: { version: number; reason: string; member: MemberInput },
  ): Promise<{ id: string; version: number }> {
    const issues: FieldIssue[] = [];
    const m = this.checkMember(body.member, 'member.', issues);
    if (!m) throw validation(issues, { zh: '成员信息有误', en: 'The member is invalid' });
    const memberId = await this.db.transaction().execute(async (trx) => {
      const q = this.repo.q(trx);
      const h = await this.forWrite(q, actor, id, body.version);
      if (m.input.relation === 'head' && (await this.repo.members(q, id)).some((x) => x.relation === 'head')) {
        throw validation([
          { field: 'member.relation', ...bilingual('本户已有户主', 'the household already has a head') },
        ]);
      }
      await this.assertNotRegistered(q, [{ m, path: 'member.' }], { id: h.id, code: h.code }, null);
      const row = this.memberRow(id, await this.repo.nextSeq(q, id), m);
      await this.repo.insertMembers(q, [row]);
      await this.bump(q, actor, h);
      await this.reassess(q, id);
      await this.repo.insertHistory(
        q,
        this.history(id, actor, body.reason, [{ action: 'memberAdd', memberId: row.id, new: this.memberSummary(m) }]),
      );
      await this.auditor.record(
        { action: 'household.member.add', objectType: 'household', objectId: id, detail: { memberId: row.id } },
        trx,
      );
      return row.id;
    });
    this.changed([id]);
    return { id: memberId, version: body.version + 1 };
  }

  async updateMember(
    actor: Actor,
    id: string,
    memberId: string,
    body: { version: number; reason: string; member: Partial<MemberInput> },
  ): Promise<{ version: number }> {
    await this.db.transaction().execute(async (trx) => {
      const q = this.repo.q(trx);
      const h = await this.forWrite(q, actor, id, body.version);
      const row = await this.repo.member(q, id, memberId);
      if (!row) throw notFound({ zh: '成员', en: 'Member' });
      const before = this.memberInput(row);
      const merged: MemberInput = {
        ...before,
        ...Object.fromEntries(Object.entries(body.member).filter(([, v]) => v !== undefined)),
      };
      // A new ID number brings its own birth date unless one was given with it.
      if (body.member.idNumber !== undefined && body.member.birthDate === undefined) delete merged.birthDate;
      const issues: FieldIssue[] = [];
      const m = this.checkMember(merged, 'member.', issues);
      if (!m) throw validation(issues, { zh: '成员信息有误', en: 'The member is invalid' });
      if (!m.idIndexes.includes(row.id_index)) {
        await this.assertNotRegistered(q, [{ m, path: 'member.' }], { id: h.id, code: h.code }, memberId);
      }
      if (m.input.relation === 'head' && row.relation !== 'head') {
        if ((await this.repo.members(q, id)).some((x) => x.relation === 'head' && x.id !== memberId)) {
          throw validation([
            { field: 'member.relation', ...bilingual('本户已有户主', 'the household already has a head') },
          ]);
        }
      }
      const next = this.memberRow(id, row.seq, m);
      const after: MemberInput = { ...m.input, idNumber: m.idNormalised };
      const entries = MEMBER_FIELDS.filter(
        (f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null),
      ).map((f) => {
        const kind = PERSONAL_FIELD[f];
        const show = (v: unknown) => (kind && typeof v === 'string' && v !== '' ? MASKS[kind](v) : v);
        return { action: 'memberUpdate', memberId, field: f, old: show(before[f]), new: show(after[f]) };
      });
      if (entries.length === 0) return;
      const { id: _new, household_id: _h, seq: _s, ...values } = next;
      await this.repo.updateMember(q, memberId, values);
      await this.bump(q, actor, h);
      await this.reassess(q, id);
      await this.repo.insertHistory(q, this.history(id, actor, body.reason, entries));
      await this.auditor.record(
        {
          action: 'household.member.update',
          objectType: 'household',
          objectId: id,
          detail: { memberId, fields: entries.map((e) => e.field) },
        },
        trx,
      );
    });
    this.changed([id]);
    const after = await this.repo.find(this.repo.q(), id);
    return { version: after?.version ?? body.version };
  }

  async removeMember(
    actor: Actor,
    id: string,
    memberId: string,
    body: { version: number; reason: string },
  ): Promise<{ version: number }> {
    await this.db.transaction().execute(async (trx) => {
      const q = this.repo.q(trx);
      const h = await this.forWrite(q, actor, id, body.version);
      const row = await this.repo.member(q, id, memberId);
      if (!row) throw notFound({ zh: '成员', en: 'Member' });
      const members = await this.repo.members(q, id);
      if (members.length === 1) {
        throw validation([
          {
            field: 'memberId',
            ...bilingual('不能移除唯一成员，请注销该户', 'the only member: close the household instead'),
          },
        ]);
      }
      await this.repo.updateMember(q, memberId, {
        removed_at: this.clock.now().toISOString(),
        removed_reason: body.reason,
      });
      await this.bump(q, actor, h);
      await this.reassess(q, id);
      await this.repo.insertHistory(
        q,
        this.history(id, actor, body.reason, [
          {
            action: 'memberRemove',
            memberId,
            old: `${MASKS.name(this.personal.open(SPEC, 'name', row.name) ?? '')} ${RELATION_NAMES[row.relation as Relation]?.zh ?? ''}`,
          },
        ]),
      );
      await this.auditor.record(
        { action: 'household.member.remove', objectType: 'household', objectId: id, detail: { memberId } },
        trx,
      );
    });
    this.changed([id]);
    return { version: body.version + 1 };
  }

  async addIncome(
    actor: Actor,
    id: string,
    body: { version: number; reason: string; income: IncomeInput },
  ): Promise<{ version: number }> {
    this.checkIncome(body.income, 'income.');
    await this.db.transaction().execute(async (trx) => {
      const q = this.repo.q(trx);
      const h = await this.forWrite(q, actor, id, body.version);
      await this.repo.insertIncome(q, this.incomeRow(id, body.income, actor));
      await this.bump(q, actor, h);
      await this.reassess(q, id);
      await this.repo.insertHistory(
        q,
        this.history(id, actor, body.reason, [
          { action: 'incomeAdd', new: HouseholdService.incomeSummary(body.income) },
        ]),
      );
      await this.auditor.record(
        { action: 'household.income.add', objectType: 'household', objectId: id, detail: { year: body.income.year } },
        trx,
      );
    });
    this.changed([id]);
    return { version: body.version + 1 };
  }

  private memberInput(row: MemberRowDb): MemberInput {
    return {
      name: this.personal.open(SPEC, 'name', row.name) ?? '',
      idNumber: this.personal.open(SPEC, 'idNumber', row.id_number) ?? '',
      phone: this.personal.open(SPEC, 'phone', row.phone),
      relation: row.relation as Relation,
      sex: row.sex,
      birthDate: row.birth_date,
      inSchool: bool(row.in_school),
      retired: bool(row.retired),
      disabilityGrade: row.disability_grade,
      seriouslyIll: bool(row.seriously_ill),
      ableToWork: bool(row.able_to_work),
      willingToWork: bool(row.willing_to_work),
      employed: bool(row.employed),
      employedSince: row.employed_since,
      employer: row.employer,
    };
  }

  /**
   * Seals what the default data wrote in clear (names, ID numbers, phones with placeholder indexes): encrypts each
   * value and computes its blind index. Runs at start; a no-op once done.
   */
  async sealPersonalData(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const done = await this.db.transaction().execute(async (trx) => {
        const q = this.repo.q(trx);
        const members = await this.repo.pendingMembers(q, 500);
        for (const m of members) {
          const v = this.personal.seal(SPEC, { name: m.name, idNumber: m.id_number, phone: m.phone });
          await this.repo.updateMember(q, m.id, {
            name: v.name as string,
            name_index: v.name_index as string,
            id_number: v.id_number as string,
            id_index: v.id_index as string,
            phone: v.phone ?? null,
            phone_index: v.phone_index ?? null,
          });
        }
        const households = await this.repo.pendingHouseholds(q, 500);
        for (const h of households) {
          const v = this.personal.seal(SPEC, { name: h.head_name });
          await this.repo.storeAssessment(q, h.id, {
            head_name: v.name as string,
            head_name_index: v.name_index as string,
          });
        }
        return members.length + households.length;
      });
      sealed += done;
      if (done === 0) return sealed;
    }
  }

  // ——— reads ———

  private unmaskFor(actor: Actor, unmask: boolean | undefined, reason: string | undefined): boolean {
    if (!unmask) return false;
    if (!this.personal.mayUnmask(SPEC, actor.role)) throw new AppError('FORBIDDEN');
    if (!reason || reason.trim() === '') {
      throw validation([
        { field: 'reason', ...bilingual('查看完整信息须说明理由', 'a reason is required to see values in clear') },
      ]);
    }
    return true;
  }

  private row(h: HouseholdRowDb, unmasked: boolean): HouseholdRow {
    const org = this.org();
    const name = (id: string) => org.get(id)?.name ?? '';
    const head = this.personal.open(SPEC, 'name', h.head_name) ?? '';
    const flags = Object.fromEntries(STAT_FLAGS.map((f) => [f, flagState(h[FLAG_COLUMN[f]])])) as HouseholdRow['flags'];
    const size = Math.max(1, h.size);
    return {
      id: h.id,
      code: h.code,
      villageId: h.village_id,
      villageName: name(h.village_id),
      townshipId: h.township_id,
      townshipName: name(h.township_id),
      districtId: h.district_id,
      districtName: name(h.district_id),
      urban: bool(h.urban),
      headName: unmasked || head === '' ? head : MASKS.name(head),
      size: h.size,
      incomeYear: h.income_year,
      perCapita:
        h.income_low === null
          ? null
          : {
              low: h.income_low / size,
              high: h.income_high === null ? null : h.income_high / size,
              exact: bool(h.income_exact),
            },
      incomeClasses: INCOME_CLASSES.filter((c) => (h.class_bits & CLASS_BIT[c]) !== 0),
      flags,
      status: h.status,
      generated: bool(h.generated),
      version: h.version,
    };
  }

  /** The households the actor may read that match the filter, a page at a time; the search is audited. */
  async search(
    actor: Actor,
    filter: HouseholdFilter,
    opts: { unmask?: boolean; reason?: string; action?: 'household.search' | 'household.export' } = {},
  ): Promise<{ rows: HouseholdRow[]; total: number; page: number; pageSize: number; unmasked: boolean }> {
    this.assertReader(actor);
    const unmasked = this.unmaskFor(actor, opts.unmask, opts.reason);
    const roots = this.readRoots(actor);
    let unit: { column: 'district_id' | 'township_id' | 'village_id'; id: string } | null = null;
    if (filter.unit) {
      const node = this.org().get(filter.unit);
      if (!node) throw notFound({ zh: `单位 ${filter.unit}`, en: `Org unit ${filter.unit}` });
      const inScope =
        this.org().within(filter.unit, roots) || roots.some((r) => this.org().within(r, [filter.unit as string]));
      if (!inScope) throw new AppError('OUT_OF_SCOPE');
      const depth = this.org().lineage(filter.unit).length;
      if (depth > 1)
        unit = { column: depth === 2 ? 'district_id' : depth === 3 ? 'township_id' : 'village_id', id: filter.unit };
    }
    const { rows, total } = await this.repo.search(this.repo.q(), {
      scope: this.scopeOf(roots),
      unit,
      ...(filter.name ? { nameIndexes: this.crypto().blindIndexCandidates(filter.name) } : {}),
      ...(filter.idTail ? { idTail: filter.idTail.toUpperCase() } : {}),
      ...(filter.flag ? { flag: { column: FLAG_COLUMN[filter.flag], minCode: filter.certainOnly ? 2 : 1 } } : {}),
      ...(filter.incomeClass ? { classBit: CLASS_BIT[filter.incomeClass] } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.caseStatus ? { caseStatuses: [filter.caseStatus] } : {}),
      limit: filter.pageSize,
      offset: (filter.page - 1) * filter.pageSize,
    });
    const action = opts.action ?? 'household.search';
    await this.auditor.record({
      action,
      objectType: 'household',
      objectId: null,
      detail: {
        filter: { ...filter, name: filter.name ? MASKS.name(filter.name) : undefined },
        results: total,
        unmasked,
        ...(unmasked || action === 'household.export' ? { reason: opts.reason } : {}),
      },
    });
    return {
      rows: await this.withCaseStatuses(rows.map((h) => this.row(h, unmasked))),
      total,
      page: filter.page,
      pageSize: filter.pageSize,
      unmasked,
    };
  }

  /** Each row with the states of its household's monitoring cases (the 监测状态 column and the workbench's order). */
  private async withCaseStatuses(rows: HouseholdRow[]): Promise<HouseholdRow[]> {
    const found = await this.repo.caseStatusesOf(
      this.repo.q(),
      rows.map((r) => r.id),
    );
    const of = new Map<string, CaseStatus[]>();
    for (const c of found) of.set(c.household_id, [...(of.get(c.household_id) ?? []), c.status]);
    return rows.map((r) => ({ ...r, caseStatuses: of.get(r.id) ?? [] }));
  }

  /**
   * A named list for export: the households the actor may read that match the filter (at most 100,000), masked
   * unless unmasked by a role that may; always with the reason, which the audit trail keeps with the filter.
   */
  async exportRows(
    actor: Actor,
    filter: Omit<HouseholdFilter, 'page' | 'pageSize'>,
    opts: { unmask?: boolean; reason: string },
  ): Promise<{ rows: HouseholdRow[]; total: number; unmasked: boolean }> {
    const page = await this.search(
      actor,
      { ...filter, page: 1, pageSize: EXPORT_LIMIT },
      { unmask: opts.unmask, reason: opts.reason, action: 'household.export' },
    );
    return { rows: page.rows, total: page.total, unmasked: page.unmasked };
  }

  /** One household in full: members (masked unless unmasked with a reason), incomes, flags with why, history. Audited. */
  async detail(actor: Actor, id: string, opts: { unmask?: boolean; reason?: string } = {}): Promise<HouseholdDetail> {
    this.assertReader(actor);
    const unmasked = this.unmaskFor(actor, opts.unmask, opts.reason);
    const q = this.repo.q();
    const h = await this.repo.find(q, id);
    if (!h || !this.canRead(actor, h.village_id)) throw notFound({ zh: '家庭', en: 'Household' });
    const [members, incomes, history] = await Promise.all([
      this.repo.members(q, id),
      this.repo.incomes(q, id),
      this.repo.history(q, id),
    ]);
    const today = this.today();
    const current = HouseholdService.currentIncome(incomes);
    const a = assessHousehold(this.facts(members), HouseholdService.figure(current), today, this.rule);
    const memberViews: MemberView[] = members.map((m) => {
      const shown = this.personal.reveal(SPEC, m, { role: actor.role, unmask: unmasked });
      const clearId = this.personal.open(SPEC, 'idNumber', m.id_number) ?? '';
      const parsed = parseIdNumber(clearId, today);
      return {
        id: m.id,
        seq: m.seq,
        name: shown.values.name ?? '',
        idNumber: shown.values.idNumber ?? '',
        phone: m.phone === null ? null : (shown.values.phone ?? null),
        relation: m.relation as Relation,
        sex: m.sex,
        birthDate: m.birth_date,
        age: ageOn(m.birth_date, today),
        workingAge: isWorkingAge({ sex: m.sex, birthDate: m.birth_date }, today, this.rule),
        inSchool: bool(m.in_school),
        retired: bool(m.retired),
        disabilityGrade: m.disability_grade,
        seriouslyIll: bool(m.seriously_ill),
        ableToWork: bool(m.able_to_work),
        willingToWork: bool(m.willing_to_work),
        employed: bool(m.employed),
        employedSince: m.employed_since,
        employer: m.employer,
        notes: parsed.ok ? crossCheckId(parsed, {}, '5104').notes : [],
      };
    });
    const incomeViews: IncomeView[] = incomes.map((i) => ({
      id: i.id,
      year: i.year,
      kind: i.kind,
      total: i.total,
      wages: i.wages,
      business: i.business,
      property: i.property,
      transfers: i.transfers,
      bracketLow: i.bracket_low,
      bracketHigh: i.bracket_high,
      source: i.source,
      sourceDetail: i.source_detail,
      recordedOn: i.recorded_on,
      current: i.id === current?.id,
    }));
    const historyViews: HistoryEntry[] = history.map((e) => ({
      at: e.at,
      user: e.user_name,
      action: e.action,
      memberId: e.member_id,
      field: e.field,
      oldValue: e.old_value,
      newValue: e.new_value,
      reason: e.reason,
    }));
    await this.auditor.view({
      objectType: 'household',
      objectId: id,
      detail: { fields: ['members', 'incomes', 'history'], unmasked, ...(unmasked ? { reason: opts.reason } : {}) },
    });
    return {
      ...this.row(h, unmasked),
      address: h.address,
      note: h.note,
      members: memberViews,
      incomes: incomeViews,
      flagDetails: a.flags,
      incomeRule: describeIncomeRule(this.rule.income),
      assessedOn: today,
      history: historyViews,
      unmasked,
      mayUnmask: this.personal.mayUnmask(SPEC, actor.role),
      mayEdit: this.canWrite(actor, h.village_id),
    };
  }
}
