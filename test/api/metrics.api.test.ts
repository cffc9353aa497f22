/**
 * GET /metrics (src/server/metrics): what a scrape shows after a few requests — requests by route pattern (never the
 * URL with its ids), the cockpit's and the evaluation's cache hits and misses, the evaluation's run time, the job
 * queue's depth. Who may scrape it is in the authorisation matrix (test/security/matrix.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

/** The value of one series in Prometheus's text format (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe.each(testDialects())('metrics on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());
  const scrape = async () => (await t.app.inject({ method: 'GET', url: '/metrics' })).body;

  it('counts requests by route pattern, cache hits and misses, and evaluation runs', async () => {
    const leader = await t.as('leader');
    expect((await leader.get('/api/v1/cockpit')).statusCode).toBe(200);
    expect((await leader.get('/api/v1/cockpit')).statusCode).toBe(200);
    const items = (await leader.get('/api/v1/lists/items')).json<{ rows: { id: string }[] }>().rows;
    const id = items[0]?.id as string;
    expect((await leader.get(`/api/v1/lists/items/${id}`)).statusCode).toBe(200);
    await leader.get('/api/v1/no-such-route/123');

    const text = await scrape();
    expect(sample(text, 'gongfu_cache_lookups_total{cache="cockpit",result="miss"}')).toBe(1);
    expect(sample(text, 'gongfu_cache_lookups_total{cache="cockpit",result="hit"}')).toBe(1);
    // The first cockpit ran the evaluation (a miss of the held run); the second was served from the cockpit's cache.
    expect(sample(text, 'gongfu_cache_lookups_total{cache="evaluation",result="miss"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'gongfu_evaluation_run_duration_seconds_count{view="published"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'gongfu_http_requests_total{method="GET",route="/api/v1/cockpit",status="200"}')).toBe(2);
    expect(sample(text, 'gongfu_http_requests_total{method="GET",route="/api/v1/lists/items/:id",status="200"}')).toBe(
      1,
    );
    expect(sample(text, 'gongfu_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    // No id, user or raw URL in a label.
    expect(text).not.toContain(id);
    expect(text).not.toContain('no-such-route');
    expect(text).not.toContain('leader');
    // The queues are listed with their depth, also when empty.
    expect(text).toContain('gongfu_job_queue_waiting{queue="lists.daily"} 0');
    expect(text).toContain('gongfu_job_queue_oldest_waiting_seconds{queue="lists.daily"} 0');
  });
});
