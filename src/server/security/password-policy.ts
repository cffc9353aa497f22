import { z } from 'zod';
import { HOUSEHOLD_ROLES } from '../../domain/households/registry.ts';
import { verifyPassword } from '../modules/auth/password-hash.ts';

export {
  characterClasses,
  checkPassword,
  MAX_PASSWORD_LENGTH,
  type PasswordViolation,
} from '../../shared/password-rules.ts';

/**
 * The identity rules (身份鉴别) of MLPS 2.0 level 3 that the security administrator can configure.
 * Stored as JSON under the settings key `security.policy` (see policy-store.ts).
 */
export interface PasswordPolicy {
  /** Shortest allowed password, counted in characters (a Chinese character counts as one). */
  minLength: number;
  /** How many of the four classes — upper case, lower case, digit, symbol — a password must mix. */
  minClasses: number;
  /** A new password may not be any of the last this many (the current one included). */
  historyCount: number;
  /** A password must be changed this many days after it was set. */
  maxAgeDays: number;
  /** This many sign-in failures in a row lock the account… */
  lockoutThreshold: number;
  /** …for this many minutes. */
  lockoutMinutes: number;
  /** A session with no request for this many minutes is ended. */
  idleMinutes: number;
  /** Roles that must sign in with a second factor (TOTP). */
  mfaRequiredRoles: string[];
}

/**
 * What the issue requires and the platform promises an MLPS level-3 assessor (docs/security.md).
 * The three separation-of-duties administrators must use a second factor; add the roles that may see household
 * personal data once they exist. A fresh object each call, so that no caller can change another's defaults.
 */
export function defaultPasswordPolicy(): PasswordPolicy {
  return {
    minLength: 8,
    minClasses: 3,
    historyCount: 3,
    maxAgeDays: 90,
    lockoutThreshold: 5,
    lockoutMinutes: 10,
    idleMinutes: 30,
    mfaRequiredRoles: ['admin', 'securityAdmin', 'auditAdmin', ...HOUSEHOLD_ROLES],
  };
}

/** A bound with its message in both languages, so that the security administrator's form can show either. */
function bounded(min: number, max: number, zh: string, en: string) {
  return z
    .number({ error: `${zh}必须是整数 / ${en} must be a whole number` })
    .int({ error: `${zh}必须是整数 / ${en} must be a whole number` })
    .min(min, { error: `${zh}不能小于 ${min} / ${en} must be at least ${min}` })
    .max(max, { error: `${zh}不能大于 ${max} / ${en} must be at most ${max}` });
}

/**
 * The security administrator may make the policy stricter, never weaker than the rule the platform promises
 * (8 characters, 3 classes, last 3, 90 days, 5 failures, 30 minutes idle): the bounds below encode that, so a
 * configuration mistake cannot quietly drop the system below its MLPS level.
 */
export const passwordPolicySchema = z
  .object({
    minLength: bounded(8, 64, '最短长度', 'minLength'),
    minClasses: bounded(3, 4, '字符类别数', 'minClasses'),
    historyCount: bounded(3, 24, '不得重复的历史密码数', 'historyCount'),
    maxAgeDays: bounded(1, 90, '密码有效期（天）', 'maxAgeDays'),
    lockoutThreshold: bounded(3, 5, '锁定前允许的连续失败次数', 'lockoutThreshold'),
    lockoutMinutes: bounded(10, 24 * 60, '锁定时长（分钟）', 'lockoutMinutes'),
    idleMinutes: bounded(1, 30, '空闲超时（分钟）', 'idleMinutes'),
    mfaRequiredRoles: z
      .array(z.string().trim().min(1, { error: '角色不能为空 / a role must not be empty' }), {
        error: '必须双因素认证的角色应为列表 / mfaRequiredRoles must be a list of roles',
      })
      .max(50)
      .refine((roles) => new Set(roles).size === roles.length, {
        error: '角色重复 / a role is listed twice',
      }),
  })
  .strict();

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a password set at `changedAt` must be changed.
 *
 * @example
 * const policy = defaultPasswordPolicy();  // 90 days
 * passwordExpiresAt('2024-01-01T00:00:00.000Z', policy)  // → 2024-03-31T00:00:00.000Z
 */
export function passwordExpiresAt(changedAt: Date | string, policy: PasswordPolicy): Date {
  return new Date(new Date(changedAt).getTime() + policy.maxAgeDays * DAY_MS);
}

/**
 * Whether a password set at `changedAt` has passed its maximum age at `now`; the sign-in then demands a change.
 *
 * @example
 * isExpired('2024-01-01T00:00:00Z', new Date('2024-03-30T23:59:59Z'), policy)  // → false
 * isExpired('2024-01-01T00:00:00Z', new Date('2024-03-31T00:00:00Z'), policy)  // → true
 */
export function isExpired(changedAt: Date | string, now: Date, policy: PasswordPolicy): boolean {
  return now.getTime() >= passwordExpiresAt(changedAt, policy).getTime();
}

/**
 * Whether `password` is one of the passwords behind `historyHashes`. Pass the current hash and the history, newest
 * first, already cut to the policy's count ({@link recentHashes} does both).
 *
 * @example
 * const recent = recentHashes(user.password_hash, JSON.parse(user.password_history), policy);
 * if (await reusesRecent(newPassword, recent)) throw validation([{ field: 'newPassword', message: '…' }]);
 */
export async function reusesRecent(
  password: string,
  historyHashes: readonly string[],
  verify: (password: string, hash: string) => Promise<boolean> = verifyPassword,
): Promise<boolean> {
  // Every hash is checked, even after a match, so the answer takes the same time whichever one matched.
  const matches = await Promise.all(historyHashes.map((hash) => verify(password, hash)));
  return matches.includes(true);
}

/**
 * The hashes a new password must differ from: the current one and the stored history, newest first, without
 * duplicates, at most `policy.historyCount` of them.
 *
 * @example
 * recentHashes('h4', ['h3', 'h2', 'h1'], { ...policy, historyCount: 3 })  // → ['h4', 'h3', 'h2']
 */
export function recentHashes(currentHash: string, history: readonly string[], policy: PasswordPolicy): string[] {
  return [...new Set([currentHash, ...history])].slice(0, policy.historyCount);
}

/**
 * The history to store after a password change: the new hash first, then the older ones, cut to what the policy
 * needs to remember. Store it in `users.password_history`.
 *
 * @example
 * rememberPassword('h5', ['h4', 'h3', 'h2'], { ...policy, historyCount: 3 })  // → ['h5', 'h4', 'h3']
 */
export function rememberPassword(newHash: string, history: readonly string[], policy: PasswordPolicy): string[] {
  return [...new Set([newHash, ...history])].slice(0, Math.max(policy.historyCount, 1));
}

/**
 * Whether a user of `role` must sign in with a second factor.
 *
 * @example
 * mfaRequired('admin', policy)  // → true
 */
export function mfaRequired(role: string, policy: PasswordPolicy): boolean {
  // The household roles see personal data in full: a policy stored before they existed cannot exempt them.
  return policy.mfaRequiredRoles.includes(role) || (HOUSEHOLD_ROLES as readonly string[]).includes(role);
}

/**
 * Whether a session last seen at `lastSeenAt` has been idle for the policy's limit at `now`.
 *
 * @example
 * isIdle('2024-05-01T09:00:00Z', new Date('2024-05-01T09:30:00Z'), policy)  // → true
 */
export function isIdle(lastSeenAt: Date | string, now: Date, policy: PasswordPolicy): boolean {
  return now.getTime() - new Date(lastSeenAt).getTime() >= policy.idleMinutes * 60_000;
}
