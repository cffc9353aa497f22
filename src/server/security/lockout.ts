import type { PasswordPolicy } from './password-policy.ts';

/** The two columns of `users` that carry an account's lockout: `failed_attempts` and `locked_until`. */
export interface LockoutState {
  failedAttempts: number;
  /** ISO-8601 UTC; null when not locked. */
  lockedUntil: string | null;
}

/**
 * Whether the account is locked at `now`. A lock ends by itself when its time is up; nobody has to clear it.
 *
 * @example
 * isLocked({ failedAttempts: 0, lockedUntil: '2024-05-01T09:10:00.000Z' }, new Date('2024-05-01T09:09:59Z'))  // → true
 * isLocked({ failedAttempts: 0, lockedUntil: '2024-05-01T09:10:00.000Z' }, new Date('2024-05-01T09:10:00Z'))  // → false
 */
export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && now.getTime() < new Date(state.lockedUntil).getTime();
}

/**
 * The state to store after a wrong password (or a wrong one-time code). The failure that reaches the threshold
 * locks the account for the policy's minutes and starts the count again, so that after the lock ends the user has
 * the full number of tries once more. Do not call it for an attempt refused because the account was already locked:
 * such attempts must not lengthen the lock, or anyone could keep an official locked out indefinitely.
 *
 * @example
 * // policy: 5 failures → 10 minutes
 * afterFailedSignIn({ failedAttempts: 4, lockedUntil: null }, new Date('2024-05-01T09:00:00Z'), policy)
 * // → { failedAttempts: 0, lockedUntil: '2024-05-01T09:10:00.000Z', lockedNow: true }
 */
export function afterFailedSignIn(
  state: LockoutState,
  now: Date,
  policy: Pick<PasswordPolicy, 'lockoutThreshold' | 'lockoutMinutes'>,
): LockoutState & { lockedNow: boolean } {
  const attempts = state.failedAttempts + 1;
  if (attempts >= policy.lockoutThreshold) {
    const until = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
    return { failedAttempts: 0, lockedUntil: until.toISOString(), lockedNow: true };
  }
  // A lock that has run out is cleared here rather than left to confuse a later reader of the row.
  const lockedUntil = isLocked(state, now) ? state.lockedUntil : null;
  return { failedAttempts: attempts, lockedUntil, lockedNow: false };
}

/**
 * The state to store after a successful sign-in: the count of failures "in a row" is broken.
 *
 * @example
 * afterSuccessfulSignIn()  // → { failedAttempts: 0, lockedUntil: null }
 */
export function afterSuccessfulSignIn(): LockoutState {
  return { failedAttempts: 0, lockedUntil: null };
}
