import { chinaDate } from '../../domain/lists/dates.ts';
import { jobId, type JobQueue } from './job-queue.ts';

/** The tick that sends the day's runs: every 10 minutes and when a server starts. */
export const DAILY_TICK = 'daily.tick';
const TICK_MINUTES = 10;

/** A daily run: the lists' warnings, the project ledger's, the household cases'. */
export interface DailyRun {
  /** The queue's name, e.g. `lists.daily`. */
  queue: string;
  run(now: Date): Promise<unknown>;
}

/**
 * The daily runs on the job queue. Each tick (every 10 minutes on every server, and at each start) sends every run
 * with a job id made from the run and the Beijing day: the first send of the day is queued, every later one — from
 * this server or another — is dropped by the queue (pg-boss: the id is the job table's key, kept 7 days after the
 * job finishes). So each run happens once a day however many servers tick, soon after midnight or when the first
 * server starts. A run that fails is tried twice more, ten minutes apart.
 */
export function defineDailyRuns(jobs: JobQueue, runs: readonly DailyRun[], now: () => Date): void {
  for (const r of runs) {
    jobs.define<{ day: string }>(r.queue, async () => r.run(now()), {
      retryLimit: 2,
      retryDelaySeconds: 600,
      expireInSeconds: 3600,
      heartbeatSeconds: 30,
    });
  }
  jobs.define(DAILY_TICK, async () => {
    const day = chinaDate(now());
    for (const r of runs) await jobs.send(r.queue, { day }, { id: jobId(`${r.queue}:${day}`) });
  });
  jobs.repeat(DAILY_TICK, TICK_MINUTES);
}
