import { describe, expect, it } from 'vitest';
import { createTestDb, testDialects } from './databases.ts';

describe.each(testDialects())('migrations on %s', (dialect) => {
  it('creates every table, empty', async () => {
    const db = await createTestDb(dialect);
    try {
      const tables = await db.kysely.introspection.getTables();
      const names = tables.map((t) => t.name).sort();
      expect(names).toEqual(
        expect.arrayContaining(['org_units', 'users', 'frameworks', 'indicators', 'indicator_values', 'audit_log']),
      );
      const count = await db.kysely
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(0);
    } finally {
      await db.close();
    }
  });
});

it('PostgreSQL is tested in CI', () => {
  if (process.env.CI === 'true') expect(testDialects()).toContain('postgres');
});
