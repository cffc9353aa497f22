import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createContext, type AppContext } from '../context.ts';
import type { Db, Dialect } from '../db/database.ts';
import { DAILY_TICK } from './daily-runs.ts';
import { InProcessJobQueue } from './in-process.queue.ts';
import { jobId, type JobQueue } from './job-queue.ts';
import { PgBossJobQueue } from './pg-boss.queue.ts';

type Kind = JobQueue['kind'];

function connectionOf(db: Db): string {
  const s = (db.pgPool as unknown as { options: { connectionString: string } }).options.connectionString;
  if (!s) throw new Error('no connection string');
  return s;
}

function queueOf(kind: Kind, db: Db): JobQueue {
  return kind === 'pg-boss'
    ? new PgBossJobQueue({
        connectionString: connectionOf(db),
        pollingIntervalSeconds: 0.5,
        superviseIntervalSeconds: 1,
      })
    : new InProcessJobQueue();
}

async function until(what: string, test: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until no queue has a job waiting or running. */
async function drained(queues: readonly JobQueue[]): Promise<void> {
  await until('the queues to drain', async () => {
    for (const q of queues) for (const d of await q.depths()) if (d.waiting + d.running > 0) return false;
    return true;
  });
}

const runners: [Kind, Dialect][] = testDialects().flatMap((d): [Kind, Dialect][] =>
  d === 'postgres'
    ? [
        ['in-process', d],
        ['pg-boss', d],
      ]
    : [['in-process', d]],
);

describe.each(runners)('%s job queue on %s', (kind, dialect) => {
  let t: TestApp;
  const open: JobQueue[] = [];
  const queue = () => {
    const q = queueOf(kind, t.ctx.db);
    open.push(q);
    return q;
  };

  afterEach(async () => {
    for (const q of open.splice(0)) await q.stop(2000);
  });
  afterAll(async () => t?.close());

  it('runs a sent job with its data; a second send of the same id is dropped', async () => {
    t ??= await createTestApp(dialect);
    const q = queue();
    const seen: string[] = [];
    q.define<{ n: string }>('test.echo', async (data) => {
      seen.push(data.n);
    });
    await q.start();
    expect(await q.send('test.echo', { n: 'a' })).not.toBeNull();
    const id = jobId('test.echo:once');
    expect(await q.send('test.echo', { n: 'b' }, { id })).toBe(id);
    expect(await q.send('test.echo', { n: 'c' }, { id })).toBeNull();
    await until('both jobs', () => seen.length === 2);
    await drained([q]);
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  it('tries a failing job again, then says why it failed', async () => {
    t ??= await createTestApp(dialect);
    const q = queue();
    const tries: number[] = [];
    const failed: string[] = [];
    q.define<{ n: number }>(
      'test.flaky',
      async (data, job) => {
        tries.push(job.attempt);
        if (data.n === 0 || job.attempt === 0) throw new Error(`no luck with ${data.n}`);
      },
      {
        retryLimit: 1,
        onFailed: async (data, reason) => {
          failed.push(`${data.n}: ${reason}`);
        },
      },
    );
    await q.start();
    await q.send('test.flaky', { n: 1 });
    await until('the second try of job 1', () => tries.length >= 2);
    await q.send('test.flaky', { n: 0 });
    await until('job 0 failed', () => failed.length === 1);
    expect(failed[0]).toMatch(/^0: no luck with 0 .*2 tries/);
    expect(tries.sort()).toEqual([0, 0, 1, 1]);
  });

  it('runs each daily warning run once a day however many times the tick comes', async () => {
    t ??= await createTestApp(dialect);
    // Two servers on one database (pg-boss), or one process ticking again (in-process).
    const servers: { ctx: AppContext; runs: string[] }[] = [];
    for (let i = 0; i < (kind === 'pg-boss' ? 2 : 1); i++) {
      const runs: string[] = [];
      const ctx = await createContext(t.ctx.db, t.config, t.clock, undefined, queue());
      ctx.jobs.instrument({
        info: () => {},
        error: () => {},
        ran: (name, outcome) => {
          if (name !== DAILY_TICK && outcome === 'completed') runs.push(name);
        },
      });
      servers.push({ ctx, runs });
    }
    await Promise.all(servers.map((s) => s.ctx.jobs.start()));
    for (const s of servers) await s.ctx.jobs.send(DAILY_TICK, {});
    const all = () => servers.flatMap((s) => s.runs).sort();
    await until('the three daily runs', () => all().length >= 3);
    await drained(servers.map((s) => s.ctx.jobs));
    expect(all()).toEqual(['household-cases.daily', 'lists.daily', 'projects.daily']);
    // The next day: once more each.
    t.clock.advance(24 * 3600_000);
    for (const s of servers) await s.ctx.jobs.send(DAILY_TICK, {});
    await until('the next day', () => all().length >= 6);
    await drained(servers.map((s) => s.ctx.jobs));
    expect(all()).toHaveLength(6);
  });
});
