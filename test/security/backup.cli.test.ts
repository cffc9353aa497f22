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
