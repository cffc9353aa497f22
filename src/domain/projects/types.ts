/**
 * Vocabulary of the major-project ledger (重大项目台账, 项目为王, DOMAIN.md §2.4). Pure types and constants, shared
 * by server, web and CLI. Amounts are in 万元 throughout (the unit of the project ledgers and their monthly returns);
 * 亿元 figures are for display only (1亿元 = 10,000万元).
 */
import type { LocalizedText } from '../text.ts';

/**
 * A project's stage: reserve (储备) → preparation (前期) → newly started (新开工) → under construction (在建/续建)
 * → completed (竣工) → in production (投产). The order is the order of this list; a stage never moves backwards
 * without an approved adjustment (`stages.ts`).
 */
export const PROJECT_STAGES = [
  'reserve',
  'preparation',
  'newlyStarted',
  'underConstruction',
  'completed',
  'inProduction',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const PROJECT_STAGE_NAMES: Readonly<Record<ProjectStage, LocalizedText>> = {
  reserve: { zh: '储备', en: 'Reserve' },
  preparation: { zh: '前期', en: 'Preparation' },
  newlyStarted: { zh: '新开工', en: 'Newly started' },
  underConstruction: { zh: '在建/续建', en: 'Under construction' },
  completed: { zh: '竣工', en: 'Completed' },
  inProduction: { zh: '投产', en: 'In production' },
};

/** The stages before the main works start: the reserve (储备库) the city counts in its "在库项目". */
export const RESERVE_STAGES: readonly ProjectStage[] = ['reserve', 'preparation'];
/** The stages in which money is spent on site and monthly returns are owed. */
export const BUILDING_STAGES: readonly ProjectStage[] = ['newlyStarted', 'underConstruction'];

/** 省重点 / 市重点 / 区（县）重点. "Key projects" in the city's counts (省市重点项目) are the first two. */
export const PROJECT_LEVELS = ['provincial', 'city', 'district'] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];

export const PROJECT_LEVEL_NAMES: Readonly<Record<ProjectLevel, LocalizedText>> = {
  provincial: { zh: '省重点项目', en: 'Provincial key project' },
  city: { zh: '市重点项目', en: 'City key project' },
  district: { zh: '区（县）重点项目', en: 'District key project' },
};

/** The levels counted as 省市重点项目 (the seeds' "216个省市重点项目", 西区's "43个省市重点项目"). */
export const KEY_LEVELS: readonly ProjectLevel[] = ['provincial', 'city'];

/**
 * The industry chains the city keeps (its 2024 government work report and the zone's action plan name them); the
 * list is the default of a setting, so the city can add a chain without a release.
 */
export const DEFAULT_INDUSTRY_CHAINS: readonly { code: string; name: LocalizedText }[] = [
  { code: 'vanadiumTitanium', name: { zh: '钒钛', en: 'Vanadium and titanium' } },
  { code: 'sunshineWellness', name: { zh: '阳光康养', en: 'Sunshine wellness' } },
  { code: 'cleanEnergy', name: { zh: '清洁能源', en: 'Clean energy' } },
  { code: 'energyStorage', name: { zh: '储能', en: 'Energy storage' } },
  { code: 'hydrogen', name: { zh: '氢能', en: 'Hydrogen' } },
  { code: 'newMaterials', name: { zh: '新材料', en: 'New materials' } },
  { code: 'agriculture', name: { zh: '特色农业', en: 'Specialty agriculture' } },
  { code: 'infrastructure', name: { zh: '基础设施', en: 'Infrastructure' } },
  { code: 'livelihood', name: { zh: '社会民生', en: 'Livelihood' } },
];

/** Where the money comes from (资金来源). */
export const FUNDING_SOURCES = [
  'centralBudget',
  'specialBonds',
  'localBudget',
  'bankLoans',
  'ownFunds',
  'other',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_SOURCE_NAMES: Readonly<Record<FundingSource, LocalizedText>> = {
  centralBudget: { zh: '中央预算内投资', en: 'Central budget' },
  specialBonds: { zh: '地方政府专项债券', en: 'Special bonds' },
  localBudget: { zh: '地方财政资金', en: 'Local budget' },
  bankLoans: { zh: '银行贷款', en: 'Bank loans' },
  ownFunds: { zh: '企业自筹', en: 'Own funds' },
  other: { zh: '其他', en: 'Other' },
};

/** Whether the project has entered the statistics (入库纳统: "先入库，后有数"). */
export const STATISTICS_STATUSES = ['notEntered', 'entered'] as const;
export type StatisticsStatus = (typeof STATISTICS_STATUSES)[number];

/** A monthly return's lifecycle, as a value's: drafted → submitted → returned / approved. */
export const RETURN_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_STATUS_NAMES: Readonly<Record<ReturnStatus, LocalizedText>> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已审核', en: 'Approved' },
};

/** An annual plan's lifecycle, as a target's: drafted → submitted for review → frozen (reopened only by the centre). */
export const PLAN_STATUSES = ['draft', 'submitted', 'frozen'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_NAMES: Readonly<Record<PlanStatus, LocalizedText>> = {
  draft: { zh: '编制中', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Under review' },
  frozen: { zh: '已审定', en: 'Frozen' },
};

/** 红灯 / 黄灯 / 绿灯; `none` for a project nothing is watched on (a reserve project with no planned start). */
export const LIGHT_COLOURS = ['red', 'yellow', 'green', 'none'] as const;
export type LightColour = (typeof LIGHT_COLOURS)[number];

export const LIGHT_COLOUR_NAMES: Readonly<Record<LightColour, LocalizedText>> = {
  red: { zh: '红灯', en: 'Red' },
  yellow: { zh: '黄灯', en: 'Yellow' },
  green: { zh: '绿灯', en: 'Green' },
  none: { zh: '—', en: '—' },
};

export const LIGHT_SEVERITY: Readonly<Record<LightColour, number>> = { none: 0, green: 1, yellow: 2, red: 3 };

/** What a light is about. */
export const LIGHT_KINDS = ['start', 'investment', 'completion', 'return'] as const;
export type LightKind = (typeof LIGHT_KINDS)[number];

export const LIGHT_KIND_NAMES: Readonly<Record<LightKind, LocalizedText>> = {
  start: { zh: '开工', en: 'Start' },
  investment: { zh: '投资进度', en: 'Investment pace' },
  completion: { zh: '竣工', en: 'Completion' },
  return: { zh: '月报', en: 'Monthly return' },
};

/**
 * The month-by-month share of a year's investment the default seasonal profile expects (一季度开局, 二三季度
 * 施工旺季, 四季度冲刺): sums to 1. A plan may carry its own profile instead.
 */
export const DEFAULT_MONTHLY_PROFILE: readonly number[] = [
  0.04, 0.05, 0.08, 0.08, 0.09, 0.1, 0.09, 0.09, 0.09, 0.09, 0.1, 0.1,
];

/** 万元 → 亿元, for display. */
export function toYi(wan: number): number {
  return wan / 10_000;
}
