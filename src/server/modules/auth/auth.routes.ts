import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { SESSION_COOKIE } from '../../security/http-hooks.ts';
import {
  changePasswordRequestSchema,
  loginRequestSchema,
  passwordRulesSchema,
  sessionResponseSchema,
  signOutEverywhereResponseSchema,
} from '../../../shared/api/auth.ts';
import { okSchema } from '../../../shared/api/common.ts';

export { SESSION_COOKIE };

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.cookieSecure,
  };
  // The account's own routes answer before a forced password change and before second-factor enrolment.
  const own = { access: 'authenticated' as const, allowPasswordChangePending: true, allowMfaEnrolmentPending: true };

  r.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '登录 Sign in',
        body: loginRequestSchema,
        response: { 200: sessionResponseSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await ctx.auth.signIn({
        username: request.body.username,
        password: request.body.password,
        otp: request.body.otp,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
      });
      reply.setCookie(SESSION_COOKIE, signedIn.token, cookieOptions);
      return {
        user: await ctx.auth.describe(signedIn.user),
        csrfToken: signedIn.csrfToken,
        demoMode: ctx.config.mode === 'demo',
      };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: own,
      schema: { tags: ['auth'], summary: '退出 Sign out', response: { 200: okSchema } },
    },
    async (request, reply) => {
      await ctx.auth.signOut(actorOf(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/auth/logout-everywhere',
    {
      config: own,
      schema: {
        tags: ['auth'],
        summary: '退出所有设备 Sign out everywhere (every session of mine)',
        response: { 200: signOutEverywhereResponseSchema },
      },
    },
    async (request, reply) => {
      const ended = await ctx.auth.signOutEverywhere(actorOf(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ended };
    },
  );

  r.get(
    '/api/v1/auth/me',
    {
      config: own,
      schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: sessionResponseSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await ctx.users.getRow(actor.userId);
      return {
        user: await ctx.auth.describe(user),
        csrfToken: request.csrfToken ?? '',
        demoMode: ctx.config.mode === 'demo',
      };
    },
  );

  r.get(
    '/api/v1/auth/password-rules',
    {
      config: own,
      schema: { tags: ['auth'], summary: '密码规则 Password rules in force', response: { 200: passwordRulesSchema } },
    },
    async () => {
      const p = await ctx.policy.current();
      return {
        minLength: p.minLength,
        minClasses: p.minClasses,
        historyCount: p.historyCount,
        maxAgeDays: p.maxAgeDays,
      };
    },
  );

  r.post(
    '/api/v1/auth/password',
    {
      config: own,
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change password',
        body: changePasswordRequestSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await ctx.auth.changePassword(actorOf(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );
}
