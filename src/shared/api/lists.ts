/**
 * Request and response shapes of the four lists (/api/v1/lists), shared by the server and the web so that a form's
 * rules and the server's checks cannot drift.
 */
import { z } from 'zod';
import type { Role } from '../../domain/types.ts';
import { defineRoute } from '../contract.ts';
import { isDate } from '../../domain/lists/dates.ts';
import {
  ADJUSTMENT_KINDS,
  ADJUSTMENT_STATUSES,
  ITEM_COLOURS,
  ITEM_STATUSES,
  LIST_KINDS,
  NOTICE_STATUSES,
  WARNING_COLOURS,
  WARNING_KINDS,
} from '../../domain/lists/types.ts';
import { ITEM_ACTIONS } from '../../domain/lists/workflow.ts';
import { idSchema, monthSchema, okSchema, requiredText, yearQuerySchema, yearSchema, YEAR_RANGE } from './common.ts';

export const listKindSchema = z.enum(LIST_KINDS);
export const itemStatusSchema = z.enum(ITEM_STATUSES);
export const itemColourSchema = z.enum(ITEM_COLOURS);
export const warningColourSchema = z.enum(WARNING_COLOURS);
export const warningKindSchema = z.enum(WARNING_KINDS);
export const noticeStatusSchema = z.enum(NOTICE_STATUSES);
export const adjustmentKindSchema = z.enum(ADJUSTMENT_KINDS);
export const itemActionSchema = z.enum(ITEM_ACTIONS);

/** A calendar day, `YYYY-MM-DD`. */
export const dateSchema = z
  .string()
  .refine(isDate, { message: '日期格式应为 YYYY-MM-DD / a date must look like 2025-06-30' });
/** A month reported on, `YYYY-MM` (the shared period rule). */
export { monthSchema };

const text = (max: number) => z.string().trim().max(max);
const required = requiredText;
const versionField = z.number().int().min(1);

// ——— Filters and rows ———

/** The filters of the four lists; each is optional; the same filters drive the table, its export and the counts. */
export const listFilterSchema = z.object({
  kind: listKindSchema.optional(),
  dimension: z.string().max(16).optional(),
  team: idSchema.optional(),
  /** Lead or co-operating unit (with its descendants). */
  unit: idSchema.optional(),
  leader: z.string().max(50).optional(),
  district: idSchema.optional(),
  status: itemStatusSchema.optional(),
  colour: itemColourSchema.optional(),
  year: yearQuerySchema.optional(),
  /** Words in the code, title or content. */
  q: z.string().trim().max(100).optional(),
});
export type ListFilter = z.infer<typeof listFilterSchema>;
/** The filter as a query string sends it (before parsing). */
export type ListFilterQuery = z.input<typeof listFilterSchema>;

export const targetSchema = z.object({
  unit: text(20),
  floor: z.number().finite().nullable(),
  stretch: z.number().finite().nullable(),
  /** A framework indicator whose values show the item's progress. */
  indicatorCode: z.string().max(32).nullable(),
});

export const listItemRowSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: listKindSchema,
  year: z.number(),
  title: z.string(),
  dimensionCode: z.string().nullable(),
  workTeamId: z.string().nullable(),
  workTeamName: z.string().nullable(),
  leaderName: z.string(),
  leadUnitId: z.string(),
  leadUnitName: z.string(),
  coUnitIds: z.array(z.string()),
  coUnitNames: z.array(z.string()),
  personInCharge: z.string(),
  districtId: z.string().nullable(),
  districtName: z.string().nullable(),
  startDate: z.string(),
  deadline: z.string(),
  originalDeadline: z.string().nullable(),
  target: targetSchema.nullable(),
  status: itemStatusSchema,
  colour: itemColourSchema,
  progressPct: z.number().nullable(),
  activeWarnings: z.number(),
  openNotices: z.number(),
  pendingAdjustment: z.boolean(),
  /** Some fields of the item are generated demo data (named in the detail). */
  generated: z.boolean(),
  version: z.number(),
});
export type ListItemRow = z.infer<typeof listItemRowSchema>;

export const listResponseSchema = z.object({
  rows: z.array(listItemRowSchema),
  total: z.number(),
  /** The responsible leaders among the items the user may see, for the leader filter. */
  leaders: z.array(z.string()),
});
export type ListResponse = z.infer<typeof listResponseSchema>;

export const colourCountsSchema = z.object({
  total: z.number(),
  red: z.number(),
  yellow: z.number(),
  blue: z.number(),
  green: z.number(),
  none: z.number(),
});
export type ColourCounts = z.infer<typeof colourCountsSchema>;

/** Counts per list and colour for the cockpit: computed from exactly the rows the list shows with the same filter. */
export const listCountsSchema = z.object({
  byKind: z.array(colourCountsSchema.extend({ kind: listKindSchema })),
  all: colourCountsSchema,
});
export type ListCounts = z.infer<typeof listCountsSchema>;

// ——— Drafts ———

export const milestoneInputSchema = z.object({ title: required(200), plannedDate: dateSchema });

/** How far from its year an item's start and deadline may lie. */
export const ITEM_START_YEARS_BEFORE = 5;
export const ITEM_END_YEARS_AFTER = 10;

export const itemInputSchema = z
  .object({
    kind: listKindSchema,
    year: yearSchema,
    title: required(200),
    content: text(4000).default(''),
    dimensionCode: z.string().max(16).nullable().default(null),
    workTeamId: idSchema.nullable().default(null),
    leaderName: required(50),
    leadUnitId: idSchema,
    coUnitIds: z.array(idSchema).max(30).default([]),
    personInCharge: required(50),
    contact: text(50).default(''),
    districtId: idSchema.nullable().default(null),
    startDate: dateSchema,
    deadline: dateSchema,
    target: targetSchema.nullable().default(null),
    milestones: z.array(milestoneInputSchema).max(24).default([]),
  })
  .superRefine((v, ctx) => {
    // An item of year Y starts in the five years before it at the earliest and ends by Y + 10 at the latest (the
    // pilot zone's plans run to 2035): 1900-01-01 or 9999-12-31 are typing errors, not plans.
    const startYear = Number(v.startDate.slice(0, 4));
    const endYear = Number(v.deadline.slice(0, 4));
    if (startYear < v.year - ITEM_START_YEARS_BEFORE || startYear > v.year)
      ctx.addIssue({
        code: 'custom',
        path: ['startDate'],
        message: `开始日期应在 ${v.year - ITEM_START_YEARS_BEFORE}–${v.year} 年之间 / the start must lie in ${v.year - ITEM_START_YEARS_BEFORE}–${v.year}`,
      });
    if (endYear < v.year || endYear > Math.min(v.year + ITEM_END_YEARS_AFTER, YEAR_RANGE.max))
      ctx.addIssue({
        code: 'custom',
        path: ['deadline'],
        message: `截止日期应在 ${v.year}–${v.year + ITEM_END_YEARS_AFTER} 年之间 / the deadline must lie in ${v.year}–${v.year + ITEM_END_YEARS_AFTER}`,
      });
    if (v.deadline < v.startDate)
      ctx.addIssue({
        code: 'custom',
        path: ['deadline'],
        message: '截止日期不能早于开始日期 / the deadline is before the start',
      });
    v.milestones.forEach((m, i) => {
      if (m.plannedDate > v.deadline || m.plannedDate < v.startDate) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'plannedDate'],
          message: '节点日期应在开始与截止日期之间 / a milestone must lie between start and deadline',
        });
      }
    });
    if (v.target && v.target.floor !== null && v.target.stretch !== null && v.target.stretch < v.target.floor) {
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'stretch'],
        message: '力争目标不能低于确保目标 / the stretch is below the floor',
      });
    }
  });
export type ItemInput = z.infer<typeof itemInputSchema>;

export const updateDraftSchema = z.object({ version: versionField, item: itemInputSchema });

// ——— Workflow requests ———

export const versionBodySchema = z.object({ version: versionField, note: text(500).nullable().default(null) });
export const returnCompletionSchema = z.object({ version: versionField, reason: required(500) });

export const problemInputSchema = z.object({
  description: required(500),
  /** Who is to solve it: a unit or a person, as written. */
  owner: required(100),
  ownerUnitId: idSchema.nullable().default(null),
  dueDate: dateSchema,
});

export const reportRequestSchema = z.object({
  version: versionField,
  period: monthSchema,
  percent: z.number().min(0).max(100),
  /** The figure reached towards a quantitative target, when the item has one. */
  value: z.number().finite().nullable().default(null),
  narrative: required(2000),
  evidence: text(500).nullable().default(null),
  problems: z.array(problemInputSchema).max(20).default([]),
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

export const milestoneCompleteSchema = z.object({
  version: versionField,
  completedDate: dateSchema,
  evidence: required(500),
});

export const adjustmentRequestSchema = z
  .object({
    version: versionField,
    kind: adjustmentKindSchema,
    reason: required(500),
    newDeadline: dateSchema.nullable().default(null),
    newFloor: z.number().finite().nullable().default(null),
    newStretch: z.number().finite().nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'deadline' && v.newDeadline === null)
      ctx.addIssue({
        code: 'custom',
        path: ['newDeadline'],
        message: '请填写新的截止日期 / a new deadline is required',
      });
    if (v.kind === 'target' && v.newFloor === null && v.newStretch === null) {
      ctx.addIssue({ code: 'custom', path: ['newFloor'], message: '请填写新的目标 / a new target is required' });
    }
  });
export type AdjustmentRequest = z.infer<typeof adjustmentRequestSchema>;

export const decideAdjustmentSchema = z
  .object({ approve: z.boolean(), note: text(500).nullable().default(null) })
  .refine((v) => v.approve || (v.note !== null && v.note.length > 0), {
    message: '不同意须说明理由 / a rejection needs a reason',
    path: ['note'],
  });

export const issueNoticeSchema = z.object({
  problem: required(1000),
  /** The day by which the lead unit must answer; by default today + the configured number of days. */
  dueDate: dateSchema.nullable().default(null),
});

export const answerNoticeSchema = z.object({ version: versionField, answer: required(2000) });

export const reviewAnswerSchema = z
  .object({
    version: versionField,
    accept: z.boolean(),
    note: text(500).nullable().default(null),
    dueDate: dateSchema.nullable().default(null),
  })
  .refine((v) => v.accept || (v.note !== null && v.note.length > 0), {
    message: '退回须说明理由 / a return needs a reason',
    path: ['note'],
  });

// ——— The item page ———

const localized = z.object({ zh: z.string(), en: z.string() });

export const milestoneSchema = z.object({
  id: z.string(),
  seq: z.number(),
  title: z.string(),
  plannedDate: z.string(),
  completedDate: z.string().nullable(),
  evidence: z.string().nullable(),
  generated: z.boolean(),
});

export const problemSchema = z.object({
  id: z.string(),
  reportId: z.string().nullable(),
  description: z.string(),
  owner: z.string(),
  ownerUnitId: z.string().nullable(),
  dueDate: z.string(),
  status: z.enum(['open', 'resolved']),
  /** The signed-in user may mark it solved. */
  canResolve: z.boolean(),
});

export const reportSchema = z.object({
  id: z.string(),
  period: z.string(),
  percent: z.number(),
  value: z.number().nullable(),
  narrative: z.string(),
  evidence: z.string().nullable(),
  late: z.boolean(),
  generated: z.boolean(),
  reportedAt: z.string(),
  reportedBy: z.string().nullable(),
  problems: z.array(problemSchema),
});

export const warningSchema = z.object({
  id: z.string(),
  kind: warningKindSchema,
  ref: z.string(),
  colour: warningColourSchema,
  reason: localized,
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
  clearReason: z.string().nullable(),
});
export type Warning = z.infer<typeof warningSchema>;

export const noticeAnswerSchema = z.object({
  id: z.string(),
  answer: z.string(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string(),
  review: z.enum(['accepted', 'returned']).nullable(),
  reviewNote: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});

export const noticeSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  code: z.string(),
  origin: z.enum(['manual', 'auto']),
  problem: z.string(),
  issuedBy: z.string().nullable(),
  issuedAt: z.string(),
  dueDate: z.string(),
  status: noticeStatusSchema,
  escalatedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number(),
  answers: z.array(noticeAnswerSchema),
  /** What the signed-in user may do with it. */
  canAnswer: z.boolean(),
  canReview: z.boolean(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  reportId: z.string().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
});

export const adjustmentSchema = z.object({
  id: z.string(),
  kind: adjustmentKindSchema,
  reason: z.string(),
  oldDeadline: z.string().nullable(),
  newDeadline: z.string().nullable(),
  oldFloor: z.number().nullable(),
  newFloor: z.number().nullable(),
  oldStretch: z.number().nullable(),
  newStretch: z.number().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  status: z.enum(ADJUSTMENT_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** The signed-in user may approve or reject it (not the one who asked). */
  canDecide: z.boolean(),
});

export const historyEntrySchema = z.object({
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  userName: z.string().nullable(),
  at: z.string(),
});

export const owedReportSchema = z.object({
  period: z.string(),
  dueDate: z.string(),
  submitted: z.boolean(),
  late: z.boolean(),
});

/** `?unmask=1`: the persons in charge in clear, for the roles the personal-data policy allows (the view is audited). */
export const unmaskQuerySchema = z.object({ unmask: z.enum(['0', '1']).optional() });

export const itemDetailSchema = z.object({
  item: listItemRowSchema.extend({
    content: z.string(),
    /** Masked (138****5678) unless unmasked on asking: src/server/security/personal-data.ts. */
    contact: z.string(),
    /** Whether the persons in charge are shown in clear, and whether this reader may ask for that (`?unmask=1`). */
    personalData: z.object({ unmasked: z.boolean(), mayUnmask: z.boolean() }),
    originalTarget: z.object({ floor: z.number().nullable(), stretch: z.number().nullable() }).nullable(),
    source: z.object({ doc: z.string(), title: z.string(), quote: z.string().nullable() }),
    generatedFields: z.array(z.string()),
    issuedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    completionRequestedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    /** Time-elapsed progress (序时进度) today, in percent. */
    elapsedPct: z.number(),
  }),
  milestones: z.array(milestoneSchema),
  reports: z.array(reportSchema),
  owedReports: z.array(owedReportSchema),
  warnings: z.array(warningSchema),
  notices: z.array(noticeSchema),
  attachments: z.array(attachmentSchema),
  adjustments: z.array(adjustmentSchema),
  history: z.array(historyEntrySchema),
  /** The linked indicator's reviewed values at the item's district (or the city), when there is a link. */
  indicator: z
    .object({
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      orgUnitId: z.string(),
      points: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
    })
    .nullable(),
  /** The acts the signed-in user may do now. */
  can: z.array(itemActionSchema),
  today: z.string(),
});
export type ItemDetail = z.infer<typeof itemDetailSchema>;

// ——— My to-dos, views, records, summary ———

export const todoKindSchema = z.enum([
  'acknowledge',
  'report',
  'answerNotice',
  'reviewCompletion',
  'reviewAdjustment',
  'reviewAnswer',
  'escalatedNotice',
]);

export const todoSchema = z.object({
  kind: todoKindSchema,
  itemId: z.string(),
  itemCode: z.string(),
  itemTitle: z.string(),
  listKind: listKindSchema,
  leadUnitName: z.string(),
  dueDate: z.string(),
  late: z.boolean(),
  /** Days past the due date (0 when not late). */
  daysLate: z.number(),
  /** The month of a report, the code of a notice…; '' when none. */
  ref: z.string(),
  noticeId: z.string().nullable(),
  adjustmentId: z.string().nullable(),
});
export type Todo = z.infer<typeof todoSchema>;

export const todosResponseSchema = z.object({ today: z.string(), items: z.array(todoSchema), late: z.number() });
export type TodosResponse = z.infer<typeof todosResponseSchema>;

export const leaderGroupSchema = z.object({
  leaderName: z.string(),
  counts: colourCountsSchema,
  items: z.array(listItemRowSchema),
});
export const leaderViewSchema = z.object({ groups: z.array(leaderGroupSchema) });

export const unitRecordSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  items: z.number(),
  closedOnTime: z.number(),
  completedLate: z.number(),
  overdue: z.number(),
  onTrack: z.number(),
  warnings: z.object({ blue: z.number(), yellow: z.number(), red: z.number() }),
  notices: z.number(),
  escalations: z.number(),
  score: z.number(),
  deductions: z.array(z.object({ reason: localized, count: z.number(), points: z.number() })),
});
export type UnitRecordResponse = z.infer<typeof unitRecordSchema>;

export const unitViewSchema = z.object({ record: unitRecordSchema, items: z.array(listItemRowSchema) });

export const monthlySummaryRowSchema = z.object({
  itemId: z.string(),
  code: z.string(),
  kind: listKindSchema,
  title: z.string(),
  leadUnitName: z.string(),
  leaderName: z.string(),
  status: itemStatusSchema,
  colour: itemColourSchema,
  deadline: z.string(),
  percent: z.number().nullable(),
  reported: z.boolean(),
  reportLate: z.boolean(),
  narrative: z.string().nullable(),
  warnings: z.array(z.string()),
  openProblems: z.number(),
});
export const monthlySummarySchema = z.object({ period: z.string(), rows: z.array(monthlySummaryRowSchema) });
export type MonthlySummary = z.infer<typeof monthlySummarySchema>;

export const runWarningsResultSchema = z.object({
  today: z.string(),
  items: z.number(),
  raised: z.number(),
  cleared: z.number(),
  noticesIssued: z.number(),
  escalated: z.number(),
});
export type RunWarningsResult = z.infer<typeof runWarningsResultSchema>;

export const listRulesSchema = z.object({
  approachDays: z.number().int().min(0).max(90),
  behindPoints: z.number().min(1).max(100),
  reportDay: z.number().int().min(1).max(31),
  firstReportGraceDays: z.number().int().min(0).max(31),
  lateReportColour: z.enum(['blue', 'yellow']),
  autoNoticeAfterYellow: z.number().int().min(0).max(50),
  noticeAnswerDays: z.number().int().min(1).max(60),
  acknowledgeDays: z.number().int().min(1).max(60),
  reviewDays: z.number().int().min(1).max(60),
  score: z.object({
    base: z.number().min(0).max(1000),
    yellow: z.number().min(0).max(100),
    red: z.number().min(0).max(100),
    notice: z.number().min(0).max(100),
    escalation: z.number().min(0).max(100),
    lateItem: z.number().min(0).max(100),
  }),
});

export const importResultSchema = z.object({ created: z.number(), codes: z.array(z.string()) });

/** Attachments: what may be uploaded, and how much. The server checks the bytes, not only the name. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_EXTENSIONS = [
  'pdf',
  'ofd',
  'jpg',
  'jpeg',
  'png',
  'doc',
  'docx',
  'wps',
  'xls',
  'xlsx',
  'et',
  'ppt',
  'pptx',
  'txt',
  'csv',
  'zip',
] as const;

const REPORTERS = ['departmentReporter', 'districtReporter'] as const;
const COORDINATOR = ['coordinator'] as const;
const SUPERVISORS = ['coordinator', 'leader'] as const;
const CLOSERS = ['reviewer', 'coordinator'] as const;
const REPORTERS_AND_CENTRE = [...REPORTERS, 'coordinator'] as const;

const tags = ['lists'];
/** An upload: one file in the multipart field `file`. */
const MULTIPART = ['multipart/form-data'] as const;
const idParams = z.object({ id: idSchema });
const yearQuery = z.object({ year: yearQuerySchema.optional() });

/** An act on an item that takes its version and a note (下发, 签收, 申请销号, 审核销号). */
const stepRoute = <const P extends string, const A extends readonly Role[], const S extends string>(
  path: P,
  access: A,
  summary: S,
) =>
  defineRoute({
    method: 'POST',
    path: `/lists/items/:id/${path}`,
    tags,
    summary,
    access,
    params: idParams,
    body: versionBodySchema,
    response: okSchema,
  });

/**
 * The four lists' routes. The file routes (the export, the import template and upload, attachments up and down)
 * stay registered directly in list.routes.ts.
 */
export const listRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/lists/items',
    tags,
    summary: '四张清单 The lists, filtered',
    access: 'authenticated',
    query: listFilterSchema,
    response: listResponseSchema,
  }),
  counts: defineRoute({
    method: 'GET',
    path: '/lists/counts',
    tags,
    summary: '清单计数 Counts by list and colour (cockpit)',
    access: 'authenticated',
    query: listFilterSchema,
    response: listCountsSchema,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/lists/items',
    tags,
    summary: '新建草稿 Create a draft',
    access: COORDINATOR,
    body: itemInputSchema,
    response: z.object({ id: z.string(), code: z.string() }),
  }),
  detail: defineRoute({
    method: 'GET',
    path: '/lists/items/:id',
    tags,
    summary: '事项详情（责任人默认脱敏）Item page (persons in charge masked unless ?unmask=1)',
    access: 'authenticated',
    params: idParams,
    query: unmaskQuerySchema,
    response: itemDetailSchema,
  }),
  update: defineRoute({
    method: 'PUT',
    path: '/lists/items/:id',
    tags,
    summary: '修改草稿 Edit a draft',
    access: COORDINATOR,
    params: idParams,
    body: updateDraftSchema,
    response: okSchema,
  }),
  remove: defineRoute({
    method: 'DELETE',
    path: '/lists/items/:id',
    tags,
    summary: '删除草稿 Delete a draft',
    access: COORDINATOR,
    params: idParams,
    query: z.object({ version: z.coerce.number().int().min(1) }),
    response: okSchema,
  }),
  issue: stepRoute('issue', COORDINATOR, '下发 Issue'),
  acknowledge: stepRoute('acknowledge', REPORTERS, '签收 Acknowledge'),
  requestCompletion: stepRoute('request-completion', REPORTERS, '申请销号 Request completion'),
  close: stepRoute('close', CLOSERS, '审核销号 Close'),
  returnCompletion: defineRoute({
    method: 'POST',
    path: '/lists/items/:id/return-completion',
    tags,
    summary: '退回销号申请 Return a completion request',
    access: CLOSERS,
    params: idParams,
    body: returnCompletionSchema,
    response: okSchema,
  }),
  report: defineRoute({
    method: 'POST',
    path: '/lists/items/:id/reports',
    tags,
    summary: '报送月度进展 Report progress',
    access: REPORTERS,
    params: idParams,
    body: reportRequestSchema,
    response: z.object({ reportId: z.string() }),
  }),
  completeMilestone: defineRoute({
    method: 'POST',
    path: '/lists/items/:id/milestones/:milestoneId/complete',
    tags,
    summary: '完成节点 Complete a milestone',
    access: REPORTERS,
    params: z.object({ id: idSchema, milestoneId: idSchema }),
    body: milestoneCompleteSchema,
    response: okSchema,
  }),
  requestAdjustment: defineRoute({
    method: 'POST',
    path: '/lists/items/:id/adjustments',
    tags,
    summary: '申请调整或撤销 Request an adjustment',
    access: REPORTERS_AND_CENTRE,
    params: idParams,
    body: adjustmentRequestSchema,
    response: z.object({ adjustmentId: z.string() }),
  }),
  decideAdjustment: defineRoute({
    method: 'POST',
    path: '/lists/adjustments/:id/decide',
    tags,
    summary: '审批调整 Decide on an adjustment',
    access: SUPERVISORS,
    params: idParams,
    body: decideAdjustmentSchema,
    response: z.object({ approved: z.boolean() }),
  }),
  issueNotice: defineRoute({
    method: 'POST',
    path: '/lists/items/:id/notices',
    tags,
    summary: '下发督办单 Issue a supervision notice',
    access: SUPERVISORS,
    params: idParams,
    body: issueNoticeSchema,
    response: z.object({ noticeId: z.string(), code: z.string() }),
  }),
  answerNotice: defineRoute({
    method: 'POST',
    path: '/lists/notices/:id/answer',
    tags,
    summary: '答复督办单 Answer a notice',
    access: REPORTERS,
    params: idParams,
    body: answerNoticeSchema,
    response: okSchema,
  }),
  resolveProblem: defineRoute({
    method: 'POST',
    path: '/lists/problems/:id/resolve',
    tags,
    summary: '问题已解决 Mark a problem solved',
    access: REPORTERS_AND_CENTRE,
    params: idParams,
    response: okSchema,
  }),
  reviewAnswer: defineRoute({
    method: 'POST',
    path: '/lists/notices/:id/review',
    tags,
    summary: '审核督办答复 Review an answer',
    access: SUPERVISORS,
    params: idParams,
    body: reviewAnswerSchema,
    response: okSchema,
  }),
  import: defineRoute({
    method: 'POST',
    path: '/lists/import',
    tags,
    summary: '导入草稿 Import drafts from a filled template',
    access: COORDINATOR,
    consumes: MULTIPART,
    response: importResultSchema,
  }),
  attach: defineRoute({
    method: 'POST',
    path: '/lists/items/:id/attachments',
    tags,
    summary: '上传附件 Attach evidence (multipart)',
    access: REPORTERS_AND_CENTRE,
    consumes: MULTIPART,
    params: idParams,
    query: z.object({ reportId: idSchema.optional() }),
    response: z.object({ id: z.string(), fileName: z.string(), size: z.number() }),
  }),
  todos: defineRoute({
    method: 'GET',
    path: '/lists/todos',
    tags,
    summary: '我的待办 My to-dos',
    access: 'authenticated',
    response: todosResponseSchema,
  }),
  leaderView: defineRoute({
    method: 'GET',
    path: '/lists/leader-view',
    tags,
    summary: '按责任领导 Items by leader and colour',
    access: 'authenticated',
    query: listFilterSchema,
    response: leaderViewSchema,
  }),
  unitView: defineRoute({
    method: 'GET',
    path: '/lists/units/:id',
    tags,
    summary: '单位视图 A unit’s items and record',
    access: 'authenticated',
    params: idParams,
    query: yearQuery,
    response: unitViewSchema,
  }),
  records: defineRoute({
    method: 'GET',
    path: '/lists/records',
    tags,
    summary: '单位履责记录 Unit records and scores',
    access: 'authenticated',
    query: yearQuery,
    response: z.array(unitRecordSchema),
  }),
  monthlySummary: defineRoute({
    method: 'GET',
    path: '/lists/summary/monthly',
    tags,
    summary: '月度进展汇总 Monthly progress summary (bulletin)',
    access: 'authenticated',
    query: z.object({ period: monthSchema }),
    response: monthlySummarySchema,
  }),
  runWarnings: defineRoute({
    method: 'POST',
    path: '/lists/warnings/run',
    tags,
    summary: '立即计算预警 Run the daily warnings now',
    access: COORDINATOR,
    response: runWarningsResultSchema,
  }),
  rules: defineRoute({
    method: 'GET',
    path: '/lists/rules',
    tags,
    summary: '预警规则 Warning rules',
    access: 'authenticated',
    response: listRulesSchema,
  }),
  setRules: defineRoute({
    method: 'PUT',
    path: '/lists/rules',
    tags,
    summary: '修改预警规则 Change the rules',
    access: COORDINATOR,
    body: listRulesSchema,
    response: listRulesSchema,
  }),
};
