import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptedEncoding } from '../../http/static-files.ts';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { okSchema, periodSchema } from '../../../shared/api/common.ts';
import {
  gridQuerySchema,
  gridResponseSchema,
  historyEntrySchema,
  lockRequestSchema,
  publishPreviewSchema,
  publishRequestSchema,
  reopenRequestSchema,
  reviewQueueItemSchema,
  reviewRequestSchema,
  saveGridRequestSchema,
  saveGridResponseSchema,
  seriesPointSchema,
  seriesQuerySchema,
  submitRequestSchema,
  unlockRequestSchema,
  valueSchema,
} from '../../../shared/api/values.ts';

const REPORTERS = ['districtReporter', 'departmentReporter'] as const;
const COORDINATOR = ['coordinator'] as const;

export function registerValueRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['values'];

  // Registered without the type provider: the handler sends the cached, already serialised JSON (a serializer
  // compiled from the same schema, value.grid-serializer.ts, builds it once per unit, period and kind of actor).
  app.get(
    '/api/v1/values/grid',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '填报表 Entry grid for one unit and period',
        querystring: gridQuerySchema,
        response: { 200: gridResponseSchema },
      },
      serializerCompiler: () => (data) => (typeof data === 'string' ? data : JSON.stringify(data)),
    },
    async (request, reply) => {
      const query = request.query as z.infer<typeof gridQuerySchema>;
      const encoding = acceptedEncoding(request.headers['accept-encoding']);
      const body = await ctx.values.entry.gridBody(actorOf(request), query, encoding);
      reply.type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
      // A compressed body carries its encoding, so the global compression passes it as it is.
      if (encoding !== null) reply.header('Content-Encoding', encoding);
      return reply.send(body);
    },
  );
  r.put(
    '/api/v1/values/grid',
    {
      config: { access: REPORTERS },
      schema: {
        tags,
        summary: '保存草稿 Save drafts (all or nothing)',
        body: saveGridRequestSchema,
        response: { 200: saveGridResponseSchema },
      },
    },
    async (request) => ctx.values.entry.save(actorOf(request), request.body),
  );
  r.post(
    '/api/v1/values/submit',
    {
      config: { access: REPORTERS },
      schema: {
        tags,
        summary: '提交审核 Submit for review',
        body: submitRequestSchema,
        response: { 200: z.object({ submitted: z.number() }) },
      },
    },
    async (request) => ctx.values.entry.submit(actorOf(request), request.body),
  );
  r.get(
    '/api/v1/values/review-queue',
    {
      config: { access: ['reviewer'] },
      schema: {
        tags,
        summary: '待审核 Review queue',
        querystring: z.object({ period: periodSchema.optional() }),
        response: { 200: z.array(reviewQueueItemSchema) },
      },
    },
    async (request) => ctx.values.review.reviewQueue(actorOf(request), request.query.period ?? null),
  );
  r.post(
    '/api/v1/values/review',
    {
      config: { access: ['reviewer'] },
      schema: {
        tags,
        summary: '审核通过或退回 Approve or return',
        body: reviewRequestSchema,
        response: { 200: z.object({ reviewed: z.number() }) },
      },
    },
    async (request) => ctx.values.review.review(actorOf(request), request.body),
  );
  r.get(
    '/api/v1/values/publish-preview',
    {
      config: { access: COORDINATOR },
      schema: {
        tags,
        summary: '发布预览 What publishing a period would change',
        querystring: publishRequestSchema,
        response: { 200: publishPreviewSchema },
      },
    },
    async (request) => ctx.values.review.publishPreview(actorOf(request), request.query),
  );
  r.post(
    '/api/v1/values/publish',
    {
      config: { access: COORDINATOR },
      schema: {
        tags,
        summary: '发布 Publish approved values',
        body: publishRequestSchema,
        response: { 200: z.object({ published: z.number() }) },
      },
    },
    async (request) => ctx.values.review.publish(actorOf(request), request.body),
  );
  r.post(
    '/api/v1/values/reopen',
    {
      config: { access: COORDINATOR },
      schema: {
        tags,
        summary: '退回修改 Reopen a reviewed value',
        body: reopenRequestSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await ctx.values.review.reopen(actorOf(request), request.body);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/values/:id/history',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '修改记录 Value history',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: z.object({ value: valueSchema, entries: z.array(historyEntrySchema) }) },
      },
    },
    async (request) => ctx.values.entry.history(actorOf(request), request.params.id),
  );
  r.get(
    '/api/v1/values/series',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '时间序列 Series',
        querystring: seriesQuerySchema,
        response: { 200: z.array(seriesPointSchema) },
      },
    },
    async (request) => ctx.values.entry.series(actorOf(request), request.query),
  );
  r.get(
    '/api/v1/periods/locks',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '已锁定期别 Locked periods',
        response: { 200: z.array(z.object({ period: z.string(), lockedBy: z.string(), lockedAt: z.string() })) },
      },
    },
    async () =>
      (await ctx.values.locks.list()).map((l) => ({ period: l.period, lockedBy: l.locked_by, lockedAt: l.locked_at })),
  );
  r.post(
    '/api/v1/periods/lock',
    {
      config: { access: COORDINATOR },
      schema: { tags, summary: '锁定期别 Lock a period', body: lockRequestSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await ctx.values.locks.lock(actorOf(request), request.body.period, request.body.reason);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/periods/unlock',
    {
      config: { access: COORDINATOR },
      schema: {
        tags,
        summary: '解锁期别 Unlock a period (reason required)',
        body: unlockRequestSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await ctx.values.locks.unlock(actorOf(request), request.body.period, request.body.reason);
      return { ok: true as const };
    },
  );
}
