import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobQueue, QueueDepth } from '../jobs/job-queue.ts';

type Pick = (d: QueueDepth) => number;

/** The caches whose hits and misses are counted (`gongfu_cache_lookups_total{cache}`). */
export type CacheName = 'cockpit' | 'grid' | 'evaluation';

/** What a service with a cache is given: one call per lookup. */
export type CacheMeter = (cache: CacheName, hit: boolean) => void;

/**
 * The server's Prometheus metrics (prom-client), one registry per server context. Labels carry route patterns,
 * queue names, cache names and status codes only — never a URL with its ids, a user or anything personal — so the
 * series stay few and `/metrics` holds no personal data. docs/deployment.md lists them with alert thresholds.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;
  private readonly jobRuns: Counter<'queue' | 'outcome'>;
  private readonly jobSeconds: Histogram<'queue'>;
  private readonly evaluationSeconds: Histogram<'view'>;
  private readonly cacheLookups: Counter<'cache' | 'result'>;
  private jobs: JobQueue | null = null;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'gongfu_' });
    this.requests = new Counter({
      name: 'gongfu_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'gongfu_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.jobRuns = new Counter({
      name: 'gongfu_job_runs_total',
      help: 'Background job tries finished in this process, by queue and outcome (completed, failed)',
      labelNames: ['queue', 'outcome'],
      registers,
    });
    this.jobSeconds = new Histogram({
      name: 'gongfu_job_duration_seconds',
      help: 'Run time of a background job try in this process, by queue',
      labelNames: ['queue'],
      buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    });
    this.evaluationSeconds = new Histogram({
      name: 'gongfu_evaluation_run_duration_seconds',
      help: 'Time of a full evaluation run (load, compute, store), by figure view (published, preview)',
      labelNames: ['view'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.cacheLookups = new Counter({
      name: 'gongfu_cache_lookups_total',
      help: 'Lookups of the cockpit, entry grid and evaluation caches, by cache and result (hit, miss)',
      labelNames: ['cache', 'result'],
      registers,
    });
    const depth = (name: string, help: string, pick: Pick) =>
      new Gauge({
        name,
        help,
        labelNames: ['queue'],
        registers,
        collect: async () => {
          if (!this.jobs) return;
          // The queue's counts at scrape time (on pg-boss: every server's jobs, read from the database).
          for (const d of await this.jobs.depths()) depthGauges.get(name)?.set({ queue: d.queue }, pick(d));
        },
      });
    const depthGauges = new Map<string, Gauge<'queue'>>();
    const gauges: [string, string, Pick][] = [
      ['gongfu_job_queue_waiting', 'Jobs waiting to run (retries included), by queue', (d) => d.waiting],
      ['gongfu_job_queue_running', 'Jobs running, by queue', (d) => d.running],
      [
        'gongfu_job_queue_oldest_waiting_seconds',
        'Age of the oldest job ready to run and not yet started, by queue (0 when none waits)',
        (d) => d.oldestWaitingSeconds,
      ],
    ];
    for (const [name, help, pick] of gauges) depthGauges.set(name, depth(name, help, pick));
  }

  /** The queue whose depth and age are reported at each scrape. */
  watch(jobs: JobQueue): void {
    this.jobs = jobs;
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  job(queue: string, outcome: 'completed' | 'failed', seconds: number): void {
    this.jobRuns.inc({ queue, outcome });
    this.jobSeconds.observe({ queue }, seconds);
  }

  evaluation(view: string, seconds: number): void {
    this.evaluationSeconds.observe({ view }, seconds);
  }

  readonly cache: CacheMeter = (cache, hit) => {
    this.cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
  };

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
