import crypto from 'node:crypto';
import {
  applyCaseAction,
  caseAllowedActions,
  caseKind,
  caseNoticeDue,
  caseRefusal,
  caseWarningConditions,
  clearingFigures,
  clearingTrend,
  currentStep,
  isOverdue,
  LIVE_CASE_STATUSES,
  OPEN_STATUSES,
  removalChecks,
  resolveCaseRules,
  flagLeads,
  CaseRulesError,
  CASE_ACTION_NAMES,
  CASE_STATUS_NAMES,
  type ActInput,
  type CaseAction,
  type CaseFacts,
  type CaseKindDef,
  type CaseRules,
  type CaseSource,
  type CaseStanding,
  type CaseStatus,
  type CaseWarningKind,
  type ClearingCase,
  type ClearingFigures,
  type ClearingMonth,
  type FlagChange,
  type MeasureKind,
  type RemovalFacts,
  type Reverification,
  type RuleCheck,
} from '../../../domain/households/cases.ts';
import { addDays, chinaDate, isDate, monthOf } from '../../../domain/lists/dates.ts';
import { parseIdNumber } from '../../../domain/households/id-number.ts';
import { COLOUR_SEVERITY, type ItemColour } from '../../../domain/lists/types.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { AppError, bilingual, conflict, notFound, textOf, validation } from '../../errors.ts';
import type { Auditor } from '../../security/auditor.ts';
import { MASKS } from '../../security/personal-data.ts';
import { CASE_ROLES, type CaseListRow, type CasePage, type CasePageRow } from '../../../shared/api/household-cases.ts';
import {
  autoNotice,
  escalateNotices,
  syncWarnings,
  type StoredNotice,
  type SupervisionStore,
} from '../../supervision/warning-ledger.ts';
import { groupOf, publicKindName, publicNoticeDocx, publicNoticeXlsx, type PublicNotice } from './case.notice.ts';
import type { CaseNoticeRow, CaseQ, CaseRepository, CaseRow, ReverificationRow } from './case.repository.ts';

/** What the cases need to know of a household from the registry (issue 8's households module). */
export interface HouseholdFacts {
  /**
   * Nobody in the household is able to work (无劳动能力): the risk is never marked removed. Null when the registry
   * cannot say (the household is not registered): the removal is then refused too.
   */
  noLabourCapacity(householdId: string, q?: CaseQ): Promise<boolean | null>;
}

export interface CaseDeps {
  repo: CaseRepository;
  org: () => OrgIndex;
  clock: Clock;
  auditor: Auditor;
  households: HouseholdFacts;
  /** Said after every committed write (the evaluation's feeds and the cockpit listen). */
  changed: () => void;
  /** Said of each notice the daily run escalated, once committed (the signed notifications listen). */
  escalated?: (n: { noticeId: string; code: string; subjectId: string; dueDate: string }) => void;
  /** The registry's blind index of a normalised ID number: how a department's list is matched without decrypting. */
  blindIndex: (normalisedId: string) => string;
  /** Every form an index may be stored under while a key rotation runs (FieldCrypto.blindIndexCandidates). */
  blindIndexCandidates?: (normalisedId: string) => string[];
  /** Opens the registry's sealed head name (the public notice names the head; the address is stored in clear). */
  decrypt: (sealed: string) => string;
}

/** One row of a department's data match (部门数据比对推送): an ID number, the kind of risk and why. */
export interface DataMatchRow {
  idNumber: string;
  kind: string;
  reason: string;
}

export interface DataMatchResult {
  rows: number;
  opened: number;
  /** Rows whose household already had a live case of the kind: the lead was added to it. */
  joined: number;
  /** Rows (1-based, as in the file) whose ID number is in no registered household. */
  unmatched: { row: number; idTail: string }[];
  /** Rows whose household lies outside the importer's scope: not opened. */
  outOfScope: { row: number; idTail: string }[];
}

/** The roles of the households module (added to src/domain/types.ts with the registry). */
const VILLAGE_ROLES = ['villageCadre'];
const TOWNSHIP_ROLES = ['townshipOfficer'];
const COUNTY_ROLES: Readonly<Record<CaseKindDef['department'], string>> = {
  civilAffairs: 'civilAffairsOfficer',
  humanResources: 'hrOfficer',
};
/** Roles that see the cases of their view scope without acting on them (the centre's supervision). */
const SUPERVISING_ROLES = ['coordinator', 'admin'];
/** Roles that see households by name (masked in lists); the supervising roles see counts and codes only. */
const SEES_HOUSEHOLDS: readonly string[] = CASE_ROLES;

/** The filters of the case list, parsed (src/shared/api/household-cases.ts). */
export interface CaseListFilter {
  status?: 'open' | 'live' | 'all' | CaseStatus;
  kind?: string;
  source?: CaseSource;
  overdue?: boolean;
  unit?: string;
  mine?: boolean;
  page: number;
  pageSize: number;
}

function statusesOf(status: CaseListFilter['status']): readonly CaseStatus[] | undefined {
  if (status === 'all') return undefined;
  if (status === 'open') return OPEN_STATUSES;
  if (status === 'live' || status === undefined) return LIVE_CASE_STATUSES;
  return [status];
}

/** Overdue first, then by the due day of the current step; cases without a step (closed, dismissed) last. */
function byUrgency(a: CaseListRow, b: CaseListRow): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.step === null || b.step === null) return a.step === null ? (b.step === null ? 0 : 1) : -1;
  return a.step.due.localeCompare(b.step.due) || a.code.localeCompare(b.code);
}

/** The stored case as the pure workflow reads it. */
export function factsOf(c: CaseRow): ClearingCase {
  return {
    kind: c.kind,
    status: c.status,
    leadDate: c.lead_date,
    openedOn: c.opened_on,
    visitedOn: c.visited_on,
    comparedOn: c.compared_on,
    reviewedOn: c.reviewed_on,
    noticeFrom: c.notice_from,
    noticeTo: c.notice_to,
    townshipOn: c.township_on,
    confirmedOn: c.confirmed_on,
    firstMeasureOn: c.first_measure_on,
    lastReverifiedOn: c.last_reverified_on,
    removedOn: c.removed_on,
  };
}

function reverificationOf(r: ReverificationRow | undefined): Reverification | null {
  if (!r) return null;
  return {
    on: r.verified_on,
    perCapitaIncome: r.per_capita_income,
    aboveLineSince: r.above_line_since,
    employedSince: r.employed_since,
    rigidCostsSolved: r.rigid_costs_solved === 1,
  };
}

export interface OpenCaseInput {
  householdId: string;
  villageId: string;
  kind: string;
  source: CaseSource;
  department?: string | null;
  reason: string;
  /** The day of the lead; today by default. */
  leadDate?: string;
  generated?: boolean;
}

export interface RulesView {
  /** The version in force: 0 while the defaults have never been edited. */
  version: number;
  rules: CaseRules;
  history: {
    version: number;
    at: string;
    user: string | null;
    reason: string;
    changes: { field: string; old: unknown; new: unknown }[];
  }[];
}

function parseRules(json: string): CaseRules {
  try {
    return resolveCaseRules(JSON.parse(json) as Parameters<typeof resolveCaseRules>[0]);
  } catch {
    return resolveCaseRules();
  }
}

/** What one version of the rules changed from the one before, leaf by leaf (`deadlines.visitDays`, `autoOpen.below10k`). */
export function ruleChanges(before: CaseRules, after: CaseRules): { field: string; old: unknown; new: unknown }[] {
  const out: { field: string; old: unknown; new: unknown }[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    const plain = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (plain(a) && plain(b)) {
      const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
      for (const k of keys) {
        walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      }
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push({ field: path, old: a ?? null, new: b ?? null });
    }
  };
  walk(before, after, '');
  return out;
}

export interface ClearingRow extends ClearingFigures {
  unitId: string;
  unitName: string;
}

/**
 * The monitoring cases: opening (by a flag, a visit, a self-report or a data match), the workflow acts with their
 * rules (src/domain/households/cases.ts), help measures, visits, income re-verifications, the daily warning run on
 * the lists' mechanism (src/server/supervision/warning-ledger.ts) and the clearing figures.
 */
export class CaseService {
  private readonly d: CaseDeps;
  private readonly store: SupervisionStore<CaseQ, CaseWarningKind>;
  private runQueue: Promise<unknown> = Promise.resolve();

  constructor(deps: CaseDeps) {
    this.d = deps;
    this.store = caseSupervisionStore(deps.repo);
  }

  private get repo() {
    return this.d.repo;
  }

  today(): string {
    return chinaDate(this.d.clock.now());
  }

  async rules(q: CaseQ = this.repo.k): Promise<CaseRules> {
    const json = await this.repo.rules(q);
    if (json === null) return resolveCaseRules();
    try {
      return resolveCaseRules(JSON.parse(json) as Parameters<typeof resolveCaseRules>[0]);
    } catch {
      return resolveCaseRules();
    }
  }

  async setRules(partial: Parameters<typeof resolveCaseRules>[0]): Promise<CaseRules> {
    let rules: CaseRules;
    try {
      rules = resolveCaseRules(partial);
    } catch (e) {
      if (!(e instanceof CaseRulesError)) throw e;
      throw validation([{ field: e.field, ...textOf(e.text) }]);
    }
    await this.write((trx) => this.repo.saveRules(trx, JSON.stringify(rules)));
    return rules;
  }

  /**
   * The rules in force with their version and every earlier version, each with what it changed (field, old, new),
   * who, when and why. Readers: the household roles and the centre.
   */
  async rulesView(): Promise<RulesView> {
    const q = this.repo.k;
    const [rules, history] = await Promise.all([this.rules(q), this.repo.ruleHistory(q)]);
    const versions = [...history].reverse();
    const entries = versions.map((h, i) => {
      const before = i === 0 ? resolveCaseRules() : parseRules(versions[i - 1]?.rules ?? '{}');
      return {
        version: h.version,
        at: h.at,
        user: h.user_name ?? null,
        reason: h.reason,
        changes: ruleChanges(before, parseRules(h.rules)),
      };
    });
    return {
      version: versions.length === 0 ? 0 : (versions[versions.length - 1]?.version ?? 0),
      rules,
      history: entries.reverse(),
    };
  }

  /**
   * A new version of the rules, edited by the city's civil-affairs officer (民政: the rules are the city's, so the
   * officer's entry scope must hold the city): checked whole (every bad field named), refused as stale (409) when
   * another version was saved since `version`, kept in the history with the reason, audited.
   */
  async updateRules(
    actor: Actor,
    body: { version: number; reason: string; rules: Parameters<typeof resolveCaseRules>[0] },
  ): Promise<RulesView> {
    if (actor.role !== 'civilAffairsOfficer') throw new AppError('FORBIDDEN');
    const org = this.d.org();
    const root = [...org.byId.values()].find((n) => n.parentId === null);
    if (!root || !org.within(root.id, actor.entryScope)) throw new AppError('OUT_OF_SCOPE');
    let rules: CaseRules;
    try {
      rules = resolveCaseRules(body.rules);
    } catch (e) {
      if (!(e instanceof CaseRulesError)) throw e;
      throw validation([{ field: `rules.${e.field}`, ...textOf(e.text) }], {
        zh: '监测规则有误',
        en: 'The monitoring rules are invalid',
      });
    }
    const before = await this.rules();
    await this.write(async (trx) => {
      const version = await this.repo.ruleVersion(trx);
      if (version !== body.version) throw conflict();
      const json = JSON.stringify(rules);
      await this.repo.saveRules(trx, json);
      await this.repo.addRuleVersion(trx, {
        id: crypto.randomUUID(),
        version: version + 1,
        rules: json,
        reason: body.reason,
        user_id: actor.userId,
        at: this.d.clock.now().toISOString(),
      });
    });
    await this.d.auditor.record({
      action: 'household.rules.update',
      objectType: 'householdRules',
      objectId: String(body.version + 1),
      detail: { reason: body.reason, changes: ruleChanges(before, rules) },
    });
    return this.rulesView();
  }

  /**
   * Opens the cases the registry's flags call for under the rules (系统预警): a household whose below-10,000 or
   * zero-employment flag newly reaches the configured state gets a case of that kind — or, when it already has a live
   * one, the lead is added to it (so opening is idempotent). Runs in the registry's transaction: the change and its
   * cases are written together. Answers how many cases it opened or joined.
   */
  async openFromFlags(changes: readonly FlagChange[], q: CaseQ): Promise<number> {
    if (changes.length === 0) return 0;
    const leads = flagLeads(changes, await this.rules(q));
    for (const l of leads) {
      await this.open(
        null,
        { householdId: l.householdId, villageId: l.villageId, kind: l.kind, source: 'flag', reason: l.reason },
        q,
      );
    }
    return leads.length;
  }

  private async write<T>(fn: (trx: CaseQ) => Promise<T>): Promise<T> {
    const r = await this.repo.transaction(fn);
    this.d.changed();
    return r;
  }

  // ——— who may do what ———

  /**
   * How the actor stands to a case: a village cadre of its village, a township officer of its township, a county
   * officer of the department that handles its kind — each within the actor's entry scope.
   */
  standing(actor: Actor, c: Pick<CaseRow, 'village_id' | 'kind'>, rules: CaseRules): CaseStanding {
    const org = this.d.org();
    const inScope = org.within(c.village_id, actor.entryScope);
    const role: string = actor.role;
    const dept = caseKind(rules, c.kind)?.department;
    return {
      village: inScope && VILLAGE_ROLES.includes(role),
      township: inScope && TOWNSHIP_ROLES.includes(role),
      county: inScope && dept !== undefined && COUNTY_ROLES[dept] === role,
    };
  }

  /** Whether the actor may see the case at all: acting on it, or supervising its area. */
  canSee(actor: Actor, c: Pick<CaseRow, 'village_id' | 'kind'>, rules: CaseRules): boolean {
    const s = this.standing(actor, c, rules);
    if (s.village || s.township || s.county) return true;
    return SUPERVISING_ROLES.includes(actor.role) && this.d.org().within(c.village_id, actor.viewScope);
  }

  private async visibleCase(actor: Actor, id: string, q: CaseQ, rules: CaseRules): Promise<CaseRow> {
    const c = await this.repo.case(q, id);
    if (!c) throw notFound({ zh: '监测对象', en: 'Monitoring case' });
    if (!this.canSee(actor, c, rules)) throw new AppError('OUT_OF_SCOPE');
    return c;
  }

  // ——— opening ———

  /**
   * Opens a case on a lead, or — when the household already has a live case of the kind — adds the lead to that
   * case's history instead of doubling it. `actor` is null for the system (a flag, the seed).
   */
  async open(
    actor: Actor | null,
    input: OpenCaseInput,
    q?: CaseQ,
  ): Promise<{ id: string; code: string; created: boolean }> {
    // Inside the caller's transaction when given one (SQLite has one connection: a read beside it would wait).
    const rules = await this.rules(q ?? this.repo.k);
    const today = this.today();
    const leadDate = input.leadDate ?? today;
    const issues: FieldIssue[] = [];
    if (!caseKind(rules, input.kind))
      issues.push({ field: 'caseKind', ...bilingual(`未知的监测类别“${input.kind}”`, `unknown kind`) });
    if (!isDate(leadDate) || leadDate > today)
      issues.push({ field: 'leadDate', ...bilingual('线索日期无效或晚于今天', 'invalid or in the future') });
    if (!input.reason.trim()) issues.push({ field: 'reason', ...bilingual('请填写线索原因', 'a reason is required') });
    const org = this.d.org();
    const village = org.get(input.villageId);
    if (!village || !['village', 'community'].includes(village.kind))
      issues.push({ field: 'villageId', ...bilingual('未知的村（社区）', 'unknown village or community') });
    if (issues.length > 0) throw validation(issues);
    if (actor) {
      const s = this.standing(actor, { village_id: input.villageId, kind: input.kind }, rules);
      if (!s.village && !s.township && !s.county) throw new AppError('OUT_OF_SCOPE');
    }
    const run = async (trx: CaseQ) => {
      const live = (await this.repo.liveCasesOf(trx, [input.householdId], LIVE_CASE_STATUSES)).find(
        (c) => c.kind === input.kind,
      );
      const at = this.d.clock.now().toISOString();
      const note = `${input.department ? `${input.department}：` : ''}${input.reason}`;
      if (live) {
        await this.repo.addHistory(trx, [
          {
            case_id: live.id,
            action: 'lead',
            from_status: null,
            to_status: null,
            note: `新线索（已并入本案）：${note}`,
            user_id: actor?.userId ?? null,
            at,
          },
        ]);
        return { id: live.id, code: live.code, created: false };
      }
      const year = Number(today.slice(0, 4));
      const code = `监测〔${year}〕${(await this.repo.caseCountForYear(trx, year)) + 1}号`;
      const lineage = org.lineage(input.villageId);
      const up = (kinds: string[]) => lineage.find((id) => kinds.includes(org.get(id)?.kind ?? '')) ?? null;
      const id = crypto.randomUUID();
      await this.repo.insertCase(trx, {
        id,
        code,
        household_id: input.householdId,
        village_id: input.villageId,
        township_id: up(['township', 'street']),
        district_id: up(['district', 'county', 'zone']),
        kind: input.kind,
        source: input.source,
        source_department: input.department ?? null,
        source_reason: input.reason,
        status: 'warning',
        colour: 'green',
        opened_on: leadDate,
        lead_date: leadDate,
        visited_on: null,
        compared_on: null,
        reviewed_on: null,
        notice_from: null,
        notice_to: null,
        township_on: null,
        confirmed_on: null,
        first_measure_on: null,
        last_reverified_on: null,
        removed_on: null,
        closed_on: null,
        dismissed_on: null,
        dismiss_reason: null,
        generated: input.generated ? 1 : 0,
        created_at: at,
        created_by: actor?.userId ?? null,
        updated_at: at,
        updated_by: actor?.userId ?? null,
        version: 1,
      });
      await this.repo.addHistory(trx, [
        {
          case_id: id,
          action: 'open',
          from_status: null,
          to_status: 'warning',
          note,
          user_id: actor?.userId ?? null,
          at,
        },
      ]);
      const row = await this.repo.case(trx, id);
      if (row) await this.recompute(trx, row, today, at, rules);
      return { id, code, created: true };
    };
    if (q) return run(q);
    return this.write(run);
  }

  /**
   * A department's data match (医保, 民政, 残联, 人社, 教育, 住建 …): each ID number is validated, matched through the
   * registry's blind index, and a case opened (or the lead added to the live case of that household and kind).
   * All or nothing: one bad row (check digit, unknown kind, no reason) refuses the whole file, naming row and
   * column; rows in no registered household, and households outside the importer's scope, are reported back.
   */
  async dataMatch(actor: Actor, req: { department: string; rows: DataMatchRow[] }): Promise<DataMatchResult> {
    const rules = await this.rules();
    const today = this.today();
    const issues: FieldIssue[] = [];
    if (!req.department.trim())
      issues.push({ field: 'department', ...bilingual('请填写推送部门', 'the department is required') });
    const parsed = req.rows.map((r, i) => {
      const row = i + 2; // the file's first row is its header
      const id = parseIdNumber(r.idNumber, today);
      if (!id.ok)
        issues.push({
          field: 'idNumber',
          row,
          ...bilingual(id.message.zh, id.message.en),
        });
      if (!caseKind(rules, r.kind))
        issues.push({
          field: 'caseKind',
          row,
          ...bilingual(`未知的监测类别“${r.kind}”`, `unknown kind`),
        });
      if (!r.reason.trim())
        issues.push({ field: 'reason', row, ...bilingual('请填写比对原因', 'the reason is required') });
      return { row, r, normalised: id.ok ? id.normalised : '' };
    });
    if (req.rows.length === 0) issues.push({ field: 'rows', ...bilingual('文件中没有数据行', 'the file has no rows') });
    if (issues.length > 0) throw validation(issues);
    const indexed = parsed.map((p) => ({
      ...p,
      indexes: this.d.blindIndexCandidates?.(p.normalised) ?? [this.d.blindIndex(p.normalised)],
      tail: p.normalised.slice(-4),
    }));
    const found = new Map(
      (await this.repo.peopleByIdIndex(this.repo.k, [...new Set(indexed.flatMap((p) => p.indexes))])).map((m) => [
        m.id_index,
        m,
      ]),
    );

    const result: DataMatchResult = { rows: req.rows.length, opened: 0, joined: 0, unmatched: [], outOfScope: [] };
    const toOpen: { p: (typeof indexed)[number]; householdId: string; villageId: string }[] = [];
    for (const p of indexed) {
      const m = p.indexes.map((i) => found.get(i)).find((x) => x !== undefined);
      if (!m) result.unmatched.push({ row: p.row, idTail: p.tail });
      else {
        const s = this.standing(actor, { village_id: m.village_id, kind: p.r.kind }, rules);
        if (!s.township && !s.county) result.outOfScope.push({ row: p.row, idTail: p.tail });
        else toOpen.push({ p, householdId: m.household_id, villageId: m.village_id });
      }
    }
    await this.write(async (trx) => {
      for (const o of toOpen) {
        const r = await this.open(
          actor,
          {
            householdId: o.householdId,
            villageId: o.villageId,
            kind: o.p.r.kind,
            source: 'dataMatch',
            department: req.department.trim(),
            reason: o.p.r.reason.trim(),
          },
          trx,
        );
        if (r.created) result.opened++;
        else result.joined++;
      }
    });
    await this.d.auditor.record({
      action: 'household.case.dataMatch',
      objectType: 'householdCase',
      detail: {
        department: req.department,
        rows: result.rows,
        opened: result.opened,
        joined: result.joined,
        unmatched: result.unmatched.length,
      },
    });
    return result;
  }

  /**
   * The village public notice (村级公示) of the cases of a village on notice or confirmed, as Word or Excel, for the
   * village's cadres and its township. Audited as an export of named households.
   */
  async publicNotice(
    actor: Actor,
    villageId: string,
    format: 'xlsx' | 'docx',
  ): Promise<{ body: Buffer; fileName: string }> {
    const rules = await this.rules();
    const org = this.d.org();
    const village = org.get(villageId);
    if (!village) throw notFound({ zh: '村（社区）', en: 'Village' });
    const s = this.standing(actor, { village_id: villageId, kind: 'below10k' }, rules);
    if (!s.village && !s.township) throw new AppError('OUT_OF_SCOPE');
    const cases = await this.repo.cases(this.repo.k, {
      villageIds: [villageId],
      statuses: ['noticed', 'townshipApproved', 'confirmed'],
    });
    const households = new Map(
      (await this.repo.householdsForNotice(this.repo.k, [...new Set(cases.map((c) => c.household_id))])).map((h) => [
        h.id,
        h,
      ]),
    );
    const from = cases
      .map((c) => c.notice_from)
      .filter((d): d is string => d !== null)
      .sort();
    const to = cases
      .map((c) => c.notice_to)
      .filter((d): d is string => d !== null)
      .sort();
    const today = this.today();
    const notice: PublicNotice = {
      villageName: village.name,
      townshipName: org.get(village.parentId ?? '')?.name ?? '',
      noticeFrom: from[0] ?? today,
      noticeTo: to.at(-1) ?? addDays(today, rules.noticeMinDays),
      generated: cases.some((c) => c.generated === 1),
      rows: cases.map((c) => {
        const h = households.get(c.household_id);
        return {
          headName: h ? this.d.decrypt(h.head_name) : '（户信息未登记）',
          group: h ? groupOf(h.address) : '',
          size: h?.size ?? 0,
          kind: publicKindName(c.kind),
        };
      }),
    };
    await this.d.auditor.record({
      action: 'household.case.publicNotice',
      objectType: 'orgUnit',
      objectId: villageId,
      detail: { format, households: notice.rows.length },
    });
    const body = format === 'xlsx' ? await publicNoticeXlsx(notice) : await publicNoticeDocx(notice);
    return { body, fileName: `${village.name}村级公示_${today}.${format}` };
  }

  // ——— the acts ———

  /**
   * One act of the workflow on a case, checked by the pure rules, applied with its own records (a visit, a measure,
   * a re-verification) in one transaction; a stale version is a 409.
   */
  async act(
    actor: Actor,
    caseId: string,
    action: CaseAction,
    req: ActInput & {
      version: number;
      note?: string | null;
      visit?: { visitedOn: string; cadreName: string; findings: string };
      measure?: {
        kind: MeasureKind;
        description: string;
        cadreName: string;
        startDate: string;
        endDate: string | null;
        outcome: string | null;
      };
      reverification?: Reverification & { note: string | null };
    },
  ): Promise<{ status: CaseFacts['status']; version: number }> {
    const rules = await this.rules();
    const today = this.today();
    return this.write(async (trx) => {
      const c = await this.repo.lockCase(trx, caseId);
      if (!c) throw notFound({ zh: '监测对象', en: 'Monitoring case' });
      if (!this.canSee(actor, c, rules)) throw new AppError('OUT_OF_SCOPE');
      if (c.version !== req.version) throw new AppError('CONFLICT');
      const facts = factsOf(c);
      let removal: RemovalFacts | undefined;
      if (action === 'removeRisk') {
        const latest = (await this.repo.reverifications(trx, [c.id])).at(-1);
        const noLabour = await this.d.households.noLabourCapacity(c.household_id, trx);
        if (noLabour === null)
          throw new AppError('INVALID_STATE', {
            zh: '户籍登记中查不到该户的劳动能力信息，不能标注风险消除',
            en: 'The registry cannot say whether the household can work: the risk cannot be removed',
          });
        removal = { noLabourCapacity: noLabour, latest: reverificationOf(latest) };
      }
      this.checkInput(action, req, today);
      const refused = caseRefusal(facts, action, this.standing(actor, c, rules), today, rules, req, removal);
      if (refused) {
        const code = refused.reason === 'standing' ? 'FORBIDDEN' : 'INVALID_STATE';
        throw new AppError(code, refused.message);
      }
      const next = applyCaseAction(facts, action, today, req, rules, {
        measureStart: req.measure?.startDate,
        reverifiedOn: req.reverification?.on,
      });
      const at = this.d.clock.now().toISOString();
      if (action === 'recordVisit' && req.visit) {
        await this.repo.insertVisit(trx, {
          id: crypto.randomUUID(),
          case_id: c.id,
          visited_on: req.visit.visitedOn,
          cadre_name: req.visit.cadreName,
          cadre_user_id: actor.userId,
          findings: req.visit.findings,
          created_at: at,
        });
        if (c.status === 'warning') next.visitedOn = req.visit.visitedOn;
      }
      if (action === 'addMeasure' && req.measure) {
        await this.repo.insertMeasure(trx, {
          id: crypto.randomUUID(),
          case_id: c.id,
          kind: req.measure.kind,
          description: req.measure.description,
          cadre_name: req.measure.cadreName,
          cadre_user_id: actor.userId,
          start_date: req.measure.startDate,
          end_date: req.measure.endDate,
          outcome: req.measure.outcome,
          created_at: at,
          created_by: actor.userId,
        });
      }
      if (action === 'reverifyIncome' && req.reverification) {
        const r = req.reverification;
        await this.repo.insertReverification(trx, {
          id: crypto.randomUUID(),
          case_id: c.id,
          verified_on: r.on,
          per_capita_income: r.perCapitaIncome,
          above_line_since: r.aboveLineSince,
          employed_since: r.employedSince,
          rigid_costs_solved: r.rigidCostsSolved ? 1 : 0,
          note: r.note,
          created_at: at,
          created_by: actor.userId,
        });
      }
      const ok = await this.repo.updateCase(trx, c.id, c.version, {
        status: next.status,
        lead_date: next.leadDate,
        visited_on: next.visitedOn,
        compared_on: next.comparedOn,
        reviewed_on: next.reviewedOn,
        notice_from: next.noticeFrom,
        notice_to: next.noticeTo,
        township_on: next.townshipOn,
        confirmed_on: next.confirmedOn,
        first_measure_on: next.firstMeasureOn,
        last_reverified_on: next.lastReverifiedOn,
        removed_on: next.removedOn,
        closed_on: action === 'close' ? today : action === 'reflag' ? null : c.closed_on,
        dismissed_on: action === 'dismiss' ? today : action === 'reflag' ? null : c.dismissed_on,
        dismiss_reason: action === 'dismiss' ? (req.reason ?? null) : action === 'reflag' ? null : c.dismiss_reason,
        updated_at: at,
        updated_by: actor.userId,
      });
      if (!ok) throw new AppError('CONFLICT');
      await this.repo.addHistory(trx, [
        {
          case_id: c.id,
          action,
          from_status: c.status,
          to_status: next.status,
          note: this.historyNote(action, req),
          user_id: actor.userId,
          at,
        },
      ]);
      const row = (await this.repo.case(trx, c.id)) as CaseRow;
      await this.recompute(trx, row, today, at, rules);
      return { status: next.status, version: row.version };
    });
  }

  private checkInput(action: CaseAction, req: Parameters<CaseService['act']>[3], today: string): void {
    const issues: FieldIssue[] = [];
    const day = (field: string, v: string | null | undefined, required: boolean) => {
      if (v === null || v === undefined) {
        if (required) issues.push({ field, ...bilingual('必填', 'required') });
      } else if (!isDate(v)) issues.push({ field, ...bilingual('日期格式应为 YYYY-MM-DD', 'expected YYYY-MM-DD') });
      else if (v > today) issues.push({ field, ...bilingual('不能晚于今天', 'not after today') });
    };
    if (action === 'recordVisit') {
      if (!req.visit) issues.push({ field: 'visit', ...bilingual('请填写走访记录', 'the visit is required') });
      else {
        day('visit.visitedOn', req.visit.visitedOn, true);
        if (!req.visit.findings.trim())
          issues.push({ field: 'visit.findings', ...bilingual('请填写核查情况', 'findings required') });
        if (!req.visit.cadreName.trim())
          issues.push({ field: 'visit.cadreName', ...bilingual('请填写走访干部', 'cadre required') });
      }
    }
    if (action === 'addMeasure') {
      if (!req.measure) issues.push({ field: 'measure', ...bilingual('请填写帮扶措施', 'the measure is required') });
      else {
        if (!req.measure.description.trim())
          issues.push({ field: 'measure.description', ...bilingual('请填写措施内容', 'description required') });
        if (!req.measure.cadreName.trim())
          issues.push({ field: 'measure.cadreName', ...bilingual('请填写帮扶责任人', 'responsible cadre required') });
        if (!isDate(req.measure.startDate))
          issues.push({ field: 'measure.startDate', ...bilingual('日期格式应为 YYYY-MM-DD', 'expected YYYY-MM-DD') });
        if (
          req.measure.endDate !== null &&
          (!isDate(req.measure.endDate) || req.measure.endDate < req.measure.startDate)
        )
          issues.push({ field: 'measure.endDate', ...bilingual('结束日期不能早于开始日期', 'ends before it starts') });
      }
    }
    if (action === 'reverifyIncome') {
      const r = req.reverification;
      if (!r)
        issues.push({ field: 'reverification', ...bilingual('请填写再核实结果', 'the re-verification is required') });
      else {
        day('reverification.on', r.on, true);
        day('reverification.aboveLineSince', r.aboveLineSince, false);
        day('reverification.employedSince', r.employedSince, false);
        if (!Number.isFinite(r.perCapitaIncome) || r.perCapitaIncome < 0)
          issues.push({ field: 'reverification.perCapitaIncome', ...bilingual('须为非负数', 'a number ≥ 0') });
      }
    }
    if (issues.length > 0) throw validation(issues);
  }

  private historyNote(action: CaseAction, req: Parameters<CaseService['act']>[3]): string | null {
    if (action === 'recordVisit' && req.visit)
      return `${req.visit.visitedOn} ${req.visit.cadreName}：${req.visit.findings}`;
    if (action === 'addMeasure' && req.measure)
      return `${req.measure.description}（帮扶责任人：${req.measure.cadreName}）`;
    if (action === 'reverifyIncome' && req.reverification)
      return `人均年收入 ${req.reverification.perCapitaIncome} 元${req.reverification.note ? `；${req.reverification.note}` : ''}`;
    if (action === 'startNotice') return `公示自 ${req.noticeFrom ?? this.today()} 起`;
    return req.reason ?? req.note ?? null;
  }

  // ——— warnings: the lists' mechanism over the cases ———

  /** Brings one case's warnings and colour up to date (inside the caller's transaction). */
  private async recompute(q: CaseQ, c: CaseRow, today: string, at: string, rules: CaseRules) {
    const conditions = caseWarningConditions(factsOf(c), today, rules);
    const reason = LIVE_CASE_STATUSES.includes(c.status)
      ? '条件已消除 / the condition no longer holds'
      : `案件${CASE_STATUS_NAMES[c.status].zh} / case ${c.status}`;
    const r = await syncWarnings(this.store, q, c.id, conditions, at, reason);
    let colour: ItemColour = LIVE_CASE_STATUSES.includes(c.status) ? 'green' : 'none';
    if (colour === 'green') for (const x of r.colours) if (COLOUR_SEVERITY[x] > COLOUR_SEVERITY[colour]) colour = x;
    if (colour !== c.colour) await this.repo.setColour(q, c.id, colour);
    return r;
  }

  /**
   * The daily run, like the lists': every live case's warnings brought up to date; a supervision notice issued by
   * itself after repeated overdue warnings; notices unanswered past their day escalated.
   */
  runDaily(
    now: Date,
  ): Promise<{ cases: number; raised: number; cleared: number; noticesIssued: number; escalated: number }> {
    const run = this.runQueue.then(() => this.runOnce(now).finally(() => this.d.changed()));
    this.runQueue = run.catch(() => undefined);
    return run;
  }

  private async runOnce(now: Date) {
    const today = chinaDate(now);
    const at = now.toISOString();
    const rules = await this.rules();
    const q = this.repo.k;
    const live = await this.repo.cases(q, { statuses: LIVE_CASE_STATUSES });
    const ids = [...new Set([...live.map((c) => c.id), ...(await this.repo.caseIdsWithActiveWarnings(q))])];
    const result = { cases: ids.length, raised: 0, cleared: 0, noticesIssued: 0, escalated: 0 };
    for (const id of ids) {
      const r = await this.repo.transaction(async (trx) => {
        const c = await this.repo.lockCase(trx, id);
        if (!c) return { raised: 0, cleared: 0, notice: false };
        const x = await this.recompute(trx, c, today, at, rules);
        let notice = false;
        if (LIVE_CASE_STATUSES.includes(c.status)) {
          const active = (await this.repo.warnings(trx, [id], { activeOnly: true })).filter((w) => w.colour !== 'blue');
          notice =
            (await autoNotice(this.store, trx, id, {
              at,
              today,
              counted: ['yellow', 'red'],
              due: (n, open) => caseNoticeDue(n, open, rules),
              answerDays: rules.noticeAnswerDays,
              code: (year, n) => `监测督办〔${year}〕${n}号`,
              problem: (_last, n) =>
                `${c.code} 已累计 ${n} 次逾期预警，请乡镇说明原因并限期办结。${active.length > 0 ? `当前：${active.map((w) => w.reason_zh).join('；')}` : ''}`,
            })) !== null;
        }
        return { raised: x.raised, cleared: x.cleared, notice };
      });
      result.raised += r.raised;
      result.cleared += r.cleared;
      if (r.notice) result.noticesIssued++;
    }
    result.escalated = await escalateNotices(
      this.store,
      q,
      (fn) => this.repo.transaction(fn),
      today,
      at,
      (n) => this.d.escalated?.({ noticeId: n.id, code: n.code, subjectId: n.subjectId, dueDate: n.dueDate }),
    );
    return result;
  }

  /** The township answers a notice on one of its cases; the county or the centre accepts (closes) or returns it. */
  async answerNotice(actor: Actor, noticeId: string, req: { version: number; answer: string }): Promise<void> {
    const rules = await this.rules();
    await this.write(async (trx) => {
      const { notice, c } = await this.noticeWithCase(actor, noticeId, trx, rules);
      if (!this.standing(actor, c, rules).township)
        throw new AppError('FORBIDDEN', {
          zh: '只有乡镇（街道）可以答复督办单',
          en: 'Only the township answers a notice',
        });
      if (notice.status !== 'open') throw new AppError('INVALID_STATE');
      if (!(await this.repo.updateNotice(trx, notice.id, req.version, { status: 'answered' })))
        throw new AppError('CONFLICT');
      await this.repo.addHistory(trx, [
        {
          case_id: c.id,
          action: 'answerNotice',
          from_status: null,
          to_status: null,
          note: `${notice.code}：${req.answer}`,
          user_id: actor.userId,
          at: this.d.clock.now().toISOString(),
        },
      ]);
    });
  }

  async reviewNotice(
    actor: Actor,
    noticeId: string,
    req: { version: number; accept: boolean; note: string | null },
  ): Promise<void> {
    const rules = await this.rules();
    const today = this.today();
    await this.write(async (trx) => {
      const { notice, c } = await this.noticeWithCase(actor, noticeId, trx, rules);
      const s = this.standing(actor, c, rules);
      if (!s.county && !SUPERVISING_ROLES.includes(actor.role)) throw new AppError('FORBIDDEN');
      if (notice.status !== 'answered') throw new AppError('INVALID_STATE');
      const at = this.d.clock.now().toISOString();
      const patch = req.accept
        ? { status: 'closed' as const, closed_at: at }
        : { status: 'open' as const, due_date: addDays(today, rules.noticeAnswerDays) };
      if (!(await this.repo.updateNotice(trx, notice.id, req.version, patch))) throw new AppError('CONFLICT');
      await this.repo.addHistory(trx, [
        {
          case_id: c.id,
          action: req.accept ? 'acceptAnswer' : 'returnAnswer',
          from_status: null,
          to_status: null,
          note: `${notice.code}${req.note ? `：${req.note}` : ''}`,
          user_id: actor.userId,
          at,
        },
      ]);
    });
  }

  private async noticeWithCase(actor: Actor, noticeId: string, q: CaseQ, rules: CaseRules) {
    const notice = (await this.repo.noticesByStatus(q, ['open', 'answered', 'closed'])).find((n) => n.id === noticeId);
    if (!notice) throw notFound({ zh: '督办单', en: 'Supervision notice' });
    const c = await this.repo.lockCase(q, notice.case_id);
    if (!c || !this.canSee(actor, c, rules)) throw new AppError('OUT_OF_SCOPE');
    return { notice, c };
  }

  // ——— views ———

  /**
   * One named case in full, audited with the reason the user gave (PIPL: every view of a named household).
   */
  async detail(actor: Actor, caseId: string, reason: string) {
    if (!reason.trim()) throw validation([{ field: 'reason', ...bilingual('请说明查看理由', 'a reason is required') }]);
    const rules = await this.rules();
    const q = this.repo.k;
    const c = await this.visibleCase(actor, caseId, q, rules);
    const [history, measures, visits, reverifications, warnings, notices] = await Promise.all([
      this.repo.history(q, c.id),
      this.repo.measures(q, [c.id]),
      this.repo.visits(q, [c.id]),
      this.repo.reverifications(q, [c.id]),
      this.repo.warnings(q, [c.id]),
      this.repo.notices(q, [c.id]),
    ]);
    await this.d.auditor.record({
      action: 'household.case.view',
      objectType: 'householdCase',
      objectId: c.id,
      detail: { reason, householdId: c.household_id },
    });
    const today = this.today();
    const facts = factsOf(c);
    const standing = this.standing(actor, c, rules);
    const noLabour = await this.d.households.noLabourCapacity(c.household_id);
    const removal: RemovalFacts = {
      noLabourCapacity: noLabour ?? false,
      latest: reverificationOf(reverifications.at(-1)),
    };
    const checks: RuleCheck[] = c.status === 'confirmed' ? removalChecks(facts, removal, today, rules) : [];
    if (c.status === 'confirmed' && noLabour === null)
      checks.unshift({
        ok: false,
        text: {
          zh: '户籍登记中查不到该户的劳动能力信息',
          en: 'The registry cannot say whether the household can work',
        },
      });
    return {
      case: c,
      step: currentStep(facts, rules),
      overdue: isOverdue(facts, today, rules),
      actions: caseAllowedActions(facts, standing, today, rules, removal),
      removalChecks: checks,
      history,
      measures,
      visits,
      reverifications,
      warnings,
      notices,
    };
  }

  /**
   * "My cases": the cases the actor acts on, verifications due first — overdue first (most overdue on top), then by
   * due day; cases without a step (closed, dismissed) last.
   */
  async workbench(actor: Actor, f: { status?: 'open' | 'live' | 'all' } = {}) {
    const rules = await this.rules();
    const today = this.today();
    const rows = (await this.repo.cases(this.repo.k, { statuses: statusesOf(f.status) })).filter((c) =>
      this.canSee(actor, c, rules),
    );
    return rows.map((c) => this.row(actor, c, rules, today)).sort(byUrgency);
  }

  /**
   * The case list of the workbench and the search, filtered on the server and a page at a time: the cases the actor
   * may see (a village cadre its villages, a township officer its township, a county officer its kinds, the centre
   * its view scope), in the order of `workbench`. The household's masked head name comes with each row for the
   * roles that see households, never for those who supervise by counts.
   */
  async list(actor: Actor, f: CaseListFilter): Promise<CasePage> {
    const rules = await this.rules();
    const today = this.today();
    const org = this.d.org();
    const statuses = f.status === undefined ? LIVE_CASE_STATUSES : statusesOf(f.status);
    const rows = (await this.repo.cases(this.repo.k, { statuses, ...(f.kind ? { kinds: [f.kind] } : {}) }))
      .filter(
        (c) =>
          this.canSee(actor, c, rules) &&
          (!f.unit || org.within(c.village_id, [f.unit])) &&
          (!f.source || c.source === f.source),
      )
      .map((c) => this.row(actor, c, rules, today))
      .filter((r) => (!f.overdue || r.overdue) && (!f.mine || r.actions.length > 0))
      .sort(byUrgency);
    const start = (f.page - 1) * f.pageSize;
    const page = rows.slice(start, start + f.pageSize);
    const todo = rows.filter((r) => r.actions.length > 0);
    return {
      rows: await this.withHouseholds(actor, page),
      total: rows.length,
      page: f.page,
      pageSize: f.pageSize,
      todo: todo.length,
      overdue: todo.filter((r) => r.overdue).length,
    };
  }

  /** Every case of one household the actor may see, newest lead first; 404 for a household not registered. */
  async ofHousehold(actor: Actor, householdId: string) {
    const village = await this.repo.householdVillage(this.repo.k, householdId);
    if (village === undefined) throw notFound({ zh: '家庭', en: 'Household' });
    const rules = await this.rules();
    const org = this.d.org();
    const scope = SUPERVISING_ROLES.includes(actor.role) ? actor.viewScope : actor.entryScope;
    if (!org.within(village, scope)) throw new AppError('OUT_OF_SCOPE');
    const today = this.today();
    return (await this.repo.cases(this.repo.k, { householdId }))
      .filter((c) => this.canSee(actor, c, rules))
      .reverse()
      .map((c) => this.row(actor, c, rules, today));
  }

  private async withHouseholds(actor: Actor, rows: CaseListRow[]): Promise<CasePageRow[]> {
    if (!SEES_HOUSEHOLDS.includes(actor.role)) return rows.map((r) => ({ ...r, household: null }));
    const found = await this.repo.householdsForNotice(this.repo.k, [...new Set(rows.map((r) => r.householdId))]);
    const byId = new Map(found.map((h) => [h.id, h]));
    return rows.map((r) => {
      const h = byId.get(r.householdId);
      const head = h ? this.d.decrypt(h.head_name) : '';
      return { ...r, household: h ? { headName: head === '' ? '' : MASKS.name(head), size: h.size } : null };
    });
  }

  /** One case as the lists of cases show it, with the acts this user may do now. */
  async rowOf(actor: Actor, c: CaseRow) {
    return this.row(actor, c, await this.rules(), this.today());
  }

  private row(actor: Actor, c: CaseRow, rules: CaseRules, today: string): CaseListRow {
    const facts = factsOf(c);
    return {
      id: c.id,
      code: c.code,
      householdId: c.household_id,
      villageId: c.village_id,
      villageName: this.d.org().get(c.village_id)?.name ?? '',
      kind: c.kind,
      kindName: caseKind(rules, c.kind)?.name ?? { zh: c.kind, en: c.kind },
      source: c.source,
      status: c.status,
      colour: c.colour,
      step: currentStep(facts, rules),
      overdue: isOverdue(facts, today, rules),
      actions: caseAllowedActions(facts, this.standing(actor, c, rules), today, rules),
      generated: c.generated === 1,
      version: c.version,
    };
  }

  /** The acts' names for messages (used by routes and the web). */
  static actionName(a: CaseAction) {
    return CASE_ACTION_NAMES[a];
  }

  /**
   * The clearing figures (动态清零) of the actor's view scope on `today`, per unit of the level asked for (district,
   * township or village) with the total over them. Counts only: no names.
   */
  async clearing(actor: Actor, level: 'district' | 'township' | 'village', under?: string) {
    const rules = await this.rules();
    const today = this.today();
    const org = this.d.org();
    const rows = (await this.repo.cases(this.repo.k)).filter(
      (c) => org.within(c.village_id, actor.viewScope) && (!under || org.within(c.village_id, [under])),
    );
    const key = (c: CaseRow) =>
      level === 'district' ? c.district_id : level === 'township' ? c.township_id : c.village_id;
    const groups = new Map<string, ClearingCase[]>();
    for (const c of rows) {
      const k = key(c);
      if (k === null) continue;
      const list = groups.get(k) ?? [];
      list.push(factsOf(c));
      groups.set(k, list);
    }
    const units: ClearingRow[] = [...groups.entries()]
      .map(([unitId, cs]) => ({ unitId, unitName: org.get(unitId)?.name ?? '', ...clearingFigures(cs, today, rules) }))
      .sort((a, b) => (org.get(a.unitId)?.sort ?? 0) - (org.get(b.unitId)?.sort ?? 0));
    return { today, level, total: clearingFigures(rows.map(factsOf), today, rules), units };
  }

  /**
   * The monthly clearing trend of the last `months` months up to today, over the actor's view scope (or the whole
   * city for the statistics feed: `scope` null).
   */
  async trend(scope: readonly string[] | null, months = 12): Promise<ClearingMonth[]> {
    const today = this.today();
    const org = this.d.org();
    const rows = (await this.repo.cases(this.repo.k)).filter((c) => scope === null || org.within(c.village_id, scope));
    const list: string[] = [];
    let m = monthOf(today);
    for (let i = 0; i < months; i++) {
      list.unshift(m);
      const y = Number(m.slice(0, 4));
      const mm = Number(m.slice(5, 7));
      m = mm === 1 ? `${y - 1}-12` : `${y}-${String(mm - 1).padStart(2, '0')}`;
    }
    return clearingTrend(rows.map(factsOf), list);
  }
}

/** The case tables behind the lists' warning and supervision mechanism. */
function caseSupervisionStore(repo: CaseRepository): SupervisionStore<CaseQ, CaseWarningKind> {
  const notice = (n: CaseNoticeRow): StoredNotice => ({
    id: n.id,
    subjectId: n.case_id,
    code: n.code,
    status: n.status,
    dueDate: n.due_date,
    issuedAt: n.issued_at,
    escalatedAt: n.escalated_at,
    version: n.version,
  });
  return {
    activeWarnings: (q, id) => repo.warnings(q, [id], { activeOnly: true }),
    clearWarnings: (q, ids, at, reason) => repo.clearWarnings(q, ids, at, reason),
    insertWarnings: (q, rows) =>
      repo.insertWarnings(
        q,
        rows.map((w) => ({
          id: w.id,
          case_id: w.subjectId,
          kind: w.kind,
          ref: w.ref,
          colour: w.colour,
          reason_zh: w.reasonZh,
          reason_en: w.reasonEn,
          raised_at: w.raisedAt,
          cleared_at: null,
          clear_reason: null,
        })),
      ),
    updateWarningReason: (q, id, zh, en) => repo.updateWarningReason(q, id, zh, en),
    warningsRaisedSince: (q, id, since, colours) => repo.warningsRaisedSince(q, id, since, colours),
    notices: async (q, id) => (await repo.notices(q, [id])).map(notice),
    openNotices: async (q) => (await repo.noticesByStatus(q, ['open'])).map(notice),
    noticeCountForYear: (q, year) => repo.noticeCountForYear(q, year),
    insertNotice: (q, n) =>
      repo.insertNotice(q, {
        id: n.id,
        case_id: n.subjectId,
        code: n.code,
        origin: 'auto',
        problem: n.problem,
        issued_by: null,
        issued_at: n.issuedAt,
        due_date: n.dueDate,
        status: 'open',
        escalated_at: null,
        closed_at: null,
        version: 1,
      }),
    markEscalated: (q, n, at) => repo.updateNotice(q, n.id, n.version, { escalated_at: at }),
    addHistory: (q, id, action, note, at) =>
      repo.addHistory(q, [{ case_id: id, action, from_status: null, to_status: null, note, user_id: null, at }]),
  };
}
