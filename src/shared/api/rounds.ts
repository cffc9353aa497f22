import { z } from 'zod';
import { defineRoute } from '../contract.ts';
import { periodSchema } from './common.ts';

export const roundSchema = z.object({
  id: z.string(),
  frameworkId: z.string(),
  period: z.string(),
  dueDate: z.string(),
  status: z.string(),
  openedAt: z.string(),
});

export const openRoundSchema = z.object({
  frameworkId: z.string().optional(),
  period: periodSchema,
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式 YYYY-MM-DD / date as YYYY-MM-DD' }),
});

export const roundUnitStatusSchema = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  expected: z.number(),
  missing: z.number(),
  draft: z.number(),
  submitted: z.number(),
  returned: z.number(),
  approved: z.number(),
  published: z.number(),
  /** Figures still owed after the due date. */
  late: z.boolean(),
  complete: z.boolean(),
  /** When the unit's last expected figure first left it (its first full report), or null. */
  submittedAt: z.string().nullable(),
  /** Kept once late: the days after the due date the unit completed its report ("逾期 N 天提交"). */
  submittedLateDays: z.number().nullable(),
  /** Days past the due date while figures are owed. */
  overdueDays: z.number().nullable(),
  /** Reminders (催报) sent to the unit in this round, and the latest. */
  reminders: z.number(),
  lastRemindedAt: z.string().nullable(),
});

/** The round's record: opened, each reminder, each unit's completed report (late ones say so). */
export const roundEventSchema = z.object({
  at: z.string(),
  kind: z.enum(['opened', 'reminder', 'submitted']),
  orgUnitId: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  /** Who opened the round or sent the reminder. */
  by: z.string().nullable(),
  note: z.string().nullable(),
  lateDays: z.number().nullable(),
  recipients: z.number().nullable(),
});

/** What the signed-in user owes the reporting rounds: figures to enter, values to review, approvals to publish. */
export const reportingTodoSchema = z.object({
  /** `overdue`: for the coordination centre, a unit still owing figures after the due date (to chase). */
  kind: z.enum(['report', 'review', 'publish', 'overdue']),
  roundId: z.string().nullable(),
  period: z.string(),
  orgUnitId: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  count: z.number(),
  /** For reports: how many of them were returned by a reviewer. */
  returned: z.number(),
  dueDate: z.string().nullable(),
  late: z.boolean(),
  overdueDays: z.number().nullable(),
  /** The latest reminder (催报) the centre sent about this unit in the round, with its note. */
  remindedAt: z.string().nullable(),
  reminderNote: z.string().nullable(),
});
export type ReportingTodo = z.infer<typeof reportingTodoSchema>;

export const roundStatusSchema = z.object({
  round: roundSchema,
  today: z.string(),
  units: z.array(roundUnitStatusSchema),
  history: z.array(roundEventSchema),
});

export const remindSchema = z.object({
  orgUnitIds: z
    .array(z.string().min(1).max(64))
    .min(1, { message: '请选择催报单位 / choose the units to remind' })
    .max(100),
  note: z.string().trim().max(200, { message: '催报说明不超过 200 字 / at most 200 characters' }).optional(),
});

export const remindResponseSchema = z.object({
  sent: z.number(),
  /** The reporters' accounts the reminders reached. */
  recipients: z.number(),
});

export const openRoundResponseSchema = z.object({ id: z.string() });

const tags = ['rounds'];
export const roundRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/rounds',
    tags,
    summary: '填报轮次 Reporting rounds',
    access: 'authenticated',
    response: z.array(roundSchema),
  }),
  open: defineRoute({
    method: 'POST',
    path: '/rounds',
    tags,
    summary: '开启填报 Open a round',
    access: ['coordinator'],
    body: openRoundSchema,
    response: openRoundResponseSchema,
  }),
  todos: defineRoute({
    method: 'GET',
    path: '/rounds/todos',
    tags,
    summary: '填报待办 What I owe the open rounds',
    access: 'authenticated',
    response: z.array(reportingTodoSchema),
  }),
  remind: defineRoute({
    method: 'POST',
    path: '/rounds/:id/remind',
    tags,
    summary: '催报 Remind late units’ reporters',
    access: ['coordinator'],
    params: z.object({ id: z.string().min(1).max(64) }),
    body: remindSchema,
    response: remindResponseSchema,
  }),
  status: defineRoute({
    method: 'GET',
    path: '/rounds/:id/status',
    tags,
    summary: '填报进度 Who has reported what',
    access: 'authenticated',
    params: z.object({ id: z.string().min(1).max(64) }),
    response: roundStatusSchema,
  }),
};
