import crypto from 'node:crypto';

/**
 * Background work behind one interface (docs/deployment.md): `InProcessJobQueue` on the embedded SQLite default (one
 * process, nothing to share), `PgBossJobQueue` on PostgreSQL (pg-boss: jobs stored in the database, claimed by one
 * server at a time, retried when the server running them goes away). Handlers are written once for both.
 */
export interface JobQueue {
  readonly kind: 'in-process' | 'pg-boss';
  /**
   * Declares a queue and the handler that works it. A handler that throws (or whose server dies) is tried again up
   * to `retryLimit` times; after the last try `onFailed` says so (the import marks its job failed with the reason).
   */
  define<T extends object>(name: string, handler: JobHandler<T>, options?: QueueOptions<T>): void;
  /**
   * Queues a job. With `id`, a second send of the same id is dropped (null) while the first is kept: how a daily run
   * is sent by every server and runs once.
   */
  send<T extends object>(name: string, data: T, options?: { id?: string }): Promise<string | null>;
  /** Sends `name` every `everyMinutes` (and once at start) — once per tick however many servers there are. */
  repeat(name: string, everyMinutes: number): void;
  /** Starts the workers and the repeats (a server, once it listens); sends before then wait in the queue. */
  start(): Promise<void>;
  /** Stops taking jobs and waits up to `timeoutMs` for those under way (a job left unfinished is retried elsewhere). */
  stop(timeoutMs?: number): Promise<void>;
  /** Per queue: jobs waiting, jobs running, and how long the oldest waiting one has waited (the metrics). */
  depths(): Promise<QueueDepth[]>;
  /** Where the queue says what it does: the server's logger and its metrics (set once the app is built). */
  instrument(hooks: JobHooks): void;
}

/** A pino-like logger and the metrics' job observer. */
export interface JobHooks {
  info(detail: object, message: string): void;
  error(error: unknown, message: string): void;
  ran?(queue: string, outcome: 'completed' | 'failed', seconds: number): void;
}

export const SILENT_HOOKS: JobHooks = { info: () => {}, error: () => {} };

/** Runs one try of a handler, timed and reported to the hooks; rethrows so the queue can try again. */
export async function runTry<T>(
  hooks: JobHooks,
  queue: string,
  handler: JobHandler<T>,
  data: T,
  job: JobContext,
): Promise<void> {
  const t0 = performance.now();
  try {
    const result = await handler(data, job);
    hooks.ran?.(queue, 'completed', (performance.now() - t0) / 1000);
    if (result !== undefined) hooks.info({ [queue]: result }, `job ${queue} done`);
  } catch (e) {
    hooks.ran?.(queue, 'failed', (performance.now() - t0) / 1000);
    hooks.error(e, `job ${queue} failed (try ${job.attempt + 1})`);
    throw e;
  }
}

export interface JobContext {
  /** The job's id in the queue. */
  id: string;
  /** 0 on the first try, then 1, 2, … */
  attempt: number;
  /** pg-boss: aborted when this try lost its claim (its heartbeat was missed and the job went to another server). */
  signal?: AbortSignal;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<unknown>;

export interface QueueOptions<T> {
  /** Tries after the first; default 2. */
  retryLimit?: number;
  /** Seconds between tries; default 0. */
  retryDelaySeconds?: number;
  /**
   * pg-boss: a running job's worker refreshes a heartbeat every half of this; a job whose heartbeat stops (its server
   * died) is failed and retried by another server after this many seconds (≥ 10).
   */
  heartbeatSeconds?: number;
  /** The longest a job may run before it is failed and retried; default 15 minutes. */
  expireInSeconds?: number;
  /** After the last try failed: the data and why (any server runs it, also when the worker's server died). */
  onFailed?: (data: T, reason: string) => Promise<void>;
}

export interface QueueDepth {
  queue: string;
  /** Waiting to run (retries included). */
  waiting: number;
  running: number;
  /** Seconds the oldest waiting job has waited; 0 when none waits. */
  oldestWaitingSeconds: number;
}

/** A job id made from a name (UUID v5 form), so that every server sends the same id for the same day's run. */
export function jobId(key: string): string {
  const h = crypto.createHash('sha1').update(`gongfu-job:${key}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
