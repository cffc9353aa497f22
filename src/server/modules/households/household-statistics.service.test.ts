import { describe, expect, it } from 'vitest';
import { FLAG_NO, FLAG_YES, STAT_FLAGS, type HouseholdColumns } from '../../../domain/households/statistics.ts';
import { OrgIndex, type OrgNode } from '../../access/org-index.ts';
import { Access, type Actor } from '../../access/policy.ts';
import { InProcessEventBus } from '../../events.ts';
import { AppError } from '../../errors.ts';
import { HouseholdStatisticsService, type HouseholdStatisticsSnapshot } from './household-statistics.service.ts';

const node = (id: string, parentId: string | null, kind: string, sort = 0): OrgNode => ({
  id,
  parentId,
  code: id,
  name: `名${id}`,
  nameEn: id,
  kind,
  urban: null,
  sort,
});
const org = new OrgIndex([
  node('city', null, 'city'),
  node('xiqu', 'city', 'district', 1),
  node('dong', 'city', 'district', 2),
  node('xiqu-t', 'xiqu', 'township'),
  node('v-a', 'xiqu-t', 'village'),
  node('v-b', 'xiqu-t', 'village'),
]);
const access = new Access(org);
const actor = (role: Actor['role'], viewScope: string[]): Actor => ({
  userId: role,
  username: role,
  displayName: role,
  role,
  entryScope: [],
  viewScope,
  workTeamId: null,
  sessionId: 's',
  ip: '127.0.0.1',
});
const leader = actor('leader', ['city']);
const xiquLeader = actor('leader', ['xiqu']);

/** village a: 30 households, 3 of them below 10,000 per capita; village b: 2 households, one zero-employment. */
function snapshot(extraBelow = 0): HouseholdStatisticsSnapshot {
  const rows: { unit: number; income: number; below?: boolean; zero?: boolean }[] = [];
  for (let i = 0; i < 30; i++)
    rows.push({ unit: 0, income: i < 3 + extraBelow ? 20_000 : 150_000, below: i < 3 + extraBelow });
  rows.push({ unit: 1, income: 150_000 }, { unit: 1, income: 90_000, zero: true });
  const n = rows.length;
  const flags = Object.fromEntries(STAT_FLAGS.map((f) => [f, new Uint8Array(n)])) as HouseholdColumns['flags'];
  const columns: HouseholdColumns = {
    count: n,
    size: new Int32Array(n).fill(3),
    incomeLow: Float64Array.from(rows.map((r) => r.income)),
    incomeHigh: Float64Array.from(rows.map((r) => r.income)),
    unit: Int32Array.from(rows.map((r) => r.unit)),
    flags,
  };
  rows.forEach((r, i) => {
    flags.below10k[i] = r.below ? FLAG_YES : FLAG_NO;
    flags.zeroEmployment[i] = r.zero ? FLAG_YES : FLAG_NO;
  });
  return { columns, unitIds: ['v-a', 'v-b'], generated: true };
}

function service(opts: { maySee?: (a: Actor, unitId: string) => boolean } = {}) {
  const events = new InProcessEventBus();
  let loads = 0;
  let extra = 0;
  const svc = new HouseholdStatisticsService({
    source: {
      load: () => {
        loads++;
        return Promise.resolve(snapshot(extra));
      },
    },
    org: () => org,
    access: () => access,
    clock: { now: () => new Date('2026-12-02T08:00:00Z') },
    events,
    ...(opts.maySee ? { maySeeIndividuals: opts.maySee } : {}),
  });
  return { svc, events, loads: () => loads, setExtra: (v: number) => (extra = v) };
}

describe('HouseholdStatisticsService', () => {
  it("centres on the reader's scope and lists the children", async () => {
    const { svc } = service();
    const r = await svc.statistics(xiquLeader);
    expect(r.unit.unitId).toBe('xiqu');
    expect(r.unit.households).toBe(32);
    expect(r.children.map((c) => c.unitId)).toEqual(['xiqu-t']);
    expect(r.generated).toBe(true);
    expect(r.rule.zh).toContain('3口之家年收入10万—50万元');
  });

  it('suppresses small cells for a leader: the 2-household village and the 3 below 10,000 are hidden', async () => {
    const { svc } = service();
    const r = await svc.statistics(leader, 'xiqu-t');
    expect(r.suppressed).toBe(true);
    const b = r.children.find((c) => c.unitId === 'v-b')!;
    expect(b.hidden).toBe(true);
    expect(b.households).toBeNull();
    expect(b.meanPerCapita).toBeNull();
    const a = r.children.find((c) => c.unitId === 'v-a')!;
    expect(a.flags.below10k.certain).toBeNull();
    // Village a's households would give village b's away (township 32 − 30): hidden too.
    expect(a.households).toBeNull();
    expect(r.unit.households).toBe(32);
  });

  it('shows everything to a reader who may see the households', async () => {
    const { svc } = service({ maySee: (_a, unitId) => unitId.startsWith('xiqu') });
    const r = await svc.statistics(leader, 'xiqu-t');
    expect(r.suppressed).toBe(false);
    expect(r.children.find((c) => c.unitId === 'v-a')!.flags.below10k).toEqual({ certain: 3, upTo: 3 });
    expect(r.children.find((c) => c.unitId === 'v-b')!.households).toBe(2);
  });

  it('refuses a unit outside the scope', async () => {
    const { svc } = service();
    await expect(svc.statistics(xiquLeader, 'dong')).rejects.toBeInstanceOf(AppError);
  });

  it('feeds D5-03, D5-04 and D5-05 with the certain figures, unsuppressed, for units with households', async () => {
    const { svc } = service();
    const below = await svc.below10kFeed(['city', 'xiqu', 'dong']);
    expect([...below]).toEqual([
      ['city', 3],
      ['xiqu', 3],
    ]);
    expect((await svc.zeroEmploymentFeed(['xiqu'])).get('xiqu')).toBe(1);
    // 28 of 32 households at 150,000 for 3 persons are middle-income.
    expect((await svc.middleShareFeed(['xiqu'])).get('xiqu')).toBe(87.5);
  });

  it('computes once, and again after households.changed', async () => {
    const { svc, events, loads, setExtra } = service();
    await Promise.all([svc.below10kFeed(['city']), svc.statistics(leader)]);
    await svc.below10kFeed(['city']);
    expect(loads()).toBe(1);
    setExtra(5);
    events.emit('households.changed', {});
    expect((await svc.below10kFeed(['city'])).get('city')).toBe(8);
    expect(loads()).toBe(2);
  });
});
