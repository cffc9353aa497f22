import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { frameworkRoutes } from '../../../shared/api/frameworks.ts';
import { checkFormula } from './framework.service.ts';
import { toFrameworkDetail, toFrameworkSummary } from './framework.mapper.ts';

export function registerFrameworkRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, frameworkRoutes.list, async () => (await ctx.frameworks.list()).map(toFrameworkSummary));
  route(app, frameworkRoutes.detail, async (request, { params }) => {
    const actor = actorOf(request);
    const b = await ctx.frameworks.resolve(params.id === 'current' ? undefined : params.id);
    const detail = toFrameworkDetail(b);
    const dimTeam = new Map(detail.dimensions.map((d) => [d.code, d.workTeamId]));
    const visible = detail.indicators.filter((i) =>
      ctx.access().canSeeIndicator(actor, {
        code: i.code,
        leadDepartmentId: i.leadDepartmentId,
        workTeamId: i.workTeamId,
        dimensionWorkTeamId: dimTeam.get(i.dimensionCode) ?? null,
      }),
    );
    const codes = new Set(visible.map((i) => i.code));
    return {
      ...detail,
      indicators: visible,
      targets: detail.targets.filter((t) => codes.has(t.indicatorCode)),
      baselines: detail.baselines.filter((t) => codes.has(t.indicatorCode)),
    };
  });
  route(app, frameworkRoutes.publish, async (request, { params, body }) => {
    await ctx.frameworks.publish(actorOf(request), params.id, body.rowVersion);
    return { ok: true as const };
  });
  route(app, frameworkRoutes.newVersion, async (request, { params }) => ({
    id: await ctx.frameworks.newVersion(actorOf(request), params.id),
  }));
  route(app, frameworkRoutes.saveIndicator, async (_request, { params, body }) => {
    await ctx.frameworks.saveIndicator(params.id, body.rowVersion, body.indicator);
    return { ok: true as const };
  });
  route(app, frameworkRoutes.saveTarget, async (_request, { params, body }) => {
    await ctx.frameworks.saveTarget(params.id, body.rowVersion, body.target);
    return { ok: true as const };
  });
  route(app, frameworkRoutes.formulaCheck, async (_request, { params, body }) => {
    const b = await ctx.frameworks.resolve(params.id === 'current' ? undefined : params.id);
    return checkFormula(body.formula, body.indicatorCode ?? null, b.indicators);
  });
}
