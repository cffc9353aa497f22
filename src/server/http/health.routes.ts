import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import { ReadinessCheck } from '../db/readiness.ts';

/**
 * The operator's probes, outside /api (no session, no audit record: a load balancer asks every few seconds).
 * - `GET /healthz` — liveness: the process answers. Never asks the database, so a database outage does not get
 *   every server restarted at once.
 * - `GET /readyz` — readiness: the database answers and every migration is applied; 503 otherwise, with what is
 *   missing. While a server shuts down, Fastify answers 503 to both (it accepts nothing new).
 * Before the app exists (the server is still migrating), src/server/http/starting-server.ts answers them instead.
 */
export const PROBE_ROUTES = ['/healthz', '/readyz'] as const;

export function registerHealthRoutes(app: FastifyInstance, db: Db): void {
  const readiness = new ReadinessCheck(db);
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    void reply.header('Cache-Control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const r = await readiness.check();
    void reply.header('Cache-Control', 'no-store').status(r.ready ? 200 : 503);
    return r;
  });
}
