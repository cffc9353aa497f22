import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { householdStatisticsRoutes } from '../../../shared/api/household-statistics.ts';

export function registerHouseholdStatisticsRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, householdStatisticsRoutes.get, async (request, { query }) =>
    ctx.householdStatistics.statistics(actorOf(request), query.unitId),
  );
}
