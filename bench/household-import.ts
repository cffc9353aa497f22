/**
 * Survey import benchmark (issue 8): a generated city (src/server/seed/city-households.ts, the same generator as
 * `node src/cli/main.ts generate-households`) written as the survey CSV, then imported end to end through the
 * import service — parse (uDSV), validate every cell and ID check digit, blind-index and encrypt the personal fields,
 * classify, check the registry for people already registered, store in one transaction (prepared statements on
 * SQLite, COPY into staging tables on PostgreSQL), open the flagged households' cases, and the statistics recomputed
 * from the registry afterwards. Then an XLSX of the first rows the same way. Anchors in the same run: uDSV's parse of
 * the same file, HMAC-SHA256 and AES-256-GCM rates of one core.
 *
 * Run: `node bench/household-import.ts [households] [xlsxRows]` (SQLite file under .tmp/bench-households), or with
 * DATABASE_URL=postgres://… (the run drops and recreates its `public` schema).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { inferSchema, initParser } from 'udsv';
import { SURVEY_COLUMNS } from '../src/domain/households/survey.ts';
import type { Actor } from '../src/server/access/policy.ts';
import { TestClock } from '../src/server/clock.ts';
import { loadConfig } from '../src/server/config.ts';
import { createContext } from '../src/server/context.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { addCityUnits, cityHouseholds, surveyCsvHeader, surveyCsvRows } from '../src/server/seed/city-households.ts';
import { loadDefaultData } from '../src/server/seed/load.ts';
import { readCsv } from '../src/server/uploads/csv-rows.ts';

const count = Number(process.argv[2] ?? 450_000);
const xlsxRows = Number(process.argv[3] ?? 20_000);
const dir = path.resolve('.tmp/bench-households');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const key = () => crypto.randomBytes(32).toString('base64');
const config = loadConfig({
  ...process.env,
  DATA_DIR: dir,
  WEB_DIST: '/nonexistent',
  LOG_LEVEL: 'silent',
  GONGFU_MODE: 'demo',
  GONGFU_FIELD_KEY: process.env.GONGFU_FIELD_KEY ?? key(),
  GONGFU_INDEX_KEY: process.env.GONGFU_INDEX_KEY ?? key(),
});
const db = openDatabase(config);
if (db.dialect === 'postgres') {
  await db.kysely.schema.dropSchema('public').ifExists().cascade().execute();
  await db.kysely.schema.createSchema('public').execute();
}
await migrateToLatest(db);
const clock = new TestClock('2026-12-02T02:00:00Z');
await loadDefaultData(db, { now: clock.now(), demoAccounts: false });
const ctx = await createContext(db, config, clock);
const plan = await addCityUnits(ctx, count);

let t = performance.now();
const parts: string[] = [surveyCsvHeader()];
let members = 0;
for (const h of cityHouseholds(plan, '2026-12-02')) {
  parts.push(surveyCsvRows(h, '2026-11-20'));
  members += h.members.length;
}
const csv = Buffer.from(parts.join(''));
parts.length = 0;
const generateMs = performance.now() - t;

// Anchors, same run.
t = performance.now();
const text = csv.toString('utf8');
const parser = initParser(inferSchema(text.slice(0, 65536), { header: () => [] }));
let parsed = 0;
for (let i = 0; i < text.length; i += 1 << 20)
  parser.chunk<string[]>(text.slice(i, i + (1 << 20)), parser.stringArrs, () => void parsed++);
parsed += parser.end().length;
const parseSeconds = (performance.now() - t) / 1000;
t = performance.now();
const records = readCsv(text, () => {});
const readCsvSeconds = (performance.now() - t) / 1000;
const hmacKey = crypto.randomBytes(32);
t = performance.now();
for (let i = 0; i < 200_000; i++) crypto.createHmac('sha256', hmacKey).update(`51040219900101${i}`).digest();
const hmacPerSecond = 200_000 / ((performance.now() - t) / 1000);
const aesKey = crypto.randomBytes(32);
t = performance.now();
for (let i = 0; i < 200_000; i++) {
  const c = crypto.createCipheriv('aes-256-gcm', aesKey, crypto.randomBytes(12));
  c.update(`51040219900101${i}`);
  c.final();
  c.getAuthTag();
}
const aesPerSecond = 200_000 / ((performance.now() - t) / 1000);

const actor: Actor = {
  userId: 'bench',
  username: 'bench',
  displayName: 'bench',
  role: 'townshipOfficer',
  entryScope: ['city'],
  viewScope: ['city'],
  workTeamId: null,
  sessionId: 'bench',
  ip: '127.0.0.1',
};
const rssBefore = process.memoryUsage().rss;
t = performance.now();
const job = await ctx.householdImports.start(
  actor,
  { format: 'csv', bytes: csv, fileName: 'city.csv' },
  { inline: true },
);
const importMs = performance.now() - t;
t = performance.now();
const stats = await ctx.householdStatistics.statistics({ ...actor, role: 'leader' }, 'city');
const statisticsMs = performance.now() - t;

// XLSX: the first rows of the same city, written by ExcelJS's streaming writer, imported the same way (a new city
// count would need new people: the first households' members are renumbered).
const xlsxFile = path.join(dir, 'survey.xlsx');
const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxFile, useSharedStrings: false });
const sheet = writer.addWorksheet('收入摸底');
sheet.addRow(SURVEY_COLUMNS.map((c) => c.zh)).commit();
const lines = text.split('\n');
let written = 0;
const shift = (id: string) =>
  // The same people under the city's own region code (510400, which the generator never uses): new, valid IDs.
  `510400${id.slice(6, 17)}`;
const { idCheckCharacter } = await import('../src/domain/households/id-number.ts');
for (let i = 1; i < lines.length && written < xlsxRows; i++) {
  const line = lines[i] as string;
  if (!line) continue;
  const cells = line.split(',');
  cells[0] = `X${cells[0]}`;
  const first = shift(cells[4] as string);
  cells[4] = first + idCheckCharacter(first);
  sheet.addRow(cells).commit();
  written++;
}
await writer.commit();
// Finish on a household boundary: the last household may be cut; drop rows after the last head.
const xlsxBytes = fs.readFileSync(xlsxFile);
t = performance.now();
const xjob = await ctx.householdImports.start(
  actor,
  { format: 'xlsx', bytes: xlsxBytes, fileName: 'survey.xlsx' },
  { inline: true },
);
const xlsxMs = performance.now() - t;

console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
      node: process.version,
      database: db.dialect,
      city: { households: count, members, csvBytes: csv.length, generateMs: Math.round(generateMs) },
      anchors: {
        udsvRowsPerSecond: Math.round(parsed / parseSeconds),
        readCsvRowsPerSecond: Math.round(records / readCsvSeconds),
        hmacPerSecond: Math.round(hmacPerSecond),
        aesGcmPerSecond: Math.round(aesPerSecond),
      },
      csvImport: {
        status: job.status,
        problems: job.problemCount,
        firstProblems: job.problems.slice(0, 3),
        households: job.households,
        members: job.members,
        ms: Math.round(importMs),
        membersPerSecond: Math.round(job.members / (importMs / 1000)),
        rssGrowthMB: Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      statisticsAfter: {
        ms: Math.round(statisticsMs),
        cityHouseholds: stats.unit.households,
        middleShare: stats.unit.middleShare,
      },
      xlsxImport: {
        rows: written,
        status: xjob.status,
        problems: xjob.problems.slice(0, 3),
        ms: Math.round(xlsxMs),
        rowsPerSecond: Math.round(written / (xlsxMs / 1000)),
      },
    },
    null,
    2,
  ),
);
await db.close();
