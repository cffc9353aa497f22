import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { route } from '../../http/route.ts';
import { AppError } from '../../errors.ts';
import { exchangeRoutes as r } from '../../../shared/api/exchange.ts';

/**
 * Exchange with other systems (issue 12): service accounts and tokens here; the data value sets, ADX, SDMX-CSV,
 * mappings and notifications beside them. Each route parses with the shared schema and calls one service function.
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
}
