/**
 * Migration 0012 on each dialect: a database created before the ledger fed D2-30 … D2-34 and D2-36 holds them without
 * `fed_by`; the upgrade gives every framework version's seed indicators their feed, once, and leaves alone an
 * indicator that is no longer the seed's (another data source, a formula, a feed of its own). After it, the entry
 * grid refuses a typed value for them and the evaluation takes the ledger's figure.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { testDialects } from '../../../../test/databases.ts';
import {
  feedProjectIndicators,
  PROJECT_DATA_SOURCE,
  PROJECT_INDICATOR_FEEDS,
} from '../../db/migrations/0012-project-lights.ts';

type Indicators = {
  indicators: {
    framework_id: string;
    code: string;
    data_source: string;
    fed_by: string | null;
    formula: string | null;
  };
};

describe.each(testDialects())(
  'migration 0012: the ledger feeds the framework of an older database, on %s',
  (dialect) => {
    let t: TestApp;
    let k: Kysely<Indicators>;
    beforeAll(async () => {
      t = await createTestApp(dialect, { now: '2025-06-15T02:00:00Z' });
      k = t.ctx.db.kysely.withTables<Indicators>();
    });
    afterAll(async () => t.close());

    const codes = Object.keys(PROJECT_INDICATOR_FEEDS);
    const fedBy = async () =>
      k
        .selectFrom('indicators')
        .select(['framework_id', 'code', 'fed_by', 'data_source'])
        .where('code', 'in', codes)
        .execute();

    it('gives every version its feed, once, and leaves what is no longer the seed’s', async () => {
      const seeded = await fedBy();
      expect(seeded.length).toBeGreaterThanOrEqual(codes.length);
      for (const i of seeded) expect(i.fed_by, `${i.framework_id} ${i.code}`).toBe(PROJECT_INDICATOR_FEEDS[i.code]);
      // As before the ledger: no feed. One framework's D2-36 has been redefined by the centre (another source).
      await k.updateTable('indicators').set({ fed_by: null }).where('code', 'in', codes).execute();
      const redefined = seeded.find((i) => i.code === 'D2-36')!;
      await k
        .updateTable('indicators')
        .set({ data_source: '市发展改革委（项目库）' })
        .where('framework_id', '=', redefined.framework_id)
        .where('code', '=', 'D2-36')
        .execute();
      expect(await feedProjectIndicators(t.ctx.db.kysely as unknown as Kysely<unknown>)).toBe(seeded.length - 1);
      expect(await feedProjectIndicators(t.ctx.db.kysely as unknown as Kysely<unknown>)).toBe(0);
      for (const i of await fedBy()) {
        if (i.framework_id === redefined.framework_id && i.code === 'D2-36') {
          expect(i.fed_by).toBeNull();
          expect(i.data_source).not.toBe(PROJECT_DATA_SOURCE);
        } else {
          expect(i.fed_by, `${i.framework_id} ${i.code}`).toBe(PROJECT_INDICATOR_FEEDS[i.code]);
        }
      }
    });

    it('the migrated indicators take the ledger’s figures at the next evaluation', async () => {
      const frameworks = await t.ctx.db.kysely
        .withTables<{ frameworks: { id: string; year: number } }>()
        .selectFrom('frameworks')
        .select(['id', 'year'])
        .execute();
      const feeding = new Set((await fedBy()).filter((i) => i.code === 'D2-33' && i.fed_by).map((i) => i.framework_id));
      const framework = frameworks.filter((f) => feeding.has(f.id)).sort((a, b) => b.year - a.year)[0]!;
      // As at a start after the upgrade: nothing held from before it.
      t.ctx.events.emit('framework.changed', { frameworkId: framework.id });
      const run = await t.ctx.evaluation.run(framework.id);
      const cell = run.latest?.cells.find((c) => c.indicatorCode === 'D2-33' && c.orgUnitId === 'xiqu');
      // As of the run's month: the ledger's year to date at its end.
      const fed = (await t.ctx.projects.feed('ytd')(['xiqu'], framework.year, run.latest!.asOf)).get('xiqu');
      expect(fed).toBeGreaterThan(0);
      expect(cell?.actual).toBeCloseTo(fed!, 2);
    });

    it('every month of the trend takes the ledger’s figures as of that month, not generated values', async () => {
      const frameworks = await t.ctx.db.kysely
        .withTables<{ frameworks: { id: string; year: number; status: string } }>()
        .selectFrom('frameworks')
        .select(['id', 'year', 'status'])
        .where('year', '=', 2025)
        .where('status', '=', 'published')
        .execute();
      const trend = await t.ctx.evaluation.trend(frameworks[0]!.id, new Set(['D2-33']), 'xiqu');
      const ledgerStart = await t.ctx.projects.ledgerStart();
      const months = trend.filter((o) => o.asOf >= ledgerStart);
      expect(months.length).toBeGreaterThan(1);
      const feed = t.ctx.projects.feed('ytd');
      const seen = new Set<number>();
      for (const o of months) {
        const cell = o.cells.find((c) => c.indicatorCode === 'D2-33' && c.orgUnitId === 'xiqu');
        const fed = (await feed(['xiqu'], 2025, o.asOf)).get('xiqu');
        expect(cell?.actual, o.asOf).toBeCloseTo(fed!, 2);
        seen.add(fed!);
      }
      // The year to date grows month by month: the returns' own figures.
      expect(seen.size).toBe(months.length);
    });
  },
);
