import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { idSchema, okSchema } from '../../../shared/api/common.ts';
import {
  activeSessionSchema,
  createdUserSchema,
  createUserSchema,
  updateUserSchema,
  userSchema,
} from '../../../shared/api/users.ts';

const ADMIN = ['admin'] as const;

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.string().min(1).max(128) });

  r.get(
    '/api/v1/users',
    { config: { access: ADMIN }, schema: { tags: ['users'], summary: '用户列表 Users', response: { 200: z.array(userSchema) } } },
    async () => ctx.users.list(),
  );
  r.post(
    '/api/v1/users',
    {
      config: { access: ADMIN },
      schema: { tags: ['users'], summary: '新建用户 Create a user', body: createUserSchema, response: { 200: createdUserSchema } },
    },
    async (request) => ctx.users.create(request.body),
  );
  r.put(
    '/api/v1/users/:id',
    {
      config: { access: ADMIN },
      schema: { tags: ['users'], summary: '修改用户 Update a user', params: z.object({ id: idSchema }), body: updateUserSchema, response: { 200: userSchema } },
    },
    async (request) => ctx.users.update(request.params.id, request.body),
  );
  r.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: ADMIN },
      schema: { tags: ['users'], summary: '重置密码 Reset password', params: z.object({ id: idSchema }), response: { 200: z.object({ password: z.string() }) } },
    },
    async (request) => ({ password: await ctx.users.resetPassword(request.params.id) }),
  );
  r.get(
    '/api/v1/sessions',
    { config: { access: ADMIN }, schema: { tags: ['users'], summary: '在线会话 Active sessions', response: { 200: z.array(activeSessionSchema) } } },
    async () => ctx.users.activeSessions(),
  );
  r.delete(
    '/api/v1/sessions/:id',
    { config: { access: ADMIN }, schema: { tags: ['users'], summary: '结束会话 End a session', params, response: { 200: okSchema } } },
    async (request) => {
      await ctx.users.endSession(request.params.id);
      return { ok: true as const };
    },
  );
}
