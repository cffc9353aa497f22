import type { Actor } from '../access/policy.ts';
import type { RouteAccess } from './route-access.ts';

// What the security hooks (src/server/security/http-hooks.ts) put on each request, and the app's route list.
declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    mustChangePassword: boolean;
    mfaEnrolmentRequired: boolean;
    /** The session was opened with a password an administrator reset: only the password change answers. */
    passwordResetPending: boolean;
    /** The API token the request was made with (`Authorization: Bearer`), or null for a session or no one. */
    apiToken: { id: string; name: string } | null;
  }
  interface FastifyInstance {
    /** Every /api route with its access rule, as registered: the authorisation matrix test walks it. */
    apiRoutes: { method: string; url: string; access: RouteAccess }[];
  }
}
