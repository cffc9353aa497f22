import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.ts';

/**
 * Issue 14: the survey import as a queue job that any server may run (src/server/jobs).
 * - `household_import_files`: the uploaded file of a job not yet finished, encrypted with the field key (it holds
 *   names and ID numbers; keyed by the job's id, so the key rotation re-encrypts it like any column), so that the server that takes the job — or the one that tries it again after the first
 *   died — can read it; deleted when the job ends (in the import's own transaction when it commits).
 * - `household_import_jobs.runner`: the server process running the job (`host:pid`), for the operator.
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('household_import_files')
    .addColumn('id', 'text', (c) => c.primaryKey().references('household_import_jobs.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('household_import_jobs').addColumn('runner', 'text').execute();
}
