import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { DUTY } from '../../security/duties.ts';
import { idSchema, okSchema } from '../../../shared/api/common.ts';
import {
  activeSessionSchema,
  assignRightsSchema,
  createdUserSchema,
  createUserSchema,
  updateUserSchema,
  userSchema,
} from '../../../shared/api/users.ts';

/** Accounts and sessions (the system administrator), authorisation (the security administrator): see duties.ts. */
export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const params = z.object({ id: idSchema });

  r.get(
    '/api/v1/users',
    {
      config: { access: DUTY.accountList },
      schema: { tags, summary: '用户列表 Users', response: { 200: z.array(userSchema) } },
    },
    async () => ctx.users.list(),
  );
  r.post(
    '/api/v1/users',
    {
      config: { access: DUTY.accounts },
      schema: {
        tags,
        summary: '新建账户（无角色，待安全管理员授权）Create an account (no role until authorised)',
        body: createUserSchema,
        response: { 200: createdUserSchema },
      },
    },
    async (request) => ctx.users.create(actorOf(request), request.body),
  );
  r.put(
    '/api/v1/users/:id',
    {
      config: { access: DUTY.accounts },
      schema: {
        tags,
        summary: '修改账户（姓名、停用）Edit an account (name, disabled)',
        params,
        body: updateUserSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => ctx.users.update(actorOf(request), request.params.id, request.body),
  );
  r.put(
    '/api/v1/users/:id/rights',
    {
      config: { access: DUTY.authorisation },
      schema: {
        tags,
        summary: '授权（角色、范围、专班）Authorise: role, scopes, work team',
        params,
        body: assignRightsSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => ctx.users.assignRights(actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: DUTY.accounts },
      schema: {
        tags,
        summary: '重置密码 Reset password',
        params,
        response: { 200: z.object({ password: z.string() }) },
      },
    },
    async (request) => ({ password: await ctx.users.resetPassword(actorOf(request), request.params.id) }),
  );
  r.post(
    '/api/v1/users/:id/reset-mfa',
    {
      config: { access: DUTY.authorisation },
      schema: { tags, summary: '重置动态验证码 Reset a lost second factor', params, response: { 200: okSchema } },
    },
    async (request) => {
      await ctx.users.resetSecondFactor(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/sessions',
    {
      config: { access: DUTY.accounts },
      schema: { tags, summary: '在线会话 Active sessions', response: { 200: z.array(activeSessionSchema) } },
    },
    async () => ctx.users.activeSessions(),
  );
  r.delete(
    '/api/v1/sessions/:id',
    {
      config: { access: DUTY.accounts },
      schema: {
        tags,
        summary: '结束会话 End a session',
        params: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await ctx.users.endSession(request.params.id);
      return { ok: true as const };
    },
  );
}
