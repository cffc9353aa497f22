import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import { sendDownload } from '../../http/download.ts';
import { XLSX_MIME } from '../excel/excel.style.ts';
import { endOfPlanXlsx } from './end-of-plan.xlsx.ts';
import type { AppContext } from '../../context.ts';
import { okSchema } from '../../../shared/api/common.ts';
import {
  endOfPlanQuerySchema,
  endOfPlanResponseSchema,
  explainQuerySchema,
  explainResponseSchema,
  matrixQuerySchema,
  matrixResponseSchema,
  rankingQuerySchema,
  rankingRowSchema,
  thresholdsSchema,
  weightingResponseSchema,
} from '../../../shared/api/evaluation.ts';

export function registerEvaluationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['evaluation'];

  r.get(
    '/api/v1/evaluation/matrix',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '评价矩阵 Evaluation matrix',
        querystring: matrixQuerySchema,
        response: { 200: matrixResponseSchema },
      },
    },
    async (request) => ctx.evaluation.matrix(actorOf(request), request.query),
  );
  r.get(
    '/api/v1/evaluation/ranking',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '区县排名 Ranking of districts and counties',
        querystring: rankingQuerySchema,
        response: { 200: z.array(rankingRowSchema) },
      },
    },
    async (request) => (await ctx.evaluation.weighted(actorOf(request), request.query)).rows,
  );
  r.get(
    '/api/v1/evaluation/weighting',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '排名权重方法 A ranking by another weighting, with the weights it derived',
        querystring: rankingQuerySchema,
        response: { 200: weightingResponseSchema },
      },
    },
    async (request) => ctx.evaluation.weighted(actorOf(request), request.query),
  );
  r.get(
    '/api/v1/evaluation/end-of-plan',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '终期评估 The 2025 targets against the latest figures',
        querystring: endOfPlanQuerySchema,
        response: { 200: endOfPlanResponseSchema },
      },
    },
    async (request) => ctx.evaluation.endOfPlan(actorOf(request), request.query),
  );
  r.get(
    '/api/v1/evaluation/end-of-plan.xlsx',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '导出终期评估 End-of-plan assessment (.xlsx)', querystring: endOfPlanQuerySchema },
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
  r.get(
    '/api/v1/evaluation/explain',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '评价说明 Why a cell has its colour',
        querystring: explainQuerySchema,
        response: { 200: explainResponseSchema },
      },
    },
    async (request) => ctx.evaluation.explain(actorOf(request), request.query),
  );
  r.post(
    '/api/v1/evaluation/run',
    {
      config: { access: ['coordinator'] },
      schema: {
        tags,
        summary: '重新评价 Re-evaluate',
        body: z.object({ frameworkId: z.string().optional() }),
        response: {
          200: z.object({ asOf: z.array(z.string()), loadMs: z.number(), computeMs: z.number(), storeMs: z.number() }),
        },
      },
    },
    async (request) => {
      const b = await ctx.evaluation.resolveFramework(request.body.frameworkId);
      // One evaluation per click: the run replaces the held results (and says so); the next read uses them.
      const run = await ctx.evaluation.run(b.framework.id);
      return { asOf: run.latest ? [run.latest.asOf] : [], ...run.timings };
    },
  );
  r.get(
    '/api/v1/evaluation/thresholds',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '预警阈值 Thresholds', response: { 200: thresholdsSchema } },
    },
    async () => ctx.evaluation.thresholds(),
  );
  r.put(
    '/api/v1/evaluation/thresholds',
    {
      config: { access: ['coordinator'] },
      schema: { tags, summary: '设置预警阈值 Set thresholds', body: thresholdsSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await ctx.evaluation.setThresholds(request.body);
      return { ok: true as const };
    },
  );
}
