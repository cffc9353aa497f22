import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { SESSION_COOKIE } from '../../security/http-hooks.ts';
import { route } from '../../http/route.ts';
import { authRoutes } from '../../../shared/api/auth.ts';

export { SESSION_COOKIE };

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.cookieSecure,
  };
  route(app, authRoutes.login, async (request, { body }, reply) => {
    const signedIn = await ctx.auth.signIn({
      username: body.username,
      password: body.password,
      otp: body.otp,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
    });
    reply.setCookie(SESSION_COOKIE, signedIn.token, cookieOptions);
    return {
      user: await ctx.auth.describe(signedIn.user),
      csrfToken: signedIn.csrfToken,
      demoMode: ctx.config.mode === 'demo',
    };
  });
  route(app, authRoutes.logout, async (request, _input, reply) => {
    await ctx.auth.signOut(actorOf(request));
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ok: true as const };
  });
  route(app, authRoutes.logoutEverywhere, async (request, _input, reply) => {
    const ended = await ctx.auth.signOutEverywhere(actorOf(request));
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ended };
  });
  route(app, authRoutes.me, async (request) => {
    const actor = actorOf(request);
    const user = await ctx.users.getRow(actor.userId);
    return {
      user: await ctx.auth.describe(user),
      csrfToken: request.csrfToken ?? '',
      demoMode: ctx.config.mode === 'demo',
    };
  });
  route(app, authRoutes.passwordRules, async () => {
    const p = await ctx.policy.current();
    return {
      minLength: p.minLength,
      minClasses: p.minClasses,
      historyCount: p.historyCount,
      maxAgeDays: p.maxAgeDays,
    };
  });
  route(app, authRoutes.changePassword, async (request, { body }) => {
    await ctx.auth.changePassword(actorOf(request), body.currentPassword, body.newPassword);
    return { ok: true as const };
  });
}
