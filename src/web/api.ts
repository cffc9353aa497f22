/**
 * The typed client of the REST API under /api/v1. Same-origin cookies carry the session; every request that
 * changes something carries the CSRF token the server gave at sign-in (or again from /auth/me after a reload).
 * Errors arrive as `{ error: { code, message, messageEn, details } }` and are thrown as `ApiError`.
 */
import { routePath, type RouteContract, type RouteInput, type RouteResponse } from '../shared/contract.ts';
import type { AnsweredFieldIssue, ErrorBody, ErrorCode } from '../shared/errors.ts';
import type { Lang } from './i18n.ts';
import { announceChange } from './changes.ts';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly messageZh: string;
  readonly messageEn: string;
  /** The fields at fault, each with its message in both languages (`text`). */
  readonly details: AnsweredFieldIssue[];

  constructor(
    status: number,
    code: ErrorCode | 'NETWORK',
    messageZh: string,
    messageEn: string,
    details: readonly AnsweredFieldIssue[] = [],
  ) {
    super(messageEn);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.details = [...details];
  }

  /** The message in the user's language. */
  text(lang: Lang): string {
    return lang === 'en' ? this.messageEn : this.messageZh;
  }
}

/**
 * The failure of a form's request as an `ApiError`; anything else (a bug) is thrown on, not shown as a form error.
 *
 * @example catch (e) { const error = onlyApiError(e); form.setFields(fieldErrors(error, FIELDS, lang)); }
 */
export function onlyApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  throw e;
}

/** Any failure as an `ApiError`: the server's answer as it came, anything else (a bug, an abort) as INTERNAL. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const text = e instanceof Error ? e.message : String(e);
  return new ApiError(0, 'INTERNAL', text, text);
}

/** The message of any failure in the user's language, for `message.error(…)`. */
export function errorText(e: unknown, lang: Lang): string {
  return toApiError(e).text(lang);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

interface Handlers {
  /** The session is gone (401 UNAUTHENTICATED): show the sign-in page. */
  onUnauthenticated: () => void;
  /** The server insists on a new password first (403 PASSWORD_CHANGE_REQUIRED). */
  onPasswordChangeRequired: () => void;
}

let csrfToken = '';
let handlers: Handlers = {
  onUnauthenticated: () => {
    if (window.location.pathname !== '/login') window.location.assign('/login');
  },
  onPasswordChangeRequired: () => {
    if (window.location.pathname !== '/change-password') window.location.assign('/change-password');
  },
};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** The session layer installs its own reactions (route changes instead of full reloads). */
export function setAuthHandlers(next: Handlers): void {
  handlers = next;
}

/** `/api/v1` + path + query string, skipping empty parameters. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

function isErrorBody(x: unknown): x is ErrorBody {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = x.error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function request<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络', 'Cannot reach the server; check the network');
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (response.ok) {
    // A write changes what other parts of the page show (the to-dos): they reload (changes.ts).
    if (method !== 'GET' && !path.startsWith('/auth/')) announceChange();
    return data as T;
  }
  const error = isErrorBody(data)
    ? new ApiError(response.status, data.error.code, data.error.message, data.error.messageEn, data.error.details ?? [])
    : new ApiError(
        response.status,
        'INTERNAL',
        `服务器错误（${response.status}）`,
        `Server error (${response.status})`,
      );
  // A failed sign-in is also a 401, but with its own code: the login form shows it.
  if (error.code === 'UNAUTHENTICATED') handlers.onUnauthenticated();
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') handlers.onPasswordChangeRequired();
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Calls a route of the shared route table (src/shared/routes.ts): path parameters, query and body are typed by the
 * route's request schemas, the answer by its response schema, so a field renamed on the server breaks this build.
 *
 * @example const { id } = await call(roundRoutes.open, { body: { period: '2024-11', dueDate: '2024-12-10' } });
 */
export function call<C extends RouteContract>(
  contract: C,
  ...[input, signal]: keyof RouteInput<C> extends never
    ? [input?: RouteInput<C>, signal?: AbortSignal]
    : [input: RouteInput<C>, signal?: AbortSignal]
): Promise<RouteResponse<C>> {
  return callRoute(contract, input, signal);
}

/**
 * `call` for code that is generic over the route it calls (an act runner handed `listRoutes.issue` or
 * `listRoutes.close`): the same request, the input typed by the route.
 */
export function callRoute<C extends RouteContract>(
  contract: C,
  input: RouteInput<C> | undefined,
  signal?: AbortSignal,
): Promise<RouteResponse<C>> {
  const { params, query, body } = (input ?? {}) as { params?: Record<string, unknown>; query?: Query; body?: unknown };
  const path = routePath(contract.path, params);
  const sent = contract.method === 'GET' || contract.method === 'DELETE' ? undefined : (body ?? {});
  return request<RouteResponse<C>>(contract.method, path, { query, body: sent, signal });
}

/**
 * Field messages of a validation error, keyed by the last segment of the field path that the form knows
 * (`body.indicator.name` → `name`), for antd's `form.setFields`.
 */
export function fieldErrors<const K extends string>(
  error: ApiError,
  known: readonly K[],
  lang: Lang,
): { name: K; errors: string[] }[] {
  const byField = new Map<K, string[]>();
  for (const d of error.details) {
    const segments = d.field.split('.');
    const name = [...segments].reverse().find((s): s is K => (known as readonly string[]).includes(s));
    if (!name) continue;
    byField.set(name, [...(byField.get(name) ?? []), d.text[lang]]);
  }
  return [...byField.entries()].map(([name, errors]) => ({ name, errors }));
}
