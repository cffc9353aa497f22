import type { FastifyInstance } from 'fastify';
import { householdRoutes } from '../../../shared/api/households.ts';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';

export function registerHouseholdRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = householdRoutes;
  route(app, r.search, async (request, { query }) => {
    const { unmask, reason, ...filter } = query;
    return ctx.households.search(actorOf(request), filter, { unmask, reason });
  });
  route(app, r.detail, async (request, { params, query }) => ctx.households.detail(actorOf(request), params.id, query));
  route(app, r.create, async (request, { body }) => ctx.households.create(actorOf(request), body));
  route(app, r.update, async (request, { params, body }) => ctx.households.update(actorOf(request), params.id, body));
  route(app, r.addMember, async (request, { params, body }) =>
    ctx.households.addMember(actorOf(request), params.id, body),
  );
  route(app, r.updateMember, async (request, { params, body }) =>
    ctx.households.updateMember(actorOf(request), params.id, params.memberId, body),
  );
  route(app, r.removeMember, async (request, { params, body }) =>
    ctx.households.removeMember(actorOf(request), params.id, params.memberId, body),
  );
  route(app, r.addIncome, async (request, { params, body }) =>
    ctx.households.addIncome(actorOf(request), params.id, body),
  );
}
