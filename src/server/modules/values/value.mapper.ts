import { parsePeriod } from '../../../domain/periods.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, IndicatorRef } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import { bilingual, notFound, validation } from '../../errors.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { GridTarget, GridValue, Value } from '../../../shared/api/values.ts';
import { sourceOf, toTarget } from '../frameworks/framework.mapper.ts';
import type {
  FrameworkBundle,
  FrameworkRepository,
  IndicatorRow,
  TargetDbRow,
} from '../frameworks/framework.repository.ts';
import type { PeriodLockRepository } from './period-lock.repository.ts';
import type { ValueRepository, ValueRow } from './value.repository.ts';
import type { CacheMeter } from '../../metrics/metrics.ts';

/** What the parts of the values module are built from (value.service.ts wires them). */
export interface ValueDeps {
  repo: ValueRepository;
  locks: PeriodLockRepository;
  frameworks: FrameworkRepository;
  org: () => OrgIndex;
  access: () => Access;
  clock: Clock;
  /** Where it says that reviewed values changed (the evaluation and the cockpit listen). */
  events: EventBus;
  /** Records locks and unlocks (value changes are recorded by the repository's history hook). */
  auditor?: Auditor | undefined;
  /** Counts the entry grid cache's hits and misses (the metrics). */
  cacheMeter?: CacheMeter | undefined;
}

/** A value as a grid row carries it: without the indicator, unit and period the row and the answer say. */
export function gridValue(v: ValueRow): GridValue {
  const { indicatorCode: _code, orgUnitId: _unit, period: _period, updatedBy: _by, ...rest } = toValue(v);
  return rest;
}

export function toValue(v: ValueRow): Value {
  return {
    id: v.id,
    indicatorCode: v.indicator_code,
    orgUnitId: v.org_unit_id,
    period: v.period,
    value: v.value,
    status: v.status,
    origin: v.origin,
    sourceTitle: v.origin === 'reported' ? null : sourceOf(v.source_doc, v.source_quote).title,
    note: v.note,
    returnReason: v.return_reason,
    version: v.version,
    updatedAt: v.updated_at,
    updatedBy: v.updated_by,
  };
}

export function indicatorRef(b: FrameworkBundle, i: IndicatorRow): IndicatorRef {
  return {
    code: i.code,
    leadDepartmentId: i.lead_department_id,
    workTeamId: i.work_team_id,
    dimensionWorkTeamId: b.dimensions.find((d) => d.code === i.dimension_code)?.work_team_id ?? null,
  };
}

/** A target as the entry grid shows it: the figures, and whether they are generated demo targets. */
export function gridTarget(t: TargetDbRow): GridTarget {
  // The grid shows the target, not how the evaluation scores it: no source, no stated zero point.
  const { kind, comparison, floor, stretch, upper, source } = toTarget(t);
  return { kind, comparison, floor, stretch, upper, generated: source.doc === 'generated' };
}

/** The framework asked for, or the current one; NOT_FOUND when there is none. */
export async function loadBundle(
  frameworks: FrameworkRepository,
  frameworkId: string | undefined,
): Promise<FrameworkBundle> {
  const id = frameworkId ?? (await frameworks.current())?.id;
  const b = id ? await frameworks.bundle(id) : undefined;
  if (!b) throw notFound({ zh: '指标体系', en: 'Framework' });
  return b;
}

/**
 * The period parsed, when it belongs to the framework's year: values are entered, saved and submitted against one
 * framework (指标体系) of one year, so `2031-12` or `1999-12` against the 2024 framework is refused (400 on
 * `period`), as the Excel import refuses the same rows.
 */
export function inFrameworkYear(b: FrameworkBundle, period: string) {
  const p = parsePeriod(period);
  if (p.year !== b.framework.year) {
    throw validation([
      {
        field: 'period',
        ...bilingual(
          `期别 ${period} 不属于 ${b.framework.year} 年度指标体系`,
          `not in the framework's year ${b.framework.year}`,
        ),
      },
    ]);
  }
  return p;
}
