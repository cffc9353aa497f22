import type { Kysely } from 'kysely';

/**
 * Issue 7: a city figure that is an aggregate of its parts. `indicators.city_formula` holds the formula that
 * computes the city's figure from them (e.g. `SUM({D5-04}, COUNTIES)`): the evaluation computes the city's cell
 * from it when the city has not reported, and checks the reported figure against it when both exist.
 *
 * Written against an untyped Kysely, like 0001, so that it does not change when the types do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('indicators').addColumn('city_formula', 'text').execute();
}
