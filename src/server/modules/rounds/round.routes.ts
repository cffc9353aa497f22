import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { openRoundSchema, reportingTodoSchema, roundSchema, roundStatusSchema } from '../../../shared/api/rounds.ts';

export function registerRoundRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rounds'];
  r.get(
    '/api/v1/rounds',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '填报轮次 Reporting rounds', response: { 200: z.array(roundSchema) } },
    },
    async () => ctx.rounds.list(),
  );
  r.post(
    '/api/v1/rounds',
    {
      config: { access: ['coordinator'] },
      schema: {
        tags,
        summary: '开启填报 Open a round',
        body: openRoundSchema,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (request) => ({ id: await ctx.rounds.open(actorOf(request), request.body) }),
  );
  r.get(
    '/api/v1/rounds/todos',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '填报待办 What I owe the open rounds', response: { 200: z.array(reportingTodoSchema) } },
    },
    async (request) => ctx.rounds.todos(actorOf(request)),
  );
  r.get(
    '/api/v1/rounds/:id/status',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '填报进度 Who has reported what',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: roundStatusSchema },
      },
    },
    async (request) => ctx.rounds.status(actorOf(request), request.params.id),
  );
}
