import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../clock.ts';
import { buildUser } from '../factories.ts';
import { openSqlite, type Db } from '../db/database.ts';
import { MIGRATION_NAMES, migrateToLatest } from '../db/migrate.ts';
import { AuditLog, verifyChain } from './audit.ts';
import { backupFileName, backupSqlite, BackupError, checkSqliteFile, restoreSqlite, sqliteInUse } from './backup.ts';

const NOW = '2024-05-01T01:30:00.000Z';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongfu-backup-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A migrated file database with rows in several tables, including a chained audit trail. */
async function populatedDb(file: string): Promise<Db> {
  const db = openSqlite(file);
  await migrateToLatest(db);
  await db.kysely
    .insertInto('org_units')
    .values([
      {
        id: 'city',
        parent_id: null,
        code: '510400',
        name: '攀枝花市',
        name_en: 'Panzhihua',
        kind: 'city',
        urban: null,
        sort: 0,
        path: '/city/',
      },
      {
        id: 'xiqu',
        parent_id: 'city',
        code: '510403',
        name: '西区',
        name_en: 'Xiqu',
        kind: 'district',
        urban: 1,
        sort: 2,
        path: '/city/xiqu/',
      },
    ])
    .execute();
  for (let i = 0; i < 50; i++) {
    await db.kysely
      .insertInto('users')
      .values(
        buildUser({
          id: `u${i}`,
          username: `user${i}`,
          displayName: `用户${i}`,
          passwordHash: 'scrypt$…',
          role: 'districtReporter',
          entryScope: ['xiqu'],
          viewScope: ['xiqu'],
          now: NOW,
        }),
      )
      .execute();
  }
  await db.kysely.insertInto('settings').values({ key: 'security.policy', value: '{"minLength":12}' }).execute();
  const audit = new AuditLog(db, new TestClock(NOW));
  for (let i = 0; i < 20; i++) {
    await audit.record({
      userId: `u${i}`,
      username: `user${i}`,
      ip: '10.0.0.1',
      action: 'auth.signIn',
      outcome: 'success',
    });
  }
  return db;
}

async function counts(db: Db): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['org_units', 'users', 'settings', 'audit_log'] as const) {
    const row = await db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

describe('backupFileName', () => {
  it('names a backup by its UTC time, sortably', () => {
    expect(backupFileName(new Date('2024-05-01T09:30:05+08:00'))).toBe('gongfu-20240501-013005.sqlite');
  });
});

describe('backup and restore of the embedded database', () => {
  it('backs up while the server writes, restores into a new file, and every record is there', async () => {
    const live = await populatedDb(path.join(dir, 'live', 'gongfu.sqlite'));
    try {
      const dest = path.join(dir, 'backups', 'b1.sqlite');
      // A write racing the backup: it lands in the copy or it does not, but the copy is consistent either way.
      const [result] = await Promise.all([
        backupSqlite(live, dest),
        live.kysely.insertInto('settings').values({ key: 'during.backup', value: 'x' }).execute(),
      ]);
      expect(result.file).toBe(dest);
      expect(result.bytes).toBe(fs.statSync(dest).size);
      expect(fs.readdirSync(path.dirname(dest))).toEqual(['b1.sqlite']); // no temp file or -wal left behind
      await live.kysely.insertInto('settings').values({ key: 'after.backup', value: 'y' }).execute();

      const target = path.join(dir, 'restored', 'gongfu.sqlite');
      const restored = restoreSqlite(dest, target);
      expect(restored).toEqual({ target, previous: null, migrations: MIGRATION_NAMES });

      const db = openSqlite(target);
      try {
        const got = await counts(db);
        expect(got).toMatchObject({ org_units: 2, users: 50, audit_log: 20 });
        expect([2, 3]).toContain(got.settings); // the policy, and the racing write if it made it in
        const users = await db.kysely.selectFrom('users').select('username').orderBy('id').execute();
        expect(new Set(users.map((u) => u.username))).toEqual(
          new Set(Array.from({ length: 50 }, (_, i) => `user${i}`)),
        );
        const xiqu = await db.kysely
          .selectFrom('org_units')
          .selectAll()
          .where('id', '=', 'xiqu')
          .executeTakeFirstOrThrow();
        expect(xiqu.name).toBe('西区');
        const after = await db.kysely.selectFrom('settings').select('key').where('key', '=', 'after.backup').execute();
        expect(after).toEqual([]);
        expect(await verifyChain(db)).toMatchObject({ ok: true, count: 20 });
      } finally {
        await db.close();
      }
    } finally {
      await live.close();
    }
  });

  it('writes a self-contained file that passes the integrity check', async () => {
    const live = await populatedDb(path.join(dir, 'gongfu.sqlite'));
    const dest = path.join(dir, 'b.sqlite');
    await backupSqlite(live, dest);
    await live.close();
    const handle = new SQLite(dest, { readonly: true });
    expect(handle.pragma('journal_mode', { simple: true })).toBe('delete');
    handle.close();
    expect(checkSqliteFile(dest).migrations).toEqual(MIGRATION_NAMES);
  });

  it('refuses to overwrite an existing backup unless told to', async () => {
    const live = await populatedDb(path.join(dir, 'gongfu.sqlite'));
    try {
      const dest = path.join(dir, 'b.sqlite');
      fs.writeFileSync(dest, 'older backup');
      await expect(backupSqlite(live, dest)).rejects.toMatchObject({ reason: 'exists' });
      expect(fs.readFileSync(dest, 'utf8')).toBe('older backup');
      await backupSqlite(live, dest, { overwrite: true });
      expect(checkSqliteFile(dest).migrations).toHaveLength(MIGRATION_NAMES.length);
    } finally {
      await live.close();
    }
  });

  it('refuses PostgreSQL, which is backed up with pg_dump', async () => {
    const pgLike = { dialect: 'postgres', sqlite: null } as unknown as Db;
    await expect(backupSqlite(pgLike, path.join(dir, 'x.sqlite'))).rejects.toThrow(/pg_dump/);
  });

  it('refuses to restore a damaged, foreign or missing file, and leaves the target alone', async () => {
    const target = path.join(dir, 'gongfu.sqlite');
    const live = await populatedDb(target);
    await live.close();
    const before = fs.readFileSync(target);

    const damaged = path.join(dir, 'damaged.sqlite');
    const backup = path.join(dir, 'good.sqlite');
    const source = openSqlite(target);
    await backupSqlite(source, backup);
    await source.close();
    const bytes = fs.readFileSync(backup);
    // Overwrite the middle pages (table b-trees) with garbage; the header stays valid.
    bytes.fill(0x5a, 4096 * 3, 4096 * 6);
    fs.writeFileSync(damaged, bytes);
    expect(() => restoreSqlite(damaged, target)).toThrow(BackupError);
    expect(() => restoreSqlite(damaged, target)).toThrow(expect.objectContaining({ reason: 'corrupt' }));

    const foreign = path.join(dir, 'foreign.sqlite');
    const other = new SQLite(foreign);
    other.exec('CREATE TABLE t (x)');
    other.close();
    expect(() => restoreSqlite(foreign, target)).toThrow(expect.objectContaining({ reason: 'notGongfu' }));

    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database');
    expect(() => restoreSqlite(text, target)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
    expect(() => restoreSqlite(path.join(dir, 'nope.sqlite'), target)).toThrow(
      expect.objectContaining({ reason: 'missing' }),
    );

    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to restore over a database in use unless forced, and keeps the previous file', async () => {
    const target = path.join(dir, 'gongfu.sqlite');
    const running = await populatedDb(target);
    const backup = path.join(dir, 'b.sqlite');
    await backupSqlite(running, backup);
    await running.kysely.insertInto('settings').values({ key: 'after.backup', value: 'y' }).execute();

    expect(sqliteInUse(target)).toBe(true);
    expect(() => restoreSqlite(backup, target)).toThrow(expect.objectContaining({ reason: 'targetInUse' }));
    await running.close();
    expect(sqliteInUse(target)).toBe(false);

    const result = restoreSqlite(backup, target);
    expect(result.previous).toBe(`${target}.pre-restore`);
    expect(fs.existsSync(`${target}-wal`)).toBe(false);

    const restored = openSqlite(target);
    const previous = openSqlite(`${target}.pre-restore`);
    try {
      expect(
        await restored.kysely.selectFrom('settings').select('key').where('key', '=', 'after.backup').execute(),
      ).toEqual([]);
      // One step back is still possible: the file replaced has the write made after the backup.
      expect(
        await previous.kysely.selectFrom('settings').select('key').where('key', '=', 'after.backup').execute(),
      ).toHaveLength(1);
    } finally {
      await restored.close();
      await previous.close();
    }
  });

  it('restores over a running database when forced', async () => {
    const target = path.join(dir, 'gongfu.sqlite');
    const running = await populatedDb(target);
    const backup = path.join(dir, 'b.sqlite');
    await backupSqlite(running, backup);
    try {
      expect(restoreSqlite(backup, target, { force: true }).previous).toBe(`${target}.pre-restore`);
    } finally {
      await running.close();
    }
    const restored = openSqlite(target);
    try {
      expect(await counts(restored)).toMatchObject({ users: 50, audit_log: 20 });
    } finally {
      await restored.close();
    }
  });
});
