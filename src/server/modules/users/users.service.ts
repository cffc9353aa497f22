import crypto from 'node:crypto';
import type { z } from 'zod';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Clock } from '../../clock.ts';
import { AppError, notFound, validation } from '../../errors.ts';
import type { createUserSchema, updateUserSchema, User } from '../../../shared/api/users.ts';
import { generatePassword, hashPassword } from '../auth/password-hash.ts';
import type { SessionRepository } from '../auth/session.repository.ts';
import type { UserRepository, UserRow } from './user.repository.ts';
import type { Role } from '../../../domain/types.ts';

export function toUser(u: UserRow): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    entryScope: JSON.parse(u.entry_scope) as string[],
    viewScope: JSON.parse(u.view_scope) as string[],
    workTeamId: u.work_team_id,
    mustChangePassword: u.must_change_password === 1,
    disabled: u.disabled === 1,
    lockedUntil: u.locked_until,
    version: u.version,
    createdAt: u.created_at,
  };
}

export class UsersService {
  private readonly repo: UserRepository;
  private readonly sessions: SessionRepository;
  private readonly clock: Clock;
  private readonly org: () => OrgIndex;
  private readonly sessionCache: { forgetUser(id: string): void; forgetSession(id: string): void };

  constructor(deps: {
    repo: UserRepository;
    sessions: SessionRepository;
    clock: Clock;
    org: () => OrgIndex;
    sessionCache: { forgetUser(id: string): void; forgetSession(id: string): void };
  }) {
    this.sessionCache = deps.sessionCache;
    this.repo = deps.repo;
    this.sessions = deps.sessions;
    this.clock = deps.clock;
    this.org = deps.org;
  }

  async getRow(id: string): Promise<UserRow> {
    const u = await this.repo.findById(id);
    if (!u) throw notFound({ zh: '用户', en: 'User' });
    return u;
  }

  async list(): Promise<User[]> {
    return (await this.repo.list()).map(toUser);
  }

  private checkScopes(input: { entryScope: string[]; viewScope: string[] }): void {
    const issues = (['entryScope', 'viewScope'] as const).flatMap((field) =>
      input[field].flatMap((id, i) =>
        this.org().get(id) ? [] : [{ field: `${field}.${i}`, message: `未知单位 ${id} / unknown org unit ${id}` }],
      ),
    );
    if (issues.length > 0) throw validation(issues);
  }

  /** Creates an account with a random initial password, shown once; it must be changed at first sign-in. */
  async create(input: z.infer<typeof createUserSchema>): Promise<{ user: User; initialPassword: string }> {
    this.checkScopes(input);
    if (await this.repo.findByUsername(input.username)) {
      throw new AppError('CONFLICT', { zh: `用户名 ${input.username} 已存在`, en: `User name ${input.username} is taken` });
    }
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
      disabled: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insert(row);
    return { user: toUser(row), initialPassword };
  }

  async update(id: string, input: z.infer<typeof updateUserSchema>): Promise<User> {
    this.checkScopes(input);
    await this.getRow(id);
    const ok = await this.repo.update(id, input.version, {
      display_name: input.displayName,
      role: input.role,
      entry_scope: JSON.stringify(input.entryScope),
      view_scope: JSON.stringify(input.viewScope),
      work_team_id: input.workTeamId,
      disabled: input.disabled ? 1 : 0,
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw new AppError('CONFLICT');
    this.sessionCache.forgetUser(id);
    if (input.disabled) await this.sessions.endAllForUser(id, this.clock.now().toISOString());
    return toUser(await this.getRow(id));
  }

  async resetPassword(id: string): Promise<string> {
    const user = await this.getRow(id);
    const password = generatePassword();
    const now = this.clock.now().toISOString();
    const ok = await this.repo.update(id, user.version, {
      password_hash: await hashPassword(password),
      must_change_password: 1,
      password_changed_at: now,
      failed_attempts: 0,
      locked_until: null,
      updated_at: now,
    });
    if (!ok) throw new AppError('CONFLICT');
    await this.sessions.endAllForUser(id, now);
    this.sessionCache.forgetUser(id);
    return password;
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

  async endSession(id: string): Promise<void> {
    this.sessionCache.forgetSession(id);
    await this.sessions.end(id, this.clock.now().toISOString());
  }
}
