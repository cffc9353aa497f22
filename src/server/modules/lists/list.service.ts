import crypto from 'node:crypto';
import {
  addDays,
  chinaDate,
  daysBetween,
  monthOf,
  reportDueDate,
  timeElapsedShare,
} from '../../../domain/lists/dates.ts';
import { resolveListRules, type ListRules } from '../../../domain/lists/rules.ts';
import { unitRecord } from '../../../domain/lists/record.ts';
import {
  COLOUR_SEVERITY,
  ITEM_STATUS_NAMES,
  LIST_KIND_NAMES,
  LIST_KINDS,
  LIVE_STATUSES,
  WARNING_KIND_NAMES,
  type ItemColour,
  type ItemStatus,
  type ListKind,
  type WarningColour,
  type WarningKind,
} from '../../../domain/lists/types.ts';
import {
  allowedActions,
  ITEM_ACTION_NAMES,
  nextStatus,
  refusal,
  type ItemAction,
} from '../../../domain/lists/workflow.ts';
import {
  autoNoticeDue,
  diffWarnings,
  warningKey,
  itemColour,
  latestPercent,
  noticeEscalates,
  owedReports,
  warningConditions,
} from '../../../domain/lists/warnings.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { EventBus } from '../../events.ts';
import { AppError, notFound, validation } from '../../errors.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import type {
  AdjustmentRequest,
  ColourCounts,
  ItemDetail,
  ItemInput,
  ListCounts,
  ListFilter,
  ListItemRow,
  ListResponse,
  MonthlySummary,
  ReportRequest,
  RunWarningsResult,
  Todo,
  TodosResponse,
  UnitRecordResponse,
} from '../../../shared/api/lists.ts';
import { ATTACHMENT_MAX_BYTES, listRulesSchema } from '../../../shared/api/lists.ts';
import { sourceOf } from '../frameworks/framework.mapper.ts';
import { ListAccess } from './list.access.ts';
import { exportList, importTemplate, parseImport } from './list.excel.ts';
import { checkAttachment } from './list.files.ts';
import { dayOf, itemRef, parseIds, subjectOf, toItemRow, toWarning, unitName } from './list.mapper.ts';
import { isUniqueViolation, type ItemRow, type ListRepository, type NoticeRow } from './list.repository.ts';
import type { ListItemTable, ListQ } from './list.tables.ts';
import type { Insertable } from 'kysely';

const KIND_LETTER: Record<ListKind, string> = { upward: 'U', reform: 'R', project: 'P', task: 'T' };

/** Emptied counts per colour. */
function emptyCounts(): ColourCounts {
  return { total: 0, red: 0, yellow: 0, blue: 0, green: 0, none: 0 };
}

function countColours(rows: readonly { colour: ItemColour }[]): ColourCounts {
  const c = emptyCounts();
  for (const r of rows) {
    c.total++;
    c[r.colour]++;
  }
  return c;
}

export interface ListServiceDeps {
  repo: ListRepository;
  org: () => OrgIndex;
  clock: Clock;
  /** Largest attachment accepted, in bytes (also bounded by ATTACHMENT_MAX_BYTES). */
  uploadLimit: number;
  /** Where it says that the lists changed (they feed the evaluation; the cockpit shows them). */
  events: EventBus;
}

/**
 * The four lists with responsibility: items and their workflow, progress reports, warnings, supervision notices,
 * adjustments, the views (my to-dos, leaders, units) and the monthly summary. Every act checks the workflow
 * (src/domain/lists/workflow.ts) and the user's standing (list.access.ts), runs in one transaction, and recomputes
 * the item's warnings before it commits, so that what the user sees next is already up to date.
 */
export class ListService {
  private readonly repo: ListRepository;
  private readonly org: () => OrgIndex;
  private readonly clock: Clock;
  private readonly uploadLimit: number;
  private readonly events: EventBus;
  readonly access: ListAccess;
  /** Daily runs queue behind each other (a timer and a coordinator's click may coincide). */
  private runQueue: Promise<unknown> = Promise.resolve();

  constructor(deps: ListServiceDeps) {
    this.repo = deps.repo;
    this.org = deps.org;
    this.clock = deps.clock;
    this.uploadLimit = Math.min(deps.uploadLimit, ATTACHMENT_MAX_BYTES);
    this.events = deps.events;
    this.access = new ListAccess(deps.org);
  }

  /** Runs a write in one transaction; once it has committed, says that the lists changed. */
  private async write<T>(fn: (trx: ListQ) => Promise<T>): Promise<T> {
    const result = await this.repo.transaction(fn);
    this.events.emit('lists.changed', {});
    return result;
  }

  private today(): string {
    return chinaDate(this.clock.now());
  }

  // ——— rules ———

  async rules(q: ListQ = this.repo.k): Promise<ListRules> {
    const json = await this.repo.rules(q);
    if (json === null) return resolveListRules();
    const parsed = listRulesSchema.partial().safeParse(JSON.parse(json));
    return parsed.success ? resolveListRules(parsed.data) : resolveListRules();
  }

  async setRules(rules: ListRules): Promise<ListRules> {
    await this.write((trx) => this.repo.saveRules(trx, JSON.stringify(rules)));
    return this.rules();
  }

  // ——— reading ———

  private async teamNames(q: ListQ): Promise<Map<string, string>> {
    return new Map((await this.repo.workTeams(q)).map((t) => [t.id, t.name]));
  }

  /** Items as rows of the lists, with their counts of active warnings, open notices and pending adjustments. */
  private async toRows(q: ListQ, items: readonly ItemRow[]): Promise<ListItemRow[]> {
    const ids = items.map((i) => i.id);
    const [warnings, notices, adjustments, teams] = await Promise.all([
      this.repo.warnings(q, ids, { activeOnly: true }),
      this.repo.notices(q, ids),
      this.repo.adjustments(q, ids),
      this.teamNames(q),
    ]);
    const count = (xs: readonly { item_id: string }[]) => {
      const m = new Map<string, number>();
      for (const x of xs) m.set(x.item_id, (m.get(x.item_id) ?? 0) + 1);
      return m;
    };
    const w = count(warnings);
    const n = count(notices.filter((x) => x.status !== 'closed'));
    const a = count(adjustments.filter((x) => x.status === 'pending'));
    const org = this.org();
    return items.map((i) =>
      toItemRow(i, org, teams, {
        activeWarnings: w.get(i.id) ?? 0,
        openNotices: n.get(i.id) ?? 0,
        pendingAdjustment: (a.get(i.id) ?? 0) > 0,
      }),
    );
  }

  /** The items this user may see that pass the filter, as stored. */
  private async visibleItems(actor: Actor, f: ListFilter, q: ListQ = this.repo.k): Promise<ItemRow[]> {
    const org = this.org();
    const items = await this.repo.items(q, f);
    const needle = f.q?.toLowerCase();
    return items.filter((i) => {
      const ref = itemRef(i);
      if (!this.access.canSee(actor, ref)) return false;
      if (
        f.unit &&
        !org.within(ref.leadUnitId, [f.unit]) &&
        !ref.coUnitIds.some((u) => org.within(u, [f.unit as string]))
      )
        return false;
      if (f.district && (ref.districtId === null || !org.within(ref.districtId, [f.district]))) return false;
      if (needle && ![i.code, i.title, i.content].some((s) => s.toLowerCase().includes(needle))) return false;
      return true;
    });
  }

  /** The four lists, filtered: what the tables, their export and the cockpit's counts all show. */
  async list(actor: Actor, f: ListFilter): Promise<ListResponse> {
    const items = await this.visibleItems(actor, f);
    const all = f.leader ? await this.visibleItems(actor, {}) : items;
    const leaders = [...new Set(all.map((i) => i.leader_name))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    const order = (i: ItemRow) => LIST_KINDS.indexOf(i.kind as ListKind);
    const sorted = [...items].sort((a, b) => order(a) - order(b) || a.code.localeCompare(b.code));
    const rows = await this.toRows(this.repo.k, sorted);
    return { rows, total: rows.length, leaders };
  }

  /** Counts per list and colour, from exactly the rows `list` returns for the same filter. */
  async counts(actor: Actor, f: ListFilter): Promise<ListCounts> {
    this.access.assertAggregate(actor);
    const { rows } = await this.list(actor, f);
    return {
      byKind: LIST_KINDS.map((kind) => ({ kind, ...countColours(rows.filter((r) => r.kind === kind)) })),
      all: countColours(rows),
    };
  }

  private async visibleItem(actor: Actor, id: string, q: ListQ = this.repo.k): Promise<ItemRow> {
    const item = await this.repo.item(q, id);
    if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
    if (!this.access.canSee(actor, itemRef(item))) throw new AppError('OUT_OF_SCOPE');
    return item;
  }

  async detail(actor: Actor, id: string): Promise<ItemDetail> {
    const q = this.repo.k;
    const item = await this.visibleItem(actor, id);
    const ids = [id];
    const [milestones, reports, problems, warnings, notices, attachments, adjustments, history, rules] =
      await Promise.all([
        this.repo.milestones(q, ids),
        this.repo.reports(q, ids),
        this.repo.problems(q, ids),
        this.repo.warnings(q, ids),
        this.repo.notices(q, ids),
        this.repo.attachments(q, id),
        this.repo.adjustments(q, ids),
        this.repo.history(q, id),
        this.rules(),
      ]);
    const answers = await this.repo.answers(
      q,
      notices.map((n) => n.id),
    );
    const names = await this.repo.userNames(q, [
      ...reports.map((r) => r.reported_by),
      ...notices.map((n) => n.issued_by),
      ...answers.flatMap((a) => [a.answered_by, a.reviewed_by]),
      ...attachments.map((a) => a.uploaded_by),
      ...adjustments.flatMap((a) => [a.requested_by, a.decided_by]),
    ]);
    const name = (uid: string | null) => (uid === null ? null : (names.get(uid) ?? uid));
    const [row] = await this.toRows(q, [item]);
    const today = this.today();
    const ref = itemRef(item);
    const standing = this.access.standing(actor, ref);
    const pending = adjustments.find((a) => a.status === 'pending');
    // Nobody decides on their own request.
    const can = allowedActions(item.status as ItemStatus, standing, {
      pendingAdjustment: pending !== undefined,
    }).filter((a) => a !== 'decideAdjustment' || pending?.requested_by !== actor.userId);
    const canSupervise = standing.coordinator || standing.leader;
    const isLead = standing.leadUnit;
    let indicator: ItemDetail['indicator'] = null;
    if (item.target_indicator_code) {
      const info = await this.repo.indicatorName(q, item.target_indicator_code);
      const unitId = item.district_id ?? this.org().root()?.id ?? 'city';
      const points = await this.repo.indicatorValues(q, item.target_indicator_code, unitId, item.year - 1);
      indicator = info
        ? { code: item.target_indicator_code, name: info.name, unit: info.unit, orgUnitId: unitId, points }
        : null;
    }
    return {
      item: {
        ...(row as ListItemRow),
        content: item.content,
        contact: item.contact,
        originalTarget:
          item.original_floor !== null || item.original_stretch !== null
            ? { floor: item.original_floor, stretch: item.original_stretch }
            : null,
        source: sourceOf(item.source_doc, item.source_quote),
        generatedFields: parseIds(item.generated_fields),
        issuedAt: item.issued_at,
        acknowledgedAt: item.acknowledged_at,
        completionRequestedAt: item.completion_requested_at,
        closedAt: item.closed_at,
        cancelledAt: item.cancelled_at,
        elapsedPct: Math.round(timeElapsedShare(item.start_date, item.deadline, today) * 1000) / 10,
      },
      milestones: milestones.map((m) => ({
        id: m.id,
        seq: m.seq,
        title: m.title,
        plannedDate: m.planned_date,
        completedDate: m.completed_date,
        evidence: m.evidence,
        generated: m.generated === 1,
      })),
      reports: reports
        .map((r) => ({
          id: r.id,
          period: r.period,
          percent: r.percent,
          value: r.value,
          narrative: r.narrative,
          evidence: r.evidence,
          late: r.late === 1,
          generated: r.generated === 1,
          reportedAt: r.reported_at,
          reportedBy: name(r.reported_by),
          problems: problems
            .filter((p) => p.report_id === r.id)
            .map((p) => ({
              id: p.id,
              reportId: p.report_id,
              description: p.description,
              owner: p.owner,
              ownerUnitId: p.owner_unit_id,
              dueDate: p.due_date,
              status: p.status as 'open' | 'resolved',
              canResolve:
                p.status === 'open' &&
                (standing.leadUnit ||
                  standing.coordinator ||
                  (p.owner_unit_id !== null &&
                    this.access.isReporter(actor) &&
                    this.org().within(p.owner_unit_id, actor.entryScope))),
            })),
        }))
        .reverse(),
      owedReports: owedReports(subjectOf(item, milestones, reports), today, rules),
      warnings: warnings.map(toWarning).reverse(),
      notices: notices
        .map((n) => ({
          id: n.id,
          itemId: n.item_id,
          code: n.code,
          origin: n.origin as 'manual' | 'auto',
          problem: n.problem,
          issuedBy: name(n.issued_by),
          issuedAt: n.issued_at,
          dueDate: n.due_date,
          status: n.status as 'open' | 'answered' | 'closed',
          escalatedAt: n.escalated_at,
          closedAt: n.closed_at,
          version: n.version,
          answers: answers
            .filter((a) => a.notice_id === n.id)
            .map((a) => ({
              id: a.id,
              answer: a.answer,
              answeredBy: name(a.answered_by),
              answeredAt: a.answered_at,
              review: a.review as 'accepted' | 'returned' | null,
              reviewNote: a.review_note,
              reviewedBy: name(a.reviewed_by),
              reviewedAt: a.reviewed_at,
            })),
          canAnswer: isLead && n.status === 'open',
          canReview: canSupervise && n.status === 'answered',
        }))
        .reverse(),
      attachments: attachments.map((a) => ({
        id: a.id,
        reportId: a.report_id,
        fileName: a.file_name,
        contentType: a.content_type,
        size: a.size,
        uploadedAt: a.uploaded_at,
        uploadedBy: name(a.uploaded_by),
      })),
      adjustments: adjustments
        .map((a) => ({
          id: a.id,
          kind: a.kind as 'deadline' | 'target' | 'cancel',
          reason: a.reason,
          oldDeadline: a.old_deadline,
          newDeadline: a.new_deadline,
          oldFloor: a.old_floor,
          newFloor: a.new_floor,
          oldStretch: a.old_stretch,
          newStretch: a.new_stretch,
          requestedBy: name(a.requested_by),
          requestedAt: a.requested_at,
          status: a.status as 'pending' | 'approved' | 'rejected',
          decidedBy: name(a.decided_by),
          decidedAt: a.decided_at,
          decisionNote: a.decision_note,
          canDecide: a.status === 'pending' && can.includes('decideAdjustment'),
        }))
        .reverse(),
      history: history.map((h) => ({
        action: h.action,
        fromStatus: h.from_status,
        toStatus: h.to_status,
        note: h.note,
        userName: h.user_name ?? null,
        at: h.at,
      })),
      indicator,
      can,
      today,
    };
  }

  // ——— acts: the common frame ———

  /**
   * Runs one act on one item: locks it, checks the version the user saw, the workflow and the user's standing,
   * lets `fn` change it, writes the history, recomputes its warnings — all in one transaction.
   */
  private async act<T>(
    actor: Actor,
    id: string,
    action: ItemAction,
    version: number | null,
    fn: (
      trx: ListQ,
      item: ItemRow,
      now: string,
    ) => Promise<{ patch?: Partial<ItemRow>; note?: string | null; result: T }>,
  ): Promise<T> {
    const now = this.clock.now().toISOString();
    const rules = await this.rules();
    return this.write(async (trx) => {
      const item = await this.repo.lockItem(trx, id);
      if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
      const ref = itemRef(item);
      if (!this.access.canSee(actor, ref)) throw new AppError('OUT_OF_SCOPE');
      const why = refusal(item.status as ItemStatus, action, this.access.standing(actor, ref));
      if (why === 'standing') throw new AppError('FORBIDDEN');
      if (why === 'state') {
        const s = ITEM_STATUS_NAMES[item.status as ItemStatus];
        const a = ITEM_ACTION_NAMES[action];
        throw new AppError('INVALID_STATE', {
          zh: `事项当前状态为“${s.zh}”，不能${a.zh}`,
          en: `Cannot ${a.en.toLowerCase()}: the item is ${s.en.toLowerCase()}`,
        });
      }
      if (version !== null && version !== item.version) throw new AppError('CONFLICT');
      const { patch, note, result } = await fn(trx, item, now);
      // An approved cancellation sets the state itself; every other act follows the workflow table.
      const to = patch?.status ?? nextStatus(item.status as ItemStatus, action);
      const full = { ...patch, status: to, updated_at: now, updated_by: actor.userId };
      if (!(await this.repo.updateItem(trx, id, item.version, full))) throw new AppError('CONFLICT');
      await this.repo.addHistory(trx, [
        {
          item_id: id,
          action,
          from_status: item.status,
          to_status: to,
          note: note ?? null,
          user_id: actor.userId,
          at: now,
        },
      ]);
      const fresh = await this.repo.item(trx, id);
      if (fresh) await this.recompute(trx, fresh, chinaDate(new Date(now)), now, rules);
      return result;
    });
  }

  // ——— drafts ———

  private checkReferences(input: ItemInput, q: ListQ): Promise<FieldIssue[]> {
    const org = this.org();
    const issues: FieldIssue[] = [];
    if (!org.get(input.leadUnitId))
      issues.push({ field: 'leadUnitId', message: `未知单位 ${input.leadUnitId} / unknown org unit` });
    input.coUnitIds.forEach((u, n) => {
      if (!org.get(u)) issues.push({ field: `coUnitIds.${n}`, message: `未知单位 ${u} / unknown org unit` });
      if (u === input.leadUnitId)
        issues.push({
          field: `coUnitIds.${n}`,
          message: '配合单位不能与牵头单位相同 / the lead unit is not a co-operating unit',
        });
    });
    if (input.districtId && !org.get(input.districtId))
      issues.push({ field: 'districtId', message: `未知区县 ${input.districtId} / unknown district` });
    return (async () => {
      if (input.dimensionCode && !(await this.repo.frameworkHas(q, 'dimension', input.dimensionCode)))
        issues.push({
          field: 'dimensionCode',
          message: `指标体系中没有维度 ${input.dimensionCode} / no such dimension in the frameworks`,
        });
      const target = input.target?.indicatorCode;
      if (target && !(await this.repo.frameworkHas(q, 'indicator', target)))
        issues.push({
          field: 'target.indicatorCode',
          message: `指标体系中没有指标 ${target} / no such indicator in the frameworks`,
        });
      if (input.workTeamId) {
        const teams = await this.teamNames(q);
        if (!teams.has(input.workTeamId))
          issues.push({ field: 'workTeamId', message: `未知专班 ${input.workTeamId} / unknown work team` });
      }
      return issues;
    })();
  }

  private async nextCodes(q: ListQ, year: number, kind: ListKind, n: number): Promise<string[]> {
    const prefix = `${KIND_LETTER[kind]}-${year}-`;
    const existing = (await this.repo.items(q, { kind, year })).map((i) => i.code).filter((c) => c.startsWith(prefix));
    let max = 0;
    for (const c of existing) {
      const m = /^\D-\d{4}-(\d+)$/.exec(c);
      if (m) max = Math.max(max, Number(m[1]));
    }
    return Array.from({ length: n }, (_, i) => `${prefix}${String(max + i + 1).padStart(3, '0')}`);
  }

  private draftRow(actor: Actor, input: ItemInput, id: string, code: string, now: string): Insertable<ListItemTable> {
    return {
      id,
      code,
      kind: input.kind,
      year: input.year,
      title: input.title,
      content: input.content,
      dimension_code: input.dimensionCode,
      work_team_id: input.workTeamId,
      leader_name: input.leaderName,
      lead_unit_id: input.leadUnitId,
      co_unit_ids: JSON.stringify(input.coUnitIds),
      person_in_charge: input.personInCharge,
      contact: input.contact,
      district_id: input.districtId,
      start_date: input.startDate,
      deadline: input.deadline,
      original_deadline: null,
      target_unit: input.target?.unit ?? null,
      target_floor: input.target?.floor ?? null,
      target_stretch: input.target?.stretch ?? null,
      original_floor: null,
      original_stretch: null,
      target_indicator_code: input.target?.indicatorCode ?? null,
      status: 'drafted',
      colour: 'none',
      progress_pct: null,
      issued_at: null,
      issued_by: null,
      acknowledged_at: null,
      acknowledged_by: null,
      completion_requested_at: null,
      closed_at: null,
      closed_by: null,
      cancelled_at: null,
      source_doc: 'entered',
      source_quote: null,
      generated_fields: '[]',
      created_at: now,
      created_by: actor.userId,
      updated_at: now,
      updated_by: actor.userId,
      version: 1,
    };
  }

  private milestoneRows(itemId: string, input: ItemInput, actor: Actor, now: string) {
    return input.milestones.map((m, i) => ({
      id: crypto.randomUUID(),
      item_id: itemId,
      seq: i + 1,
      title: m.title,
      planned_date: m.plannedDate,
      completed_date: null,
      evidence: null,
      generated: 0,
      updated_at: now,
      updated_by: actor.userId,
    }));
  }

  /** Creates drafts (one, or a whole imported sheet) all or nothing; returns their ids and codes. */
  async createDrafts(actor: Actor, inputs: readonly ItemInput[]): Promise<{ id: string; code: string }[]> {
    const now = this.clock.now().toISOString();
    const issues: FieldIssue[] = [];
    for (const [n, input] of inputs.entries()) {
      const prefix = inputs.length > 1 ? `items.${n}.` : '';
      for (const i of await this.checkReferences(input, this.repo.k)) issues.push({ ...i, field: prefix + i.field });
    }
    if (issues.length > 0) throw validation(issues);
    for (const input of inputs) {
      if (
        !this.access.canDraft(actor, {
          leadUnitId: input.leadUnitId,
          coUnitIds: input.coUnitIds,
          districtId: input.districtId,
          workTeamId: input.workTeamId,
        })
      ) {
        throw new AppError('OUT_OF_SCOPE');
      }
    }
    return this.write(async (trx) => {
      const out: { id: string; code: string }[] = [];
      const codes = new Map<string, string[]>();
      for (const input of inputs) {
        const key = `${input.year}|${input.kind}`;
        if (!codes.has(key)) {
          codes.set(
            key,
            await this.nextCodes(
              trx,
              input.year,
              input.kind,
              inputs.filter((x) => `${x.year}|${x.kind}` === key).length,
            ),
          );
        }
        const code = codes.get(key)?.shift() as string;
        const id = crypto.randomUUID();
        await this.repo.insertItems(trx, [this.draftRow(actor, input, id, code, now)]);
        await this.repo.insertMilestones(trx, this.milestoneRows(id, input, actor, now));
        await this.repo.addHistory(trx, [
          {
            item_id: id,
            action: 'create',
            from_status: null,
            to_status: 'drafted',
            note: null,
            user_id: actor.userId,
            at: now,
          },
        ]);
        out.push({ id, code });
      }
      return out;
    });
  }

  async updateDraft(actor: Actor, id: string, version: number, input: ItemInput): Promise<void> {
    const issues = await this.checkReferences(input, this.repo.k);
    if (issues.length > 0) throw validation(issues);
    await this.act(actor, id, 'editDraft', version, async (trx, item, now) => {
      // The writer rule holds for what the draft becomes, not only for what it was.
      if (!this.access.canDraft(actor, input)) throw new AppError('OUT_OF_SCOPE');
      const row = this.draftRow(actor, input, id, item.code, now);
      await this.repo.replaceMilestones(trx, id, this.milestoneRows(id, input, actor, now));
      const { id: _i, code: _c, created_at: _a, created_by: _b, version: _v, status: _s, ...patch } = row;
      return { patch: { ...patch, generated_fields: '[]' }, result: undefined };
    });
  }

  async deleteDraft(actor: Actor, id: string, version: number): Promise<void> {
    await this.write(async (trx) => {
      const item = await this.repo.lockItem(trx, id);
      if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
      const why = refusal(item.status as ItemStatus, 'deleteDraft', this.access.standing(actor, itemRef(item)));
      if (why === 'standing')
        throw new AppError(this.access.canSee(actor, itemRef(item)) ? 'FORBIDDEN' : 'OUT_OF_SCOPE');
      if (why === 'state')
        throw new AppError('INVALID_STATE', {
          zh: '只能删除草稿；已下发的事项须申请撤销',
          en: 'Only drafts can be deleted; request a cancellation instead',
        });
      if (!(await this.repo.deleteItem(trx, id, version))) throw new AppError('CONFLICT');
    });
  }

  // ——— the workflow ———

  issue(actor: Actor, id: string, version: number, note: string | null) {
    return this.act(actor, id, 'issue', version, async (_trx, _item, now) => ({
      patch: { issued_at: now, issued_by: actor.userId },
      note,
      result: undefined,
    }));
  }

  acknowledge(actor: Actor, id: string, version: number, note: string | null) {
    return this.act(actor, id, 'acknowledge', version, async (_trx, _item, now) => ({
      patch: { acknowledged_at: now, acknowledged_by: actor.userId },
      note,
      result: undefined,
    }));
  }

  /** A month's progress report; a second report for the same month replaces the first (and its problems). */
  report(actor: Actor, id: string, req: ReportRequest) {
    return this.act(actor, id, 'report', req.version, async (trx, item, now) => {
      const today = chinaDate(new Date(now));
      if (req.period > monthOf(today))
        throw validation([
          { field: 'period', message: `不能报送未来月份 ${req.period} / cannot report on a future month` },
        ]);
      if (req.period < monthOf(item.start_date))
        throw validation([{ field: 'period', message: `${req.period} 早于事项开始日期 / before the item starts` }]);
      const rules = await this.rules(trx);
      const late = today > reportDueDate(req.period, rules.reportDay) ? 1 : 0;
      const existing = (await this.repo.reports(trx, [id])).find((r) => r.period === req.period);
      const reportId = existing?.id ?? crypto.randomUUID();
      const fields = {
        percent: req.percent,
        value: req.value,
        narrative: req.narrative,
        evidence: req.evidence,
        reported_at: now,
        reported_by: actor.userId,
        generated: 0,
      };
      if (existing) {
        await this.repo.updateReport(trx, reportId, { ...fields, late: existing.late === 1 ? 1 : late });
        await this.repo.deleteProblemsOfReport(trx, reportId);
      } else {
        await this.repo.insertReports(trx, [{ id: reportId, item_id: id, period: req.period, late, ...fields }]);
      }
      const org = this.org();
      const bad = req.problems.flatMap((p, n) =>
        p.ownerUnitId && !org.get(p.ownerUnitId)
          ? [{ field: `problems.${n}.ownerUnitId`, message: '未知单位 / unknown org unit' }]
          : [],
      );
      if (bad.length > 0) throw validation(bad);
      await this.repo.insertProblems(
        trx,
        req.problems.map((p) => ({
          id: crypto.randomUUID(),
          item_id: id,
          report_id: reportId,
          description: p.description,
          owner: p.owner,
          owner_unit_id: p.ownerUnitId,
          due_date: p.dueDate,
          status: 'open',
          resolved_at: null,
          resolved_by: null,
          created_at: now,
        })),
      );
      const all = await this.repo.reports(trx, [id]);
      const pct = latestPercent(all.map((r) => ({ period: r.period, percent: r.percent })));
      return {
        patch: { progress_pct: pct },
        note: `${req.period}：${req.percent}%${late ? '（逾期报送）' : ''}`,
        result: { reportId },
      };
    });
  }

  completeMilestone(
    actor: Actor,
    id: string,
    milestoneId: string,
    req: { version: number; completedDate: string; evidence: string },
  ) {
    return this.act(actor, id, 'completeMilestone', req.version, async (trx, _item, now) => {
      const m = (await this.repo.milestones(trx, [id])).find((x) => x.id === milestoneId);
      if (!m) throw notFound({ zh: '节点', en: 'Milestone' });
      if (m.completed_date !== null)
        throw new AppError('INVALID_STATE', { zh: '该节点已完成', en: 'The milestone is already completed' });
      if (req.completedDate > chinaDate(new Date(now)))
        throw validation([{ field: 'completedDate', message: '完成日期不能晚于今天 / cannot be in the future' }]);
      await this.repo.updateMilestone(trx, milestoneId, {
        completed_date: req.completedDate,
        evidence: req.evidence,
        updated_at: now,
        updated_by: actor.userId,
      });
      return { note: `${m.title}（${req.completedDate}）`, result: undefined };
    });
  }

  requestCompletion(actor: Actor, id: string, version: number, note: string | null) {
    return this.act(actor, id, 'requestCompletion', version, async (_trx, _item, now) => ({
      patch: { completion_requested_at: now },
      note,
      result: undefined,
    }));
  }

  close(actor: Actor, id: string, version: number, note: string | null) {
    return this.act(actor, id, 'close', version, async (_trx, _item, now) => ({
      patch: { closed_at: now, closed_by: actor.userId },
      note,
      result: undefined,
    }));
  }

  returnCompletion(actor: Actor, id: string, version: number, reason: string) {
    return this.act(actor, id, 'returnCompletion', version, async () => ({
      patch: { completion_requested_at: null },
      note: reason,
      result: undefined,
    }));
  }

  // ——— adjustments ———

  requestAdjustment(actor: Actor, id: string, req: AdjustmentRequest) {
    return this.act(actor, id, 'requestAdjustment', req.version, async (trx, item, now) => {
      if ((await this.repo.adjustments(trx, [id])).some((a) => a.status === 'pending')) {
        throw new AppError('INVALID_STATE', { zh: '已有待审批的调整申请', en: 'An adjustment is already pending' });
      }
      if (req.kind === 'deadline' && req.newDeadline !== null && req.newDeadline < item.start_date) {
        throw validation([{ field: 'newDeadline', message: '新的截止日期早于开始日期 / before the start' }]);
      }
      if (req.kind === 'target' && item.target_floor === null && item.target_stretch === null) {
        throw validation([{ field: 'kind', message: '该事项没有量化目标 / the item has no quantitative target' }]);
      }
      const adjustmentId = crypto.randomUUID();
      await this.repo.insertAdjustment(trx, {
        id: adjustmentId,
        item_id: id,
        kind: req.kind,
        reason: req.reason,
        old_deadline: req.kind === 'deadline' ? item.deadline : null,
        new_deadline: req.kind === 'deadline' ? req.newDeadline : null,
        old_floor: req.kind === 'target' ? item.target_floor : null,
        new_floor: req.kind === 'target' ? (req.newFloor ?? item.target_floor) : null,
        old_stretch: req.kind === 'target' ? item.target_stretch : null,
        new_stretch: req.kind === 'target' ? (req.newStretch ?? item.target_stretch) : null,
        requested_by: actor.userId,
        requested_at: now,
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
      });
      return { note: `${req.kind}：${req.reason}`, result: { adjustmentId } };
    });
  }

  /** Approves or rejects a pending adjustment; an approval applies it, keeping the original deadline or target. */
  async decideAdjustment(actor: Actor, adjustmentId: string, req: { approve: boolean; note: string | null }) {
    const adj = await this.repo.adjustment(this.repo.k, adjustmentId);
    if (!adj) throw notFound({ zh: '调整申请', en: 'Adjustment' });
    if (adj.requested_by === actor.userId) {
      throw new AppError('FORBIDDEN', { zh: '不能审批自己提出的申请', en: 'You cannot decide on your own request' });
    }
    return this.act(actor, adj.item_id, 'decideAdjustment', null, async (trx, item, now) => {
      const ok = await this.repo.decideAdjustment(trx, adjustmentId, {
        status: req.approve ? 'approved' : 'rejected',
        decided_by: actor.userId,
        decided_at: now,
        decision_note: req.note,
      });
      if (!ok) throw new AppError('INVALID_STATE', { zh: '该申请已审批', en: 'Already decided' });
      let patch: Partial<ItemRow> = {};
      if (req.approve && adj.kind === 'deadline' && adj.new_deadline) {
        patch = { deadline: adj.new_deadline, original_deadline: item.original_deadline ?? item.deadline };
      } else if (req.approve && adj.kind === 'target') {
        const first = item.original_floor === null && item.original_stretch === null;
        patch = {
          target_floor: adj.new_floor,
          target_stretch: adj.new_stretch,
          ...(first ? { original_floor: item.target_floor, original_stretch: item.target_stretch } : {}),
        };
      } else if (req.approve && adj.kind === 'cancel') {
        patch = { status: 'cancelled', cancelled_at: now };
      }
      return {
        patch,
        note: `${req.approve ? '同意' : '不同意'}${req.note ? `：${req.note}` : ''}`,
        result: { approved: req.approve },
      };
    });
  }

  // ——— supervision notices ———

  private async noticeCode(q: ListQ, now: string): Promise<string> {
    const year = Number(chinaDate(new Date(now)).slice(0, 4));
    const n = (await this.repo.noticeCountForYear(q, year)) + 1;
    return `督办〔${year}〕${n}号`;
  }

  async issueNotice(actor: Actor, itemId: string, req: { problem: string; dueDate: string | null }) {
    const today = this.today();
    const rules = await this.rules();
    const due = req.dueDate ?? addDays(today, rules.noticeAnswerDays);
    if (due < today)
      throw validation([{ field: 'dueDate', message: '答复期限不能早于今天 / the due date is in the past' }]);
    return this.act(actor, itemId, 'issueNotice', null, async (trx, _item, now) => {
      const noticeId = crypto.randomUUID();
      const code = await this.noticeCode(trx, now);
      await this.repo.insertNotice(trx, {
        id: noticeId,
        item_id: itemId,
        code,
        origin: 'manual',
        problem: req.problem,
        issued_by: actor.userId,
        issued_at: now,
        due_date: due,
        status: 'open',
        escalated_at: null,
        closed_at: null,
        version: 1,
      });
      return { note: `${code}，${due} 前答复`, result: { noticeId, code } };
    });
  }

  private async noticeWithItem(
    actor: Actor,
    noticeId: string,
    q: ListQ,
  ): Promise<{ notice: NoticeRow; item: ItemRow }> {
    const notice = await this.repo.notice(q, noticeId);
    if (!notice) throw notFound({ zh: '督办单', en: 'Supervision notice' });
    const item = await this.repo.lockItem(q, notice.item_id);
    if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
    if (!this.access.canSee(actor, itemRef(item))) throw new AppError('OUT_OF_SCOPE');
    return { notice: (await this.repo.notice(q, noticeId)) as NoticeRow, item };
  }

  async answerNotice(actor: Actor, noticeId: string, req: { version: number; answer: string }): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.write(async (trx) => {
      const { notice, item } = await this.noticeWithItem(actor, noticeId, trx);
      if (!this.access.standing(actor, itemRef(item)).leadUnit)
        throw new AppError('FORBIDDEN', {
          zh: '只有牵头单位可以答复督办单',
          en: 'Only the lead unit answers a notice',
        });
      if (notice.status !== 'open')
        throw new AppError('INVALID_STATE', { zh: '督办单不在待答复状态', en: 'The notice is not awaiting an answer' });
      if (!(await this.repo.updateNotice(trx, noticeId, req.version, { status: 'answered' })))
        throw new AppError('CONFLICT');
      await this.repo.insertAnswer(trx, {
        id: crypto.randomUUID(),
        notice_id: noticeId,
        answer: req.answer,
        answered_by: actor.userId,
        answered_at: now,
        review: null,
        review_note: null,
        reviewed_by: null,
        reviewed_at: null,
      });
      await this.repo.addHistory(trx, [
        {
          item_id: item.id,
          action: 'answerNotice',
          from_status: null,
          to_status: null,
          note: notice.code,
          user_id: actor.userId,
          at: now,
        },
      ]);
    });
  }

  async reviewAnswer(
    actor: Actor,
    noticeId: string,
    req: { version: number; accept: boolean; note: string | null; dueDate: string | null },
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    const today = chinaDate(new Date(now));
    const rules = await this.rules();
    await this.write(async (trx) => {
      const { notice, item } = await this.noticeWithItem(actor, noticeId, trx);
      const s = this.access.standing(actor, itemRef(item));
      if (!s.coordinator && !s.leader)
        throw new AppError('FORBIDDEN', {
          zh: '只有共富办或领导可以审核督办答复',
          en: 'Only the coordination centre or a leader reviews an answer',
        });
      if (notice.status !== 'answered')
        throw new AppError('INVALID_STATE', { zh: '督办单没有待审核的答复', en: 'No answer awaits review' });
      const due = req.dueDate ?? addDays(today, rules.noticeAnswerDays);
      if (!req.accept && due < today)
        throw validation([{ field: 'dueDate', message: '答复期限不能早于今天 / the due date is in the past' }]);
      const patch = req.accept ? { status: 'closed', closed_at: now } : { status: 'open', due_date: due };
      if (!(await this.repo.updateNotice(trx, noticeId, req.version, patch))) throw new AppError('CONFLICT');
      const last = (await this.repo.answers(trx, [noticeId])).at(-1);
      if (last)
        await this.repo.updateAnswer(trx, last.id, {
          review: req.accept ? 'accepted' : 'returned',
          review_note: req.note,
          reviewed_by: actor.userId,
          reviewed_at: now,
        });
      await this.repo.addHistory(trx, [
        {
          item_id: item.id,
          action: req.accept ? 'acceptAnswer' : 'returnAnswer',
          from_status: null,
          to_status: null,
          note: `${notice.code}${req.note ? `：${req.note}` : ''}`,
          user_id: actor.userId,
          at: now,
        },
      ]);
    });
  }

  // ——— Excel ———

  async importTemplate(): Promise<Buffer> {
    return importTemplate(this.org(), await this.repo.workTeams(this.repo.k));
  }

  /** Any filtered list as a workbook: exactly the rows the table shows. */
  async exportXlsx(actor: Actor, f: ListFilter): Promise<Buffer> {
    this.access.assertAggregate(actor);
    const { rows } = await this.list(actor, f);
    const kind = f.kind ? LIST_KIND_NAMES[f.kind].zh : '四张清单';
    return exportList(rows, `${kind}（导出于 ${this.today()}，共 ${rows.length} 项）`);
  }

  /** A filled template becomes drafts, all or nothing; every bad cell is reported with its row and column. */
  async importXlsx(actor: Actor, data: Buffer): Promise<{ created: number; codes: string[] }> {
    const { inputs, issues } = await parseImport(data, this.org(), await this.repo.workTeams(this.repo.k));
    if (issues.length > 0) throw new AppError('UNPROCESSABLE', undefined, issues);
    const created = await this.createDrafts(actor, inputs);
    return { created: created.length, codes: created.map((c) => c.code) };
  }

  /**
   * A problem needing co-ordination is solved: said by the lead unit, by the unit that owns the problem, or by the
   * coordination centre.
   */
  async resolveProblem(actor: Actor, problemId: string): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.write(async (trx) => {
      const p = await this.repo.problem(trx, problemId);
      if (!p) throw notFound({ zh: '问题', en: 'Problem' });
      const item = await this.repo.lockItem(trx, p.item_id);
      if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
      const ref = itemRef(item);
      const owner =
        p.owner_unit_id !== null &&
        this.access.isReporter(actor) &&
        this.org().within(p.owner_unit_id, actor.entryScope);
      const s = this.access.standing(actor, ref);
      if (!s.leadUnit && !s.coordinator && !owner) {
        throw new AppError(this.access.canSee(actor, ref) || owner ? 'FORBIDDEN' : 'OUT_OF_SCOPE');
      }
      if (!(await this.repo.resolveProblem(trx, problemId, now, actor.userId))) {
        throw new AppError('INVALID_STATE', { zh: '该问题已解决', en: 'Already resolved' });
      }
      await this.repo.addHistory(trx, [
        {
          item_id: item.id,
          action: 'resolveProblem',
          from_status: null,
          to_status: null,
          note: p.description,
          user_id: actor.userId,
          at: now,
        },
      ]);
    });
  }

  // ——— attachments ———

  async attach(actor: Actor, itemId: string, file: { fileName: string; data: Buffer }, reportId: string | null) {
    const check = checkAttachment(file.fileName, file.data, this.uploadLimit);
    if (!check.ok) {
      throw new AppError(
        file.data.length > this.uploadLimit ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION',
        { zh: check.zh, en: check.en },
        [{ field: 'file', message: `${check.zh} / ${check.en}` }],
      );
    }
    return this.act(actor, itemId, 'attach', null, async (trx, _item, now) => {
      if (reportId && !(await this.repo.reports(trx, [itemId])).some((r) => r.id === reportId))
        throw notFound({ zh: '进展报告', en: 'Report' });
      const id = crypto.randomUUID();
      await this.repo.insertAttachment(trx, {
        id,
        item_id: itemId,
        report_id: reportId,
        file_name: check.fileName,
        content_type: check.contentType,
        size: file.data.length,
        sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
        uploaded_at: now,
        uploaded_by: actor.userId,
      });
      return { note: check.fileName, result: { id, fileName: check.fileName, size: file.data.length } };
    });
  }

  async download(actor: Actor, attachmentId: string) {
    const a = await this.repo.attachment(this.repo.k, attachmentId);
    if (!a) throw notFound({ zh: '附件', en: 'Attachment' });
    await this.visibleItem(actor, a.item_id);
    return { fileName: a.file_name, contentType: a.content_type, data: Buffer.from(a.data) };
  }

  // ——— warnings ———

  /**
   * Brings one item's warnings up to date with `today`: raises what newly holds, clears what no longer does, and
   * stores the item's colour. Runs inside the caller's transaction, with the item locked.
   */
  private async recompute(
    q: ListQ,
    item: ItemRow,
    today: string,
    at: string,
    rules: ListRules,
  ): Promise<{ raised: number; cleared: number }> {
    const [milestones, reports, active] = await Promise.all([
      this.repo.milestones(q, [item.id]),
      this.repo.reports(q, [item.id]),
      this.repo.warnings(q, [item.id], { activeOnly: true }),
    ]);
    const conditions = warningConditions(subjectOf(item, milestones, reports), today, rules);
    const recorded = active.map((w) => ({ ...w, kind: w.kind as WarningKind, colour: w.colour as WarningColour }));
    const { raise, clear } = diffWarnings(recorded, conditions);
    const live = LIVE_STATUSES.includes(item.status as ItemStatus);
    const reason = live
      ? '条件已消除 / the condition no longer holds'
      : `事项${ITEM_STATUS_NAMES[item.status as ItemStatus].zh} / item ${item.status}`;
    await this.repo.clearWarnings(
      q,
      clear.map((w) => w.id),
      at,
      reason,
    );
    await this.repo.insertWarnings(
      q,
      raise.map((c) => ({
        id: crypto.randomUUID(),
        item_id: item.id,
        kind: c.kind,
        ref: c.ref,
        colour: c.colour,
        reason_zh: c.reason.zh,
        reason_en: c.reason.en,
        raised_at: at,
        cleared_at: null,
        clear_reason: null,
      })),
    );
    // A warning that stays keeps its raise time; its explanation follows the facts of today.
    const held = new Map(conditions.map((c) => [warningKey(c), c]));
    for (const w of active) {
      const c = held.get(warningKey({ kind: w.kind as WarningKind, ref: w.ref }));
      if (c && c.colour === w.colour && (c.reason.zh !== w.reason_zh || c.reason.en !== w.reason_en)) {
        await this.repo.updateWarningReason(q, w.id, c.reason.zh, c.reason.en);
      }
    }
    const colour = itemColour(
      item.status as ItemStatus,
      conditions.map((c) => c.colour),
    );
    if (colour !== item.colour) await this.repo.setComputed(q, item.id, { colour });
    return { raised: raise.length, cleared: clear.length };
  }

  /**
   * The daily run (a timer in the server; the coordination centre on demand; tests with a test clock): every item's
   * warnings brought up to date with the day of `now`; a supervision notice issued by itself on an item with
   * repeated yellow warnings; notices unanswered past their date escalated. Runs queue behind each other.
   */
  runDailyWarnings(now: Date): Promise<RunWarningsResult> {
    // One signal for the whole run (it commits item by item), also when it stops part-way.
    const run = this.runQueue.then(() => this.runOnce(now).finally(() => this.events.emit('lists.changed', {})));
    this.runQueue = run.catch(() => undefined);
    return run;
  }

  private async runOnce(now: Date): Promise<RunWarningsResult> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const rules = await this.rules();
    const q = this.repo.k;
    const live = await this.repo.itemsByStatus(q, [...LIVE_STATUSES, 'completionRequested']);
    const ids = [...new Set([...live.map((i) => i.id), ...(await this.repo.itemIdsWithActiveWarnings(q))])];
    const result: RunWarningsResult = {
      today,
      items: ids.length,
      raised: 0,
      cleared: 0,
      noticesIssued: 0,
      escalated: 0,
    };
    for (const id of ids) {
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await this.repo.transaction(async (trx) => {
            const item = await this.repo.lockItem(trx, id);
            if (!item) return { raised: 0, cleared: 0, notice: false };
            const c = await this.recompute(trx, item, today, at, rules);
            const notice = await this.autoNotice(trx, item, at, today, rules);
            return { ...c, notice };
          });
          result.raised += r.raised;
          result.cleared += r.cleared;
          if (r.notice) result.noticesIssued++;
          break;
        } catch (e) {
          // A user's act recomputed the same item between our read and our write: once more, from the top.
          if (attempt === 0 && isUniqueViolation(e)) continue;
          throw e;
        }
      }
    }
    for (const n of await this.repo.noticesByStatus(q, ['open'])) {
      if (!noticeEscalates({ status: n.status, dueDate: n.due_date, escalated: n.escalated_at !== null }, today))
        continue;
      await this.repo.transaction(async (trx) => {
        if (await this.repo.updateNotice(trx, n.id, n.version, { escalated_at: at })) {
          await this.repo.addHistory(trx, [
            {
              item_id: n.item_id,
              action: 'escalateNotice',
              from_status: null,
              to_status: null,
              note: `${n.code} 逾期未答复（应于 ${n.due_date} 前），已提请责任领导督办`,
              user_id: null,
              at,
            },
          ]);
          result.escalated++;
        }
      });
    }
    return result;
  }

  private async autoNotice(q: ListQ, item: ItemRow, at: string, today: string, rules: ListRules): Promise<boolean> {
    if (!LIVE_STATUSES.includes(item.status as ItemStatus) || rules.autoNoticeAfterYellow <= 0) return false;
    const notices = await this.repo.notices(q, [item.id]);
    const open = notices.some((n) => n.status !== 'closed');
    const last = notices.at(-1)?.issued_at ?? null;
    const yellow = await this.repo.yellowRaisedSince(q, item.id, last);
    if (!autoNoticeDue(yellow, open, rules)) return false;
    const active = (await this.repo.warnings(q, [item.id], { activeOnly: true })).filter((w) => w.colour !== 'blue');
    const code = await this.noticeCode(q, at);
    const due = addDays(today, rules.noticeAnswerDays);
    await this.repo.insertNotice(q, {
      id: crypto.randomUUID(),
      item_id: item.id,
      code,
      origin: 'auto',
      problem: `自${last ? ` ${dayOf(last)} 上次督办以来` : '下发以来'}已累计 ${yellow} 次黄牌预警，请说明原因及整改措施。${active.length > 0 ? `当前：${active.map((w) => w.reason_zh).join('；')}` : ''}`,
      issued_by: null,
      issued_at: at,
      due_date: due,
      status: 'open',
      escalated_at: null,
      closed_at: null,
      version: 1,
    });
    await this.repo.addHistory(q, [
      {
        item_id: item.id,
        action: 'autoNotice',
        from_status: null,
        to_status: null,
        note: `${code}（系统自动），${due} 前答复`,
        user_id: null,
        at,
      },
    ]);
    return true;
  }

  // ——— views ———

  /** What the signed-in user must do, with due dates; late first, then by due date. */
  async todos(actor: Actor): Promise<TodosResponse> {
    const q = this.repo.k;
    const today = this.today();
    const rules = await this.rules();
    const items = await this.visibleItems(actor, {});
    const byId = new Map(items.map((i) => [i.id, i]));
    const ids = items.map((i) => i.id);
    const [reports, notices, adjustments] = await Promise.all([
      this.repo.reports(q, ids),
      this.repo.notices(q, ids),
      this.repo.adjustments(q, ids),
    ]);
    const answers = await this.repo.answers(
      q,
      notices.filter((n) => n.status === 'answered').map((n) => n.id),
    );
    const org = this.org();
    const out: Todo[] = [];
    const push = (
      kind: Todo['kind'],
      i: ItemRow,
      dueDate: string,
      ref = '',
      extra: { noticeId?: string; adjustmentId?: string } = {},
    ) => {
      const daysLate = Math.max(0, daysBetween(dueDate, today));
      out.push({
        kind,
        itemId: i.id,
        itemCode: i.code,
        itemTitle: i.title,
        listKind: i.kind as ListKind,
        leadUnitName: unitName(org, i.lead_unit_id) ?? i.lead_unit_id,
        dueDate,
        late: daysLate > 0,
        daysLate,
        ref,
        noticeId: extra.noticeId ?? null,
        adjustmentId: extra.adjustmentId ?? null,
      });
    };
    for (const i of items) {
      const s = this.access.standing(actor, itemRef(i));
      if (s.leadUnit) {
        if (i.status === 'issued') push('acknowledge', i, addDays(dayOf(i.issued_at) ?? today, rules.acknowledgeDays));
        const mine = reports.filter((r) => r.item_id === i.id);
        for (const r of owedReports(subjectOf(i, [], mine), today, rules))
          if (!r.submitted) push('report', i, r.dueDate, r.period);
      }
      if ((s.reviewer || s.coordinator) && i.status === 'completionRequested') {
        push('reviewCompletion', i, addDays(dayOf(i.completion_requested_at) ?? today, rules.reviewDays));
      }
    }
    for (const n of notices) {
      const i = byId.get(n.item_id) as ItemRow;
      const s = this.access.standing(actor, itemRef(i));
      if (s.leadUnit && n.status === 'open') push('answerNotice', i, n.due_date, n.code, { noticeId: n.id });
      if ((s.coordinator || s.leader) && n.status === 'answered') {
        const a = answers.filter((x) => x.notice_id === n.id).at(-1);
        push('reviewAnswer', i, addDays(dayOf(a?.answered_at ?? n.issued_at) ?? today, rules.reviewDays), n.code, {
          noticeId: n.id,
        });
      }
      if ((s.coordinator || s.leader) && n.status === 'open' && n.escalated_at !== null)
        push('escalatedNotice', i, n.due_date, n.code, { noticeId: n.id });
    }
    for (const a of adjustments) {
      if (a.status !== 'pending' || a.requested_by === actor.userId) continue;
      const i = byId.get(a.item_id) as ItemRow;
      const s = this.access.standing(actor, itemRef(i));
      if ((s.coordinator || s.leader) && LIVE_STATUSES.includes(i.status as ItemStatus)) {
        push('reviewAdjustment', i, addDays(dayOf(a.requested_at) ?? today, rules.reviewDays), a.kind, {
          adjustmentId: a.id,
        });
      }
    }
    out.sort(
      (a, b) =>
        Number(b.late) - Number(a.late) || a.dueDate.localeCompare(b.dueDate) || a.itemCode.localeCompare(b.itemCode),
    );
    return { today, items: out, late: out.filter((t) => t.late).length };
  }

  /** Items by responsible leader and colour, the most red first. */
  async leaderView(actor: Actor, f: ListFilter) {
    this.access.assertAggregate(actor);
    const { rows } = await this.list(actor, f);
    const groups = new Map<string, ListItemRow[]>();
    for (const r of rows) groups.set(r.leaderName, [...(groups.get(r.leaderName) ?? []), r]);
    const sorted = [...groups.entries()].map(([leaderName, items]) => ({
      leaderName,
      counts: countColours(items),
      items: [...items].sort(
        (a, b) => COLOUR_SEVERITY[b.colour] - COLOUR_SEVERITY[a.colour] || a.code.localeCompare(b.code),
      ),
    }));
    sorted.sort(
      (a, b) =>
        b.counts.red - a.counts.red ||
        b.counts.yellow - a.counts.yellow ||
        a.leaderName.localeCompare(b.leaderName, 'zh-CN'),
    );
    return { groups: sorted };
  }

  private async recordOf(unitId: string, year: number, items: readonly ItemRow[]): Promise<UnitRecordResponse> {
    const q = this.repo.k;
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    const ids = new Set(items.map((i) => i.id));
    const [warnings, notices] = await Promise.all([
      this.repo.warningsRaisedBetween(q, from, to),
      this.repo.noticesIssuedBetween(q, from, to),
    ]);
    const rules = await this.rules();
    const r = unitRecord(
      {
        items: items.map((i) => ({
          status: i.status as ItemStatus,
          deadline: i.deadline,
          colour: i.colour as ItemColour,
          completionRequestedOn: dayOf(i.completion_requested_at),
        })),
        warnings: warnings.filter((w) => ids.has(w.item_id)).map((w) => w.colour as WarningColour),
        notices: notices.filter((n) => ids.has(n.item_id)).map((n) => ({ escalated: n.escalated_at !== null })),
      },
      this.today(),
      rules.score,
    );
    return { unitId, unitName: unitName(this.org(), unitId) ?? unitId, year, ...r };
  }

  /** The items a unit leads (it or a unit under it) that run in `year`. */
  /**
   * The items a unit leads (it or a unit under it) that were being worked on in `year`: started by its end, and
   * either due in it or later, or still open in it (an item overdue since last year counts again).
   */
  private unitItems(all: readonly ItemRow[], unitId: string, year: number): ItemRow[] {
    const org = this.org();
    const first = `${year}-01-01`;
    return all.filter((i) => {
      if (!org.within(i.lead_unit_id, [unitId]) || i.status === 'drafted' || i.start_date > `${year}-12-31`)
        return false;
      if (i.deadline >= first) return true;
      const ended = dayOf(i.closed_at) ?? dayOf(i.cancelled_at) ?? dayOf(i.completion_requested_at);
      return ended === null || ended >= first;
    });
  }

  /**
   * 共同富裕改革事项按期推进率 (indicator D1-01) per unit, the lists' feed to the evaluation: of the reform items the
   * unit or a unit under it leads that were worked on in `year` (cancelled ones aside), the share on schedule — no
   * yellow or red warning in force, or closed — × 100, one decimal. Units that lead no reform item get no value.
   *
   * @example 西区 leads 8 reform items, 6 without warnings, 1 closed, 1 red → 87.5
   */
  async reformOnSchedule(unitIds: readonly string[], year: number): Promise<Map<string, number>> {
    const all = await this.repo.items(this.repo.k, {});
    const out = new Map<string, number>();
    for (const unitId of unitIds) {
      const items = this.unitItems(all, unitId, year).filter((i) => i.kind === 'reform' && i.status !== 'cancelled');
      if (items.length === 0) continue;
      const onSchedule = items.filter((i) => i.status === 'closed' || (i.colour !== 'yellow' && i.colour !== 'red'));
      out.set(unitId, Math.round((onSchedule.length / items.length) * 1000) / 10);
    }
    return out;
  }

  /** A unit's own items and its record. */
  async unitView(actor: Actor, unitId: string, year: number) {
    if (!this.org().get(unitId)) throw notFound({ zh: `单位 ${unitId}`, en: `Org unit ${unitId}` });
    if (!this.access.canSeeUnit(actor, unitId)) throw new AppError('OUT_OF_SCOPE');
    const all = await this.repo.items(this.repo.k, {});
    const items = this.unitItems(all, unitId, year);
    const record = await this.recordOf(unitId, year, items);
    const org = this.org();
    const shown = (await this.visibleItems(actor, { unit: unitId })).filter((i) =>
      org.within(i.lead_unit_id, [unitId]),
    );
    return { record, items: await this.toRows(this.repo.k, shown) };
  }

  /** The record of every unit that leads items in `year` and that the user may see, best score first. */
  async unitRecords(actor: Actor, year: number): Promise<UnitRecordResponse[]> {
    this.access.assertAggregate(actor);
    const all = await this.repo.items(this.repo.k, {});
    const leads = [...new Set(all.map((i) => i.lead_unit_id))].filter((u) => this.access.canSeeUnit(actor, u));
    const out: UnitRecordResponse[] = [];
    for (const u of leads) {
      const items = this.unitItems(all, u, year).filter((i) => i.lead_unit_id === u);
      if (items.length > 0) out.push(await this.recordOf(u, year, items));
    }
    return out.sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  }

  /**
   * The monthly progress summary for the bulletin (通报): every item worked on in `period` that the user may see —
   * its status, colour, the month's report (or its absence), the warnings in force and the open problems — the
   * items behind schedule first.
   */
  async monthlySummary(actor: Actor, period: string): Promise<MonthlySummary> {
    this.access.assertAggregate(actor);
    const q = this.repo.k;
    const first = `${period}-01`;
    const last = reportDueDate(period, 31);
    const today = this.today();
    // The month as it was: items issued by its end and not closed or cancelled before it began; warnings in force
    // at some time during it. For the current month that is simply what is live and active now.
    const items = (await this.visibleItems(actor, {})).filter((i) => {
      const issued = dayOf(i.issued_at);
      if (i.status === 'drafted' || issued === null || issued > last) return false;
      const ended = dayOf(i.closed_at) ?? dayOf(i.cancelled_at);
      return ended === null || ended >= first;
    });
    const ids = items.map((i) => i.id);
    const rules = await this.rules();
    const [reports, warnings, problems] = await Promise.all([
      this.repo.reports(q, ids),
      this.repo.warnings(q, ids),
      this.repo.problems(q, ids),
    ]);
    const org = this.org();
    const rows = items.map((i) => {
      const mine = reports.filter((x) => x.item_id === i.id && x.period <= period);
      const r = mine.find((x) => x.period === period) ?? null;
      const during = warnings.filter(
        (w) =>
          w.item_id === i.id &&
          (dayOf(w.raised_at) ?? '') <= last &&
          (w.cleared_at === null || (dayOf(w.cleared_at) ?? '') >= first),
      );
      const ended = dayOf(i.closed_at) ?? dayOf(i.cancelled_at);
      const liveInMonth = ended === null || ended > last ? 'inProgress' : (i.status as ItemStatus);
      return {
        itemId: i.id,
        code: i.code,
        kind: i.kind as ListKind,
        title: i.title,
        leadUnitName: unitName(org, i.lead_unit_id) ?? i.lead_unit_id,
        leaderName: i.leader_name,
        status: i.status as ItemStatus,
        colour: itemColour(
          liveInMonth,
          during.map((w) => w.colour as WarningColour),
        ),
        deadline: i.deadline,
        percent: r?.percent ?? latestPercent(mine.map((x) => ({ period: x.period, percent: x.percent }))),
        reported: r !== null,
        reportLate: r ? r.late === 1 : today > reportDueDate(period, rules.reportDay),
        narrative: r?.narrative ?? null,
        warnings: during.map((w) => `${WARNING_KIND_NAMES[w.kind as WarningKind].zh}：${w.reason_zh}`),
        openProblems: problems.filter((p) => p.item_id === i.id && p.status === 'open').length,
      };
    });
    rows.sort((a, b) => COLOUR_SEVERITY[b.colour] - COLOUR_SEVERITY[a.colour] || a.code.localeCompare(b.code));
    return { period, rows };
  }
}
