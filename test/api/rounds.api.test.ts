import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

describe.each(testDialects())('reporting rounds on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('shows per unit what is missing and who is late once the due date has passed', async () => {
    const gfb = await t.as('gfb');
    const rounds = (await gfb.get('/api/v1/rounds')).json();
    expect(rounds[0]).toMatchObject({ period: '2024-11', dueDate: '2024-12-10' });
    const before = (await gfb.get(`/api/v1/rounds/${rounds[0].id}/status`)).json();
    const xiqu = before.units.find((u: { orgUnitId: string }) => u.orgUnitId === 'xiqu');
    expect(xiqu.expected).toBeGreaterThan(0);
    expect(xiqu.missing).toBe(xiqu.expected);
    expect(xiqu.late).toBe(false);
    t.clock.set('2024-12-11T02:00:00Z');
    // A month later the old session has long been idle: sign in again.
    const later = await t.as('gfb');
    const after = (await later.get(`/api/v1/rounds/${rounds[0].id}/status`)).json();
    expect(after.units.every((u: { late: boolean }) => u.late)).toBe(true);
    t.clock.set('2024-11-05T02:00:00Z');
  });

  it('lets only the coordination centre open a round, once per period', async () => {
    const gfb = await t.as('gfb');
    expect((await gfb.post('/api/v1/rounds', { period: '2024-12', dueDate: '2025-01-10' })).statusCode).toBe(200);
    expect((await gfb.post('/api/v1/rounds', { period: '2024-12', dueDate: '2025-01-10' })).statusCode).toBe(409);
    expect((await gfb.post('/api/v1/rounds', { period: '2024-13', dueDate: '2025-01-10' })).statusCode).toBe(400);
    const xiqu = await t.as('xiqu');
    expect((await xiqu.post('/api/v1/rounds', { period: '2024-12', dueDate: '2025-01-10' })).statusCode).toBe(403);
    // A district reporter sees its own unit's line only.
    const rounds = (await xiqu.get('/api/v1/rounds')).json();
    const status = (await xiqu.get(`/api/v1/rounds/${rounds[0].id}/status`)).json();
    expect(status.units.map((u: { orgUnitId: string }) => u.orgUnitId)).toEqual(['xiqu']);
  });
});

describe.each(testDialects())('what each user owes the open rounds on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('lists a reporter its missing figures, then the reviewer its review, then the centre its publication', async () => {
    const xiqu = await t.as('xiqu');
    const todo = (await xiqu.get('/api/v1/rounds/todos')).json();
    expect(todo).toEqual([
      expect.objectContaining({
        kind: 'report',
        period: '2024-11',
        orgUnitId: 'xiqu',
        dueDate: '2024-12-10',
        late: false,
      }),
    ]);
    const grid = (await xiqu.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-11')).json();
    const rows = grid.rows.filter((r: { editable: boolean }) => r.editable);
    expect(todo[0].count).toBe(rows.length);
    await xiqu.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-11',
      entries: rows.map((r: { indicatorCode: string; minValue: number | null; maxValue: number | null }) => ({
        indicatorCode: r.indicatorCode,
        value: r.minValue ?? 1,
        version: null,
        note: null,
      })),
    });
    await xiqu.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-11' });
    expect((await xiqu.get('/api/v1/rounds/todos')).json()).toEqual([]);
    const shenhe = await t.as('shenhe');
    const review = (await shenhe.get('/api/v1/rounds/todos')).json();
    expect(review).toEqual([expect.objectContaining({ kind: 'review', period: '2024-11', count: rows.length })]);
    const queue = (await shenhe.get('/api/v1/values/review-queue')).json();
    await shenhe.post('/api/v1/values/review', {
      items: queue.map((q: { id: string; version: number }) => ({ id: q.id, version: q.version })),
      action: 'approve',
      reason: null,
    });
    const gfb = await t.as('gfb');
    expect((await gfb.get('/api/v1/rounds/todos')).json()).toEqual([
      expect.objectContaining({ kind: 'publish', count: rows.length }),
    ]);
    t.clock.set('2024-12-11T02:00:00Z');
    const late = (await (await t.as('gfb')).get('/api/v1/rounds/todos')).json();
    expect(late[0].late).toBe(true);
  });
});
