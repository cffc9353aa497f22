import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects } from '../../../test/databases.ts';
import { TestClock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { openPostgres } from '../db/database.ts';
import { StoredRateLimiter } from './shared-rate-limit.ts';
import { SharedStateRepository } from './shared-state.repository.ts';

describe.each(testDialects())('the stored sign-in rate limit on %s', (dialect) => {
  let db: Db;
  const clock = new TestClock('2024-05-01T09:00:00Z');
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => db.close());

  it('is a sliding window per key, shared by every limiter on the database (as by several servers)', async () => {
    // Two limiters on one database stand for two servers.
    const one = new StoredRateLimiter({
      limit: 3,
      windowMs: 60_000,
      clock,
      repo: new SharedStateRepository(db.kysely),
    });
    const two = new StoredRateLimiter({
      limit: 3,
      windowMs: 60_000,
      clock,
      repo: new SharedStateRepository(db.kysely),
    });
    expect(await one.hit('addr:10.0.0.7')).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    clock.advance(10_000);
    expect((await two.hit('addr:10.0.0.7')).remaining).toBe(1);
    expect((await one.hit('addr:10.0.0.7')).remaining).toBe(0);
    expect(await two.hit('addr:10.0.0.7')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 50 });
    // Another key is not touched.
    expect((await two.hit('addr:10.0.0.8')).allowed).toBe(true);
    // A refund takes back the newest hit; a reset forgets the key.
    await two.refund('addr:10.0.0.7');
    expect((await one.peek('addr:10.0.0.7')).remaining).toBe(1);
    await one.reset('addr:10.0.0.7');
    expect((await two.peek('addr:10.0.0.7')).remaining).toBe(3);
    // The oldest hit leaves the window: allowed again.
    await one.hit('acct:x');
    await one.hit('acct:x');
    await one.hit('acct:x');
    expect((await two.hit('acct:x')).allowed).toBe(false);
    clock.advance(60_000);
    expect((await two.hit('acct:x')).allowed).toBe(true);
  });

  it('counts hits made at the same moment from several connections exactly (none let through twice)', async () => {
    // Separate pools on PostgreSQL are separate servers as far as the database can tell.
    const pools = dialect === 'postgres' ? [0, 1, 2].map(() => openPostgres(poolUrl(db), 3)) : [db];
    try {
      const limiters = pools.map(
        (p) => new StoredRateLimiter({ limit: 10, windowMs: 60_000, clock, repo: new SharedStateRepository(p.kysely) }),
      );
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (limiters[i % limiters.length] as StoredRateLimiter).hit('acct:burst')),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
    } finally {
      if (dialect === 'postgres') for (const p of pools) await p.close();
    }
  });
});

/** The connection string of a test database's pool (PostgreSQL only). */
function poolUrl(db: Db): string {
  const options = (db.pgPool as unknown as { options: { connectionString: string } }).options;
  return options.connectionString;
}
