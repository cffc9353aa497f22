import type { Kysely } from 'kysely';

/**
 * Issue 7: the coordination centre chases late reporters (催报). `round_reminders` keeps each reminder sent to a
 * unit's reporters in a round — who sent it, when, the note, how many reporters it reached — so that it shows on their
 * home page and stays in the round's history. Never deleted.
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('round_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('reporting_rounds.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('round_reminders_round')
    .on('round_reminders')
    .columns(['round_id', 'org_unit_id'])
    .execute();
}
