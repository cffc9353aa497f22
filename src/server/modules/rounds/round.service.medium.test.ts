import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects } from '../../../../test/databases.ts';
import type { Actor } from '../../access/policy.ts';
import { TestClock } from '../../clock.ts';
import { loadConfig } from '../../config.ts';
import { createContext, type AppContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';

const coordinator: Actor = {
  userId: 'u-gfb',
  username: 'gfb',
  displayName: '共富办',
  role: 'coordinator',
  entryScope: [],
  viewScope: ['city'],
  workTeamId: null,
  sessionId: 's-1',
  ip: '127.0.0.1',
};

describe.each(testDialects())('the rounds service on %s', (dialect) => {
  let db: Db;
  let ctx: AppContext;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await db.kysely
      .insertInto('frameworks')
      .values({
        id: 'f2024',
        year: 2024,
        version: 1,
        name: '2024 年指标体系',
        status: 'published',
        based_on_id: null,
        created_at: '2024-01-01T00:00:00.000Z',
        created_by: null,
        published_at: '2024-01-01T00:00:00.000Z',
        published_by: null,
        row_version: 1,
      })
      .execute();
    const config = loadConfig({ GONGFU_MODE: 'demo', DATA_DIR: '/tmp/gongfu-test-unused', WEB_DIST: '/nonexistent' });
    ctx = await createContext(db, config, new TestClock('2024-11-05T02:00:00Z'));
  });
  afterAll(async () => db.close());

  it('opens a round once per period, also when two coordinators open it at the same moment', async () => {
    const req = { frameworkId: 'f2024', period: '2024-11', dueDate: '2024-12-10' };
    const results = await Promise.allSettled([ctx.rounds.open(coordinator, req), ctx.rounds.open(coordinator, req)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'CONFLICT', status: 409 });
    await expect(ctx.rounds.open(coordinator, req)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await ctx.rounds.list()).toEqual([
      expect.objectContaining({ frameworkId: 'f2024', period: '2024-11', dueDate: '2024-12-10', status: 'open' }),
    ]);
  });

  it("refuses a period outside the framework's year, naming the field", async () => {
    await expect(
      ctx.rounds.open(coordinator, { frameworkId: 'f2024', period: '2025-01', dueDate: '2025-02-10' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: [expect.objectContaining({ field: 'period' })] });
  });
});
