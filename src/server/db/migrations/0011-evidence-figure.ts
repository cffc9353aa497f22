import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.ts';

/**
 * Issue 9: evidence linked to the figure it supports. `project_attachments.figure` names the monthly return's figure
 * a file backs (thisMonth, ytd, sinceStart, progress, workers); null for evidence of the return as a whole (and for
 * files stored before this migration).
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('project_attachments').addColumn('figure', 'text').execute();
  await db.schema.createIndex('project_attachments_return').on('project_attachments').column('return_id').execute();
}
