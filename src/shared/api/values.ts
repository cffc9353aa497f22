import { z } from 'zod';
import { defineRoute } from '../contract.ts';
import { VALUE_STATUSES } from '../../domain/types.ts';
import { idSchema, okSchema, periodSchema } from './common.ts';
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

/**
 * Why a grid row is read-only, as a code the web app words (src/web/messages.ts, `entry.readOnly.*`): a computed
 * indicator; one fed by the four lists, the household registry or the major-project ledger; a locked period; an indicator that is not the
 * user's to enter; a published figure; a value whose status does not allow editing (its status tag says which).
 */
export const READ_ONLY_REASONS = [
  'computed',
  'fedByLists',
  'fedByHouseholds',
  'fedByProjects',
  'locked',
  'notYours',
  'published',
  'status',
] as const;
export type ReadOnlyReason = (typeof READ_ONLY_REASONS)[number];

/**
 * A target as the entry grid and the review queue show it: the figures and whether they are generated demo targets;
 * the row says the indicator and unit, the period the year, and the framework page the source and the zero point.
 */
export const gridTargetSchema = targetSchema
  .pick({ kind: true, comparison: true, floor: true, stretch: true, upper: true })
  .extend({ generated: z.boolean() });
export type GridTarget = z.infer<typeof gridTargetSchema>;

/** A grid row's value: the row and the answer already say its indicator, unit and period. */
export const gridValueSchema = valueSchema.omit({
  indicatorCode: true,
  orgUnitId: true,
  period: true,
  updatedBy: true,
});
export type GridValue = z.infer<typeof gridValueSchema>;

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
  readOnlyReason: z.enum(READ_ONLY_REASONS).nullable(),
  /** The value of the answer's `previousPeriod`. */
  previousValue: z.number().nullable(),
  /** The year's target, without its source (the framework page shows sources): the grid stays small. */
  target: gridTargetSchema.nullable(),
  value: gridValueSchema.nullable(),
});
export type GridRow = z.infer<typeof gridRowSchema>;

export const gridQuerySchema = z.object({
  frameworkId: z.string().optional(),
  orgUnitId: idSchema,
  period: periodSchema,
});

/**
 * The entry grid of one unit and period (300 rows for a district in a month). Kept small — what every row shares
 * (unit, period, the previous period) is said once — and served from a cache of its serialised JSON until a value,
 * a lock or the framework changes (ValueEntryService.gridJson).
 */
export const gridResponseSchema = z.object({
  frameworkId: z.string(),
  orgUnitId: z.string(),
  period: z.string(),
  /** The period the rows' `previousValue` is of (the month, quarter or year before). */
  previousPeriod: z.string(),
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
  target: gridTargetSchema.nullable(),
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
  /** Where an imported value came from (JSON: format, system, token, file); null when entered by a person. */
  source: z.string().nullable(),
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

export const periodLockSchema = z.object({ period: z.string(), lockedBy: z.string(), lockedAt: z.string() });
export type PeriodLock = z.infer<typeof periodLockSchema>;

/** The answer of the entry template's import (the Excel upload), all or nothing. */
const importWarningSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string().optional(),
  indicatorCode: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

export const importResponseSchema = z.object({
  /** Rows written: new drafts and changed drafts. */
  imported: z.number().int(),
  /** Rows identical to the draft already stored (nothing to write). */
  unchanged: z.number().int(),
  /** Rows with an empty 本期值. */
  skipped: z.number().int(),
  /** Plausibility and reading notes per row; never a refusal. */
  warnings: z.array(importWarningSchema),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;

const REPORTERS = ['districtReporter', 'departmentReporter'] as const;
const COORDINATOR = ['coordinator'] as const;
const tags = ['values'];

export const valueRoutes = {
  /**
   * Registered by the server outside `route()`: it sends the cached bytes a compiled serializer built
   * (ValueEntryService.gridJson), not validated by zod on the way out. The schema types the web client all the same.
   */
  grid: defineRoute({
    method: 'GET',
    path: '/values/grid',
    tags,
    summary: '填报表 Entry grid for one unit and period',
    access: 'authenticated',
    query: gridQuerySchema,
    response: gridResponseSchema,
  }),
  save: defineRoute({
    method: 'PUT',
    path: '/values/grid',
    tags,
    summary: '保存草稿 Save drafts (all or nothing)',
    access: REPORTERS,
    body: saveGridRequestSchema,
    response: saveGridResponseSchema,
  }),
  submit: defineRoute({
    method: 'POST',
    path: '/values/submit',
    tags,
    summary: '提交审核 Submit for review',
    access: REPORTERS,
    body: submitRequestSchema,
    response: z.object({ submitted: z.number() }),
  }),
  reviewQueue: defineRoute({
    method: 'GET',
    path: '/values/review-queue',
    tags,
    summary: '待审核 Review queue',
    access: ['reviewer'],
    query: z.object({ period: periodSchema.optional() }),
    response: z.array(reviewQueueItemSchema),
  }),
  review: defineRoute({
    method: 'POST',
    path: '/values/review',
    tags,
    summary: '审核通过或退回 Approve or return',
    access: ['reviewer'],
    body: reviewRequestSchema,
    response: z.object({ reviewed: z.number() }),
  }),
  publishPreview: defineRoute({
    method: 'GET',
    path: '/values/publish-preview',
    tags,
    summary: '发布预览 What publishing a period would change',
    access: COORDINATOR,
    query: publishRequestSchema,
    response: publishPreviewSchema,
  }),
  publish: defineRoute({
    method: 'POST',
    path: '/values/publish',
    tags,
    summary: '发布 Publish approved values',
    access: COORDINATOR,
    body: publishRequestSchema,
    response: z.object({ published: z.number() }),
  }),
  reopen: defineRoute({
    method: 'POST',
    path: '/values/reopen',
    tags,
    summary: '退回修改 Reopen a reviewed value',
    access: COORDINATOR,
    body: reopenRequestSchema,
    response: okSchema,
  }),
  history: defineRoute({
    method: 'GET',
    path: '/values/:id/history',
    tags,
    summary: '修改记录 Value history',
    access: 'authenticated',
    params: z.object({ id: z.string().min(1).max(64) }),
    response: z.object({ value: valueSchema, entries: z.array(historyEntrySchema) }),
  }),
  series: defineRoute({
    method: 'GET',
    path: '/values/series',
    tags,
    summary: '时间序列 Series',
    access: 'authenticated',
    query: seriesQuerySchema,
    response: z.array(seriesPointSchema),
  }),
  import: defineRoute({
    method: 'POST',
    path: '/values/import',
    tags,
    summary:
      '导入填报模板 Import a filled template as drafts (multipart field “file”; all or nothing, 422 lists every bad cell)',
    access: ['districtReporter', 'departmentReporter', 'coordinator'],
    consumes: ['multipart/form-data'],
    response: importResponseSchema,
  }),
  locks: defineRoute({
    method: 'GET',
    path: '/periods/locks',
    tags,
    summary: '已锁定期别 Locked periods',
    access: 'authenticated',
    response: z.array(periodLockSchema),
  }),
  lock: defineRoute({
    method: 'POST',
    path: '/periods/lock',
    tags,
    summary: '锁定期别 Lock a period',
    access: COORDINATOR,
    body: lockRequestSchema,
    response: okSchema,
  }),
  unlock: defineRoute({
    method: 'POST',
    path: '/periods/unlock',
    tags,
    summary: '解锁期别 Unlock a period (reason required)',
    access: COORDINATOR,
    body: unlockRequestSchema,
    response: okSchema,
  }),
};
