import crypto from 'node:crypto';
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

interface Pending {
  queue: string;
  since: number;
  running: boolean;
}

/**
 * The job queue of one process (the embedded SQLite default): a job runs in this process as soon as it is sent,
 * tried again on failure like pg-boss would; repeats tick on a timer from `start()`. Nothing survives a restart —
 * the services that care (the survey import) mark what a stopped server left behind at the next start.
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly queues = new Map<string, Defined>();
  private readonly repeats: { name: string; everyMinutes: number }[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly seen = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  private readonly under = new Set<Promise<void>>();
  private hooks: JobHooks = SILENT_HOOKS;
  private stopped = false;

  instrument(hooks: JobHooks): void {
    this.hooks = hooks;
  }

  define<T extends object>(name: string, handler: JobHandler<T>, options: QueueOptions<T> = {}): void {
    if (this.queues.has(name)) throw new Error(`job queue ${name} is defined twice`);
    this.queues.set(name, { handler: handler as JobHandler<object>, options: options as QueueOptions<object> });
  }

  async send<T extends object>(name: string, data: T, options: { id?: string } = {}): Promise<string | null> {
    const q = this.queues.get(name);
    if (!q) throw new Error(`no job queue named ${name}`);
    if (this.stopped) throw new Error('the job queue is stopped');
    if (options.id !== undefined) {
      const key = `${name}|${options.id}`;
      if (this.seen.has(key)) return null;
      this.seen.add(key);
    }
    const id = options.id ?? crypto.randomUUID();
    this.pending.set(id, { queue: name, since: Date.now(), running: false });
    this.track(this.attempt(name, id, q, data, 0));
    return id;
  }

  private track(p: Promise<void>): void {
    this.under.add(p);
    void p.finally(() => this.under.delete(p));
  }

  private async attempt(name: string, id: string, q: Defined, data: object, attempt: number): Promise<void> {
    // Never inside the sender's call: the job runs after the request that sent it has its answer under way.
    await new Promise((resolve) => setImmediate(resolve));
    const p = this.pending.get(id);
    if (p) p.running = true;
    try {
      await runTry(this.hooks, name, q.handler, data, { id, attempt });
      this.pending.delete(id);
    } catch (e) {
      const limit = q.options.retryLimit ?? 2;
      if (attempt < limit && !this.stopped) {
        if (p) Object.assign(p, { running: false, since: Date.now() });
        const delay = (q.options.retryDelaySeconds ?? 0) * 1000;
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay).unref());
        return this.attempt(name, id, q, data, attempt + 1);
      }
      this.pending.delete(id);
      await q.options
        .onFailed?.(data, `${reasonOf(e)} (after ${attempt + 1} ${attempt === 0 ? 'try' : 'tries'})`)
        .catch((err: unknown) => this.hooks.error(err, `job ${name}: onFailed`));
    }
  }

  repeat(name: string, everyMinutes: number): void {
    if (!this.queues.has(name)) throw new Error(`no job queue named ${name}`);
    this.repeats.push({ name, everyMinutes });
  }

  async start(): Promise<void> {
    for (const r of this.repeats) {
      const tick = () => {
        this.send(r.name, {}).catch((e: unknown) => this.hooks.error(e, `repeat ${r.name}`));
      };
      tick();
      const t = setInterval(tick, r.everyMinutes * 60_000);
      t.unref();
      this.timers.push(t);
    }
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    const all = Promise.allSettled([...this.under]);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  async depths(): Promise<QueueDepth[]> {
    const now = Date.now();
    return [...this.queues.keys()].map((queue) => {
      const mine = [...this.pending.values()].filter((p) => p.queue === queue);
      const waiting = mine.filter((p) => !p.running);
      return {
        queue,
        waiting: waiting.length,
        running: mine.length - waiting.length,
        oldestWaitingSeconds: waiting.length > 0 ? (now - Math.min(...waiting.map((p) => p.since))) / 1000 : 0,
      };
    });
  }
}

export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
