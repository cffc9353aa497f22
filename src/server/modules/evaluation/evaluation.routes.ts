import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/actor.ts';
import { sendDownload } from '../../http/download.ts';
import { route } from '../../http/route.ts';
import { XLSX_MIME } from '../excel/excel.style.ts';
import { endOfPlanXlsx } from './end-of-plan.xlsx.ts';
import type { AppContext } from '../../context.ts';
import { endOfPlanQuerySchema, evaluationRoutes as routes } from '../../../shared/api/evaluation.ts';

export function registerEvaluationRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, routes.matrix, async (request, { query }) => ctx.evaluation.matrix(actorOf(request), query));
  route(
    app,
    routes.ranking,
    async (request, { query }) => (await ctx.evaluation.weighted(actorOf(request), query)).rows,
  );
  route(app, routes.weighting, async (request, { query }) => ctx.evaluation.weighted(actorOf(request), query));
  route(app, routes.endOfPlan, async (request, { query }) => ctx.evaluation.endOfPlan(actorOf(request), query));
  route(app, routes.explain, async (request, { query }) => ctx.evaluation.explain(actorOf(request), query));
  route(app, routes.run, async (_request, { body }) => {
    const b = await ctx.evaluation.resolveFramework(body.frameworkId);
    // One evaluation per click: the run replaces the held results (and says so); the next read uses them.
    const run = await ctx.evaluation.run(b.framework.id);
    return { asOf: run.latest ? [run.latest.asOf] : [], ...run.timings };
  });
  route(app, routes.thresholds, async () => ctx.evaluation.thresholds());
  route(app, routes.setThresholds, async (_request, { body }) => {
    await ctx.evaluation.setThresholds(body);
    return { ok: true as const };
  });

  // A file, not JSON: registered directly, with the same access rule and query schema.
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/evaluation/end-of-plan.xlsx',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['evaluation'],
        summary: '导出终期评估 End-of-plan assessment (.xlsx)',
        querystring: endOfPlanQuerySchema,
      },
    },
    async (request, reply) => {
      const r = await ctx.evaluation.endOfPlan(actorOf(request), request.query);
      return sendDownload(reply, {
        contentType: XLSX_MIME,
        fileName: `共同富裕试验区终期评估${r.year}.xlsx`,
        asciiFileName: `end-of-plan-${r.year}.xlsx`,
        body: await endOfPlanXlsx(r),
      });
    },
  );
}
