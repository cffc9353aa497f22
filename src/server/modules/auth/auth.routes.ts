import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { changePasswordRequestSchema, loginRequestSchema, sessionResponseSchema } from '../../../shared/api/auth.ts';
import { okSchema } from '../../../shared/api/common.ts';
import { toMe } from './auth.service.ts';

export const SESSION_COOKIE = 'gongfu_session';

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.cookieSecure,
  };

  r.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: '登录 Sign in', body: loginRequestSchema, response: { 200: sessionResponseSchema } },
    },
    async (request, reply) => {
      const signedIn = await ctx.auth.signIn({
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
      });
      reply.setCookie(SESSION_COOKIE, signedIn.token, cookieOptions);
      return { user: toMe(signedIn.user), csrfToken: signedIn.csrfToken, demoMode: ctx.config.mode === 'demo' };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'authenticated', allowPasswordChangePending: true },
      schema: { tags: ['auth'], summary: '退出 Sign out', response: { 200: okSchema } },
    },
    async (request, reply) => {
      await ctx.auth.signOut(actorOf(request).sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/auth/me',
    {
      config: { access: 'authenticated', allowPasswordChangePending: true },
      schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: sessionResponseSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await ctx.users.getRow(actor.userId);
      return { user: toMe(user), csrfToken: request.csrfToken ?? '', demoMode: ctx.config.mode === 'demo' };
    },
  );

  r.post(
    '/api/v1/auth/password',
    {
      config: { access: 'authenticated', allowPasswordChangePending: true },
      schema: { tags: ['auth'], summary: '修改密码 Change password', body: changePasswordRequestSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await ctx.auth.changePassword(actorOf(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );
}
