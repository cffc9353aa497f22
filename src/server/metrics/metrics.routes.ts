import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { errorBody } from '../http/error-handler.ts';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/**
 * Who may read GET /metrics (docs/deployment.md, "What to monitor"): with METRICS_TOKEN set, whoever sends it as
 * `Authorization: Bearer …` (compared in constant time) — a session, of any role, is not enough; without it, only a
 * client on the machine itself (the socket's own address, whatever TRUST_PROXY says) whose request came through no
 * proxy (no X-Forwarded-For or Forwarded header: a reverse proxy on the same machine does not open it to the world).
 */
export function metricsRefusal(request: FastifyRequest, token: string | null): 401 | 403 | null {
  if (token !== null) {
    const sent = request.headers.authorization ?? '';
    const want = Buffer.from(`Bearer ${token}`);
    const got = Buffer.from(sent);
    return got.length === want.length && crypto.timingSafeEqual(got, want) ? null : 401;
  }
  const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return isLoopback(request.socket.remoteAddress) && !proxied ? null : 403;
}

/**
 * The request counters (by route pattern: `/api/v1/lists/items/:id`, never the URL with its ids; `unmatched` for
 * a path no route has) and GET /metrics in Prometheus's text format.
 */
export function registerMetrics(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    ctx.metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const refusal = metricsRefusal(request, ctx.config.metricsToken);
    if (refusal === 401) {
      return reply
        .status(401)
        .header('WWW-Authenticate', 'Bearer realm="metrics"')
        .send(
          errorBody('UNAUTHENTICATED', '请提供指标令牌', 'Send the metrics token (METRICS_TOKEN) as a bearer token'),
        );
    }
    if (refusal === 403) {
      return reply
        .status(403)
        .send(
          errorBody('FORBIDDEN', '指标只对本机开放', 'Metrics are served to this machine only (or set METRICS_TOKEN)'),
        );
    }
    return reply
      .header('Content-Type', ctx.metrics.contentType)
      .header('Cache-Control', 'no-store')
      .send(await ctx.metrics.text());
  });
}
