/**
 * The ledger's targets are the framework's (D2-30 … D2-33, D2-36 of the year's framework), on each dialect: the
 * seeded ones as the documents state them, and a target the centre changes in a new published version is what the
 * aggregates (the district view, the cockpit card) show next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../access/policy.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { testDialects } from '../../../../test/databases.ts';

function person(role: string, scope: string[]): Actor {
  return {
    userId: `u-${role}-${scope.join('-')}`,
    username: role,
    displayName: role,
    role: role as Actor['role'],
    entryScope: scope,
    viewScope: scope,
    workTeamId: null,
    sessionId: 'test',
    ip: '127.0.0.1',
  };
}

describe.each(testDialects())('the ledger’s targets come from the framework, on %s', (dialect) => {
  let t: TestApp;
  const leader = person('leader', ['city']);
  const centre = person('coordinator', ['city']);
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2025-06-15T02:00:00Z' });
  });
  afterAll(async () => t.close());

  const xiqu = async () => (await t.ctx.projects.aggregates(leader)).units.find((u) => u.unitId === 'xiqu')!;

  it('reads the seeded targets of 西区 2025 from the framework', async () => {
    const x = await xiqu();
    expect(x.keyProjects.target).toBe(43);
    expect(x.newStarts.target).toBe(17);
    expect(x.completions.target).toBe(8);
    expect(x.reserve.target).toBe(800_000); // 80亿元 in 万元
    // A generated (示例数据) target is not shown as the district's target.
    const dongqu = (await t.ctx.projects.aggregates(leader)).units.find((u) => u.unitId === 'dongqu')!;
    expect(dongqu.newStarts.target).toBeNull();
  });

  it('follows a target the centre changes in a new published version', async () => {
    const frameworks = await t.ctx.db.kysely
      .withTables<{ frameworks: { id: string; year: number; status: string; version: number } }>()
      .selectFrom('frameworks')
      .select(['id', 'year', 'status', 'version'])
      .where('year', '=', 2025)
      .execute();
    const published = frameworks.filter((f) => f.status === 'published').sort((a, b) => b.version - a.version)[0]!;
    const draft = await t.ctx.frameworks.newVersion(centre, published.id);
    await t.ctx.frameworks.saveTarget(draft, 1, {
      indicatorCode: 'D2-31',
      orgUnitId: 'xiqu',
      year: 2025,
      kind: 'annual',
      comparison: 'atLeast',
      floor: 20,
      stretch: null,
      upper: null,
      zeroPoint: null,
    });
    // A draft is not in force: the published target still holds.
    expect((await xiqu()).newStarts.target).toBe(17);
    await t.ctx.frameworks.publish(centre, draft, 2);
    const x = await xiqu();
    expect(x.newStarts.target).toBe(20);
    expect(x.newStarts.met).toBe(x.newStarts.actual >= 20);
  });
});
