import crypto from 'node:crypto';
import { chinaDate, monthOf, reportDueDate } from '../../../domain/lists/dates.ts';
import type { ListKind } from '../../../domain/lists/types.ts';
import { refusal } from '../../../domain/lists/workflow.ts';
import { latestPercent } from '../../../domain/lists/warnings.ts';
import type { Actor } from '../../access/policy.ts';
import { bilingual, AppError, notFound, validation } from '../../errors.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { AdjustmentRequest, ItemInput, ReportRequest } from '../../../shared/api/lists.ts';
import type { ItemActs } from './list.acts.ts';
import type { ListCore } from './list.core.ts';
import type { XlsxUpload } from '../../uploads/upload-gate.ts';
import { importTemplate, parseImport } from './list.excel.ts';
import { checkAttachment } from './list.files.ts';
import { itemRef } from './list.mapper.ts';
import type { ItemPatch, ListTx, NewItem } from './list.repository.ts';

const KIND_LETTER: Record<ListKind, string> = { upward: 'U', reform: 'R', project: 'P', task: 'T' };

/**
 * The workflow of the items (DOMAIN.md §2.3): drafts (one, or an imported sheet), issue → acknowledge → progress
 * reports and milestones → completion requested → closed; adjustments and cancellations by approval; problems
 * solved; evidence attached. Every act asks the workflow (src/domain/lists/workflow.ts) and the user's standing
 * (Access) through the common frame of list.acts.ts.
 */
export class ListWorkflowService {
  private readonly core: ListCore;
  private readonly acts: ItemActs;
  private readonly uploadLimit: number;

  constructor(core: ListCore, acts: ItemActs, uploadLimit: number) {
    this.core = core;
    this.acts = acts;
    this.uploadLimit = uploadLimit;
  }

  private get repo() {
    return this.core.repo;
  }

  // ——— drafts ———

  private checkReferences(input: ItemInput, q: ListTx): Promise<FieldIssue[]> {
    const org = this.core.org();
    const issues: FieldIssue[] = [];
    if (!org.get(input.leadUnitId))
      issues.push({ field: 'leadUnitId', ...bilingual(`未知单位 ${input.leadUnitId}`, `unknown org unit`) });
    input.coUnitIds.forEach((u, n) => {
      if (!org.get(u)) issues.push({ field: `coUnitIds.${n}`, ...bilingual(`未知单位 ${u}`, `unknown org unit`) });
      if (u === input.leadUnitId)
        issues.push({
          field: `coUnitIds.${n}`,
          ...bilingual('配合单位不能与牵头单位相同', 'the lead unit is not a co-operating unit'),
        });
    });
    if (input.districtId && !org.get(input.districtId))
      issues.push({ field: 'districtId', ...bilingual(`未知区县 ${input.districtId}`, `unknown district`) });
    return (async () => {
      if (input.dimensionCode && !(await this.repo.frameworkHas(q, 'dimension', input.dimensionCode)))
        issues.push({
          field: 'dimensionCode',
          ...bilingual(`指标体系中没有维度 ${input.dimensionCode}`, `no such dimension in the frameworks`),
        });
      const target = input.target?.indicatorCode;
      if (target && !(await this.repo.frameworkHas(q, 'indicator', target)))
        issues.push({
          field: 'target.indicatorCode',
          ...bilingual(`指标体系中没有指标 ${target}`, `no such indicator in the frameworks`),
        });
      if (input.workTeamId) {
        const teams = await this.core.teamNames(q);
        if (!teams.has(input.workTeamId))
          issues.push({ field: 'workTeamId', ...bilingual(`未知专班 ${input.workTeamId}`, `unknown work team`) });
      }
      return issues;
    })();
  }

  private async nextCodes(q: ListTx, year: number, kind: ListKind, n: number): Promise<string[]> {
    const prefix = `${KIND_LETTER[kind]}-${year}-`;
    const existing = (await this.repo.items(q, { kind, year })).map((i) => i.code).filter((c) => c.startsWith(prefix));
    let max = 0;
    for (const c of existing) {
      const m = /^\D-\d{4}-(\d+)$/.exec(c);
      if (m) max = Math.max(max, Number(m[1]));
    }
    return Array.from({ length: n }, (_, i) => `${prefix}${String(max + i + 1).padStart(3, '0')}`);
  }

  private draftRow(actor: Actor, input: ItemInput, id: string, code: string, now: string): NewItem {
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
      ...this.core.sealed(input),
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
    const now = this.core.clock.now().toISOString();
    const issues: FieldIssue[] = [];
    for (const [n, input] of inputs.entries()) {
      const prefix = inputs.length > 1 ? `items.${n}.` : '';
      for (const i of await this.checkReferences(input, this.repo.k)) issues.push({ ...i, field: prefix + i.field });
    }
    if (issues.length > 0) throw validation(issues);
    for (const input of inputs) {
      if (
        !this.core.access().canDraftItem(actor, {
          leadUnitId: input.leadUnitId,
          coUnitIds: input.coUnitIds,
          districtId: input.districtId,
          workTeamId: input.workTeamId,
        })
      ) {
        throw new AppError('OUT_OF_SCOPE');
      }
    }
    return this.core.write(async (trx) => {
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
    await this.acts.act(actor, id, 'editDraft', version, async (trx, item, now) => {
      // The writer rule holds for what the draft becomes, not only for what it was.
      if (!this.core.access().canDraftItem(actor, input)) throw new AppError('OUT_OF_SCOPE');
      const row = this.draftRow(actor, input, id, item.code, now);
      await this.repo.replaceMilestones(trx, id, this.milestoneRows(id, input, actor, now));
      const { id: _i, code: _c, created_at: _a, created_by: _b, version: _v, status: _s, ...patch } = row;
      return { patch: { ...patch, generated_fields: '[]' }, result: undefined };
    });
  }

  async deleteDraft(actor: Actor, id: string, version: number): Promise<void> {
    await this.core.write(async (trx) => {
      const item = await this.repo.lockItem(trx, id);
      if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
      const why = refusal(item.status, 'deleteDraft', this.core.access().itemStanding(actor, itemRef(item)));
      if (why === 'standing')
        throw new AppError(this.core.access().canSeeItem(actor, itemRef(item)) ? 'FORBIDDEN' : 'OUT_OF_SCOPE');
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
    return this.acts.act(actor, id, 'issue', version, async (_trx, _item, now) => ({
      patch: { issued_at: now, issued_by: actor.userId },
      note,
      result: undefined,
    }));
  }

  acknowledge(actor: Actor, id: string, version: number, note: string | null) {
    return this.acts.act(actor, id, 'acknowledge', version, async (_trx, _item, now) => ({
      patch: { acknowledged_at: now, acknowledged_by: actor.userId },
      note,
      result: undefined,
    }));
  }

  /** A month's progress report; a second report for the same month replaces the first (and its problems). */
  report(actor: Actor, id: string, req: ReportRequest) {
    return this.acts.act(actor, id, 'report', req.version, async (trx, item, now) => {
      const today = chinaDate(new Date(now));
      if (req.period > monthOf(today))
        throw validation([
          { field: 'period', ...bilingual(`不能报送未来月份 ${req.period}`, `cannot report on a future month`) },
        ]);
      if (req.period < monthOf(item.start_date))
        throw validation([
          { field: 'period', ...bilingual(`${req.period} 早于事项开始日期`, `before the item starts`) },
        ]);
      const rules = await this.core.rules(trx);
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
      const org = this.core.org();
      const bad = req.problems.flatMap((p, n) =>
        p.ownerUnitId && !org.get(p.ownerUnitId)
          ? [{ field: `problems.${n}.ownerUnitId`, ...bilingual('未知单位', 'unknown org unit') }]
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
    return this.acts.act(actor, id, 'completeMilestone', req.version, async (trx, _item, now) => {
      const m = (await this.repo.milestones(trx, [id])).find((x) => x.id === milestoneId);
      if (!m) throw notFound({ zh: '节点', en: 'Milestone' });
      if (m.completed_date !== null)
        throw new AppError('INVALID_STATE', { zh: '该节点已完成', en: 'The milestone is already completed' });
      if (req.completedDate > chinaDate(new Date(now)))
        throw validation([{ field: 'completedDate', ...bilingual('完成日期不能晚于今天', 'cannot be in the future') }]);
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
    return this.acts.act(actor, id, 'requestCompletion', version, async (_trx, _item, now) => ({
      patch: { completion_requested_at: now },
      note,
      result: undefined,
    }));
  }

  close(actor: Actor, id: string, version: number, note: string | null) {
    return this.acts.act(actor, id, 'close', version, async (_trx, _item, now) => ({
      patch: { closed_at: now, closed_by: actor.userId },
      note,
      result: undefined,
    }));
  }

  returnCompletion(actor: Actor, id: string, version: number, reason: string) {
    return this.acts.act(actor, id, 'returnCompletion', version, async () => ({
      patch: { completion_requested_at: null },
      note: reason,
      result: undefined,
    }));
  }

  // ——— adjustments ———

  requestAdjustment(actor: Actor, id: string, req: AdjustmentRequest) {
    return this.acts.act(actor, id, 'requestAdjustment', req.version, async (trx, item, now) => {
      if ((await this.repo.adjustments(trx, [id])).some((a) => a.status === 'pending')) {
        throw new AppError('INVALID_STATE', { zh: '已有待审批的调整申请', en: 'An adjustment is already pending' });
      }
      if (req.kind === 'deadline' && req.newDeadline !== null && req.newDeadline < item.start_date) {
        throw validation([{ field: 'newDeadline', ...bilingual('新的截止日期早于开始日期', 'before the start') }]);
      }
      if (req.kind === 'target' && item.target_floor === null && item.target_stretch === null) {
        throw validation([
          { field: 'kind', ...bilingual('该事项没有量化目标', 'the item has no quantitative target') },
        ]);
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
    return this.acts.act(actor, adj.item_id, 'decideAdjustment', null, async (trx, item, now) => {
      const ok = await this.repo.decideAdjustment(trx, adjustmentId, {
        status: req.approve ? 'approved' : 'rejected',
        decided_by: actor.userId,
        decided_at: now,
        decision_note: req.note,
      });
      if (!ok) throw new AppError('INVALID_STATE', { zh: '该申请已审批', en: 'Already decided' });
      let patch: ItemPatch = {};
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

  // ——— Excel ———

  async importTemplate(): Promise<Buffer> {
    return importTemplate(
      this.core.org(),
      await this.repo.workTeams(this.repo.k),
      await this.repo.dimensionNames(this.repo.k),
    );
  }

  /** Any filtered list as a workbook: exactly the rows the table shows. */
  /** A filled template becomes drafts, all or nothing; every bad cell is reported with its row and column. */
  async importXlsx(actor: Actor, upload: XlsxUpload): Promise<{ created: number; codes: string[] }> {
    const { inputs, issues } = await parseImport(
      upload,
      this.core.org(),
      await this.repo.workTeams(this.repo.k),
      await this.repo.dimensionNames(this.repo.k),
    );
    if (issues.length > 0) throw new AppError('UNPROCESSABLE', undefined, issues);
    const created = await this.createDrafts(actor, inputs);
    return { created: created.length, codes: created.map((c) => c.code) };
  }

  /**
   * A problem needing co-ordination is solved: said by the lead unit, by the unit that owns the problem, or by the
   * coordination centre.
   */
  async resolveProblem(actor: Actor, problemId: string): Promise<void> {
    const now = this.core.clock.now().toISOString();
    await this.core.write(async (trx) => {
      const p = await this.repo.problem(trx, problemId);
      if (!p) throw notFound({ zh: '问题', en: 'Problem' });
      const item = await this.repo.lockItem(trx, p.item_id);
      if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
      const ref = itemRef(item);
      const owner = this.core.access().ownsProblem(actor, p.owner_unit_id);
      const s = this.core.access().itemStanding(actor, ref);
      if (!s.leadUnit && !s.coordinator && !owner) {
        throw new AppError(this.core.access().canSeeItem(actor, ref) || owner ? 'FORBIDDEN' : 'OUT_OF_SCOPE');
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
        [{ field: 'file', ...bilingual(`${check.zh}`, `${check.en}`) }],
      );
    }
    return this.acts.act(actor, itemId, 'attach', null, async (trx, _item, now) => {
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
}
