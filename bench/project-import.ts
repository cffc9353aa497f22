/**
 * Month-import benchmark of the project ledger (issue 9: "importing a month's returns for 1,000 projects ≤ 1 s"): a
 * province-sized ledger in the database — N projects (default 10,000) over the city's districts, M years of approved
 * monthly returns (default 5) — of which 1,000 are 西区's; 西区's reporter downloads the monthly return template for
 * May 2025 (1,000 rows, April's figures beside them), fills in every row, and imports it through the path the route
 * takes: the upload gate (type, archive checks, rows read as a stream), the checks of every row (the page's rules,
 * plausibility warnings), the write in one transaction. Then the same month again, as drafts changed (1,000 optimistic
 * updates). Anchors in the same run: ExcelJS writing the filled file, and the row read alone.
 *
 * Run: `node bench/project-import.ts [projects] [years] [runs]` (SQLite file under .tmp/bench-project-import), or with
 * DATABASE_URL=postgres://… (the run drops and recreates its `public` schema).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Actor } from '../src/server/access/policy.ts';
import { TestClock } from '../src/server/clock.ts';
import { loadConfig } from '../src/server/config.ts';
import { createContext } from '../src/server/context.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { ProjectImportService, RETURN_SHEET } from '../src/server/modules/projects/project.import.ts';
import type {
  NewPlan,
  NewProject,
  NewReturn,
  NewStageEvent,
} from '../src/server/modules/projects/project.repository.ts';
import { loadDefaultData } from '../src/server/seed/load.ts';
import { UploadGate } from '../src/server/uploads/upload-gate.ts';
import { projectInputSchema } from '../src/shared/api/projects.ts';

const total = Number(process.argv[2] ?? 10_000);
const years = Number(process.argv[3] ?? 5);
const runs = Number(process.argv[4] ?? 3);
const XIQU = 1_000;
const dir = path.resolve('.tmp/bench-project-import');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const key = () => crypto.randomBytes(32).toString('base64');
const config = loadConfig({
  ...process.env,
  DATA_DIR: dir,
  WEB_DIST: '/nonexistent',
  LOG_LEVEL: 'silent',
  GONGFU_MODE: 'demo',
  UPLOAD_LIMIT: String(50 * 1024 * 1024),
  GONGFU_FIELD_KEY: process.env.GONGFU_FIELD_KEY ?? key(),
  GONGFU_INDEX_KEY: process.env.GONGFU_INDEX_KEY ?? key(),
});
const db = openDatabase(config);
if (db.dialect === 'postgres') {
  await db.kysely.schema.dropSchema('public').ifExists().cascade().execute();
  await db.kysely.schema.createSchema('public').execute();
}
await migrateToLatest(db);
const clock = new TestClock('2025-06-15T02:00:00Z');
await loadDefaultData(db, { now: clock.now(), demoAccounts: false });
const ctx = await createContext(db, config, clock);
const projects = ctx.projects;
const repo = projects.repo;
const org = ctx.org();
// The other projects lie outside 西区, so that its template holds its 1,000 and the seed's own.
const districts = [...org.byId.values()].filter(
  (n) => ['district', 'county', 'zone'].includes(n.kind) && !org.within(n.id, ['xiqu']),
);
const reporter: Actor = {
  userId: 'bench-xiqu',
  username: 'xiqu',
  displayName: '西区填报员',
  role: 'districtReporter',
  entryScope: ['xiqu'],
  viewScope: ['xiqu'],
  workTeamId: null,
  sessionId: 'bench',
  ip: '127.0.0.1',
};

// ——— the ledger ———
let t0 = performance.now();
const at = clock.now().toISOString();
const firstYear = 2025 - years + 1;
const projectRows: NewProject[] = [];
const stageRows: NewStageEvent[] = [];
const planRows: NewPlan[] = [];
const returnRows: NewReturn[] = [];
for (let i = 0; i < total; i++) {
  const district = i < XIQU ? 'xiqu' : (districts[i % districts.length]?.id ?? 'xiqu');
  const id = crypto.randomUUID();
  const input = projectInputSchema.parse({
    code: `${firstYear}-510403-32-03-${String(100_000 + i).padStart(6, '0')}`,
    name: `基准测试项目${i + 1}（生成数据）`,
    owner: '基准测试业主',
    level: i % 3 === 0 ? 'provincial' : 'city',
    chain: 'vanadiumTitanium',
    districtId: district,
    totalInvestment: 500_000,
    stage: 'underConstruction',
    plannedStart: `${firstYear}-01-01`,
    plannedCompletion: '2027-12-31',
    actualStart: `${firstYear}-01-10`,
  });
  const rows = projects.newProjectRows(reporter, id, input, at, '2025-06-15');
  projectRows.push({ ...rows.project, generated: 1 });
  stageRows.push(rows.stage);
  planRows.push({
    id: crypto.randomUUID(),
    project_id: id,
    year: 2025,
    planned: 24_000,
    profile: null,
    start_month: null,
    completion_month: null,
    note: '',
    status: 'frozen',
    submitted_at: at,
    submitted_by: null,
    reviewed_at: at,
    reviewed_by: null,
    comment: '',
    generated: 1,
    updated_at: at,
    updated_by: null,
    version: 1,
  });
  let since = 0;
  for (let y = firstYear; y <= 2025; y++) {
    let ytd = 0;
    for (let m = 1; m <= (y === 2025 ? 4 : 12); m++) {
      const amount = 1_000 + ((i * 7 + m * 13) % 900);
      ytd += amount;
      since += amount;
      returnRows.push({
        id: crypto.randomUUID(),
        project_id: id,
        month: `${y}-${String(m).padStart(2, '0')}`,
        this_month: amount,
        ytd,
        since_start: since,
        progress_text: '按计划推进（生成数据）',
        progress_percent: 50,
        workers: 100,
        status: 'approved',
        warnings: '[]',
        filed_by: null,
        filed_at: at,
        submitted_at: at,
        reviewed_by: null,
        reviewed_at: at,
        comment: '',
        generated: 1,
        updated_at: at,
        version: 1,
      });
    }
  }
}
await repo.transaction(async (trx) => {
  await repo.insertProjects(trx, projectRows);
  await repo.insertStageEvents(trx, stageRows);
  await repo.insertPlans(trx, planRows);
  await repo.insertReturns(trx, returnRows);
});
console.log(`${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, ${db.dialect}`);
console.log(
  `${total} projects (${XIQU} of 西区), ${returnRows.length} approved returns ${firstYear}-01…2025-04; loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const imports = new ProjectImportService({ projects, org: () => ctx.org(), access: () => ctx.access() });
const gate = UploadGate.of(config);

async function filledTemplate(
  month: string,
  amount: number,
): Promise<{ bytes: Buffer; rows: number; writeMs: number }> {
  const file = await imports.returnTemplate(reporter, 'xiqu', month);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(RETURN_SHEET)!;
  let rows = 0;
  ws.eachRow((row, n) => {
    if (n === 1) return;
    row.getCell(6).value = amount;
    row.getCell(9).value = '主体工程施工（生成数据）';
    row.getCell(10).value = 55;
    row.getCell(11).value = 110;
    rows++;
  });
  const t = performance.now();
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, rows, writeMs: performance.now() - t };
}

function ms(x: number) {
  return `${x.toFixed(0)} ms`;
}

const cases: [string, string, number][] = [
  ['new month (1,000 returns inserted)', '2025-05', 1_500],
  ['new month (1,000 returns inserted)', '2025-06', 1_500],
  ...Array.from({ length: runs }, (_, r): [string, string, number] => [
    'drafts changed (1,000 returns updated)',
    '2025-05',
    1_600 + r,
  ]),
];
for (const [label, month, amount] of cases) {
  const { bytes, rows, writeMs } = await filledTemplate(month, amount);
  t0 = performance.now();
  const upload = await gate.inspectXlsx(bytes);
  const sheets = await upload.sheets({ maxRows: 20_001, maxColumns: 64 });
  const read = performance.now() - t0;
  const checked = await imports.checkReturns(reporter, sheets);
  const check = performance.now() - t0 - read;
  await projects.writeImportedReturns(reporter, checked.month, checked.checked);
  const totalMs = performance.now() - t0;
  console.log(
    `${label}, ${month}: ${rows} rows, ${(bytes.length / 1024).toFixed(0)} KB — total ${ms(totalMs)} (gate and rows ${ms(read)}, checks ${ms(check)}, write ${ms(totalMs - read - check)}); anchor: ExcelJS wrote the file in ${ms(writeMs)}`,
  );
}
await db.close();
