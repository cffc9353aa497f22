import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { bilingual, AppError, validation } from '../errors.ts';
import type { AuditOutcome } from './audit.ts';
import { safeDetail } from './auditor.ts';
import { securityHeaders } from './headers.ts';
import { runInRequest } from './request-context.ts';

/**
 * The HTTP side of the hardening, as Fastify hooks, in the order a request meets them:
 * 1. onRequest — security headers on every response; the session cookie resolved to the actor; then, before the
 *    body is even read, the route's access rule: 401 without a session, 403 CSRF on a state-changing method without
 *    the session's token, 403 PASSWORD_CHANGE_REQUIRED / MFA_ENROLMENT_REQUIRED while the account owes a new
 *    password or a second factor (except on the routes that settle them), 403 FORBIDDEN for a role not listed;
 * 2. preValidation — a JSON body nested deeper than {@link MAX_BODY_DEPTH} is refused (400); text with a NUL character
 *    is refused (400) wherever it appears: PostgreSQL cannot store it, so without this SQLite would keep what
 *    PostgreSQL answers with a 500;
 * 3. preHandler — the request context (request-context.ts) that service-level audit records read who and where from;
 * 4. onSend — the request's own audit record: every state-changing request, every export (a route ending in
 *    .xlsx/.csv/.docx or an attachment), every 403, with route, parameters, outcome — written before the answer
 *    leaves, so that no answer goes out unrecorded (a body too deep or too large is recorded by its size and keys,
 *    never dropped). Answers 429 are left to the limiter's one record per key and window. Service-level records add
 *    the old and new values.
 */

export const SESSION_COOKIE = 'gongfu_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const EXPORT_ROUTE = /\.(xlsx|csv|docx)$/;

function sameToken(given: string | string[] | undefined, expected: string | null): boolean {
  if (typeof given !== 'string' || expected === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The token of `Authorization: Bearer <token>`, or null when the header is absent or of another scheme. */
function bearerOf(header: string | undefined): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? (m[1] as string) : null;
}

function outcomeOf(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  return status < 400 ? 'success' : 'failure';
}

/** The error code of a JSON error answer, for the record; null for anything else. */
function errorCode(payload: unknown): string | null {
  if (typeof payload !== 'string' || payload.length > 65_536 || !payload.startsWith('{"error"')) return null;
  try {
    return (JSON.parse(payload) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null;
  }
}

/** How deep a JSON body may nest. No request of the API needs more than a handful of levels. */
export const MAX_BODY_DEPTH = 32;

/**
 * Whether `value` nests deeper than `limit` (objects and arrays), walked without recursion so that a body of
 * 20,000 brackets cannot overflow the stack here either.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * What of the body goes into the record: the JSON, redacted and masked, unless it is large, too deep or a file —
 * then only its size and top-level keys. Never throws: a body the record cannot hold never keeps the request out of
 * the trail.
 */
function bodyOf(request: FastifyRequest): unknown {
  const body = request.body;
  const length = request.headers['content-length'];
  const summary = (extra: Record<string, unknown> = {}) => ({
    contentType: request.headers['content-type'] ?? null,
    bytes: length ? Number(length) : null,
    keys: body !== null && typeof body === 'object' ? Object.keys(body).slice(0, 50) : [],
    ...extra,
  });
  if (body === undefined || body === null) return length && length !== '0' ? summary() : undefined;
  if (nestsDeeperThan(body, MAX_BODY_DEPTH)) return summary({ tooDeep: true });
  try {
    const text = JSON.stringify(body) ?? '';
    if (text.length > 8192) return summary();
    return safeDetail(body);
  } catch {
    return summary({ unreadable: true });
  }
}

/** The path of the first string under `value` that holds a NUL character, or null. */
export function nulPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const hit = nulPath(v, `${path}.${k}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

export function registerSecurityHooks(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request, reply) => {
    for (const [k, v] of Object.entries(securityHeaders({ https: request.protocol === 'https' }))) reply.header(k, v);
    if (!request.url.startsWith('/api/')) return;
    const config = request.routeOptions.config;
    const access = config?.access;
    const bearer = bearerOf(request.headers.authorization);
    if (bearer !== null) {
      // An API token (a service account, src/server/modules/exchange): the token alone decides, never a cookie sent
      // with it. No CSRF check — a browser never adds this header on its own, so no other site can make one send it.
      if (access === undefined || access === 'public') return;
      const found = await ctx.tokens.authenticate(bearer, request.ip);
      if (!found)
        throw new AppError('UNAUTHENTICATED', {
          zh: 'API 令牌无效、已过期或已吊销',
          en: 'The API token is unknown, expired or revoked',
        });
      request.actor = found.actor;
      request.apiToken = { id: found.token.id, name: found.token.name };
      if (request.method !== 'GET' && request.method !== 'HEAD' && !config?.allowToken)
        throw new AppError('FORBIDDEN', {
          zh: 'API 令牌只能读取数据和调用数据交换接口，不能执行此操作',
          en: 'An API token may only read and call the exchange routes, not this one',
        });
      if (access !== 'authenticated' && !access.includes(found.actor.role)) throw new AppError('FORBIDDEN');
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await ctx.auth.authenticate(token, request.ip);
      if (found) {
        request.actor = found.actor;
        request.csrfToken = found.csrfToken;
        request.mustChangePassword = found.mustChangePassword;
        request.mfaEnrolmentRequired = found.mfaEnrolmentRequired;
        request.passwordResetPending = found.passwordResetPending;
      }
    }
    if (access === undefined || access === 'public') return;
    const actor = request.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(request.method) && !sameToken(request.headers['x-csrf-token'], request.csrfToken)) {
      throw new AppError('CSRF');
    }
    if (request.mustChangePassword && !config.allowPasswordChangePending)
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (request.passwordResetPending && config.refusedWhileResetPending) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (request.mfaEnrolmentRequired && !config.allowMfaEnrolmentPending) throw new AppError('MFA_ENROLMENT_REQUIRED');
    if (access !== 'authenticated' && !access.includes(actor.role)) throw new AppError('FORBIDDEN');
  });

  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (nestsDeeperThan(request.body, MAX_BODY_DEPTH))
      throw validation([
        {
          field: 'body',
          ...bilingual(`嵌套层级过深（最多 ${MAX_BODY_DEPTH} 层）`, `nested deeper than ${MAX_BODY_DEPTH} levels`),
        },
      ]);
    const where =
      nulPath(request.body, 'body') ?? nulPath(request.query, 'querystring') ?? nulPath(request.params, 'params');
    if (where)
      throw validation([{ field: where, ...bilingual('不能包含空字符 (NUL)', 'must not contain a NUL character') }]);
  });

  app.addHook('preHandler', (request, _reply, done) => {
    runInRequest(
      {
        requestId: request.id,
        ip: request.ip,
        userId: request.actor?.userId ?? null,
        username: request.actor?.username ?? null,
      },
      done,
    );
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!request.url.startsWith('/api/')) return payload;
    const route = request.routeOptions.url ?? null;
    const status = reply.statusCode;
    const isExport =
      (route !== null && EXPORT_ROUTE.test(route)) ||
      /^attachment/i.test(String(reply.getHeader('content-disposition') ?? ''));
    const unsafe = !SAFE_METHODS.has(request.method);
    // Every call made with an API token is recorded, reads included, with the token's name.
    const viaToken = request.apiToken !== null;
    if (!unsafe && !isExport && status !== 403 && !viaToken) return payload;
    // A request refused for want of a session changed nothing and names nobody; recording it would let anyone
    // flood the trail. Public routes (sign-in) are recorded whatever their answer.
    if (status === 401 && request.routeOptions.config?.access !== 'public') return payload;
    // Refused by a rate limit: the limiter records one refusal per key and window (auth.service.ts); a record per
    // request would let anyone flood the trail without signing in.
    if (status === 429) return payload;
    const kind = isExport ? 'export' : unsafe ? 'write' : status === 403 ? 'denied' : 'read';
    try {
      await ctx.auditor.record({
        action: `api.${kind}`,
        outcome: outcomeOf(status),
        userId: request.actor?.userId ?? null,
        username: request.actor?.username ?? null,
        ip: request.ip,
        objectType: 'route',
        objectId: `${request.method} ${route ?? request.url.split('?')[0]}`,
        detail: {
          requestId: request.id,
          status,
          code: errorCode(payload),
          params: request.params ?? null,
          query: request.query ?? null,
          body: unsafe ? bodyOf(request) : undefined,
          // Not "token": the trail redacts keys that name secrets. This is the token's name and id, no secret.
          ...(request.apiToken ? { credential: { kind: 'apiToken', ...request.apiToken } } : {}),
        },
      });
    } catch (error) {
      // The answer is already decided; a failed record is an incident for the operator, not for the user.
      request.log.error({ err: error }, 'audit record of the request failed');
    }
    return payload;
  });
}
