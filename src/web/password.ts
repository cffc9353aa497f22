/**
 * The password rules the server enforces on every new password (auth.service `basicPolicyProblems`): checked as
 * the user types, so the form says what is wrong before the server does.
 */
import type { MsgId } from './i18n.ts';

export interface PasswordRule {
  id: MsgId;
  ok: boolean;
}

export function passwordClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
}

export function passwordRules(password: string, username: string, current?: string): PasswordRule[] {
  const rules: PasswordRule[] = [
    { id: 'password.ruleLength', ok: password.length >= 8 },
    { id: 'password.ruleClasses', ok: passwordClasses(password) >= 3 },
    { id: 'password.ruleUsername', ok: !username || !password.toLowerCase().includes(username.toLowerCase()) },
  ];
  if (current !== undefined)
    rules.push({ id: 'password.ruleDifferent', ok: password.length > 0 && password !== current });
  return rules;
}
