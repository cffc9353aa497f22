/**
 * Medium test of the household statistics on each dialect: households written into the registry's table, the
 * statistics read back through the repository and the service, and every figure compared with an independent
 * computation on the same rows (SQL counts, src/domain/inequality.ts measures).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../access/policy.ts';
import { mean, median, povertyHeadcount } from '../../../domain/inequality.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { testDialects } from '../../../../test/databases.ts';
import { InProcessEventBus } from '../../events.ts';
import { HouseholdStatisticsRepository } from './household-statistics.repository.ts';
import { HouseholdStatisticsService } from './household-statistics.service.ts';

const VILLAGES = ['xiqu-geliping-xinzhuang', 'xiqu-geliping-jinqiao'];

const leader: Actor = {
  userId: 'u-leader',
  username: 'leader',
  displayName: 'leader',
  role: 'leader',
  entryScope: [],
  viewScope: ['city'],
  workTeamId: null,
  sessionId: 't',
  ip: '127.0.0.1',
};

interface Row {
  id: string;
  village: string;
  size: number;
  low: number | null;
  high: number | null;
  exact: boolean;
  below: number;
  zero: number;
}

function rows(): Row[] {
  const out: Row[] = [];
  let seed = 17;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 400; i++) {
    const size = 1 + Math.floor(rand() * 5);
    const total = Math.round(5_000 + rand() * 60_000 * size);
    const bracket = rand() < 0.15;
    const low = bracket ? Math.floor(total / 10_000) * 10_000 : total;
    const high = bracket ? low + 10_000 : total;
    const below = bracket ? (high <= 10_000 * size ? 2 : low < 10_000 * size ? 1 : 0) : total < 10_000 * size ? 2 : 0;
    out.push({
      id: `hh-${String(i).padStart(4, '0')}`,
      village: VILLAGES[i % 2] as string,
      size,
      low,
      high,
      exact: !bracket,
      below,
      zero: rand() < 0.03 ? 2 : 0,
    });
  }
  return out;
}

describe.each(testDialects())('household statistics on %s', (dialect) => {
  let t: TestApp;
  const data = rows();

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-02T02:00:00Z' });
    const k = t.ctx.db.kysely.withTables<{ households: Record<string, unknown> }>();
    // Only these rows: the generated households of the default data (示例数据) are taken out first.
    const all = t.ctx.db.kysely.withTables<{
      households: { id: string };
      household_members: { id: string };
      household_incomes: { id: string };
    }>();
    await all.deleteFrom('household_incomes').execute();
    await all.deleteFrom('household_members').execute();
    await all.deleteFrom('households').execute();
    for (let i = 0; i < data.length; i += 100) {
      await k
        .insertInto('households')
        .values(data.slice(i, i + 100).map(rowOf))
        .execute();
    }
    t.ctx.events.emit('households.changed', {});
  });
  afterAll(async () => t.close());

  const rowOf = (r: Row) => ({
    id: r.id,
    code: r.id,
    village_id: r.village,
    township_id: 'xiqu-geliping',
    district_id: 'xiqu',
    urban: 0,
    address: '',
    head_name: 'x',
    head_name_index: `x-${r.id}`,
    status: 'active',
    size: r.size,
    income_year: 2026,
    income_low: r.low,
    income_high: r.high,
    income_exact: r.exact ? 1 : 0,
    class_bits: 0,
    flag_below10k: r.below,
    flag_zero_employment: r.zero,
    flag_no_labour: 0,
    flag_near_line: 0,
    assessed_on: '2026-12-02',
    generated: 1,
    note: '',
    created_at: '2026-12-02T02:00:00.000Z',
    created_by: null,
    updated_at: '2026-12-02T02:00:00.000Z',
    updated_by: null,
    version: 1,
  });

  it('counts and measures equal an independent computation on the same rows', async () => {
    const k = t.ctx.db.kysely.withTables<{ households: { village_id: string; flag_below10k: number; size: number } }>();
    const sqlCounts = await k
      .selectFrom('households')
      .select((eb) => [
        'village_id',
        eb.fn.countAll<number | string>().as('households'),
        eb.fn.sum<number | string>('size').as('people'),
      ])
      .groupBy('village_id')
      .execute();
    const r = await t.ctx.householdStatistics.statistics({ ...leader, viewScope: ['xiqu'] }, 'xiqu-geliping');
    // A township officer's view is unsuppressed only with the registry's rule; the leader's hides nothing here
    // (every cell ≥ 5) except what the flags need — compare the totals, which are public.
    for (const c of sqlCounts) {
      const child = r.children.find((x) => x.unitId === c.village_id);
      expect(child?.households).toBe(Number(c.households));
      expect(child?.people).toBe(Number(c.people));
    }
    expect(r.unit.households).toBe(data.length);
    const below = await t.ctx.householdStatistics.below10kFeed(['xiqu']);
    expect(below.get('xiqu')).toBe(data.filter((d) => d.below === 2).length);
    // The bounds against inequality.ts on the rows as stored (lows and highs read back from the database).
    const stored = await t.ctx.db.kysely
      .withTables<{ households: { size: number; income_low: number; income_high: number; status: string } }>()
      .selectFrom('households')
      .select(['size', 'income_low', 'income_high'])
      .where('status', '=', 'active')
      .execute();
    const w = stored.map((d) => Number(d.size));
    const lows = stored.map((d) => Number(d.income_low) / Number(d.size));
    const highs = stored.map((d) => Number(d.income_high) / Number(d.size));
    const u = r.unit;
    expect(u.meanPerCapita?.low).toBeCloseTo(mean(lows, w) as number, 6);
    expect(u.meanPerCapita?.high).toBeCloseTo(mean(highs, w) as number, 6);
    expect(u.medianPerCapita?.low).toBe(median(lows, w));
    expect(u.medianPerCapita?.high).toBe(median(highs, w));
    expect(u.fgt0?.low).toBeCloseTo(povertyHeadcount(highs, 10_000, w) as number, 12);
    expect(u.fgt0?.high).toBeCloseTo(povertyHeadcount(lows, 10_000, w) as number, 12);
    // With bracket-only households in it, the Gini is labelled an estimate (its exactness is tested in statistics.test.ts).
    expect(u.gini?.basis).toBe('estimate');
  });

  it('shows a unit in full to a household role whose scope holds it, suppressed to everyone else', async () => {
    const officer: Actor = {
      ...leader,
      userId: 'u-officer',
      role: 'townshipOfficer',
      entryScope: ['xiqu-geliping'],
      viewScope: ['xiqu-geliping'],
    };
    const inScope = await t.ctx.householdStatistics.statistics(officer, 'xiqu-geliping');
    expect(inScope.suppressed).toBe(false);
    const cadre: Actor = { ...officer, role: 'villageCadre', entryScope: [VILLAGES[0] as string] };
    // The township holds a village the cadre may not see: suppressed; the cadre's own village in full.
    expect((await t.ctx.householdStatistics.statistics(cadre, 'xiqu-geliping')).suppressed).toBe(true);
    expect((await t.ctx.householdStatistics.statistics(cadre, VILLAGES[0])).suppressed).toBe(false);
    expect(
      (await t.ctx.householdStatistics.statistics({ ...leader, viewScope: ['xiqu'] }, 'xiqu-geliping')).suppressed,
    ).toBe(true);
  });

  it('feeds D5-05 with the certain zero-employment count, and the evaluation reads it from the registry', async () => {
    const zero = await t.ctx.householdStatistics.zeroEmploymentFeed(['xiqu', 'dongqu']);
    expect(zero.get('xiqu')).toBe(data.filter((d) => d.zero === 2).length);
    // No household of 东区 in these rows: no figure rather than 0.
    expect(zero.has('dongqu')).toBe(false);
    const k = t.ctx.db.kysely.withTables<{ indicators: { code: string; fed_by: string | null } }>();
    const fed = await k
      .selectFrom('indicators')
      .select(['code', 'fed_by'])
      .where('code', 'in', ['D5-03', 'D5-04', 'D5-05'])
      .execute();
    expect(Object.fromEntries(fed.map((r) => [r.code, r.fed_by]))).toEqual({
      'D5-03': 'households.middleShare',
      'D5-04': 'households.below10k',
      'D5-05': 'households.zeroEmployment',
    });
  });

  it('updated household by household, its figures equal a fresh computation from the same rows', async () => {
    const officer: Actor = {
      ...leader,
      userId: 'u-officer',
      role: 'townshipOfficer',
      entryScope: ['xiqu'],
      viewScope: ['xiqu'],
    };
    const units = ['city', 'xiqu', 'xiqu-geliping', ...VILLAGES];
    const read = async (svc: HouseholdStatisticsService) => {
      const out = [];
      for (const u of units) {
        const { computedAt: _a, ...full } = await svc.statistics(officer, u === 'city' ? 'xiqu' : u);
        const { computedAt: _b, ...hidden } = await svc.statistics(leader, u);
        out.push(full, hidden);
      }
      return out;
    };
    await read(t.ctx.householdStatistics);
    // Incomes changed (to a bracket, an open top, none), households moved, closed and added.
    const k = t.ctx.db.kysely.withTables<{ households: Record<string, unknown> }>();
    const changed: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = data[(i * 37) % data.length] as Row;
      const set =
        i % 4 === 0
          ? { income_low: 30_000, income_high: 40_000, income_exact: 0, flag_below10k: 0 }
          : i % 4 === 1
            ? { income_low: 500_000, income_high: null, income_exact: 0 }
            : i % 4 === 2
              ? { income_low: null, income_high: null, income_exact: 0, size: 2 }
              : {
                  village_id: VILLAGES[(i / 4) % 2] as string,
                  income_low: 12_345,
                  income_high: 12_345,
                  income_exact: 1,
                };
      await k.updateTable('households').set(set).where('id', '=', r.id).execute();
      changed.push(r.id);
    }
    for (const r of data.slice(10, 13)) {
      await k.updateTable('households').set({ status: 'closed' }).where('id', '=', r.id).execute();
      changed.push(r.id);
    }
    const added = Array.from({ length: 5 }, (_, i) => ({
      ...(data[i] as Row),
      id: `hh-new-${i}`,
      low: 20_000 + i * 1_000,
      high: 20_000 + i * 1_000,
    }));
    await k.insertInto('households').values(added.map(rowOf)).execute();
    changed.push(...added.map((r) => r.id), 'hh-never-was');
    t.ctx.events.emit('households.changed', { householdIds: changed });
    const updated = await read(t.ctx.householdStatistics);
    const fresh = new HouseholdStatisticsService({
      source: new HouseholdStatisticsRepository(t.ctx.db.kysely),
      org: () => t.ctx.org(),
      access: () => t.ctx.access(),
      clock: t.clock,
      events: new InProcessEventBus(),
      maySeeIndividuals: (actor, unitId) => t.ctx.households.maySeeHouseholdsOf(actor, unitId),
    });
    expect(updated).toEqual(await read(fresh));
    expect(updated[0]?.unit.households).toBe(data.length - 3 + 5);
    // Put the rows back for the tests below.
    await k
      .deleteFrom('households')
      .where(
        'id',
        'in',
        added.map((r) => r.id),
      )
      .execute();
    for (const r of data) await k.updateTable('households').set(rowOf(r)).where('id', '=', r.id).execute();
    t.ctx.events.emit('households.changed', {});
  });

  it('drops its figures after households.changed', async () => {
    const before = (await t.ctx.householdStatistics.below10kFeed(['xiqu'])).get('xiqu') as number;
    const k = t.ctx.db.kysely.withTables<{ households: { id: string; status: string } }>();
    const victim = data.find((d) => d.below === 2) as Row;
    await k.updateTable('households').set({ status: 'closed' }).where('id', '=', victim.id).execute();
    expect((await t.ctx.householdStatistics.below10kFeed(['xiqu'])).get('xiqu')).toBe(before);
    t.ctx.events.emit('households.changed', { householdIds: [victim.id] });
    expect((await t.ctx.householdStatistics.below10kFeed(['xiqu'])).get('xiqu')).toBe(before - 1);
  });
});
