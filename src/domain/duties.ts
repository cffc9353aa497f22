import type { Role } from './types.ts';

/**
 * The route access lists of the three duties. Every route of users, sessions, policy and audit uses one of these,
 * so that a duty moves from one role to another in one line. The route table (src/shared/api) and the
 * server's checks of each act (src/server/security/duties.ts) read them here.
 */
export const DUTY = {
  /** Accounts (create, edit, disable, reset password) and sessions: the system administrator. */
  accounts: ['admin'],
  /** Security policy, roles, scopes, second-factor resets: the security administrator. */
  authorisation: ['securityAdmin'],
  /** Reading the account list: both, since one creates accounts and the other authorises them. */
  accountList: ['admin', 'securityAdmin'],
  /** The audit trail: the audit administrator. */
  audit: ['auditAdmin'],
  /** Security alerts (a possible account takeover, an undecryptable secret): read by both overseers. */
  alerts: ['securityAdmin', 'auditAdmin'],
} as const satisfies Record<string, readonly Role[]>;
