/**
 * Request and response shapes of the household statistics (/api/v1/household-statistics), shared by the server and
 * the web. Counts are null where small-cell suppression hid them (readers who may see statistics but not the
 * households behind them); `basis` says whether a figure is exact or a within-bracket interpolation estimate.
 */
import { z } from 'zod';
import { defineRoute } from '../contract.ts';
import { idSchema } from './common.ts';

const cell = z.number().nullable();
const range = z.object({ certain: cell, upTo: cell });
const bounded = z
  .object({
    low: z.number().nullable(),
    high: z.number().nullable(),
    value: z.number().nullable(),
    basis: z.enum(['exact', 'estimate']),
  })
  .nullable();
const measure = z.object({ value: z.number().nullable(), basis: z.enum(['exact', 'estimate']) }).nullable();

export const unitStatisticsSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  hidden: z.boolean(),
  households: cell,
  people: cell,
  income: z.object({ exact: cell, bracket: cell, unknown: cell }),
  brackets: z.array(z.object({ low: z.number(), high: z.number().nullable(), households: cell, people: cell })),
  flags: z.object({ below10k: range, zeroEmployment: range, noLabour: range, nearLine: range }),
  classes: z.object({ below10k: range, low: range, middle: range, high: range }),
  middleShare: z.object({ low: z.number().nullable(), high: z.number().nullable() }).nullable(),
  meanPerCapita: bounded,
  medianPerCapita: bounded,
  gini: measure,
  theil: measure,
  mld: measure,
  s80s20: measure,
  palma: measure,
  fgt0: bounded,
  fgt1: bounded,
  fgt2: bounded,
  lorenz: z.array(z.number()).nullable(),
  suppression: z.object({ primary: z.number(), complementary: z.number() }),
});
export type UnitStatisticsDto = z.infer<typeof unitStatisticsSchema>;

export const householdStatisticsQuerySchema = z.object({ unitId: idSchema.optional() });

export const householdStatisticsResponseSchema = z.object({
  /** The unit asked for (the reader's scope centre by default) and its children, each with its figures. */
  unit: unitStatisticsSchema,
  children: z.array(unitStatisticsSchema),
  /** True when small cells are hidden for this reader (statistics without individuals). */
  suppressed: z.boolean(),
  /** The income-class rule in words, e.g. 三口之家年收入10万—50万元（人均3.33万—16.67万元）. */
  rule: z.object({ zh: z.string(), en: z.string() }),
  computedAt: z.string(),
  /** Generated data (示例数据) is in the registry. */
  generated: z.boolean(),
});
export type HouseholdStatisticsResponse = z.infer<typeof householdStatisticsResponseSchema>;

export const householdStatisticsRoutes = {
  get: defineRoute({
    method: 'GET',
    path: '/household-statistics',
    tags: ['households'],
    summary: '低收入家庭统计 Household statistics of a unit and its children',
    access: 'authenticated',
    query: householdStatisticsQuerySchema,
    response: householdStatisticsResponseSchema,
  }),
};
