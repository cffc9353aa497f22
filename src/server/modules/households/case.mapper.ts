import type { CaseDetail, CaseListRow } from '../../../shared/api/household-cases.ts';
import type { CaseService } from './case.service.ts';

type Detail = Awaited<ReturnType<CaseService['detail']>>;

/** A case as the API shows it: named fields, no stored row. */
export function toCaseDetail(d: Detail, row: CaseListRow): CaseDetail {
  const c = d.case;
  return {
    case: {
      ...row,
      sourceDepartment: c.source_department,
      sourceReason: c.source_reason,
      openedOn: c.opened_on,
      leadDate: c.lead_date,
      dates: {
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
        closedOn: c.closed_on,
        dismissedOn: c.dismissed_on,
      },
      dismissReason: c.dismiss_reason,
    },
    removalChecks: d.removalChecks,
    history: d.history.map((h) => ({
      action: h.action,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      note: h.note,
      at: h.at,
    })),
    measures: d.measures.map((m) => ({
      id: m.id,
      kind: m.kind,
      description: m.description,
      cadreName: m.cadre_name,
      startDate: m.start_date,
      endDate: m.end_date,
      outcome: m.outcome,
    })),
    visits: d.visits.map((v) => ({ id: v.id, visitedOn: v.visited_on, cadreName: v.cadre_name, findings: v.findings })),
    reverifications: d.reverifications.map((r) => ({
      id: r.id,
      on: r.verified_on,
      perCapitaIncome: r.per_capita_income,
      aboveLineSince: r.above_line_since,
      employedSince: r.employed_since,
      rigidCostsSolved: r.rigid_costs_solved === 1,
      note: r.note,
    })),
    warnings: d.warnings.map((w) => ({
      kind: w.kind,
      ref: w.ref,
      colour: w.colour,
      reasonZh: w.reason_zh,
      reasonEn: w.reason_en,
      raisedAt: w.raised_at,
      clearedAt: w.cleared_at,
    })),
    notices: d.notices.map((n) => ({
      id: n.id,
      code: n.code,
      problem: n.problem,
      dueDate: n.due_date,
      status: n.status,
      escalatedAt: n.escalated_at,
      version: n.version,
    })),
  };
}
