import type { FastifyInstance } from 'fastify';
import { acceptedEncoding } from '../../http/static-files.ts';
import { actorOf } from '../../http/actor.ts';
import { preserializedRoute, route } from '../../http/route.ts';
import type { AppContext } from '../../context.ts';
import { valueRoutes } from '../../../shared/api/values.ts';

export function registerValueRoutes(app: FastifyInstance, ctx: AppContext): void {
  // The cached, already serialised JSON (a serializer compiled from the same schema, value.grid-serializer.ts,
  // builds it once per unit, period and kind of actor) goes out as it is.
  preserializedRoute(app, valueRoutes.grid, async (request, { query }, reply) => {
    const encoding = acceptedEncoding(request.headers['accept-encoding']);
    const body = await ctx.values.entry.gridBody(actorOf(request), query, encoding);
    reply.type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
    // A compressed body carries its encoding, so the global compression passes it as it is.
    if (encoding !== null) reply.header('Content-Encoding', encoding);
    return reply.send(body);
  });
  route(app, valueRoutes.save, async (request, { body }) => ctx.values.entry.save(actorOf(request), body));
  route(app, valueRoutes.submit, async (request, { body }) => ctx.values.entry.submit(actorOf(request), body));
  route(app, valueRoutes.reviewQueue, async (request, { query }) =>
    ctx.values.review.reviewQueue(actorOf(request), query.period ?? null),
  );
  route(app, valueRoutes.review, async (request, { body }) => ctx.values.review.review(actorOf(request), body));
  route(app, valueRoutes.publishPreview, async (request, { query }) =>
    ctx.values.review.publishPreview(actorOf(request), query),
  );
  route(app, valueRoutes.publish, async (request, { body }) => ctx.values.review.publish(actorOf(request), body));
  route(app, valueRoutes.reopen, async (request, { body }) => {
    await ctx.values.review.reopen(actorOf(request), body);
    return { ok: true as const };
  });
  route(app, valueRoutes.history, async (request, { params }) => ctx.values.entry.history(actorOf(request), params.id));
  route(app, valueRoutes.series, async (request, { query }) => ctx.values.entry.series(actorOf(request), query));
  route(app, valueRoutes.locks, async () =>
    (await ctx.values.locks.list()).map((l) => ({ period: l.period, lockedBy: l.locked_by, lockedAt: l.locked_at })),
  );
  route(app, valueRoutes.lock, async (request, { body }) => {
    await ctx.values.locks.lock(actorOf(request), body.period, body.reason);
    return { ok: true as const };
  });
  route(app, valueRoutes.unlock, async (request, { body }) => {
    await ctx.values.locks.unlock(actorOf(request), body.period, body.reason);
    return { ok: true as const };
  });
}
