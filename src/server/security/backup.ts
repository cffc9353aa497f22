import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Db } from '../db/database.ts';

/**
 * Backup and recovery of the embedded database (MLPS 2.0 level 3 §8.1.4.9 数据备份恢复).
 *
 * SQLite: {@link backupSqlite} uses SQLite's online backup API through better-sqlite3, which copies a consistent
 * snapshot page by page while the server keeps reading and writing; {@link restoreSqlite} checks a backup and puts it
 * in place of the database file.
 *
 * PostgreSQL has its own tools, and they are the ones to use (docs/security.md gives the full procedure):
 *   backup:   pg_dump --format=custom --file=gongfu-YYYYMMDD.dump "$DATABASE_URL"
 *             (a consistent snapshot taken in one transaction; the server keeps running)
 *   check:    pg_restore --list gongfu-YYYYMMDD.dump > /dev/null
 *   restore:  stop the server; createdb gongfu_restored;
 *             pg_restore --dbname=postgres://…/gongfu_restored --no-owner --exit-on-error gongfu-YYYYMMDD.dump
 *             then point DATABASE_URL at it (or rename the databases) and start the server.
 * For point-in-time recovery, continuous WAL archiving (archive_command, or pgBackRest) is the operator's job.
 */

export type BackupErrorReason = 'notSqlite' | 'exists' | 'missing' | 'corrupt' | 'notGongfu' | 'targetInUse';

/** A backup or restore refused or failed; `reason` says which check stopped it. */
export class BackupError extends Error {
  readonly reason: BackupErrorReason;
  constructor(reason: BackupErrorReason, message: string) {
    super(message);
    this.name = 'BackupError';
    this.reason = reason;
  }
}

/**
 * A backup file name with the time it was taken, sortable: `gongfu-20240501-093000.sqlite`. `now` is formatted in
 * UTC so that names do not depend on the host's time zone.
 */
export function backupFileName(now: Date): string {
  const iso = now.toISOString();
  return `gongfu-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}.sqlite`;
}

function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable: on Linux the directory entry is only on disk after the directory itself is synced. */
function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return; // Some platforms cannot open a directory; the rename still happened.
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Not supported here (e.g. Windows); nothing more can be done.
  } finally {
    fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}

/**
 * Checks that `file` is a sound SQLite database made by Gongfu: `PRAGMA integrity_check` says ok and the migration
 * table is there. Throws {@link BackupError} (`missing`, `corrupt`, `notGongfu`) otherwise.
 */
export function checkSqliteFile(file: string): { migrations: string[] } {
  if (!fs.existsSync(file)) throw new BackupError('missing', `${file} does not exist`);
  let handle: SQLite.Database;
  try {
    handle = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError('corrupt', `${file} cannot be opened as SQLite: ${(error as Error).message}`);
  }
  try {
    let results: string[];
    try {
      results = (handle.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (error) {
      throw new BackupError('corrupt', `${file} is not a sound SQLite database: ${(error as Error).message}`);
    }
    if (results.length !== 1 || results[0] !== 'ok') {
      throw new BackupError('corrupt', `${file} failed the integrity check: ${results.slice(0, 5).join('; ')}`);
    }
    const table = handle
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
      .get() as { name: string } | undefined;
    if (!table) throw new BackupError('notGongfu', `${file} is SQLite but not a Gongfu database (no migrations table)`);
    const migrations = (
      handle.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]
    ).map((r) => r.name);
    return { migrations };
  } finally {
    handle.close();
  }
}

/**
 * Writes a consistent copy of the running SQLite database to `destFile`, without stopping the server: writes made
 * while it runs either make it into the copy or wait for the next one, never half. The copy is written beside the
 * destination, switched to a single self-contained file (no -wal), checked with `PRAGMA integrity_check`, and only
 * then renamed into place, so `destFile` is never a partial backup. Refuses to overwrite an existing file unless
 * `overwrite` is set.
 *
 * @example
 * await backupSqlite(db, path.join(backupDir, backupFileName(clock.now())))
 * // → { file: '/var/backups/gongfu/gongfu-20240501-093000.sqlite', bytes: 4718592 }
 */
export async function backupSqlite(
  db: Db,
  destFile: string,
  options: { overwrite?: boolean } = {},
): Promise<{ file: string; bytes: number }> {
  if (db.dialect !== 'sqlite' || db.sqlite === null) {
    throw new BackupError('notSqlite', 'This database is PostgreSQL: back it up with pg_dump (see docs/security.md)');
  }
  const dest = path.resolve(destFile);
  if (!options.overwrite && fs.existsSync(dest)) throw new BackupError('exists', `${dest} already exists`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const temp = tempBeside(dest);
  try {
    await db.sqlite.backup(temp);
    const copy = new SQLite(temp, { fileMustExist: true });
    try {
      // The live database is in WAL mode and the copy inherits it; a backup should be one file that can be moved.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    checkSqliteFile(temp);
    fsyncFile(temp);
    fs.renameSync(temp, dest);
    fsyncDir(path.dirname(dest));
    return { file: dest, bytes: fs.statSync(dest).size };
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/**
 * Whether some connection — this process or another — has the SQLite file open. A WAL-mode connection holds a shared
 * lock for as long as it is open, so an exclusive lock is refused exactly while the server runs. (A database left in
 * rollback-journal mode by another tool is only seen while a transaction is open.)
 */
export function sqliteInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const probe = new SQLite(file, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY') || /locked|busy/i.test((error as Error).message)) {
      return true;
    }
    throw error;
  } finally {
    probe.close();
  }
}

/**
 * Puts the backup `backupFile` in place of the database `targetFile`:
 * 1. the backup must pass {@link checkSqliteFile} (integrity check, a Gongfu database);
 * 2. the target must not be open — stop the server first — unless `force` is set (only for a process that is hung and
 *    about to be killed: a server that keeps running would go on writing into the file that was replaced);
 * 3. the backup is copied beside the target and checked again (the copy is what will be used);
 * 4. the current target, if any, is kept as `<target>.pre-restore` (with its -wal) — one step back is always possible;
 * 5. stale -wal/-shm files of the target are moved away (SQLite would otherwise replay the old log onto the restored
 *    file), and the copy is renamed onto the target: the target is at every moment either the old file or the new.
 *
 * @example
 * restoreSqlite('/var/backups/gongfu/gongfu-20240501-093000.sqlite', config.sqliteFile)
 * // → { target: '/srv/gongfu/data/gongfu.sqlite', previous: '/srv/gongfu/data/gongfu.sqlite.pre-restore',
 * //     migrations: ['0001-initial', '0002-security'] }
 */
export function restoreSqlite(
  backupFile: string,
  targetFile: string,
  options: { force?: boolean } = {},
): { target: string; previous: string | null; migrations: string[] } {
  const source = path.resolve(backupFile);
  const target = path.resolve(targetFile);
  checkSqliteFile(source);
  if (!options.force && sqliteInUse(target)) {
    throw new BackupError(
      'targetInUse',
      `${target} is open (is the server running?). Stop it first, or force the restore if you are sure.`,
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = tempBeside(target);
  try {
    fs.copyFileSync(source, temp);
    fsyncFile(temp);
    const { migrations } = checkSqliteFile(temp);

    let previous: string | null = null;
    if (fs.existsSync(target)) {
      previous = `${target}.pre-restore`;
      for (const suffix of ['', '-wal', '-shm']) removeQuietly(previous + suffix);
      // A hard link keeps the old file reachable while the rename below replaces the target in one step.
      try {
        fs.linkSync(target, previous);
      } catch {
        fs.copyFileSync(target, previous);
      }
      if (fs.existsSync(`${target}-wal`)) fs.renameSync(`${target}-wal`, `${previous}-wal`);
    }
    removeQuietly(`${target}-wal`);
    removeQuietly(`${target}-shm`);
    fs.renameSync(temp, target);
    fsyncDir(path.dirname(target));
    return { target, previous, migrations };
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}
