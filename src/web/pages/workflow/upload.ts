import { ApiError, apiUrl, call, type Query } from '../../api.ts';
import { routePath, type RouteContract, type RouteInput, type RouteResponse } from '../../../shared/contract.ts';
import { authRoutes } from '../../../shared/api/auth.ts';
import type { ErrorBody } from '../../../shared/errors.ts';
import { announceChange } from '../../changes.ts';

function errorBody(x: unknown): ErrorBody['error'] | undefined {
  if (typeof x !== 'object' || x === null || !('error' in x)) return undefined;
  const e = x.error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e ? (e as ErrorBody['error']) : undefined;
}

/** The answer of a raw POST: the JSON on success, an ApiError otherwise. */
async function answerOf<T>(response: Response): Promise<T> {
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (response.ok) {
    announceChange();
    return data as T;
  }
  const e = errorBody(data);
  throw e
    ? new ApiError(response.status, e.code, e.message, e.messageEn, e.details ?? [])
    : new ApiError(
        response.status,
        'INTERNAL',
        `服务器错误（${response.status}）`,
        `Server error (${response.status})`,
      );
}

/**
 * POSTs a file's text as the body with its own content type (the exchange formats: a DHIS2 data value set in JSON or
 * CSV, ADX), with the session's CSRF token read again from /auth/me.
 */
export async function postText<T>(path: string, text: string, contentType: string): Promise<T> {
  const { csrfToken } = await call(authRoutes.me);
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': contentType, 'x-csrf-token': csrfToken },
      body: text,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络', 'Cannot reach the server; check the network');
  }
  return answerOf<T>(response);
}

/**
 * POSTs one file as multipart field `file`. The shared client sends JSON only and keeps the CSRF token to
 * itself, so the token is read again from /auth/me (it is fixed for the session).
 */
export async function uploadFile<T>(path: string, file: File, query?: Query): Promise<T> {
  const { csrfToken } = await call(authRoutes.me);
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      method: 'POST',
      headers: { accept: 'application/json', 'x-csrf-token': csrfToken },
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络', 'Cannot reach the server; check the network');
  }
  return answerOf<T>(response);
}

/**
 * Uploads one file to an upload route of the route table: path parameters and query typed by the route, the answer
 * by its response schema.
 *
 * @example const { created } = await uploadTo(listRoutes.import, {}, file);
 */
export function uploadTo<C extends RouteContract & { method: 'POST' }>(
  contract: C,
  input: RouteInput<C>,
  file: File,
): Promise<RouteResponse<C>> {
  const { params, query } = input as { params?: Record<string, unknown>; query?: Query };
  return uploadFile<RouteResponse<C>>(routePath(contract.path, params), file, query);
}
