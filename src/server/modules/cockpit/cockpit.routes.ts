import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../http/actor.ts';
import { preserializedRoute } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { acceptedEncoding } from '../../http/static-files.ts';
import { cockpitRoutes } from '../../../shared/api/cockpit.ts';

export function registerCockpitRoutes(app: FastifyInstance, ctx: AppContext): void {
  // The cached answer is already serialised JSON: sent as it is, never re-validated per request.
  preserializedRoute(app, cockpitRoutes.cockpit, async (request, { query }, reply) => {
    const encoding = acceptedEncoding(request.headers['accept-encoding']);
    reply.type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
    if (encoding === null) return reply.send(await ctx.cockpit.json(actorOf(request), query));
    const body = await ctx.cockpit.encoded(actorOf(request), query, encoding);
    return reply.header('Content-Encoding', encoding).send(body);
  });
}
