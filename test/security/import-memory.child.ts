/**
 * Run by import-memory.test.ts in a child process with a small heap (--max-old-space-size): the whole server on an
 * in-memory SQLite database with the default data, receiving each hostile file given on the command line through both
 * import routes over HTTP (in-process). Prints one JSON line of outcomes; a crash for want of memory prints nothing and
 * exits non-zero, which is what the test looks for.
 */
import fs from 'node:fs';
import { buildApp } from '../../src/server/app.ts';
import { TestClock } from '../../src/server/clock.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import { openSqlite } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { demoAccountSpecs, loadDefaultData } from '../../src/server/seed/load.ts';

const PASSWORD = 'Test-Passw0rd!';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const db = openSqlite(':memory:');
await migrateToLatest(db);
const clock = new TestClock('2024-11-05T02:00:00Z');
const config = loadConfig({
  GONGFU_MODE: 'demo',
  DATA_DIR: '/tmp/gongfu-test-unused',
  WEB_DIST: '/nonexistent',
  GONGFU_FIELD_KEY: Buffer.alloc(32, 7).toString('base64'),
  GONGFU_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
});
const passwords = Object.fromEntries(demoAccountSpecs().map((a) => [a.username, PASSWORD]));
await loadDefaultData(db, { now: clock.now(), demoAccounts: true, passwords });
const app = await buildApp(await createContext(db, config, clock));
await app.ready();

async function signIn(username: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username}: ${res.statusCode} ${res.body}`);
  return {
    cookie: String(res.headers['set-cookie']).split(';')[0] as string,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  };
}

const routes = [
  { url: '/api/v1/values/import', as: await signIn('xiqu') },
  { url: '/api/v1/lists/import', as: await signIn('gfb') },
];
const boundary = 'hostile-boundary';
const outcomes: { file: string; url: string; status: number; code: string; message: string }[] = [];
let peakHeap = 0;
for (const file of process.argv.slice(2)) {
  for (const route of routes) {
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`,
      ),
      fs.readFileSync(file),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: route.url,
      headers: {
        cookie: route.as.cookie,
        'x-csrf-token': route.as.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    const body = res.json<{ error?: { code: string; message: string } }>();
    outcomes.push({
      file,
      url: route.url,
      status: res.statusCode,
      code: body.error?.code ?? '',
      message: body.error?.message ?? '',
    });
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
}
await app.close();
await db.close();
process.stdout.write(`${JSON.stringify({ outcomes, peakHeapMb: Math.round(peakHeap / 1024 / 1024) })}\n`);
