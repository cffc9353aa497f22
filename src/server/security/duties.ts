import { DUTY } from '../../domain/duties.ts';
import { ROLES, type Role } from '../../domain/types.ts';
import { AppError } from '../errors.ts';

/**
 * Separation of duties (三权分立, MLPS 2.0 level 3 §8.1.4.2 d and §8.1.5.1–8.1.5.3): who may do what to accounts,
 * decided here and nowhere else. docs/security.md states the same rules in prose; the authorisation matrix test
 * (test/security/matrix.test.ts) and test/security/duties.test.ts hold the code to them.
 *
 * - The system administrator (`admin`) runs the accounts: creates them, edits their names, disables and enables
 *   them, resets their passwords, sees and ends sessions. An account it creates has NO role and cannot sign in
 *   until the security administrator authorises it: the administrator never grants a right, and it learns
 *   the initial password of an account that, at that moment, can do nothing.
 * - The security administrator (`securityAdmin`) sets the security policy and authorises: it gives an account a
 *   business role, its scopes and its work team, and resets a lost second factor. It cannot create accounts, reset
 *   passwords, or give anyone a privileged role.
 * - The audit administrator (`auditAdmin`) reads, searches, exports and verifies the audit trail, and nothing else.
 * - Nobody acts on a privileged account (their own included) through the API: the three privileged accounts are
 *   created, reset and disabled only by the operator with the command line (`create-user`, `reset-password`,
 *   `disable-user`), which is also how production mode gets its first administrators.
 * - Nobody changes their own rights; a user changes their own password and second factor only through the account
 *   routes, which ask for the current password.
 */

export const PRIVILEGED_ROLES = ['admin', 'securityAdmin', 'auditAdmin'] as const satisfies readonly Role[];
export type PrivilegedRole = (typeof PRIVILEGED_ROLES)[number];

/** The roles of the platform's own work: reporting, review, the lists, the cockpit. */
export const BUSINESS_ROLES: readonly Role[] = ROLES.filter(
  (r) => !(PRIVILEGED_ROLES as readonly string[]).includes(r),
);

/**
 * The stored role of an account created by the system administrator and not yet authorised by the security
 * administrator. Not a {@link Role}: such an account cannot sign in, and the API shows its role as null.
 */
export const UNASSIGNED_ROLE = 'unassigned';

/**
 * The stored password hash of a service account (another system's account, src/server/modules/exchange): not a hash
 * of anything, so no password ever signs it in, and no reset may give it one — it signs in with API tokens only.
 */
export const SERVICE_ACCOUNT_PASSWORD = '!service-account';

export function isPrivileged(role: string | null): boolean {
  return role !== null && (PRIVILEGED_ROLES as readonly string[]).includes(role);
}

export function isBusinessRole(role: string | null): role is Role {
  return role !== null && BUSINESS_ROLES.includes(role as Role);
}

/** The role as the API shows it: a {@link Role}, or null for an account awaiting authorisation (or a corrupt row). */
export function roleOrNull(stored: string): Role | null {
  return (ROLES as readonly string[]).includes(stored) ? (stored as Role) : null;
}

/** What a caller may try to do to an account through the API. */
export type AccountAct = 'create' | 'editProfile' | 'disable' | 'resetPassword' | 'assignRights' | 'resetSecondFactor';

/** Which duty each act belongs to. */
const ACT_DUTY: Record<AccountAct, readonly Role[]> = {
  create: DUTY.accounts,
  editProfile: DUTY.accounts,
  disable: DUTY.accounts,
  resetPassword: DUTY.accounts,
  assignRights: DUTY.authorisation,
  resetSecondFactor: DUTY.authorisation,
};

export interface DutyRefusal {
  zh: string;
  en: string;
}

/**
 * Why `actor` may not do `act` to `target` (with `nextRole` for a role assignment), or null when it may.
 *
 * @example
 * refusal({ userId: 'a1', role: 'admin' }, 'create', null)                                   // → null
 * refusal({ userId: 'a1', role: 'admin' }, 'assignRights', { id: 'u7', role: null }, 'leader')
 * // → { zh: '此操作属于安全管理员的职责', en: "This is the security administrator's duty" }
 * refusal({ userId: 's1', role: 'securityAdmin' }, 'assignRights', { id: 'u7', role: null }, 'admin')
 * // → { zh: '特权角色只能由运维人员通过命令行授予', … }
 */
export function refusal(
  actor: { userId: string; role: Role },
  act: AccountAct,
  target: { id: string; role: string } | null,
  nextRole?: string | null,
): DutyRefusal | null {
  const duty = ACT_DUTY[act];
  if (!duty.includes(actor.role)) {
    return duty === DUTY.authorisation
      ? { zh: '此操作属于安全管理员的职责', en: "This is the security administrator's duty" }
      : { zh: '此操作属于系统管理员的职责', en: "This is the system administrator's duty" };
  }
  if (target && target.id === actor.userId) {
    return { zh: '不能对自己的账户执行此操作', en: 'You cannot do this to your own account' };
  }
  if (target && isPrivileged(target.role)) {
    return {
      zh: '特权账户（系统、安全、审计管理员）只能由运维人员通过命令行管理',
      en: 'Privileged accounts (system, security, audit administrators) are managed only by the operator, with the command line',
    };
  }
  if (act === 'assignRights' && nextRole !== undefined && nextRole !== null && !isBusinessRole(nextRole)) {
    return {
      zh: '特权角色只能由运维人员通过命令行授予',
      en: 'Privileged roles are granted only by the operator, with the command line',
    };
  }
  return null;
}

/** {@link refusal} as an assertion: FORBIDDEN with the reason. */
export function assertMay(
  actor: { userId: string; role: Role },
  act: AccountAct,
  target: { id: string; role: string } | null,
  nextRole?: string | null,
): void {
  const why = refusal(actor, act, target, nextRole);
  if (why) throw new AppError('FORBIDDEN', why);
}
