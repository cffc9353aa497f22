import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.ts';

/**
 * Dynamic monitoring cases of low-income households (issue 8; src/domain/households/cases.ts):
 * - `household_cases`: one row per case with its state and the date of each step (deadlines are computed from them
 *   and the rules, never stored); located by village, township and district for the scopes and the clearing figures;
 * - `household_case_history` (every act, who, when, from and to), `household_case_measures` (帮扶措施 with the
 *   responsible cadre, dates and outcome), `household_case_visits`, `household_case_reverifications`;
 * - `household_case_warnings` and `household_case_notices`: the lists' warning and supervision mechanism
 *   (src/server/supervision/warning-ledger.ts) over the cases — raised and cleared, never deleted, at most one active
 *   warning per case, kind and step.
 * `household_id` is the registry's household; no foreign key, so that this migration does not depend on the order in
 * which the registry's lands.
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('household_cases')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('code', text, (c) => c.notNull().unique())
    .addColumn('household_id', text, (c) => c.notNull())
    .addColumn('village_id', text, (c) => c.notNull().references('org_units.id'))
    .addColumn('township_id', text, (c) => c.references('org_units.id'))
    .addColumn('district_id', text, (c) => c.references('org_units.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('source_department', text)
    .addColumn('source_reason', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('colour', text, (c) => c.notNull().defaultTo('green'))
    .addColumn('opened_on', text, (c) => c.notNull())
    .addColumn('lead_date', text, (c) => c.notNull())
    .addColumn('visited_on', text)
    .addColumn('compared_on', text)
    .addColumn('reviewed_on', text)
    .addColumn('notice_from', text)
    .addColumn('notice_to', text)
    .addColumn('township_on', text)
    .addColumn('confirmed_on', text)
    .addColumn('first_measure_on', text)
    .addColumn('last_reverified_on', text)
    .addColumn('removed_on', text)
    .addColumn('closed_on', text)
    .addColumn('dismissed_on', text)
    .addColumn('dismiss_reason', text)
    .addColumn('generated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('created_by', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('updated_by', text)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  for (const col of ['household_id', 'village_id', 'township_id', 'district_id', 'status', 'kind']) {
    await db.schema.createIndex(`household_cases_${col}`).on('household_cases').column(col).execute();
  }

  await db.schema
    .createTable('household_case_history')
    .addColumn('seq', ctx.serial, (c) => c.primaryKey())
    .addColumn('id', text, (c) => c.notNull().unique())
    .addColumn('case_id', text, (c) => c.notNull().references('household_cases.id').onDelete('cascade'))
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('from_status', text)
    .addColumn('to_status', text)
    .addColumn('note', text)
    .addColumn('user_id', text)
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('household_case_history_case').on('household_case_history').column('case_id').execute();

  await db.schema
    .createTable('household_case_measures')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().references('household_cases.id').onDelete('cascade'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('cadre_name', text, (c) => c.notNull())
    .addColumn('cadre_user_id', text)
    .addColumn('start_date', text, (c) => c.notNull())
    .addColumn('end_date', text)
    .addColumn('outcome', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('created_by', text)
    .execute();
  await db.schema.createIndex('household_case_measures_case').on('household_case_measures').column('case_id').execute();

  await db.schema
    .createTable('household_case_visits')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().references('household_cases.id').onDelete('cascade'))
    .addColumn('visited_on', text, (c) => c.notNull())
    .addColumn('cadre_name', text, (c) => c.notNull())
    .addColumn('cadre_user_id', text)
    .addColumn('findings', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('household_case_visits_case').on('household_case_visits').column('case_id').execute();

  await db.schema
    .createTable('household_case_reverifications')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().references('household_cases.id').onDelete('cascade'))
    .addColumn('verified_on', text, (c) => c.notNull())
    .addColumn('per_capita_income', ctx.real, (c) => c.notNull())
    .addColumn('above_line_since', text)
    .addColumn('employed_since', text)
    .addColumn('rigid_costs_solved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('created_by', text)
    .execute();
  await db.schema
    .createIndex('household_case_reverifications_case')
    .on('household_case_reverifications')
    .column('case_id')
    .execute();

  await db.schema
    .createTable('household_case_warnings')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().references('household_cases.id').onDelete('cascade'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('ref', text, (c) => c.notNull().defaultTo(''))
    .addColumn('colour', text, (c) => c.notNull())
    .addColumn('reason_zh', text, (c) => c.notNull())
    .addColumn('reason_en', text, (c) => c.notNull())
    .addColumn('raised_at', text, (c) => c.notNull())
    .addColumn('cleared_at', text)
    .addColumn('clear_reason', text)
    .execute();
  await db.schema
    .createIndex('household_case_warnings_case')
    .on('household_case_warnings')
    .columns(['case_id', 'raised_at'])
    .execute();
  await sql`CREATE UNIQUE INDEX household_case_warnings_active ON household_case_warnings (case_id, kind, ref) WHERE cleared_at IS NULL`.execute(
    db,
  );

  await db.schema
    .createTable('household_case_notices')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().references('household_cases.id').onDelete('cascade'))
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
  await db.schema.createIndex('household_case_notices_case').on('household_case_notices').column('case_id').execute();
  await db.schema.createIndex('household_case_notices_status').on('household_case_notices').column('status').execute();
}
