import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { roundRoutes } from '../../../shared/api/rounds.ts';

export function registerRoundRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, roundRoutes.list, async () => ctx.rounds.list());
  route(app, roundRoutes.open, async (request, { body }) => ({ id: await ctx.rounds.open(actorOf(request), body) }));
  route(app, roundRoutes.todos, async (request) => ctx.rounds.todos(actorOf(request)));
  route(app, roundRoutes.remind, async (request, { params, body }) =>
    ctx.rounds.remind(actorOf(request), params.id, body),
  );
  route(app, roundRoutes.status, async (request, { params }) => ctx.rounds.status(actorOf(request), params.id));
}
