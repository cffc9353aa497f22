import type { Role } from '../../domain/types.ts';

/**
 * Every API route declares who may call it, in its `config.access`:
 * - `public`: anyone (sign-in, health, the OpenAPI document);
 * - `authenticated`: any signed-in user; the service then checks org-unit scope;
 * - a list of roles: only those roles; the service then checks scope.
 * A route under /api without a declaration refuses to register, so no route can be added without an access rule.
 */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Routes that may be called before a forced password change (sign-out, change password, me). */
    allowPasswordChangePending?: boolean;
    /** Routes that may be called before a required second factor is set up (sign-out, me, enrolment). */
    allowMfaEnrolmentPending?: boolean;
  }
}

export const registeredRoutes: { method: string; url: string; access: RouteAccess }[] = [];
