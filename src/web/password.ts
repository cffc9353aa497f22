/**
 * The change-password checklist: the server's own checks (src/shared/password-rules.ts) with the rules in force,
 * as `/auth/password-rules` answers them, so the form says what is wrong before the server does and never
 * promises a weaker rule than the one the security administrator set.
 */
import type { PasswordRules } from '../shared/api/auth.ts';
import { checkPassword, type PasswordViolation } from '../shared/password-rules.ts';
import type { MsgId } from './i18n.ts';

export interface PasswordRule {
  id: MsgId;
  params: Record<string, number>;
  ok: boolean;
}

export function passwordRules(
  password: string,
  { username, rules, current }: { username: string; rules: PasswordRules; current?: string },
): PasswordRule[] {
  const broken = new Set<PasswordViolation['code']>(
    checkPassword(password, { username, policy: rules }).map((v) => v.code),
  );
  const list: PasswordRule[] = [
    {
      id: 'password.ruleLength',
      params: { n: rules.minLength },
      ok: password.length > 0 && !broken.has('tooShort') && !broken.has('tooLong'),
    },
    { id: 'password.ruleClasses', params: { n: rules.minClasses }, ok: !broken.has('tooFewClasses') },
    { id: 'password.ruleUsername', params: {}, ok: !broken.has('containsUsername') },
  ];
  if (current !== undefined)
    list.push({ id: 'password.ruleDifferent', params: {}, ok: password.length > 0 && password !== current });
  return list;
}
