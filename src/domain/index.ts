/**
 * The pure domain of Gongfu: no I/O, no clock. Shared by server, web and CLI.
 *
 * - periods: period codes ('2024-03', '2024-Q1', '2023') and time-elapsed progress
 * - targets, evaluation, scoring, composite: where a unit stands, its score, composites and ranks
 * - projection: the year-end projection of cumulative amounts and year-to-date rates (early warning)
 * - weighting: entropy weights and TOPSIS, alternative views beside the city's own weights
 * - formula: the formula language of computed indicators
 * - inequality: Gini, Theil, MLD, GE(α), Atkinson, S80/S20, Palma, FGT poverty measures and income classes
 */
export type * from './types.ts';
export { ROLES } from './types.ts';
export { formatNumber, formatPercent, type LocalizedText } from './text.ts';
export {
  comparePeriods,
  elapsedShare,
  formatPeriod,
  isPeriodCode,
  latestClosedPeriod,
  monthsOfYearTo,
  parsePeriod,
  periodEndMonth,
  periodsOfYear,
  PeriodError,
  previousPeriod,
  samePeriodLastYear,
  validateSeasonalProfile,
  type Period,
} from './periods.ts';
export { isBetter, resolveTarget, type ResolvedTarget, type TargetSense, type UnusableTarget } from './targets.ts';
export {
  bandOf,
  CAP_FACTOR,
  SCORE_AT_BOUNDARY,
  SCORE_AT_FLOOR,
  SCORE_AT_STRETCH,
  SCORE_AT_ZERO,
  scoreDetails,
  scoreIndicator,
  scoreOnScale,
  scoreScale,
  ZERO_POINT_FACTOR,
  type Band,
  type ScaleKind,
  type ScaleSide,
  type ScoreDetails,
  type ScoreInput,
  type ScoreScale,
  type ZeroPointSource,
} from './scoring.ts';
export {
  COLOUR_LEGEND,
  DEFAULT_THRESHOLDS,
  evaluate,
  statusLabel,
  resolveThresholds,
  statusColour,
  type EvaluationExplanation,
  type EvaluationInput,
  type EvaluationInputs,
  type EvaluationResult,
  type EvaluationRule,
  type EvaluationThresholds,
} from './evaluation.ts';
export { composite, rank, type CompositeScore, type IndicatorScore } from './composite.ts';
export * from './formula/index.ts';
export {
  atkinson,
  classifyIncome,
  DEFAULT_INCOME_CLASS_RULE,
  fgt,
  generalizedEntropy,
  gini,
  IncomeError,
  INEQUALITY_HELP,
  mld,
  INCOME_CLASSES,
  incomeClassCounts,
  incomeClassTest,
  lorenzShare,
  mean,
  median,
  palma,
  povertyGap,
  povertyHeadcount,
  s80s20,
  theil,
  type HouseholdIncome,
  type IncomeClass,
  type IncomeClassCounts,
  type IncomeClassification,
  type IncomeClassRule,
} from './inequality.ts';
export {
  entropyWeights,
  topsis,
  WEIGHTING_CONVENTION,
  type EntropyResult,
  type TopsisResult,
  type WeightingColumn,
} from './weighting.ts';
export {
  DEFAULT_LAST_YEAR_WEIGHT,
  DEFAULT_MOMENTUM,
  projectYearEnd,
  type Projection,
  type ProjectionInput,
  type ProjectionShape,
} from './projection.ts';
