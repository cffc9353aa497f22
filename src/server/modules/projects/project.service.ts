import crypto from 'node:crypto';
import { beijingDate } from '../../../domain/beijing-time.ts';
import { addMonths } from '../../../domain/projects/months.ts';
import {
  aggregateLedger,
  checkProjectCode,
  checkStageMove,
  DEFAULT_INDUSTRY_CHAINS,
  judgedMonth,
  plausibilityWarnings,
  projectColour,
  watchedLights,
  resolveProjectRules,
  stageIndex,
  validateReturn,
  type AggregateProject,
  type Light,
  type LightColour,
  type LightSubject,
  type ProjectRules,
  type ReturnWarning,
  type UnitAggregate,
  type UnitTargets,
} from '../../../domain/projects/index.ts';
import { PROJECT_STAGE_NAMES, type ProjectStage } from '../../../domain/projects/types.ts';
import type { LocalizedText } from '../../../domain/text.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Clock } from '../../clock.ts';
import { bilingual, AppError, notFound, validation } from '../../errors.ts';
import type { AuditInput, Auditor } from '../../security/auditor.ts';
import type { Queryable } from '../../db/transaction.ts';
import type {
  PlanInput,
  ProjectFilter,
  ProjectInput,
  ProjectPatch,
  ReturnInput,
} from '../../../shared/api/projects.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import { isUniqueViolation } from '../../db/database.ts';
import type {
  NewProject,
  NewReturn,
  NewStageEvent,
  PlanRow,
  ProjectQ,
  ProjectRepository,
  ProjectRow,
  ReturnRow,
} from './project.repository.ts';

/** The kinds of org unit a project belongs to: the city itself, a district or county, the zone. */
const PROJECT_UNIT_KINDS = ['city', 'district', 'county', 'zone'];

/** How far back the return light looks for missing returns (and so how many returns a table reads). */
const RETURN_WINDOW_MONTHS = 12;

/** The published 2023 figures (the 2024 government work report): kept as published beside the ledger's. */
export const PUBLISHED_FIGURES = [
  {
    year: 2023,
    keyProjects: 216,
    planned: 2_655_000,
    ytd: 3_361_000,
    rate: 1.266,
    reserveCount: 3276,
    reserve: 113_000_000,
    source:
      '攀枝花市人民政府工作报告（2024年）：包装储备在库项目3276个、总投资额1.13万亿元，216个省市重点项目完成投资336.1亿元、达年度计划的126.6%',
  },
] as const;

/** The ledger's figures the framework's indicators take (`fed_by` = `projects.<kind>`). */
export const PROJECT_FEEDS = ['keyProjects', 'newStarts', 'completions', 'ytd', 'planned', 'reserve'] as const;
export type ProjectFeed = (typeof PROJECT_FEEDS)[number];

/** A late problem turned into a supervision notice on the project's list item (the lists' notices). */
export type IssueNotice = (itemId: string, problem: string, at: string) => Promise<{ noticeId: string; code: string }>;

export interface ProjectDeps {
  repo: ProjectRepository;
  org: () => OrgIndex;
  access: () => Access;
  clock: Clock;
  auditor: Auditor;
  changed: () => void;
  issueNotice: IssueNotice;
  rules?: Partial<ProjectRules>;
  /** Targets per unit (西区 2025: 43 key projects, ≥ 17 new starts, ≥ 8 completions, reserve ≥ 80亿元), by year. */
  targets?: (year: number) => Promise<ReadonlyMap<string, UnitTargets>>;
}

/** A user as the pages name them (never by id). */
export type People = ReadonlyMap<string, { name: string; unitId: string | null; unitName: string | null }>;

/** A project with what its views need: its plans, the returns of the window and its lights. */
export interface ProjectView {
  row: ProjectRow;
  plans: PlanRow[];
  returns: ReturnRow[];
  lights: Light[];
  light: LightColour;
  planned: number | null;
  ytd: number;
}

let sequence = 0;
/** Ids that sort in the order rows were written, even within one instant (the stage events and the history). */
function orderedId(at: string): string {
  sequence = (sequence + 1) % 1_000_000_000;
  return `${at}-${String(sequence).padStart(9, '0')}-${crypto.randomUUID().slice(0, 8)}`;
}

const issue = (field: string, m: LocalizedText): FieldIssue => ({ field, ...bilingual(`${m.zh}`, `${m.en}`) });

/**
 * The major-project ledger: projects, their stages and adjustments, annual plans (drafted → submitted → frozen),
 * monthly returns (filed by the district's reporter, approved or returned by its reviewer), the problems they raise
 * (list problems of the project's item; late ones become supervision notices), lights and aggregates. Every write is
 * one transaction; a stale version is a 409; scope through `Access`.
 */
export class ProjectService {
  private readonly d: ProjectDeps;
  readonly rules: ProjectRules;

  constructor(deps: ProjectDeps) {
    this.d = deps;
    this.rules = resolveProjectRules(deps.rules);
  }

  get repo(): ProjectRepository {
    return this.d.repo;
  }

  private access(): Access {
    return this.d.access();
  }

  today(): string {
    return beijingDate(this.d.clock.now());
  }

  judgedMonth(): string {
    return judgedMonth(this.today(), this.rules);
  }

  chains(): readonly { code: string; name: LocalizedText }[] {
    return DEFAULT_INDUSTRY_CHAINS;
  }

  /** The first month the ledger owes returns for: its first return's month (nothing is owed before the ledger). */
  async ledgerStart(q: ProjectQ = this.repo.k): Promise<string> {
    return (await this.repo.firstReturnMonth(q)) ?? this.judgedMonth();
  }

  settings() {
    return {
      chains: [...this.chains()],
      rules: { ...this.rules },
      judgedMonth: this.judgedMonth(),
      today: this.today(),
    };
  }

  // ——— reads ———

  private visibleDistricts(actor: Actor): string[] | null {
    const org = this.d.org();
    const all = [...org.byId.values()].filter((n) => PROJECT_UNIT_KINDS.includes(n.kind)).map((n) => n.id);
    return all.filter((id) => this.access().canSeeProject(actor, id));
  }

  /** Projects with their plans, recent returns and lights. */
  async views(rows: readonly ProjectRow[], q: ProjectQ = this.repo.k): Promise<ProjectView[]> {
    const today = this.today();
    const month = judgedMonth(today, this.rules);
    const year = Number(month.slice(0, 4));
    const ids = rows.map((r) => r.id);
    const windowStart = addMonths(month, -(RETURN_WINDOW_MONTHS - 1));
    const ledgerStart = await this.ledgerStart(q);
    const from = ledgerStart > windowStart ? ledgerStart : windowStart;
    const [plans, returns] = await Promise.all([
      this.repo.plans(q, ids.length > 500 ? null : ids),
      this.repo.returns(q, ids.length > 500 ? null : ids, { from: from < `${year}-01` ? from : `${year}-01` }),
    ]);
    const plansOf = group(plans, (p) => p.project_id);
    const returnsOf = group(returns, (r) => r.project_id);
    return rows.map((row) => {
      const p = plansOf.get(row.id) ?? [];
      const r = returnsOf.get(row.id) ?? [];
      const subject = lightSubject(row, p, r);
      const lights = watchedLights(subject, today, this.rules, { ledgerStart: from });
      const plan = p.find((x) => x.year === year);
      const approved = r
        .filter((x) => x.status === 'approved' && x.month.startsWith(`${year}-`) && x.month <= month)
        .at(-1);
      return {
        row,
        plans: p,
        returns: r,
        lights,
        light: projectColour(subject, lights),
        planned: plan ? plan.planned : null,
        ytd: approved?.ytd ?? 0,
      };
    });
  }

  async search(
    actor: Actor,
    f: ProjectFilter,
  ): Promise<{ views: ProjectView[]; total: number; month: string; year: number }> {
    this.assertSearchScope(actor, f);
    const districts = this.visibleDistricts(actor);
    let scoped = districts;
    if (f.districtId) {
      const org = this.d.org();
      scoped = (districts ?? []).filter((id) => org.within(id, [f.districtId as string]));
    }
    const snapshot = await this.snapshot();
    const inScope = new Set(scoped ?? []);
    const owner = f.owner?.toLowerCase();
    const text = f.q?.toLowerCase();
    // The snapshot holds the table sorted each way once; filtering keeps the order.
    // Only the filters asked for are tested, each project once.
    const checks: ((k: SnapshotKey) => boolean)[] = [];
    if (!snapshot.districts.every((d) => inScope.has(d))) checks.push((k) => inScope.has(k.districtId));
    if (f.stage) checks.push((k) => k.stage === f.stage);
    if (f.level) checks.push((k) => k.level === f.level);
    if (f.chain) checks.push((k) => k.chain === f.chain);
    if (f.light) checks.push((k) => k.light === f.light);
    if (owner) checks.push((k) => k.owner.includes(owner));
    if (text) checks.push((k) => k.name.includes(text) || k.code.includes(text));
    const all = snapshot.sorted(f.sort);
    const views: ProjectView[] = [];
    if (checks.length === 0) for (const e of all) views.push(e.view);
    else for (const e of all) if (checks.every((c) => c(e.key))) views.push(e.view);
    const month = this.judgedMonth();
    const start = (f.page - 1) * f.pageSize;
    return {
      views: views.slice(start, start + f.pageSize),
      total: views.length,
      month,
      year: Number(month.slice(0, 4)),
    };
  }

  /** The search's scope check (run on every request, a held answer's too): a district asked for must be readable. */
  assertSearchScope(actor: Actor, f: Pick<ProjectFilter, 'districtId'>): void {
    if (!f.districtId) return;
    if (!this.d.org().get(f.districtId)) throw notFound({ zh: `单位 ${f.districtId}`, en: `Org unit ${f.districtId}` });
    if (!this.access().canSeeProject(actor, f.districtId)) throw new AppError('OUT_OF_SCOPE');
  }

  /**
   * What a held answer of the ledger (its table, its aggregates) is current for: the newest lights stamp (every write
   * and every re-judging stamps the rows it changes) and the Beijing day (the lights and the judged month move with it).
   */
  async freshness(): Promise<string> {
    return `${await this.repo.lightsStamp(this.repo.k)}|${this.today()}`;
  }

  /** One project the actor may see; NOT_FOUND or OUT_OF_SCOPE otherwise. */
  async visible(actor: Actor, id: string, q: ProjectQ = this.repo.k): Promise<ProjectRow> {
    const row = await this.repo.project(q, id);
    if (!row) throw notFound({ zh: `项目 ${id}`, en: `Project ${id}` });
    if (!this.access().canSeeProject(actor, row.district_id)) throw new AppError('OUT_OF_SCOPE');
    return row;
  }

  async detail(actor: Actor, id: string) {
    const row = await this.visible(actor, id);
    const q = this.repo.k;
    const [view] = await this.views([row]);
    const [allReturns, events, adjustments, history, attachments, problems, items] = await Promise.all([
      this.repo.returns(q, [id]),
      this.repo.stageEvents(q, [id]),
      this.repo.adjustments(q, id),
      this.repo.history(q, id),
      // Evidence is for the district, its reviewers, the centre and the leaders (Access.canSeeProjectEvidence).
      this.access().canSeeProjectEvidence(actor, row.district_id) ? this.repo.attachments(q, id) : Promise.resolve([]),
      this.repo.problems(q, { projectIds: [id] }),
      this.repo.listItems(q, row.list_item_id ? [row.list_item_id] : []),
    ]);
    const access = this.access();
    const people = await this.people(q, [
      ...history.map((h) => h.user_id),
      ...events.map((e) => e.by_user),
      ...adjustments.flatMap((a) => [a.requested_by, a.decided_by]),
      ...allReturns.flatMap((r) => [r.filed_by, r.reviewed_by]),
      ...view!.plans.map((p) => p.reviewed_by),
      ...attachments.map((a) => a.uploaded_by),
    ]);
    return {
      people,
      view: view as ProjectView,
      returns: allReturns,
      events,
      adjustments,
      history,
      attachments,
      problems,
      item: items[0] ?? null,
      mayEdit: access.canEditProject(actor, row.district_id),
      mayFile: access.canFileProjectReturn(actor, row.district_id),
      mayReview: access.canReviewProjectReturn(actor, row.district_id),
      mayDecideAdjustment: access.canCoordinate(actor, row.district_id),
    };
  }

  // ——— projects ———

  private regions(): Set<string> {
    const org = this.d.org();
    const codes = new Set<string>();
    for (const n of org.byId.values()) if (['city', 'district', 'county'].includes(n.kind)) codes.add(n.code);
    // The province above the city approves projects too (its code: the city's first two digits and 0000).
    const city = org.root();
    if (city && /^\d{6}$/.test(city.code)) codes.add(`${city.code.slice(0, 2)}0000`);
    return codes;
  }

  private checkCode(code: string, issues: FieldIssue[]): void {
    const check = checkProjectCode(code, { regions: this.regions(), currentYear: Number(this.today().slice(0, 4)) });
    if (!check.ok) for (const p of check.problems) issues.push(issue('code', p));
  }

  private checkUnit(actor: Actor, districtId: string, issues: FieldIssue[]): void {
    const unit = this.d.org().get(districtId);
    if (!unit || !PROJECT_UNIT_KINDS.includes(unit.kind)) {
      issues.push({
        field: 'districtId',
        ...bilingual('应为市、区县或高新区', 'must be the city, a district or county, or the zone'),
      });
      return;
    }
    if (!this.access().canEditProject(actor, districtId)) throw new AppError('OUT_OF_SCOPE');
  }

  private checkFacts(
    p: Pick<
      ProjectInput,
      'chain' | 'funding' | 'totalInvestment' | 'plannedStart' | 'plannedCompletion' | 'plannedProduction'
    >,
    issues: FieldIssue[],
  ): void {
    if (!this.chains().some((c) => c.code === p.chain)) {
      issues.push({ field: 'chain', ...bilingual(`未知的产业链 ${p.chain}`, `unknown industry chain ${p.chain}`) });
    }
    const funded = p.funding.reduce((s, f) => s + f.amount, 0);
    if (funded > p.totalInvestment + 0.01) {
      issues.push({
        field: 'funding',
        ...bilingual(
          `资金来源合计${funded}万元超过总投资${p.totalInvestment}万元`,
          `the funding (${funded}万元) exceeds the total investment (${p.totalInvestment}万元)`,
        ),
      });
    }
    if (new Set(p.funding.map((f) => f.source)).size !== p.funding.length) {
      issues.push({ field: 'funding', ...bilingual('资金来源重复', 'a funding source is listed twice') });
    }
    if (p.plannedStart && p.plannedCompletion && p.plannedCompletion < p.plannedStart) {
      issues.push({
        field: 'plannedCompletion',
        ...bilingual('计划竣工日期不能早于计划开工日期', 'the planned completion precedes the planned start'),
      });
    }
    if (p.plannedCompletion && p.plannedProduction && p.plannedProduction < p.plannedCompletion) {
      issues.push({
        field: 'plannedProduction',
        ...bilingual('计划投产日期不能早于计划竣工日期', 'the planned production precedes the planned completion'),
      });
    }
  }

  /**
   * The checks of a new project that need no database and no scope (the code's shape, the facts, the stage's dates):
   * the form's `create` and the Excel import ask the same.
   */
  newProjectIssues(input: ProjectInput): FieldIssue[] {
    const issues: FieldIssue[] = [];
    const today = this.today();
    this.checkCode(input.code, issues);
    this.checkFacts(input, issues);
    const s = stageIndex(input.stage);
    if (s >= stageIndex('newlyStarted') && !input.actualStart) {
      issues.push({
        field: 'actualStart',
        ...bilingual('已开工的项目须填实际开工日期', 'a started project needs its start date'),
      });
    }
    if (s >= stageIndex('completed') && !input.actualCompletion) {
      issues.push({
        field: 'actualCompletion',
        ...bilingual('已竣工的项目须填实际竣工日期', 'a completed project needs its completion date'),
      });
    }
    if (s >= stageIndex('inProduction') && !input.actualProduction) {
      issues.push({
        field: 'actualProduction',
        ...bilingual('已投产的项目须填实际投产日期', 'a project in production needs its production date'),
      });
    }
    if (s < stageIndex('newlyStarted') && input.actualStart) {
      issues.push({
        field: 'actualStart',
        ...bilingual('未开工的项目不能有实际开工日期', 'a project not started has no start date'),
      });
    }
    for (const f of ['actualStart', 'actualCompletion', 'actualProduction'] as const) {
      const v = input[f];
      if (v && v > today) issues.push({ field: f, ...bilingual('不能晚于今天', 'cannot be in the future') });
    }
    if (input.actualStart && input.actualCompletion && input.actualCompletion < input.actualStart) {
      issues.push({
        field: 'actualCompletion',
        ...bilingual('竣工日期不能早于开工日期', 'the completion precedes the start'),
      });
    }
    return issues;
  }

  async create(actor: Actor, input: ProjectInput): Promise<{ id: string; version: number }> {
    const issues: FieldIssue[] = [];
    const today = this.today();
    this.checkUnit(actor, input.districtId, issues);
    issues.push(...this.newProjectIssues(input));
    const id = crypto.randomUUID();
    const at = this.d.clock.now().toISOString();
    const result = await this.repo
      .transaction(async (trx) => {
        if ((await this.repo.codesTaken(trx, [input.code.trim()])).length > 0) {
          issues.push({
            field: 'code',
            ...bilingual(`项目代码 ${input.code} 已存在`, `the project code ${input.code} is already in the ledger`),
          });
        }
        if (input.listItemId) await this.checkListItem(trx, input.listItemId, null, issues);
        if (issues.length > 0) throw validation(issues, { zh: '项目信息有误', en: 'The project is invalid' });
        const rows = this.newProjectRows(actor, id, input, at, today);
        await this.repo.insertProjects(trx, [rows.project]);
        await this.repo.insertStageEvents(trx, [rows.stage]);
        await this.history(trx, id, 'create', `${input.code} ${input.name}`, actor, at);
        await this.audit(
          { action: 'project.create', objectType: 'project', objectId: id, detail: { code: input.code } },
          trx,
        );
        await this.refreshLights(trx, [id]);
        return { id, version: 1 };
      })
      .catch((e: unknown) => {
        // Two registrations of one code at once: the unique index decides.
        if (isUniqueViolation(e)) {
          throw validation([
            {
              field: 'code',
              ...bilingual(`项目代码 ${input.code} 已存在`, `the project code ${input.code} is already in the ledger`),
            },
          ]);
        }
        throw e;
      });
    this.notifyChanged();
    return result;
  }

  private async checkListItem(
    q: ProjectQ,
    itemId: string,
    exceptProject: string | null,
    issues: FieldIssue[],
  ): Promise<void> {
    const [item] = await this.repo.listItems(q, [itemId]);
    if (!item || item.kind !== 'project') {
      issues.push({
        field: 'listItemId',
        ...bilingual('应为重大项目清单中的事项', 'must be an item of the major-project list'),
      });
      return;
    }
    const linked = await this.repo.projectOfListItem(q, itemId);
    if (linked && linked.id !== exceptProject) {
      issues.push({
        field: 'listItemId',
        ...bilingual(
          `清单事项 ${item.code} 已是台账项目 ${linked.code ?? linked.name}`,
          `list item ${item.code} is already the ledger's project ${linked.code ?? linked.name}`,
        ),
      });
    }
  }

  async update(actor: Actor, id: string, patch: ProjectPatch): Promise<{ version: number }> {
    const at = this.d.clock.now().toISOString();
    const result = await this.repo
      .transaction(async (trx) => {
        const row = await this.repo.lockProject(trx, id);
        if (!row) throw notFound({ zh: `项目 ${id}`, en: `Project ${id}` });
        if (!this.access().canEditProject(actor, row.district_id)) throw new AppError('OUT_OF_SCOPE');
        if (row.version !== patch.version) throw new AppError('CONFLICT');
        const issues: FieldIssue[] = [];
        if (patch.code !== undefined && patch.code.trim() !== row.code) {
          this.checkCode(patch.code, issues);
          if ((await this.repo.codesTaken(trx, [patch.code.trim()], id)).length > 0) {
            issues.push({
              field: 'code',
              ...bilingual(`项目代码 ${patch.code} 已存在`, `the project code ${patch.code} is already in the ledger`),
            });
          }
        }
        if (patch.districtId !== undefined && patch.districtId !== row.district_id)
          this.checkUnit(actor, patch.districtId, issues);
        const merged = {
          chain: patch.chain ?? row.chain,
          funding: patch.funding ?? (JSON.parse(row.funding) as ProjectInput['funding']),
          totalInvestment: patch.totalInvestment ?? row.total_investment,
          plannedStart: patch.plannedStart !== undefined ? patch.plannedStart : row.planned_start,
          plannedCompletion: patch.plannedCompletion !== undefined ? patch.plannedCompletion : row.planned_completion,
          plannedProduction: patch.plannedProduction !== undefined ? patch.plannedProduction : row.planned_production,
        };
        this.checkFacts(merged, issues);
        if (patch.listItemId) await this.checkListItem(trx, patch.listItemId, id, issues);
        if (issues.length > 0) throw validation(issues, { zh: '项目信息有误', en: 'The project is invalid' });
        const changed: string[] = [];
        const set: Record<string, unknown> = { updated_at: at, updated_by: actor.userId };
        const columns: Record<string, string> = {
          code: 'code',
          name: 'name',
          owner: 'owner',
          level: 'level',
          chain: 'chain',
          districtId: 'district_id',
          totalInvestment: 'total_investment',
          plannedStart: 'planned_start',
          plannedCompletion: 'planned_completion',
          plannedProduction: 'planned_production',
          statisticsStatus: 'statistics_status',
          content: 'content',
          listItemId: 'list_item_id',
        };
        for (const [field, column] of Object.entries(columns)) {
          const v = (patch as Record<string, unknown>)[field];
          if (v === undefined) continue;
          const value = typeof v === 'string' && field === 'code' ? v.trim() : v;
          if ((row as unknown as Record<string, unknown>)[column] !== value) {
            set[column] = value;
            changed.push(field);
          }
        }
        if (patch.funding !== undefined) {
          set.funding = JSON.stringify(patch.funding);
          changed.push('funding');
        }
        // Fields the district has now given are no longer "to be confirmed".
        const generatedFields = (JSON.parse(row.generated_fields) as string[]).filter((f) => !changed.includes(f));
        set.generated_fields = JSON.stringify(generatedFields);
        if (!(await this.repo.updateProject(trx, id, row.version, set))) throw new AppError('CONFLICT');
        await this.history(trx, id, 'update', changed.join(', '), actor, at);
        await this.audit(
          { action: 'project.update', objectType: 'project', objectId: id, detail: { fields: changed } },
          trx,
        );
        await this.refreshLights(trx, [id]);
        return { version: row.version + 1 };
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e))
          throw validation([
            { field: 'code', ...bilingual('项目代码已存在', 'the project code is already in the ledger') },
          ]);
        throw e;
      });
    this.notifyChanged();
    return result;
  }

  // ——— stages ———

  async moveStage(
    actor: Actor,
    id: string,
    req: { version: number; to: ProjectStage; on: string; adjustmentId?: string | undefined },
  ) {
    const at = this.d.clock.now().toISOString();
    const today = this.today();
    const result = await this.repo.transaction(async (trx) => {
      const row = await this.repo.lockProject(trx, id);
      if (!row) throw notFound({ zh: `项目 ${id}`, en: `Project ${id}` });
      if (!this.access().canEditProject(actor, row.district_id)) throw new AppError('OUT_OF_SCOPE');
      if (row.version !== req.version) throw new AppError('CONFLICT');
      const backwards = stageIndex(req.to) < stageIndex(row.stage);
      let adjustmentApproved = false;
      if (backwards && req.adjustmentId) {
        const adj = await this.repo.adjustment(trx, req.adjustmentId);
        adjustmentApproved = !!adj && adj.project_id === id && adj.status === 'approved' && adj.to_stage === req.to;
        if (!adjustmentApproved) {
          throw validation([
            {
              field: 'adjustmentId',
              ...bilingual('没有已批准的、调整到该阶段的申请', 'no approved adjustment to this stage'),
            },
          ]);
        }
      }
      const refusal = checkStageMove({
        from: row.stage,
        to: req.to,
        on: req.on,
        currentSince: backwards ? null : row.stage_since,
        adjustmentApproved,
        today,
      });
      if (refusal) throw validation([issue(backwards ? 'to' : req.on > today ? 'on' : 'to', refusal)]);
      const set: Record<string, unknown> = {
        stage: req.to,
        stage_since: req.on,
        updated_at: at,
        updated_by: actor.userId,
      };
      const s = stageIndex(req.to);
      if (!backwards) {
        if (s >= stageIndex('newlyStarted') && !row.actual_start) set.actual_start = req.on;
        if (s >= stageIndex('completed') && !row.actual_completion) set.actual_completion = req.on;
        if (s >= stageIndex('inProduction') && !row.actual_production) set.actual_production = req.on;
      } else {
        if (s < stageIndex('inProduction')) set.actual_production = null;
        if (s < stageIndex('completed')) set.actual_completion = null;
        if (s < stageIndex('newlyStarted')) {
          const filed = await this.repo.returns(trx, [id]);
          if (filed.length > 0) {
            throw validation([
              {
                field: 'to',
                ...bilingual(
                  '项目已有月报，不能退回开工前的阶段',
                  'the project has monthly returns: it cannot go back before its start',
                ),
              },
            ]);
          }
          set.actual_start = null;
        }
        await this.repo.updateAdjustment(trx, req.adjustmentId as string, 'approved', { status: 'used' });
      }
      if (!(await this.repo.updateProject(trx, id, row.version, set))) throw new AppError('CONFLICT');
      await this.repo.insertStageEvents(trx, [
        {
          id: orderedId(at),
          project_id: id,
          stage: req.to,
          on_date: req.on,
          adjustment_id: req.adjustmentId ?? null,
          at,
          by_user: actor.userId,
        },
      ]);
      const names = `${PROJECT_STAGE_NAMES[row.stage].zh} → ${PROJECT_STAGE_NAMES[req.to].zh}（${req.on}）`;
      await this.history(trx, id, 'stage', names, actor, at);
      await this.audit(
        {
          action: 'project.stage',
          objectType: 'project',
          objectId: id,
          detail: { from: row.stage, to: req.to, on: req.on },
        },
        trx,
      );
      await this.refreshLights(trx, [id]);
      return { version: row.version + 1 };
    });
    this.notifyChanged();
    return result;
  }

  async requestAdjustment(
    actor: Actor,
    id: string,
    req: { to: ProjectStage; reason: string },
  ): Promise<{ id: string }> {
    const at = this.d.clock.now().toISOString();
    return this.repo.transaction(async (trx) => {
      const row = await this.repo.lockProject(trx, id);
      if (!row) throw notFound({ zh: `项目 ${id}`, en: `Project ${id}` });
      if (!this.access().canEditProject(actor, row.district_id)) throw new AppError('OUT_OF_SCOPE');
      if (stageIndex(req.to) >= stageIndex(row.stage)) {
        throw validation([
          { field: 'to', ...bilingual('调整申请只用于退回到之前的阶段', 'an adjustment is only needed to move back') },
        ]);
      }
      const pending = (await this.repo.adjustments(trx, id)).some((a) => a.status === 'pending');
      if (pending)
        throw new AppError('INVALID_STATE', {
          zh: '已有待审批的调整申请',
          en: 'An adjustment is already awaiting a decision',
        });
      const adjId = crypto.randomUUID();
      await this.repo.insertAdjustment(trx, {
        id: adjId,
        project_id: id,
        from_stage: row.stage,
        to_stage: req.to,
        reason: req.reason,
        status: 'pending',
        requested_by: actor.userId,
        requested_at: at,
        decided_by: null,
        decided_at: null,
        comment: '',
      });
      await this.history(
        trx,
        id,
        'adjustmentRequested',
        `${PROJECT_STAGE_NAMES[row.stage].zh} → ${PROJECT_STAGE_NAMES[req.to].zh}：${req.reason}`,
        actor,
        at,
      );
      return { id: adjId };
    });
  }

  async decideAdjustment(actor: Actor, adjId: string, req: { approve: boolean; comment: string }): Promise<void> {
    const at = this.d.clock.now().toISOString();
    await this.repo.transaction(async (trx) => {
      const adj = await this.repo.adjustment(trx, adjId);
      if (!adj) throw notFound({ zh: '阶段调整申请', en: 'Stage adjustment' });
      const row = await this.repo.lockProject(trx, adj.project_id);
      if (!row) throw notFound({ zh: '项目', en: 'Project' });
      if (!this.access().canCoordinate(actor, row.district_id)) throw new AppError('OUT_OF_SCOPE');
      if (adj.requested_by === actor.userId) {
        throw new AppError('FORBIDDEN', {
          zh: '不能审批自己提出的阶段调整申请',
          en: 'An adjustment is decided by someone other than the one who asked',
        });
      }
      const ok = await this.repo.updateAdjustment(trx, adjId, 'pending', {
        status: req.approve ? 'approved' : 'rejected',
        decided_by: actor.userId,
        decided_at: at,
        comment: req.comment,
      });
      if (!ok)
        throw new AppError('INVALID_STATE', { zh: '该申请已处理', en: 'The adjustment has been decided already' });
      await this.history(
        trx,
        row.id,
        req.approve ? 'adjustmentApproved' : 'adjustmentRejected',
        req.comment,
        actor,
        at,
      );
      await this.audit(
        {
          action: 'project.adjustment',
          objectType: 'project',
          objectId: row.id,
          detail: { adjustment: adjId, approve: req.approve },
        },
        trx,
      );
    });
  }

  // ——— annual plans ———

  async savePlan(
    actor: Actor,
    projectId: string,
    year: number,
    input: PlanInput,
  ): Promise<{ id: string; version: number }> {
    const at = this.d.clock.now().toISOString();
    const result = await this.repo.transaction(async (trx) => {
      const row = await this.repo.lockProject(trx, projectId);
      if (!row) throw notFound({ zh: `项目 ${projectId}`, en: `Project ${projectId}` });
      if (!this.access().canEditProject(actor, row.district_id)) throw new AppError('OUT_OF_SCOPE');
      const issues: FieldIssue[] = [];
      if (input.planned > row.total_investment && row.total_investment > 0) {
        issues.push({
          field: 'planned',
          ...bilingual(
            `年度计划${input.planned}万元超过项目总投资${row.total_investment}万元`,
            `the annual plan exceeds the total investment`,
          ),
        });
      }
      if (row.actual_completion && Number(row.actual_completion.slice(0, 4)) < year) {
        issues.push({
          field: 'year',
          ...bilingual(`项目已于${row.actual_completion}竣工`, `the project was completed on ${row.actual_completion}`),
        });
      }
      if (issues.length > 0) throw validation(issues, { zh: '年度计划有误', en: 'The annual plan is invalid' });
      const existing = await this.repo.planOf(trx, projectId, year);
      const fields = {
        planned: input.planned,
        profile: input.profile ? JSON.stringify(input.profile) : null,
        start_month: input.startMonth,
        completion_month: input.completionMonth,
        note: input.note,
        updated_at: at,
        updated_by: actor.userId,
      };
      if (!existing) {
        if (input.version !== null) throw new AppError('CONFLICT');
        const id = crypto.randomUUID();
        await this.repo.insertPlans(trx, [
          {
            id,
            project_id: projectId,
            year,
            ...fields,
            status: 'draft',
            submitted_at: null,
            submitted_by: null,
            reviewed_at: null,
            reviewed_by: null,
            comment: '',
            generated: 0,
            version: 1,
          },
        ]);
        await this.history(trx, projectId, 'plan', `${year}年度计划 ${input.planned}万元`, actor, at);
        await this.refreshLights(trx, [projectId]);
        return { id, version: 1 };
      }
      if (input.version !== existing.version) throw new AppError('CONFLICT');
      if (existing.status !== 'draft') {
        throw new AppError('INVALID_STATE', {
          zh:
            existing.status === 'frozen'
              ? '年度计划已审定，须由统筹中心重新打开后才能修改'
              : '年度计划已报送审核，不能修改',
          en:
            existing.status === 'frozen'
              ? 'The plan is frozen: the centre must reopen it first'
              : 'The plan is under review',
        });
      }
      if (!(await this.repo.updatePlan(trx, existing.id, existing.version, { ...fields, generated: 0 })))
        throw new AppError('CONFLICT');
      await this.history(trx, projectId, 'plan', `${year}年度计划 ${input.planned}万元`, actor, at);
      await this.refreshLights(trx, [projectId]);
      return { id: existing.id, version: existing.version + 1 };
    });
    return result;
  }

  /** Plans of projects the actor may act on, in one of `statuses`; all or nothing. */
  private async plansFor(
    trx: ProjectQ,
    ids: readonly string[],
    statuses: readonly string[],
    may: (districtId: string) => boolean,
  ) {
    const plans = await this.repo.plansByIds(trx, ids);
    if (plans.length !== new Set(ids).size) throw notFound({ zh: '年度计划', en: 'Annual plan' });
    const projects = new Map(
      (await this.repo.projects(trx, { ids: plans.map((p) => p.project_id) })).map((p) => [p.id, p]),
    );
    for (const p of plans) {
      const project = projects.get(p.project_id) as ProjectRow;
      if (!may(project.district_id)) throw new AppError('OUT_OF_SCOPE');
      if (!statuses.includes(p.status)) {
        throw new AppError('INVALID_STATE', {
          zh: `项目「${project.name}」${p.year}年计划当前不能执行此操作`,
          en: `The ${p.year} plan of "${project.name}" is not in a state that allows this`,
        });
      }
    }
    return { plans, projects };
  }

  async submitPlans(actor: Actor, ids: readonly string[]): Promise<{ count: number }> {
    const at = this.d.clock.now().toISOString();
    return this.repo.transaction(async (trx) => {
      const { plans } = await this.plansFor(trx, ids, ['draft'], (d) => this.access().canEditProject(actor, d));
      for (const p of plans) {
        if (
          !(await this.repo.updatePlan(trx, p.id, p.version, {
            status: 'submitted',
            submitted_at: at,
            submitted_by: actor.userId,
          }))
        ) {
          throw new AppError('CONFLICT');
        }
        await this.history(trx, p.project_id, 'planSubmitted', `${p.year}`, actor, at);
      }
      return { count: plans.length };
    });
  }

  async reviewPlans(
    actor: Actor,
    req: { ids: string[]; decision: 'freeze' | 'return'; comment: string },
  ): Promise<{ count: number }> {
    const at = this.d.clock.now().toISOString();
    if (req.decision === 'return' && req.comment.trim() === '') {
      throw validation([{ field: 'comment', ...bilingual('退回须说明原因', 'a return needs its reason') }]);
    }
    const result = await this.repo.transaction(async (trx) => {
      const { plans } = await this.plansFor(trx, req.ids, ['submitted'], (d) =>
        this.access().canFreezeProjectPlan(actor, d),
      );
      for (const p of plans) {
        const ok = await this.repo.updatePlan(trx, p.id, p.version, {
          status: req.decision === 'freeze' ? 'frozen' : 'draft',
          reviewed_at: at,
          reviewed_by: actor.userId,
          comment: req.comment,
        });
        if (!ok) throw new AppError('CONFLICT');
        await this.history(
          trx,
          p.project_id,
          req.decision === 'freeze' ? 'planFrozen' : 'planReturned',
          `${p.year} ${req.comment}`,
          actor,
          at,
        );
      }
      await this.audit(
        { action: `project.plan.${req.decision}`, objectType: 'projectPlan', detail: { ids: req.ids } },
        trx,
      );
      return { count: plans.length };
    });
    this.notifyChanged();
    return result;
  }

  async reopenPlan(actor: Actor, planId: string, reason: string): Promise<{ version: number }> {
    const at = this.d.clock.now().toISOString();
    const result = await this.repo.transaction(async (trx) => {
      const { plans } = await this.plansFor(trx, [planId], ['frozen'], (d) => this.access().canCoordinate(actor, d));
      const p = plans[0] as PlanRow;
      if (!(await this.repo.updatePlan(trx, p.id, p.version, { status: 'draft', comment: reason })))
        throw new AppError('CONFLICT');
      await this.history(trx, p.project_id, 'planReopened', `${p.year} ${reason}`, actor, at);
      await this.audit(
        { action: 'project.plan.reopen', objectType: 'projectPlan', objectId: p.id, detail: { reason } },
        trx,
      );
      return { version: p.version + 1 };
    });
    this.notifyChanged();
    return result;
  }

  // ——— monthly returns ———

  async saveReturn(
    actor: Actor,
    projectId: string,
    month: string,
    input: ReturnInput,
  ): Promise<{ id: string; version: number; warnings: ReturnWarning[] }> {
    const at = this.d.clock.now().toISOString();
    const today = this.today();
    return this.repo.transaction(async (trx) => {
      const row = await this.repo.lockProject(trx, projectId);
      if (!row) throw notFound({ zh: `项目 ${projectId}`, en: `Project ${projectId}` });
      if (!this.access().canFileProjectReturn(actor, row.district_id)) throw new AppError('OUT_OF_SCOPE');
      return this.writeReturn(trx, actor, row, month, input, at, today);
    });
  }

  /** One return written inside the caller's transaction (the form and the Excel import). */
  async writeReturn(
    trx: ProjectQ,
    actor: Actor,
    row: ProjectRow,
    month: string,
    input: ReturnInput,
    at: string,
    today: string,
  ): Promise<{ id: string; version: number; warnings: ReturnWarning[] }> {
    const figures = { month, ...input };
    const issues = validateReturn(figures, {
      stage: row.stage,
      actualStart: row.actual_start,
      actualCompletion: row.actual_completion,
      totalInvestment: row.total_investment,
    }).map((p) => issue(p.field, p.message));
    if (month > today.slice(0, 7)) {
      issues.push({
        field: 'month',
        ...bilingual(`不能填报未来月份（${month}）的月报`, `no return for a future month (${month})`),
      });
    }
    const org = this.d.org();
    input.problems.forEach((p, i) => {
      if (!org.get(p.ownerUnitId))
        issues.push({ field: `problems.${i}.ownerUnitId`, ...bilingual('未知单位', 'unknown org unit') });
      if (p.dueDate < `${month}-01`) {
        issues.push({
          field: `problems.${i}.dueDate`,
          ...bilingual('解决时限不能早于填报月份', 'the due date precedes the month'),
        });
      }
    });
    if (issues.length > 0) throw validation(issues, { zh: '月报有误', en: 'The monthly return is invalid' });
    const existing = await this.repo.returnOf(trx, row.id, month);
    const previous = await this.repo.previousReturn(trx, row.id, month);
    const plan = await this.repo.planOf(trx, row.id, Number(month.slice(0, 4)));
    const warnings = plausibilityWarnings(
      figures,
      {
        stage: row.stage,
        actualStart: row.actual_start,
        actualCompletion: row.actual_completion,
        totalInvestment: row.total_investment,
      },
      {
        annualPlanned: plan?.planned ?? null,
        previous: previous ? { month: previous.month, ytd: previous.ytd, sinceStart: previous.since_start } : null,
      },
      this.rules,
    );
    const fields = {
      this_month: input.thisMonth,
      ytd: input.ytd,
      since_start: input.sinceStart,
      progress_text: input.progressText,
      progress_percent: input.progressPercent,
      workers: input.workers,
      warnings: JSON.stringify(warnings),
      filed_by: actor.userId,
      filed_at: at,
      updated_at: at,
      generated: 0,
    };
    let id: string;
    let version: number;
    if (!existing) {
      if (input.version !== null) throw new AppError('CONFLICT');
      id = crypto.randomUUID();
      version = 1;
      await this.repo.insertReturns(trx, [
        {
          id,
          project_id: row.id,
          month,
          ...fields,
          status: 'draft',
          submitted_at: null,
          reviewed_by: null,
          reviewed_at: null,
          comment: '',
          version: 1,
        },
      ]);
    } else {
      if (input.version !== existing.version) throw new AppError('CONFLICT');
      if (existing.status === 'submitted' || existing.status === 'approved') {
        throw new AppError('INVALID_STATE', {
          zh: existing.status === 'approved' ? '月报已审核，不能修改' : '月报已报送，待审核期间不能修改',
          en:
            existing.status === 'approved'
              ? 'The return is approved and cannot be changed'
              : 'The return is under review',
        });
      }
      id = existing.id;
      version = existing.version + 1;
      if (!(await this.repo.updateReturn(trx, id, existing.version, { ...fields, status: 'draft' })))
        throw new AppError('CONFLICT');
      const old = await this.repo.problems(trx, { returnIds: [id] });
      await this.repo.deleteOpenListProblems(
        trx,
        old.map((p) => p.list_problem_id).filter((x): x is string => x !== null),
      );
      await this.repo.deleteProblemsOfReturn(trx, id);
    }
    await this.repo.insertProblems(
      trx,
      input.problems.map((p) => ({
        id: crypto.randomUUID(),
        return_id: id,
        project_id: row.id,
        description: p.description,
        owner_unit_id: p.ownerUnitId,
        due_date: p.dueDate,
        status: 'open' as const,
        list_problem_id: null,
        notice_id: null,
        created_at: at,
      })),
    );
    await this.history(
      trx,
      row.id,
      'return',
      `${month}：本月${input.thisMonth}万元，本年累计${input.ytd}万元`,
      actor,
      at,
    );
    return { id, version, warnings };
  }

  /** Returns the actor may act on, in one of `statuses`; all or nothing. */
  private async returnsFor(
    trx: ProjectQ,
    ids: readonly string[],
    statuses: readonly string[],
    may: (districtId: string) => boolean,
  ) {
    const returns = await this.repo.returnsByIds(trx, ids);
    if (returns.length !== new Set(ids).size) throw notFound({ zh: '月报', en: 'Monthly return' });
    const projects = new Map(
      (await this.repo.projects(trx, { ids: returns.map((r) => r.project_id) })).map((p) => [p.id, p]),
    );
    for (const r of returns) {
      const project = projects.get(r.project_id) as ProjectRow;
      if (!may(project.district_id)) throw new AppError('OUT_OF_SCOPE');
      if (!statuses.includes(r.status)) {
        throw new AppError('INVALID_STATE', {
          zh: `项目「${project.name}」${r.month}的月报当前不能执行此操作`,
          en: `The ${r.month} return of "${project.name}" is not in a state that allows this`,
        });
      }
    }
    return { returns, projects };
  }

  /**
   * Submits returns for review. Their problems become problems of the project's list item (so the lists show them,
   * and the owner unit may mark them solved), once.
   */
  async submitReturns(actor: Actor, ids: readonly string[]): Promise<{ count: number }> {
    const at = this.d.clock.now().toISOString();
    const result = await this.repo.transaction(async (trx) => {
      const { returns, projects } = await this.returnsFor(trx, ids, ['draft', 'returned'], (d) =>
        this.access().canFileProjectReturn(actor, d),
      );
      const problems = await this.repo.problems(trx, { returnIds: returns.map((r) => r.id) });
      const org = this.d.org();
      for (const r of returns) {
        if (!(await this.repo.updateReturn(trx, r.id, r.version, { status: 'submitted', submitted_at: at })))
          throw new AppError('CONFLICT');
        const project = projects.get(r.project_id) as ProjectRow;
        if (project.list_item_id) {
          for (const p of problems.filter((x) => x.return_id === r.id && x.list_problem_id === null)) {
            const listProblemId = crypto.randomUUID();
            await this.repo.insertListProblems(trx, [
              {
                id: listProblemId,
                item_id: project.list_item_id,
                report_id: null,
                description: `【${r.month}月度调度】${p.description}`,
                owner: org.get(p.owner_unit_id)?.name ?? p.owner_unit_id,
                owner_unit_id: p.owner_unit_id,
                due_date: p.due_date,
                status: 'open',
                resolved_at: null,
                resolved_by: null,
                created_at: at,
              },
            ]);
            await this.repo.setProblemLinks(trx, p.id, { list_problem_id: listProblemId });
          }
        }
        await this.history(trx, r.project_id, 'returnSubmitted', r.month, actor, at);
      }
      await this.refreshLights(
        trx,
        returns.map((r) => r.project_id),
      );
      return { count: returns.length };
    });
    this.notifyChanged();
    return result;
  }

  async reviewReturns(
    actor: Actor,
    req: { ids: string[]; decision: 'approve' | 'return'; comment: string },
  ): Promise<{ count: number }> {
    const at = this.d.clock.now().toISOString();
    if (req.decision === 'return' && req.comment.trim() === '') {
      throw validation([{ field: 'comment', ...bilingual('退回须说明原因', 'a return needs its reason') }]);
    }
    const result = await this.repo.transaction(async (trx) => {
      const { returns } = await this.returnsFor(trx, req.ids, ['submitted'], (d) =>
        this.access().canReviewProjectReturn(actor, d),
      );
      for (const r of returns) {
        const ok = await this.repo.updateReturn(trx, r.id, r.version, {
          status: req.decision === 'approve' ? 'approved' : 'returned',
          reviewed_by: actor.userId,
          reviewed_at: at,
          comment: req.comment,
        });
        if (!ok) throw new AppError('CONFLICT');
        await this.history(
          trx,
          r.project_id,
          req.decision === 'approve' ? 'returnApproved' : 'returnReturned',
          `${r.month} ${req.comment}`,
          actor,
          at,
        );
      }
      await this.audit(
        { action: `project.return.${req.decision}`, objectType: 'projectReturn', detail: { ids: req.ids } },
        trx,
      );
      await this.refreshLights(
        trx,
        returns.map((r) => r.project_id),
      );
      return { count: returns.length };
    });
    this.notifyChanged();
    return result;
  }

  async queue(
    actor: Actor,
    f: { month?: string | undefined; districtId?: string | undefined; status: ReturnRow['status'] },
  ) {
    const districts = this.visibleDistricts(actor);
    const org = this.d.org();
    const scoped = f.districtId
      ? (districts ?? []).filter((id) => org.within(id, [f.districtId as string]))
      : districts;
    const projects = await this.repo.projects(this.repo.k, { districtIds: scoped });
    const byId = new Map(projects.map((p) => [p.id, p]));
    const returns = await this.repo.returns(this.repo.k, projects.length > 500 ? null : projects.map((p) => p.id), {
      ...(f.month ? { from: f.month, to: f.month } : {}),
      statuses: [f.status],
    });
    const mine = returns.filter((r) => byId.has(r.project_id));
    const years = [...new Set(mine.map((r) => Number(r.month.slice(0, 4))))];
    const plans = (await Promise.all(years.map((y) => this.repo.plans(this.repo.k, null, y)))).flat();
    const planOf = new Map(plans.map((p) => [`${p.project_id}|${p.year}`, p.planned]));
    const problems = await this.repo.problems(this.repo.k, { returnIds: mine.map((r) => r.id) });
    const people = await this.people(
      this.repo.k,
      mine.flatMap((r) => [r.filed_by, r.reviewed_by]),
    );
    return { returns: mine, projects: byId, planOf, problems, people };
  }

  // ——— aggregates ———

  /** The aggregate input of a month over the given projects (the approved year to date of each). */
  async aggregateInput(month: string, rows: readonly ProjectRow[], q: ProjectQ = this.repo.k) {
    const year = Number(month.slice(0, 4));
    const all = rows.length > 500;
    const ids = rows.map((r) => r.id);
    const [plans, returns] = await Promise.all([
      this.repo.plans(q, all ? null : ids, year),
      this.repo.returns(q, all ? null : ids, { from: `${year}-01`, to: month, statuses: ['approved'] }),
    ]);
    const planned = new Map(plans.map((p) => [p.project_id, p.planned]));
    const ytd = new Map<string, number>();
    for (const r of returns) ytd.set(r.project_id, r.ytd); // ordered by month: the latest wins
    const projects: AggregateProject[] = rows.map((r) => ({
      id: r.id,
      unitId: r.district_id,
      level: r.level,
      chain: r.chain,
      stage: r.stage,
      totalInvestment: r.total_investment,
      actualStart: r.actual_start,
      actualCompletion: r.actual_completion,
    }));
    const targets = (await this.d.targets?.(year)) ?? new Map<string, UnitTargets>();
    return { month, projects, planned, ytd, targets };
  }

  /** The aggregates of every unit of the ledger and of the city, as of `month` (default: the judged month). */
  async aggregatesOf(month: string, q: ProjectQ = this.repo.k) {
    if (q === this.repo.k) {
      // Held while no write has stamped a project since: the aggregates read every plan and return of the year.
      const stamp = await this.repo.lightsStamp(q);
      const today = this.today();
      if (this.aggregateCache.stamp !== stamp || this.aggregateCache.today !== today) {
        this.aggregateCache = { stamp, today, months: new Map() };
      }
      const months = this.aggregateCache.months;
      const held = months.get(month);
      if (held) return held;
      const result = this.computeAggregates(month, q);
      months.set(month, result);
      result.catch(() => months.delete(month));
      return result;
    }
    return this.computeAggregates(month, q);
  }

  private aggregateCache: { stamp: string; today: string; months: Map<string, Promise<Map<string, UnitAggregate>>> } = {
    stamp: '',
    today: '',
    months: new Map(),
  };

  private async computeAggregates(month: string, q: ProjectQ) {
    const rows = await this.repo.projects(q, {});
    const org = this.d.org();
    const cityId = org.root()?.id ?? 'city';
    return aggregateLedger(cityId, await this.aggregateInput(month, rows, q));
  }

  async aggregates(actor: Actor, monthArg?: string) {
    const { roots } = this.access().aggregateScope(actor);
    const month = monthArg ?? this.judgedMonth();
    const all = await this.aggregatesOf(month);
    const org = this.d.org();
    const units = [...all.values()].filter((a) => org.within(a.unitId, roots));
    const counts = new Map<string, Record<LightColour, number>>();
    const inRoots = new Map<string, boolean>();
    for (const { key } of (await this.snapshot()).sorted('code')) {
      let within = inRoots.get(key.districtId);
      if (within === undefined) inRoots.set(key.districtId, (within = org.within(key.districtId, roots)));
      if (!within) continue;
      for (const unit of [key.districtId, CITY]) {
        let c = counts.get(unit);
        if (!c) counts.set(unit, (c = { red: 0, yellow: 0, green: 0, none: 0 }));
        c[key.light] += 1;
      }
    }
    const cityId = org.root()?.id ?? 'city';
    const lights = (unitId: string) =>
      counts.get(unitId === cityId ? CITY : unitId) ?? { red: 0, yellow: 0, green: 0, none: 0 };
    return {
      month,
      units: units.map((u) => ({ ...u, unitName: org.get(u.unitId)?.name ?? u.unitId, lights: lights(u.unitId) })),
    };
  }

  // ——— the framework's feed ———

  /**
   * The ledger's figures for the framework's project indicators (D2-30 key projects, D2-31 new starts, D2-32
   * completions, D2-33 year-to-date investment, D2-34 the annual plan, D2-36 the reserve; 亿元 for the amounts), read
   * at each evaluation run: for the year being evaluated, as of the judged month (the year's December for a past
   * year); nothing for a year not begun. One aggregate serves the six indicators of a run until the ledger changes.
   *
   * @example feed('ytd')(['city', 'xiqu'], 2025) // → Map { 'city' → 96.1, 'xiqu' → 16.7 } (亿元, to May)
   */
  feed(
    kind: ProjectFeed,
  ): (unitIds: readonly string[], year: number, asOf?: string) => Promise<ReadonlyMap<string, number>> {
    return async (unitIds, year, asOf) => {
      const judged = this.judgedMonth();
      const judgedYear = Number(judged.slice(0, 4));
      if (year > judgedYear) return new Map();
      let month = year === judgedYear ? judged : `${year}-12`;
      if (asOf !== undefined) {
        // An earlier month of the trend: the ledger's figures as of its end, from the returns stored for it (the
        // generated ones are the seed's, labelled 示例数据); nothing for a month before the ledger's first return.
        if (asOf < (await this.ledgerStart())) return new Map();
        if (asOf < month) month = asOf;
      }
      const all = await this.aggregatesOf(month);
      const out = new Map<string, number>();
      const yi = (wan: number) => Math.round(wan / 100) / 100;
      for (const unitId of unitIds) {
        const a = all.get(unitId);
        if (!a) continue;
        const value =
          kind === 'keyProjects'
            ? a.keyProjects.actual
            : kind === 'newStarts'
              ? a.newStarts.actual
              : kind === 'completions'
                ? a.completions.actual
                : kind === 'ytd'
                  ? yi(a.ytd)
                  : kind === 'planned'
                    ? a.planned > 0
                      ? yi(a.planned)
                      : null
                    : yi(a.reserve.actual);
        if (value !== null) out.set(unitId, value);
      }
      return out;
    };
  }

  private generation = 0;

  /** Says that the ledger changed (after commit): the feed's aggregate is dropped, the evaluation and cockpit follow. */
  private notifyChanged(): void {
    this.generation++;
    this.d.changed();
  }

  // ——— the Excel imports (project.import.ts checks the files; these write what passed, all or nothing) ———

  /** The rows a new project is stored as: the project and the event of its first stage. */
  newProjectRows(
    actor: Actor,
    id: string,
    input: ProjectInput,
    at: string,
    today: string,
  ): { project: NewProject; stage: NewStageEvent } {
    const s = stageIndex(input.stage);
    const since =
      s >= stageIndex('inProduction')
        ? input.actualProduction
        : s >= stageIndex('completed')
          ? input.actualCompletion
          : s >= stageIndex('newlyStarted')
            ? input.actualStart
            : null;
    return {
      project: {
        id,
        code: input.code.trim(),
        name: input.name,
        owner: input.owner,
        level: input.level,
        chain: input.chain,
        district_id: input.districtId,
        total_investment: input.totalInvestment,
        funding: JSON.stringify(input.funding),
        stage: input.stage,
        stage_since: since,
        planned_start: input.plannedStart,
        planned_completion: input.plannedCompletion,
        planned_production: input.plannedProduction,
        actual_start: input.actualStart,
        actual_completion: input.actualCompletion,
        actual_production: input.actualProduction,
        statistics_status: input.statisticsStatus,
        content: input.content,
        list_item_id: input.listItemId,
        source_doc: null,
        generated: 0,
        generated_fields: '[]',
        created_at: at,
        created_by: actor.userId,
        updated_at: at,
        updated_by: actor.userId,
        version: 1,
      },
      stage: {
        id: orderedId(at),
        project_id: id,
        stage: input.stage,
        on_date: since ?? today,
        adjustment_id: null,
        at,
        by_user: actor.userId,
      },
    };
  }

  /**
   * Registers the projects of an import in one transaction, checked already (project.import.ts). `taken` answers
   * the codes already in the ledger inside the transaction, so that a code registered meanwhile refuses the whole
   * file; the unique index refuses what slips between.
   */
  async registerImported(
    actor: Actor,
    inputs: readonly ProjectInput[],
    refuse: (taken: readonly string[]) => Error | null,
  ): Promise<string[]> {
    const at = this.d.clock.now().toISOString();
    const today = this.today();
    const result = await this.repo
      .transaction(async (trx) => {
        const taken = await this.repo.codesTaken(
          trx,
          inputs.map((i) => i.code.trim()),
        );
        const refusal = taken.length > 0 ? refuse(taken) : null;
        if (refusal) throw refusal;
        const ids = inputs.map(() => crypto.randomUUID());
        const rows = inputs.map((input, i) => this.newProjectRows(actor, ids[i] as string, input, at, today));
        await this.repo.insertProjects(
          trx,
          rows.map((r) => r.project),
        );
        await this.repo.insertStageEvents(
          trx,
          rows.map((r) => r.stage),
        );
        await this.repo.addHistory(
          trx,
          inputs.map((input, i) => ({
            id: orderedId(at),
            project_id: ids[i] as string,
            action: 'create',
            detail: `${input.code.trim()} ${input.name}（Excel导入）`,
            user_id: actor.userId,
            at,
          })),
        );
        await this.audit(
          {
            action: 'project.import',
            objectType: 'project',
            detail: { count: inputs.length, codes: inputs.map((i) => i.code.trim()) },
          },
          trx,
        );
        await this.refreshLights(trx, ids);
        return ids;
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) {
          throw new AppError('CONFLICT', {
            zh: '导入期间另有项目登记了相同的项目代码，未导入任何项目，请重新上传',
            en: 'A project with one of these codes was registered meanwhile; nothing was imported, upload again',
          });
        }
        throw e;
      });
    this.notifyChanged();
    return result;
  }

  /**
   * Writes the monthly returns of an import (checked already against the same rules as the form: validateReturn,
   * the future month, the stored status and version) in one transaction, with their plausibility warnings; each
   * optimistic write that finds another version refuses the whole file (409).
   */
  async writeImportedReturns(
    actor: Actor,
    month: string,
    rows: readonly { project: ProjectRow; existing: ReturnRow | null; input: ReturnInput; warnings: ReturnWarning[] }[],
  ): Promise<{ id: string; projectId: string; version: number }[]> {
    const at = this.d.clock.now().toISOString();
    return this.repo.transaction(async (trx) => {
      const out: { id: string; projectId: string; version: number }[] = [];
      const inserts: NewReturn[] = [];
      for (const r of rows) {
        const fields = {
          this_month: r.input.thisMonth,
          ytd: r.input.ytd,
          since_start: r.input.sinceStart,
          progress_text: r.input.progressText,
          progress_percent: r.input.progressPercent,
          workers: r.input.workers,
          warnings: JSON.stringify(r.warnings),
          filed_by: actor.userId,
          filed_at: at,
          updated_at: at,
          generated: 0,
        };
        if (!r.existing) {
          const id = crypto.randomUUID();
          inserts.push({
            id,
            project_id: r.project.id,
            month,
            ...fields,
            status: 'draft',
            submitted_at: null,
            reviewed_by: null,
            reviewed_at: null,
            comment: '',
            version: 1,
          });
          out.push({ id, projectId: r.project.id, version: 1 });
        } else {
          const ok = await this.repo.updateReturn(trx, r.existing.id, r.existing.version, {
            ...fields,
            status: 'draft',
          });
          if (!ok) {
            throw new AppError('CONFLICT', {
              zh: `项目「${r.project.name}」${month}的月报已被他人修改，未导入任何月报，请重新下载模板`,
              en: `The ${month} return of "${r.project.name}" was changed meanwhile; nothing was imported, download the template again`,
            });
          }
          out.push({ id: r.existing.id, projectId: r.project.id, version: r.existing.version + 1 });
        }
      }
      await this.repo.insertReturns(trx, inserts);
      await this.repo.addHistory(
        trx,
        rows.map((r) => ({
          id: orderedId(at),
          project_id: r.project.id,
          action: 'return',
          detail: `${month}：本月${r.input.thisMonth}万元，本年累计${r.input.ytd}万元（Excel导入）`,
          user_id: actor.userId,
          at,
        })),
      );
      await this.audit(
        { action: 'project.return.import', objectType: 'projectReturn', detail: { month, count: rows.length } },
        trx,
      );
      return out;
    });
  }

  // ——— people ———

  /** Who did what, as the pages show it: each user's name and the unit of their scope. */
  async people(q: ProjectQ, ids: readonly (string | null)[]): Promise<People> {
    const org = this.d.org();
    const found = await this.repo.people(q, ids);
    return new Map(
      [...found].map(([id, p]) => [
        id,
        { name: p.name, unitId: p.unitId, unitName: p.unitId ? (org.get(p.unitId)?.name ?? null) : null },
      ]),
    );
  }

  /** The framework's targets changed (a target saved, a version published): aggregates held are dropped. */
  targetsChanged(): void {
    this.aggregateCache = { stamp: '', today: '', months: new Map() };
    this.generation++;
  }

  // ——— stored lights ———

  private ledger: LedgerSnapshot | null = null;

  /**
   * Judges the projects again (`ids`, or every one) for today and stores their lights, colour and the judged year's
   * figures, in the caller's transaction. With `staleOnly`, a row already judged for today is left as it is.
   */
  async refreshLights(q: ProjectQ, ids: readonly string[] | null, staleOnly = false): Promise<void> {
    if (ids && ids.length === 0) return;
    const today = this.today();
    const rows = await this.repo.projects(q, ids ? { ids: [...new Set(ids)] } : {});
    const views = await this.views(rows, q);
    const current = await this.repo.lightsStamp(q);
    const candidate = orderedId(this.d.clock.now().toISOString());
    // Stamps only grow, even when the clock stands still or a process restarts: readers compare the newest.
    const stamp = candidate > current ? candidate : `${current}~`;
    await this.repo.storeLights(
      q,
      views.map((v) => ({
        id: v.row.id,
        lights: JSON.stringify(v.lights),
        light: v.light,
        judged_planned: v.planned,
        judged_ytd: v.ytd,
        lights_on: today,
        lights_stamp: stamp,
      })),
      staleOnly ? today : undefined,
    );
  }

  /**
   * The whole ledger's table with its stored lights, held while no recomputation has stamped a row since (one
   * indexed read per request checks it) and the day is the same; rows judged for another day are judged again
   * first. Each ordering of the table is sorted once.
   */
  private async snapshot(): Promise<LedgerSnapshot> {
    const today = this.today();
    const k = this.repo.k;
    let stamp = await this.repo.lightsStamp(k);
    if (this.ledger && this.ledger.stamp === stamp && this.ledger.today === today) return this.ledger;
    let rows = await this.repo.projects(k, {});
    if (rows.some((r) => r.lights_on !== today)) {
      const stale = rows.filter((r) => r.lights_on !== today).map((r) => r.id);
      await this.repo.transaction((trx) => this.refreshLights(trx, stale.length > 500 ? null : stale, true));
      stamp = await this.repo.lightsStamp(k);
      rows = await this.repo.projects(k, {});
    }
    this.ledger = new LedgerSnapshot(stamp, today, rows.map(storedEntry));
    return this.ledger;
  }

  // ——— the daily run ———

  /**
   * Late problems (open past their date, on a project of the lists) become supervision notices on the project's
   * list item through the lists' notices — once each; a problem solved on the lists is solved here.
   */
  async runDaily(now: Date): Promise<{ notices: number; resolved: number }> {
    const today = beijingDate(now);
    const at = now.toISOString();
    const late = await this.repo.lateProblems(this.repo.k, today);
    let notices = 0;
    let resolved = 0;
    const statuses = await this.repo.listProblemStatuses(
      this.repo.k,
      late.map((p) => p.list_problem_id).filter((x): x is string => x !== null),
    );
    for (const p of late) {
      if (p.list_problem_id && statuses.get(p.list_problem_id) === 'resolved') {
        await this.repo.resolveProblem(this.repo.k, p.id);
        resolved++;
        continue;
      }
      const project = await this.repo.project(this.repo.k, p.project_id);
      if (!project?.list_item_id) continue;
      const unit = this.d.org().get(p.owner_unit_id)?.name ?? p.owner_unit_id;
      const text = `项目「${project.name}」月度调度问题逾期未解决：${p.description}（责任单位：${unit}，时限${p.due_date}）`;
      const issued = await this.d.issueNotice(project.list_item_id, text, at);
      await this.repo.transaction(async (trx) => {
        await this.repo.setProblemLinks(trx, p.id, { notice_id: issued.noticeId });
        await this.history(trx, project.id, 'notice', `${issued.code}：${p.description}`, null, at);
      });
      notices++;
    }
    // "Start overdue" and the judged month move with the date: every project is judged again for the day.
    await this.repo.transaction((trx) => this.refreshLights(trx, null));
    this.notifyChanged();
    return { notices, resolved };
  }

  /** An audit record in the write's own transaction (the ledger's handle sees more tables than the auditor's). */
  private audit(input: AuditInput, trx: ProjectQ) {
    return this.d.auditor.record(input, trx as unknown as Queryable);
  }

  private history(q: ProjectQ, projectId: string, action: string, detail: string, actor: Actor | null, at: string) {
    return this.repo.addHistory(q, [
      { id: orderedId(at), project_id: projectId, action, detail, user_id: actor?.userId ?? null, at },
    ]);
  }
}

/** The key of every project in the snapshot, for the city's light counts. */
const CITY = '\u0000city';

/** What the ledger's filters compare, in a compact object of its own (lower-cased where the filter is by part). */
interface SnapshotKey {
  districtId: string;
  stage: string;
  level: string;
  chain: string;
  light: LightColour;
  owner: string;
  name: string;
  code: string;
}

interface SnapshotEntry {
  key: SnapshotKey;
  view: ProjectView;
}

/** A project as its stored lights and figures say (the ledger's table reads no plans or returns). */
function storedEntry(row: ProjectRow): SnapshotEntry {
  const view = storedView(row);
  return {
    key: {
      districtId: row.district_id,
      stage: row.stage,
      level: row.level,
      chain: row.chain,
      light: view.light,
      owner: row.owner.toLowerCase(),
      name: row.name.toLowerCase(),
      code: (row.code ?? '').toLowerCase(),
    },
    view,
  };
}

function storedView(row: ProjectRow): ProjectView {
  return {
    row,
    plans: [],
    returns: [],
    lights: JSON.parse(row.lights) as Light[],
    light: row.light as LightColour,
    planned: row.judged_planned,
    ytd: row.judged_ytd,
  };
}

const SEVERITY: Record<LightColour, number> = { red: 0, yellow: 1, green: 2, none: 3 };
const SORTERS: Record<ProjectFilter['sort'], (a: ProjectView, b: ProjectView) => number> = {
  code: (a, b) => (a.row.code ?? '~').localeCompare(b.row.code ?? '~') || a.row.id.localeCompare(b.row.id),
  name: (a, b) => a.row.name.localeCompare(b.row.name, 'zh'),
  light: (a, b) => SEVERITY[a.light] - SEVERITY[b.light] || (a.row.code ?? '').localeCompare(b.row.code ?? ''),
  rate: (a, b) => rateOf(a) - rateOf(b),
  totalInvestment: (a, b) => b.row.total_investment - a.row.total_investment,
};

/** The ledger's table as of one stamp and day, with each ordering computed when first asked for. */
class LedgerSnapshot {
  private readonly orders = new Map<ProjectFilter['sort'], SnapshotEntry[]>();
  readonly stamp: string;
  readonly today: string;
  private readonly views: SnapshotEntry[];
  /** The units projects belong to. */
  readonly districts: string[];
  constructor(stamp: string, today: string, views: SnapshotEntry[]) {
    this.districts = [...new Set(views.map((v) => v.key.districtId))];
    this.stamp = stamp;
    this.today = today;
    this.views = views;
  }

  sorted(sort: ProjectFilter['sort']): SnapshotEntry[] {
    let order = this.orders.get(sort);
    if (!order) {
      // Ties keep the code order, so that a page is the same from one read to the next.
      const byCode = sort === 'code' ? this.views : this.sorted('code');
      order = [...byCode].sort((a, b) => SORTERS[sort](a.view, b.view));
      this.orders.set(sort, order);
    }
    return order;
  }
}

function rateOf(v: ProjectView): number {
  return v.planned ? v.ytd / v.planned : Number.POSITIVE_INFINITY;
}

function group<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(r);
  }
  return m;
}

/** The facts the lights judge, from the rows. */
export function lightSubject(row: ProjectRow, plans: readonly PlanRow[], returns: readonly ReturnRow[]): LightSubject {
  return {
    stage: row.stage,
    plannedStart: row.planned_start,
    actualStart: row.actual_start,
    plannedCompletion: row.planned_completion,
    actualCompletion: row.actual_completion,
    plans: plans.map((p) => ({
      year: p.year,
      planned: p.planned,
      profile: p.profile ? (JSON.parse(p.profile) as number[]) : null,
      startMonth: p.start_month,
      completionMonth: p.completion_month,
    })),
    returns: returns.map((r) => ({ month: r.month, status: r.status, ytd: r.ytd })),
  };
}
