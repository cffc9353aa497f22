import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { WebhookDeliveryRow, WebhookReceiverRow } from '../../db/exchange-tables.ts';
import type { Queryable } from '../../db/transaction.ts';
import { AppError, notFound } from '../../errors.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { FieldCrypto } from '../../security/field-crypto.ts';
import type { createReceiverSchema, NotificationEvent, Receiver, Delivery } from '../../../shared/api/exchange.ts';
import { NotificationRepository } from './notification.repository.ts';

/** The field-encryption context of a receiver's secret. */
const SECRET_CONTEXT = 'webhook_receivers.secret';

/** Attempts of one delivery, the first included, before it is given up as failed. */
export const MAX_ATTEMPTS = 6;

/** How long one attempt may take. */
const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * The wait before attempt n+1 after n failed ones: 30 s, 2 min, 8 min, 32 min, about 2 h — exponential, so that a
 * receiver that is down for an afternoon still gets the notification, and one that is gone is not hammered.
 *
 * @example backoffMs(1) === 30_000; backoffMs(2) === 120_000; backoffMs(5) === 7_680_000
 */
export function backoffMs(failedAttempts: number): number {
  return 30_000 * 4 ** (failedAttempts - 1);
}

/**
 * The signature of a delivery: HMAC-SHA256, keyed with the receiver's secret, of the timestamp (Unix seconds), a
 * full stop and the body exactly as sent; hex, after `sha256=`. The receiver recomputes it and refuses a timestamp
 * older than a few minutes (a replay).
 *
 * @example sign('s3cret', '1733364000', '{"event":"ping"}') // → 'sha256=…64 hex…'
 */
export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function toReceiver(r: WebhookReceiverRow): Receiver {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    events: JSON.parse(r.events) as NotificationEvent[],
    active: r.active === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
    version: r.version,
  };
}

function toDelivery(d: WebhookDeliveryRow): Delivery {
  return {
    id: d.id,
    receiverId: d.receiver_id,
    event: d.event,
    status: d.status === 'delivered' ? 'delivered' : d.status === 'failed' ? 'failed' : 'pending',
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at : null,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    lastAttemptAt: d.last_attempt_at,
    createdAt: d.created_at,
    deliveredAt: d.delivered_at,
  };
}

/**
 * Signed notifications (issue 12): the coordination centre registers receivers (a URL and a secret) for events — a
 * period published, an indicator turned red, a supervision notice issued. Each event becomes one delivery per
 * receiver, stored first (so a restart loses none), then sent by the delivery job (`deliverDue`, every few seconds
 * in the server): signed with {@link sign}, retried with {@link backoffMs} until {@link MAX_ATTEMPTS}, each attempt's
 * answer kept in the delivery log.
 */
export class NotificationService {
  private readonly db: Queryable;
  private readonly repo: NotificationRepository;
  private readonly clock: Clock;
  private readonly auditor: Auditor;
  private readonly fieldCrypto: () => FieldCrypto;
  private readonly fetch: typeof fetch;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** Enqueues not yet written (events arrive synchronously; the write is awaited by `settled`). */
  private pending = new Set<Promise<void>>();

  constructor(deps: {
    db: Queryable;
    clock: Clock;
    auditor: Auditor;
    fieldCrypto: () => FieldCrypto;
    events: EventBus;
    fetch?: typeof fetch;
  }) {
    this.db = deps.db;
    this.repo = new NotificationRepository(deps.db);
    this.clock = deps.clock;
    this.auditor = deps.auditor;
    this.fieldCrypto = deps.fieldCrypto;
    this.fetch = deps.fetch ?? fetch;
    deps.events.on('values.published', (p) => this.track(this.enqueue('period.published', p)));
    deps.events.on('lists.noticeIssued', (p) => this.track(this.enqueue('notice.issued', p)));
    deps.events.on('evaluation.turnedRed', (p) => this.track(this.enqueue('indicator.red', p)));
    deps.events.on('supervision.noticeEscalated', (p) => this.track(this.enqueue('notice.escalated', p)));
  }

  private track(p: Promise<void>): void {
    const done = p.catch(() => undefined).finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Resolves when every event received so far has its deliveries stored (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async receivers(): Promise<Receiver[]> {
    return (await this.repo.receivers()).map(toReceiver);
  }

  /** Registers a receiver. Without a secret one is made; either way it is in this answer only, then sealed. */
  async createReceiver(
    actor: Actor,
    input: z.infer<typeof createReceiverSchema>,
  ): Promise<{ receiver: Receiver; secret: string }> {
    const secret = input.secret ?? crypto.randomBytes(32).toString('base64url');
    const row: WebhookReceiverRow = {
      id: crypto.randomUUID(),
      name: input.name,
      url: input.url,
      secret: this.fieldCrypto().encrypt(secret, SECRET_CONTEXT),
      events: JSON.stringify([...new Set(input.events)]),
      active: 1,
      created_by: actor.username,
      created_at: this.clock.now().toISOString(),
      version: 1,
    };
    await this.db.transaction().execute(async (trx) => {
      await new NotificationRepository(trx).insertReceiver(row);
      await this.auditor.record(
        {
          action: 'receiver.create',
          objectType: 'webhook_receiver',
          objectId: row.id,
          detail: { name: row.name, url: row.url, events: input.events },
        },
        trx,
      );
    });
    return { receiver: toReceiver(row), secret };
  }

  async setActive(id: string, version: number, active: boolean): Promise<Receiver> {
    const r = await this.repo.receiver(id);
    if (!r) throw notFound({ zh: '接收方', en: 'Receiver' });
    await this.db.transaction().execute(async (trx) => {
      if (!(await new NotificationRepository(trx).setActive(id, version, active))) throw new AppError('CONFLICT');
      await this.auditor.record(
        { action: 'receiver.update', objectType: 'webhook_receiver', objectId: id, detail: { name: r.name, active } },
        trx,
      );
    });
    return toReceiver((await this.repo.receiver(id)) as WebhookReceiverRow);
  }

  async deliveries(receiverId: string | null, limit = 200): Promise<Delivery[]> {
    return (await this.repo.deliveries(receiverId, limit)).map(toDelivery);
  }

  /** A `ping` to one receiver, so that the centre can see the signature checked before a real event. */
  async ping(id: string): Promise<void> {
    const r = await this.repo.receiver(id);
    if (!r) throw notFound({ zh: '接收方', en: 'Receiver' });
    await this.repo.insertDeliveries([this.delivery(r, 'ping', {})]);
  }

  private delivery(r: WebhookReceiverRow, event: string, data: unknown): WebhookDeliveryRow {
    const id = crypto.randomUUID();
    const now = this.clock.now().toISOString();
    return {
      id,
      receiver_id: r.id,
      event,
      body: JSON.stringify({ id, event, occurredAt: now, data }),
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_status_code: null,
      last_error: null,
      last_attempt_at: null,
      created_at: now,
      delivered_at: null,
    };
  }

  /** One delivery per active receiver of the event. */
  async enqueue(event: NotificationEvent, data: unknown): Promise<void> {
    const receivers = (await this.repo.receivers()).filter(
      (r) => r.active === 1 && (JSON.parse(r.events) as string[]).includes(event),
    );
    await this.repo.insertDeliveries(receivers.map((r) => this.delivery(r, event, data)));
  }

  /**
   * Sends the deliveries that are due, one attempt each: answered 2xx → delivered; otherwise (an answer of another
   * status, a refused connection, a timeout) the next attempt is set by {@link backoffMs}, or the delivery is failed
   * after {@link MAX_ATTEMPTS}. Answers how many attempts were made.
   */
  async deliverDue(limit = 50): Promise<number> {
    const now = this.clock.now();
    const due = await this.repo.due(now.toISOString(), limit);
    const receivers = new Map((await this.repo.receivers()).map((r) => [r.id, r]));
    let attempts = 0;
    for (const d of due) {
      const r = receivers.get(d.receiver_id);
      const until = new Date(now.getTime() + ATTEMPT_TIMEOUT_MS * 2).toISOString();
      if (!r || !(await this.repo.claim(d.id, d.attempts, until))) continue;
      attempts++;
      const outcome = r.active === 1 ? await this.attempt(r, d) : { code: null, error: 'receiver switched off' };
      const at = this.clock.now().toISOString();
      const n = d.attempts + 1;
      const ok = outcome.code !== null && outcome.code >= 200 && outcome.code < 300;
      await this.repo.recordAttempt(d.id, {
        status: ok ? 'delivered' : n >= MAX_ATTEMPTS ? 'failed' : 'pending',
        attempts: n,
        next_attempt_at: ok || n >= MAX_ATTEMPTS ? null : new Date(now.getTime() + backoffMs(n)).toISOString(),
        last_status_code: outcome.code,
        last_error: ok ? null : outcome.error,
        last_attempt_at: at,
        delivered_at: ok ? at : null,
      });
    }
    return attempts;
  }

  private async attempt(
    r: WebhookReceiverRow,
    d: WebhookDeliveryRow,
  ): Promise<{ code: number | null; error: string | null }> {
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    try {
      const secret = this.fieldCrypto().decrypt(r.secret, SECRET_CONTEXT);
      const res = await this.fetch(r.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Gongfu-Notifications/1',
          'x-gongfu-event': d.event,
          'x-gongfu-delivery': d.id,
          'x-gongfu-timestamp': timestamp,
          'x-gongfu-signature': sign(secret, timestamp, d.body),
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const text = (await res.text()).slice(0, 500);
      return { code: res.status, error: res.ok ? null : `HTTP ${res.status}: ${text}` };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      return { code: null, error: (err.cause?.code ?? err.name ?? 'error') + `: ${err.message}`.slice(0, 500) };
    }
  }

  /** Runs the delivery job every `everyMs` in this process until {@link stop}. */
  start(everyMs = 5_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.deliverDue().finally(() => {
        this.running = null;
      });
      this.running.catch(() => undefined);
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
