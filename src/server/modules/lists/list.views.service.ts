import { addDays, daysBetween, reportDueDate, timeElapsedShare } from '../../../domain/lists/dates.ts';
import { LIST_ITEM_PERSONAL } from '../../security/personal-data.ts';
import type { ListRules } from '../../../domain/lists/rules.ts';
import { unitRecord } from '../../../domain/lists/record.ts';
import {
  COLOUR_SEVERITY,
  LIST_KIND_NAMES,
  LIST_KINDS,
  LIVE_STATUSES,
  WARNING_KIND_NAMES,
  type ItemColour,
} from '../../../domain/lists/types.ts';
import { allowedActions } from '../../../domain/lists/workflow.ts';
import { itemColour, latestPercent, owedReports } from '../../../domain/lists/warnings.ts';
import type { Actor } from '../../access/policy.ts';
import { AppError, notFound } from '../../errors.ts';
import type {
  ColourCounts,
  ItemDetail,
  ListCounts,
  ListFilter,
  ListItemRow,
  ListResponse,
  MonthlySummary,
  Todo,
  TodosResponse,
  UnitRecordResponse,
} from '../../../shared/api/lists.ts';
import { sourceOf } from '../frameworks/framework.mapper.ts';
import { ListCore } from './list.core.ts';
import { exportList } from './list.excel.ts';
import { dayOf, itemRef, parseIds, subjectOf, toWarning, unitName } from './list.mapper.ts';
import type { ItemRow, NoticeRow, WarningRow } from './list.repository.ts';

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

function groupByItem<T extends { item_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.item_id);
    if (list) list.push(r);
    else m.set(r.item_id, [r]);
  }
  return m;
}

/** What every unit's record of a year is computed from, read once for all of them. */
interface RecordSources {
  warnings: ReadonlyMap<string, readonly WarningRow[]>;
  notices: ReadonlyMap<string, readonly NoticeRow[]>;
  rules: ListRules;
}

/**
 * What the lists show: the filtered lists and their counts (the tables, the export, the cockpit), an item's page,
 * my to-dos, the leaders' and the units' views with the units' records, the monthly summary for the bulletin, and
 * the reform items on schedule that feed indicator D1-01. Reads only.
 */
export class ListViewService {
  private readonly core: ListCore;

  constructor(core: ListCore) {
    this.core = core;
  }

  private get repo() {
    return this.core.repo;
  }

  /** The four lists, filtered: what the tables, their export and the cockpit's counts all show. */
  async list(actor: Actor, f: ListFilter): Promise<ListResponse> {
    const items = await this.core.visibleItems(actor, f);
    const all = f.leader ? await this.core.visibleItems(actor, {}) : items;
    const leaders = [...new Set(all.map((i) => i.leader_name))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    const rows = await this.core.toRows(this.repo.k, ListCore.inListOrder(items));
    return { rows, total: rows.length, leaders };
  }

  /** Counts per list and colour, from exactly the rows `list` returns for the same filter. */
  async counts(actor: Actor, f: ListFilter): Promise<ListCounts> {
    this.core.access().aggregateScope(actor);
    const { rows } = await this.list(actor, f);
    return {
      byKind: LIST_KINDS.map((kind) => ({ kind, ...countColours(rows.filter((r) => r.kind === kind)) })),
      all: countColours(rows),
    };
  }

  /**
   * One item's page. Its persons in charge are masked unless `unmask` is asked by a role the personal-data policy
   * lets see them (LIST_ITEM_PERSONAL); an unmasked view is written to the audit trail before it leaves.
   */
  async detail(actor: Actor, id: string, unmask = false): Promise<ItemDetail> {
    const q = this.repo.k;
    const item = await this.core.visibleItem(actor, id);
    const personal = this.core.personal.reveal(LIST_ITEM_PERSONAL, item, { role: actor.role, unmask });
    if (personal.unmasked) {
      await this.core.auditor.view({
        objectType: 'listItem',
        objectId: id,
        detail: { fields: Object.keys(LIST_ITEM_PERSONAL.fields), unmasked: true },
      });
    }
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
        this.core.rules(),
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
    const [row] = await this.core.toRows(q, [item]);
    const today = this.core.today();
    const ref = itemRef(item);
    const standing = this.core.access().itemStanding(actor, ref);
    const pending = adjustments.find((a) => a.status === 'pending');
    // Nobody decides on their own request.
    const can = allowedActions(item.status, standing, {
      pendingAdjustment: pending !== undefined,
    }).filter((a) => a !== 'decideAdjustment' || pending?.requested_by !== actor.userId);
    const canSupervise = standing.coordinator || standing.leader;
    const isLead = standing.leadUnit;
    let indicator: ItemDetail['indicator'] = null;
    if (item.target_indicator_code) {
      const info = await this.repo.indicatorName(q, item.target_indicator_code);
      const unitId = item.district_id ?? this.core.org().root()?.id ?? 'city';
      const points = await this.repo.indicatorValues(q, item.target_indicator_code, unitId, item.year - 1);
      indicator = info
        ? { code: item.target_indicator_code, name: info.name, unit: info.unit, orgUnitId: unitId, points }
        : null;
    }
    return {
      item: {
        ...(row as ListItemRow),
        personInCharge: personal.values.personInCharge ?? '',
        content: item.content,
        contact: personal.values.contact ?? '',
        personalData: {
          unmasked: personal.unmasked,
          mayUnmask: this.core.personal.mayUnmask(LIST_ITEM_PERSONAL, actor.role),
        },
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
              status: p.status,
              canResolve:
                p.status === 'open' &&
                (standing.leadUnit || standing.coordinator || this.core.access().ownsProblem(actor, p.owner_unit_id)),
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
          origin: n.origin,
          problem: n.problem,
          issuedBy: name(n.issued_by),
          issuedAt: n.issued_at,
          dueDate: n.due_date,
          status: n.status,
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
              review: a.review,
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
          kind: a.kind,
          reason: a.reason,
          oldDeadline: a.old_deadline,
          newDeadline: a.new_deadline,
          oldFloor: a.old_floor,
          newFloor: a.new_floor,
          oldStretch: a.old_stretch,
          newStretch: a.new_stretch,
          requestedBy: name(a.requested_by),
          requestedAt: a.requested_at,
          status: a.status,
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

  async exportXlsx(actor: Actor, f: ListFilter): Promise<Buffer> {
    this.core.access().aggregateScope(actor);
    const { rows } = await this.list(actor, f);
    const kind = f.kind ? LIST_KIND_NAMES[f.kind].zh : '四张清单';
    return exportList(
      rows,
      `${kind}（导出于 ${this.core.today()}，共 ${rows.length} 项）`,
      await this.repo.dimensionNames(this.repo.k),
    );
  }

  async download(actor: Actor, attachmentId: string) {
    const a = await this.repo.attachment(this.repo.k, attachmentId);
    if (!a) throw notFound({ zh: '附件', en: 'Attachment' });
    await this.core.visibleItem(actor, a.item_id);
    return { fileName: a.file_name, contentType: a.content_type, data: Buffer.from(a.data) };
  }

  /** What the signed-in user must do, with due dates; late first, then by due date. */
  async todos(actor: Actor): Promise<TodosResponse> {
    const q = this.repo.k;
    const today = this.core.today();
    const rules = await this.core.rules();
    const items = await this.core.visibleItems(actor, {});
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
    const org = this.core.org();
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
        listKind: i.kind,
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
      const s = this.core.access().itemStanding(actor, itemRef(i));
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
      const s = this.core.access().itemStanding(actor, itemRef(i));
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
      const s = this.core.access().itemStanding(actor, itemRef(i));
      if ((s.coordinator || s.leader) && LIVE_STATUSES.includes(i.status)) {
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
    this.core.access().aggregateScope(actor);
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

  /** The warnings raised and the notices issued in `year`, read once for every unit's record. */
  private async yearOfRecords(year: number): Promise<RecordSources> {
    const q = this.repo.k;
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    const [warnings, notices, rules] = await Promise.all([
      this.repo.warningsRaisedBetween(q, from, to),
      this.repo.noticesIssuedBetween(q, from, to),
      this.core.rules(),
    ]);
    return { warnings: groupByItem(warnings), notices: groupByItem(notices), rules };
  }

  private recordOf(
    unitId: string,
    year: number,
    items: readonly ItemRow[],
    sources: RecordSources,
  ): UnitRecordResponse {
    const r = unitRecord(
      {
        items: items.map((i) => ({
          status: i.status,
          deadline: i.deadline,
          colour: i.colour,
          completionRequestedOn: dayOf(i.completion_requested_at),
        })),
        warnings: items.flatMap((i) => (sources.warnings.get(i.id) ?? []).map((w) => w.colour)),
        notices: items.flatMap((i) =>
          (sources.notices.get(i.id) ?? []).map((n) => ({ escalated: n.escalated_at !== null })),
        ),
      },
      this.core.today(),
      sources.rules.score,
    );
    return { unitId, unitName: unitName(this.core.org(), unitId) ?? unitId, year, ...r };
  }

  /**
   * The items a unit leads (it or a unit under it) that were being worked on in `year`: started by its end, and
   * either due in it or later, or still open in it (an item overdue since last year counts again).
   */
  private unitItems(all: readonly ItemRow[], unitId: string, year: number): ItemRow[] {
    const org = this.core.org();
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
    if (!this.core.org().get(unitId)) throw notFound({ zh: `单位 ${unitId}`, en: `Org unit ${unitId}` });
    if (!this.core.access().canSeeUnitRecord(actor, unitId)) throw new AppError('OUT_OF_SCOPE');
    const all = await this.repo.items(this.repo.k, {});
    const items = this.unitItems(all, unitId, year);
    const record = this.recordOf(unitId, year, items, await this.yearOfRecords(year));
    const org = this.core.org();
    const shown = (await this.core.visibleItems(actor, { unit: unitId })).filter((i) =>
      org.within(i.lead_unit_id, [unitId]),
    );
    return { record, items: await this.core.toRows(this.repo.k, shown) };
  }

  /** The record of every unit that leads items in `year` and that the user may see, best score first. */
  async unitRecords(actor: Actor, year: number): Promise<UnitRecordResponse[]> {
    this.core.access().aggregateScope(actor);
    const all = await this.repo.items(this.repo.k, {});
    const leads = [...new Set(all.map((i) => i.lead_unit_id))].filter((u) =>
      this.core.access().canSeeUnitRecord(actor, u),
    );
    const sources = await this.yearOfRecords(year);
    const out: UnitRecordResponse[] = [];
    for (const u of leads) {
      const items = this.unitItems(all, u, year).filter((i) => i.lead_unit_id === u);
      if (items.length > 0) out.push(this.recordOf(u, year, items, sources));
    }
    return out.sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  }

  /**
   * The monthly progress summary for the bulletin (通报): every item worked on in `period` that the user may see —
   * its status, colour, the month's report (or its absence), the warnings in force and the open problems — the
   * items behind schedule first.
   */
  async monthlySummary(actor: Actor, period: string): Promise<MonthlySummary> {
    this.core.access().aggregateScope(actor);
    const q = this.repo.k;
    const first = `${period}-01`;
    const last = reportDueDate(period, 31);
    const today = this.core.today();
    // The month as it was: items issued by its end and not closed or cancelled before it began; warnings in force
    // at some time during it. For the current month that is simply what is live and active now.
    const items = (await this.core.visibleItems(actor, {})).filter((i) => {
      const issued = dayOf(i.issued_at);
      if (i.status === 'drafted' || issued === null || issued > last) return false;
      const ended = dayOf(i.closed_at) ?? dayOf(i.cancelled_at);
      return ended === null || ended >= first;
    });
    const ids = items.map((i) => i.id);
    const rules = await this.core.rules();
    const [reports, warnings, problems] = await Promise.all([
      this.repo.reports(q, ids),
      this.repo.warnings(q, ids),
      this.repo.problems(q, ids),
    ]);
    const org = this.core.org();
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
      const liveInMonth = ended === null || ended > last ? 'inProgress' : i.status;
      return {
        itemId: i.id,
        code: i.code,
        kind: i.kind,
        title: i.title,
        leadUnitName: unitName(org, i.lead_unit_id) ?? i.lead_unit_id,
        leaderName: i.leader_name,
        status: i.status,
        colour: itemColour(
          liveInMonth,
          during.map((w) => w.colour),
        ),
        deadline: i.deadline,
        percent: r?.percent ?? latestPercent(mine.map((x) => ({ period: x.period, percent: x.percent }))),
        reported: r !== null,
        reportLate: r ? r.late === 1 : today > reportDueDate(period, rules.reportDay),
        narrative: r?.narrative ?? null,
        warnings: during.map((w) => `${WARNING_KIND_NAMES[w.kind].zh}：${w.reason_zh}`),
        openProblems: problems.filter((p) => p.item_id === i.id && p.status === 'open').length,
      };
    });
    rows.sort((a, b) => COLOUR_SEVERITY[b.colour] - COLOUR_SEVERITY[a.colour] || a.code.localeCompare(b.code));
    return { period, rows };
  }
}
