import { seedDocuments } from '../../seed/panzhihua/index.ts';
import type { SeedDocId } from '../../seed/seed-types.ts';
import type {
  BaselineRow,
  Dimension,
  FrameworkDetail,
  FrameworkSummary,
  Indicator,
  TargetRow,
} from '../../../shared/api/frameworks.ts';
import type {
  BaselineDbRow,
  DimensionRow,
  FrameworkBundle,
  FrameworkRow,
  IndicatorRow,
  TargetDbRow,
} from './framework.repository.ts';

export function sourceOf(doc: string | null, quote: string | null) {
  if (doc === 'entered') return { doc, title: '用户录入 (entered by a user)', quote };
  const d = (doc ?? 'generated') as SeedDocId;
  return { doc: d, title: seedDocuments[d]?.title ?? d, quote };
}

export const toFrameworkSummary = (f: FrameworkRow): FrameworkSummary => ({
  id: f.id,
  year: f.year,
  version: f.version,
  name: f.name,
  status: f.status as 'draft' | 'published',
  basedOnId: f.based_on_id,
  publishedAt: f.published_at,
  rowVersion: f.row_version,
});

export const toDimension = (d: DimensionRow): Dimension => ({
  code: d.code,
  parentCode: d.parent_code,
  name: d.name,
  nameEn: d.name_en,
  workTeamId: d.work_team_id,
  weight: d.weight,
  sort: d.sort,
});

export const toIndicator = (i: IndicatorRow): Indicator => ({
  id: i.id,
  code: i.code,
  dimensionCode: i.dimension_code,
  name: i.name,
  nameEn: i.name_en,
  unit: i.unit,
  direction: i.direction as Indicator['direction'],
  frequency: i.frequency as Indicator['frequency'],
  valueKind: i.value_kind as Indicator['valueKind'],
  leadDepartmentId: i.lead_department_id,
  workTeamId: i.work_team_id,
  dataSource: i.data_source,
  definition: i.definition,
  weight: i.weight,
  formula: i.formula,
  scope: i.scope as Indicator['scope'],
  reportingUnitIds: i.reporting_unit_ids ? (JSON.parse(i.reporting_unit_ids) as string[]) : null,
  fedBy: i.fed_by,
  cityFormula: i.city_formula,
  headline: i.headline === 1,
  gap: i.gap as Indicator['gap'],
  minValue: i.min_value,
  maxValue: i.max_value,
  seasonalProfile: i.seasonal_profile ? (JSON.parse(i.seasonal_profile) as number[]) : null,
  sort: i.sort,
  source: sourceOf(i.source_doc, i.source_quote),
});

export const toTarget = (t: TargetDbRow): TargetRow => ({
  indicatorCode: t.indicator_code,
  orgUnitId: t.org_unit_id,
  year: t.year,
  kind: t.kind as TargetRow['kind'],
  comparison: t.comparison as TargetRow['comparison'],
  floor: t.floor,
  stretch: t.stretch,
  upper: t.upper,
  zeroPoint: t.zero_point,
  source: sourceOf(t.source_doc, t.source_quote),
});

export const toBaseline = (b: BaselineDbRow): BaselineRow => ({
  indicatorCode: b.indicator_code,
  orgUnitId: b.org_unit_id,
  year: b.year,
  value: b.value,
  source: sourceOf(b.source_doc, b.source_quote),
});

export const toFrameworkDetail = (b: FrameworkBundle): FrameworkDetail => ({
  framework: toFrameworkSummary(b.framework),
  dimensions: b.dimensions.map(toDimension),
  indicators: b.indicators.map(toIndicator),
  targets: b.targets.map(toTarget),
  baselines: b.baselines.map(toBaseline),
});
