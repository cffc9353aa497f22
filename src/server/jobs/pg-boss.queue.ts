import { PgBoss, type JobWithMetadata } from 'pg-boss';
import {
  runTry,
  SILENT_HOOKS,
  type JobHandler,
  type JobHooks,
  type JobQueue,
  type QueueDepth,
  type QueueOptions,
} from './job-queue.ts';

interface Defined {
  handler: JobHandler<object>;
  options: QueueOptions<object>;
}

/** The schema pg-boss keeps its tables in, beside Gongfu's own (created by pg-boss at the first start). */
export const PG_BOSS_SCHEMA = 'pgboss';

/** Where the dead letter of queue `name` goes: the handler's `onFailed`. */
const failedQueue = (name: string) => `${name}.failed`;

/**
 * The job queue on PostgreSQL (pg-boss, https://github.com/timgit/pg-boss): jobs are rows of `pgboss.job`, claimed by
 * one worker with `FOR UPDATE SKIP LOCKED`, so a job runs on one server however many poll. A running job refreshes a
 * heartbeat; one whose server died is failed by the supervisor of any live server once the heartbeat is older than
 * `heartbeatSeconds`, then retried (up to `retryLimit`) — and after the last try it is moved to the queue's dead
 * letter queue, whose worker runs `onFailed`. Repeats are pg-boss schedules (cron, Beijing time): one job per tick.
 */
export class PgBossJobQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  readonly boss: PgBoss;
  private readonly queues = new Map<string, Defined>();
  private readonly repeats: { name: string; everyMinutes: number }[] = [];
  private hooks: JobHooks = SILENT_HOOKS;
  private readonly pollingIntervalSeconds: number;
  private started = false;

  constructor(opts: {
    connectionString: string;
    /** How often idle workers look for jobs; default 2 s. */
    pollingIntervalSeconds?: number;
    /** How often a server looks for jobs whose heartbeat stopped; default 60 s (tests: 1). */
    superviseIntervalSeconds?: number;
    /** pg-boss's own pool; default 4 connections. */
    max?: number;
  }) {
    this.pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 2;
    this.boss = new PgBoss({
      connectionString: opts.connectionString,
      schema: PG_BOSS_SCHEMA,
      max: opts.max ?? 4,
      superviseIntervalSeconds: opts.superviseIntervalSeconds ?? 60,
      // Per queue counts for the metrics come from our own query (depths), not from pg-boss's snapshots.
      persistQueueStats: false,
    });
    this.boss.on('error', (e) => this.hooks.error(e, 'pg-boss'));
  }

  instrument(hooks: JobHooks): void {
    this.hooks = hooks;
  }

  define<T extends object>(name: string, handler: JobHandler<T>, options: QueueOptions<T> = {}): void {
    if (this.started) throw new Error(`job queue ${name} defined after start`);
    if (this.queues.has(name)) throw new Error(`job queue ${name} is defined twice`);
    this.queues.set(name, { handler: handler as JobHandler<object>, options: options as QueueOptions<object> });
  }

  repeat(name: string, everyMinutes: number): void {
    if (!this.queues.has(name)) throw new Error(`no job queue named ${name}`);
    if (everyMinutes < 1 || everyMinutes > 59 || !Number.isInteger(everyMinutes))
      throw new Error(`repeat ${name}: every 1 … 59 whole minutes`);
    this.repeats.push({ name, everyMinutes });
  }

  async start(): Promise<void> {
    this.started = true;
    await this.boss.start();
    for (const [name, q] of this.queues) {
      const o = q.options;
      const options = {
        retryLimit: o.retryLimit ?? 2,
        retryDelay: o.retryDelaySeconds ?? 0,
        expireInSeconds: o.expireInSeconds ?? 15 * 60,
        ...(o.heartbeatSeconds !== undefined ? { heartbeatSeconds: o.heartbeatSeconds } : {}),
      };
      if (o.onFailed) await this.ensureQueue(failedQueue(name), { retryLimit: 2 });
      await this.ensureQueue(name, { ...options, ...(o.onFailed ? { deadLetter: failedQueue(name) } : {}) });
    }
    for (const [name, q] of this.queues) {
      await this.boss.work<object>(name, { pollingIntervalSeconds: this.pollingIntervalSeconds }, async (jobs) => {
        for (const job of jobs)
          await runTry(this.hooks, name, q.handler, job.data, {
            id: job.id,
            attempt: job.retryCount,
            signal: job.signal,
          });
      });
      const onFailed = q.options.onFailed;
      if (onFailed) {
        await this.boss.work<object, unknown, { pollingIntervalSeconds: number; includeMetadata: true }>(
          failedQueue(name),
          { pollingIntervalSeconds: this.pollingIntervalSeconds, includeMetadata: true },
          async (jobs: JobWithMetadata<object>[]) => {
            for (const job of jobs) await onFailed(job.data, failureOf(job));
          },
        );
      }
    }
    for (const r of this.repeats) {
      // One schedule row per name (an upsert): every server declares it, pg-boss's cron sends one job per tick.
      await this.boss.schedule(r.name, `*/${r.everyMinutes} * * * *`, {}, { tz: 'Asia/Shanghai' });
      // And a tick now, as a server that starts would (the ticks' jobs must be idempotent: they are).
      await this.boss.send(r.name, {});
    }
  }

  /** Creates the queue, or brings an existing one's options up to date (another server may have created it). */
  private async ensureQueue(
    name: string,
    options: {
      retryLimit: number;
      retryDelay?: number;
      expireInSeconds?: number;
      heartbeatSeconds?: number;
      deadLetter?: string;
    },
  ): Promise<void> {
    const { deadLetter, ...rest } = options;
    const update = () => this.boss.updateQueue(name, { ...rest, ...(deadLetter ? { deadLetter } : {}) });
    if (await this.boss.getQueue(name)) return update();
    try {
      await this.boss.createQueue(name, options);
    } catch (e) {
      // Servers starting together: another one created it between our look and our create.
      if (!(await this.boss.getQueue(name))) throw e;
      await update();
    }
  }

  async send<T extends object>(name: string, data: T, options: { id?: string } = {}): Promise<string | null> {
    if (!this.queues.has(name)) throw new Error(`no job queue named ${name}`);
    if (!this.started) throw new Error('the job queue is not started');
    return this.boss.send(name, data, options.id !== undefined ? { id: options.id } : {});
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // Graceful: workers stop fetching, jobs under way get `timeoutMs` to finish; one that does not is failed by its
    // heartbeat on another server and retried there.
    await this.boss.stop({ graceful: true, timeout: timeoutMs, close: true });
  }

  async depths(): Promise<QueueDepth[]> {
    const names = [...this.queues.keys()];
    // Counted live from pg-boss's job table (its snapshots are up to a minute old).
    const r = await this.boss.getDb().executeSql(
      `SELECT name,
              count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS waiting,
              count(*) FILTER (WHERE state = 'active')::int AS running,
              COALESCE(EXTRACT(EPOCH FROM now() - min(created_on) FILTER (
                WHERE state IN ('created', 'retry') AND start_after <= now())), 0)::float8 AS oldest
         FROM ${PG_BOSS_SCHEMA}.job WHERE name = ANY($1::text[]) GROUP BY name`,
      [names],
    );
    const by = new Map(
      (r.rows as { name: string; waiting: number; running: number; oldest: number }[]).map((x) => [x.name, x]),
    );
    return names.map((queue) => {
      const x = by.get(queue);
      return {
        queue,
        waiting: x?.waiting ?? 0,
        running: x?.running ?? 0,
        oldestWaitingSeconds: Math.max(0, x?.oldest ?? 0),
      };
    });
  }
}

/** Why a dead-lettered job failed: its last error, or that its server stopped answering. */
function failureOf(job: JobWithMetadata<object>): string {
  const out = job.sourceOutput as { message?: unknown } | null;
  const message = out && typeof out.message === 'string' ? out.message : out ? JSON.stringify(out) : null;
  const tries = (job.sourceRetryCount ?? 0) + 1;
  return `${message ?? 'no error recorded'} (after ${tries} ${tries === 1 ? 'try' : 'tries'})`;
}
