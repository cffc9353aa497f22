import { z } from 'zod';
import { COLOURS, EVALUATION_STATUSES } from '../../domain/types.ts';
import { WEIGHTING_METHODS } from '../../domain/weighting.ts';
import { defineRoute } from '../contract.ts';
import { localizedSchema, okSchema, periodSchema, queryFlagSchema } from './common.ts';

export const statusSchema = z.enum(EVALUATION_STATUSES);
export const colourSchema = z.enum(COLOURS);

export const matrixQuerySchema = z.object({
  frameworkId: z.string().optional(),
  asOf: periodSchema.optional(),
  dimensionCode: z.string().max(16).optional(),
  /** Include approved but unpublished figures (the coordination centre and reviewers only). */
  preview: queryFlagSchema.optional(),
});

export const compositeSchema = z.object({
  orgUnitId: z.string(),
  overall: z.number().nullable(),
  byDimension: z.record(z.string(), z.number().nullable()),
  coverage: z.number(),
  rank: z.number().nullable(),
});

export const rollupSchema = z.object({
  computed: z.number().nullable(),
  reported: z.number().nullable(),
  matches: z.boolean().nullable(),
});

/** How many of the evaluated units (the city and the county-level units) have reported a month. */
export const coverageSchema = z.object({
  asOf: z.string(),
  reported: z.number(),
  expected: z.number(),
  missingUnitIds: z.array(z.string()),
});

/**
 * The year-end projection of a cumulative or year-to-date indicator (src/domain/projection.ts): "按当前进度，预计全年
 * 6.2%，低于确保目标 6.5%".
 */
export const projectionSchema = z.object({
  projected: z.number(),
  /** The shape of the year used: the indicator's seasonal profile, even months, or blended with last year's. */
  shape: z.enum(['lastYear', 'seasonalProfile', 'evenMonths']),
  share: z.number(),
  floorMet: z.boolean().nullable(),
  stretchMet: z.boolean().nullable(),
  text: localizedSchema,
});
export type ProjectionView = z.infer<typeof projectionSchema>;

export const matrixCellSchema = z.object({
  indicatorCode: z.string(),
  orgUnitId: z.string(),
  period: z.string().nullable(),
  actual: z.number().nullable(),
  status: statusSchema,
  colour: colourSchema,
  score: z.number().nullable(),
  deviationPoints: z.number().nullable(),
  /** The figure rests on a value approved but not yet published (only in a preview). */
  unpublished: z.boolean(),
  /** Members of a set the figure aggregates over that have not reported (why it is no data, or what it lacks). */
  missingMembers: z.array(z.string()),
  /** A city figure that is an aggregate of its parts: the figure computed from them and whether the reported agrees. */
  rollup: rollupSchema.nullable(),
  /** The position named for this kind of indicator: 接近确保目标 for a rate, 滞后序时进度 only for cumulative ones. */
  label: localizedSchema,
});
export type MatrixCell = z.infer<typeof matrixCellSchema>;

export const matrixResponseSchema = z.object({
  frameworkId: z.string(),
  /** True when approved but unpublished figures are included (a preview, never what leaders see). */
  preview: z.boolean(),
  asOf: z.string().nullable(),
  availableAsOf: z.array(z.string()),
  /** The shown month's coverage: "11月：1/7 单位已报送". */
  coverage: coverageSchema.nullable(),
  availableCoverage: z.array(coverageSchema.omit({ missingUnitIds: true })),
  computedAt: z.string(),
  units: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string() })),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      unit: z.string(),
      dimensionCode: z.string(),
      computed: z.boolean(),
      scope: z.string(),
    }),
  ),
  cells: z.array(matrixCellSchema),
  composites: z.array(compositeSchema),
  dimensions: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), weight: z.number() })),
});
export type MatrixResponse = z.infer<typeof matrixResponseSchema>;

export const explainQuerySchema = z.object({
  frameworkId: z.string().optional(),
  indicatorCode: z.string().min(1).max(32),
  orgUnitId: z.string().min(1).max(64),
  asOf: periodSchema.optional(),
  preview: queryFlagSchema.optional(),
});

export const explainResponseSchema = z.object({
  indicatorCode: z.string(),
  indicatorName: z.string(),
  unit: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  asOf: z.string(),
  preview: z.boolean(),
  unpublished: z.boolean(),
  missingMembers: z.array(z.object({ id: z.string(), name: z.string() })),
  rollup: rollupSchema.nullable(),
  cityFormula: z.string().nullable(),
  period: z.string().nullable(),
  actual: z.number().nullable(),
  status: statusSchema,
  colour: colourSchema,
  score: z.number().nullable(),
  /** Stable id of the rule, for storage and tests; the page shows `label` and `text`, never this. */
  rule: z.string(),
  label: localizedSchema,
  text: localizedSchema,
  formula: z.string().nullable(),
  /** The formula with indicator names, × and ÷, functions and sets in words. */
  formulaText: localizedSchema.nullable(),
  /** The city formula (a city figure computed from its parts) in words. */
  cityFormulaText: localizedSchema.nullable(),
  /** Where the year ends at the current pace (cumulative and year-to-date indicators, months 1–11). */
  projection: projectionSchema.nullable(),
  formulaInputs: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      unit: z.string(),
      orgUnitId: z.string(),
      orgUnitName: z.string(),
      period: z.string(),
      value: z.number().nullable(),
    }),
  ),
  target: z
    .object({
      comparison: z.string(),
      floor: z.number().nullable(),
      stretch: z.number().nullable(),
      upper: z.number().nullable(),
    })
    .nullable(),
  elapsedShare: z.number().nullable(),
  deviationPoints: z.number().nullable(),
  thresholds: z.object({ yellowPoints: z.number(), redPoints: z.number(), rateYellowRelative: z.number() }).nullable(),
  baseline: z.number().nullable(),
});
export type Explanation = z.infer<typeof explainResponseSchema>;

export const thresholdsSchema = z.object({
  yellowPoints: z.number().min(0).max(100),
  redPoints: z.number().min(0).max(100),
  rateYellowRelative: z.number().min(0).max(1),
});

export const weightingMethodSchema = z.enum(WEIGHTING_METHODS);

export const rankingQuerySchema = matrixQuerySchema.omit({ dimensionCode: true }).extend({
  /** The city's own weights (the default), or an alternative view: equal weights, entropy weights, TOPSIS. */
  weighting: weightingMethodSchema.optional(),
});

export const rankingRowSchema = z.object({
  orgUnitId: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** The score of the weighting asked for (the city's composite by default; 0–100 entropy, 0–1 TOPSIS closeness). */
  overall: z.number().nullable(),
  rank: z.number().nullable(),
  /** Which weighting `overall` and `rank` are by. */
  method: weightingMethodSchema,
  /** The city's own composite and rank, always shown beside an alternative. */
  cityOverall: z.number().nullable(),
  cityRank: z.number().nullable(),
  byDimension: z.record(z.string(), z.number().nullable()),
  coverage: z.number(),
  red: z.number(),
  yellow: z.number(),
  green: z.number(),
});
export type RankingRow = z.infer<typeof rankingRowSchema>;

/** An alternative weighting explained: the weights it derived, from what, and what it left out. */
export const weightingResponseSchema = z.object({
  method: weightingMethodSchema,
  name: localizedSchema,
  convention: localizedSchema,
  asOf: z.string().nullable(),
  rows: z.array(rankingRowSchema),
  weights: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      direction: z.enum(['higher', 'lower']),
      weight: z.number(),
      entropy: z.number().nullable(),
    }),
  ),
  /** Indicators left out because a unit has no figure for them (entropy and TOPSIS need a full matrix). */
  dropped: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
});
export type WeightingResponse = z.infer<typeof weightingResponseSchema>;

export const endOfPlanQuerySchema = z.object({
  preview: queryFlagSchema.optional(),
});

/** One end-of-plan (2025) target the seeds state, against the latest figure of 2025 (终期评估). */
export const endOfPlanRowSchema = z.object({
  indicatorCode: z.string(),
  indicatorName: z.string(),
  indicatorNameEn: z.string(),
  unit: z.string(),
  dimensionCode: z.string(),
  dimensionName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  /** `endOfPlan`: a target of the 2022–2025 plan; `annual`: a 2025 annual target the seeds state. */
  kind: z.enum(['endOfPlan', 'annual']),
  target: z.object({
    comparison: z.string(),
    floor: z.number().nullable(),
    stretch: z.number().nullable(),
    upper: z.number().nullable(),
  }),
  source: z.string(),
  sourceQuote: z.string().nullable(),
  actual: z.number().nullable(),
  period: z.string().nullable(),
  /** The figure is the year's final one (December, Q4 or the year), not part-way through. */
  final: z.boolean(),
  verdict: z.enum(['met', 'notMet', 'noData']),
  stretchMet: z.boolean().nullable(),
  gap: z.number().nullable(),
  text: localizedSchema,
  unpublished: z.boolean(),
  generated: z.boolean(),
});
export type EndOfPlanRow = z.infer<typeof endOfPlanRowSchema>;

export const endOfPlanResponseSchema = z.object({
  frameworkId: z.string(),
  year: z.number(),
  asOf: z.string().nullable(),
  preview: z.boolean(),
  computedAt: z.string(),
  counts: z.object({ met: z.number(), notMet: z.number(), noData: z.number() }),
  rows: z.array(endOfPlanRowSchema),
});
export type EndOfPlanResponse = z.infer<typeof endOfPlanResponseSchema>;

export const runBodySchema = z.object({ frameworkId: z.string().optional() });
export const runResponseSchema = z.object({
  asOf: z.array(z.string()),
  loadMs: z.number(),
  computeMs: z.number(),
  storeMs: z.number(),
});

const tags = ['evaluation'] as const;

/** The evaluation's routes (the end-of-plan workbook, a file, is registered beside them in evaluation.routes.ts). */
export const evaluationRoutes = {
  matrix: defineRoute({
    method: 'GET',
    path: '/evaluation/matrix',
    tags,
    summary: '评价矩阵 Evaluation matrix',
    access: 'authenticated',
    query: matrixQuerySchema,
    response: matrixResponseSchema,
  }),
  ranking: defineRoute({
    method: 'GET',
    path: '/evaluation/ranking',
    tags,
    summary: '区县排名 Ranking of districts and counties',
    access: 'authenticated',
    query: rankingQuerySchema,
    response: z.array(rankingRowSchema),
  }),
  weighting: defineRoute({
    method: 'GET',
    path: '/evaluation/weighting',
    tags,
    summary: '排名权重方法 A ranking by another weighting, with the weights it derived',
    access: 'authenticated',
    query: rankingQuerySchema,
    response: weightingResponseSchema,
  }),
  endOfPlan: defineRoute({
    method: 'GET',
    path: '/evaluation/end-of-plan',
    tags,
    summary: '终期评估 The 2025 targets against the latest figures',
    access: 'authenticated',
    query: endOfPlanQuerySchema,
    response: endOfPlanResponseSchema,
  }),
  explain: defineRoute({
    method: 'GET',
    path: '/evaluation/explain',
    tags,
    summary: '评价说明 Why a cell has its colour',
    access: 'authenticated',
    query: explainQuerySchema,
    response: explainResponseSchema,
  }),
  run: defineRoute({
    method: 'POST',
    path: '/evaluation/run',
    tags,
    summary: '重新评价 Re-evaluate',
    access: ['coordinator'],
    body: runBodySchema,
    response: runResponseSchema,
  }),
  thresholds: defineRoute({
    method: 'GET',
    path: '/evaluation/thresholds',
    tags,
    summary: '预警阈值 Thresholds',
    access: 'authenticated',
    response: thresholdsSchema,
  }),
  setThresholds: defineRoute({
    method: 'PUT',
    path: '/evaluation/thresholds',
    tags,
    summary: '设置预警阈值 Set thresholds',
    access: ['coordinator'],
    body: thresholdsSchema,
    response: okSchema,
  }),
};
