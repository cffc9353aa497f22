import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, MAX_ATTEMPTS } from '../../src/server/modules/exchange/notification.service.ts';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Signed notifications (issue 12) with a receiver on 127.0.0.1: the signature (HMAC-SHA256 of timestamp.body with the
 * receiver's secret) checked the way a receiver checks it, the retry with backoff after a failed delivery, the
 * delivery log, and the events: a period published, a supervision notice issued, one escalated by the daily run.
 */
describe.each(testDialects())('signed notifications on %s', (dialect) => {
  let t: TestApp;
  let gfb: Client;
  let server: http.Server;
  let url: string;
  const received: Received[] = [];
  /** The status the receiver answers with next (then 204). */
  let answers: number[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answers.shift() ?? 204;
        res.end(res.statusCode >= 400 ? 'busy' : '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gongfu`;
    t = await createTestApp(dialect);
    gfb = await t.as('gfb');
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const verify = (r: Received, secret: string) => {
    const timestamp = String(r.headers['x-gongfu-timestamp']);
    const expected = `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
    const given = String(r.headers['x-gongfu-signature']);
    return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  };

  it('registers a receiver (the secret shown once), signs each delivery, retries after a failure', async () => {
    const created = await gfb.post('/api/v1/exchange/receivers', {
      name: '省平台回调',
      url,
      secret: 'a-long-enough-shared-secret',
      events: ['period.published', 'notice.issued'],
    });
    expect(created.statusCode, created.body).toBe(200);
    const { receiver, secret } = created.json<{ receiver: { id: string }; secret: string }>();
    expect(secret).toBe('a-long-enough-shared-secret');
    expect((await gfb.get('/api/v1/exchange/receivers')).body).not.toContain(secret);

    // The first attempt is answered 503: the delivery waits 30 s, then goes through.
    answers = [503];
    const ping = await gfb.post(`/api/v1/exchange/receivers/${receiver.id}/ping`);
    expect(ping.statusCode, ping.body).toBe(200);
    expect(await t.ctx.exchange.notifications.deliverDue()).toBe(1);
    expect(received).toHaveLength(1);
    let log = (await gfb.get('/api/v1/exchange/deliveries')).json<
      { status: string; attempts: number; lastStatusCode: number; lastError: string; nextAttemptAt: string }[]
    >();
    expect(log[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503 });
    expect(log[0]?.lastError).toMatch(/503: busy/);
    expect(new Date(log[0]?.nextAttemptAt ?? 0).getTime() - t.clock.now().getTime()).toBe(backoffMs(1));
    expect(await t.ctx.exchange.notifications.deliverDue()).toBe(0); // not yet due
    t.clock.advance(backoffMs(1));
    expect(await t.ctx.exchange.notifications.deliverDue()).toBe(1);
    gfb = await t.as('gfb');
    log = (await gfb.get('/api/v1/exchange/deliveries')).json();
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 204, nextAttemptAt: null });

    // Both attempts carried the same body and a signature the receiver can check; a wrong secret fails it.
    expect(received).toHaveLength(2);
    for (const r of received) {
      expect(verify(r, secret)).toBe(true);
      expect(verify(r, 'another-secret-entirely')).toBe(false);
      expect(r.headers['x-gongfu-event']).toBe('ping');
      expect(JSON.parse(r.body)).toMatchObject({ event: 'ping', data: {} });
    }
    expect(received[0]?.body).toBe(received[1]?.body);
    // A body changed on the way no longer matches its signature.
    expect(verify({ ...received[0], body: `${received[0]?.body} ` } as Received, secret)).toBe(false);
  });

  it('gives a delivery up after the last attempt, each attempt in the log', async () => {
    received.length = 0;
    const receivers = (await gfb.get('/api/v1/exchange/receivers')).json<{ id: string }[]>();
    answers = Array.from({ length: MAX_ATTEMPTS }, () => 500);
    await gfb.post(`/api/v1/exchange/receivers/${receivers[0]?.id}/ping`);
    for (let n = 1; n <= MAX_ATTEMPTS; n++) {
      expect(await t.ctx.exchange.notifications.deliverDue()).toBe(1);
      t.clock.advance(backoffMs(n));
    }
    expect(await t.ctx.exchange.notifications.deliverDue()).toBe(0);
    // Hours went by on the clock: the centre signs in again.
    gfb = await t.as('gfb');
    const log = (await gfb.get('/api/v1/exchange/deliveries')).json<{ status: string; attempts: number }[]>();
    expect(log[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(received).toHaveLength(MAX_ATTEMPTS);
  });

  it('notifies a published period and an issued supervision notice', async () => {
    received.length = 0;
    answers = [];
    // 西区's reporter enters and submits a 2024-12 figure, the reviewer approves it, the centre publishes the month.
    const xiqu = await t.as('xiqu');
    const grid = (await xiqu.get('/api/v1/values/grid?orgUnitId=xiqu&period=2024-12')).json<{
      rows: { indicatorCode: string; editable: boolean; minValue: number | null; maxValue: number | null }[];
    }>();
    const row = grid.rows.find((r) => r.editable) as { indicatorCode: string; minValue: number | null };
    const saved = await xiqu.put('/api/v1/values/grid', {
      orgUnitId: 'xiqu',
      period: '2024-12',
      entries: [{ indicatorCode: row.indicatorCode, value: Math.max(row.minValue ?? 0, 1), version: null, note: null }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await xiqu.post('/api/v1/values/submit', { orgUnitId: 'xiqu', period: '2024-12' })).statusCode).toBe(200);
    const review = await t.as('shenhe');
    const queue = (await review.get('/api/v1/values/review-queue?period=2024-12')).json<
      { id: string; version: number }[]
    >();
    expect(queue.length).toBeGreaterThan(0);
    const approved = await review.post('/api/v1/values/review', {
      items: queue.map((v) => ({ id: v.id, version: v.version })),
      action: 'approve',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const published = await gfb.post('/api/v1/values/publish', { period: '2024-12' });
    expect(published.statusCode, published.body).toBe(200);
    const count = published.json<{ published: number }>().published;
    expect(count).toBe(queue.length);
    await t.ctx.exchange.notifications.settled();
    await t.ctx.exchange.notifications.deliverDue();
    const p = received.find((r) => r.headers['x-gongfu-event'] === 'period.published');
    expect(JSON.parse(p?.body ?? '{}')).toMatchObject({
      event: 'period.published',
      data: { period: '2024-12', count },
    });

    // A list item of 西区, issued, then a supervision notice on it.
    const created = await gfb.post('/api/v1/lists/items', {
      kind: 'reform',
      year: 2024,
      title: '通知测试事项',
      leaderName: '副区长',
      leadUnitId: 'xiqu',
      coUnitIds: [],
      personInCharge: '张三',
      districtId: 'xiqu',
      workTeamId: null,
      startDate: '2024-10-01',
      deadline: '2024-12-31',
      milestones: [{ title: '制定方案', plannedDate: '2024-10-31' }],
    });
    expect(created.statusCode, created.body).toBe(200);
    const itemId = created.json<{ id: string }>().id;
    expect((await gfb.post(`/api/v1/lists/items/${itemId}/issue`, { version: 1 })).statusCode).toBe(200);
    const notice = await gfb.post(`/api/v1/lists/items/${itemId}/notices`, { problem: '进度滞后' });
    expect(notice.statusCode, notice.body).toBe(200);
    await t.ctx.exchange.notifications.settled();
    await t.ctx.exchange.notifications.deliverDue();
    const n = received.find((r) => r.headers['x-gongfu-event'] === 'notice.issued');
    expect(JSON.parse(n?.body ?? '{}').data).toMatchObject({ noticeId: notice.json<{ noticeId: string }>().noticeId });
  });

  it('notifies a supervision notice escalated by the daily run (unanswered past its day)', async () => {
    received.length = 0;
    answers = [];
    gfb = await t.as('gfb');
    const receiver = await gfb.post('/api/v1/exchange/receivers', {
      name: '督办升级',
      url,
      events: ['notice.escalated'],
    });
    expect(receiver.statusCode, receiver.body).toBe(200);
    const { secret } = receiver.json<{ secret: string }>();
    const created = await gfb.post('/api/v1/lists/items', {
      kind: 'task',
      year: 2024,
      title: '督办升级测试事项',
      leaderName: '副区长',
      leadUnitId: 'xiqu',
      coUnitIds: [],
      personInCharge: '李四',
      districtId: 'xiqu',
      workTeamId: null,
      startDate: '2024-10-01',
      deadline: '2025-06-30',
      milestones: [{ title: '制定方案', plannedDate: '2025-03-31' }],
    });
    expect(created.statusCode, created.body).toBe(200);
    const itemId = created.json<{ id: string }>().id;
    expect((await gfb.post(`/api/v1/lists/items/${itemId}/issue`, { version: 1 })).statusCode).toBe(200);
    const notice = await gfb.post(`/api/v1/lists/items/${itemId}/notices`, { problem: '未按期报送进展' });
    expect(notice.statusCode, notice.body).toBe(200);
    const { noticeId, code } = notice.json<{ noticeId: string; code: string }>();
    await t.ctx.exchange.notifications.settled();
    await t.ctx.exchange.notifications.deliverDue();
    // Only the receivers of notice.escalated hear of escalations; this one does not take notice.issued.
    expect(received.filter((r) => r.headers['x-gongfu-event'] === 'notice.escalated')).toHaveLength(0);

    // Sixty days on, nobody has answered: the daily run escalates the notice, once.
    t.clock.advance(60 * 24 * 3600_000);
    const run = await t.ctx.lists.warnings.runDaily(t.clock.now());
    expect(run.escalated).toBeGreaterThanOrEqual(1);
    await t.ctx.exchange.notifications.settled();
    await t.ctx.exchange.notifications.deliverDue();
    const escalated = received.filter((r) => r.headers['x-gongfu-event'] === 'notice.escalated');
    const mine = escalated.filter((r) => JSON.parse(r.body).data.noticeId === noticeId);
    expect(mine).toHaveLength(1);
    expect(verify(mine[0] as Received, secret)).toBe(true);
    expect(JSON.parse(mine[0]?.body ?? '{}')).toMatchObject({
      event: 'notice.escalated',
      data: { noticeId, code, subject: 'listItem', subjectId: itemId },
    });
    // The next day's run does not escalate it again, nor send it again.
    received.length = 0;
    t.clock.advance(24 * 3600_000);
    await t.ctx.lists.warnings.runDaily(t.clock.now());
    await t.ctx.exchange.notifications.settled();
    await t.ctx.exchange.notifications.deliverDue();
    expect(received.filter((r) => JSON.parse(r.body).data?.noticeId === noticeId)).toHaveLength(0);
  });

  it('notifies an indicator turned red (the evaluation says which cells turned red since its last run)', async () => {
    received.length = 0;
    gfb = await t.as('gfb');
    const receiver = await gfb.post('/api/v1/exchange/receivers', { name: '红灯', url, events: ['indicator.red'] });
    const { secret } = receiver.json<{ secret: string }>();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const cells = [{ indicatorCode: 'D2-01', orgUnitId: 'xiqu' }];
    t.ctx.events.emit('evaluation.turnedRed', { frameworkId: 'f', asOf: '2024-11', cells });
    await t.ctx.exchange.notifications.settled();
    await t.ctx.exchange.notifications.deliverDue();
    const red = received.filter((r) => r.headers['x-gongfu-event'] === 'indicator.red');
    expect(red).toHaveLength(1);
    expect(verify(red[0] as Received, secret)).toBe(true);
    expect(JSON.parse(red[0]?.body ?? '{}').data).toEqual({ frameworkId: 'f', asOf: '2024-11', cells });
  });

  it('keeps receivers to the coordination centre, and only http(s) URLs', async () => {
    const xiqu = await t.as('xiqu');
    expect((await xiqu.get('/api/v1/exchange/receivers')).statusCode).toBe(403);
    const bad = await gfb.post('/api/v1/exchange/receivers', {
      name: 'x',
      url: 'file:///etc/passwd',
      events: ['period.published'],
    });
    expect(bad.statusCode).toBe(400);
  });
});
