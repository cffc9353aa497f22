/**
 * Issue 7: lateness is kept. A unit that reports after the due date stays late in the round's record ("逾期 N 天提交");
 * the centre's to-dos list the overdue units; the centre reminds (催报) a unit's reporters, which shows on their home
 * page and in the round's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface Unit {
  orgUnitId: string;
  late: boolean;
  complete: boolean;
  submittedLateDays: number | null;
  overdueDays: number | null;
  reminders: number;
}
interface Status {
  round: { id: string };
  units: Unit[];
  history: { kind: string; orgUnitId: string | null; lateDays: number | null; note: string | null }[];
}

describe.each(testDialects())('lateness is kept, and chased, on %s', (dialect) => {
  let t: TestApp;
  let roundId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    roundId = (await (await t.as('gfb')).get('/api/v1/rounds')).json<{ id: string }[]>()[0]!.id;
  });
  afterAll(async () => t.close());

  const status = async () => (await (await t.as('gfb')).get(`/api/v1/rounds/${roundId}/status`)).json<Status>();
  const unit = (s: Status, id: string) => s.units.find((u) => u.orgUnitId === id)!;

  it('lists the overdue units in the centre’s to-dos, and lets it remind their reporters', async () => {
    t.clock.set('2024-12-12T02:00:00Z');
    const gfb = await t.as('gfb');
    const todos = (await gfb.get('/api/v1/rounds/todos')).json<
      { kind: string; orgUnitId: string | null; overdueDays: number | null; late: boolean }[]
    >();
    const overdue = todos.filter((x) => x.kind === 'overdue');
    expect(overdue.map((x) => x.orgUnitId)).toContain('xiqu');
    expect(overdue.every((x) => x.late && x.overdueDays === 2)).toBe(true);
    expect(overdue.length).toBe((await status()).units.filter((u) => u.late).length);

    const sent = await gfb.post(`/api/v1/rounds/${roundId}/remind`, {
      orgUnitIds: ['xiqu'],
      note: '请于今日下班前完成11月数据报送。',
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().sent).toBe(1);
    expect(sent.json().recipients).toBeGreaterThanOrEqual(1);
    // On the reporter's home page, beside what it owes.
    const xiqu = await t.as('xiqu');
    const mine = (await xiqu.get('/api/v1/rounds/todos')).json<
      { kind: string; remindedAt: string | null; reminderNote: string | null; overdueDays: number | null }[]
    >();
    expect(mine[0]).toMatchObject({
      kind: 'report',
      remindedAt: '2024-12-12T02:00:00.000Z',
      reminderNote: '请于今日下班前完成11月数据报送。',
      overdueDays: 2,
    });
    // In the round's record.
    const s = await status();
    expect(unit(s, 'xiqu').reminders).toBe(1);
    expect(s.history.find((e) => e.kind === 'reminder')).toMatchObject({
      orgUnitId: 'xiqu',
      note: '请于今日下班前完成11月数据报送。',
    });
    // Only the centre chases; a reporter or a leader may not.
    expect((await xiqu.post(`/api/v1/rounds/${roundId}/remind`, { orgUnitIds: ['xiqu'] })).statusCode).toBe(403);
    const leader = await t.as('leader');
    expect((await leader.post(`/api/v1/rounds/${roundId}/remind`, { orgUnitIds: ['xiqu'] })).statusCode).toBe(403);
    expect((await gfb.post(`/api/v1/rounds/${roundId}/remind`, { orgUnitIds: [] })).statusCode).toBe(400);
    expect((await gfb.post(`/api/v1/rounds/${roundId}/remind`, { orgUnitIds: ['nowhere'] })).statusCode).toBe(404);
  });

  it('keeps a late report late after it arrives, is approved and published: 逾期 N 天提交', async () => {
    t.clock.set('2024-12-15T02:00:00Z');
    const xiqu = await t.as('xiqu');
    const grid = (await xiqu.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json<{
      rows: { indicatorCode: string; editable: boolean; minValue: number | null }[];
    }>();
    await xiqu.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: grid.rows
        .filter((r) => r.editable)
        .map((r) => ({ indicatorCode: r.indicatorCode, value: r.minValue ?? 1, version: null, note: null })),
    });
    expect((await xiqu.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-11' })).statusCode).toBe(200);
    let s = await status();
    expect(unit(s, 'xiqu')).toMatchObject({ late: false, submittedLateDays: 5, overdueDays: null });
    expect(s.history.find((e) => e.kind === 'submitted' && e.orgUnitId === 'xiqu')?.lateDays).toBe(5);

    // Nothing more owed: a reminder is refused, naming the unit.
    const gfb = await t.as('gfb');
    const refused = await gfb.post(`/api/v1/rounds/${roundId}/remind`, { orgUnitIds: ['xiqu'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('西区 已报送完毕');

    t.clock.set('2024-12-16T02:00:00Z');
    const shenhe = await t.as('shenhe');
    const queue = (await shenhe.get('/api/v1/values/review-queue')).json<{ id: string; version: number }[]>();
    await shenhe.post('/api/v1/values/review', {
      items: queue.map((q) => ({ id: q.id, version: q.version })),
      action: 'approve',
      reason: null,
    });
    await (await t.as('gfb')).post('/api/v1/values/publish', { period: '2024-11' });
    s = await status();
    expect(unit(s, 'xiqu')).toMatchObject({ complete: true, late: false, submittedLateDays: 5 });
    // The overdue units in the centre's to-dos no longer include it; the others are still there.
    const todos = (await (await t.as('gfb')).get('/api/v1/rounds/todos')).json<{ kind: string; orgUnitId: string }[]>();
    expect(todos.filter((x) => x.kind === 'overdue').map((x) => x.orgUnitId)).not.toContain('xiqu');
    expect(todos.filter((x) => x.kind === 'overdue').length).toBeGreaterThan(0);
  });
});
