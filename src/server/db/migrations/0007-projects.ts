import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.ts';

/**
 * The major-project ledger (issue 9, 项目为王; src/domain/projects):
 * - `projects`: one row per project — the national project code (unique where known: a reserve project may not have
 *   one yet), owner, level, chain, district, total investment (万元) and its funding (JSON), the stage with the day
 *   it was reached, planned and actual dates, statistics entry; `list_item_id` (unique) when the project is a
 *   major-project item of the four lists ("one project, not two": the item keeps the responsibility, workflow,
 *   milestones, warnings and notices, the ledger what follows);
 * - `project_stage_events` (the day each stage was reached), `project_adjustments` (a stage moved back only after
 *   an approved one), `project_plans` (per project and year, draft → submitted → frozen), `project_returns` (per
 *   project and month, draft → submitted → returned / approved, with the plausibility warnings as JSON),
 *   `project_return_problems` (problems needing co-ordination; each becomes a list problem of the project's item),
 *   `project_attachments` (evidence), `project_history`.
 *
 * The existing major-project items of the lists become ledger projects here (what the item does not say — level,
 * chain, investment — is marked in `generated_fields` as 待核实 for the district to complete); the seed does the same
 * for a fresh database, whose items are written after the migrations. A project is created once per item: the
 * unique `list_item_id` keeps it so.
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const text = 'text';
  const real = ctx.real;
  const blob = ctx.dialect === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('projects')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('code', text, (c) => c.unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('owner', text, (c) => c.notNull())
    .addColumn('level', text, (c) => c.notNull())
    .addColumn('chain', text, (c) => c.notNull())
    .addColumn('district_id', text, (c) => c.notNull().references('org_units.id'))
    .addColumn('total_investment', real, (c) => c.notNull())
    .addColumn('funding', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('stage', text, (c) => c.notNull())
    .addColumn('stage_since', text)
    .addColumn('planned_start', text)
    .addColumn('planned_completion', text)
    .addColumn('planned_production', text)
    .addColumn('actual_start', text)
    .addColumn('actual_completion', text)
    .addColumn('actual_production', text)
    .addColumn('statistics_status', text, (c) => c.notNull().defaultTo('notEntered'))
    .addColumn('content', text, (c) => c.notNull().defaultTo(''))
    .addColumn('list_item_id', text, (c) => c.unique().references('list_items.id'))
    .addColumn('source_doc', text)
    .addColumn('generated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('generated_fields', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('created_by', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('updated_by', text)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  for (const col of ['district_id', 'stage', 'level', 'chain']) {
    await db.schema.createIndex(`projects_${col}`).on('projects').column(col).execute();
  }

  await db.schema
    .createTable('project_stage_events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('stage', text, (c) => c.notNull())
    .addColumn('on_date', text, (c) => c.notNull())
    .addColumn('adjustment_id', text)
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('by_user', text)
    .execute();
  await db.schema.createIndex('project_stage_events_project').on('project_stage_events').column('project_id').execute();

  await db.schema
    .createTable('project_adjustments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('from_stage', text, (c) => c.notNull())
    .addColumn('to_stage', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('requested_by', text)
    .addColumn('requested_at', text, (c) => c.notNull())
    .addColumn('decided_by', text)
    .addColumn('decided_at', text)
    .addColumn('comment', text, (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('project_adjustments_project').on('project_adjustments').column('project_id').execute();

  await db.schema
    .createTable('project_plans')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('planned', real, (c) => c.notNull())
    .addColumn('profile', text)
    .addColumn('start_month', 'integer')
    .addColumn('completion_month', 'integer')
    .addColumn('note', text, (c) => c.notNull().defaultTo(''))
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('submitted_at', text)
    .addColumn('submitted_by', text)
    .addColumn('reviewed_at', text)
    .addColumn('reviewed_by', text)
    .addColumn('comment', text, (c) => c.notNull().defaultTo(''))
    .addColumn('generated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('updated_by', text)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('project_plans_project_year', ['project_id', 'year'])
    .execute();
  await db.schema.createIndex('project_plans_year').on('project_plans').column('year').execute();

  await db.schema
    .createTable('project_returns')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('month', text, (c) => c.notNull())
    .addColumn('this_month', real, (c) => c.notNull())
    .addColumn('ytd', real, (c) => c.notNull())
    .addColumn('since_start', real, (c) => c.notNull())
    .addColumn('progress_text', text, (c) => c.notNull())
    .addColumn('progress_percent', real, (c) => c.notNull())
    .addColumn('workers', 'integer', (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('warnings', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('filed_by', text)
    .addColumn('filed_at', text)
    .addColumn('submitted_at', text)
    .addColumn('reviewed_by', text)
    .addColumn('reviewed_at', text)
    .addColumn('comment', text, (c) => c.notNull().defaultTo(''))
    .addColumn('generated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('project_returns_project_month', ['project_id', 'month'])
    .execute();
  await db.schema.createIndex('project_returns_month').on('project_returns').columns(['month', 'status']).execute();

  await db.schema
    .createTable('project_return_problems')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('return_id', text, (c) => c.notNull().references('project_returns.id').onDelete('cascade'))
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('owner_unit_id', text, (c) => c.notNull().references('org_units.id'))
    .addColumn('due_date', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('list_problem_id', text)
    .addColumn('notice_id', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_return_problems_return')
    .on('project_return_problems')
    .column('return_id')
    .execute();
  await db.schema
    .createIndex('project_return_problems_project')
    .on('project_return_problems')
    .column('project_id')
    .execute();

  await db.schema
    .createTable('project_attachments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('return_id', text, (c) => c.references('project_returns.id').onDelete('set null'))
    .addColumn('file_name', text, (c) => c.notNull())
    .addColumn('content_type', text, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', text, (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('uploaded_at', text, (c) => c.notNull())
    .addColumn('uploaded_by', text)
    .execute();
  await db.schema.createIndex('project_attachments_project').on('project_attachments').column('project_id').execute();

  await db.schema
    .createTable('project_history')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('detail', text, (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', text)
    .addColumn('at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_history_project').on('project_history').columns(['project_id', 'at']).execute();

  await migrateListItems(db);
}

/**
 * Every major-project item already on the lists becomes a ledger project (once: items that have one are skipped).
 * Its stage follows the item's workflow (closed → completed; being worked on → under construction; drafted or
 * cancelled → reserve); level, chain and investment are not on the item and are marked 待核实 (to be confirmed).
 */
export async function migrateListItems(db: Kysely<unknown>): Promise<void> {
  const now = new Date().toISOString();
  const result = await sql<{
    id: string;
    title: string;
    content: string;
    lead_unit_id: string;
    district_id: string | null;
    status: string;
    start_date: string;
    deadline: string;
    closed_at: string | null;
    source_doc: string;
    owner: string;
  }>`select i.id, i.title, i.content, i.lead_unit_id, i.district_id, i.status, i.start_date, i.deadline,
        i.closed_at, i.source_doc, u.name as owner
     from list_items i join org_units u on u.id = i.lead_unit_id
     where i.kind = 'project' and i.code not in ('XQ2025-P01', 'SJ2024-P01') and not exists (select 1 from projects p where p.list_item_id = i.id)`.execute(
    db,
  );
  // An item led by a city department belongs to the city itself (the root of the org tree).
  const root = await sql<{
    id: string;
  }>`select id from org_units where parent_id is null order by sort limit 1`.execute(db);
  const cityId = root.rows[0]?.id ?? null;
  for (const item of result.rows) {
    const stage =
      item.status === 'closed'
        ? 'completed'
        : item.status === 'drafted' || item.status === 'cancelled'
          ? 'reserve'
          : 'underConstruction';
    const started = stage !== 'reserve';
    const completedOn = stage === 'completed' ? (item.closed_at ?? item.deadline).slice(0, 10) : null;
    const id = `prj-${item.id}`;
    const district = item.district_id ?? cityId ?? item.lead_unit_id;
    const fields = JSON.stringify(['level', 'chain', 'totalInvestment', 'stage']);
    await sql`insert into projects (id, code, name, owner, level, chain, district_id, total_investment, funding, stage,
        stage_since, planned_start, planned_completion, actual_start, actual_completion, statistics_status, content,
        list_item_id, source_doc, generated, generated_fields, created_at, updated_at, version)
      values (${id}, null, ${item.title}, ${item.owner}, 'city', 'infrastructure', ${district}, 0, '[]', ${stage},
        ${started ? item.start_date : null}, ${item.start_date}, ${item.deadline}, ${started ? item.start_date : null},
        ${completedOn}, 'notEntered', ${item.content}, ${item.id}, ${item.source_doc}, 0, ${fields}, ${now}, ${now}, 1)`.execute(
      db,
    );
    await sql`insert into project_history (id, project_id, action, detail, user_id, at)
      values (${`${id}-h0`}, ${id}, 'migrated', ${`由重大项目清单事项转入台账 / from list item ${item.id}`}, null, ${now})`.execute(
      db,
    );
  }
}
