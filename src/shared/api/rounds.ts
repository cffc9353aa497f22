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
  late: z.boolean(),
  complete: z.boolean(),
});

/** What the signed-in user owes the reporting rounds: figures to enter, values to review, approvals to publish. */
export const reportingTodoSchema = z.object({
  kind: z.enum(['report', 'review', 'publish']),
  period: z.string(),
  orgUnitId: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  count: z.number(),
  /** For reports: how many of them were returned by a reviewer. */
  returned: z.number(),
  dueDate: z.string().nullable(),
  late: z.boolean(),
});
export type ReportingTodo = z.infer<typeof reportingTodoSchema>;

export const roundStatusSchema = z.object({
  round: roundSchema,
  today: z.string(),
  units: z.array(roundUnitStatusSchema),
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
