import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { ReadinessCheck } from '../db/readiness.ts';
import { tlsOptions } from '../security/tls.ts';

/**
 * What answers on the server's port while it migrates and loads its data, before the app exists: `/healthz` 200
 * (the process is alive: an orchestrator must not kill a server that waits for another's migration), `/readyz` 503
 * with the migrations still pending, anything else 503 with Retry-After. `close()` stops it; the app then listens
 * on the same port (connections in the few milliseconds between are refused — the proxy routes nothing to a server
 * that is not ready anyway).
 */
export interface StartingServer {
  port: number;
  close(): Promise<void>;
}

export async function listenStarting(config: Config, db: Db): Promise<StartingServer> {
  const readiness = new ReadinessCheck(db);
  const handler: http.RequestListener = (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'close',
        ...(status === 503 ? { 'Retry-After': '5' } : {}),
      });
      response.end(JSON.stringify(body));
    };
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') return send(200, { status: 'starting' });
    if (path === '/readyz') {
      // Never ready here: even with every migration applied, the app is not serving yet.
      void readiness.check().then((r) => send(503, { ...r, ready: false, starting: true }));
      return;
    }
    send(503, { error: { code: 'STARTING', message: '服务正在启动 / The server is starting' } });
  };
  const tls = tlsOptions(config);
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
