import { z } from 'zod';
import { VALUE_STATUSES } from '../../domain/types.ts';
import { idSchema, periodSchema } from './common.ts';
import { targetSchema } from './frameworks.ts';

export const valueStatusSchema = z.enum(VALUE_STATUSES);
export const originSchema = z.enum(['reported', 'published', 'generated']);

export const valueSchema = z.object({
  id: z.string(),
  indicatorCode: z.string(),
  orgUnitId: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  status: valueStatusSchema,
  origin: originSchema,
  sourceTitle: z.string().nullable(),
  note: z.string().nullable(),
  returnReason: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Value = z.infer<typeof valueSchema>;

export const gridRowSchema = z.object({
  indicatorCode: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  dimensionCode: z.string(),
  valueKind: z.string(),
  direction: z.string(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  computed: z.boolean(),
  editable: z.boolean(),
  /** Why the row is read-only, when it is. */
  readOnlyReason: z.string().nullable(),
  previousPeriod: z.string().nullable(),
  previousValue: z.number().nullable(),
  /** The year's target, without its source (the framework page shows sources): the grid stays small. */
  target: targetSchema.omit({ source: true, zeroPoint: true }).extend({ generated: z.boolean() }).nullable(),
  value: valueSchema.nullable(),
});
export type GridRow = z.infer<typeof gridRowSchema>;

export const gridQuerySchema = z.object({
  frameworkId: z.string().optional(),
  orgUnitId: idSchema,
  period: periodSchema,
});

export const gridResponseSchema = z.object({
  frameworkId: z.string(),
  orgUnitId: z.string(),
  period: z.string(),
  locked: z.boolean(),
  rows: z.array(gridRowSchema),
});

export const saveEntrySchema = z.object({
  indicatorCode: z.string().min(1).max(32),
  value: z.number().finite().nullable(),
  /** The version the user edited; null for a value not saved before. */
  version: z.number().int().nullable(),
  note: z.string().trim().max(500).nullable().default(null),
});

export const saveGridRequestSchema = z.object({
  frameworkId: z.string().optional(),
  orgUnitId: idSchema,
  period: periodSchema,
  entries: z.array(saveEntrySchema).min(1).max(2000),
});
export type SaveGridRequest = z.infer<typeof saveGridRequestSchema>;

export const plausibilityWarningSchema = z.object({
  indicatorCode: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

export const saveGridResponseSchema = z.object({
  saved: z.number(),
  warnings: z.array(plausibilityWarningSchema),
  values: z.array(valueSchema),
});

export const submitRequestSchema = z.object({
  frameworkId: z.string().optional(),
  orgUnitId: idSchema,
  period: periodSchema,
});

export const reviewRequestSchema = z
  .object({
    items: z
      .array(z.object({ id: z.string().min(1), version: z.number().int() }))
      .min(1)
      .max(2000),
    action: z.enum(['approve', 'return']),
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .refine((r) => r.action === 'approve' || (r.reason !== null && r.reason.length > 0), {
    message: '退回必须填写原因 / a return needs a reason',
    path: ['reason'],
  });

export const reviewQueueItemSchema = valueSchema.extend({
  indicatorName: z.string(),
  indicatorNameEn: z.string(),
  unit: z.string(),
  orgUnitName: z.string(),
  orgUnitNameEn: z.string(),
  /** The unit's target for the year, as the entry grid shows it: the reviewer judges the figure against it. */
  target: targetSchema.omit({ source: true, zeroPoint: true }).extend({ generated: z.boolean() }).nullable(),
  previousValue: z.number().nullable(),
  submittedAt: z.string().nullable(),
});

export const historyEntrySchema = z.object({
  action: z.string(),
  oldValue: z.number().nullable(),
  newValue: z.number().nullable(),
  oldStatus: z.string().nullable(),
  newStatus: z.string(),
  reason: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  at: z.string(),
});

export const seriesQuerySchema = z.object({
  indicatorCode: z.string().min(1).max(32),
  orgUnitId: idSchema,
  fromYear: z.coerce.number().int().optional(),
  toYear: z.coerce.number().int().optional(),
});

export const seriesPointSchema = z.object({
  period: z.string(),
  value: z.number().nullable(),
  status: z.string(),
  origin: z.string(),
  id: z.string(),
});

export const publishRequestSchema = z.object({ period: periodSchema, orgUnitId: idSchema.optional() });
/** What a publication would change: the values, their units and indicators, for the period asked. */
export const publishPreviewSchema = z.object({
  period: z.string(),
  locked: z.boolean(),
  count: z.number(),
  indicators: z.number(),
  units: z.array(z.object({ orgUnitId: z.string(), name: z.string(), nameEn: z.string(), count: z.number() })),
});
export type PublishPreview = z.infer<typeof publishPreviewSchema>;
export const lockRequestSchema = z.object({
  period: periodSchema,
  reason: z.string().trim().max(500).nullable().default(null),
});
export const unlockRequestSchema = z.object({ period: periodSchema, reason: z.string().trim().min(1).max(500) });
export const reopenRequestSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  reason: z.string().trim().min(1).max(500),
});
