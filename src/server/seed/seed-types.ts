import type { Comparison, Direction, Frequency, OrgUnitKind, ValueKind } from '../../domain/types.ts';

/** The source documents of the default data, cited by title (never by file name). */
export type SeedDocId =
  | 'xiqu2025' // 《"共富"策马行——西区全力推进2025年重点工作》
  | 'xiquCongress2021' // 中共攀枝花市西区第十一次代表大会 summary, 2021-09
  | 'cityWorkReport2024' // 攀枝花市人民政府工作报告 (2024)
  | 'pilotPlanNews2023' // news report on 《攀枝花高质量发展建设共同富裕试验区实施方案（2022—2025年）》
  | 'hitechActionPlan2023' // 《钒钛高新区高质量发展建设共同富裕试验区行动方案（2022-2025年）》
  | 'generated'; // generated demo data, labelled as such

export interface SeedSource {
  doc: SeedDocId;
  /** The sentence of the document the figure comes from (Chinese, simplified), where there is one. */
  quote?: string;
}

export interface SeedOrgUnit {
  id: string;
  /** GB/T 2260 code for administrative divisions (e.g. 510403 西区; 9-/12-digit codes below county level); a code of our own for functional zones and departments. */
  code: string;
  name: string;
  nameEn: string;
  kind: OrgUnitKind;
  parentId: string | null;
  /** Urban (街道/社区) or rural (乡镇/村); null above township level. */
  urban: boolean | null;
  sort: number;
}

/** The "1+8+3" organisation: 1 coordination office, 8 work-promotion teams, 3 organisational-support teams. */
export interface SeedWorkTeam {
  id: string;
  name: string;
  nameEn: string;
  group: 'coordination' | 'promotion' | 'support';
  sort: number;
}

export interface SeedDimension {
  code: string;
  name: string;
  nameEn: string;
  /** Sub-dimensions name their parent dimension. */
  parentCode: string | null;
  workTeamId: string | null;
  /** Weight of the dimension in the overall composite (dimension weights sum to 100). */
  weight: number;
  sort: number;
}

export interface SeedIndicator {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  direction: Direction;
  frequency: Frequency;
  valueKind: ValueKind;
  dimensionCode: string;
  leadDepartmentId: string;
  workTeamId: string | null;
  dataSource: string;
  /** 口径: how the figure is defined. */
  definition: string;
  /** Weight within its dimension (weights within a dimension sum to 100). */
  weight: number;
  /** Computed indicators carry a formula (see src/domain/formula) and are never entered. */
  formula: string | null;
  /** Which units report it: only the city, or the city and each district/county/zone. */
  scope: 'city' | 'cityAndDistricts';
  /**
   * Optional, narrower than `scope`: when set, only these org units report the indicator (e.g. per-capita GDP by
   * the city and the five districts/counties but not the high-tech zone, whose area overlaps theirs; the zone's
   * "一区多园" industrial output by the zone alone). Absent: every unit that `scope` names.
   */
  reportingUnitIds?: string[];
  /** Values supplied by another module at evaluation time instead of being entered (e.g. 'lists.reformOnSchedule'). */
  fedBy?: string;
  /**
   * The city's figure as an aggregate of its parts (e.g. `SUM({D5-04}, COUNTIES)` for households that live in exactly
   * one county): computed from them when the city has not reported, checked against them when it has.
   */
  cityFormula?: string;
  /** Shown on the cockpit's headline row. */
  headline: boolean;
  /** One of the three gaps (三大差距) when it measures one. */
  gap: 'regional' | 'urbanRural' | 'income' | null;
  /** Plausible range of a value; entry outside it is refused. */
  minValue: number | null;
  maxValue: number | null;
  /** Cumulative share of the annual target expected by the end of each month (12 numbers, last = 1), when not m/12. */
  seasonalProfile: number[] | null;
  source: SeedSource;
  sort: number;
}

export interface SeedBaseline {
  indicatorCode: string;
  orgUnitId: string;
  year: number;
  value: number;
  source: SeedSource;
}

export interface SeedTarget {
  indicatorCode: string;
  orgUnitId: string;
  year: number;
  /** `annual` for a year's target, `endOfPlan` for the 2025 target of the 2022–2025 plan. */
  kind: 'annual' | 'endOfPlan';
  comparison: Comparison;
  floor: number | null;
  stretch: number | null;
  upper: number | null;
  source: SeedSource;
}

/** A published figure from a seed document; never overwritten by generated data. */
export interface SeedPublishedValue {
  indicatorCode: string;
  orgUnitId: string;
  /** Period code: `2023` (year), `2024-Q1`, `2024-03` (month). */
  period: string;
  value: number;
  source: SeedSource;
}
