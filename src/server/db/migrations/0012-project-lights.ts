import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.ts';

/**
 * Issue 9, the ledger at a province's size:
 * - Each project keeps its lights (`lights`: JSON of every light it is watched by, green ones included, each with its
 *   reason), its colour (`light`), the judged year's plan and approved year to date (`judged_planned`,
 *   `judged_ytd`), the day they were judged for (`lights_on`: "start overdue" depends on the date) and a stamp that
 *   grows with each recomputation (`lights_stamp`, indexed: readers of the ledger's table know from it whether what
 *   they hold is current). The service recomputes them in each write that changes them and in the daily run; a row
 *   judged for an earlier day (or never, as after this migration) is recomputed when first read.
 * - The framework's project indicators are fed by the ledger. Databases created before the ledger carry D2-30 … D2-34
 *   and D2-36 without `fed_by`; `feedProjectIndicators` gives them their feed — only the indicators that are still
 *   the seed's (their code, the ledger as their data source, no formula, no feed of their own), in every framework
 *   version: the feed replaces entered values for the latest as-of month only, which is what those versions were
 *   written to hold.
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('projects')
    .addColumn('lights', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('projects')
    .addColumn('light', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema.alterTable('projects').addColumn('judged_planned', ctx.real).execute();
  await db.schema
    .alterTable('projects')
    .addColumn('judged_ytd', ctx.real, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('projects').addColumn('lights_on', 'text').execute();
  await db.schema
    .alterTable('projects')
    .addColumn('lights_stamp', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('projects_lights_stamp').on('projects').column('lights_stamp').execute();
  await feedProjectIndicators(db);
}

/** The ledger's source as the framework names it (共富平台重大项目台账模块). */
export const PROJECT_DATA_SOURCE = '共富平台重大项目台账模块（项目月报汇总）';

/** The indicators the ledger feeds and their feeds (src/server/seed/panzhihua/framework.ts). */
export const PROJECT_INDICATOR_FEEDS: Readonly<Record<string, string>> = {
  'D2-30': 'projects.keyProjects',
  'D2-31': 'projects.newStarts',
  'D2-32': 'projects.completions',
  'D2-33': 'projects.ytd',
  'D2-34': 'projects.planned',
  'D2-36': 'projects.reserve',
};

/** Gives the seed's project indicators of every framework version their feed; idempotent. Returns how many. */
export async function feedProjectIndicators(db: Kysely<unknown>): Promise<number> {
  const k = db as unknown as Kysely<{
    indicators: { code: string; data_source: string; fed_by: string | null; formula: string | null };
  }>;
  let count = 0;
  for (const [code, feed] of Object.entries(PROJECT_INDICATOR_FEEDS)) {
    const r = await k
      .updateTable('indicators')
      .set({ fed_by: feed })
      .where('code', '=', code)
      .where('data_source', '=', PROJECT_DATA_SOURCE)
      .where('fed_by', 'is', null)
      .where('formula', 'is', null)
      .executeTakeFirst();
    count += Number(r.numUpdatedRows);
  }
  return count;
}
