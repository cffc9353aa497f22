import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { okSchema } from '../../../shared/api/common.ts';
import {
  formulaCheckRequestSchema,
  formulaCheckResponseSchema,
  frameworkDetailSchema,
  frameworkSummarySchema,
  indicatorInputSchema,
  targetInputSchema,
} from '../../../shared/api/frameworks.ts';
import { checkFormula } from './framework.service.ts';
import { toFrameworkDetail, toFrameworkSummary } from './framework.mapper.ts';

const EDITORS = ['coordinator'] as const;

export function registerFrameworkRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.string().min(1).max(64) });
  const rowVersion = z.object({ rowVersion: z.number().int() });

  r.get(
    '/api/v1/frameworks',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['frameworks'],
        summary: '指标体系版本 Framework versions',
        response: { 200: z.array(frameworkSummarySchema) },
      },
    },
    async () => (await ctx.frameworks.list()).map(toFrameworkSummary),
  );

  r.get(
    '/api/v1/frameworks/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['frameworks'],
        summary: '指标体系（维度、指标、目标、基期）Framework detail; id "current" for the one in force',
        params,
        response: { 200: frameworkDetailSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = await ctx.frameworks.resolve(request.params.id === 'current' ? undefined : request.params.id);
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
    },
  );

  r.post(
    '/api/v1/frameworks/:id/publish',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['frameworks'],
        summary: '发布（冻结）Publish and freeze',
        params,
        body: rowVersion,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await ctx.frameworks.publish(actorOf(request), request.params.id, request.body.rowVersion);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/frameworks/:id/versions',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['frameworks'],
        summary: '复制为新版本草稿 New draft version',
        params,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (request) => ({ id: await ctx.frameworks.newVersion(actorOf(request), request.params.id) }),
  );

  r.put(
    '/api/v1/frameworks/:id/indicators',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['frameworks'],
        summary: '新增或修改指标（仅草稿）Create or edit an indicator (drafts only)',
        params,
        body: z.object({ rowVersion: z.number().int(), indicator: indicatorInputSchema }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await ctx.frameworks.saveIndicator(request.params.id, request.body.rowVersion, request.body.indicator);
      return { ok: true as const };
    },
  );

  r.put(
    '/api/v1/frameworks/:id/targets',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['frameworks'],
        summary: '设置目标（仅草稿）Set a target (drafts only)',
        params,
        body: z.object({ rowVersion: z.number().int(), target: targetInputSchema }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await ctx.frameworks.saveTarget(request.params.id, request.body.rowVersion, request.body.target);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/frameworks/:id/formula-check',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['frameworks'],
        summary: '检查公式 Check a formula',
        params,
        body: formulaCheckRequestSchema,
        response: { 200: formulaCheckResponseSchema },
      },
    },
    async (request) => {
      const b = await ctx.frameworks.resolve(request.params.id === 'current' ? undefined : request.params.id);
      return checkFormula(request.body.formula, request.body.indicatorCode ?? null, b.indicators);
    },
  );
}
