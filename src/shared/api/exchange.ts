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

// ——— DHIS2 data value sets and ADX ———

const flag = z
  .enum(['true', 'false'], { message: '应为 true 或 false / true or false' })
  .default('false')
  .transform((v) => v === 'true');
/** A mapping scheme's name: `dhis2`, `province`; absent for Gongfu's own codes. */
export const schemeNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, { message: '标识方案名：小写字母、数字、_ - / lower-case letters, digits, _ -' });

export const importStrategySchema = z.enum(['CREATE', 'UPDATE', 'CREATE_AND_UPDATE']);

/** The options of an import, as DHIS2 names them (`dryRun`, `importStrategy`, `atomicMode`), in the query string. */
export const importQuerySchema = z.object({
  dryRun: flag,
  importStrategy: importStrategySchema.default('CREATE_AND_UPDATE'),
  atomicMode: z.enum(['ALL', 'NONE']).default('ALL'),
  /** Another system's identifiers, through the mapping table; absent: Gongfu's codes (indicator, GB/T 2260). */
  scheme: schemeNameSchema.optional(),
  /** Submit the imported values for review (reporters only); default: they land as drafts. */
  submit: flag,
  frameworkId: idSchema.optional(),
  /** The file's name, for the values' history (the sender's word; never used as a path). */
  fileName: z.string().trim().max(200).optional(),
});

export interface ImportOptions {
  dryRun: boolean;
  importStrategy: z.infer<typeof importStrategySchema>;
  atomicMode: 'ALL' | 'NONE';
  scheme: string | null;
  submit: boolean;
  frameworkId?: string | undefined;
}

export const importConflictSchema = z.object({
  /** The identifier (or value) at fault, as the file wrote it. */
  object: z.string(),
  objects: z.record(z.string(), z.string()),
  /** The reason in English, in DHIS2's field; `text` has both languages. */
  value: z.string(),
  text: z.object({ zh: z.string(), en: z.string() }),
  errorCode: z.string(),
  property: z.string(),
  /** 0-based positions of the values among the file's values. */
  indexes: z.array(z.number()),
  /** The CSV line (1 is the header) or null. */
  line: z.number().nullable(),
});
export type ImportConflict = z.infer<typeof importConflictSchema>;

/** DHIS2's import summary, with the description and each conflict's reason also in Chinese. */
export const importSummarySchema = z.object({
  responseType: z.literal('ImportSummary'),
  status: z.enum(['SUCCESS', 'WARNING', 'ERROR']),
  description: z.string(),
  descriptionText: z.object({ zh: z.string(), en: z.string() }),
  importOptions: z.object({
    dryRun: z.boolean(),
    importStrategy: importStrategySchema,
    atomicMode: z.enum(['ALL', 'NONE']),
    idScheme: z.string(),
    submit: z.boolean(),
  }),
  importCount: z.object({ imported: z.number(), updated: z.number(), ignored: z.number(), deleted: z.number() }),
  conflicts: z.array(importConflictSchema),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const dataValueSetQuerySchema = z.object({
  /** One or more periods, DHIS2's codes (`202401`, `2024Q1`, `2024`) or Gongfu's; absent: the framework's year. */
  period: z
    .union([z.string().max(16), z.array(z.string().max(16)).max(20)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  orgUnit: z.string().max(64).optional(),
  children: flag,
  scheme: schemeNameSchema.optional(),
  /** published (default): what leaders see; all: every status the caller may read. */
  status: z.enum(['published', 'all']).default('published'),
  frameworkId: idSchema.optional(),
});
export type DataValueSetQuery = z.infer<typeof dataValueSetQuerySchema>;

// ——— identifier mappings ———

export const mappingKindSchema = z.enum(['dataElement', 'orgUnit']);

export const idMappingSchema = z.object({
  id: z.string(),
  scheme: z.string(),
  kind: mappingKindSchema,
  externalId: z.string(),
  internalCode: z.string(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type IdMapping = z.infer<typeof idMappingSchema>;

export const createMappingSchema = z.object({
  scheme: schemeNameSchema,
  kind: mappingKindSchema,
  /** A data element uid, or an operand `dataElement.categoryOptionCombo`; an org unit uid or code. */
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\s]+$/, { message: '标识不能包含空白 / no blanks in an identifier' }),
  /** The indicator code, or the org unit's GB/T 2260 code or id. */
  internalCode: z.string().trim().min(1).max(64),
  note: z.string().trim().max(200).nullable().default(null),
});

// ——— signed notifications ———

export const NOTIFICATION_EVENTS = ['period.published', 'indicator.red', 'notice.issued', 'notice.escalated'] as const;
export const notificationEventSchema = z.enum(NOTIFICATION_EVENTS);
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

export const receiverSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(notificationEventSchema),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  version: z.number(),
});
export type Receiver = z.infer<typeof receiverSchema>;

export const createReceiverSchema = z.object({
  name: z.string().trim().min(1).max(64),
  url: z
    .string()
    .trim()
    .max(500)
    .url({ message: '应为 http 或 https 地址 / an http or https URL' })
    .refine((u) => /^https?:\/\//i.test(u), { message: '应为 http 或 https 地址 / an http or https URL' }),
  /** The shared secret of the signatures; absent: the server makes one (shown once). */
  secret: z.string().min(16, { message: '密钥至少 16 个字符 / at least 16 characters' }).max(200).optional(),
  events: z.array(notificationEventSchema).min(1).max(NOTIFICATION_EVENTS.length),
});

export const deliverySchema = z.object({
  id: z.string(),
  receiverId: z.string(),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const sdmxQuerySchema = z.object({
  frameworkId: idSchema.optional(),
  orgUnit: z.string().max(64).optional(),
  /** The centre's and reviewers' preview: approved figures too, as provisional (OBS_STATUS P). */
  preview: flag,
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
  mappings: defineRoute({
    method: 'GET',
    path: '/exchange/mappings',
    tags,
    summary: '标识映射 Identifier mappings',
    access: ['coordinator', 'districtReporter', 'departmentReporter'],
    allowToken: true,
    query: z.object({ scheme: schemeNameSchema.optional() }),
    response: z.array(idMappingSchema),
  }),
  createMapping: defineRoute({
    method: 'POST',
    path: '/exchange/mappings',
    tags,
    summary: '新增标识映射 Add an identifier mapping',
    access: ['coordinator'],
    body: createMappingSchema,
    response: idMappingSchema,
  }),
  deleteMapping: defineRoute({
    method: 'DELETE',
    path: '/exchange/mappings/:id',
    tags,
    summary: '删除标识映射 Delete an identifier mapping',
    access: ['coordinator'],
    params: byId,
    response: okSchema,
  }),
  receivers: defineRoute({
    method: 'GET',
    path: '/exchange/receivers',
    tags,
    summary: '通知接收方 Notification receivers',
    access: ['coordinator'],
    response: z.array(receiverSchema),
  }),
  createReceiver: defineRoute({
    method: 'POST',
    path: '/exchange/receivers',
    tags,
    summary: '登记通知接收方（密钥只显示一次）Register a receiver (the secret shown once)',
    access: ['coordinator'],
    body: createReceiverSchema,
    response: z.object({ receiver: receiverSchema, secret: z.string() }),
  }),
  setReceiverActive: defineRoute({
    method: 'PUT',
    path: '/exchange/receivers/:id/active',
    tags,
    summary: '启用或停用接收方 Switch a receiver on or off',
    access: ['coordinator'],
    params: byId,
    body: z.object({ active: z.boolean(), version: z.number().int() }),
    response: receiverSchema,
  }),
  pingReceiver: defineRoute({
    method: 'POST',
    path: '/exchange/receivers/:id/ping',
    tags,
    summary: '发送测试通知 Send a test notification',
    access: ['coordinator'],
    params: byId,
    response: okSchema,
  }),
  deliveries: defineRoute({
    method: 'GET',
    path: '/exchange/deliveries',
    tags,
    summary: '投递记录 Delivery log',
    access: ['coordinator'],
    query: z.object({ receiverId: idSchema.optional() }),
    response: z.array(deliverySchema),
  }),
};
