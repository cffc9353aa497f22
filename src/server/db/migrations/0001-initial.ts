import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped Kysely on purpose: they must not change when the schema type does. */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('org_units')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('parent_id', text, (c) => c.references('org_units.id'))
    .addColumn('code', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('name_en', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('urban', 'integer')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('path', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_units_parent').on('org_units').column('parent_id').execute();

  await db.schema
    .createTable('work_teams')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('name_en', text, (c) => c.notNull())
    .addColumn('grp', text, (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('username', text, (c) => c.notNull().unique())
    .addColumn('display_name', text, (c) => c.notNull())
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('entry_scope', text, (c) => c.notNull())
    .addColumn('view_scope', text, (c) => c.notNull())
    .addColumn('work_team_id', text, (c) => c.references('work_teams.id'))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_changed_at', text, (c) => c.notNull())
    .addColumn('password_history', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', text)
    .addColumn('totp_secret', text)
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recovery_codes', text)
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_seen_at', text, (c) => c.notNull())
    .addColumn('ip', text, (c) => c.notNull())
    .addColumn('user_agent', text, (c) => c.notNull())
    .addColumn('pending_mfa', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ended_at', text)
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('frameworks')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('based_on_id', text, (c) => c.references('frameworks.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('created_by', text)
    .addColumn('published_at', text)
    .addColumn('published_by', text)
    .addColumn('row_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('frameworks_year_version', ['year', 'version'])
    .execute();

  await db.schema
    .createTable('dimensions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('framework_id', text, (c) => c.notNull().references('frameworks.id'))
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('parent_code', text)
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('name_en', text, (c) => c.notNull())
    .addColumn('work_team_id', text)
    .addColumn('weight', ctx.real, (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('dimensions_framework_code', ['framework_id', 'code'])
    .execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('framework_id', text, (c) => c.notNull().references('frameworks.id'))
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('dimension_code', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('name_en', text, (c) => c.notNull())
    .addColumn('unit', text, (c) => c.notNull())
    .addColumn('direction', text, (c) => c.notNull())
    .addColumn('frequency', text, (c) => c.notNull())
    .addColumn('value_kind', text, (c) => c.notNull())
    .addColumn('lead_department_id', text)
    .addColumn('work_team_id', text)
    .addColumn('data_source', text, (c) => c.notNull())
    .addColumn('definition', text, (c) => c.notNull())
    .addColumn('weight', ctx.real, (c) => c.notNull())
    .addColumn('formula', text)
    .addColumn('scope', text, (c) => c.notNull())
    .addColumn('reporting_unit_ids', text)
    .addColumn('fed_by', text)
    .addColumn('headline', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('gap', text)
    .addColumn('min_value', ctx.real)
    .addColumn('max_value', ctx.real)
    .addColumn('seasonal_profile', text)
    .addColumn('source_doc', text, (c) => c.notNull())
    .addColumn('source_quote', text)
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('indicators_framework_code', ['framework_id', 'code'])
    .execute();

  await db.schema
    .createTable('targets')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('framework_id', text, (c) => c.notNull().references('frameworks.id'))
    .addColumn('indicator_code', text, (c) => c.notNull())
    .addColumn('org_unit_id', text, (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('comparison', text, (c) => c.notNull())
    .addColumn('floor', ctx.real)
    .addColumn('stretch', ctx.real)
    .addColumn('upper', ctx.real)
    .addColumn('source_doc', text, (c) => c.notNull())
    .addColumn('source_quote', text)
    .addUniqueConstraint('targets_unique', ['framework_id', 'indicator_code', 'org_unit_id', 'year', 'kind'])
    .execute();

  await db.schema
    .createTable('baselines')
    .addColumn('framework_id', text, (c) => c.notNull().references('frameworks.id'))
    .addColumn('indicator_code', text, (c) => c.notNull())
    .addColumn('org_unit_id', text, (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', ctx.real, (c) => c.notNull())
    .addColumn('source_doc', text, (c) => c.notNull())
    .addColumn('source_quote', text)
    .addPrimaryKeyConstraint('baselines_pk', ['framework_id', 'indicator_code', 'org_unit_id'])
    .execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('indicator_code', text, (c) => c.notNull())
    .addColumn('org_unit_id', text, (c) => c.notNull().references('org_units.id'))
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', ctx.real)
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('origin', text, (c) => c.notNull())
    .addColumn('source_doc', text)
    .addColumn('source_quote', text)
    .addColumn('note', text)
    .addColumn('return_reason', text)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('submitted_by', text)
    .addColumn('submitted_at', text)
    .addColumn('reviewed_by', text)
    .addColumn('reviewed_at', text)
    .addUniqueConstraint('indicator_values_key', ['indicator_code', 'org_unit_id', 'period'])
    .execute();
  await db.schema.createIndex('indicator_values_year').on('indicator_values').columns(['year', 'status']).execute();
  await db.schema
    .createIndex('indicator_values_unit_period')
    .on('indicator_values')
    .columns(['org_unit_id', 'period'])
    .execute();

  await db.schema
    .createTable('value_history')
    .addColumn('seq', ctx.serial, (c) => c.primaryKey())
    .addColumn('id', text, (c) => c.notNull().unique())
    .addColumn('value_id', text, (c) => c.notNull().references('indicator_values.id'))
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('old_value', ctx.real)
    .addColumn('new_value', ctx.real)
    .addColumn('old_status', text)
    .addColumn('new_status', text, (c) => c.notNull())
    .addColumn('reason', text)
    .addColumn('user_id', text)
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('value_history_value').on('value_history').column('value_id').execute();

  await db.schema
    .createTable('period_locks')
    .addColumn('period', text, (c) => c.primaryKey())
    .addColumn('locked_by', text, (c) => c.notNull())
    .addColumn('locked_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reporting_rounds')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('framework_id', text, (c) => c.notNull().references('frameworks.id'))
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('due_date', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('opened_by', text, (c) => c.notNull())
    .addColumn('opened_at', text, (c) => c.notNull())
    .addUniqueConstraint('reporting_rounds_period', ['framework_id', 'period'])
    .execute();

  await db.schema
    .createTable('evaluation_results')
    .addColumn('framework_id', text, (c) => c.notNull())
    .addColumn('indicator_code', text, (c) => c.notNull())
    .addColumn('org_unit_id', text, (c) => c.notNull())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('actual', ctx.real)
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('colour', text, (c) => c.notNull())
    .addColumn('score', ctx.real)
    .addColumn('deviation', ctx.real)
    .addColumn('elapsed_share', ctx.real)
    .addColumn('explanation', text, (c) => c.notNull())
    .addColumn('computed_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_results_pk', ['framework_id', 'period', 'org_unit_id', 'indicator_code'])
    .execute();

  await db.schema
    .createTable('composite_scores')
    .addColumn('framework_id', text, (c) => c.notNull())
    .addColumn('org_unit_id', text, (c) => c.notNull())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('dimension_code', text, (c) => c.notNull())
    .addColumn('score', ctx.real)
    .addColumn('rank', 'integer')
    .addColumn('coverage', ctx.real, (c) => c.notNull())
    .addPrimaryKeyConstraint('composite_scores_pk', ['framework_id', 'period', 'org_unit_id', 'dimension_code'])
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('value', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', ctx.serial, (c) => c.primaryKey())
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('user_id', text)
    .addColumn('username', text)
    .addColumn('ip', text)
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('object_type', text)
    .addColumn('object_id', text)
    .addColumn('outcome', text, (c) => c.notNull())
    .addColumn('detail', text)
    .addColumn('prev_hash', text, (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .execute();
}
