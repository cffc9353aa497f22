import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../http/actor.ts';
import type { AppContext } from '../../context.ts';
import { acceptedEncoding } from '../../http/static-files.ts';
import { periodSchema, queryFlagSchema } from '../../../shared/api/common.ts';
import { cockpitResponseSchema } from '../../../shared/api/cockpit.ts';

const cockpitQuerySchema = z.object({
  frameworkId: z.string().optional(),
  asOf: periodSchema.optional(),
  /** Include approved but unpublished figures (the coordination centre and reviewers only). */
  preview: queryFlagSchema.optional(),
});

export function registerCockpitRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Registered without the type provider: the handler sends a pre-serialised string, which the typed reply refuses.
  app.get(
    '/api/v1/cockpit',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['cockpit'],
        summary: '驾驶舱 Cockpit',
        querystring: cockpitQuerySchema,
        response: { 200: cockpitResponseSchema },
      },
      // The cached answer is already serialised JSON: sent as it is, never re-validated per request.
      serializerCompiler: () => (data) => (typeof data === 'string' ? data : JSON.stringify(data)),
    },
    async (request, reply) => {
      const query = request.query as z.infer<typeof cockpitQuerySchema>;
      const encoding = acceptedEncoding(request.headers['accept-encoding']);
      reply.type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
      if (encoding === null) return reply.send(await ctx.cockpit.json(actorOf(request), query));
      const body = await ctx.cockpit.encoded(actorOf(request), query, encoding);
      return reply.header('Content-Encoding', encoding).send(body);
    },
  );
}
