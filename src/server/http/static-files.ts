import path from 'node:path';
import type { FastifyReply } from 'fastify';

/**
 * Caching of the built web app's files. Vite names every file under `assets/` by a hash of its content, so such a
 * file never changes under its name: it may be kept for a year without asking again. Everything else (index.html,
 * the favicon) must be asked for again each time, or a rebuilt web app would be hidden behind an old index.html.
 */
export function webCacheControl(filePath: string, webDist: string): string {
  const relative = path.relative(webDist, filePath).split(path.sep);
  return relative[0] === 'assets' && HASHED_NAME.test(relative.at(-1) ?? '')
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

/** `index-BQ3x_9aZ.js`, `vendor-Dk2v8wQe.css`: Vite's `[name]-[hash].[ext]`, the hash 8 characters of base64url. */
const HASHED_NAME = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.(br|gz))?$/;

/** `setHeaders` for @fastify/static. */
export function staticHeaders(webDist: string): (reply: FastifyReply, filePath: string) => void {
  return (reply, filePath) => void reply.header('Cache-Control', webCacheControl(filePath, webDist));
}

/** The content encoding a client accepts for a body we hold in compressed form: brotli first, then gzip. */
export function acceptedEncoding(acceptEncoding: string | string[] | undefined): 'br' | 'gzip' | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}
