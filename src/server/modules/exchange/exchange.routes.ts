import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';
import { AppError } from '../../errors.ts';
import { exchangeRoutes as r } from '../../../shared/api/exchange.ts';
import { registerDataSetRoutes } from './dataset.routes.ts';

/**
 * Exchange with other systems (issue 12): service accounts and tokens, identifier mappings, receivers of signed
 * notifications and their log here; the data value sets, ADX and SDMX-CSV in dataset.routes.ts. Each route parses
 * with the shared schema and calls one service function.
 */
export function registerExchangeRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, r.serviceAccounts, async () => ctx.tokens.list());
  route(app, r.createServiceAccount, async (req, { body }) => ctx.tokens.create(actorOf(req), body));
  route(app, r.issueToken, async (req, { params, body }) => ctx.tokens.issue(actorOf(req), params.id, body));
  route(app, r.revokeToken, async (req, { params }) => {
    await ctx.tokens.revoke(actorOf(req), params.id);
    return { ok: true as const };
  });
  route(app, r.whoami, async (req) => {
    const actor = actorOf(req);
    const token = req.apiToken;
    if (!token) return { ...actor, token: null };
    const info = (await ctx.tokens.list()).flatMap((a) => a.tokens).find((t) => t.id === token.id);
    if (!info) throw new AppError('UNAUTHENTICATED');
    return { ...actor, token: { id: info.id, name: info.name, expiresAt: info.expiresAt } };
  });

  route(app, r.mappings, async (_req, { query }) => ctx.exchange.mappings.list(query.scheme ?? null));
  route(app, r.createMapping, async (req, { body }) => ctx.exchange.mappings.create(actorOf(req), body));
  route(app, r.deleteMapping, async (_req, { params }) => {
    await ctx.exchange.mappings.remove(params.id);
    return { ok: true as const };
  });

  route(app, r.receivers, async () => ctx.exchange.notifications.receivers());
  route(app, r.createReceiver, async (req, { body }) => ctx.exchange.notifications.createReceiver(actorOf(req), body));
  route(app, r.setReceiverActive, async (_req, { params, body }) =>
    ctx.exchange.notifications.setActive(params.id, body.version, body.active),
  );
  route(app, r.pingReceiver, async (_req, { params }) => {
    await ctx.exchange.notifications.ping(params.id);
    return { ok: true as const };
  });
  route(app, r.deliveries, async (_req, { query }) => ctx.exchange.notifications.deliveries(query.receiverId ?? null));

  registerDataSetRoutes(app, ctx);

  // The delivery job of the notifications: while the server listens (tests that inject call deliverDue themselves).
  app.addHook('onListen', async () => ctx.exchange.notifications.start());
  app.addHook('onClose', async () => ctx.exchange.notifications.stop());
}
