import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.ts';

/**
 * The four lists with responsibility and supervision (issue 4):
 * - `list_items`: one row per item, with its current state, its colour (the most severe active warning, kept up to
 *   date by the warning run) and, once adjusted, its original deadline and target;
 * - `list_milestones`, `list_reports` (one per item and month), `list_problems` (problems needing co-ordination,
 *   each with an owner and a date), `list_attachments` (the bytes stored in the database, so that a backup holds
 *   them);
 * - `list_warnings`: raised and cleared, never deleted, so the history shows them; at most one active warning per
 *   item, kind and subject (a partial unique index);
 * - `list_notices` (督办单) and `list_notice_answers`, `list_adjustments` (deadline, target, cancellation: pending
 *   until approved, keeping the old values), `list_item_history` (every act on an item).
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const text = 'text';
  const blob = ctx.dialect === 'postgres' ? 'bytea' : 'blob';

  await db.schema
    .createTable('list_items')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('code', text, (c) => c.notNull().unique())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('content', text, (c) => c.notNull().defaultTo(''))
    .addColumn('dimension_code', text)
    .addColumn('work_team_id', text, (c) => c.references('work_teams.id'))
    .addColumn('leader_name', text, (c) => c.notNull())
    .addColumn('lead_unit_id', text, (c) => c.notNull().references('org_units.id'))
    .addColumn('co_unit_ids', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('person_in_charge', text, (c) => c.notNull())
    .addColumn('contact', text, (c) => c.notNull().defaultTo(''))
    .addColumn('district_id', text, (c) => c.references('org_units.id'))
    .addColumn('start_date', text, (c) => c.notNull())
    .addColumn('deadline', text, (c) => c.notNull())
    .addColumn('original_deadline', text)
    .addColumn('target_unit', text)
    .addColumn('target_floor', ctx.real)
    .addColumn('target_stretch', ctx.real)
    .addColumn('original_floor', ctx.real)
    .addColumn('original_stretch', ctx.real)
    .addColumn('target_indicator_code', text)
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('colour', text, (c) => c.notNull().defaultTo('none'))
    .addColumn('progress_pct', ctx.real)
    .addColumn('issued_at', text)
    .addColumn('issued_by', text)
    .addColumn('acknowledged_at', text)
    .addColumn('acknowledged_by', text)
    .addColumn('completion_requested_at', text)
    .addColumn('closed_at', text)
    .addColumn('closed_by', text)
    .addColumn('cancelled_at', text)
    .addColumn('source_doc', text, (c) => c.notNull())
    .addColumn('source_quote', text)
    .addColumn('generated_fields', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('created_by', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('updated_by', text)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  for (const col of ['kind', 'lead_unit_id', 'district_id', 'status', 'colour']) {
    await db.schema.createIndex(`list_items_${col}`).on('list_items').column(col).execute();
  }

  await db.schema
    .createTable('list_milestones')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('item_id', text, (c) => c.notNull().references('list_items.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('planned_date', text, (c) => c.notNull())
    .addColumn('completed_date', text)
    .addColumn('evidence', text)
    .addColumn('generated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('updated_by', text)
    .execute();
  await db.schema.createIndex('list_milestones_item').on('list_milestones').column('item_id').execute();

  await db.schema
    .createTable('list_reports')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('item_id', text, (c) => c.notNull().references('list_items.id').onDelete('cascade'))
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('percent', ctx.real, (c) => c.notNull())
    .addColumn('value', ctx.real)
    .addColumn('narrative', text, (c) => c.notNull())
    .addColumn('evidence', text)
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('generated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reported_at', text, (c) => c.notNull())
    .addColumn('reported_by', text)
    .addUniqueConstraint('list_reports_item_period', ['item_id', 'period'])
    .execute();

  await db.schema
    .createTable('list_problems')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('item_id', text, (c) => c.notNull().references('list_items.id').onDelete('cascade'))
    .addColumn('report_id', text, (c) => c.references('list_reports.id').onDelete('cascade'))
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('owner', text, (c) => c.notNull())
    .addColumn('owner_unit_id', text, (c) => c.references('org_units.id'))
    .addColumn('due_date', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('resolved_at', text)
    .addColumn('resolved_by', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('list_problems_item').on('list_problems').column('item_id').execute();

  await db.schema
    .createTable('list_attachments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('item_id', text, (c) => c.notNull().references('list_items.id').onDelete('cascade'))
    .addColumn('report_id', text, (c) => c.references('list_reports.id').onDelete('set null'))
    .addColumn('file_name', text, (c) => c.notNull())
    .addColumn('content_type', text, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', text, (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('uploaded_at', text, (c) => c.notNull())
    .addColumn('uploaded_by', text)
    .execute();
  await db.schema.createIndex('list_attachments_item').on('list_attachments').column('item_id').execute();

  await db.schema
    .createTable('list_warnings')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('item_id', text, (c) => c.notNull().references('list_items.id').onDelete('cascade'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('ref', text, (c) => c.notNull().defaultTo(''))
    .addColumn('colour', text, (c) => c.notNull())
    .addColumn('reason_zh', text, (c) => c.notNull())
    .addColumn('reason_en', text, (c) => c.notNull())
    .addColumn('raised_at', text, (c) => c.notNull())
    .addColumn('cleared_at', text)
    .addColumn('clear_reason', text)
    .execute();
  await db.schema.createIndex('list_warnings_item').on('list_warnings').columns(['item_id', 'raised_at']).execute();
  await db.schema.createIndex('list_warnings_raised').on('list_warnings').column('raised_at').execute();
  // Two writers computing the same item (the daily run and a user's act) cannot both raise the same warning.
  await sql`CREATE UNIQUE INDEX list_warnings_active ON list_warnings (item_id, kind, ref) WHERE cleared_at IS NULL`.execute(
    db,
  );

  await db.schema
    .createTable('list_notices')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('item_id', text, (c) => c.notNull().references('list_items.id').onDelete('cascade'))
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('origin', text, (c) => c.notNull())
    .addColumn('problem', text, (c) => c.notNull())
    .addColumn('issued_by', text)
    .addColumn('issued_at', text, (c) => c.notNull())
    .addColumn('due_date', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('escalated_at', text)
    .addColumn('closed_at', text)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('list_notices_item').on('list_notices').column('item_id').execute();
  await db.schema.createIndex('list_notices_status').on('list_notices').column('status').execute();

  await db.schema
    .createTable('list_notice_answers')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('notice_id', text, (c) => c.notNull().references('list_notices.id').onDelete('cascade'))
    .addColumn('answer', text, (c) => c.notNull())
    .addColumn('answered_by', text)
    .addColumn('answered_at', text, (c) => c.notNull())
    .addColumn('review', text)
    .addColumn('review_note', text)
    .addColumn('reviewed_by', text)
    .addColumn('reviewed_at', text)
    .execute();
  await db.schema.createIndex('list_notice_answers_notice').on('list_notice_answers').column('notice_id').execute();

  await db.schema
    .createTable('list_adjustments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('item_id', text, (c) => c.notNull().references('list_items.id').onDelete('cascade'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('old_deadline', text)
    .addColumn('new_deadline', text)
    .addColumn('old_floor', ctx.real)
    .addColumn('new_floor', ctx.real)
    .addColumn('old_stretch', ctx.real)
    .addColumn('new_stretch', ctx.real)
    .addColumn('requested_by', text, (c) => c.notNull())
    .addColumn('requested_at', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('decided_by', text)
    .addColumn('decided_at', text)
    .addColumn('decision_note', text)
    .execute();
  await db.schema.createIndex('list_adjustments_item').on('list_adjustments').column('item_id').execute();

  await db.schema
    .createTable('list_item_history')
    .addColumn('seq', ctx.serial, (c) => c.primaryKey())
    .addColumn('id', text, (c) => c.notNull().unique())
    .addColumn('item_id', text, (c) => c.notNull().references('list_items.id').onDelete('cascade'))
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('from_status', text)
    .addColumn('to_status', text)
    .addColumn('note', text)
    .addColumn('user_id', text)
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('list_item_history_item').on('list_item_history').column('item_id').execute();
}
