import crypto from 'node:crypto';
import type { z } from 'zod';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import { bilingual, AppError, notFound, validation } from '../../errors.ts';
import type { Auditor } from '../../security/auditor.ts';
import { assertMay, roleOrNull, SERVICE_ACCOUNT_PASSWORD, UNASSIGNED_ROLE } from '../../security/duties.ts';
import { rememberPassword } from '../../security/password-policy.ts';
import type { assignRightsSchema, createUserSchema, updateUserSchema, User } from '../../../shared/api/users.ts';
import { generatePassword, hashPassword } from '../auth/password-hash.ts';
import { SessionRepository } from '../auth/session.repository.ts';
import type { OrgRepository } from '../org/org.repository.ts';
import type { SecurityPolicyService } from '../security/policy.service.ts';
import { UserRepository, type UserRow } from './user.repository.ts';

export function toUser(u: UserRow): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: roleOrNull(u.role),
    entryScope: JSON.parse(u.entry_scope) as string[],
    viewScope: JSON.parse(u.view_scope) as string[],
    workTeamId: u.work_team_id,
    mustChangePassword: u.must_change_password === 1,
    mfaEnabled: u.totp_enabled === 1,
    disabled: u.disabled === 1,
    lockedUntil: u.locked_until,
    version: u.version,
    createdAt: u.created_at,
  };
}

/** The fields of an account that its audit records compare (never its password, secret or codes). */
function audited(u: UserRow): Record<string, unknown> {
  return {
    displayName: u.display_name,
    role: roleOrNull(u.role),
    entryScope: JSON.parse(u.entry_scope) as string[],
    viewScope: JSON.parse(u.view_scope) as string[],
    workTeamId: u.work_team_id,
    disabled: u.disabled === 1,
  };
}

/**
 * Who is named in the audit record of a change made at the server's console (src/cli): the operator's system
 * account (`cli:<user>`), no user id, no address.
 */
export interface Operator {
  operator: string;
}

/** The account an operator creates: unlike the API's two steps, role and scopes at once (the first administrators). */
export interface OperatorNewUser {
  username: string;
  displayName: string;
  role: string;
  entryScope: string[];
  viewScope: string[];
  workTeamId: string | null;
}

/** The audit "who" of a change: the request's (when absent) or the operator's. */
function who(by: Operator | null) {
  return by ? { userId: null, username: by.operator, ip: null } : {};
}

interface SessionCache {
  forgetUser(id: string): Promise<void>;
  forgetSession(id: string): Promise<void>;
  forgetAttempts(username: string): Promise<void>;
}

/**
 * Accounts, their rights and their sessions. Who may do which is asked of src/server/security/duties.ts; every change
 * is recorded in the audit trail, with old and new values, in the transaction that makes it.
 */
export class UsersService {
  private readonly db: Queryable;
  private readonly repo: UserRepository;
  private readonly orgRepo: OrgRepository;
  private readonly sessions: SessionRepository;
  private readonly clock: Clock;
  private readonly org: () => OrgIndex;
  private readonly auditor: Auditor;
  private readonly policy: SecurityPolicyService;
  private readonly sessionCache: SessionCache;

  constructor(deps: {
    db: Queryable;
    orgRepo: OrgRepository;
    clock: Clock;
    org: () => OrgIndex;
    auditor: Auditor;
    policy: SecurityPolicyService;
    sessionCache: SessionCache;
  }) {
    this.db = deps.db;
    this.repo = new UserRepository(deps.db);
    this.sessions = new SessionRepository(deps.db);
    this.orgRepo = deps.orgRepo;
    this.clock = deps.clock;
    this.org = deps.org;
    this.auditor = deps.auditor;
    this.policy = deps.policy;
    this.sessionCache = deps.sessionCache;
  }

  async getRow(id: string): Promise<UserRow> {
    const u = await this.repo.findById(id);
    if (!u) throw notFound({ zh: '用户', en: 'User' });
    return u;
  }

  async list(): Promise<User[]> {
    return (await this.repo.list()).map(toUser);
  }

  /** Creates an account with a random initial password, shown once; no role until the security administrator acts. */
  async create(
    actor: Actor,
    input: z.infer<typeof createUserSchema>,
  ): Promise<{ user: User; initialPassword: string }> {
    assertMay(actor, 'create', null);
    return this.insertUser(
      {
        username: input.username,
        displayName: input.displayName,
        role: UNASSIGNED_ROLE,
        entryScope: [],
        viewScope: [],
        workTeamId: null,
      },
      null,
    );
  }

  /**
   * The operator's door (create-user at the command line): the account with its role and scopes at once, the only
   * way to make the first administrators. The same checks as the API's two steps (name taken, unknown units or work
   * team) and the same audit record; the separation of duties is the operator's to keep (docs/security.md).
   */
  async createByOperator(by: Operator, input: OperatorNewUser): Promise<{ user: User; initialPassword: string }> {
    const issues = await this.unknownRights(input);
    if (issues.length > 0) throw validation(issues);
    return this.insertUser(input, by);
  }

  private async insertUser(
    input: OperatorNewUser,
    by: Operator | null,
  ): Promise<{ user: User; initialPassword: string }> {
    if (await this.repo.findByUsername(input.username)) throw this.taken(input.username);
    const initialPassword = generatePassword();
    const now = this.clock.now().toISOString();
    const row: UserRow = {
      id: crypto.randomUUID(),
      username: input.username,
      display_name: input.displayName,
      password_hash: await hashPassword(initialPassword),
      role: input.role,
      entry_scope: JSON.stringify(input.entryScope),
      view_scope: JSON.stringify(input.viewScope),
      work_team_id: input.workTeamId,
      must_change_password: 1,
      password_changed_at: now,
      password_history: '[]',
      failed_attempts: 0,
      locked_until: null,
      totp_secret: null,
      totp_enabled: 0,
      recovery_codes: null,
      totp_last_step: null,
      disabled: 0,
      version: 1,
      created_at: now,
      updated_at: now,
      password_reset_by: null,
      password_reset_at: null,
      password_reset_ip: null,
    };
    await this.db.transaction().execute(async (trx) => {
      // The unique user name decides between two creations of the same name at once.
      if (!(await new UserRepository(trx).insert(row))) throw this.taken(input.username);
      await this.auditor.change(
        {
          ...who(by),
          action: 'user.create',
          objectType: 'user',
          objectId: row.id,
          detail: { username: row.username },
          before: {},
          after: audited(row),
        },
        trx,
      );
    });
    return { user: toUser(row), initialPassword };
  }

  private taken(username: string): AppError {
    return new AppError('CONFLICT', { zh: `用户名 ${username} 已存在`, en: `User name ${username} is taken` });
  }

  /** The org units and work team of a grant that do not exist, as field issues. */
  private async unknownRights(input: {
    entryScope: readonly string[];
    viewScope: readonly string[];
    workTeamId: string | null;
  }) {
    const issues = (['entryScope', 'viewScope'] as const).flatMap((field) =>
      input[field].flatMap((unit, i) =>
        this.org().get(unit)
          ? []
          : [{ field: `${field}.${i}`, ...bilingual(`未知单位 ${unit}`, `unknown org unit ${unit}`) }],
      ),
    );
    if (input.workTeamId !== null && !(await this.orgRepo.workTeamExists(input.workTeamId))) {
      issues.push({ field: 'workTeamId', ...bilingual(`未知专班 ${input.workTeamId}`, `unknown work team`) });
    }
    return issues;
  }

  /** The account of a user name, for the operator's commands. */
  async byUsername(username: string): Promise<UserRow> {
    const u = await this.repo.findByUsername(username);
    if (!u) throw notFound({ zh: `用户 ${username}`, en: `User ${username}` });
    return u;
  }

  /** The system administrator's edit: display name and disabled. Disabling ends the account's sessions. */
  async update(actor: Actor, id: string, input: z.infer<typeof updateUserSchema>): Promise<User> {
    const before = await this.getRow(id);
    assertMay(actor, before.disabled === 1 || input.disabled ? 'disable' : 'editProfile', before);
    return this.writeProfile(before, input, null);
  }

  /** The operator's door (disable-user / enable-user): any account, the privileged ones included. */
  async setDisabledByOperator(by: Operator, username: string, disabled: boolean): Promise<User> {
    const before = await this.byUsername(username);
    return this.writeProfile(before, { displayName: before.display_name, disabled, version: before.version }, by);
  }

  private async writeProfile(
    before: UserRow,
    input: z.infer<typeof updateUserSchema>,
    by: Operator | null,
  ): Promise<User> {
    const id = before.id;
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const repo = new UserRepository(trx);
      const ok = await repo.update(id, input.version, {
        display_name: input.displayName,
        disabled: input.disabled ? 1 : 0,
        updated_at: now,
      });
      if (!ok) throw new AppError('CONFLICT');
      const ended = input.disabled ? await new SessionRepository(trx).endAllForUser(id, now) : 0;
      const after = (await repo.findById(id)) as UserRow;
      await this.auditor.change(
        {
          ...who(by),
          action: 'user.update',
          objectType: 'user',
          objectId: id,
          detail: { username: before.username, ...(ended > 0 ? { sessionsEnded: ended } : {}) },
          before: audited(before),
          after: audited(after),
        },
        trx,
      );
    });
    await this.sessionCache.forgetUser(id);
    return toUser(await this.getRow(id));
  }

  /** The security administrator's authorisation: a business role, scopes and work team. */
  async assignRights(actor: Actor, id: string, input: z.infer<typeof assignRightsSchema>): Promise<User> {
    const before = await this.getRow(id);
    assertMay(actor, 'assignRights', before, input.role);
    const issues = await this.unknownRights(input);
    if (issues.length > 0) throw validation(issues);
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const repo = new UserRepository(trx);
      const ok = await repo.update(id, input.version, {
        role: input.role,
        entry_scope: JSON.stringify(input.entryScope),
        view_scope: JSON.stringify(input.viewScope),
        work_team_id: input.workTeamId,
        updated_at: now,
      });
      if (!ok) throw new AppError('CONFLICT');
      const after = (await repo.findById(id)) as UserRow;
      await this.auditor.change(
        {
          action: 'user.assignRights',
          objectType: 'user',
          objectId: id,
          detail: { username: before.username },
          before: audited(before),
          after: audited(after),
        },
        trx,
      );
    });
    await this.sessionCache.forgetUser(id);
    return toUser(await this.getRow(id));
  }

  /**
   * A new random password, shown once to the system administrator, for the owner to set a new one with — nothing
   * else (docs/security.md, "Account takeover by the system administrator"):
   * - the session it opens answers only the password change (not even binding a second factor);
   * - it opens nothing after RESET_PASSWORD_VALID_MS (auth.service.ts);
   * - the second factor stays, so on an account that has one only its owner can use the reset;
   * - on an account without one, the change it leads to raises a security alert for the security and audit
   *   administrators, naming who reset it, when and from where (the sign-in and the change are in the trail too).
   * Ends the account's sessions and lifts a lockout.
   */
  async resetPassword(actor: Actor, id: string): Promise<string> {
    const user = await this.getRow(id);
    assertMay(actor, 'resetPassword', user);
    if (user.password_hash === SERVICE_ACCOUNT_PASSWORD)
      throw new AppError('FORBIDDEN', {
        zh: '服务账户没有密码，只能使用 API 令牌',
        en: 'A service account has no password; it signs in with API tokens only',
      });
    return this.writeNewPassword(user, null, { name: actor.username, ip: actor.ip });
  }

  /** The operator's door (reset-password): any account, under the stored policy like the API's. */
  async resetPasswordByOperator(by: Operator, username: string): Promise<string> {
    return this.writeNewPassword(await this.byUsername(username), by, { name: by.operator, ip: null });
  }

  private async writeNewPassword(
    user: UserRow,
    by: Operator | null,
    resetBy: { name: string; ip: string | null },
  ): Promise<string> {
    const id = user.id;
    const policy = await this.policy.current();
    const password = generatePassword();
    const hash = await hashPassword(password);
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const ok = await new UserRepository(trx).update(id, user.version, {
        password_hash: hash,
        // The old password is remembered, so that the forced change cannot go straight back to it.
        password_history: JSON.stringify(
          rememberPassword(hash, [user.password_hash, ...(JSON.parse(user.password_history) as string[])], policy),
        ),
        must_change_password: 1,
        password_changed_at: now,
        failed_attempts: 0,
        locked_until: null,
        updated_at: now,
        password_reset_by: resetBy.name,
        password_reset_at: now,
        password_reset_ip: resetBy.ip,
      });
      if (!ok) throw new AppError('CONFLICT');
      const ended = await new SessionRepository(trx).endAllForUser(id, now);
      await this.auditor.record(
        {
          ...who(by),
          action: 'user.resetPassword',
          objectType: 'user',
          objectId: id,
          detail: { username: user.username, sessionsEnded: ended, secondFactorKept: user.totp_enabled === 1 },
        },
        trx,
      );
    });
    await this.sessionCache.forgetUser(id);
    await this.sessionCache.forgetAttempts(user.username);
    return password;
  }

  /** Removes a lost second factor (the security administrator's duty); the user enrols again at the next sign-in. */
  async resetSecondFactor(actor: Actor, id: string): Promise<void> {
    const user = await this.getRow(id);
    assertMay(actor, 'resetSecondFactor', user);
    await this.removeSecondFactor(user, null);
  }

  /** The operator's door (reset-mfa): any account (the API lets the security administrator do business accounts). */
  async resetSecondFactorByOperator(by: Operator, username: string): Promise<void> {
    await this.removeSecondFactor(await this.byUsername(username), by);
  }

  private async removeSecondFactor(user: UserRow, by: Operator | null): Promise<void> {
    const id = user.id;
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await new UserRepository(trx).setAuthState(id, {
        totp_secret: null,
        totp_enabled: 0,
        totp_last_step: null,
        recovery_codes: null,
      });
      const ended = await new SessionRepository(trx).endAllForUser(id, now);
      await this.auditor.record(
        {
          ...who(by),
          action: 'user.resetSecondFactor',
          objectType: 'user',
          objectId: id,
          detail: { username: user.username, wasEnabled: user.totp_enabled === 1, sessionsEnded: ended },
        },
        trx,
      );
    });
    await this.sessionCache.forgetUser(id);
  }

  async activeSessions() {
    return (await this.sessions.listActive()).map((s) => ({
      id: s.id,
      userId: s.user_id,
      username: s.username,
      displayName: s.display_name,
      ip: s.ip,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
    }));
  }

  /** Ends one session (the system administrator sees who is signed in and can end any session). */
  async endSession(id: string): Promise<void> {
    await this.sessionCache.forgetSession(id);
    await this.db.transaction().execute(async (trx) => {
      const sessions = new SessionRepository(trx);
      const s = await sessions.findActive(id);
      if (!s) throw notFound({ zh: '会话', en: 'Session' });
      await sessions.end(id, this.clock.now().toISOString());
      await this.auditor.record(
        { action: 'session.end', objectType: 'session', objectId: id.slice(0, 16), detail: { userId: s.user_id } },
        trx,
      );
    });
  }
}
