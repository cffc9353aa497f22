import crypto from 'node:crypto';
import type { Role } from '../../../domain/types.ts';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import { AppError } from '../../errors.ts';
import type { UserRepository, UserRow } from '../users/user.repository.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import type { SessionRepository } from './session.repository.ts';
import type { Me } from '../../../shared/api/auth.ts';

export interface AuthSettings {
  idleMinutes: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  user: UserRow;
}

export function sessionIdOf(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function toMe(u: UserRow): Me {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    entryScope: JSON.parse(u.entry_scope) as string[],
    viewScope: JSON.parse(u.view_scope) as string[],
    workTeamId: u.work_team_id,
    mustChangePassword: u.must_change_password === 1,
  };
}

// A fixed hash to verify against when the user does not exist, so timing does not reveal which names exist.
let dummyHash: Promise<string> | null = null;

interface CachedSession {
  actor: Actor;
  user: UserRow;
  csrfToken: string;
  lastSeenMs: number;
  cachedAtMs: number;
}

/**
 * How long an authenticated session is answered from memory before the database is asked again. Sign-out, ending
 * a session and changing a user drop the entry at once in this process; another process may lag by this much.
 */
const SESSION_CACHE_MS = 5_000;

export class AuthService {
  private readonly cache = new Map<string, CachedSession>();
  private readonly users: UserRepository;
  private readonly sessions: SessionRepository;
  private readonly clock: Clock;
  private readonly settings: () => AuthSettings;

  constructor(deps: { users: UserRepository; sessions: SessionRepository; clock: Clock; settings: () => AuthSettings }) {
    this.users = deps.users;
    this.sessions = deps.sessions;
    this.clock = deps.clock;
    this.settings = deps.settings;
  }

  /**
   * Checks the password and opens a session. Every failure answers the same INVALID_CREDENTIALS, whether the
   * account exists or not; an account locked after repeated failures answers ACCOUNT_LOCKED only once the right
   * password is given, so the lock does not reveal the account either.
   */
  async signIn(input: { username: string; password: string; ip: string; userAgent: string }): Promise<SignedIn> {
    const now = this.clock.now();
    const user = await this.users.findByUsername(input.username);
    if (!user || user.disabled === 1) {
      dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
      await verifyPassword(input.password, await dummyHash);
      throw new AppError('INVALID_CREDENTIALS');
    }
    const { lockoutThreshold, lockoutMinutes } = this.settings();
    const lockedUntil = user.locked_until ? new Date(user.locked_until) : null;
    if (lockedUntil && lockedUntil > now) {
      await verifyPassword(input.password, user.password_hash);
      throw new AppError('ACCOUNT_LOCKED');
    }
    const ok = await verifyPassword(input.password, user.password_hash);
    if (!ok) {
      const failed = (lockedUntil ? 0 : user.failed_attempts) + 1;
      const lock = failed >= lockoutThreshold ? new Date(now.getTime() + lockoutMinutes * 60_000).toISOString() : null;
      await this.users.setSignInState(user.id, { failed_attempts: lock ? 0 : failed, locked_until: lock });
      throw new AppError('INVALID_CREDENTIALS');
    }
    await this.users.setSignInState(user.id, { failed_attempts: 0, locked_until: null });
    const token = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const at = now.toISOString();
    await this.sessions.insert({
      id: sessionIdOf(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      ip: input.ip,
      user_agent: input.userAgent.slice(0, 256),
      pending_mfa: 0,
      ended_at: null,
    });
    return { token, csrfToken, user };
  }

  /** The actor behind a session token, or null when the session is unknown, ended or idle too long. */
  async authenticate(token: string, ip: string): Promise<{ actor: Actor; user: UserRow; csrfToken: string } | null> {
    const sessionId = sessionIdOf(token);
    const now = this.clock.now();
    const idleMs = this.settings().idleMinutes * 60_000;
    const hit = this.cache.get(sessionId);
    if (hit && now.getTime() - hit.cachedAtMs < SESSION_CACHE_MS && now.getTime() - hit.lastSeenMs <= idleMs && hit.actor.ip === ip) {
      return hit;
    }
    this.cache.delete(sessionId);
    const session = await this.sessions.findActive(sessionId);
    if (!session) return null;
    if (now.getTime() - new Date(session.last_seen_at).getTime() > idleMs) {
      await this.sessions.end(sessionId, now.toISOString());
      return null;
    }
    const user = await this.users.findById(session.user_id);
    if (!user || user.disabled === 1) return null;
    // Touch at most once a minute: an idle check needs minutes, not every request's write.
    if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
      await this.sessions.touch(sessionId, now.toISOString());
    }
    const me = toMe(user);
    const found = {
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        role: me.role,
        entryScope: me.entryScope,
        viewScope: me.viewScope,
        workTeamId: user.work_team_id,
        sessionId,
        ip,
      },
      user,
      csrfToken: session.csrf_token,
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(sessionId, { ...found, lastSeenMs: new Date(session.last_seen_at).getTime(), cachedAtMs: now.getTime() });
    return found;
  }

  /** Drops cached sessions: of one session, or of every session of a user (after a change to the account). */
  forgetSession(sessionId: string): void {
    this.cache.delete(sessionId);
  }

  forgetUser(userId: string): void {
    for (const [id, s] of this.cache) if (s.user.id === userId) this.cache.delete(id);
  }

  async signOut(sessionId: string): Promise<void> {
    this.forgetSession(sessionId);
    await this.sessions.end(sessionId, this.clock.now().toISOString());
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (!(await verifyPassword(currentPassword, user.password_hash))) {
      throw new AppError('VALIDATION', { zh: '当前密码不正确', en: 'The current password is wrong' }, [
        { field: 'currentPassword', message: '当前密码不正确 / wrong current password' },
      ]);
    }
    const problems = basicPolicyProblems(newPassword, user.username);
    if (problems.length > 0) {
      throw new AppError(
        'VALIDATION',
        { zh: '新密码不符合密码策略', en: 'The new password does not meet the policy' },
        problems.map((message) => ({ field: 'newPassword', message })),
      );
    }
    const hash = await hashPassword(newPassword);
    const history = [user.password_hash, ...(JSON.parse(user.password_history) as string[])].slice(0, 3);
    const ok = await this.users.update(user.id, user.version, {
      password_hash: hash,
      password_history: JSON.stringify(history),
      must_change_password: 0,
      password_changed_at: this.clock.now().toISOString(),
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw new AppError('CONFLICT');
    this.forgetUser(user.id);
  }
}

/** The minimum the server enforces on any password: 8+ characters from 3 of 4 classes, not containing the name. */
export function basicPolicyProblems(password: string, username: string): string[] {
  const out: string[] = [];
  if (password.length < 8) out.push('至少 8 个字符 / at least 8 characters');
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) out.push('须包含大写字母、小写字母、数字、符号中的至少 3 类 / at least 3 of upper, lower, digit, symbol');
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    out.push('不能包含用户名 / must not contain the user name');
  return out;
}
