import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.ts';

/**
 * Issue 7: the zero point an indicator states. `targets.zero_point` is the annual figure that scores 0 (beyond the
 * floor on the wrong side), set with the target it belongs to; null keeps the documented default per kind of value
 * (docs/evaluation.md "The zero point"). The explanation says which of the two it used.
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('targets').addColumn('zero_point', ctx.real).execute();
}
