import { z } from 'zod';
import { defineRoute } from '../contract.ts';
import { okSchema } from './common.ts';
import { COMPARISONS, DIRECTIONS, FREQUENCIES, VALUE_KINDS } from '../../domain/types.ts';
import { idSchema } from './common.ts';

export const directionSchema = z.enum(DIRECTIONS);
export const frequencySchema = z.enum(FREQUENCIES);
export const valueKindSchema = z.enum(VALUE_KINDS);
export const comparisonSchema = z.enum(COMPARISONS);

export const sourceSchema = z.object({ doc: z.string(), title: z.string(), quote: z.string().nullable() });

export const frameworkSummarySchema = z.object({
  id: z.string(),
  year: z.number(),
  version: z.number(),
  name: z.string(),
  status: z.enum(['draft', 'published']),
  basedOnId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  rowVersion: z.number(),
});
export type FrameworkSummary = z.infer<typeof frameworkSummarySchema>;

export const dimensionSchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  nameEn: z.string(),
  workTeamId: z.string().nullable(),
  weight: z.number(),
  sort: z.number(),
});
export type Dimension = z.infer<typeof dimensionSchema>;

const indicatorFields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/, { message: '编码只能包含字母、数字、- 和 _ / letters, digits, - and _' }),
  dimensionCode: z.string().min(1),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(200),
  unit: z.string().trim().max(20),
  direction: directionSchema,
  frequency: frequencySchema,
  valueKind: valueKindSchema,
  leadDepartmentId: idSchema.nullable(),
  workTeamId: idSchema.nullable(),
  dataSource: z.string().trim().max(200),
  definition: z.string().trim().max(2000),
  weight: z.number().min(0).max(100),
  formula: z.string().trim().max(500).nullable(),
  scope: z.enum(['city', 'cityAndDistricts']),
  /** Only these units report it; null when the scope decides. */
  reportingUnitIds: z.array(z.string()).nullable(),
  headline: z.boolean(),
  gap: z.enum(['regional', 'urbanRural', 'income']).nullable(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  seasonalProfile: z.array(z.number().min(0).max(1)).length(12).nullable(),
};

export const indicatorInputSchema = z.object(indicatorFields);
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;

export const indicatorSchema = z.object({
  ...indicatorFields,
  /** Supplied by another module at evaluation time (e.g. the four lists), never entered. */
  fedBy: z.string().nullable(),
  /** The city's figure as an aggregate of its parts (computed from them, or checked against them), or null. */
  cityFormula: z.string().nullable(),
  code: z.string(),
  id: z.string(),
  sort: z.number(),
  source: sourceSchema,
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const targetSchema = z.object({
  indicatorCode: z.string(),
  orgUnitId: z.string(),
  year: z.number().int(),
  kind: z.enum(['annual', 'endOfPlan']),
  comparison: comparisonSchema,
  floor: z.number().nullable(),
  stretch: z.number().nullable(),
  upper: z.number().nullable(),
  /** The zero point the indicator states (scores 0), or null for the documented default per kind of value. */
  zeroPoint: z.number().nullable(),
  source: sourceSchema,
});
export type TargetRow = z.infer<typeof targetSchema>;

export const targetInputSchema = targetSchema
  .omit({ source: true })
  .extend({ orgUnitId: idSchema, zeroPoint: z.number().nullable().default(null) });

export const baselineSchema = z.object({
  indicatorCode: z.string(),
  orgUnitId: z.string(),
  year: z.number(),
  value: z.number(),
  source: sourceSchema,
});
export type BaselineRow = z.infer<typeof baselineSchema>;

export const frameworkDetailSchema = z.object({
  framework: frameworkSummarySchema,
  dimensions: z.array(dimensionSchema),
  indicators: z.array(indicatorSchema),
  targets: z.array(targetSchema),
  baselines: z.array(baselineSchema),
});
export type FrameworkDetail = z.infer<typeof frameworkDetailSchema>;

export const formulaCheckRequestSchema = z.object({
  formula: z.string().max(500),
  indicatorCode: z.string().optional(),
});
export const formulaCheckResponseSchema = z.object({
  ok: z.boolean(),
  references: z.array(z.string()),
  errors: z.array(z.object({ message: z.string(), messageEn: z.string(), start: z.number(), end: z.number() })),
});

const EDITORS = ['coordinator'] as const;
const tags = ['frameworks'];
/** A framework version's id; `current` for the one in force where the route says so. */
const params = z.object({ id: z.string().min(1).max(64) });

export const saveIndicatorRequestSchema = z.object({ rowVersion: z.number().int(), indicator: indicatorInputSchema });
export const saveTargetRequestSchema = z.object({ rowVersion: z.number().int(), target: targetInputSchema });

export const frameworkRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/frameworks',
    tags,
    summary: '指标体系版本 Framework versions',
    access: 'authenticated',
    response: z.array(frameworkSummarySchema),
  }),
  detail: defineRoute({
    method: 'GET',
    path: '/frameworks/:id',
    tags,
    summary: '指标体系（维度、指标、目标、基期）Framework detail; id "current" for the one in force',
    access: 'authenticated',
    params,
    response: frameworkDetailSchema,
  }),
  publish: defineRoute({
    method: 'POST',
    path: '/frameworks/:id/publish',
    tags,
    summary: '发布（冻结）Publish and freeze',
    access: EDITORS,
    params,
    body: z.object({ rowVersion: z.number().int() }),
    response: okSchema,
  }),
  newVersion: defineRoute({
    method: 'POST',
    path: '/frameworks/:id/versions',
    tags,
    summary: '复制为新版本草稿 New draft version',
    access: EDITORS,
    params,
    response: z.object({ id: z.string() }),
  }),
  saveIndicator: defineRoute({
    method: 'PUT',
    path: '/frameworks/:id/indicators',
    tags,
    summary: '新增或修改指标（仅草稿）Create or edit an indicator (drafts only)',
    access: EDITORS,
    params,
    body: saveIndicatorRequestSchema,
    response: okSchema,
  }),
  saveTarget: defineRoute({
    method: 'PUT',
    path: '/frameworks/:id/targets',
    tags,
    summary: '设置目标（仅草稿）Set a target (drafts only)',
    access: EDITORS,
    params,
    body: saveTargetRequestSchema,
    response: okSchema,
  }),
  formulaCheck: defineRoute({
    method: 'POST',
    path: '/frameworks/:id/formula-check',
    tags,
    summary: '检查公式 Check a formula',
    access: 'authenticated',
    params,
    body: formulaCheckRequestSchema,
    response: formulaCheckResponseSchema,
  }),
};
