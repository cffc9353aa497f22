import { z } from 'zod';
import { defineRoute } from '../contract.ts';
import { okSchema, roleSchema } from './common.ts';

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
  /** The password must be changed before anything else: initial, reset, or older than the policy allows. */
  mustChangePassword: z.boolean(),
  /** The account signs in with a one-time code (TOTP). */
  mfaEnabled: z.boolean(),
  /** The role requires a second factor and the account has none: only enrolment is possible until it is set up. */
  mfaEnrolmentRequired: z.boolean(),
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

/** A six-digit code from the authenticator app, or (where accepted) a recovery code such as K7QMZ-P9XTR. */
const otpSchema = z.string().trim().min(6).max(32);

export const mfaStartResponseSchema = z.object({
  /** Base32 secret, to type into the app by hand. */
  secret: z.string(),
  /** The otpauth:// URL an authenticator app reads (as a QR code, or pasted). */
  otpauthUrl: z.string(),
});

/** Binding a second factor asks for the current password, at the start and at the confirmation. */
export const mfaStartRequestSchema = z.object({ password: z.string().min(1).max(256) });
export const mfaConfirmRequestSchema = z.object({ otp: otpSchema, password: z.string().min(1).max(256) });
export const mfaConfirmResponseSchema = z.object({
  /** Single-use codes for a lost phone: shown this once, stored only as hashes. */
  recoveryCodes: z.array(z.string()),
});

export const mfaDisableRequestSchema = z.object({
  password: z.string().min(1).max(256),
  otp: otpSchema,
});

export const signOutEverywhereResponseSchema = z.object({ ended: z.number().int() });

/** The password rules in force, for the change-password form. */
export const passwordRulesSchema = z.object({
  minLength: z.number().int(),
  minClasses: z.number().int(),
  historyCount: z.number().int(),
  maxAgeDays: z.number().int(),
});
export type PasswordRules = z.infer<typeof passwordRulesSchema>;

const tags = ['auth'];
/** The account's own routes answer before a forced password change and before second-factor enrolment. */
const own = { access: 'authenticated', allowPasswordChangePending: true, allowMfaEnrolmentPending: true } as const;
/** A second factor is bound before a forced password change (a first sign-in), but not with a reset password. */
const enrolment = { ...own, refusedWhileResetPending: true } as const;

export const authRoutes = {
  login: defineRoute({
    method: 'POST',
    path: '/auth/login',
    tags,
    summary: '登录 Sign in',
    access: 'public',
    body: loginRequestSchema,
    response: sessionResponseSchema,
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/auth/logout',
    tags,
    summary: '退出 Sign out',
    ...own,
    response: okSchema,
  }),
  logoutEverywhere: defineRoute({
    method: 'POST',
    path: '/auth/logout-everywhere',
    tags,
    summary: '退出所有设备 Sign out everywhere (every session of mine)',
    ...own,
    response: signOutEverywhereResponseSchema,
  }),
  me: defineRoute({
    method: 'GET',
    path: '/auth/me',
    tags,
    summary: '当前用户 Current user',
    ...own,
    response: sessionResponseSchema,
  }),
  passwordRules: defineRoute({
    method: 'GET',
    path: '/auth/password-rules',
    tags,
    summary: '密码规则 Password rules in force',
    ...own,
    response: passwordRulesSchema,
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: '/auth/password',
    tags,
    summary: '修改密码 Change password',
    ...own,
    body: changePasswordRequestSchema,
    response: okSchema,
  }),
  mfaStart: defineRoute({
    method: 'POST',
    path: '/auth/mfa/start',
    tags,
    summary: '开始绑定动态验证码（须当前密码）Start second-factor enrolment (current password)',
    ...enrolment,
    body: mfaStartRequestSchema,
    response: mfaStartResponseSchema,
  }),
  mfaConfirm: defineRoute({
    method: 'POST',
    path: '/auth/mfa/confirm',
    tags,
    summary: '确认绑定 Confirm enrolment with a code',
    ...enrolment,
    body: mfaConfirmRequestSchema,
    response: mfaConfirmResponseSchema,
  }),
  mfaDisable: defineRoute({
    method: 'POST',
    path: '/auth/mfa/disable',
    tags,
    summary: '停用动态验证码 Switch the second factor off',
    access: 'authenticated',
    body: mfaDisableRequestSchema,
    response: okSchema,
  }),
};
