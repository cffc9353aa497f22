import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDb } from '../../../test/databases.ts';
import type { ChangeEventName } from '../events.ts';
import { EVERYTHING_STALE } from '../events.ts';
import type { Db } from './database.ts';
import { PgEventBus } from './pg-event-bus.ts';

/** The change signal across servers on one PostgreSQL database (two buses stand for two servers). */
describe.skipIf(!inject('pgBase'))('the PostgreSQL change signal', () => {
  let db: Db;
  let url: string;
  let a: PgEventBus;
  let b: PgEventBus;
  const errors: string[] = [];
  const onError = (_e: unknown, what: string) => errors.push(what);
  beforeAll(async () => {
    db = await createTestDb('postgres');
    url = (db.pgPool as unknown as { options: { connectionString: string } }).options.connectionString;
    a = new PgEventBus({ connectionString: url, pool: db.pgPool as pg.Pool, onError });
    b = new PgEventBus({ connectionString: url, pool: db.pgPool as pg.Pool, onError });
    await a.start();
    await b.start();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.close();
  });

  /** Collects what `bus` delivers of `names`, in order. */
  function record(bus: PgEventBus, names: ChangeEventName[]): { name: string; payload: unknown }[] {
    const got: { name: string; payload: unknown }[] = [];
    for (const name of names) bus.on(name, (payload) => got.push({ name, payload }));
    return got;
  }

  it('delivers a stale-cache event here at once and on the other server, once each', async () => {
    const onA = record(a, ['values.changed']);
    const onB = record(b, ['values.changed']);
    a.emit('values.changed', { frameworkId: 'fw-2024-v1' });
    // Here: synchronously, before any round trip.
    expect(onA).toEqual([{ name: 'values.changed', payload: { frameworkId: 'fw-2024-v1' } }]);
    await expect.poll(() => onB.length, { timeout: 5_000, interval: 10 }).toBe(1);
    expect(onB[0]).toEqual({ name: 'values.changed', payload: { frameworkId: 'fw-2024-v1' } });
    // A's own message came back over the channel and was skipped: still once.
    await b.close().then(() => undefined);
    b = new PgEventBus({ connectionString: url, pool: db.pgPool as pg.Pool, onError });
    await b.start();
    expect(onA).toHaveLength(1);
  });

  it('keeps an act (a notification to send) on the server that emitted it', async () => {
    const onB = record(b, ['values.published', 'lists.changed']);
    a.emit('values.published', { period: '2024-11', orgUnitId: null, count: 3 });
    a.emit('lists.changed', {});
    await expect.poll(() => onB.map((e) => e.name), { timeout: 5_000, interval: 10 }).toEqual(['lists.changed']);
  });

  it('sends a long list of changed households as "everything changed" (NOTIFY takes under 8000 bytes)', async () => {
    const onB = record(b, ['households.changed']);
    const householdIds = Array.from({ length: 500 }, (_, i) => `household-${String(i).padStart(6, '0')}`);
    a.emit('households.changed', { householdIds: householdIds.slice(0, 3) });
    a.emit('households.changed', { householdIds });
    await expect.poll(() => onB.length, { timeout: 5_000, interval: 10 }).toBe(2);
    expect(onB.map((e) => e.payload)).toEqual(expect.arrayContaining([{ householdIds: householdIds.slice(0, 3) }, {}]));
  });

  it('reconnects when its listening connection is lost, and then tells its listeners everything is stale', async () => {
    const onB = record(b, ['lists.changed', 'projects.changed', 'values.changed']);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // The LISTEN connection of every bus on this database is cut (as by a database restart or a network drop).
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query = 'LISTEN gongfu_events'`,
      );
    } finally {
      await admin.end();
    }
    await expect
      .poll(() => onB.filter((e) => e.name === 'lists.changed').length, { timeout: 10_000, interval: 20 })
      .toBe(1);
    expect(onB.map((e) => e.name)).toEqual(
      EVERYTHING_STALE.map(([n]) => n).filter((n) =>
        ['lists.changed', 'projects.changed', 'values.changed'].includes(n),
      ),
    );
    expect(errors.some((w) => w.startsWith('LISTEN connection lost'))).toBe(true);
    // And it hears the others again.
    a.emit('values.changed', { frameworkId: 'after' });
    await expect.poll(() => onB.some((e) => e.name === 'values.changed'), { timeout: 10_000, interval: 20 }).toBe(true);
  });
});
