import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { ApiTokenRow, ServiceAccountRow } from '../../db/exchange-tables.ts';
import type { Queryable } from '../../db/transaction.ts';
import { AppError, notFound, RateLimitedError } from '../../errors.ts';
import type { Auditor } from '../../security/auditor.ts';
import { roleOrNull, SERVICE_ACCOUNT_PASSWORD, UNASSIGNED_ROLE } from '../../security/duties.ts';
import { StoredRateLimiter } from '../../security/shared-rate-limit.ts';
import { SharedStateRepository } from '../../security/shared-state.repository.ts';
import type {
  ApiToken,
  createServiceAccountSchema,
  issueTokenSchema,
  ServiceAccount,
} from '../../../shared/api/exchange.ts';
import { UserRepository, type UserRow } from '../users/user.repository.ts';
import { newUserRow } from '../users/user.row.ts';
import { TokenRepository } from './token.repository.ts';

/** Every token starts with this, so that a leaked one is recognised by secret scanners and by people. */
export const TOKEN_PREFIX = 'gft_';

/** SHA-256 of a token, hex: what is stored. A token carries 256 random bits, so a fast hash is enough. */
export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** The state of a token at `now`. */
export function tokenState(t: ApiTokenRow, now: Date): ApiToken['state'] {
  if (t.revoked_at !== null) return 'revoked';
  return new Date(t.expires_at).getTime() <= now.getTime() ? 'expired' : 'active';
}

function toToken(t: ApiTokenRow, now: Date): ApiToken {
  return {
    id: t.id,
    name: t.name,
    prefix: `${TOKEN_PREFIX}${t.prefix}…`,
    createdBy: t.created_by,
    createdAt: t.created_at,
    expiresAt: t.expires_at,
    revokedAt: t.revoked_at,
    revokedBy: t.revoked_by,
    lastUsedAt: t.last_used_at,
    state: tokenState(t, now),
  };
}

/** What a valid token opens: the account's actor, and the token's name for the audit trail. */
export interface TokenAuthenticated {
  actor: Actor;
  token: { id: string; name: string; expiresAt: string };
}

/** How often a token's last-used time is written: once a minute is enough to tell a live token from a dead one. */
const TOUCH_MS = 60_000;

/**
 * Service accounts and API tokens (issue 12), under the separation of duties (src/server/security/duties.ts):
 * - the system administrator creates a service account — a `users` row with no role and no password that any
 *   password could match ({@link SERVICE_ACCOUNT_PASSWORD}) — and issues its tokens;
 * - the security administrator authorises it like any account (PUT /users/:id/rights: a business role, the entry
 *   and view scopes), and may revoke a token, as may the system administrator;
 * - a token is shown once; only its SHA-256 is stored, with a name, an expiry (at most a year) and its revocation.
 *
 * A token is checked against the database on every request, so a revoked or expired one is refused (401) at once,
 * in every process. Each token has its own rate limit.
 */
export class TokenService {
  private readonly db: Queryable;
  private readonly repo: TokenRepository;
  private readonly clock: Clock;
  private readonly auditor: Auditor;
  /** Kept in the database, like the sign-in limits: a token's allowance is one, whichever servers it calls. */
  private readonly limiter: StoredRateLimiter;
  /** Refusals of a known revoked or expired token already recorded, per token, until a minute has passed. */
  private readonly refusalsRecorded = new Map<string, number>();

  constructor(deps: { db: Queryable; clock: Clock; auditor: Auditor; perMinute: number }) {
    this.db = deps.db;
    this.repo = new TokenRepository(deps.db);
    this.clock = deps.clock;
    this.auditor = deps.auditor;
    this.limiter = new StoredRateLimiter({
      limit: deps.perMinute,
      windowMs: 60_000,
      clock: deps.clock,
      repo: new SharedStateRepository(deps.db),
    });
  }

  async list(): Promise<ServiceAccount[]> {
    const accounts = await this.repo.accounts();
    const tokens = await this.repo.tokensOf(accounts.map((a) => a.account.user_id));
    const now = this.clock.now();
    return accounts.map(({ account, user }) =>
      toServiceAccount(
        account,
        user,
        tokens.filter((t) => t.user_id === user.id).map((t) => toToken(t, now)),
      ),
    );
  }

  /** The system administrator's first step: an account with no role, which no password signs in. */
  async create(actor: Actor, input: z.infer<typeof createServiceAccountSchema>): Promise<ServiceAccount> {
    const now = this.clock.now().toISOString();
    const user = {
      ...newUserRow({
        username: input.username,
        displayName: input.displayName,
        role: 'leader',
        entryScope: [],
        viewScope: [],
        workTeamId: null,
        passwordHash: SERVICE_ACCOUNT_PASSWORD,
        mustChangePassword: false,
        now,
      }),
      role: UNASSIGNED_ROLE,
    };
    const account: ServiceAccountRow = {
      user_id: user.id,
      system_name: input.systemName,
      description: input.description,
      created_by: actor.username,
      created_at: now,
    };
    const taken = new AppError('CONFLICT', {
      zh: `用户名 ${input.username} 已存在`,
      en: `User name ${input.username} is taken`,
    });
    await this.db.transaction().execute(async (trx) => {
      if (!(await new UserRepository(trx).insert(user))) throw taken;
      await new TokenRepository(trx).insertAccount(account);
      await this.auditor.change(
        {
          action: 'user.create',
          objectType: 'user',
          objectId: user.id,
          detail: { username: user.username, serviceAccount: true, systemName: input.systemName },
          before: {},
          after: { displayName: user.display_name, role: null, systemName: input.systemName },
        },
        trx,
      );
    });
    return toServiceAccount(account, user, []);
  }

  private async serviceAccount(userId: string): Promise<{ account: ServiceAccountRow; user: UserRow }> {
    const account = await this.repo.account(userId);
    const user = account ? await new UserRepository(this.db).findById(userId) : undefined;
    if (!account || !user) throw notFound({ zh: '服务账户', en: 'Service account' });
    return { account, user };
  }

  /** Issues a named token with an expiry; the token is in the answer once and nowhere else. */
  async issue(
    actor: Actor,
    userId: string,
    input: z.infer<typeof issueTokenSchema>,
  ): Promise<{ token: string; info: ApiToken }> {
    const { user } = await this.serviceAccount(userId);
    if (user.disabled === 1)
      throw new AppError('INVALID_STATE', { zh: '服务账户已停用', en: 'The service account is disabled' });
    const secret = crypto.randomBytes(32).toString('base64url');
    const token = `${TOKEN_PREFIX}${secret}`;
    const now = this.clock.now();
    const row: ApiTokenRow = {
      id: crypto.randomUUID(),
      user_id: userId,
      name: input.name,
      token_hash: tokenHash(token),
      prefix: secret.slice(0, 6),
      created_by: actor.username,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
      revoked_at: null,
      revoked_by: null,
      last_used_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await new TokenRepository(trx).insertToken(row);
      await this.auditor.record(
        {
          action: 'token.issue',
          objectType: 'api_token',
          objectId: row.id,
          detail: { username: user.username, name: row.name, expiresAt: row.expires_at },
        },
        trx,
      );
    });
    return { token, info: toToken(row, now) };
  }

  async revoke(actor: Actor, tokenId: string): Promise<void> {
    const t = await this.repo.token(tokenId);
    if (!t) throw notFound({ zh: 'API 令牌', en: 'API token' });
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (!(await new TokenRepository(trx).revoke(tokenId, actor.username, at)))
        throw new AppError('INVALID_STATE', { zh: '该令牌已吊销', en: 'The token is already revoked' });
      await this.auditor.record(
        { action: 'token.revoke', objectType: 'api_token', objectId: tokenId, detail: { name: t.name } },
        trx,
      );
    });
  }

  /**
   * The actor behind `Authorization: Bearer <token>`, or null: unknown, revoked, expired, an account disabled or
   * not authorised (yet), or not a service account. A known token refused is recorded once a minute; a token past
   * its rate limit throws RATE_LIMITED (429).
   */
  async authenticate(token: string, ip: string): Promise<TokenAuthenticated | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const found = await this.repo.byHash(tokenHash(token));
    if (!found) return null;
    const { token: t, user } = found;
    const now = this.clock.now();
    const role = roleOrNull(user.role);
    const state = tokenState(t, now);
    if (state !== 'active' || user.disabled === 1 || role === null || user.password_hash !== SERVICE_ACCOUNT_PASSWORD) {
      await this.recordRefusal(
        t,
        user,
        ip,
        state !== 'active' ? state : user.disabled === 1 ? 'disabled' : 'unauthorised',
      );
      return null;
    }
    const limit = await this.limiter.hit(`token:${t.id}`);
    if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
    if (t.last_used_at === null || now.getTime() - new Date(t.last_used_at).getTime() >= TOUCH_MS) {
      await this.repo.touch(t.id, now.toISOString());
    }
    return {
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        role,
        entryScope: JSON.parse(user.entry_scope) as string[],
        viewScope: JSON.parse(user.view_scope) as string[],
        workTeamId: user.work_team_id,
        sessionId: `token:${t.id}`,
        ip,
      },
      token: { id: t.id, name: t.name, expiresAt: t.expires_at },
    };
  }

  private async recordRefusal(t: ApiTokenRow, user: UserRow, ip: string, reason: string): Promise<void> {
    const now = this.clock.now().getTime();
    const until = this.refusalsRecorded.get(t.id);
    if (until !== undefined && until > now) return;
    if (this.refusalsRecorded.size > 10_000) this.refusalsRecorded.clear();
    this.refusalsRecorded.set(t.id, now + 60_000);
    await this.auditor.record({
      action: 'token.refused',
      outcome: 'denied',
      userId: user.id,
      username: user.username,
      ip,
      objectType: 'api_token',
      objectId: t.id,
      detail: { name: t.name, reason },
    });
  }
}

function toServiceAccount(account: ServiceAccountRow, user: UserRow, tokens: ApiToken[]): ServiceAccount {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    systemName: account.system_name,
    description: account.description,
    role: roleOrNull(user.role),
    entryScope: JSON.parse(user.entry_scope) as string[],
    viewScope: JSON.parse(user.view_scope) as string[],
    disabled: user.disabled === 1,
    version: user.version,
    createdBy: account.created_by,
    createdAt: account.created_at,
    tokens,
  };
}
