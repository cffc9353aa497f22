/**
 * The route table's grammar: one entry per API route, shared by the server (which registers the route from it:
 * method, path, schemas, access rule) and the web client (which calls it by the entry and gets the response's
 * type from the same schema). Rename a field in a schema and both sides stop compiling.
 *
 * @example
 * export const roundRoutes = {
 *   list: defineRoute({ method: 'GET', path: '/rounds', access: 'authenticated', summary: '填报轮次 Reporting rounds',
 *     response: z.array(roundSchema) }),
 * };
 * // server: route(app, roundRoutes.list, async () => ctx.rounds.list());
 * // web:    const rounds = await call(roundRoutes.list);   // Round[]
 */
import type { z } from 'zod';
import type { Role } from '../domain/types.ts';

/**
 * Who may call a route: `public` (anyone: sign-in, health), `authenticated` (any signed-in user; the service then
 * checks org-unit scope), or a list of roles (only those; the service then checks scope).
 */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContract {
  method: HttpMethod;
  /** Under /api/v1, with `:name` for path parameters: `/rounds/:id/status`. */
  path: `/${string}`;
  /** Chinese, then English, as the OpenAPI description shows it. */
  summary: string;
  tags: readonly string[];
  access: RouteAccess;
  /** Routes that may be called before a forced password change or a required second-factor enrolment. */
  allowPasswordChangePending?: boolean;
  allowMfaEnrolmentPending?: boolean;
  /** Refused to a session opened with a reset password until a new one is set (binding a second factor). */
  refusedWhileResetPending?: boolean;
  /**
   * Open to API tokens (service accounts) besides sessions. A token may call the GET routes its role may call and
   * the routes that say this; nothing else (it cannot publish, review, or manage accounts).
   */
  allowToken?: boolean;
  /** `['multipart/form-data']` for an upload (a file in field `file`), for the OpenAPI description. */
  consumes?: readonly string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
}

/** Declares one route; `const` keeps the literal path and schemas, so both sides see the exact types. */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

type Field<C, K extends 'params' | 'query' | 'body', Parsed extends boolean> =
  C extends Record<K, infer S>
    ? S extends z.ZodType
      ? Parsed extends true
        ? z.output<S>
        : z.input<S>
      : never
    : undefined;

/** What a client sends: path parameters, query and body as the schemas accept them (before parsing). */
export type RouteInput<C extends RouteContract> = {
  [K in 'params' | 'query' | 'body' as C extends Record<K, z.ZodType> ? K : never]: Field<C, K, false>;
};

/** What a handler receives once Fastify has parsed the request with the route's schemas. */
export type RouteRequest<C extends RouteContract> = {
  params: Field<C, 'params', true>;
  query: Field<C, 'query', true>;
  body: Field<C, 'body', true>;
};

/** The response as the client reads it. */
export type RouteResponse<C extends RouteContract> = z.output<C['response']>;

/** `/rounds/:id/status` with `{ id: 'r1' }` → `/rounds/r1/status` (each value URL-encoded). */
export function routePath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`Missing path parameter ${name} for ${path}`);
    }
    return encodeURIComponent(value);
  });
}
