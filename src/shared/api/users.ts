import { z } from 'zod';
import { DUTY } from '../../domain/duties.ts';
import { defineRoute } from '../contract.ts';
import { idSchema, okSchema, roleSchema } from './common.ts';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** Null until the security administrator authorises the account (it cannot sign in until then). */
  role: roleSchema.nullable(),
  entryScope: z.array(z.string()),
  viewScope: z.array(z.string()),
  workTeamId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  mfaEnabled: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

/**
 * The system administrator creates an account with a name only: it has no role and cannot sign in until the
 * security administrator authorises it (src/server/security/duties.ts).
 */
export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .regex(/^[a-z][a-z0-9_.-]*$/, {
      message: '用户名只能包含小写字母、数字和 _ . - / lower-case letters, digits, _ . -',
    }),
  displayName: z.string().trim().min(1).max(64),
});

/** The system administrator's edit: the name shown, and whether the account is disabled. */
export const updateUserSchema = z.object({
  displayName: z.string().trim().min(1).max(64),
  disabled: z.boolean(),
  version: z.number().int(),
});

/** The security administrator's authorisation: a business role, the two scopes and the work team. */
export const assignRightsSchema = z.object({
  role: roleSchema,
  entryScope: z.array(idSchema).max(50),
  viewScope: z.array(idSchema).min(1).max(50),
  workTeamId: idSchema.nullable().default(null),
  version: z.number().int(),
});

export const createdUserSchema = z.object({ user: userSchema, initialPassword: z.string() });

export const activeSessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  ip: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});

const tags = ['users'];
const params = z.object({ id: idSchema });

/** Accounts and sessions (the system administrator), authorisation (the security administrator): see duties.ts. */
export const userRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/users',
    tags,
    summary: '用户列表 Users',
    access: DUTY.accountList,
    response: z.array(userSchema),
  }),
  create: defineRoute({
    method: 'POST',
    path: '/users',
    tags,
    summary: '新建账户（无角色，待安全管理员授权）Create an account (no role until authorised)',
    access: DUTY.accounts,
    body: createUserSchema,
    response: createdUserSchema,
  }),
  update: defineRoute({
    method: 'PUT',
    path: '/users/:id',
    tags,
    summary: '修改账户（姓名、停用）Edit an account (name, disabled)',
    access: DUTY.accounts,
    params,
    body: updateUserSchema,
    response: userSchema,
  }),
  assignRights: defineRoute({
    method: 'PUT',
    path: '/users/:id/rights',
    tags,
    summary: '授权（角色、范围、专班）Authorise: role, scopes, work team',
    access: DUTY.authorisation,
    params,
    body: assignRightsSchema,
    response: userSchema,
  }),
  resetPassword: defineRoute({
    method: 'POST',
    path: '/users/:id/reset-password',
    tags,
    summary: '重置密码 Reset password',
    access: DUTY.accounts,
    params,
    response: z.object({ password: z.string() }),
  }),
  resetMfa: defineRoute({
    method: 'POST',
    path: '/users/:id/reset-mfa',
    tags,
    summary: '重置动态验证码 Reset a lost second factor',
    access: DUTY.authorisation,
    params,
    response: okSchema,
  }),
  sessions: defineRoute({
    method: 'GET',
    path: '/sessions',
    tags,
    summary: '在线会话 Active sessions',
    access: DUTY.accounts,
    response: z.array(activeSessionSchema),
  }),
  endSession: defineRoute({
    method: 'DELETE',
    path: '/sessions/:id',
    tags,
    summary: '结束会话 End a session',
    access: DUTY.accounts,
    params: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }),
    response: okSchema,
  }),
};
