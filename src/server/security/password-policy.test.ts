import { describe, expect, it } from 'vitest';
import { hashPassword } from '../modules/auth/password-hash.ts';
import { afterFailedSignIn, afterSuccessfulSignIn, isLocked, type LockoutState } from './lockout.ts';
import {
  characterClasses,
  checkPassword,
  defaultPasswordPolicy,
  isExpired,
  isIdle,
  MAX_PASSWORD_LENGTH,
  mfaRequired,
  passwordExpiresAt,
  passwordPolicySchema,
  recentHashes,
  rememberPassword,
  reusesRecent,
} from './password-policy.ts';

const policy = defaultPasswordPolicy();
const codes = (password: string, username = 'xiqu01') =>
  checkPassword(password, { username, policy }).map((v) => v.code);

describe('the default policy', () => {
  it('is the rule of the issue and passes its own schema', () => {
    expect(policy).toEqual({
      minLength: 8,
      minClasses: 3,
      historyCount: 3,
      maxAgeDays: 90,
      lockoutThreshold: 5,
      lockoutMinutes: 10,
      idleMinutes: 30,
      mfaRequiredRoles: [
        'admin',
        'securityAdmin',
        'auditAdmin',
        'villageCadre',
        'townshipOfficer',
        'civilAffairsOfficer',
        'hrOfficer',
      ],
    });
    expect(passwordPolicySchema.parse(policy)).toEqual(policy);
  });

  it('is a fresh object each time, so one caller cannot change it for another', () => {
    const a = defaultPasswordPolicy();
    a.mfaRequiredRoles.push('leader');
    a.minLength = 20;
    expect(defaultPasswordPolicy().mfaRequiredRoles).not.toContain('leader');
    expect(defaultPasswordPolicy().minLength).toBe(8);
  });
});

describe('passwordPolicySchema', () => {
  it('accepts a stricter policy', () => {
    const stricter = { ...policy, minLength: 12, minClasses: 4, historyCount: 5, maxAgeDays: 60, idleMinutes: 15 };
    expect(passwordPolicySchema.safeParse(stricter).success).toBe(true);
  });

  it('refuses a weaker one, naming each field in both languages', () => {
    const result = passwordPolicySchema.safeParse({
      ...policy,
      minLength: 6,
      minClasses: 2,
      maxAgeDays: 365,
      lockoutThreshold: 50,
      idleMinutes: 240,
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(issues).toEqual([
      ['minLength', '最短长度不能小于 8 / minLength must be at least 8'],
      ['minClasses', '字符类别数不能小于 3 / minClasses must be at least 3'],
      ['maxAgeDays', '密码有效期（天）不能大于 90 / maxAgeDays must be at most 90'],
      ['lockoutThreshold', '锁定前允许的连续失败次数不能大于 5 / lockoutThreshold must be at most 5'],
      ['idleMinutes', '空闲超时（分钟）不能大于 30 / idleMinutes must be at most 30'],
    ]);
  });

  it('refuses fractions, unknown fields, missing fields and duplicate roles', () => {
    expect(passwordPolicySchema.safeParse({ ...policy, minLength: 8.5 }).success).toBe(false);
    expect(passwordPolicySchema.safeParse({ ...policy, minLenght: 10 }).success).toBe(false);
    const { historyCount: _omitted, ...missing } = policy;
    expect(passwordPolicySchema.safeParse(missing).success).toBe(false);
    expect(passwordPolicySchema.safeParse({ ...policy, mfaRequiredRoles: ['admin', 'admin'] }).success).toBe(false);
    expect(passwordPolicySchema.safeParse({ ...policy, mfaRequiredRoles: [''] }).success).toBe(false);
  });
});

describe('checkPassword', () => {
  it('accepts a password that keeps every rule', () => {
    expect(codes('Pzh#2024ok')).toEqual([]);
    expect(codes('panzhihua2024!')).toEqual([]); // lower, digit, symbol: three classes
  });

  it('refuses one that is too short', () => {
    expect(codes('Pz#2024')).toEqual(['tooShort']);
    const [violation] = checkPassword('Pz#2024', { username: 'xiqu01', policy });
    expect(violation).toEqual({
      code: 'tooShort',
      zh: '密码长度至少为 8 位',
      en: 'The password must be at least 8 characters long',
    });
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    // Seven characters, one of them outside the BMP (two UTF-16 units): still too short.
    expect(codes('Ab1攀枝花😀')).toEqual(['tooShort']);
    expect(codes('Ab1攀枝花钒钛')).toEqual([]);
  });

  it('refuses one with fewer than three classes', () => {
    expect(codes('panzhihua')).toEqual(['tooFewClasses']);
    expect(codes('PANZHIHUA2024')).toEqual(['tooFewClasses']);
    expect(codes('12345678!')).toEqual(['tooFewClasses']);
    expect(checkPassword('panzhihua', { username: 'x', policy })[0]?.zh).toBe(
      '密码须包含大写字母、小写字母、数字、符号中的至少 3 类',
    );
  });

  it('asks for four classes when the policy does', () => {
    const strict = { ...policy, minClasses: 4 };
    expect(checkPassword('Panzhihua2024', { username: 'x', policy: strict }).map((v) => v.code)).toEqual([
      'tooFewClasses',
    ]);
    expect(checkPassword('Panzhihua-2024', { username: 'x', policy: strict })).toEqual([]);
  });

  it('refuses one that contains the user name, whatever its case', () => {
    expect(codes('Xiqu01-2024')).toEqual(['containsUsername']);
    expect(codes('2024#XIQU01ab')).toEqual(['containsUsername']);
    expect(codes('Pzh#2024ok', '  ')).toEqual([]); // a blank name is not a rule
  });

  it('reports every rule broken at once', () => {
    expect(codes('xiqu01', 'xiqu01')).toEqual(['tooShort', 'tooFewClasses', 'containsUsername']);
  });

  it('refuses an absurdly long one', () => {
    expect(codes(`Aa1!${'x'.repeat(MAX_PASSWORD_LENGTH)}`)).toEqual(['tooLong']);
  });

  it('sorts characters into the four classes, Unicode-aware', () => {
    expect(characterClasses('Ab1!')).toEqual({ upper: true, lower: true, digit: true, symbol: true });
    expect(characterClasses('ÄÖ')).toEqual({ upper: true, lower: false, digit: false, symbol: false });
    expect(characterClasses('攀 ')).toEqual({ upper: false, lower: false, digit: false, symbol: true });
  });
});

describe('expiry and idle time', () => {
  it('expires a password 90 days after it was set', () => {
    expect(passwordExpiresAt('2024-01-01T00:00:00.000Z', policy).toISOString()).toBe('2024-03-31T00:00:00.000Z');
    expect(isExpired('2024-01-01T00:00:00Z', new Date('2024-03-30T23:59:59Z'), policy)).toBe(false);
    expect(isExpired('2024-01-01T00:00:00Z', new Date('2024-03-31T00:00:00Z'), policy)).toBe(true);
    expect(
      isExpired(new Date('2024-01-01T00:00:00Z'), new Date('2024-02-01T00:00:00Z'), { ...policy, maxAgeDays: 30 }),
    ).toBe(true);
  });

  it('ends a session idle for 30 minutes', () => {
    expect(isIdle('2024-05-01T09:00:00Z', new Date('2024-05-01T09:29:59Z'), policy)).toBe(false);
    expect(isIdle('2024-05-01T09:00:00Z', new Date('2024-05-01T09:30:00Z'), policy)).toBe(true);
  });

  it('requires a second factor of the listed roles only', () => {
    expect(mfaRequired('admin', policy)).toBe(true);
    expect(mfaRequired('districtReporter', policy)).toBe(false);
  });
});

describe('password reuse', () => {
  it('chooses the hashes to compare: current first, no duplicates, as many as the policy says', () => {
    expect(recentHashes('h4', ['h3', 'h2', 'h1'], policy)).toEqual(['h4', 'h3', 'h2']);
    expect(recentHashes('h4', ['h4', 'h3', 'h2'], policy)).toEqual(['h4', 'h3', 'h2']);
    expect(recentHashes('h1', [], policy)).toEqual(['h1']);
  });

  it('remembers the new hash and forgets what the policy no longer needs', () => {
    expect(rememberPassword('h5', ['h4', 'h3', 'h2'], policy)).toEqual(['h5', 'h4', 'h3']);
    expect(rememberPassword('h1', [], policy)).toEqual(['h1']);
  });

  it('finds a reused password among the last three, and not an older one', async () => {
    const [h1, h2, h3, h4] = await Promise.all(['Old#Pass1', 'Old#Pass2', 'Old#Pass3', 'Old#Pass4'].map(hashPassword));
    // h4 is current; history keeps h3, h2; h1 has dropped out.
    const recent = recentHashes(h4 as string, [h3 as string, h2 as string, h1 as string], policy);
    expect(await reusesRecent('Old#Pass4', recent)).toBe(true);
    expect(await reusesRecent('Old#Pass2', recent)).toBe(true);
    expect(await reusesRecent('Old#Pass1', recent)).toBe(false);
    expect(await reusesRecent('New#Pass5', recent)).toBe(false);
  });

  it('asks every hash even after a match, and takes any verifier', async () => {
    const asked: string[] = [];
    const verify = async (pw: string, hash: string) => {
      asked.push(hash);
      return hash === `hash(${pw})`;
    };
    expect(await reusesRecent('a', ['hash(a)', 'hash(b)', 'hash(c)'], verify)).toBe(true);
    expect(asked).toEqual(['hash(a)', 'hash(b)', 'hash(c)']);
    expect(await reusesRecent('a', [], verify)).toBe(false);
  });
});

describe('lockout', () => {
  const t0 = new Date('2024-05-01T09:00:00.000Z');
  const minutes = (m: number) => new Date(t0.getTime() + m * 60_000);

  it('locks for 10 minutes on the fifth failure in a row, then lets the user try again', () => {
    let state: LockoutState = { failedAttempts: 0, lockedUntil: null };
    for (let i = 1; i <= 4; i++) {
      const next = afterFailedSignIn(state, minutes(i * 0.1), policy);
      expect(next.lockedNow).toBe(false);
      expect(next.failedAttempts).toBe(i);
      state = next;
    }
    const fifth = afterFailedSignIn(state, t0, policy);
    expect(fifth).toEqual({ failedAttempts: 0, lockedUntil: '2024-05-01T09:10:00.000Z', lockedNow: true });
    state = fifth;
    expect(isLocked(state, minutes(9.99))).toBe(true);
    expect(isLocked(state, minutes(10))).toBe(false);

    // After the lock: a failure counts from one again and clears the spent lock.
    expect(afterFailedSignIn(state, minutes(11), policy)).toEqual({
      failedAttempts: 1,
      lockedUntil: null,
      lockedNow: false,
    });
  });

  it('follows a configured threshold and duration', () => {
    const next = afterFailedSignIn({ failedAttempts: 2, lockedUntil: null }, t0, {
      lockoutThreshold: 3,
      lockoutMinutes: 30,
    });
    expect(next.lockedUntil).toBe('2024-05-01T09:30:00.000Z');
  });

  it('is broken by a success', () => {
    expect(afterSuccessfulSignIn()).toEqual({ failedAttempts: 0, lockedUntil: null });
    expect(isLocked(afterSuccessfulSignIn(), t0)).toBe(false);
  });
});
