import { z } from 'zod';
import { DUTY } from '../../domain/duties.ts';
import { defineRoute } from '../contract.ts';

/** The security policy as the security administrator reads and writes it (bounds: src/server/security/password-policy.ts). */
export const securityPolicySchema = z.object({
  minLength: z.number().int(),
  minClasses: z.number().int(),
  historyCount: z.number().int(),
  maxAgeDays: z.number().int(),
  lockoutThreshold: z.number().int(),
  lockoutMinutes: z.number().int(),
  idleMinutes: z.number().int(),
  mfaRequiredRoles: z.array(z.string()),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const dateOrTime = z.string().regex(DATE_OR_TIME, {
  message: '日期格式应为 2024-11-05 或 2024-11-05T09:30:00+08:00 / a date or an ISO date-time',
});
const text = z.string().trim().min(1).max(128);

/**
 * The audit administrator's search. A plain date is a day in Beijing time: `from=2024-11-01&to=2024-11-05` is
 * 1 November 00:00 to the end of 5 November.
 */
export const auditFilterSchema = z.object({
  from: dateOrTime.optional(),
  to: dateOrTime.optional(),
  username: text.optional(),
  userId: text.optional(),
  action: text.optional(),
  /** e.g. `auth.` for every sign-in, sign-out and password event. */
  actionPrefix: text.optional(),
  objectType: text.optional(),
  objectId: text.optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  includeArchive: z.enum(['true', 'false']).optional(),
});
export type AuditFilterQuery = z.infer<typeof auditFilterSchema>;
/** The filter as the query string sends it (before parsing). */
export type AuditFilterInput = z.input<typeof auditFilterSchema>;

export const auditSearchSchema = auditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const auditRecordSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  detail: z.record(z.string(), z.unknown()).nullable(),
  prevHash: z.string(),
  hash: z.string(),
  /** SHA-256 or SM3 (GB/T 32905-2016), per record. */
  hashAlg: z.enum(['sha256', 'sm3']),
  archived: z.boolean(),
});
export type AuditRecordDto = z.infer<typeof auditRecordSchema>;

export const auditPageSchema = z.object({ total: z.number().int(), records: z.array(auditRecordSchema) });

export const auditVerifyQuerySchema = z.object({
  /** A head noted earlier (`seq:hash`, as `audit verify` prints it): also catches a removed tail. */
  anchor: z
    .string()
    .regex(/^\d+:[0-9a-f]{64}$/, { message: '格式应为 序号:哈希 / expected seq:hash' })
    .optional(),
});

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  /** Records verified (all of them when ok). */
  count: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
});

/**
 * Security alerts for the security and audit administrators (src/server/modules/security/alert.service.ts):
 * - `passwordSetAfterReset`: a password reset by an administrator (or the operator) was turned into a new one on an
 *   account without a second factor — whoever reset it could have been the one who did; confirm with the owner;
 * - `secretUndecryptable`: a stored second-factor secret could not be decrypted at sign-in (a restore without its
 *   keys, or tampering).
 */
export type AuditVerification = z.infer<typeof auditVerifySchema>;

export const SECURITY_ALERT_KINDS = ['passwordSetAfterReset', 'secretUndecryptable'] as const;
export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];

export const securityAlertSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(SECURITY_ALERT_KINDS),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type SecurityAlert = z.infer<typeof securityAlertSchema>;

export const securityAlertListQuerySchema = z.object({ all: z.enum(['true', 'false']).optional() });
export const securityAlertListSchema = z.object({ open: z.number().int(), alerts: z.array(securityAlertSchema) });
export const acknowledgeAlertSchema = z.object({ note: z.string().trim().max(500).nullable().optional() });

/**
 * The security administrator's policy and alerts, the audit administrator's trail. The trail's exports (CSV, xlsx)
 * are file routes, registered directly in security.routes.ts.
 */
export const securityRoutes = {
  policy: defineRoute({
    method: 'GET',
    path: '/security/policy',
    tags: ['security'],
    summary: '安全策略 Security policy',
    access: DUTY.authorisation,
    response: securityPolicySchema,
  }),
  setPolicy: defineRoute({
    method: 'PUT',
    path: '/security/policy',
    tags: ['security'],
    summary: '修改安全策略 Change the security policy',
    access: DUTY.authorisation,
    body: securityPolicySchema,
    response: securityPolicySchema,
  }),
  alerts: defineRoute({
    method: 'GET',
    path: '/security/alerts',
    tags: ['security'],
    summary: '安全告警 Security alerts (open ones, or all with ?all=true)',
    access: DUTY.alerts,
    query: securityAlertListQuerySchema,
    response: securityAlertListSchema,
  }),
  acknowledgeAlert: defineRoute({
    method: 'POST',
    path: '/security/alerts/:id/acknowledge',
    tags: ['security'],
    summary: '处理安全告警 Acknowledge a security alert',
    access: DUTY.authorisation,
    params: z.object({ id: z.string().min(1).max(64) }),
    body: acknowledgeAlertSchema,
    response: securityAlertSchema,
  }),
  audit: defineRoute({
    method: 'GET',
    path: '/audit',
    tags: ['audit'],
    summary: '查询审计记录 Search the audit trail',
    access: DUTY.audit,
    query: auditSearchSchema,
    response: auditPageSchema,
  }),
  verify: defineRoute({
    method: 'GET',
    path: '/audit/verify',
    tags: ['audit'],
    summary: '校验审计哈希链 Verify the hash chain',
    access: DUTY.audit,
    query: auditVerifyQuerySchema,
    response: auditVerifySchema,
  }),
};
