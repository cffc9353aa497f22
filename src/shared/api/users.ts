import { z } from 'zod';
import { idSchema, roleSchema } from './common.ts';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** Null until the security administrator authorises the account (it cannot sign in until then). */
  role: roleSchema.nullable(),
  entryScope: z.array(z.string()),
  viewScope: z.array(z.string()),
  workTeamId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  mfaEnabled: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

/**
 * The system administrator creates an account with a name only: it has no role and cannot sign in until the
 * security administrator authorises it (src/server/security/duties.ts).
 */
export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .regex(/^[a-z][a-z0-9_.-]*$/, {
      message: '用户名只能包含小写字母、数字和 _ . - / lower-case letters, digits, _ . -',
    }),
  displayName: z.string().trim().min(1).max(64),
});

/** The system administrator's edit: the name shown, and whether the account is disabled. */
export const updateUserSchema = z.object({
  displayName: z.string().trim().min(1).max(64),
  disabled: z.boolean(),
  version: z.number().int(),
});

/** The security administrator's authorisation: a business role, the two scopes and the work team. */
export const assignRightsSchema = z.object({
  role: roleSchema,
  entryScope: z.array(idSchema).max(50),
  viewScope: z.array(idSchema).min(1).max(50),
  workTeamId: idSchema.nullable().default(null),
  version: z.number().int(),
});

export const createdUserSchema = z.object({ user: userSchema, initialPassword: z.string() });

export const activeSessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  ip: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
