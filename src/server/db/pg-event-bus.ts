import crypto from 'node:crypto';
import pg from 'pg';
import {
  EVENT_REACH,
  EVERYTHING_STALE,
  InProcessEventBus,
  type ChangeEventName,
  type ChangeEvents,
  type EventBus,
  type Listener,
} from '../events.ts';

/** The PostgreSQL channel the servers of one database tell each other on. */
export const EVENTS_CHANNEL = 'gongfu_events';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_PAYLOAD = 7_900;

/** What goes over the channel: the sending server, the event and its payload. */
interface Message {
  s: string;
  n: ChangeEventName;
  p: unknown;
}

/**
 * The change signal of a server that shares its PostgreSQL database with others (src/server/events.ts). Each event
 * is delivered to this server's listeners at once, as in one process, and — when its reach is `everywhere`
 * (EVENT_REACH) — NOTIFYed on {@link EVENTS_CHANNEL} with this server's id. A connection of its own LISTENs and
 * hands what the other servers sent to the same listeners; its own messages come back too and are skipped.
 *
 * The listening connection reconnects when lost (after 0.25 s, doubling to 5 s); since it may have missed events
 * meanwhile, the listeners are then told that everything is stale (EVERYTHING_STALE). A NOTIFY that fails is
 * reported to `onError`: the writer's change is committed already, and the other servers' caches would lag until
 * their next change — the log says so.
 *
 * @example
 * const events = new PgEventBus({ connectionString: config.databaseUrl, pool: db.pgPool, onError: log });
 * await events.start();
 * const ctx = await createContext(db, config, clock, events);
 */
export class PgEventBus implements EventBus {
  /** This server's id on the channel. */
  readonly serverId = crypto.randomUUID();
  private readonly local: InProcessEventBus;
  private readonly connectionString: string;
  private readonly pool: pg.Pool;
  private readonly onError: (error: unknown, what: string) => void;
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs = 250;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly sending = new Set<Promise<unknown>>();

  constructor(opts: { connectionString: string; pool: pg.Pool; onError?: (error: unknown, what: string) => void }) {
    this.connectionString = opts.connectionString;
    this.pool = opts.pool;
    this.onError = opts.onError ?? ((error, what) => console.error(`change signal: ${what}`, error));
    this.local = new InProcessEventBus({ onError: (e, name) => this.onError(e, `listener for ${name} failed`) });
  }

  /** Connects and LISTENs; resolves once this server hears the others. */
  async start(): Promise<void> {
    await this.connect();
  }

  emit<K extends ChangeEventName>(name: K, payload: ChangeEvents[K]): void {
    this.local.emit(name, payload);
    if (EVENT_REACH[name] !== 'everywhere' || this.closed) return;
    let text = JSON.stringify({ s: this.serverId, n: name, p: payload } satisfies Message);
    if (text.length > MAX_PAYLOAD) {
      // Only the registry's list of changed households can be long: without it, the others read everything again.
      text = JSON.stringify({ s: this.serverId, n: name, p: {} } satisfies Message);
    }
    const sent = this.pool
      .query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, text])
      .catch((e: unknown) => this.onError(e, `NOTIFY of ${name} failed; other servers' caches may lag`))
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }

  on<K extends ChangeEventName>(name: K, listener: Listener<K>): () => void {
    return this.local.on(name, listener);
  }

  /** Waits for the NOTIFYs under way, then stops listening (the pool is the database's, closed by its owner). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await Promise.allSettled([...this.sending]);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true });
    client.on('notification', (msg) => {
      if (msg.channel === EVENTS_CHANNEL && msg.payload) this.received(msg.payload);
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (e) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw e;
    }
    this.client = client;
    this.retryMs = 250;
  }

  private received(text: string): void {
    let m: Message;
    try {
      m = JSON.parse(text) as Message;
    } catch (e) {
      this.onError(e, 'unreadable message');
      return;
    }
    if (m.s === this.serverId || !(m.n in EVENT_REACH)) return;
    this.local.emit(m.n, m.p as never);
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.onError(error ?? new Error('connection ended'), 'LISTEN connection lost; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().then(
        () => {
          for (const [name, payload] of EVERYTHING_STALE) this.local.emit(name, payload);
        },
        (e: unknown) => {
          this.onError(e, `reconnect failed; next try in ${this.retryMs} ms`);
          this.retryMs = Math.min(5_000, this.retryMs * 2);
          this.scheduleReconnect();
        },
      );
    }, this.retryMs);
  }
}
