/**
 * The cockpit follows the household registry: D5-04 (households below 10,000 yuan per capita) is fed from the
 * registry at each evaluation run, and a registry change must reach the leader's cockpit without anyone running an
 * evaluation — the evaluation marks itself stale on `households.changed`, and so must the cockpit's answer cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { HouseholdDatabase } from '../../src/server/db/household-tables.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

describe.each(testDialects())('the cockpit’s D5-04 after a registry change on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2024-12-05T02:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts a household that falls below the line at once, as the statistics do', async () => {
    const leader = await t.as('leader');
    const figures = async () => {
      const cockpit = await leader.get('/api/v1/cockpit');
      expect(cockpit.statusCode).toBe(200);
      const d504 = cockpit
        .json<{ gaps: { code: string; actual: number | null }[] }>()
        .gaps.find((g) => g.code === 'D5-04');
      const stats = await leader.get('/api/v1/household-statistics');
      expect(stats.statusCode).toBe(200);
      return {
        cockpit: d504?.actual,
        statistics: stats.json<{ unit: { flags: { below10k: { certain: number } } } }>().unit.flags.below10k.certain,
      };
    };
    const before = await figures();
    expect(before.cockpit).toBe(before.statistics);

    const db = t.ctx.db.kysely as unknown as Kysely<HouseholdDatabase>;
    const h = await db
      .selectFrom('households')
      .select(['id', 'size', 'income_year', 'version'])
      .where('township_id', '=', 'xiqu-geliping')
      .where('flag_below10k', '=', 0)
      .where('income_exact', '=', 1)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const officer = await t.as('xiangzhen');
    const added = await officer.post(`/api/v1/households/${h.id}/incomes`, {
      version: h.version,
      reason: '入户核查：户主住院后家庭收入',
      income: {
        year: h.income_year ?? 2023,
        kind: 'exact',
        total: h.size * 6_000,
        wages: null,
        business: null,
        property: null,
        transfers: null,
        bracketLow: null,
        bracketHigh: null,
        source: 'verification',
        sourceDetail: '',
        recordedOn: '2024-12-05',
      },
    });
    expect(added.statusCode, added.body).toBe(200);

    const after = await figures();
    expect(after.statistics).toBe(before.statistics + 1);
    expect(after.cockpit, 'the cockpit’s D5-04 follows the registry').toBe(after.statistics);
  });
});
