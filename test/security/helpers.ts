import { buildUser } from '../../src/server/factories.ts';
import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/domain/types.ts';
import { hashPassword } from '../../src/server/modules/auth/password-hash.ts';
import { TOTP_SECRET_CONTEXT } from '../../src/server/modules/auth/auth.service.ts';
import type { AuditFilter, AuditRecord } from '../../src/server/security/audit.ts';
import { isPrivileged } from '../../src/server/security/duties.ts';
import { HOUSEHOLD_ROLES } from '../../src/domain/households/registry.ts';
import { TEST_PASSWORD, TEST_TOTP_SECRET, type Client, type TestApp } from '../app.ts';

/** A sign-in as the web app sends it, from `ip` (127.0.0.1 unless said). */
export function login(
  t: TestApp,
  body: { username: string; password: string; otp?: string },
  ip = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress: ip });
}

/** A client of the session a successful sign-in answer opened. */
export function clientOf(t: TestApp, res: LightMyRequestResponse, username = ''): Client {
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    username,
    csrf,
    cookie,
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body ?? {}),
    put: (url, body) => send('PUT', url, body ?? {}),
    delete: (url) => send('DELETE', url),
  };
}

let seq = 0;

/**
 * An account made straight in the database (a factory, not through the duties): `role`, scopes, the test password,
 * no forced change; privileged roles get the test TOTP secret, as the demo accounts do in the test app.
 */
export async function makeUser(
  t: TestApp,
  spec: {
    role: Role | 'unassigned';
    viewScope?: string[];
    entryScope?: string[];
    workTeamId?: string | null;
    username?: string;
    mustChange?: boolean;
  },
): Promise<{ id: string; username: string }> {
  const username = spec.username ?? `u${(++seq).toString(36)}${crypto.randomBytes(3).toString('hex')}`;
  const id = crypto.randomUUID();
  const now = t.clock.now().toISOString();
  // The household roles, like the privileged ones, always sign in with a second factor.
  const privileged = isPrivileged(spec.role) || (HOUSEHOLD_ROLES as readonly string[]).includes(spec.role);
  await t.ctx.db.kysely
    .insertInto('users')
    .values(
      buildUser({
        id,
        username,
        displayName: `测试 ${username}`,
        passwordHash: await hashPassword(TEST_PASSWORD),
        // 'unassigned' is not a role: tests use it to see what the server does with an account it cannot place.
        role: spec.role as Role,
        entryScope: spec.entryScope ?? [],
        viewScope: spec.viewScope ?? [],
        workTeamId: spec.workTeamId ?? null,
        mustChangePassword: spec.mustChange ?? false,
        totpSecret: privileged ? t.ctx.fieldCrypto().encrypt(TEST_TOTP_SECRET, TOTP_SECRET_CONTEXT) : null,
        now,
      }),
    )
    .execute();
  return { id, username };
}

/** The audit records matching `filter`, newest first. */
export async function auditOf(t: TestApp, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  return (await t.ctx.auditor.log.search({ ...filter, limit: 1000, offset: 0 })).records;
}

/** The seq of the newest record: take it before an action, then look at what came after. */
export async function auditHead(t: TestApp): Promise<number> {
  return (await auditOf(t))[0]?.seq ?? 0;
}

export async function auditSince(t: TestApp, seq: number, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  return (await auditOf(t, filter)).filter((r) => r.seq > seq).reverse();
}

export const errorCode = (res: LightMyRequestResponse): string | undefined =>
  res.json<{ error?: { code: string } }>().error?.code;
