import type { AddressInfo } from 'node:net';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { listenStarting } from './http/starting-server.ts';
import { startServer } from './server.ts';

/** How long a shutdown waits for requests in flight before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 25_000;

/**
 * A server process from start to exit, as `gongfu serve` runs it:
 * 1. the port answers at once (liveness yes, readiness no: src/server/http/starting-server.ts);
 * 2. migrations and the default data under the start-up lock, the context, the app;
 * 3. the app takes over the port: `/readyz` now says ready;
 * 4. SIGTERM or SIGINT: Fastify stops accepting (new requests get 503), lets the requests in flight finish, then the
 *    app's close hooks run (the change signal's listener, the database pool); the process exits 0, or 1 when
 *    something was still running after SHUTDOWN_GRACE_MS.
 */
export async function runServer(
  config: Config,
  opts: {
    clock?: Clock;
    passwords?: Partial<Record<string, string>>;
    /** Called with the port once it answers (before migrating). */
    onStarting?: (port: number) => void;
  } = {},
) {
  const { onStarting, ...rest } = opts;
  const db = openDatabase(config);
  const starting = await listenStarting(config, db);
  onStarting?.(starting.port);
  let started: Awaited<ReturnType<typeof startServer>>;
  try {
    started = await startServer(config, { ...rest, logger: true, db });
  } finally {
    await starting.close();
  }
  const { app } = started;
  await app.listen({ port: starting.port, host: config.host });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    app.close().then(
      () => {
        app.log.info('shut down');
        process.exitCode = 0;
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return { ...started, port: (app.server.address() as AddressInfo).port };
}
