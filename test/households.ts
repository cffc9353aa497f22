import type { CaseTables } from '../src/server/db/case-tables.ts';
import type { TestApp } from './app.ts';

/** Takes out the generated monitoring cases of the default data (示例数据), for a test that counts only its own. */
export async function removeGeneratedCases(t: TestApp): Promise<void> {
  const k = t.ctx.db.kysely.withTables<CaseTables>();
  for (const table of [
    'household_case_history',
    'household_case_measures',
    'household_case_visits',
    'household_case_reverifications',
    'household_case_warnings',
    'household_case_notices',
  ] as const) {
    await k.deleteFrom(table).execute();
  }
  await k.deleteFrom('household_cases').execute();
  t.ctx.events.emit('households.casesChanged', {});
}
