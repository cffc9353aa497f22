import fs from 'node:fs';
import { TestClock } from '../server/clock.ts';
import type { Config } from '../server/config.ts';
import { createContext } from '../server/context.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import type { Actor } from '../server/access/policy.ts';
import { addCityUnits, cityHouseholds, surveyCsvHeader, surveyCsvRows } from '../server/seed/city-households.ts';
import { CliError } from './security-commands.ts';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * `generate-households --count N [--csv FILE]`: a generated population for the whole city (示例数据), calibrated by
 * district (src/server/seed/city-households.ts). Adds the generated townships and villages to the org tree, then
 * either writes the survey CSV to FILE (to import through the page or the bench) or imports it into the database
 * through the survey import itself (parse, check, encrypt, classify, store, cases for the flagged households).
 */
export async function generateHouseholdsCommand(args: string[], { config }: { config: Config }): Promise<void> {
  const count = Number(option(args, '--count') ?? 450_000);
  if (!Number.isInteger(count) || count < 1 || count > 5_000_000)
    throw new CliError('usage: generate-households --count N (1 … 5,000,000) [--csv FILE]');
  const csvFile = option(args, '--csv');
  const db = openDatabase(config);
  await migrateToLatest(db);
  const ctx = await createContext(db, config, new TestClock(new Date().toISOString()));
  try {
    const t0 = performance.now();
    const plan = await addCityUnits(ctx, count);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const chunks: string[] = [surveyCsvHeader()];
    let members = 0;
    const out = csvFile ? fs.createWriteStream(csvFile) : null;
    out?.write(surveyCsvHeader());
    for (const h of cityHouseholds(plan, today)) {
      const text = surveyCsvRows(h, today);
      members += h.members.length;
      if (out) {
        if (!out.write(text)) await new Promise((r) => out.once('drain', r));
      } else chunks.push(text);
    }
    const summary = plan.districts
      .map(
        (d) =>
          `  ${d.id.padEnd(8)} ${String(d.households).padStart(8)} households, urban ${Math.round(d.urbanShare * 100)} %`,
      )
      .join('\n');
    if (out) {
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      console.log(`Wrote ${count} generated households (${members} people) to ${csvFile}, by district:\n${summary}`);
      return;
    }
    const actor: Actor = {
      userId: 'cli',
      username: 'cli',
      displayName: 'generate-households',
      role: 'townshipOfficer',
      entryScope: [[...ctx.org().byId.values()].find((n) => n.parentId === null)?.id ?? 'city'],
      viewScope: [],
      workTeamId: null,
      sessionId: 'cli',
      ip: '127.0.0.1',
    };
    const bytes = Buffer.from(chunks.join(''));
    chunks.length = 0;
    const job = await ctx.householdImports.start(
      actor,
      { format: 'csv', bytes, fileName: `generated-city-${count}.csv` },
      { inline: true },
    );
    if (job.status !== 'done') {
      throw new CliError(
        `The generated city was not imported: ${job.message?.en ?? job.status} ${JSON.stringify(job.problems.slice(0, 5))}`,
      );
    }
    console.log(
      `Imported ${job.households} generated households (${job.members} people, 示例数据) in ${Math.round(performance.now() - t0)} ms, by district:\n${summary}`,
    );
  } finally {
    await db.close();
  }
}
