/**
 * Request and response shapes of the household registry (/api/v1/households), shared by the server and the web so
 * that a form's rules and the server's checks cannot drift. ID numbers are checked here for their shape only; the
 * check digit, the birth date and the region are the domain's (src/domain/households/id-number.ts), checked by the
 * service so that the message names what is wrong.
 */
import { z } from 'zod';
import { defineRoute } from '../contract.ts';
import { isDate } from '../../domain/lists/dates.ts';
import { INCOME_CLASSES } from '../../domain/inequality.ts';
import { CASE_STATUSES } from '../../domain/households/cases.ts';
import { STAT_FLAGS } from '../../domain/households/statistics.ts';
import { DISABILITY_GRADES, INCOME_SOURCES, RELATIONS, SEXES } from '../../domain/households/registry.ts';
import { idSchema, localizedSchema, queryFlagSchema, requiredText, yearSchema } from './common.ts';

export const relationSchema = z.enum(RELATIONS);
export const sexSchema = z.enum(SEXES);
export const incomeSourceSchema = z.enum(INCOME_SOURCES);
export const flagSchema = z.enum(STAT_FLAGS);
export const flagStateSchema = z.enum(['yes', 'possibly', 'no']);
export const incomeClassSchema = z.enum(INCOME_CLASSES);

const dateSchema = z.string().refine(isDate, { message: '日期格式应为 YYYY-MM-DD / a date must look like 2025-06-30' });
const versionField = z.number().int().min(1);
/** Why a change was made: kept in the history beside the old and new values. */
export const reasonSchema = requiredText(200);

const idNumberSchema = z
  .string()
  .trim()
  .max(24)
  .regex(/^[0-9０-９]{17}[0-9０-９Xx]$/, {
    message: '身份证号码应为18位（17位数字加校验码） / an ID number has 18 characters',
  });
const phoneSchema = z
  .string()
  .trim()
  .max(20)
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, {
    message: '电话应为11位手机号或带区号的固定电话 / a mobile number or a landline with its area code',
  });
const amount = z
  .number({ error: '应为数字 / must be a number' })
  .min(0, { error: '不能为负数 / must not be negative' })
  .max(100_000_000, { error: '金额过大 / amount too large' });

// ——— writes ———

export const memberInputSchema = z.object({
  name: requiredText(40),
  idNumber: idNumberSchema,
  relation: relationSchema,
  sex: sexSchema,
  /** Optional: taken from the ID number when left out, refused when it disagrees. */
  birthDate: dateSchema.optional(),
  phone: phoneSchema.nullable().optional(),
  inSchool: z.boolean().default(false),
  retired: z.boolean().default(false),
  disabilityGrade: z
    .number()
    .int()
    .refine((g) => (DISABILITY_GRADES as readonly number[]).includes(g), { message: '残疾等级为1–4级 / grade 1–4' })
    .nullable()
    .default(null),
  seriouslyIll: z.boolean().default(false),
  ableToWork: z.boolean().default(true),
  willingToWork: z.boolean().default(true),
  employed: z.boolean().default(false),
  employedSince: dateSchema.nullable().default(null),
  employer: z.string().trim().max(100).nullable().default(null),
});
export type MemberInput = z.infer<typeof memberInputSchema>;

export const incomeInputSchema = z
  .object({
    year: yearSchema,
    kind: z.enum(['exact', 'bracket']),
    total: amount.nullable().default(null),
    wages: amount.nullable().default(null),
    business: z.number().min(-100_000_000).max(100_000_000).nullable().default(null),
    property: amount.nullable().default(null),
    transfers: amount.nullable().default(null),
    bracketLow: amount.nullable().default(null),
    /** Null for the open top bracket. */
    bracketHigh: amount.nullable().default(null),
    source: incomeSourceSchema,
    /** The department or survey round the figure came from (民政局、2024年收入摸底 …). */
    sourceDetail: z.string().trim().max(100).default(''),
    recordedOn: dateSchema,
  })
  .superRefine((v, c) => {
    if (v.kind === 'exact' && v.total === null) {
      c.addIssue({ code: 'custom', path: ['total'], message: '精确收入须填年收入 / an exact income needs its total' });
    }
    if (v.kind === 'bracket' && v.bracketLow === null) {
      c.addIssue({ code: 'custom', path: ['bracketLow'], message: '须填收入档 / a bracket needs its lower bound' });
    }
  });
export type IncomeInput = z.infer<typeof incomeInputSchema>;

export const householdCreateSchema = z.object({
  villageId: idSchema,
  address: z.string().trim().max(200).default(''),
  note: z.string().trim().max(500).default(''),
  members: z.array(memberInputSchema).min(1, { message: '至少一名成员 / at least one member' }).max(30),
  income: incomeInputSchema.optional(),
  reason: reasonSchema.default('新建户'),
});
export type HouseholdCreate = z.infer<typeof householdCreateSchema>;

export const householdPatchSchema = z.object({
  version: versionField,
  reason: reasonSchema,
  villageId: idSchema.optional(),
  address: z.string().trim().max(200).optional(),
  note: z.string().trim().max(500).optional(),
  status: z.enum(['active', 'closed']).optional(),
});
export type HouseholdPatch = z.infer<typeof householdPatchSchema>;

export const memberAddSchema = z.object({ version: versionField, reason: reasonSchema, member: memberInputSchema });
export const memberPatchSchema = z.object({
  version: versionField,
  reason: reasonSchema,
  member: memberInputSchema.partial(),
});
export const memberRemoveSchema = z.object({ version: versionField, reason: reasonSchema });
export const incomeAddSchema = z.object({ version: versionField, reason: reasonSchema, income: incomeInputSchema });

// ——— reads ———

export const householdFilterSchema = z.object({
  /** A village, township or district (with its descendants). */
  unit: idSchema.optional(),
  /** A member's full name (matched through its blind index: names are stored encrypted). */
  name: z.string().trim().max(40).optional(),
  /** The last four characters of a member's ID number. */
  idTail: z
    .string()
    .trim()
    .regex(/^[0-9]{3}[0-9Xx]$/, { message: '身份证后四位 / the last four characters of the ID number' })
    .optional(),
  flag: flagSchema.optional(),
  /** With `flag`: only households where the flag is certain (default: certain and possibly). */
  certainOnly: queryFlagSchema.optional(),
  incomeClass: incomeClassSchema.optional(),
  status: z.enum(['active', 'closed']).optional(),
  /** Households with a monitoring case in this state. */
  caseStatus: z.enum(CASE_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type HouseholdFilter = z.infer<typeof householdFilterSchema>;

/** Asking for personal values in clear: only for the roles that may, with the reason kept in the audit trail. */
export const unmaskQuerySchema = z.object({
  unmask: queryFlagSchema.optional(),
  reason: z.string().trim().max(200).optional(),
});

export const flagResultSchema = z.object({ state: flagStateSchema, explanation: localizedSchema });

export const householdRowSchema = z.object({
  id: z.string(),
  code: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  townshipId: z.string(),
  townshipName: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  urban: z.boolean(),
  /** Masked unless unmasked by a role that may. */
  headName: z.string(),
  size: z.number(),
  incomeYear: z.number().nullable(),
  /** Per-capita income, or its range for a bracket (high null when open). */
  perCapita: z.object({ low: z.number(), high: z.number().nullable(), exact: z.boolean() }).nullable(),
  incomeClasses: z.array(incomeClassSchema),
  flags: z.record(flagSchema, flagStateSchema),
  status: z.enum(['active', 'closed']),
  generated: z.boolean(),
  version: z.number(),
  /** In a search: the states of the household's monitoring cases, oldest first. */
  caseStatuses: z.array(z.enum(CASE_STATUSES)).optional(),
});
export type HouseholdRow = z.infer<typeof householdRowSchema>;

export const householdPageSchema = z.object({
  rows: z.array(householdRowSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  unmasked: z.boolean(),
});

export const memberViewSchema = z.object({
  id: z.string(),
  seq: z.number(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  relation: relationSchema,
  sex: sexSchema,
  birthDate: z.string(),
  age: z.number(),
  workingAge: z.boolean(),
  inSchool: z.boolean(),
  retired: z.boolean(),
  disabilityGrade: z.number().nullable(),
  seriouslyIll: z.boolean(),
  ableToWork: z.boolean(),
  willingToWork: z.boolean(),
  employed: z.boolean(),
  employedSince: z.string().nullable(),
  employer: z.string().nullable(),
  /** Facts for the cadre from the ID number (first registered outside the city …). */
  notes: z.array(localizedSchema),
});
export type MemberView = z.infer<typeof memberViewSchema>;

export const incomeViewSchema = z.object({
  id: z.string(),
  year: z.number(),
  kind: z.enum(['exact', 'bracket']),
  total: z.number().nullable(),
  wages: z.number().nullable(),
  business: z.number().nullable(),
  property: z.number().nullable(),
  transfers: z.number().nullable(),
  bracketLow: z.number().nullable(),
  bracketHigh: z.number().nullable(),
  source: incomeSourceSchema,
  sourceDetail: z.string(),
  recordedOn: z.string(),
  current: z.boolean(),
});
export type IncomeView = z.infer<typeof incomeViewSchema>;

export const historyEntrySchema = z.object({
  at: z.string(),
  user: z.string().nullable(),
  action: z.string(),
  memberId: z.string().nullable(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const householdDetailSchema = householdRowSchema.extend({
  address: z.string(),
  note: z.string(),
  members: z.array(memberViewSchema),
  incomes: z.array(incomeViewSchema),
  flagDetails: z.record(flagSchema, flagResultSchema),
  incomeRule: localizedSchema,
  assessedOn: z.string(),
  history: z.array(historyEntrySchema),
  unmasked: z.boolean(),
  /** Whether the reader may ask for the personal values in clear (with a reason). */
  mayUnmask: z.boolean(),
  /** Whether the reader may edit (entry scope on the village). */
  mayEdit: z.boolean(),
});
export type HouseholdDetail = z.infer<typeof householdDetailSchema>;

// ——— the route table ———

const tags = ['households'] as const;
/** Every household role reads; the cadres of the villages write (their entry scope, checked by the service). */
const READERS = ['villageCadre', 'townshipOfficer', 'civilAffairsOfficer', 'hrOfficer'] as const;
const WRITERS = ['villageCadre', 'townshipOfficer'] as const;
const idParams = z.object({ id: idSchema });
const memberParams = z.object({ id: idSchema, memberId: idSchema });
const versionResponse = z.object({ version: z.number() });

export const householdRoutes = {
  search: defineRoute({
    method: 'GET',
    path: '/households',
    tags,
    summary: '家庭查询 Search households',
    access: READERS,
    query: householdFilterSchema.extend(unmaskQuerySchema.shape),
    response: householdPageSchema,
  }),
  detail: defineRoute({
    method: 'GET',
    path: '/households/:id',
    tags,
    summary: '家庭详情 One household',
    access: READERS,
    params: idParams,
    query: unmaskQuerySchema,
    response: householdDetailSchema,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/households',
    tags,
    summary: '新建家庭 Register a household',
    access: WRITERS,
    body: householdCreateSchema,
    response: z.object({ id: z.string(), code: z.string() }),
  }),
  update: defineRoute({
    method: 'PUT',
    path: '/households/:id',
    tags,
    summary: '修改家庭 Edit a household',
    access: WRITERS,
    params: idParams,
    body: householdPatchSchema,
    response: versionResponse,
  }),
  addMember: defineRoute({
    method: 'POST',
    path: '/households/:id/members',
    tags,
    summary: '增加成员 Add a member',
    access: WRITERS,
    params: idParams,
    body: memberAddSchema,
    response: z.object({ id: z.string(), version: z.number() }),
  }),
  updateMember: defineRoute({
    method: 'PUT',
    path: '/households/:id/members/:memberId',
    tags,
    summary: '修改成员 Edit a member',
    access: WRITERS,
    params: memberParams,
    body: memberPatchSchema,
    response: versionResponse,
  }),
  removeMember: defineRoute({
    method: 'POST',
    path: '/households/:id/members/:memberId/remove',
    tags,
    summary: '移除成员 Remove a member',
    access: WRITERS,
    params: memberParams,
    body: memberRemoveSchema,
    response: versionResponse,
  }),
  addIncome: defineRoute({
    method: 'POST',
    path: '/households/:id/incomes',
    tags,
    summary: '登记收入 Record an income figure',
    access: WRITERS,
    params: idParams,
    body: incomeAddSchema,
    response: versionResponse,
  }),
};

/** An income-survey import (CSV or XLSX) as a job: its state, progress and, when refused, every bad cell. */
export const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  phase: z.enum(['reading', 'checking', 'writing', 'done']),
  format: z.enum(['csv', 'xlsx']),
  fileName: z.string(),
  bytes: z.number(),
  rowsRead: z.number(),
  rowsTotal: z.number().nullable(),
  households: z.number(),
  members: z.number(),
  problems: z.array(
    z.object({
      field: z.string(),
      message: z.string(),
      text: localizedSchema,
      row: z.number().optional(),
      column: z.string().optional(),
      sheet: z.string().optional(),
    }),
  ),
  problemCount: z.number(),
  message: localizedSchema.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobDto = z.infer<typeof importJobSchema>;

/** Exporting a named list: the filter of the search, masked unless unmasked, always with the reason. */
export const householdExportQuerySchema = householdFilterSchema.omit({ page: true, pageSize: true }).extend({
  unmask: queryFlagSchema.optional(),
  reason: reasonSchema,
});

export const householdImportRoutes = {
  jobs: defineRoute({
    method: 'GET',
    path: '/households/imports',
    tags,
    summary: '我的导入任务 My survey imports',
    access: WRITERS,
    response: z.array(importJobSchema),
  }),
  job: defineRoute({
    method: 'GET',
    path: '/households/imports/:id',
    tags,
    summary: '导入进度 One survey import: progress, outcome, every bad cell',
    access: WRITERS,
    params: z.object({ id: idSchema }),
    response: importJobSchema,
  }),
  cancel: defineRoute({
    method: 'POST',
    path: '/households/imports/:id/cancel',
    tags,
    summary: '取消导入 Cancel a running import (nothing is written)',
    access: WRITERS,
    params: z.object({ id: idSchema }),
    response: importJobSchema,
  }),
};
