import { z } from 'zod';
import {
  AUTO_OPEN_WHEN,
  CASE_ACTIONS,
  CASE_SOURCES,
  CASE_STATUSES,
  CASE_STEPS,
  MEASURE_KINDS,
} from '../../domain/households/cases.ts';
import { defineRoute } from '../contract.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式 YYYY-MM-DD / date as YYYY-MM-DD' });
const text = (max: number, zh: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `请填写${zh} / required` })
    .max(max, { message: `${zh}不超过 ${max} 字 / at most ${max} characters` });
const localized = z.object({ zh: z.string(), en: z.string() });
const stepSchema = z.object({ step: z.enum(CASE_STEPS), due: z.string() }).nullable();

export const caseRowSchema = z.object({
  id: z.string(),
  code: z.string(),
  householdId: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  kind: z.string(),
  kindName: localized,
  source: z.enum(CASE_SOURCES),
  status: z.enum(CASE_STATUSES),
  colour: z.string(),
  step: stepSchema,
  overdue: z.boolean(),
  actions: z.array(z.enum(CASE_ACTIONS)),
  /** 示例数据: a generated demo case. */
  generated: z.boolean(),
  version: z.number(),
});
export type CaseListRow = z.infer<typeof caseRowSchema>;

/**
 * A case as the workbench lists it: the row, and for the roles that see households the head's masked name and the
 * household's size (null for those who supervise by counts, and for a household not registered).
 */
export const casePageRowSchema = caseRowSchema.extend({
  household: z.object({ headName: z.string(), size: z.number() }).nullable(),
});
export type CasePageRow = z.infer<typeof casePageRowSchema>;

const flag = z.enum(['true', 'false']).optional();
/** The filters of the case list (工作台, 监测对象列表): every one optional; pages of at most 100. */
export const caseListQuerySchema = z.object({
  status: z.union([z.enum(['open', 'live', 'all']), z.enum(CASE_STATUSES)]).optional(),
  kind: z.string().max(40).optional(),
  source: z.enum(CASE_SOURCES).optional(),
  overdue: flag,
  /** A village, township or district of the reader's scope: its cases only. */
  unit: z.string().max(64).optional(),
  /** 我的待办: only the cases this user may act on now. */
  mine: flag,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;

export const casePageSchema = z.object({
  rows: z.array(casePageRowSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Over every page of the filter: the cases this user may act on now, and those of them past their step's day. */
  todo: z.number(),
  overdue: z.number(),
});
export type CasePage = z.infer<typeof casePageSchema>;

export const caseDetailSchema = z.object({
  case: caseRowSchema.extend({
    sourceDepartment: z.string().nullable(),
    sourceReason: z.string(),
    openedOn: z.string(),
    leadDate: z.string(),
    dates: z.record(z.string(), z.string().nullable()),
    dismissReason: z.string().nullable(),
  }),
  removalChecks: z.array(z.object({ ok: z.boolean(), text: localized })),
  history: z.array(
    z.object({
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
  measures: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(MEASURE_KINDS),
      description: z.string(),
      cadreName: z.string(),
      startDate: z.string(),
      endDate: z.string().nullable(),
      outcome: z.string().nullable(),
    }),
  ),
  visits: z.array(z.object({ id: z.string(), visitedOn: z.string(), cadreName: z.string(), findings: z.string() })),
  reverifications: z.array(
    z.object({
      id: z.string(),
      on: z.string(),
      perCapitaIncome: z.number(),
      aboveLineSince: z.string().nullable(),
      employedSince: z.string().nullable(),
      rigidCostsSolved: z.boolean(),
      note: z.string().nullable(),
    }),
  ),
  warnings: z.array(
    z.object({
      kind: z.string(),
      ref: z.string(),
      colour: z.string(),
      reasonZh: z.string(),
      reasonEn: z.string(),
      raisedAt: z.string(),
      clearedAt: z.string().nullable(),
    }),
  ),
  notices: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      problem: z.string(),
      dueDate: z.string(),
      status: z.string(),
      escalatedAt: z.string().nullable(),
      version: z.number(),
    }),
  ),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const openCaseSchema = z.object({
  householdId: z.string().min(1).max(64),
  villageId: z.string().min(1).max(64),
  kind: z.string().min(1).max(40),
  source: z.enum(['visit', 'selfReport']),
  reason: text(500, '线索原因'),
  leadDate: day.optional(),
});

export const caseActSchema = z.object({
  action: z.enum(CASE_ACTIONS),
  version: z.number().int().min(1),
  reason: z.string().trim().max(500).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
  noticeFrom: day.optional(),
  visit: z.object({ visitedOn: day, cadreName: text(40, '走访干部'), findings: text(1000, '核查情况') }).optional(),
  measure: z
    .object({
      kind: z.enum(MEASURE_KINDS),
      description: text(500, '措施内容'),
      cadreName: text(40, '帮扶责任人'),
      startDate: day,
      endDate: day.nullable(),
      outcome: z.string().trim().max(500).nullable(),
    })
    .optional(),
  reverification: z
    .object({
      on: day,
      perCapitaIncome: z.number().min(0, { message: '须为非负数 / a number ≥ 0' }).max(10_000_000),
      aboveLineSince: day.nullable(),
      employedSince: day.nullable(),
      rigidCostsSolved: z.boolean(),
      note: z.string().trim().max(500).nullable(),
    })
    .optional(),
});

export const clearingFiguresSchema = z.object({
  open: z.number(),
  newThisMonth: z.number(),
  clearedThisMonth: z.number(),
  cleared: z.number(),
  overdue: z.number(),
  targetOverdue: z.number(),
  medianDaysToClear: z.number().nullable(),
});

export const clearingSchema = z.object({
  today: z.string(),
  level: z.enum(['district', 'township', 'village']),
  total: clearingFiguresSchema,
  units: z.array(clearingFiguresSchema.extend({ unitId: z.string(), unitName: z.string() })),
});

export const clearingTrendSchema = z.array(
  z.object({ month: z.string(), opened: z.number(), cleared: z.number(), openAtEnd: z.number() }),
);

const whole = z.number().int().min(0).max(3650);
const deadlinesSchema = z.object({
  visitDays: whole,
  compareDays: whole,
  reviewDays: whole,
  noticeStartDays: whole,
  townshipDays: whole,
  countyDays: whole,
  firstMeasureDays: whole,
});
/** The monitoring rules as the civil-affairs officer edits them (every field optional: the rest keeps its value). */
export const caseRulesSchema = z.object({
  deadlines: deadlinesSchema.partial().optional(),
  noticeMinDays: whole.optional(),
  reverifyMonths: whole.optional(),
  incomeLine: z.number().int().min(0).max(1_000_000).optional(),
  stableMonths: whole.optional(),
  stableWorkMonths: whole.optional(),
  watchMonths: whole.optional(),
  approachDays: whole.optional(),
  redAfterDays: whole.optional(),
  autoNoticeAfterWarnings: whole.optional(),
  noticeAnswerDays: whole.optional(),
  extraKinds: z
    .array(
      z.object({
        code: z.string().max(40),
        name: localized,
        removal: z.enum(['income', 'employment']),
        department: z.enum(['civilAffairs', 'humanResources']),
        deadlines: deadlinesSchema.partial().optional(),
      }),
    )
    .max(50)
    .optional(),
  autoOpen: z
    .object({ below10k: z.enum(AUTO_OPEN_WHEN), zeroEmployment: z.enum(AUTO_OPEN_WHEN) })
    .partial()
    .optional(),
});
const change = z.object({ field: z.string(), old: z.unknown(), new: z.unknown() });
export const rulesViewSchema = z.object({
  version: z.number(),
  rules: caseRulesSchema.required().extend({
    deadlines: deadlinesSchema,
    autoOpen: z.object({ below10k: z.enum(AUTO_OPEN_WHEN), zeroEmployment: z.enum(AUTO_OPEN_WHEN) }),
  }),
  history: z.array(
    z.object({
      version: z.number(),
      at: z.string(),
      user: z.string().nullable(),
      reason: z.string(),
      changes: z.array(change),
    }),
  ),
});
export type RulesViewDto = z.infer<typeof rulesViewSchema>;

const tags = ['household-cases'];
/** The household roles (issue 8); the centre supervises (reads, runs the warnings) but does not act. */
export const CASE_ROLES = ['villageCadre', 'townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'] as const;
const CASE_READERS = [...CASE_ROLES, 'coordinator'] as const;
/** Counts only, no names: every business role. */
const FIGURE_READERS = [
  ...CASE_READERS,
  'leader',
  'teamMember',
  'departmentReporter',
  'districtReporter',
  'reviewer',
] as const;
const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * The routes of the monitoring cases, each with the roles that may call it; the service then decides by scope
 * (village cadres and township officers on their villages, civil-affairs and HR officers on their kinds).
 */
export const householdCaseRoutes = {
  workbench: defineRoute({
    method: 'GET',
    path: '/household-cases',
    tags,
    summary: '我的监测对象 My cases (verifications due, overdue first)',
    access: CASE_READERS,
    query: z.object({ status: z.enum(['open', 'live', 'all']).optional() }),
    response: z.array(caseRowSchema),
  }),
  list: defineRoute({
    method: 'GET',
    path: '/household-cases/list',
    tags,
    summary: '监测对象列表 Cases filtered (status, kind, source, overdue, unit, my cases), a page at a time',
    access: CASE_READERS,
    query: caseListQuerySchema,
    response: casePageSchema,
  }),
  ofHousehold: defineRoute({
    method: 'GET',
    path: '/households/:id/cases',
    tags,
    summary: '一户的监测对象 Every case of one household (in the reader’s scope)',
    access: CASE_READERS,
    params: idParams,
    response: z.array(caseRowSchema),
  }),
  detail: defineRoute({
    method: 'GET',
    path: '/household-cases/:id',
    tags,
    summary: '监测对象详情（留痕） A case in full, audited with the reason',
    access: CASE_READERS,
    params: idParams,
    query: z.object({ reason: text(200, '查看理由') }),
    response: caseDetailSchema,
  }),
  open: defineRoute({
    method: 'POST',
    path: '/household-cases',
    tags,
    summary: '登记线索 Open a case on a visit or a self-report',
    access: CASE_ROLES,
    body: openCaseSchema,
    response: z.object({ id: z.string(), code: z.string(), created: z.boolean() }),
  }),
  act: defineRoute({
    method: 'POST',
    path: '/household-cases/:id/act',
    tags,
    summary: '办理 One act of the workflow',
    access: CASE_ROLES,
    params: idParams,
    body: caseActSchema,
    response: z.object({ status: z.enum(CASE_STATUSES), version: z.number() }),
  }),
  clearing: defineRoute({
    method: 'GET',
    path: '/household-cases/clearing',
    tags,
    summary: '动态清零 Clearing figures by district, township or village',
    access: FIGURE_READERS,
    query: z.object({
      level: z.enum(['district', 'township', 'village']).default('district'),
      under: z.string().max(64).optional(),
    }),
    response: clearingSchema,
  }),
  dataMatch: defineRoute({
    method: 'POST',
    path: '/household-cases/data-match',
    tags,
    summary: '部门数据比对 A department’s data match: open cases by ID number (all or nothing)',
    access: ['townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'],
    body: z.object({
      department: text(60, '推送部门'),
      rows: z
        .array(z.object({ idNumber: z.string().max(40), kind: z.string().max(40), reason: z.string().max(500) }))
        .max(50_000, { message: '一次不超过 50000 行 / at most 50,000 rows' }),
    }),
    response: z.object({
      rows: z.number(),
      opened: z.number(),
      joined: z.number(),
      unmatched: z.array(z.object({ row: z.number(), idTail: z.string() })),
      outOfScope: z.array(z.object({ row: z.number(), idTail: z.string() })),
    }),
  }),
  runWarnings: defineRoute({
    method: 'POST',
    path: '/household-cases/warnings/run',
    tags,
    summary: '立即计算监测预警 Run the cases’ daily warnings now',
    access: ['coordinator'],
    response: z.object({
      cases: z.number(),
      raised: z.number(),
      cleared: z.number(),
      noticesIssued: z.number(),
      escalated: z.number(),
    }),
  }),
  rules: defineRoute({
    method: 'GET',
    path: '/household-cases/rules',
    tags,
    summary: '监测规则 The monitoring rules in force, with every earlier version',
    access: CASE_READERS,
    response: rulesViewSchema,
  }),
  updateRules: defineRoute({
    method: 'PUT',
    path: '/household-cases/rules',
    tags,
    summary: '修改监测规则 A new version of the rules (the city’s civil-affairs officer; 409 when stale)',
    access: ['civilAffairsOfficer'],
    body: z.object({ version: z.number().int().min(0), reason: text(500, '修改理由'), rules: caseRulesSchema }),
    response: rulesViewSchema,
  }),
  trend: defineRoute({
    method: 'GET',
    path: '/household-cases/clearing/trend',
    tags,
    summary: '清零月度趋势 The monthly clearing trend',
    access: FIGURE_READERS,
    query: z.object({ months: z.coerce.number().int().min(1).max(36).default(12) }),
    response: clearingTrendSchema,
  }),
};
