import type { Kysely, Transaction } from 'kysely';
import type { ExchangeTables, WebhookDeliveryRow, WebhookReceiverRow } from '../../db/exchange-tables.ts';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Receivers of signed notifications and their delivery log (migration 0015-exchange). */
export class NotificationRepository {
  private readonly k: Kysely<Database & ExchangeTables>;
  constructor(db: Q) {
    this.k = (db as Kysely<Database>).withTables<ExchangeTables>();
  }

  receivers(): Promise<WebhookReceiverRow[]> {
    return this.k.selectFrom('webhook_receivers').selectAll().orderBy('created_at').execute();
  }

  receiver(id: string): Promise<WebhookReceiverRow | undefined> {
    return this.k.selectFrom('webhook_receivers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertReceiver(row: WebhookReceiverRow): Promise<void> {
    await this.k.insertInto('webhook_receivers').values(row).execute();
  }

  /** Switches a receiver on or off; false when its version is stale. */
  async setActive(id: string, version: number, active: boolean): Promise<boolean> {
    const r = await this.k
      .updateTable('webhook_receivers')
      .set({ active: active ? 1 : 0, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async insertDeliveries(rows: readonly WebhookDeliveryRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.k
      .insertInto('webhook_deliveries')
      .values([...rows])
      .execute();
  }

  /** Deliveries whose next attempt is due, oldest first. */
  due(now: string, limit: number): Promise<WebhookDeliveryRow[]> {
    return this.k
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
  }

  /**
   * Takes a due delivery for one attempt: moves its next attempt past the attempt's timeout first, so that a second
   * process (or a second tick) does not send it at the same time. False when someone else took it.
   */
  async claim(id: string, attempts: number, until: string): Promise<boolean> {
    const r = await this.k
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: until })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('attempts', '=', attempts)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async recordAttempt(
    id: string,
    patch: Pick<
      WebhookDeliveryRow,
      'status' | 'attempts' | 'next_attempt_at' | 'last_status_code' | 'last_error' | 'last_attempt_at' | 'delivered_at'
    >,
  ): Promise<void> {
    await this.k.updateTable('webhook_deliveries').set(patch).where('id', '=', id).execute();
  }

  deliveries(receiverId: string | null, limit: number): Promise<WebhookDeliveryRow[]> {
    let q = this.k.selectFrom('webhook_deliveries').selectAll();
    if (receiverId !== null) q = q.where('receiver_id', '=', receiverId);
    return q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  }
}
