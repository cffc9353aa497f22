/**
 * Request and response shapes of the major-project ledger (/api/v1/projects, 项目为王), shared by the server and
 * the web. Amounts are in 万元 (the ledgers' unit); the web shows 亿元 where a figure is large. The pure rules
 * (stages, the project code, lights, plausibility, aggregates) are src/domain/projects; the service applies them so
 * that a message names what is wrong.
 */
import { z } from 'zod';
import { defineRoute } from '../contract.ts';
import { isDate } from '../../domain/lists/dates.ts';
import {
  FUNDING_SOURCES,
  LIGHT_COLOURS,
  LIGHT_KINDS,
  PLAN_STATUSES,
  PROJECT_LEVELS,
  PROJECT_STAGES,
  RETURN_STATUSES,
  STATISTICS_STATUSES,
} from '../../domain/projects/types.ts';
import { RETURN_WARNING_KINDS } from '../../domain/projects/returns.ts';
import { idSchema, localizedSchema, monthSchema, requiredText, yearQuerySchema, yearSchema } from './common.ts';

export const projectStageSchema = z.enum(PROJECT_STAGES);
export const projectLevelSchema = z.enum(PROJECT_LEVELS);
export const fundingSourceSchema = z.enum(FUNDING_SOURCES);
export const statisticsStatusSchema = z.enum(STATISTICS_STATUSES);
export const returnStatusSchema = z.enum(RETURN_STATUSES);
export const planStatusSchema = z.enum(PLAN_STATUSES);
export const lightColourSchema = z.enum(LIGHT_COLOURS);
export const lightKindSchema = z.enum(LIGHT_KINDS);

const dateSchema = z.string().refine(isDate, { message: '日期格式应为 YYYY-MM-DD / a date must look like 2025-06-30' });
const versionField = z.number().int().min(1);
/** An amount in 万元: not negative, at most 1万亿元. */
export const amountSchema = z
  .number({ error: '应为数字 / must be a number' })
  .finite({ error: '应为数字 / must be a number' })
  .min(0, { error: '不能为负数 / must not be negative' })
  .max(100_000_000, { error: '金额过大（单位：万元） / amount too large (unit: 万元)' });
const chainSchema = z
  .string()
  .trim()
  .min(1, { message: '必填 / required' })
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, { message: '产业链编码无效 / invalid industry chain code' });
/** The national project code's text; its shape and region are the domain's (src/domain/projects/code.ts). */
const projectCodeSchema = z.string().trim().min(1, { message: '必填 / required' }).max(40);

// ——— writes ———

export const fundingInputSchema = z.object({ source: fundingSourceSchema, amount: amountSchema });

export const projectInputSchema = z.object({
  code: projectCodeSchema,
  name: requiredText(200),
  owner: requiredText(200),
  level: projectLevelSchema,
  chain: chainSchema,
  /** The district (or county, or the zone, or the city itself for the city's own agencies). */
  districtId: idSchema,
  totalInvestment: amountSchema,
  funding: z.array(fundingInputSchema).max(FUNDING_SOURCES.length).default([]),
  /** Initial stage; later moves go through `moveStage`. */
  stage: projectStageSchema.default('reserve'),
  plannedStart: dateSchema.nullable().default(null),
  plannedCompletion: dateSchema.nullable().default(null),
  plannedProduction: dateSchema.nullable().default(null),
  actualStart: dateSchema.nullable().default(null),
  actualCompletion: dateSchema.nullable().default(null),
  actualProduction: dateSchema.nullable().default(null),
  statisticsStatus: statisticsStatusSchema.default('notEntered'),
  content: z.string().trim().max(2000).default(''),
  /** The list item (重大项目清单) the project is, when it is on the four lists. */
  listItemId: idSchema.nullable().default(null),
});
export type ProjectInput = z.infer<typeof projectInputSchema>;

/** An edit: any of the fields but the stage (moved with `moveStage`), with the version it started from. */
export const projectPatchSchema = projectInputSchema
  .omit({ stage: true, actualStart: true, actualCompletion: true, actualProduction: true })
  .partial()
  .extend({ version: versionField });
export type ProjectPatch = z.infer<typeof projectPatchSchema>;

export const stageMoveSchema = z.object({
  version: versionField,
  to: projectStageSchema,
  /** The day the stage was reached. */
  on: dateSchema,
  /** Required to move backwards: an approved stage adjustment of this project. */
  adjustmentId: idSchema.optional(),
});

export const stageAdjustmentRequestSchema = z.object({ to: projectStageSchema, reason: requiredText(500) });
export const adjustmentDecisionSchema = z.object({
  approve: z.boolean(),
  comment: z.string().trim().max(500).default(''),
});

export const planInputSchema = z
  .object({
    /** The version of the plan being edited; null when creating the year's plan. */
    version: versionField.nullable(),
    planned: amountSchema,
    /** Twelve monthly shares (any scale), or null for the default seasonal profile. */
    profile: z
      .array(z.number().min(0, { error: '不能为负数 / must not be negative' }))
      .length(12, { message: '月度分解应有12个月 / a monthly profile has twelve months' })
      .nullable()
      .default(null),
    startMonth: z.number().int().min(1).max(12).nullable().default(null),
    completionMonth: z.number().int().min(1).max(12).nullable().default(null),
    note: z.string().trim().max(500).default(''),
  })
  .superRefine((v, c) => {
    if (v.profile && !v.profile.some((s) => s > 0)) {
      c.addIssue({ code: 'custom', path: ['profile'], message: '月度分解不能全为0 / a profile cannot be all zero' });
    }
    if (v.startMonth !== null && v.completionMonth !== null && v.completionMonth < v.startMonth) {
      c.addIssue({
        code: 'custom',
        path: ['completionMonth'],
        message: '计划竣工月不能早于计划开工月 / the completion month cannot precede the start month',
      });
    }
  });
export type PlanInput = z.infer<typeof planInputSchema>;

export const idsSchema = z.object({ ids: z.array(idSchema).min(1).max(5000) });
export const planReviewSchema = idsSchema.extend({
  decision: z.enum(['freeze', 'return']),
  comment: z.string().trim().max(500).default(''),
});
export const reopenSchema = z.object({ reason: requiredText(500) });

/** A problem needing co-ordination (需协调解决的问题): the unit that must solve it and by when. */
export const returnProblemInputSchema = z.object({
  description: requiredText(500),
  ownerUnitId: idSchema,
  dueDate: dateSchema,
});

export const returnInputSchema = z.object({
  /** The version of the return being edited; null when filing the month's first. */
  version: versionField.nullable(),
  thisMonth: amountSchema,
  ytd: amountSchema,
  sinceStart: amountSchema,
  progressText: requiredText(500),
  progressPercent: z
    .number()
    .min(0, { error: '不能为负数 / must not be negative' })
    .max(100, { error: '不超过100 / at most 100' }),
  workers: z
    .number()
    .int({ error: '应为整数 / must be a whole number' })
    .min(0, { error: '不能为负数 / must not be negative' }),
  problems: z.array(returnProblemInputSchema).max(20).default([]),
});
export type ReturnInput = z.infer<typeof returnInputSchema>;

export const returnReviewSchema = idsSchema.extend({
  decision: z.enum(['approve', 'return']),
  comment: z.string().trim().max(500).default(''),
});

// ——— reads ———

export const lightSchema = z.object({ kind: lightKindSchema, colour: lightColourSchema, explanation: localizedSchema });

export const projectFilterSchema = z.object({
  stage: projectStageSchema.optional(),
  level: projectLevelSchema.optional(),
  chain: chainSchema.optional(),
  /** A district (with the units inside it). */
  districtId: idSchema.optional(),
  light: lightColourSchema.optional(),
  /** Part of the owner's name. */
  owner: z.string().trim().max(100).optional(),
  /** Part of the name or the code. */
  q: z.string().trim().max(100).optional(),
  /** The plan year the figures are for (default: the year of the judged month). */
  year: yearQuerySchema.optional(),
  sort: z.enum(['code', 'name', 'light', 'rate', 'totalInvestment']).default('code'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ProjectFilter = z.infer<typeof projectFilterSchema>;

export const projectRowSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  owner: z.string(),
  level: projectLevelSchema,
  chain: z.string(),
  chainName: localizedSchema,
  districtId: z.string(),
  districtName: z.string(),
  stage: projectStageSchema,
  totalInvestment: z.number(),
  plannedStart: z.string().nullable(),
  actualStart: z.string().nullable(),
  plannedCompletion: z.string().nullable(),
  actualCompletion: z.string().nullable(),
  /** The year's plan (万元), null without one. */
  planned: z.number().nullable(),
  /** Approved year to date at the judged month. */
  ytd: z.number(),
  rate: z.number().nullable(),
  light: lightColourSchema,
  lights: z.array(lightSchema),
  listItemId: z.string().nullable(),
  /** Whether figures of this project are generated example data (示例数据). */
  generated: z.boolean(),
  version: z.number(),
});
export type ProjectRow = z.infer<typeof projectRowSchema>;

export const projectPageSchema = z.object({
  rows: z.array(projectRowSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** The month whose figures the rows and lights judge (the last whose return is due). */
  month: z.string(),
  year: z.number(),
});

/** Who did something: a user's name and the unit of their scope (never a user id). */
export const personSchema = z.object({
  name: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});
export type Person = z.infer<typeof personSchema>;

export const planSchema = z.object({
  id: z.string(),
  year: z.number(),
  planned: z.number(),
  profile: z.array(z.number()).nullable(),
  startMonth: z.number().nullable(),
  completionMonth: z.number().nullable(),
  /** The cumulative planned share through each month (the plan's time-elapsed progress). */
  expected: z.array(z.number()),
  note: z.string(),
  status: planStatusSchema,
  reviewedBy: z.string().nullable(),
  reviewedByPerson: personSchema.nullable(),
  reviewedAt: z.string().nullable(),
  comment: z.string(),
  generated: z.boolean(),
  version: z.number(),
});
export type Plan = z.infer<typeof planSchema>;

export const returnWarningSchema = z.object({
  kind: z.enum(RETURN_WARNING_KINDS),
  field: z.string(),
  message: localizedSchema,
});

export const returnProblemSchema = z.object({
  id: z.string(),
  description: z.string(),
  ownerUnitId: z.string(),
  ownerUnitName: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'resolved']),
  /** The list problem it became (when the project is on the lists). */
  listProblemId: z.string().nullable(),
  late: z.boolean(),
});

/** The figures of a return a piece of evidence can back (佐证): the amounts, the physical progress, the workers. */
export const EVIDENCE_FIGURES = ['thisMonth', 'ytd', 'sinceStart', 'progress', 'workers'] as const;
export const evidenceFigureSchema = z.enum(EVIDENCE_FIGURES);
export type EvidenceFigure = z.infer<typeof evidenceFigureSchema>;

export const evidenceSchema = z.object({
  id: z.string(),
  returnId: z.string().nullable(),
  /** The figure it backs; null for the return as a whole. */
  figure: evidenceFigureSchema.nullable(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
});

export const returnSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  month: z.string(),
  thisMonth: z.number(),
  ytd: z.number(),
  sinceStart: z.number(),
  progressText: z.string(),
  progressPercent: z.number(),
  workers: z.number(),
  status: returnStatusSchema,
  warnings: z.array(returnWarningSchema),
  problems: z.array(returnProblemSchema),
  evidence: z.array(evidenceSchema),
  filedBy: z.string().nullable(),
  filedByPerson: personSchema.nullable(),
  filedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedByPerson: personSchema.nullable(),
  reviewedAt: z.string().nullable(),
  comment: z.string(),
  generated: z.boolean(),
  version: z.number(),
});
export type ProjectReturn = z.infer<typeof returnSchema>;

export const stageEventSchema = z.object({
  stage: projectStageSchema,
  on: z.string(),
  at: z.string(),
  by: z.string().nullable(),
  byPerson: personSchema.nullable(),
  adjustmentId: z.string().nullable(),
});

export const stageAdjustmentSchema = z.object({
  id: z.string(),
  fromStage: projectStageSchema,
  toStage: projectStageSchema,
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'used']),
  requestedBy: z.string().nullable(),
  requestedByPerson: personSchema.nullable(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedByPerson: personSchema.nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string(),
});

export const historyEntrySchema = z.object({
  at: z.string(),
  user: z.string().nullable(),
  /** Who did it (null for the system: the seed, the daily run). */
  person: personSchema.nullable(),
  action: z.string(),
  detail: z.string(),
});

export const projectDetailSchema = projectRowSchema.extend({
  content: z.string(),
  funding: z.array(z.object({ source: fundingSourceSchema, amount: z.number() })),
  plannedProduction: z.string().nullable(),
  actualProduction: z.string().nullable(),
  statisticsStatus: statisticsStatusSchema,
  /** The day each stage was reached, oldest first. */
  stages: z.array(stageEventSchema),
  adjustments: z.array(stageAdjustmentSchema),
  plans: z.array(planSchema),
  returns: z.array(returnSchema),
  /** The list item's responsibility, when the project is on the lists. */
  responsibility: z
    .object({
      listItemCode: z.string(),
      leaderName: z.string(),
      leadUnitId: z.string(),
      leadUnitName: z.string(),
      personInCharge: z.string(),
      listStatus: z.string(),
      listColour: z.string(),
    })
    .nullable(),
  history: z.array(historyEntrySchema),
  mayEdit: z.boolean(),
  mayFile: z.boolean(),
  mayReview: z.boolean(),
  /** The centre may decide the project's stage adjustments (not one it asked for itself). */
  mayDecideAdjustment: z.boolean(),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const reviewQueueQuerySchema = z.object({
  month: monthSchema.optional(),
  districtId: idSchema.optional(),
  status: returnStatusSchema.default('submitted'),
});

export const queueRowSchema = returnSchema.extend({
  projectCode: z.string(),
  projectName: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  planned: z.number().nullable(),
});

export const aggregateQuerySchema = z.object({
  /** The month (default: the judged month). */
  month: monthSchema.optional(),
});

const sliceSchema = z.object({ count: z.number(), planned: z.number(), ytd: z.number(), rate: z.number().nullable() });
const targetCheckSchema = z.object({ actual: z.number(), target: z.number().nullable(), met: z.boolean().nullable() });

export const unitAggregateSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  month: z.string(),
  keyProjects: targetCheckSchema,
  planned: z.number(),
  ytd: z.number(),
  rate: z.number().nullable(),
  timeElapsed: z.number(),
  pointsAgainstTime: z.number().nullable(),
  newStarts: targetCheckSchema,
  completions: targetCheckSchema,
  investment: targetCheckSchema,
  reserve: targetCheckSchema.extend({ count: z.number() }),
  byLevel: z.record(projectLevelSchema, sliceSchema),
  byChain: z.record(z.string(), sliceSchema),
  /** Lights of the unit's projects: how many of each colour. */
  lights: z.record(lightColourSchema, z.number()),
});
export type UnitAggregateView = z.infer<typeof unitAggregateSchema>;

/** A figure the city published (the 2023 government work report), kept as published beside the ledger's. */
export const publishedFigureSchema = z.object({
  year: z.number(),
  unitId: z.string(),
  keyProjects: z.number().nullable(),
  /** 万元. */
  planned: z.number().nullable(),
  ytd: z.number().nullable(),
  rate: z.number().nullable(),
  reserveCount: z.number().nullable(),
  reserve: z.number().nullable(),
  source: z.string(),
});

export const aggregatesSchema = z.object({
  month: z.string(),
  definitions: localizedSchema,
  units: z.array(unitAggregateSchema),
  published: z.array(publishedFigureSchema),
});

export const settingsSchema = z.object({
  chains: z.array(z.object({ code: z.string(), name: localizedSchema })),
  rules: z.object({
    startRedMonths: z.number(),
    investmentYellowPoints: z.number(),
    investmentRedPoints: z.number(),
    returnDay: z.number(),
    returnRedMonths: z.number(),
    monthShareWarning: z.number(),
  }),
  /** The month judged today, and the first month the ledger owes returns for. */
  judgedMonth: z.string(),
  /** Today in Beijing (the server's clock): the latest day a stage can have been reached. */
  today: z.string(),
  ledgerStart: z.string(),
});

// ——— the route table ———

const tags = ['projects'] as const;
/** Who reads the ledger (scope: their view scope). */
const READERS = ['coordinator', 'leader', 'teamMember', 'departmentReporter', 'districtReporter', 'reviewer'] as const;
/** Who registers and edits projects and their plans: the district reporters (their entry scope) and the centre. */
const EDITORS = ['coordinator', 'districtReporter'] as const;
const FILERS = ['districtReporter'] as const;
const REVIEWERS = ['reviewer'] as const;
const CENTRE = ['coordinator'] as const;
const idParams = z.object({ id: idSchema });
const versionResponse = z.object({ version: z.number() });

export const projectRoutes = {
  search: defineRoute({
    method: 'GET',
    path: '/projects',
    tags,
    summary: '项目台账 Search the ledger',
    access: READERS,
    query: projectFilterSchema,
    response: projectPageSchema,
  }),
  settings: defineRoute({
    method: 'GET',
    path: '/projects/settings',
    tags,
    summary: '台账设置 Chains and light rules',
    access: READERS,
    response: settingsSchema,
  }),
  aggregates: defineRoute({
    method: 'GET',
    path: '/projects/aggregates',
    tags,
    summary: '项目汇总 Aggregates by district and for the city',
    access: READERS,
    query: aggregateQuerySchema,
    response: aggregatesSchema,
  }),
  queue: defineRoute({
    method: 'GET',
    path: '/projects/returns',
    tags,
    summary: '月报审核队列 Monthly returns to review',
    access: READERS,
    query: reviewQueueQuerySchema,
    response: z.array(queueRowSchema),
  }),
  detail: defineRoute({
    method: 'GET',
    path: '/projects/:id',
    tags,
    summary: '项目详情 One project',
    access: READERS,
    params: idParams,
    response: projectDetailSchema,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/projects',
    tags,
    summary: '新建项目 Register a project',
    access: EDITORS,
    body: projectInputSchema,
    response: z.object({ id: z.string(), version: z.number() }),
  }),
  update: defineRoute({
    method: 'PUT',
    path: '/projects/:id',
    tags,
    summary: '修改项目 Edit a project',
    access: EDITORS,
    params: idParams,
    body: projectPatchSchema,
    response: versionResponse,
  }),
  moveStage: defineRoute({
    method: 'POST',
    path: '/projects/:id/stage',
    tags,
    summary: '推进阶段 Move a project to a stage',
    access: EDITORS,
    params: idParams,
    body: stageMoveSchema,
    response: versionResponse,
  }),
  requestAdjustment: defineRoute({
    method: 'POST',
    path: '/projects/:id/adjustments',
    tags,
    summary: '申请阶段调整 Ask to move a stage back',
    access: EDITORS,
    params: idParams,
    body: stageAdjustmentRequestSchema,
    response: z.object({ id: z.string() }),
  }),
  decideAdjustment: defineRoute({
    method: 'POST',
    path: '/projects/adjustments/:id/decision',
    tags,
    summary: '审批阶段调整 Decide a stage adjustment',
    access: CENTRE,
    params: idParams,
    body: adjustmentDecisionSchema,
    response: z.object({ ok: z.literal(true) }),
  }),
  savePlan: defineRoute({
    method: 'PUT',
    path: '/projects/:id/plans/:year',
    tags,
    summary: '编制年度计划 Save a project’s annual plan',
    access: EDITORS,
    params: z.object({ id: idSchema, year: z.coerce.number().pipe(yearSchema) }),
    body: planInputSchema,
    response: z.object({ id: z.string(), version: z.number() }),
  }),
  submitPlans: defineRoute({
    method: 'POST',
    path: '/projects/plans/submit',
    tags,
    summary: '报送年度计划 Submit annual plans for review',
    access: EDITORS,
    body: idsSchema,
    response: z.object({ count: z.number() }),
  }),
  reviewPlans: defineRoute({
    method: 'POST',
    path: '/projects/plans/review',
    tags,
    summary: '审定年度计划 Freeze or return annual plans',
    access: [...REVIEWERS, ...CENTRE],
    body: planReviewSchema,
    response: z.object({ count: z.number() }),
  }),
  reopenPlan: defineRoute({
    method: 'POST',
    path: '/projects/plans/:id/reopen',
    tags,
    summary: '重新打开年度计划 Reopen a frozen plan',
    access: CENTRE,
    params: idParams,
    body: reopenSchema,
    response: versionResponse,
  }),
  saveReturn: defineRoute({
    method: 'PUT',
    path: '/projects/:id/returns/:month',
    tags,
    summary: '填报月度调度 File a monthly return',
    access: FILERS,
    params: z.object({ id: idSchema, month: monthSchema }),
    body: returnInputSchema,
    response: z.object({ id: z.string(), version: z.number(), warnings: z.array(returnWarningSchema) }),
  }),
  submitReturns: defineRoute({
    method: 'POST',
    path: '/projects/returns/submit',
    tags,
    summary: '报送月报 Submit monthly returns',
    access: FILERS,
    body: idsSchema,
    response: z.object({ count: z.number() }),
  }),
  reviewReturns: defineRoute({
    method: 'POST',
    path: '/projects/returns/review',
    tags,
    summary: '审核月报 Approve or return monthly returns',
    access: REVIEWERS,
    body: returnReviewSchema,
    response: z.object({ count: z.number() }),
  }),
};
