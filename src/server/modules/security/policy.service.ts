import { HOUSEHOLD_ROLES } from '../../../domain/households/registry.ts';
import { ROLES } from '../../../domain/types.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import { bilingual, validation } from '../../errors.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import { PRIVILEGED_ROLES } from '../../security/duties.ts';
import { defaultPasswordPolicy, type PasswordPolicy } from '../../security/password-policy.ts';
import { loadPolicy, savePolicy } from '../../security/policy-store.ts';

/**
 * Roles that must always use a second factor, whatever the security administrator configures: the three privileged
 * roles, and the household roles that see household personal data in full (issue 3: "required for administrators
 * and for anyone who may see household personal data"; issue 8).
 */
export const ALWAYS_MFA_ROLES: readonly string[] = [...PRIVILEGED_ROLES, ...HOUSEHOLD_ROLES];

/**
 * How long the policy is answered from memory at most. A change applies at once here and, through the change signal
 * (`security.policyChanged`), on the other servers as soon as they hear it; this bounds a change made by hand.
 */
const CACHE_MS = 5_000;

/** The security policy in force (password rules, lockout, idle timeout, second factor), read and changed. */
export class SecurityPolicyService {
  private readonly db: Queryable;
  private readonly clock: Clock;
  private readonly auditor: Auditor;
  private readonly defaults: PasswordPolicy;
  private cached: { policy: PasswordPolicy; atMs: number } | null = null;
  private readonly events: EventBus | null;

  constructor(deps: { db: Queryable; clock: Clock; auditor: Auditor; idleMinutesDefault: number; events?: EventBus }) {
    this.db = deps.db;
    this.events = deps.events ?? null;
    this.events?.on('security.policyChanged', () => {
      this.cached = null;
    });
    this.clock = deps.clock;
    this.auditor = deps.auditor;
    this.defaults = { ...defaultPasswordPolicy(), idleMinutes: Math.min(deps.idleMinutesDefault, 30) };
  }

  /** The policy in force; a copy, so that callers cannot change the cached one. */
  async current(): Promise<PasswordPolicy> {
    const now = this.clock.now().getTime();
    if (!this.cached || now - this.cached.atMs >= CACHE_MS || now < this.cached.atMs) {
      this.cached = { policy: await loadPolicy(this.db, this.defaults), atMs: now };
    }
    return { ...this.cached.policy, mfaRequiredRoles: [...this.cached.policy.mfaRequiredRoles] };
  }

  /**
   * Replaces the policy, after the checks of the schema (never weaker than the platform promises) and two of its
   * own: every role named exists, and the roles that must always use a second factor are among them. The change and
   * its audit record (old and new values) commit together.
   */
  async update(input: unknown): Promise<PasswordPolicy> {
    const roles = (input as { mfaRequiredRoles?: unknown } | null)?.mfaRequiredRoles;
    if (Array.isArray(roles)) {
      const issues = [
        ...roles
          .filter((r): r is string => typeof r === 'string' && !(ROLES as readonly string[]).includes(r))
          .map((r) => ({ field: 'mfaRequiredRoles', ...bilingual(`未知角色 ${r}`, `unknown role ${r}`) })),
        ...ALWAYS_MFA_ROLES.filter((r) => !roles.includes(r)).map((r) => ({
          field: 'mfaRequiredRoles',
          ...bilingual(`${r} 必须使用双因素认证`, `${r} must always use a second factor`),
        })),
      ];
      if (issues.length > 0) throw validation(issues, { zh: '安全策略有误', en: 'The security policy is invalid' });
    }
    const saved = await this.db.transaction().execute(async (trx) => {
      const before = await loadPolicy(trx, this.defaults);
      const after = await savePolicy(trx, input);
      await this.auditor.change(
        {
          action: 'security.policy.update',
          objectType: 'setting',
          objectId: 'security.policy',
          before: { ...before },
          after: { ...after },
        },
        trx,
      );
      return after;
    });
    this.events?.emit('security.policyChanged', {});
    this.cached = { policy: saved, atMs: this.clock.now().getTime() };
    return { ...saved, mfaRequiredRoles: [...saved.mfaRequiredRoles] };
  }
}
