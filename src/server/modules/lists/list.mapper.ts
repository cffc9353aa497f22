import { chinaDate } from '../../../domain/lists/dates.ts';
import type { WarningSubject } from '../../../domain/lists/warnings.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { ListItemRow, Warning } from '../../../shared/api/lists.ts';
import type { ItemRef } from '../../access/policy.ts';
import type { ItemRow, MilestoneRow, ReportRow, WarningRow } from './list.repository.ts';

/** A JSON list of ids as stored; an unreadable value reads as empty rather than failing a whole list. */
export function parseIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function itemRef(i: ItemRow): ItemRef {
  return {
    leadUnitId: i.lead_unit_id,
    coUnitIds: parseIds(i.co_unit_ids),
    districtId: i.district_id,
    workTeamId: i.work_team_id,
  };
}

/** The calendar day (Beijing) of an instant stored as ISO text. */
export function dayOf(instant: string | null): string | null {
  return instant === null ? null : chinaDate(new Date(instant));
}

/** What the warning rules read of an item. */
export function subjectOf(
  i: ItemRow,
  milestones: readonly MilestoneRow[],
  reports: readonly ReportRow[],
): WarningSubject {
  return {
    status: i.status,
    startDate: i.start_date,
    deadline: i.deadline,
    issuedOn: dayOf(i.issued_at),
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      plannedDate: m.planned_date,
      completedDate: m.completed_date,
    })),
    reports: reports.map((r) => ({ period: r.period, percent: r.percent })),
  };
}

export interface RowExtras {
  activeWarnings: number;
  openNotices: number;
  pendingAdjustment: boolean;
}

export function unitName(org: OrgIndex, id: string | null): string | null {
  if (id === null) return null;
  return org.get(id)?.name ?? id;
}

export function toItemRow(i: ItemRow, org: OrgIndex, teams: ReadonlyMap<string, string>, x: RowExtras): ListItemRow {
  const co = parseIds(i.co_unit_ids);
  const hasTarget =
    i.target_unit !== null || i.target_floor !== null || i.target_stretch !== null || i.target_indicator_code !== null;
  return {
    id: i.id,
    code: i.code,
    kind: i.kind,
    year: i.year,
    title: i.title,
    dimensionCode: i.dimension_code,
    workTeamId: i.work_team_id,
    workTeamName: i.work_team_id ? (teams.get(i.work_team_id) ?? i.work_team_id) : null,
    leaderName: i.leader_name,
    leadUnitId: i.lead_unit_id,
    leadUnitName: unitName(org, i.lead_unit_id) ?? i.lead_unit_id,
    coUnitIds: co,
    coUnitNames: co.map((u) => unitName(org, u) ?? u),
    personInCharge: i.person_in_charge,
    districtId: i.district_id,
    districtName: unitName(org, i.district_id),
    startDate: i.start_date,
    deadline: i.deadline,
    originalDeadline: i.original_deadline,
    target: hasTarget
      ? {
          unit: i.target_unit ?? '',
          floor: i.target_floor,
          stretch: i.target_stretch,
          indicatorCode: i.target_indicator_code,
        }
      : null,
    status: i.status,
    colour: i.colour,
    progressPct: i.progress_pct,
    activeWarnings: x.activeWarnings,
    openNotices: x.openNotices,
    pendingAdjustment: x.pendingAdjustment,
    generated: parseIds(i.generated_fields).length > 0,
    version: i.version,
  };
}

export function toWarning(w: WarningRow): Warning {
  return {
    id: w.id,
    kind: w.kind,
    ref: w.ref,
    colour: w.colour,
    reason: { zh: w.reason_zh, en: w.reason_en },
    raisedAt: w.raised_at,
    clearedAt: w.cleared_at,
    clearReason: w.clear_reason,
  };
}
