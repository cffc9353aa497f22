import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { openSqlite } from '../../src/server/db/database.ts';
import { safeDetail } from '../../src/server/security/auditor.ts';
import {
  FieldDecryptError,
  maskBankAccount,
  maskIdNumber,
  maskName,
  maskPhone,
} from '../../src/server/security/field-crypto.ts';
import { startServer } from '../../src/server/server.ts';
import { testDialects } from '../databases.ts';
import { createTestApp, type TestApp } from '../app.ts';

/**
 * 数据保密性 and 个人信息保护 (GB/T 22239-2019 §8.1.4.8, §8.1.4.11; PIPL art. 28, 51): field encryption as the
 * household module will use it, through the application's configuration; masking on display and in the audit trail;
 * no default accounts in production. The cipher itself is unit-tested in src/server/security/field-crypto.test.ts.
 */
describe.each(testDialects())('field encryption and masking, as the application wires them on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('encrypts with the configured key, finds duplicates by the blind index, and refuses a value moved to another column', () => {
    const fc = t.ctx.fieldCrypto();
    const id = '51040219900101123X';
    const stored = fc.encrypt(id, 'household_members.id_number');
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain('510402');
    expect(fc.encrypt(id, 'household_members.id_number')).not.toBe(stored);
    expect(fc.decrypt(stored, 'household_members.id_number')).toBe(id);
    expect(fc.blindIndex(' 51040219900101123x')).toBe(fc.blindIndex(id));
    expect(() => fc.decrypt(stored, 'household_members.phone')).toThrow(FieldDecryptError);
  });

  it('masks names, ID, phone and bank numbers for display and in audit details', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskIdNumber('510402199001011234')).toBe('5104**********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskBankAccount('6222 0212 3456 7890 123')).toBe('6222***********0123');
    expect(
      safeDetail({
        member: {
          name: '张三',
          idNumber: '510402199001011234',
          phone: '13812345678',
          bankAccount: '6222021234567890123',
        },
        password: 'Pzh#2024ok',
        otp: '123456',
      }),
    ).toEqual({
      member: {
        name: '张三',
        idNumber: '5104**********1234',
        phone: '138****5678',
        bankAccount: '6222***********0123',
      },
      password: '[redacted]',
      otp: '[redacted]',
    });
  });
});

describe('production mode', () => {
  it('has no default accounts, and no field key unless the configuration gives one', async () => {
    const config = loadConfig({
      GONGFU_MODE: 'production',
      DATA_DIR: '/tmp/gongfu-production-test-unused',
      WEB_DIST: '/nonexistent',
    });
    const db = openSqlite(':memory:');
    const { app, ctx, seeded } = await startServer(config, { db });
    try {
      expect(seeded.accounts).toEqual([]);
      expect(await ctx.users.list()).toEqual([]);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: 'admin', password: 'admin' },
          })
        ).statusCode,
      ).toBe(401);
      expect(() => ctx.fieldCrypto()).toThrow(ConfigError);
      expect(() => ctx.fieldCrypto()).toThrow(/GONGFU_FIELD_KEY: required in production/);
    } finally {
      await app.close();
    }
  });
});
