import { DEFAULT_INDUSTRY_CHAINS } from '../../../domain/projects/types.ts';
import { expectedShare } from '../../../domain/projects/lights.ts';
import type { ReturnWarning } from '../../../domain/projects/returns.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import {
  EVIDENCE_FIGURES,
  type EvidenceFigure,
  type ProjectDetail,
  type ProjectReturn,
  type ProjectRow as ProjectRowView,
  type Plan,
} from '../../../shared/api/projects.ts';
import type { AttachmentMeta, PlanRow, ProblemRow, ReturnRow } from './project.repository.ts';
import type { People, ProjectService, ProjectView } from './project.service.ts';

const NOBODY: People = new Map();
const person = (people: People, id: string | null) => (id === null ? null : (people.get(id) ?? null));

/** Database rows never leave the server as they are: these build the shared response shapes. */

function chainName(code: string) {
  return DEFAULT_INDUSTRY_CHAINS.find((c) => c.code === code)?.name ?? { zh: code, en: code };
}

export function toProjectRow(v: ProjectView, org: OrgIndex): ProjectRowView {
  const r = v.row;
  return {
    id: r.id,
    code: r.code ?? '',
    name: r.name,
    owner: r.owner,
    level: r.level,
    chain: r.chain,
    chainName: chainName(r.chain),
    districtId: r.district_id,
    districtName: org.get(r.district_id)?.name ?? r.district_id,
    stage: r.stage,
    totalInvestment: r.total_investment,
    plannedStart: r.planned_start,
    actualStart: r.actual_start,
    plannedCompletion: r.planned_completion,
    actualCompletion: r.actual_completion,
    planned: v.planned,
    ytd: v.ytd,
    rate: v.planned ? v.ytd / v.planned : null,
    light: v.light,
    lights: v.lights,
    listItemId: r.list_item_id,
    generated: r.generated === 1,
    version: r.version,
  };
}

export function toPlan(p: PlanRow, people: People = NOBODY): Plan {
  const plan = {
    year: p.year,
    planned: p.planned,
    profile: p.profile ? (JSON.parse(p.profile) as number[]) : null,
    startMonth: p.start_month,
    completionMonth: p.completion_month,
  };
  return {
    id: p.id,
    ...plan,
    expected: Array.from({ length: 12 }, (_, i) => expectedShare(plan, i + 1)),
    note: p.note,
    status: p.status,
    reviewedBy: p.reviewed_by,
    reviewedByPerson: person(people, p.reviewed_by),
    reviewedAt: p.reviewed_at,
    comment: p.comment,
    generated: p.generated === 1,
    version: p.version,
  };
}

export function toReturn(
  r: ReturnRow,
  problems: readonly ProblemRow[],
  evidence: readonly AttachmentMeta[],
  org: OrgIndex,
  today: string,
  people: People = NOBODY,
): ProjectReturn {
  return {
    id: r.id,
    projectId: r.project_id,
    month: r.month,
    thisMonth: r.this_month,
    ytd: r.ytd,
    sinceStart: r.since_start,
    progressText: r.progress_text,
    progressPercent: r.progress_percent,
    workers: r.workers,
    status: r.status,
    warnings: JSON.parse(r.warnings) as ReturnWarning[],
    problems: problems
      .filter((p) => p.return_id === r.id)
      .map((p) => ({
        id: p.id,
        description: p.description,
        ownerUnitId: p.owner_unit_id,
        ownerUnitName: org.get(p.owner_unit_id)?.name ?? p.owner_unit_id,
        dueDate: p.due_date,
        status: p.status,
        listProblemId: p.list_problem_id,
        late: p.status === 'open' && p.due_date < today,
      })),
    evidence: evidence.filter((e) => e.return_id === r.id).map(toEvidence),
    filedBy: r.filed_by,
    filedByPerson: person(people, r.filed_by),
    filedAt: r.filed_at,
    reviewedBy: r.reviewed_by,
    reviewedByPerson: person(people, r.reviewed_by),
    reviewedAt: r.reviewed_at,
    comment: r.comment,
    generated: r.generated === 1,
    version: r.version,
  };
}

export function toEvidence(e: AttachmentMeta) {
  return {
    id: e.id,
    returnId: e.return_id,
    figure: (EVIDENCE_FIGURES as readonly string[]).includes(e.figure ?? '') ? (e.figure as EvidenceFigure) : null,
    fileName: e.file_name,
    contentType: e.content_type,
    size: e.size,
    uploadedAt: e.uploaded_at,
    uploadedBy: e.uploaded_by,
  };
}

export function toProjectDetail(
  d: Awaited<ReturnType<ProjectService['detail']>>,
  org: OrgIndex,
  today: string,
): ProjectDetail {
  const r = d.view.row;
  return {
    ...toProjectRow(d.view, org),
    content: r.content,
    funding: JSON.parse(r.funding) as ProjectDetail['funding'],
    plannedProduction: r.planned_production,
    actualProduction: r.actual_production,
    statisticsStatus: r.statistics_status === 'entered' ? 'entered' : 'notEntered',
    stages: d.events.map((e) => ({
      stage: e.stage,
      on: e.on_date,
      at: e.at,
      by: e.by_user,
      byPerson: person(d.people, e.by_user),
      adjustmentId: e.adjustment_id,
    })),
    adjustments: d.adjustments.map((a) => ({
      id: a.id,
      fromStage: a.from_stage,
      toStage: a.to_stage,
      reason: a.reason,
      status: a.status,
      requestedBy: a.requested_by,
      requestedByPerson: person(d.people, a.requested_by),
      requestedAt: a.requested_at,
      decidedBy: a.decided_by,
      decidedByPerson: person(d.people, a.decided_by),
      decidedAt: a.decided_at,
      comment: a.comment,
    })),
    plans: d.view.plans.map((p) => toPlan(p, d.people)),
    returns: d.returns.map((x) => toReturn(x, d.problems, d.attachments, org, today, d.people)),
    responsibility: d.item
      ? {
          listItemCode: d.item.code,
          leaderName: d.item.leader_name,
          leadUnitId: d.item.lead_unit_id,
          leadUnitName: org.get(d.item.lead_unit_id)?.name ?? d.item.lead_unit_id,
          // The person in charge is personal data (sealed on the lists): the lists' item page shows it to those who may.
          personInCharge: '',
          listStatus: d.item.status,
          listColour: d.item.colour,
        }
      : null,
    history: d.history.map((h) => ({
      at: h.at,
      user: h.user_id,
      person: person(d.people, h.user_id),
      action: h.action,
      detail: h.detail,
    })),
    mayEdit: d.mayEdit,
    mayFile: d.mayFile,
    mayReview: d.mayReview,
    mayDecideAdjustment: d.mayDecideAdjustment,
  };
}
