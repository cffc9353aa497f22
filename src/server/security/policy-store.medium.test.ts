import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialects } from '../../../test/databases.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { defaultPasswordPolicy } from './password-policy.ts';
import { loadPolicy, POLICY_KEY, savePolicy, StoredPolicyInvalidError } from './policy-store.ts';

describe.each(testDialects())('policy store on %s', (dialect) => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.kysely.deleteFrom('settings').where('key', '=', POLICY_KEY).execute();
  });

  it('gives the defaults when nothing is stored', async () => {
    expect(await loadPolicy(db.kysely)).toEqual(defaultPasswordPolicy());
  });

  it('stores a valid policy and reads it back; saving again replaces it', async () => {
    const first = { ...defaultPasswordPolicy(), minLength: 12 };
    expect(await savePolicy(db.kysely, first)).toEqual(first);
    expect(await loadPolicy(db.kysely)).toEqual(first);
    const second = { ...first, idleMinutes: 15, mfaRequiredRoles: ['admin', 'householdOfficer'] };
    await savePolicy(db.kysely, second);
    expect(await loadPolicy(db.kysely)).toEqual(second);
    const rows = await db.kysely.selectFrom('settings').selectAll().where('key', '=', POLICY_KEY).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a bad policy with field-level messages and stores nothing', async () => {
    const error = await savePolicy(db.kysely, {
      ...defaultPasswordPolicy(),
      minLength: 4,
      lockoutMinutes: 'ten',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('VALIDATION');
    expect(appError.message).toBe('安全策略有误');
    expect(appError.messageEn).toBe('The security policy is invalid');
    expect(appError.details?.map((d) => d.field)).toEqual(['minLength', 'lockoutMinutes']);
    expect(appError.details?.[0]?.text).toEqual({ zh: '最短长度不能小于 8', en: 'minLength must be at least 8' });
    expect(await loadPolicy(db.kysely)).toEqual(defaultPasswordPolicy());
  });

  it('refuses something that is not a policy at all', async () => {
    await expect(savePolicy(db.kysely, null)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(savePolicy(db.kysely, [])).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('fills fields added since a policy was stored with their defaults', async () => {
    const { idleMinutes: _added, ...older } = { ...defaultPasswordPolicy(), minLength: 10 };
    await db.kysely
      .insertInto('settings')
      .values({ key: POLICY_KEY, value: JSON.stringify(older) })
      .execute();
    expect(await loadPolicy(db.kysely)).toEqual({ ...defaultPasswordPolicy(), minLength: 10 });
  });

  it('refuses to run on a stored policy edited into something invalid', async () => {
    await db.kysely
      .insertInto('settings')
      .values({ key: POLICY_KEY, value: JSON.stringify({ ...defaultPasswordPolicy(), minLength: 1 }) })
      .execute();
    const error = await loadPolicy(db.kysely).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredPolicyInvalidError);
    expect((error as StoredPolicyInvalidError).issues.map((i) => i.field)).toEqual(['minLength']);

    await db.kysely.updateTable('settings').set({ value: '{not json' }).where('key', '=', POLICY_KEY).execute();
    await expect(loadPolicy(db.kysely)).rejects.toThrow(/not valid JSON/);
  });

  it('works inside a transaction, which can roll it back', async () => {
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await savePolicy(trx, { ...defaultPasswordPolicy(), minLength: 16 });
        expect((await loadPolicy(trx)).minLength).toBe(16);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await loadPolicy(db.kysely)).minLength).toBe(8);
  });
});
