import type { Kysely } from 'kysely';

/**
 * Issue 8, the rest of the households module:
 * - `household_rule_history`: every version of the monitoring rules the civil-affairs officer edits (deadlines,
 *   thresholds, which flags open a case by themselves), the whole rule set as JSON with who, when and why; the
 *   latest row is the version in force (the settings row holds the same JSON for the readers);
 * - `household_import_jobs`: income-survey imports (CSV / XLSX) run as background jobs: their state, progress, the
 *   file's name and the problems found (by row and column), so that a page can show the progress bar and the report.
 *   An import writes its households in one transaction at the end: a job interrupted (server killed) leaves nothing
 *   half-written and is marked failed at the next start.
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('household_rule_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('household_import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_total', 'integer')
    .addColumn('households', 'integer', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text')
    .addColumn('message', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('household_import_jobs_created_by')
    .on('household_import_jobs')
    .column('created_by')
    .execute();
}
