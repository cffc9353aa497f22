import type { RouteAccess } from '../../shared/contract.ts';

/**
 * Every API route declares who may call it, in its `config.access` (the route table's `access`, see
 * src/shared/contract.ts). A route under /api without a declaration refuses to register, so no route can be added
 * without an access rule.
 */
export type { RouteAccess };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Routes that may be called before a forced password change (sign-out, change password, me). */
    allowPasswordChangePending?: boolean;
    /** Routes that may be called before a required second factor is set up (sign-out, me, enrolment). */
    allowMfaEnrolmentPending?: boolean;
    /**
     * Refused to a session opened with a reset password until the owner has set a new one, even though the route
     * answers before a forced change otherwise (binding a second factor): a reset password sets a password, nothing
     * else.
     */
    refusedWhileResetPending?: boolean;
    /** Open to API tokens besides sessions (a token may call GET routes and these only): see src/shared/contract.ts. */
    allowToken?: boolean;
  }
}

export const registeredRoutes: { method: string; url: string; access: RouteAccess }[] = [];
