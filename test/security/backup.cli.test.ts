import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditArchive, auditVerify, backup, CliError, createUser, restore } from '../../src/cli/security-commands.ts';
import { buildApp } from '../../src/server/app.ts';
import { TestClock } from '../../src/server/clock.ts';
import { loadConfig, type Config } from '../../src/server/config.ts';
import { createContext } from '../../src/server/context.ts';
import { openSqlite, type Db } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { verifyChain } from '../../src/server/security/audit.ts';
import { BackupError } from '../../src/server/security/backup.ts';
import { demoAccountSpecs, loadDefaultData } from '../../src/server/seed/load.ts';
import { TEST_FIELD_KEY, TEST_INDEX_KEY, TEST_PASSWORD } from '../app.ts';

/** Every table's row count: "every record is there" means these are equal. */
async function counts(db: Db): Promise<Record<string, number>> {
  const tables = await sql<{
    name: string;
  }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db.kysely);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db.kysely);
    out[name] = Number(r.rows[0]?.n);
  }
  return out;
}

/**
 * Backup and recovery through the operator's commands (数据备份恢复, GB/T 22239-2019 §8.1.4.9): a backup taken while
 * the server runs and writes, a restore refused while the database is open, then made, and every record back.
 */
describe('backup and restore with the command line', () => {
  let dir: string;
  let config: Config;
  const clock = new TestClock('2024-12-05T02:00:00Z');
  const lines: string[] = [];
  const env = () => ({ config, clock, out: (l: string) => lines.push(l) });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-cli-'));
    config = loadConfig({
      GONGFU_MODE: 'demo',
      DATA_DIR: dir,
      WEB_DIST: '/nonexistent',
      GONGFU_FIELD_KEY: TEST_FIELD_KEY,
      GONGFU_INDEX_KEY: TEST_INDEX_KEY,
    });
    lines.length = 0;
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The server on the data directory's SQLite file, with the default data. */
  async function server() {
    const db = openSqlite(config.sqliteFile);
    await migrateToLatest(db);
    await loadDefaultData(db, {
      now: clock.now(),
      demoAccounts: true,
      passwords: Object.fromEntries(demoAccountSpecs().map((a) => [a.username, TEST_PASSWORD])),
    });
    const app = await buildApp(await createContext(db, config, clock));
    await app.ready();
    return { app, db };
  }

  it('backs up the running server, refuses to restore over it, restores once it stopped: every record is back', async () => {
    const { app, db } = await server();
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gfb', password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] as string;
    const csrf = signIn.json<{ csrfToken: string }>().csrfToken;
    const lock = (period: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/periods/lock',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { period, reason: '备份测试' },
      });
    expect((await lock('2024-01')).statusCode).toBe(200);

    // A backup while the server keeps answering (and writing its audit records).
    const [taken] = await Promise.all([backup(['--out', path.join(dir, 'backups')], env()), lock('2024-02')]);
    expect(taken.file).toMatch(/backups\/gongfu-\d{8}-\d{6}\.sqlite$/);
    expect(lines.join('\n')).toMatch(/Backup written/);
    const copy = openSqlite(taken.file);
    const atBackup = await counts(copy);
    await copy.close();

    // Written after the backup: not in it.
    expect((await lock('2024-03')).statusCode).toBe(200);

    // The server still has the file open: restoring over it is refused.
    await expect(restore([taken.file], env())).rejects.toBeInstanceOf(BackupError);
    await app.close();
    await db.close();

    const restored = await restore([taken.file], env());
    expect(restored.previous).toBe(`${config.sqliteFile}.pre-restore`);
    const back = openSqlite(config.sqliteFile);
    try {
      const now = await counts(back);
      // Every record of the backup is back; the restore itself adds one audit record.
      expect({ ...now, audit_log: (now.audit_log ?? 0) - 1 }).toEqual(atBackup);
      const locks = (await back.kysely.selectFrom('period_locks').select('period').orderBy('period').execute()).map(
        (l) => l.period,
      );
      expect(locks).not.toContain('2024-03');
      expect(locks).toContain('2024-01');
      const users = await back.kysely.selectFrom('users').select('username').execute();
      expect(users.map((u) => u.username)).toContain('secadmin');
      expect((await verifyChain(back)).ok).toBe(true);
      const last = await back.kysely
        .selectFrom('audit_log')
        .select('action')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(last.action).toBe('system.restore');
    } finally {
      await back.close();
    }
  });

  it('restores over a running database only when forced', async () => {
    const { app, db } = await server();
    const taken = await backup([], env());
    expect(path.dirname(taken.file)).toBe(path.join(dir, 'backups'));
    await expect(restore([taken.file], env())).rejects.toThrow(/is open/);
    await expect(restore([taken.file, '--force'], env())).resolves.toMatchObject({ target: config.sqliteFile });
    await app.close();
    await db.close();
  });

  it('creates the first administrators, verifies the chain with an anchor, and keeps the archive cutoff at 180 days', async () => {
    const { app, db } = await server();
    await app.close();
    await db.close();
    const { password } = await createUser(
      ['--role', 'securityAdmin', '--username', 'sec2', '--name', '安全员二'],
      env(),
    );
    expect(password.length).toBeGreaterThanOrEqual(12);
    await expect(
      createUser(['--role', 'auditAdmin', '--username', 'aud2', '--view-scope', 'city'], env()),
    ).rejects.toBeInstanceOf(CliError);
    await expect(createUser(['--role', 'king', '--username', 'aud3'], env())).rejects.toThrow(/--role must be one of/);

    expect(await auditVerify([], env())).toBe(true);
    const head = lines.find((l) => l.startsWith('Head'))?.split(': ')[1] as string;
    expect(head).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(await auditVerify(['--anchor', head], env())).toBe(true);
    expect(await auditVerify(['--anchor', `${head.split(':')[0]}:${'f'.repeat(64)}`], env())).toBe(false);

    await expect(auditArchive(['--before', '2024-10-01'], env())).rejects.toThrow(/at least 180 days/);
    await expect(auditArchive(['--before', '2024-05-01'], env())).resolves.toEqual({ moved: 0, throughSeq: null });
  });

  it('sends PostgreSQL installations to pg_dump and pg_restore', async () => {
    const pgConfig = loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1:1/none', DATA_DIR: dir });
    await expect(backup([], { config: pgConfig })).rejects.toThrow(/pg_dump/);
    await expect(restore(['x.sqlite'], { config: pgConfig })).rejects.toThrow(/pg_restore/);
  });
});

/**
 * Issue 13, item 11: a demo installation keeps its field keys in DATA_DIR/keys.json. Its backup says which keys the
 * data needs and carries a copy of that file; a restore into a fresh data directory puts it back, so the restored
 * installation reads its sealed values; without it the restore (and a backup without the key file) is refused.
 */
describe('backup and restore of a demo installation with its key file', () => {
  let root: string;
  const clock = new TestClock('2024-12-05T02:00:00Z');
  const lines: string[] = [];
  const demo = (name: string) =>
    loadConfig({ GONGFU_MODE: 'demo', DATA_DIR: path.join(root, name), WEB_DIST: '/nonexistent' });
  const env = (config: Config) => ({ config, clock, out: (l: string) => lines.push(l) });

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-keys-'));
    lines.length = 0;
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function serve(config: Config, seed: boolean) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const db = openSqlite(config.sqliteFile);
    await migrateToLatest(db);
    if (seed) {
      await loadDefaultData(db, {
        now: clock.now(),
        demoAccounts: true,
        passwords: Object.fromEntries(demoAccountSpecs().map((a) => [a.username, TEST_PASSWORD])),
      });
    }
    const app = await buildApp(await createContext(db, config, clock));
    await app.ready();
    return { app, db };
  }

  async function personInCharge(app: Awaited<ReturnType<typeof buildApp>>): Promise<string> {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gfb', password: TEST_PASSWORD },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const headers = { cookie: String(signIn.headers['set-cookie']).split(';')[0] as string };
    const list = await app.inject({ method: 'GET', url: '/api/v1/lists/items?district=xiqu', headers });
    const id = list.json<{ rows: { id: string }[] }>().rows[0]?.id as string;
    const item = await app.inject({ method: 'GET', url: `/api/v1/lists/items/${id}?unmask=1`, headers });
    expect(item.statusCode, item.body).toBe(200);
    return item.json<{ item: { personInCharge: string } }>().item.personInCharge;
  }

  it('names the keys, carries the key file, and restores into a fresh data directory that reads its sealed values', async () => {
    const a = demo('a');
    const { app, db } = await serve(a, true);
    const before = await personInCharge(app);
    expect(before).not.toContain('*');
    expect(fs.existsSync(path.join(a.dataDir, 'keys.json'))).toBe(true);
    const taken = await backup(['--out', path.join(root, 'backups')], env(a));
    await app.close();
    await db.close();

    const manifest = JSON.parse(fs.readFileSync(taken.file.replace(/\.sqlite$/, '.manifest.json'), 'utf8')) as {
      keys: { source: string; needed: { values: Record<string, number> }; keyFile: string; fingerprints: unknown };
    };
    expect(manifest.keys.source).toBe('file');
    expect(Object.keys(manifest.keys.needed.values)).toEqual(['v1/aes-256-gcm']);
    expect(manifest.keys.fingerprints).toMatchObject({ field: { v1: expect.stringMatching(/^[0-9a-f]{16}$/) } });
    const keyCopy = path.join(path.dirname(taken.file), manifest.keys.keyFile);
    expect(fs.readFileSync(keyCopy)).toEqual(fs.readFileSync(path.join(a.dataDir, 'keys.json')));
    expect(fs.statSync(keyCopy).mode & 0o077).toBe(0);
    expect(lines.join('\n')).toMatch(/Keys it needs: v1\/aes-256-gcm/);

    // A fresh data directory: no database, no key file.
    const b = demo('b');
    await restore([taken.file], env(b));
    expect(fs.readFileSync(path.join(b.dataDir, 'keys.json'))).toEqual(fs.readFileSync(keyCopy));
    const restored = await serve(b, false);
    expect(await personInCharge(restored.app)).toBe(before);
    await restored.app.close();
    await restored.db.close();

    // Without the key file beside it, the restore is refused before anything is replaced.
    fs.rmSync(keyCopy);
    const c = demo('c');
    await expect(restore([taken.file], env(c))).rejects.toBeInstanceOf(CliError);
    expect(fs.existsSync(c.sqliteFile)).toBe(false);
  });

  it('refuses a backup whose data needs a key file that is gone', async () => {
    const a = demo('a');
    const { app, db } = await serve(a, true);
    await app.close();
    fs.rmSync(path.join(a.dataDir, 'keys.json'));
    await expect(backup([], { ...env(a), db })).rejects.toThrow(/key file .* is missing/);
    await db.close();
  });
});
