import crypto from 'node:crypto';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import { bilingual, AppError, RateLimitedError, validation } from '../../errors.ts';
import type { Auditor } from '../../security/auditor.ts';
import { roleOrNull } from '../../security/duties.ts';
import { FieldDecryptError, type FieldCrypto } from '../../security/field-crypto.ts';
import { afterFailedSignIn, afterSuccessfulSignIn, isLocked, type LockoutState } from '../../security/lockout.ts';
import {
  checkPassword,
  isExpired,
  isIdle,
  mfaRequired,
  recentHashes,
  rememberPassword,
  reusesRecent,
  type PasswordPolicy,
} from '../../security/password-policy.ts';
import { StoredRateLimiter } from '../../security/shared-rate-limit.ts';
import { SharedStateRepository } from '../../security/shared-state.repository.ts';
import { acceptTotp, useRecoveryCode } from '../../security/totp.ts';
import type { Me } from '../../../shared/api/auth.ts';
import type { AlertService } from '../security/alert.service.ts';
import type { SecurityPolicyService } from '../security/policy.service.ts';
import { UserRepository, type UserRow } from '../users/user.repository.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { SessionRepository } from './session.repository.ts';

/** The context under which the TOTP secret is encrypted: a secret copied into another column will not decrypt. */
export const TOTP_SECRET_CONTEXT = 'users.totp_secret';

export interface SignedIn {
  token: string;
  csrfToken: string;
  user: UserRow;
}

/** What the session of a request allows, beyond the role: see the access hook in src/server/security/http-hooks.ts. */
export interface Authenticated {
  actor: Actor;
  user: UserRow;
  csrfToken: string;
  /** The password must be changed first: initial, reset by an administrator, or past its maximum age. */
  mustChangePassword: boolean;
  /** The role requires a second factor and the user has none yet: only the enrolment routes answer. */
  mfaEnrolmentRequired: boolean;
  /** The password was reset by an administrator and not yet changed by the owner: only the change answers. */
  passwordResetPending: boolean;
}

/**
 * How long a reset password may be used to set a new one. After that it opens nothing, so that a password an
 * administrator once saw cannot be kept for later.
 */
export const RESET_PASSWORD_VALID_MS = 72 * 60 * 60 * 1000;

export interface SignInLimits {
  perAddress: { limit: number; windowMs: number };
  perAccount: { limit: number; windowMs: number };
}

export function sessionIdOf(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** The signed-in user as the API shows them to themselves. */
export function toMe(u: UserRow, flags: { mustChangePassword: boolean; mfaEnrolmentRequired: boolean }): Me {
  const role = roleOrNull(u.role);
  if (role === null) throw new AppError('UNAUTHENTICATED');
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role,
    entryScope: JSON.parse(u.entry_scope) as string[],
    viewScope: JSON.parse(u.view_scope) as string[],
    workTeamId: u.work_team_id,
    mustChangePassword: flags.mustChangePassword,
    mfaEnabled: u.totp_enabled === 1,
    mfaEnrolmentRequired: flags.mfaEnrolmentRequired,
  };
}

/** What the trail and the alert say of the reset a password change settles. */
function afterReset(user: UserRow, ip: string) {
  return {
    resetBy: user.password_reset_by,
    resetAt: user.password_reset_at,
    resetFrom: user.password_reset_ip,
    setFrom: ip,
    sameAddressAsReset: user.password_reset_ip !== null && user.password_reset_ip === ip,
  };
}

/** The account key of the per-account rate limit and of the lockout of names that have no account. */
function accountKey(username: string): string {
  return username.trim().normalize('NFKC').toLowerCase();
}

// A fixed hash to verify against when the user does not exist, so timing does not reveal which names exist.
let dummyHash: Promise<string> | null = null;

interface CachedSession extends Authenticated {
  lastSeenMs: number;
  cachedAtMs: number;
  /** The sessions' generation when the entry was cached: any change since (on any server) makes it unusable. */
  generation: number;
}

/**
 * The generation counter (table `shared_generations`) that moves, on whichever server, with every sign-out, every
 * session ended and every change to an account (the services call {@link AuthService.forgetUser} after their
 * commit). A cached session is used only while the counter has not moved: one primary-key read per request instead
 * of the session's and the user's rows, and a sign-out on one server is refused by every other one at its next
 * request.
 */
export const SESSIONS_GENERATION = 'sessions';

/**
 * How long an authenticated session is answered from memory at most, even with the generation unmoved: a change
 * made to the database by hand (not through the services) is seen after this.
 */
const SESSION_CACHE_MS = 5_000;

/** Lockouts of names without an account untouched this long (and not locked) are dropped. */
const PHANTOM_KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * How often a session's last-seen time is written: a quarter of the idle time, at most once a minute. With
 * SESSION_IDLE_MINUTES=1 a user active every 15 s stays signed in (the last-seen time is never more than 15 s old).
 */
export function touchInterval(idleMinutes: number): number {
  return Math.min(60_000, (idleMinutes * 60_000) / 4);
}

/** How many keys have their rate-limit refusal remembered as written to the trail (per server). */
const MAX_REFUSALS_REMEMBERED = 10_000;

const wrongOtp = () =>
  new AppError('MFA_REQUIRED', { zh: '动态验证码错误或已使用', en: 'Wrong or already used one-time code' });

/**
 * Sign-in, sessions and the user's own password (身份鉴别, MLPS 2.0 level 3 §8.1.4.1). The rules come from the
 * security policy in force (password-policy.ts, lockout.ts, totp.ts); every outcome is written to the audit trail in
 * the transaction that changes the account.
 */
export class AuthService {
  private readonly cache = new Map<string, CachedSession>();
  private readonly db: Queryable;
  private readonly users: UserRepository;
  private readonly sessions: SessionRepository;
  private readonly clock: Clock;
  private readonly policy: SecurityPolicyService;
  private readonly auditor: Auditor;
  private readonly fieldCrypto: () => FieldCrypto;
  private readonly alerts: AlertService;
  /** Kept in the database (migration 0013): several servers count together. */
  private readonly perAddress: StoredRateLimiter;
  private readonly perAccount: StoredRateLimiter;
  /**
   * The generations, the rate limits' windows, and the failures against names that have no account (or a disabled
   * or unauthorised one), counted exactly as an account's: after five of them the name answers "locked" too, so the
   * answers never tell which names exist — whichever servers the attempts went to.
   */
  private readonly shared: SharedStateRepository;
  private lastPhantomSweepMs = 0;
  /** Rate-limit refusals already written to the trail, per key, until their window ends (one record, not a flood). */
  private readonly refusalsRecorded = new Map<string, number>();

  constructor(deps: {
    db: Queryable;
    users: UserRepository;
    sessions: SessionRepository;
    clock: Clock;
    policy: SecurityPolicyService;
    auditor: Auditor;
    fieldCrypto: () => FieldCrypto;
    alerts: AlertService;
    limits: SignInLimits;
  }) {
    this.db = deps.db;
    this.users = deps.users;
    this.sessions = deps.sessions;
    this.clock = deps.clock;
    this.policy = deps.policy;
    this.auditor = deps.auditor;
    this.fieldCrypto = deps.fieldCrypto;
    this.alerts = deps.alerts;
    this.shared = new SharedStateRepository(deps.db);
    this.perAddress = new StoredRateLimiter({ ...deps.limits.perAddress, clock: deps.clock, repo: this.shared });
    this.perAccount = new StoredRateLimiter({ ...deps.limits.perAccount, clock: deps.clock, repo: this.shared });
  }

  /** The flags of {@link Authenticated} for `user` under `policy` at `now`. */
  flags(user: UserRow, policy: PasswordPolicy, now: Date) {
    return {
      mustChangePassword: user.must_change_password === 1 || isExpired(user.password_changed_at, now, policy),
      mfaEnrolmentRequired: user.totp_enabled !== 1 && mfaRequired(user.role, policy),
      passwordResetPending: user.password_reset_at !== null && user.must_change_password === 1,
    };
  }

  /** The user as /auth/me shows them. */
  async describe(user: UserRow): Promise<Me> {
    return toMe(user, this.flags(user, await this.policy.current(), this.clock.now()));
  }

  private async refuseRateLimited(
    key: string,
    retryAfterSeconds: number,
    who: { username: string; ip: string },
  ): Promise<never> {
    const now = this.clock.now().getTime();
    if ((this.refusalsRecorded.get(key) ?? 0) <= now) {
      this.refusalsRecorded.set(key, now + retryAfterSeconds * 1000);
      if (this.refusalsRecorded.size > MAX_REFUSALS_REMEMBERED) this.refusalsRecorded.clear();
      await this.auditor.record({
        action: 'auth.signIn',
        outcome: 'denied',
        userId: null,
        username: who.username.slice(0, 64),
        ip: who.ip,
        detail: { reason: 'rateLimited', limit: key.startsWith('acct:') ? 'account' : 'address' },
      });
    }
    throw new RateLimitedError(retryAfterSeconds);
  }

  /**
   * Checks the password (and the second factor, when the account has one) and opens a session.
   *
   * - Rate limits first, per address and per account name: 429 with Retry-After.
   * - Every wrong password answers INVALID_CREDENTIALS, whether the account exists or not (a name without an
   *   account costs the same scrypt and is counted the same way); the failure that reaches the threshold locks the
   *   name, and while it is locked every attempt answers ACCOUNT_LOCKED, right password or not, again whether the
   *   account exists or not.
   * - With the right password, an account with TOTP needs `otp`: a 6-digit code (never the same step twice) or an
   *   unused recovery code; missing, MFA_REQUIRED; wrong, MFA_REQUIRED with its own message, counted as a failure.
   * - An account whose role requires a second factor but has none gets a session limited to enrolment.
   */
  async signIn(input: {
    username: string;
    password: string;
    otp?: string | undefined;
    ip: string;
    userAgent: string;
  }): Promise<SignedIn> {
    const key = accountKey(input.username);
    const who = { username: input.username, ip: input.ip };
    const byAddress = await this.perAddress.hit(`addr:${input.ip}`);
    if (!byAddress.allowed) return this.refuseRateLimited(`addr:${input.ip}`, byAddress.retryAfterSeconds, who);
    const byAccount = await this.perAccount.hit(`acct:${key}`);
    if (!byAccount.allowed) return this.refuseRateLimited(`acct:${key}`, byAccount.retryAfterSeconds, who);

    const now = this.clock.now();
    const policy = await this.policy.current();
    const found = await this.users.findByUsername(input.username);
    const user = found && found.disabled === 0 && roleOrNull(found.role) !== null ? found : null;
    const failure = (reason: string, extra: Record<string, unknown> = {}) => ({
      action: 'auth.signIn',
      outcome: 'failure' as const,
      userId: user?.id ?? null,
      username: user?.username ?? input.username.slice(0, 64),
      ip: input.ip,
      detail: { reason, ...extra },
    });

    if (!user) {
      dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
      await verifyPassword(input.password, await dummyHash);
      await this.sweepPhantoms(now);
      const locked = await this.shared.withLockout(key, now.toISOString(), (state) => {
        // Failures during a lock are not counted, as for an account.
        if (isLocked(state, now)) return { state, result: true };
        const next = afterFailedSignIn(state, now, policy);
        return { state: { failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil }, result: false };
      });
      if (locked) {
        await this.auditor.record(failure('locked', { account: found ? 'disabledOrUnassigned' : 'none' }));
        throw new AppError('ACCOUNT_LOCKED');
      }
      await this.auditor.record(failure(found ? (found.disabled ? 'disabled' : 'unassigned') : 'unknownUser'));
      throw new AppError('INVALID_CREDENTIALS');
    }

    const state: LockoutState = { failedAttempts: user.failed_attempts, lockedUntil: user.locked_until };
    const passwordOk = await verifyPassword(input.password, user.password_hash);
    if (isLocked(state, now)) {
      // Failures during a lock are not counted: they must not lengthen it, or anyone could keep an official out.
      await this.auditor.record(failure('locked'));
      throw new AppError('ACCOUNT_LOCKED');
    }
    const fail = async (
      reason: string,
      error: AppError,
      extra: Record<string, unknown> = {},
      alongside?: (trx: Queryable) => Promise<unknown>,
    ): Promise<never> => {
      await this.db.transaction().execute(async (trx) => {
        const users = new UserRepository(trx);
        // Read again under the row's lock: another server may have counted a failure since `state` was read.
        const row = await users.lockSignInState(user.id);
        const current = row ? { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until } : state;
        // Locked meanwhile by another server's count: this failure must not lengthen the lock.
        const next = isLocked(current, now)
          ? { ...current, lockedNow: false }
          : afterFailedSignIn(current, now, policy);
        await users.setSignInState(user.id, {
          failed_attempts: next.failedAttempts,
          locked_until: next.lockedUntil,
        });
        await alongside?.(trx);
        await this.auditor.record(
          failure(reason, { ...extra, ...(next.lockedNow ? { lockedUntil: next.lockedUntil } : {}) }),
          trx,
        );
      });
      throw error;
    };
    if (!passwordOk) return fail('badPassword', new AppError('INVALID_CREDENTIALS'));

    // A reset password sets a new one within its validity, and opens nothing after it (RESET_PASSWORD_VALID_MS).
    const reset =
      user.password_reset_at !== null && user.must_change_password === 1
        ? { by: user.password_reset_by, at: user.password_reset_at, ip: user.password_reset_ip }
        : null;
    if (reset && now.getTime() - new Date(reset.at).getTime() > RESET_PASSWORD_VALID_MS) {
      await this.auditor.record(failure('resetPasswordExpired', { resetBy: reset.by, resetAt: reset.at }));
      throw new AppError('PASSWORD_RESET_EXPIRED');
    }

    const secondFactor: Partial<Pick<UserRow, 'totp_last_step' | 'recovery_codes'>> = {};
    let method: 'none' | 'totp' | 'recoveryCode' = 'none';
    if (user.totp_enabled === 1) {
      const otp = (input.otp ?? '').trim();
      if (otp === '') throw new AppError('MFA_REQUIRED');
      if (/^\d{6}$/.test(otp.replace(/\s/g, ''))) {
        let secret: string;
        try {
          secret = this.fieldCrypto().decrypt(user.totp_secret ?? '', TOTP_SECRET_CONTEXT);
        } catch (e) {
          if (!(e instanceof FieldDecryptError)) throw e;
          // The key that sealed the secret is missing or wrong (a backup restored without its key file). Answered
          // exactly as a wrong password — 401 INVALID_CREDENTIALS, counted towards the lockout — so that neither the
          // answer nor the lock that follows tells the caller the password was right; the trail says why, and the
          // security and audit administrators get an alert (one open alert per account).
          const why = { keyReason: e.reason, keyId: e.keyId };
          return fail('secretUndecryptable', new AppError('INVALID_CREDENTIALS'), why, async (trx) => {
            if (await this.alerts.isOpen(trx, 'secretUndecryptable', user.id)) return;
            await this.alerts.raise(trx, {
              kind: 'secretUndecryptable',
              userId: user.id,
              username: user.username,
              detail: { ...why, what: 'totpSecret' },
            });
          });
        }
        const check = acceptTotp(secret, otp, now.getTime(), user.totp_last_step);
        if (!check.ok) return fail(check.reason === 'replayed' ? 'replayedOtp' : 'badOtp', wrongOtp());
        secondFactor.totp_last_step = check.step;
        method = 'totp';
      } else {
        const left = useRecoveryCode(otp, JSON.parse(user.recovery_codes ?? '[]') as string[]);
        if (left === null) return fail('badRecoveryCode', wrongOtp());
        secondFactor.recovery_codes = JSON.stringify(left);
        method = 'recoveryCode';
      }
    }

    // The right password (and code): not a guess, so it leaves the address's allowance to the others behind it.
    await this.perAddress.refund(`addr:${input.ip}`);
    const flags = this.flags(user, policy, now);
    const token = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      const ok = afterSuccessfulSignIn();
      await new UserRepository(trx).setAuthState(user.id, {
        failed_attempts: ok.failedAttempts,
        locked_until: ok.lockedUntil,
        ...secondFactor,
      });
      await new SessionRepository(trx).insert({
        id: sessionIdOf(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: at,
        last_seen_at: at,
        ip: input.ip,
        user_agent: input.userAgent.slice(0, 256),
        pending_mfa: flags.mfaEnrolmentRequired ? 1 : 0,
        ended_at: null,
      });
      await this.auditor.record(
        {
          action: 'auth.signIn',
          outcome: 'success',
          userId: user.id,
          username: user.username,
          ip: input.ip,
          objectType: 'session',
          objectId: sessionIdOf(token).slice(0, 16),
          detail: {
            secondFactor: method,
            ...(method === 'recoveryCode'
              ? { recoveryCodesLeft: (JSON.parse(secondFactor.recovery_codes ?? '[]') as string[]).length }
              : {}),
            ...(flags.mustChangePassword ? { passwordChangeRequired: true } : {}),
            ...(flags.mfaEnrolmentRequired ? { mfaEnrolmentRequired: true } : {}),
            ...(reset
              ? { afterReset: { resetBy: reset.by, resetAt: reset.at, sameAddressAsReset: reset.ip === input.ip } }
              : {}),
          },
        },
        trx,
      );
    });
    await this.shared.deleteLockout(key);
    return { token, csrfToken, user: { ...user, ...secondFactor, failed_attempts: 0, locked_until: null } };
  }

  /**
   * The actor behind a session token, or null when the session is unknown, ended, idle too long (it is then ended,
   * and the trail says so), or its account is disabled or no longer authorised.
   */
  async authenticate(token: string, ip: string): Promise<Authenticated | null> {
    const sessionId = sessionIdOf(token);
    const now = this.clock.now();
    const policy = await this.policy.current();
    // Read before the session and the user: a change committed after this read moves it past what is cached.
    const generation = await this.shared.generation(SESSIONS_GENERATION);
    const hit = this.cache.get(sessionId);
    const touchEvery = touchInterval(policy.idleMinutes);
    if (
      hit &&
      hit.generation === generation &&
      now.getTime() - hit.cachedAtMs < SESSION_CACHE_MS &&
      now.getTime() - hit.lastSeenMs < touchEvery &&
      hit.actor.ip === ip
    ) {
      return hit;
    }
    this.cache.delete(sessionId);
    const session = await this.sessions.findActive(sessionId);
    if (!session) return null;
    const user = await this.users.findById(session.user_id);
    if (isIdle(session.last_seen_at, now, policy)) {
      await this.db.transaction().execute(async (trx) => {
        await new SessionRepository(trx).end(sessionId, now.toISOString());
        await this.auditor.record(
          {
            action: 'auth.sessionExpired',
            userId: session.user_id,
            username: user?.username ?? null,
            ip,
            objectType: 'session',
            objectId: sessionId.slice(0, 16),
            detail: { lastSeenAt: session.last_seen_at, idleMinutes: policy.idleMinutes },
          },
          trx,
        );
      });
      return null;
    }
    const role = user ? roleOrNull(user.role) : null;
    if (!user || user.disabled === 1 || role === null) return null;
    // Touch at most once per interval (a quarter of the idle time, at most a minute): an idle check needs minutes,
    // not every request's write, yet an active user is never seen as idle.
    let lastSeenMs = new Date(session.last_seen_at).getTime();
    if (now.getTime() - lastSeenMs >= touchEvery) {
      await this.sessions.touch(sessionId, now.toISOString());
      lastSeenMs = now.getTime();
    }
    const found: Authenticated = {
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        role,
        entryScope: JSON.parse(user.entry_scope) as string[],
        viewScope: JSON.parse(user.view_scope) as string[],
        workTeamId: user.work_team_id,
        sessionId,
        ip,
      },
      user,
      csrfToken: session.csrf_token,
      ...this.flags(user, policy, now),
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(sessionId, {
      ...found,
      lastSeenMs,
      cachedAtMs: now.getTime(),
      generation,
    });
    return found;
  }

  /**
   * Drops cached sessions, on every server: of one session, or of every session of a user (after a change to the
   * account, committed before this is called). Here the entries go at once; elsewhere the moved generation makes
   * the next request read the session again.
   */
  async forgetSession(sessionId: string): Promise<void> {
    this.cache.delete(sessionId);
    await this.shared.bumpGeneration(SESSIONS_GENERATION);
  }

  async forgetUser(userId: string): Promise<void> {
    for (const [id, s] of this.cache) if (s.user.id === userId) this.cache.delete(id);
    await this.shared.bumpGeneration(SESSIONS_GENERATION);
  }

  /** Forgets the rate-limit count of an account name, e.g. after an administrator reset its password. */
  async forgetAttempts(username: string): Promise<void> {
    await this.perAccount.reset(`acct:${accountKey(username)}`);
  }

  async signOut(actor: Actor): Promise<void> {
    this.cache.delete(actor.sessionId);
    await this.db.transaction().execute(async (trx) => {
      await new SessionRepository(trx).end(actor.sessionId, this.clock.now().toISOString());
      // With the session's end: no server can answer it from memory once this commits.
      await new SharedStateRepository(trx).bumpGeneration(SESSIONS_GENERATION);
      await this.auditor.record(
        { action: 'auth.signOut', objectType: 'session', objectId: actor.sessionId.slice(0, 16) },
        trx,
      );
    });
  }

  /** Ends every session of the actor, this one included ("sign out everywhere"). */
  async signOutEverywhere(actor: Actor): Promise<number> {
    for (const [id, s] of this.cache) if (s.user.id === actor.userId) this.cache.delete(id);
    return this.db.transaction().execute(async (trx) => {
      const ended = await new SessionRepository(trx).endAllForUser(actor.userId, this.clock.now().toISOString());
      await new SharedStateRepository(trx).bumpGeneration(SESSIONS_GENERATION);
      await this.auditor.record(
        { action: 'auth.signOutEverywhere', objectType: 'user', objectId: actor.userId, detail: { ended } },
        trx,
      );
      return ended;
    });
  }

  /** Lockouts of names without an account, untouched for a day and not locked, are dropped (once an hour). */
  private async sweepPhantoms(now: Date): Promise<void> {
    const ms = now.getTime();
    if (ms - this.lastPhantomSweepMs < 60 * 60_000 && ms >= this.lastPhantomSweepMs) return;
    this.lastPhantomSweepMs = ms;
    await this.shared.deleteStaleLockouts(new Date(ms - PHANTOM_KEEP_MS).toISOString());
  }

  /**
   * The user's own password change: the current password, then the policy (length, classes, not the name, not one of
   * the last few). A wrong current password counts towards the lockout like a failed sign-in, so a stolen session
   * cannot be used to guess it; the lock, when reached, also ends the account's sessions. Other sessions end on
   * success: whoever knew the old password is signed out.
   */
  /**
   * THE check of the signed-in user's own password before a sensitive act of theirs (changing the password,
   * binding or switching off a second factor): a wrong password counts towards the lockout exactly as at sign-in,
   * and the failure that reaches the lock ends the account's sessions, so a stolen session cannot guess without
   * limit. Throws 400 on `field` (the audit record names `action`).
   */
  async verifyOwnPassword(actor: Actor, password: string, action: string, field = 'password'): Promise<UserRow> {
    const now = this.clock.now();
    const policy = await this.policy.current();
    const user = await this.users.findById(actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (!(await verifyPassword(password, user.password_hash))) {
      const next = afterFailedSignIn(
        { failedAttempts: user.failed_attempts, lockedUntil: user.locked_until },
        now,
        policy,
      );
      await this.db.transaction().execute(async (trx) => {
        await new UserRepository(trx).setSignInState(user.id, {
          failed_attempts: next.failedAttempts,
          locked_until: next.lockedUntil,
        });
        if (next.lockedNow) await new SessionRepository(trx).endAllForUser(user.id, now.toISOString());
        await this.auditor.record(
          {
            action,
            outcome: 'failure',
            objectType: 'user',
            objectId: user.id,
            detail: { reason: 'wrongCurrentPassword', ...(next.lockedNow ? { lockedUntil: next.lockedUntil } : {}) },
          },
          trx,
        );
      });
      if (next.lockedNow) await this.forgetUser(user.id);
      throw validation([{ field, ...bilingual('当前密码不正确', 'wrong current password') }], {
        zh: '当前密码不正确',
        en: 'The current password is wrong',
      });
    }
    return user;
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const now = this.clock.now();
    const policy = await this.policy.current();
    const user = await this.verifyOwnPassword(actor, currentPassword, 'auth.passwordChange', 'currentPassword');
    const violations = checkPassword(newPassword, { username: user.username, policy });
    if (violations.length > 0) {
      throw validation(
        violations.map((v) => ({ field: 'newPassword', ...bilingual(`${v.zh}`, `${v.en}`) })),
        { zh: '新密码不符合密码策略', en: 'The new password does not meet the policy' },
      );
    }
    const history = JSON.parse(user.password_history) as string[];
    if (await reusesRecent(newPassword, recentHashes(user.password_hash, history, policy))) {
      throw validation(
        [
          {
            field: 'newPassword',
            ...bilingual(
              `不能与最近 ${policy.historyCount} 次使用的密码相同`,
              `must differ from the last ${policy.historyCount} passwords`,
            ),
          },
        ],
        { zh: '新密码不符合密码策略', en: 'The new password does not meet the policy' },
      );
    }
    const hash = await hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      const ok = await new UserRepository(trx).update(user.id, user.version, {
        password_hash: hash,
        password_history: JSON.stringify(rememberPassword(hash, [user.password_hash, ...history], policy)),
        must_change_password: 0,
        password_changed_at: now.toISOString(),
        updated_at: now.toISOString(),
        password_reset_by: null,
        password_reset_at: null,
        password_reset_ip: null,
      });
      if (!ok) throw new AppError('CONFLICT');
      // A reset password turned into a new one. With a second factor, only its owner could have signed in with it
      // (the reset keeps the factor). Without one, whoever reset it could have: that cannot be ruled out here, so
      // the security and audit administrators are told, to confirm with the owner (docs/security.md).
      const reset = user.password_reset_at !== null ? afterReset(user, actor.ip) : null;
      if (reset && user.totp_enabled !== 1) {
        await this.alerts.raise(trx, {
          kind: 'passwordSetAfterReset',
          userId: user.id,
          username: user.username,
          detail: { ...reset, role: user.role, secondFactor: false },
        });
      }
      const sessions = new SessionRepository(trx);
      const others = (await sessions.listActiveForUser(user.id)).filter((s) => s.id !== actor.sessionId);
      for (const s of others) await sessions.end(s.id, now.toISOString());
      await this.auditor.record(
        {
          action: 'auth.passwordChange',
          objectType: 'user',
          objectId: user.id,
          detail: {
            otherSessionsEnded: others.length,
            wasRequired: user.must_change_password === 1,
            ...(user.password_reset_at !== null ? { afterReset: afterReset(user, actor.ip) } : {}),
          },
        },
        trx,
      );
    });
    await this.forgetUser(user.id);
  }
}
