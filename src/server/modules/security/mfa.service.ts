import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import { bilingual, AppError, validation } from '../../errors.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { FieldCrypto } from '../../security/field-crypto.ts';
import { mfaRequired } from '../../security/password-policy.ts';
import { acceptTotp, generateRecoveryCodes, generateSecret, otpauthUrl, useRecoveryCode } from '../../security/totp.ts';
import { TOTP_SECRET_CONTEXT } from '../auth/auth.service.ts';
import { UserRepository, type UserRow } from '../users/user.repository.ts';
import type { SecurityPolicyService } from './policy.service.ts';

const wrongCode = () =>
  validation([{ field: 'otp', ...bilingual('动态验证码错误或已使用', 'wrong or already used one-time code') }], {
    zh: '动态验证码错误或已使用',
    en: 'Wrong or already used one-time code',
  });

/**
 * The user's own second factor (TOTP, RFC 6238): enrolment in two steps — start (a new secret, shown once as text and
 * as an otpauth URL) and confirm (a code from the app proves it was set up; recovery codes are shown once) — and
 * switching it off where the role allows. The secret is stored encrypted (field-crypto.ts), recovery codes as hashes.
 */
export class MfaService {
  private readonly db: Queryable;
  private readonly users: UserRepository;
  private readonly clock: Clock;
  private readonly policy: SecurityPolicyService;
  private readonly auditor: Auditor;
  private readonly fieldCrypto: () => FieldCrypto;
  private readonly forgetUser: (userId: string) => Promise<void>;
  private readonly verifyOwnPassword: (actor: Actor, password: string, action: string) => Promise<UserRow>;

  constructor(deps: {
    db: Queryable;
    clock: Clock;
    policy: SecurityPolicyService;
    auditor: Auditor;
    fieldCrypto: () => FieldCrypto;
    forgetUser: (userId: string) => Promise<void>;
    /** AuthService.verifyOwnPassword: a wrong password counts towards the lockout. */
    verifyOwnPassword: (actor: Actor, password: string, action: string) => Promise<UserRow>;
  }) {
    this.db = deps.db;
    this.users = new UserRepository(deps.db);
    this.clock = deps.clock;
    this.policy = deps.policy;
    this.auditor = deps.auditor;
    this.fieldCrypto = deps.fieldCrypto;
    this.forgetUser = deps.forgetUser;
    this.verifyOwnPassword = deps.verifyOwnPassword;
  }

  private async user(actor: Actor): Promise<UserRow> {
    const u = await this.users.findById(actor.userId);
    if (!u) throw new AppError('UNAUTHENTICATED');
    return u;
  }

  /**
   * A new secret, pending until confirmed. Refused while a second factor is on: replacing it must go through
   * switching it off (where allowed) or a reset by the security administrator, so that a stolen session cannot
   * quietly move someone's second factor to another phone.
   */
  /** Enrolment asks for the current password (an open session alone must not bind a phone to the account). */
  async start(actor: Actor, password: string): Promise<{ secret: string; otpauthUrl: string }> {
    const u = await this.user(actor);
    if (u.totp_enabled === 1) {
      throw new AppError('INVALID_STATE', {
        zh: '已启用动态验证码；如需更换手机，请先停用，或请安全管理员重置',
        en: 'One-time codes are already on; switch them off first, or ask the security administrator for a reset',
      });
    }
    await this.verifyOwnPassword(actor, password, 'mfa.enrolStart');
    const secret = generateSecret();
    await this.db.transaction().execute(async (trx) => {
      await new UserRepository(trx).setAuthState(u.id, {
        totp_secret: this.fieldCrypto().encrypt(secret, TOTP_SECRET_CONTEXT),
        totp_enabled: 0,
        totp_last_step: null,
      });
      await this.auditor.record({ action: 'mfa.enrolStart', objectType: 'user', objectId: u.id }, trx);
    });
    return { secret, otpauthUrl: otpauthUrl(secret, u.username) };
  }

  /** Proves the app was set up with the pending secret; switches the second factor on and issues recovery codes. */
  async confirm(actor: Actor, otp: string, password: string): Promise<{ recoveryCodes: string[] }> {
    const u = await this.user(actor);
    if (u.totp_enabled === 1 || !u.totp_secret) {
      throw new AppError('INVALID_STATE', {
        zh: '没有待确认的动态验证码绑定，请重新开始',
        en: 'No enrolment is waiting for confirmation; start again',
      });
    }
    await this.verifyOwnPassword(actor, password, 'mfa.enable');
    const secret = this.fieldCrypto().decrypt(u.totp_secret, TOTP_SECRET_CONTEXT);
    const check = acceptTotp(secret, otp, this.clock.now().getTime(), u.totp_last_step);
    if (!check.ok) {
      await this.auditor.record({
        action: 'mfa.enable',
        outcome: 'failure',
        objectType: 'user',
        objectId: u.id,
        detail: { reason: check.reason },
      });
      throw wrongCode();
    }
    const { codes, hashes } = generateRecoveryCodes();
    await this.db.transaction().execute(async (trx) => {
      await new UserRepository(trx).setAuthState(u.id, {
        totp_enabled: 1,
        totp_last_step: check.step,
        recovery_codes: JSON.stringify(hashes),
      });
      await this.auditor.record(
        { action: 'mfa.enable', objectType: 'user', objectId: u.id, detail: { recoveryCodes: hashes.length } },
        trx,
      );
    });
    await this.forgetUser(u.id);
    return { recoveryCodes: codes };
  }

  /**
   * Switches the second factor off: only for a role the policy does not require it of, and only with the password
   * and a current code (or a recovery code), so that a session left open is not enough.
   */
  async disable(actor: Actor, password: string, otp: string): Promise<void> {
    const u = await this.user(actor);
    const policy = await this.policy.current();
    if (mfaRequired(u.role, policy)) {
      throw new AppError('FORBIDDEN', {
        zh: '您的角色必须使用动态验证码，不能停用',
        en: 'Your role must use one-time codes; they cannot be switched off',
      });
    }
    if (u.totp_enabled !== 1 || !u.totp_secret) {
      throw new AppError('INVALID_STATE', { zh: '未启用动态验证码', en: 'One-time codes are not on' });
    }
    // Wrong passwords here count towards the lockout, as on /auth/password: a stolen session cannot guess on.
    await this.verifyOwnPassword(actor, password, 'mfa.disable');
    const typed = otp.trim();
    const ok = /^\d{6}$/.test(typed.replace(/\s/g, ''))
      ? acceptTotp(
          this.fieldCrypto().decrypt(u.totp_secret, TOTP_SECRET_CONTEXT),
          typed,
          this.clock.now().getTime(),
          u.totp_last_step,
        ).ok
      : useRecoveryCode(typed, JSON.parse(u.recovery_codes ?? '[]') as string[]) !== null;
    if (!ok) {
      await this.auditor.record({
        action: 'mfa.disable',
        outcome: 'failure',
        objectType: 'user',
        objectId: u.id,
        detail: { reason: 'wrongCode' },
      });
      throw wrongCode();
    }
    await this.db.transaction().execute(async (trx) => {
      await new UserRepository(trx).setAuthState(u.id, {
        totp_secret: null,
        totp_enabled: 0,
        totp_last_step: null,
        recovery_codes: null,
      });
      await this.auditor.record({ action: 'mfa.disable', objectType: 'user', objectId: u.id }, trx);
    });
    await this.forgetUser(u.id);
  }
}
