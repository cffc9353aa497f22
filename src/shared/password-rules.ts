/**
 * The checks a new password must pass, pure, shared by the server (which enforces them with the stored policy) and
 * the change-password form (which shows them as the user types, with the rules it asked `/auth/password-rules`
 * for). Reuse of a recent password needs the stored hashes and is checked by the server alone.
 */
import type { PasswordRules } from './api/auth.ts';

/**
 * Past this a password is refused whatever the policy: scrypt would hash a megabyte happily, and a sign-in form that
 * accepts one is a cheap way to burn server CPU.
 */
export const MAX_PASSWORD_LENGTH = 128;

/** One rule a candidate password breaks, with the message for either language. */
export interface PasswordViolation {
  code: 'tooShort' | 'tooLong' | 'tooFewClasses' | 'containsUsername';
  zh: string;
  en: string;
}

/** The four character classes of the rule; anything that is not a letter case or a digit counts as a symbol. */
export function characterClasses(password: string): {
  upper: boolean;
  lower: boolean;
  digit: boolean;
  symbol: boolean;
} {
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  for (const ch of password) {
    if (/\p{Lu}/u.test(ch)) upper = true;
    else if (/\p{Ll}/u.test(ch)) lower = true;
    else if (/\p{Nd}/u.test(ch)) digit = true;
    else symbol = true;
  }
  return { upper, lower, digit, symbol };
}

/** Length as the user counts it: code points, not UTF-16 units ('攀枝花' is three characters). */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

/**
 * Every rule of the policy that `password` breaks; an empty list means it may be used (apart from reuse).
 *
 * @example
 * const policy = { minLength: 8, minClasses: 3 };
 * checkPassword('panzhihua', { username: 'xiqu01', policy })
 * // → [{ code: 'tooFewClasses', zh: '密码须包含大写字母、小写字母、数字、符号中的至少 3 类', en: '…' }]
 * checkPassword('Xiqu01-2024', { username: 'xiqu01', policy })
 * // → [{ code: 'containsUsername', … }]   (case does not matter)
 * checkPassword('Pzh#2024ok', { username: 'xiqu01', policy })  // → []
 */
export function checkPassword(
  password: string,
  { username, policy }: { username: string; policy: Pick<PasswordRules, 'minLength' | 'minClasses'> },
): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  const length = passwordLength(password);
  if (length < policy.minLength) {
    violations.push({
      code: 'tooShort',
      zh: `密码长度至少为 ${policy.minLength} 位`,
      en: `The password must be at least ${policy.minLength} characters long`,
    });
  }
  if (length > MAX_PASSWORD_LENGTH) {
    violations.push({
      code: 'tooLong',
      zh: `密码长度不能超过 ${MAX_PASSWORD_LENGTH} 位`,
      en: `The password must be at most ${MAX_PASSWORD_LENGTH} characters long`,
    });
  }
  const classes = Object.values(characterClasses(password)).filter(Boolean).length;
  if (classes < policy.minClasses) {
    violations.push({
      code: 'tooFewClasses',
      zh: `密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`,
      en: `The password must mix at least ${policy.minClasses} of: upper case, lower case, digits, symbols`,
    });
  }
  const name = username.trim().toLowerCase();
  if (name !== '' && password.toLowerCase().includes(name)) {
    violations.push({
      code: 'containsUsername',
      zh: '密码不能包含用户名',
      en: 'The password must not contain the user name',
    });
  }
  return violations;
}
