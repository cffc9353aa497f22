import { describe, expect, it } from 'vitest';
import { passwordRules } from './password.ts';

const rules = { minLength: 8, minClasses: 3, historyCount: 3, maxAgeDays: 90 };
const failing = (password: string, r = rules, current?: string) =>
  passwordRules(password, { username: 'xiqu01', rules: r, current })
    .filter((x) => !x.ok)
    .map((x) => x.id);

describe('the change-password checklist', () => {
  it('follows the rules in force, not fixed numbers', () => {
    expect(failing('Pzh#2024ok')).toEqual([]);
    // The security administrator raised the length to 12 and asks for all four classes.
    const stricter = { ...rules, minLength: 12, minClasses: 4 };
    expect(failing('Pzh#2024ok', stricter)).toEqual(['password.ruleLength']);
    expect(failing('Pzh2024okokok', stricter)).toEqual(['password.ruleClasses']);
    expect(passwordRules('', { username: 'x', rules: stricter })[0]?.params).toEqual({ n: 12 });
  });

  it('checks as the server does: classes, user name, the current password', () => {
    expect(failing('panzhihua1')).toEqual(['password.ruleClasses']);
    expect(failing('Xiqu01-2024')).toEqual(['password.ruleUsername']);
    expect(failing('Pzh#2024ok', rules, 'Pzh#2024ok')).toEqual(['password.ruleDifferent']);
    expect(failing('')).toEqual(['password.ruleLength', 'password.ruleClasses']);
  });
});
