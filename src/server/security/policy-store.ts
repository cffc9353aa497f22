import type { FieldIssue } from '../../shared/errors.ts';
import { SettingsRepository } from '../db/settings.repository.ts';
import type { Queryable } from '../db/transaction.ts';
import { bilingual, validation } from '../errors.ts';
import { zodText } from '../http/error-handler.ts';
import { defaultPasswordPolicy, passwordPolicySchema, type PasswordPolicy } from './password-policy.ts';

/** The `settings` key under which the security administrator's policy is stored, as JSON. */
export const POLICY_KEY = 'security.policy';

/** The stored policy cannot be read: someone wrote the row by hand. Starting with a guess would be worse. */
export class StoredPolicyInvalidError extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(
      `The stored security policy (settings '${POLICY_KEY}') is invalid: ` +
        issues.map((i) => `${i.field}: ${i.text.en}`).join('; '),
    );
    this.name = 'StoredPolicyInvalidError';
    this.issues = issues;
  }
}

function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(policy)', ...zodText(i.message) }));
}

/**
 * The policy in force: the stored one, or the defaults when none has been saved. Fields added to the policy after a
 * row was saved take their defaults; a stored value that breaks the rules throws {@link StoredPolicyInvalidError}
 * rather than being silently replaced.
 *
 * Pass a transaction to read it inside one. `defaults` replaces the built-in defaults (the configuration's idle
 * timeout, SESSION_IDLE_MINUTES, is the default of `idleMinutes`).
 *
 * @example
 * const policy = await loadPolicy(db.kysely);
 * if (isExpired(user.password_changed_at, clock.now(), policy)) …
 */
export async function loadPolicy(
  q: Queryable,
  defaults: PasswordPolicy = defaultPasswordPolicy(),
): Promise<PasswordPolicy> {
  const value = await new SettingsRepository(q).get(POLICY_KEY);
  if (value === null) return { ...defaults, mfaRequiredRoles: [...defaults.mfaRequiredRoles] };
  let stored: unknown;
  try {
    stored = JSON.parse(value);
  } catch {
    throw new StoredPolicyInvalidError([{ field: '(policy)', ...bilingual('不是有效的 JSON', 'not valid JSON') }]);
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new StoredPolicyInvalidError([{ field: '(policy)', ...bilingual('不是 JSON 对象', 'not a JSON object') }]);
  }
  const parsed = passwordPolicySchema.safeParse({ ...defaults, ...stored });
  if (!parsed.success) throw new StoredPolicyInvalidError(issuesOf(parsed.error));
  return parsed.data;
}

/**
 * Validates `input` as a whole policy and stores it. A bad policy is refused with an AppError VALIDATION listing
 * every bad field (e.g. `minLength: 最短长度不能小于 8 / minLength must be at least 8`); nothing is stored then.
 * Record the change in the audit trail in the same transaction (old and new policy).
 *
 * @example
 * await db.kysely.transaction().execute(async (trx) => {
 *   const before = await loadPolicy(trx);
 *   const after = await savePolicy(trx, body);
 *   await audit.record({ action: 'security.policy.update', detail: { before, after }, … }, trx);
 * });
 */
export async function savePolicy(q: Queryable, input: unknown): Promise<PasswordPolicy> {
  const parsed = passwordPolicySchema.safeParse(input);
  if (!parsed.success) {
    throw validation(issuesOf(parsed.error), { zh: '安全策略有误', en: 'The security policy is invalid' });
  }
  await new SettingsRepository(q).put(POLICY_KEY, JSON.stringify(parsed.data));
  return parsed.data;
}
