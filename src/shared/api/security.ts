import { z } from 'zod';

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
