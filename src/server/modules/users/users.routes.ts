import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { userRoutes } from '../../../shared/api/users.ts';

/** Accounts and sessions (the system administrator), authorisation (the security administrator): see duties.ts. */
export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, userRoutes.list, async () => ctx.users.list());
  route(app, userRoutes.create, async (request, { body }) => ctx.users.create(actorOf(request), body));
  route(app, userRoutes.update, async (request, { params, body }) =>
    ctx.users.update(actorOf(request), params.id, body),
  );
  route(app, userRoutes.assignRights, async (request, { params, body }) =>
    ctx.users.assignRights(actorOf(request), params.id, body),
  );
  route(app, userRoutes.resetPassword, async (request, { params }) => ({
    password: await ctx.users.resetPassword(actorOf(request), params.id),
  }));
  route(app, userRoutes.resetMfa, async (request, { params }) => {
    await ctx.users.resetSecondFactor(actorOf(request), params.id);
    return { ok: true as const };
  });
  route(app, userRoutes.sessions, async () => ctx.users.activeSessions());
  route(app, userRoutes.endSession, async (_request, { params }) => {
    await ctx.users.endSession(params.id);
    return { ok: true as const };
  });
}
