import { z } from 'zod';
import { defineRoute } from '../contract.ts';
import { localizedSchema, periodSchema, queryFlagSchema } from './common.ts';
import { colourSchema, coverageSchema, projectionSchema, rankingRowSchema, statusSchema } from './evaluation.ts';

const targetBrief = z
  .object({
    comparison: z.string(),
    floor: z.number().nullable(),
    stretch: z.number().nullable(),
    upper: z.number().nullable(),
  })
  .nullable();

export const cockpitCardSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  orgUnitId: z.string(),
  period: z.string().nullable(),
  actual: z.number().nullable(),
  target: targetBrief,
  status: statusSchema,
  colour: colourSchema,
  /** The position named for this kind of indicator (接近确保目标 for a rate, 滞后序时进度 for a cumulative one). */
  label: localizedSchema,
  score: z.number().nullable(),
  deviationPoints: z.number().nullable(),
  /** Where the year ends at the current pace, for cumulative and year-to-date indicators (early warning). */
  projection: projectionSchema.nullable(),
  definition: z.string(),
  leadDepartment: z.string().nullable(),
  gap: z.string().nullable(),
  baseline: z.object({ year: z.number(), value: z.number() }).nullable(),
  /** Share of the inputs behind this figure that are generated demo data (0–1). */
  generated: z.boolean(),
  /** The figure rests on a value approved but not yet published (only in a preview). */
  unpublished: z.boolean(),
});
export type CockpitCard = z.infer<typeof cockpitCardSchema>;

export const cockpitResponseSchema = z.object({
  frameworkId: z.string(),
  /** True when approved but unpublished figures are included (a preview, never what leaders see). */
  preview: z.boolean(),
  frameworkName: z.string(),
  year: z.number(),
  asOf: z.string().nullable(),
  availableAsOf: z.array(z.string()),
  /** The shown month's coverage: "11月：1/7 单位已报送". */
  coverage: coverageSchema.nullable(),
  availableCoverage: z.array(coverageSchema.omit({ missingUnitIds: true })),
  computedAt: z.string(),
  scopeUnitId: z.string(),
  headline: z.array(cockpitCardSchema),
  gaps: z.array(cockpitCardSchema),
  redList: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      orgUnitId: z.string(),
      orgUnitName: z.string(),
      actual: z.number().nullable(),
      unit: z.string(),
      status: statusSchema,
      colour: colourSchema,
      label: localizedSchema,
      deviationPoints: z.number().nullable(),
      leadDepartment: z.string().nullable(),
      unpublished: z.boolean(),
    }),
  ),
  ranking: z.array(rankingRowSchema),
  colourCounts: z.object({ green: z.number(), yellow: z.number(), red: z.number(), grey: z.number() }),
  trends: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      points: z.array(z.object({ asOf: z.string(), actual: z.number().nullable(), floor: z.number().nullable() })),
    }),
  ),
  districts: z.array(
    z.object({
      orgUnitId: z.string(),
      name: z.string(),
      code: z.string(),
      overall: z.number().nullable(),
      rank: z.number().nullable(),
      colour: colourSchema,
    }),
  ),
  demoDataShare: z.number(),
});
export type CockpitResponse = z.infer<typeof cockpitResponseSchema>;

export const cockpitQuerySchema = z.object({
  frameworkId: z.string().optional(),
  asOf: periodSchema.optional(),
  /** Include approved but unpublished figures (the coordination centre and reviewers only). */
  preview: queryFlagSchema.optional(),
});

export const cockpitRoutes = {
  /** Sent as the cached, already serialised JSON (CockpitService.json), never re-validated per request. */
  cockpit: defineRoute({
    method: 'GET',
    path: '/cockpit',
    tags: ['cockpit'],
    summary: '驾驶舱 Cockpit',
    access: 'authenticated',
    query: cockpitQuerySchema,
    response: cockpitResponseSchema,
  }),
};
