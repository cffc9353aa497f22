import { z } from 'zod';
import { roleSchema } from './common.ts';

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  /** Six-digit one-time code or a recovery code, when the account has a second factor. */
  otp: z.string().trim().max(32).optional(),
});

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  entryScope: z.array(z.string()),
  viewScope: z.array(z.string()),
  workTeamId: z.string().nullable(),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionResponseSchema = z.object({
  user: meSchema,
  csrfToken: z.string(),
  demoMode: z.boolean(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
