import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { householdCaseRoutes as r } from '../../../shared/api/household-cases.ts';
import { scheduleDailyWarnings } from '../lists/list.routes.ts';
import { toCaseDetail } from './case.mapper.ts';

export function registerHouseholdCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  // The same daily schedule as the lists' warnings.
  scheduleDailyWarnings(app, ctx.householdCases, () => ctx.clock.now(), 'householdCases');
  route(app, r.dataMatch, async (request, { body }) => ctx.householdCases.dataMatch(actorOf(request), body));
  route(app, r.runWarnings, async () => ctx.householdCases.runDaily(ctx.clock.now()));
  route(app, r.workbench, async (request, { query }) => ctx.householdCases.workbench(actorOf(request), query));
  route(app, r.detail, async (request, { params, query }) => {
    const actor = actorOf(request);
    const d = await ctx.householdCases.detail(actor, params.id, query.reason);
    return toCaseDetail(d, await ctx.householdCases.rowOf(actor, d.case));
  });
  route(app, r.open, async (request, { body }) => ctx.householdCases.open(actorOf(request), body));
  route(app, r.act, async (request, { params, body }) =>
    ctx.householdCases.act(actorOf(request), params.id, body.action, body),
  );
  route(app, r.clearing, async (request, { query }) =>
    ctx.householdCases.clearing(actorOf(request), query.level, query.under),
  );
  route(app, r.trend, async (request, { query }) => ctx.householdCases.trend(actorOf(request).viewScope, query.months));
}
