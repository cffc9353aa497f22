import { z } from 'zod';
import { defineRoute } from '../contract.ts';
import { idSchema, okSchema, roleSchema } from './common.ts';

/**
 * Exchange without retyping (issue 12): service accounts and their API tokens, identifier mappings, DHIS2 data value
 * sets and ADX, SDMX-CSV, signed notifications. docs/exchange.md says what each format holds.
 */

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `gft_` and the first characters of the token, to tell tokens apart; never the token. */
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  /** active | expired | revoked, at the time of the answer. */
  state: z.enum(['active', 'expired', 'revoked']),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const serviceAccountSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  systemName: z.string(),
  description: z.string().nullable(),
  /** Null until the security administrator authorises the account: its tokens open nothing until then. */
  role: roleSchema.nullable(),
  entryScope: z.array(z.string()),
  viewScope: z.array(z.string()),
  disabled: z.boolean(),
  version: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  tokens: z.array(apiTokenSchema),
});
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

export const createServiceAccountSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .regex(/^[a-z][a-z0-9_.-]*$/, {
      message: '用户名只能包含小写字母、数字和 _ . - / lower-case letters, digits, _ . -',
    }),
  displayName: z.string().trim().min(1).max(64),
  systemName: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).nullable().default(null),
});

/** Longest life of a token: a year. A token that must live longer is issued again. */
export const MAX_TOKEN_DAYS = 365;

export const issueTokenSchema = z.object({
  name: z.string().trim().min(1).max(64),
  expiresInDays: z
    .number()
    .int()
    .min(1, { message: '有效期至少 1 天 / at least 1 day' })
    .max(MAX_TOKEN_DAYS, {
      message: `有效期最多 ${MAX_TOKEN_DAYS} 天 / at most ${MAX_TOKEN_DAYS} days`,
    }),
});

export const issuedTokenSchema = z.object({
  /** Shown once: only its hash is kept. */
  token: z.string(),
  info: apiTokenSchema,
});

/** Who a token is, as the token itself sees it (GET /exchange/whoami). */
export const whoamiSchema = z.object({
  username: z.string(),
  role: roleSchema,
  entryScope: z.array(z.string()),
  viewScope: z.array(z.string()),
  token: z.object({ id: z.string(), name: z.string(), expiresAt: z.string() }).nullable(),
});

const tags = ['exchange'] as const;
const byId = z.object({ id: idSchema });

export const exchangeRoutes = {
  serviceAccounts: defineRoute({
    method: 'GET',
    path: '/exchange/service-accounts',
    tags,
    summary: '服务账户与令牌 Service accounts and their tokens',
    access: ['admin', 'securityAdmin', 'coordinator'],
    response: z.array(serviceAccountSchema),
  }),
  createServiceAccount: defineRoute({
    method: 'POST',
    path: '/exchange/service-accounts',
    tags,
    summary: '新建服务账户（无角色，待安全管理员授权）Create a service account (no role until authorised)',
    access: ['admin'],
    body: createServiceAccountSchema,
    response: serviceAccountSchema,
  }),
  issueToken: defineRoute({
    method: 'POST',
    path: '/exchange/service-accounts/:id/tokens',
    tags,
    summary: '签发 API 令牌（只显示一次）Issue an API token (shown once)',
    access: ['admin'],
    params: byId,
    body: issueTokenSchema,
    response: issuedTokenSchema,
  }),
  revokeToken: defineRoute({
    method: 'POST',
    path: '/exchange/tokens/:id/revoke',
    tags,
    summary: '吊销 API 令牌 Revoke an API token',
    access: ['admin', 'securityAdmin'],
    params: byId,
    response: okSchema,
  }),
  whoami: defineRoute({
    method: 'GET',
    path: '/exchange/whoami',
    tags,
    summary: '当前身份（令牌可调用）Who is calling (for tokens)',
    access: 'authenticated',
    allowToken: true,
    response: whoamiSchema,
  }),
};
