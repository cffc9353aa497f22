import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROLES } from '../domain/types.ts';
import { systemClock, type Clock } from '../server/clock.ts';
import type { Config } from '../server/config.ts';
import { openDatabase, openSqlite, type Db } from '../server/db/database.ts';
import { createContext, type AppContext } from '../server/context.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { AppError } from '../server/errors.ts';
import { boundOf } from '../server/modules/security/audit.service.ts';
import type { Operator } from '../server/modules/users/users.service.ts';
import { AuditLog, verifyChain } from '../server/security/audit.ts';
import { Auditor } from '../server/security/auditor.ts';
import { backupFileName, backupSqlite, restoreSqlite } from '../server/security/backup.ts';
import { CRYPTO_SUITES } from '../server/security/field-crypto.ts';
import { censusOf, type KeyCensus, type RotationReport } from '../server/security/key-rotation.ts';
import { rotationRepositoryOf } from '../server/security/key-rotation.repository.ts';
import { FieldCrypto, loadFieldKeys } from '../server/security/field-crypto.ts';
import { isPrivileged } from '../server/security/duties.ts';

/**
 * The operator's commands (npm run cli -- <command>): what no role may do through the API. Each opens the database,
 * does its work, writes its audit record as `cli:<operating-system user>` with no address, and closes.
 * They throw {@link CliError} for a mistake of the operator (exit code 2) and let anything else through (exit 1).
 */

export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export interface CliEnv {
  config: Config;
  clock?: Clock;
  /** Where the command writes what it has to say (stdout by default). */
  out?: (line: string) => void;
  /** For tests: the database to use instead of the configured one. */
  db?: Db;
}

/** `--name value` and `--flag` options, and the positional arguments. */
export function parseArgs(args: readonly string[]): { options: Map<string, string | true>; positional: string[] } {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options.set(a.slice(2, eq), a.slice(eq + 1));
      else if (i + 1 < args.length && !(args[i + 1] as string).startsWith('--'))
        options.set(a.slice(2), args[++i] as string);
      else options.set(a.slice(2), true);
    } else positional.push(a);
  }
  return { options, positional };
}

function text(options: Map<string, string | true>, name: string): string | undefined {
  const v = options.get(name);
  if (v === true) throw new CliError(`--${name} needs a value`);
  return v;
}

function list(options: Map<string, string | true>, name: string): string[] {
  const v = text(options, name);
  return v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

function operator(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function withDb<T>(env: CliEnv, work: (db: Db, auditor: Auditor, clock: Clock) => Promise<T>): Promise<T> {
  const clock = env.clock ?? systemClock;
  const db = env.db ?? openDatabase(env.config);
  try {
    await migrateToLatest(db);
    return await work(db, new Auditor(new AuditLog(db, clock, CRYPTO_SUITES[env.config.cryptoSuite].auditHash)), clock);
  } finally {
    if (!env.db) await db.close();
  }
}

const asOperator = () => ({ userId: null, username: operator(), ip: null });
const byOperator = (): Operator => ({ operator: operator() });

/**
 * The account commands go through the users service, like the API: the stored password policy, the checks for a
 * taken name or a stale row, the audit records are the same whichever door a change comes in by. A refusal of the
 * service becomes the operator's mistake (exit code 2), said in both languages with the fields at fault.
 */
async function withServices<T>(env: CliEnv, work: (ctx: AppContext) => Promise<T>): Promise<T> {
  return withDb(env, async (db, _auditor, clock) => {
    try {
      return await work(await createContext(db, env.config, clock));
    } catch (e) {
      if (e instanceof AppError) {
        const fields = (e.details ?? []).map((d) => `\n  ${d.field}: ${d.message}`).join('');
        throw new CliError(`${e.message} / ${e.messageEn}${fields}`);
      }
      throw e;
    }
  });
}

/**
 * create-user --username NAME --name "显示名" --role ROLE [--view-scope a,b] [--entry-scope a,b] [--work-team ID]
 *
 * The only way to make a system, security or audit administrator, and how production mode gets its first ones
 * (production has no default accounts). Prints the initial password once; it must be changed at first sign-in, and
 * the privileged roles set up their second factor then too.
 */
export async function createUser(args: readonly string[], env: CliEnv): Promise<{ id: string; password: string }> {
  const { options } = parseArgs(args);
  const username = text(options, 'username');
  const displayName = text(options, 'name') ?? username;
  const role = text(options, 'role');
  if (!username || !/^[a-z][a-z0-9_.-]{2,31}$/.test(username)) {
    throw new CliError(
      'usage: create-user --username NAME --name "显示名" --role ROLE [--view-scope a,b] [--entry-scope a,b] [--work-team ID]\n  NAME: 3–32 lower-case letters, digits, _ . -',
    );
  }
  if (!role || !(ROLES as readonly string[]).includes(role))
    throw new CliError(`--role must be one of: ${ROLES.join(', ')}`);
  const viewScope = list(options, 'view-scope');
  const entryScope = list(options, 'entry-scope');
  const workTeamId = text(options, 'work-team') ?? null;
  if (isPrivileged(role) && (viewScope.length > 0 || entryScope.length > 0 || workTeamId)) {
    throw new CliError(`${role} is a privileged role: it carries no data scope or work team (docs/security.md)`);
  }
  return withServices(env, async (ctx) => {
    const { user, initialPassword } = await ctx.users.createByOperator(byOperator(), {
      username,
      displayName: displayName ?? username,
      role,
      entryScope,
      viewScope,
      workTeamId,
    });
    (env.out ?? console.log)(
      `Created ${username} (${role}). Initial password, shown only now: ${initialPassword}\n(to be changed at first sign-in${isPrivileged(role) ? '; a second factor is set up then too' : ''})`,
    );
    return { id: user.id, password: initialPassword };
  });
}

function usernameArg(args: readonly string[], usage: string): string {
  if (!args[0]) throw new CliError(`usage: ${usage}`);
  return args[0];
}

/**
 * reset-password USERNAME: a new random password, to be changed at the next sign-in; ends the user's sessions. The
 * stored password policy decides how many old passwords are remembered, as for a reset through the API.
 */
export async function resetPassword(args: readonly string[], env: CliEnv): Promise<string> {
  const username = usernameArg(args, 'reset-password <username>');
  return withServices(env, async (ctx) => {
    const password = await ctx.users.resetPasswordByOperator(byOperator(), username);
    (env.out ?? console.log)(`New password for ${username}: ${password} (to be changed at next sign-in)`);
    return password;
  });
}

/** reset-mfa USERNAME: removes a lost second factor (for any account; the API lets the security administrator do it for business accounts). */
export async function resetMfa(args: readonly string[], env: CliEnv): Promise<void> {
  const username = usernameArg(args, 'reset-mfa <username>');
  await withServices(env, async (ctx) => {
    await ctx.users.resetSecondFactorByOperator(byOperator(), username);
    (env.out ?? console.log)(`Second factor of ${username} removed; it is set up again at the next sign-in.`);
  });
}

/** disable-user / enable-user USERNAME: for any account, the privileged ones included. Disabling ends its sessions. */
export async function setDisabled(args: readonly string[], env: CliEnv, disabled: boolean): Promise<void> {
  const username = usernameArg(args, `${disabled ? 'disable' : 'enable'}-user <username>`);
  await withServices(env, async (ctx) => {
    await ctx.users.setDisabledByOperator(byOperator(), username, disabled);
    (env.out ?? console.log)(`${username} ${disabled ? 'disabled' : 'enabled'}.`);
  });
}

/**
 * rotate-keys [--batch N] [--census]: re-encrypts every encrypted column under the current key and cipher and
 * re-indexes under the current index key and MAC (src/server/security/key-rotation.ts), a page at a time, while the
 * server runs. `--census` only counts the values and indexes by key and algorithm (what is left to rotate).
 */
export async function rotateKeys(args: readonly string[], env: CliEnv): Promise<RotationReport | KeyCensus> {
  const { options } = parseArgs(args);
  const batchText = text(options, 'batch');
  const batchSize = batchText === undefined ? 500 : Number(batchText);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    throw new CliError('--batch must be a whole number from 1 to 10000');
  return withServices(env, async (ctx) => {
    const out = env.out ?? console.log;
    const job = ctx.keyRotation(batchSize);
    const a = ctx.fieldCrypto().algorithms;
    out(`Current: field key ${a.keyId} (${a.cipher}), index key ${a.indexKeyId} (HMAC-${a.indexMac.toUpperCase()})`);
    if (options.get('census') === true) {
      const census = await job.census();
      out(`Values by key/cipher: ${JSON.stringify(census.values)}`);
      out(`Indexes by key/MAC: ${JSON.stringify(census.indexes)}`);
      return census;
    }
    const report = await job.run(asOperator());
    const sum = (r: Record<string, number>) => Object.values(r).reduce((x, y) => x + y, 0);
    out(
      `Rotated ${sum(report.rotated)}, already current ${sum(report.current)}, changed meanwhile ${sum(report.skipped)}, undecryptable ${sum(report.failed)}`,
    );
    for (const [col, n] of Object.entries(report.rotated)) out(`  ${col}: ${n}`);
    if (sum(report.failed) > 0) {
      throw new CliError(
        `${sum(report.failed)} values could not be decrypted with the configured keys: ${JSON.stringify(report.failed)}`,
        1,
      );
    }
    return report;
  });
}

/**
 * backup [--out DIR]: a consistent copy of the embedded database, taken while the server runs (SQLite's online
 * backup). PostgreSQL is backed up with pg_dump (docs/security.md).
 */
export async function backup(args: readonly string[], env: CliEnv): Promise<{ file: string; bytes: number }> {
  const { options } = parseArgs(args);
  if (env.config.databaseUrl && !env.db) {
    throw new CliError(
      'This installation uses PostgreSQL: back it up with pg_dump --format=custom (see docs/security.md).',
    );
  }
  if (!env.db && !fs.existsSync(env.config.sqliteFile)) throw new CliError(`${env.config.sqliteFile} does not exist`);
  const dir = path.resolve(text(options, 'out') ?? path.join(env.config.dataDir, 'backups'));
  const clock = env.clock ?? systemClock;
  const db = env.db ?? openSqlite(env.config.sqliteFile);
  try {
    const keys = await keysOfBackup(db, env.config);
    const result = await backupSqlite(db, path.join(dir, backupFileName(clock.now())));
    const manifest = writeManifest(result.file, keys, env.config, clock.now());
    await new Auditor(new AuditLog(db, clock, CRYPTO_SUITES[env.config.cryptoSuite].auditHash)).record({
      ...asOperator(),
      action: 'system.backup',
      objectType: 'database',
      detail: { file: path.basename(result.file), bytes: result.bytes, keys: manifest.keys },
    });
    const out = env.out ?? console.log;
    out(`Backup written: ${result.file} (${result.bytes} bytes)`);
    out(`Keys it needs: ${describeNeeds(manifest.keys)} — manifest ${path.basename(manifestFile(result.file))}`);
    out(
      manifest.keys.keyFile
        ? `The demo key file is copied beside it (${manifest.keys.keyFile}, mode 0600): keep them together, and away from others.`
        : 'The keys are NOT in the backup (they come from GONGFU_FIELD_KEY / GONGFU_INDEX_KEY): keep them, with their ids and fingerprints above, to restore it.',
    );
    return result;
  } finally {
    if (!env.db) await db.close();
  }
}

/** What a backup's manifest says of the keys (`<backup>.manifest.json`, beside the database copy). */
interface BackupKeys {
  /** Where the installation's keys come from: the demo key file (copied into the backup) or the environment. */
  source: 'file' | 'environment' | 'none';
  /** Values and indexes by key and algorithm: the keys needed to read the backup. */
  needed: KeyCensus;
  /** Fingerprints of the configured keys the data needs (never the keys). */
  fingerprints: { field: Record<string, string>; index: Record<string, string> };
  cryptoSuite: string;
  /** The copied key file's name beside the backup, or null. */
  keyFile: string | null;
}

const manifestFile = (backupFile: string) => backupFile.replace(/\.sqlite$/, '') + '.manifest.json';
const keyFileOf = (backupFile: string) => backupFile.replace(/\.sqlite$/, '') + '.keys.json';
const demoKeyFile = (config: Config) => path.join(config.dataDir, 'keys.json');
const usesKeyFile = (config: Config) => !(config.fieldKeys.GONGFU_FIELD_KEY && config.fieldKeys.GONGFU_INDEX_KEY);

function describeNeeds(keys: BackupKeys): string {
  const parts = [...Object.keys(keys.needed.values), ...Object.keys(keys.needed.indexes).map((k) => `index ${k}`)];
  return parts.length > 0 ? parts.join(', ') : 'none (nothing encrypted yet)';
}

/**
 * The keys a backup of `db` needs, checked before it is taken: every key id the data names must be configured (and,
 * in demo mode, the key file must exist), or the backup is refused — a copy nobody can read is no backup.
 */
async function keysOfBackup(db: Db, config: Config): Promise<BackupKeys> {
  const repo = rotationRepositoryOf(db);
  const needed = await censusOf((col, after, limit) => repo.page(col, after, limit));
  const neededField = new Set(Object.keys(needed.values).map((k) => k.split('/')[0] as string));
  const neededIndex = new Set(Object.keys(needed.indexes).map((k) => k.split('/')[0] as string));
  const fileMode = usesKeyFile(config);
  if (fileMode && !fs.existsSync(demoKeyFile(config))) {
    if (neededField.size + neededIndex.size > 0) {
      throw new CliError(
        `备份被拒绝：数据由密钥 ${[...neededField].join(', ')} 加密，但密钥文件 ${demoKeyFile(config)} 不存在。\n` +
          `Backup refused: the data is encrypted under key(s) ${[...neededField].join(', ')} but the key file ${demoKeyFile(config)} is missing; without it the backup could not be read.`,
      );
    }
    return {
      source: 'none',
      needed,
      fingerprints: { field: {}, index: {} },
      cryptoSuite: config.cryptoSuite,
      keyFile: null,
    };
  }
  const fc = new FieldCrypto(loadFieldKeys(config.fieldKeys, config));
  const prints = fc.fingerprints();
  const missing = [
    ...[...neededField].filter((id) => !(id in prints.field)).map((id) => `GONGFU_FIELD_KEY ${id}`),
    ...[...neededIndex].filter((id) => !(id in prints.index)).map((id) => `GONGFU_INDEX_KEY ${id}`),
  ];
  if (missing.length > 0) {
    throw new CliError(
      `备份被拒绝：数据需要的密钥未配置：${missing.join(', ')}\nBackup refused: the data needs keys that are not configured: ${missing.join(', ')}`,
    );
  }
  const pick = (all: Record<string, string>, ids: Set<string>) =>
    Object.fromEntries(Object.entries(all).filter(([id]) => ids.has(id)));
  return {
    source: fileMode ? 'file' : 'environment',
    needed,
    fingerprints: { field: pick(prints.field, neededField), index: pick(prints.index, neededIndex) },
    cryptoSuite: config.cryptoSuite,
    keyFile: null,
  };
}

/** Writes the manifest beside the backup and, in demo mode, a copy of the key file (mode 0600). */
function writeManifest(backupFile: string, keys: BackupKeys, config: Config, now: Date): { keys: BackupKeys } {
  const withFile = { ...keys };
  if (keys.source === 'file') {
    const copy = keyFileOf(backupFile);
    fs.copyFileSync(demoKeyFile(config), copy);
    fs.chmodSync(copy, 0o600);
    withFile.keyFile = path.basename(copy);
  }
  const manifest = {
    format: 'gongfu-backup/1',
    database: path.basename(backupFile),
    takenAt: now.toISOString(),
    keys: withFile,
  };
  fs.writeFileSync(manifestFile(backupFile), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/**
 * Before a restore: the keys the backup needs must be at hand. A demo backup's key file goes to the data directory
 * (the one there, if different, is kept as keys.json.pre-restore); keys from the environment must have the
 * fingerprints the manifest names. Refused otherwise (a restored database whose values nobody can read locks the
 * administrators out), unless --force.
 */
function prepareKeys(backupFile: string, config: Config, force: boolean, out: (line: string) => void): void {
  const file = manifestFile(path.resolve(backupFile));
  if (!fs.existsSync(file)) {
    out(
      `警告 / Warning: ${path.basename(file)} not found — make sure the keys that sealed this backup are configured.`,
    );
    return;
  }
  const keys = (JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: BackupKeys }).keys;
  const refuse = (zh: string, en: string) => {
    if (!force) throw new CliError(`恢复被拒绝：${zh}\nRestore refused: ${en} (--force to restore anyway)`);
    out(`警告 / Warning: ${en}`);
  };
  if (keys.keyFile) {
    const source = path.join(path.dirname(file), keys.keyFile);
    if (!fs.existsSync(source)) {
      refuse(`备份的密钥文件 ${keys.keyFile} 不在备份旁`, `the backup's key file ${keys.keyFile} is not beside it`);
      return;
    }
    const target = demoKeyFile(config);
    fs.mkdirSync(config.dataDir, { recursive: true });
    if (fs.existsSync(target) && !fs.readFileSync(target).equals(fs.readFileSync(source))) {
      fs.copyFileSync(target, `${target}.pre-restore`);
    }
    fs.copyFileSync(source, target);
    fs.chmodSync(target, 0o600);
    out(`Key file restored to ${target}`);
    return;
  }
  if (keys.source !== 'environment') return;
  let prints: { field: Record<string, string>; index: Record<string, string> } = { field: {}, index: {} };
  try {
    prints = new FieldCrypto(loadFieldKeys(config.fieldKeys, config)).fingerprints();
  } catch {
    // No keys configured at all: every one is missing below.
  }
  const wrong = [
    ...Object.entries(keys.fingerprints.field)
      .filter(([id, fp]) => prints.field[id] !== fp)
      .map(([id]) => `GONGFU_FIELD_KEY ${id}`),
    ...Object.entries(keys.fingerprints.index)
      .filter(([id, fp]) => prints.index[id] !== fp)
      .map(([id]) => `GONGFU_INDEX_KEY ${id}`),
  ];
  if (wrong.length > 0) {
    refuse(
      `未配置备份所需的密钥（或指纹不符）：${wrong.join(', ')}`,
      `the keys the backup needs are not configured (or have other fingerprints): ${wrong.join(', ')}`,
    );
  }
}

/**
 * restore FILE [--force]: puts a backup in place of the embedded database. Refused while the database is open (stop
 * the server first) unless --force. The previous file is kept beside it as `.pre-restore`.
 */
export async function restore(
  args: readonly string[],
  env: CliEnv,
): Promise<{ target: string; previous: string | null }> {
  const { options, positional } = parseArgs(args);
  const file = positional[0];
  if (!file) throw new CliError('usage: restore <backup file> [--force]');
  if (env.config.databaseUrl) {
    throw new CliError('This installation uses PostgreSQL: restore with pg_restore (see docs/security.md).');
  }
  prepareKeys(file, env.config, options.get('force') === true, env.out ?? console.log);
  const result = restoreSqlite(file, env.config.sqliteFile, { force: options.get('force') === true });
  const clock = env.clock ?? systemClock;
  const db = openSqlite(env.config.sqliteFile);
  try {
    await new Auditor(new AuditLog(db, clock, CRYPTO_SUITES[env.config.cryptoSuite].auditHash)).record({
      ...asOperator(),
      action: 'system.restore',
      objectType: 'database',
      detail: { from: path.basename(file), previous: result.previous ? path.basename(result.previous) : null },
    });
  } finally {
    await db.close();
  }
  (env.out ?? console.log)(
    `Restored ${file} to ${result.target}${result.previous ? ` (previous database kept as ${result.previous})` : ''}`,
  );
  return result;
}

/**
 * audit verify [--anchor SEQ:HASH]: recomputes the whole hash chain. Prints the head to note down and pass as
 * --anchor next time (that also catches records removed from the end). Exit code 1 when the chain is broken.
 */
export async function auditVerify(args: readonly string[], env: CliEnv): Promise<boolean> {
  const { options } = parseArgs(args);
  const anchorText = text(options, 'anchor');
  if (anchorText !== undefined && !/^\d+:[0-9a-f]{64}$/.test(anchorText))
    throw new CliError('--anchor must be SEQ:HASH, as printed by a previous audit verify');
  const anchor = anchorText
    ? { seq: Number(anchorText.split(':')[0]), hash: anchorText.split(':')[1] as string }
    : undefined;
  return withDb(env, async (db, auditor) => {
    const result = await verifyChain(db, anchor ? { anchor } : {});
    const out = env.out ?? console.log;
    if (result.ok) {
      out(`Audit chain OK: ${result.count} records.`);
      if (result.head)
        out(`Head (note it down; pass it as --anchor next time): ${result.head.seq}:${result.head.hash}`);
    } else {
      out(`AUDIT CHAIN BROKEN at record ${result.brokenAt} (${result.reason}): ${result.message}`);
      out(`${result.verified} records verified before the break.`);
    }
    await auditor.record({
      ...asOperator(),
      action: 'audit.verify',
      objectType: 'audit',
      outcome: result.ok ? 'success' : 'failure',
      detail: { ...result, anchor: anchorText ?? null },
    });
    return result.ok;
  });
}

/** audit archive --before YYYY-MM-DD: moves records older than that day (Beijing time, at least 180 days ago) to the archive. */
export async function auditArchive(args: readonly string[], env: CliEnv): Promise<{ moved: number }> {
  const { options } = parseArgs(args);
  const before = text(options, 'before');
  if (!before || !/^\d{4}-\d{2}-\d{2}$/.test(before))
    throw new CliError('usage: audit archive --before YYYY-MM-DD (at least 180 days ago)');
  return withDb(env, async (db, auditor, clock) => {
    let result: { moved: number; throughSeq: number | null };
    try {
      result = await new AuditLog(db, clock, CRYPTO_SUITES[env.config.cryptoSuite].auditHash).archive(
        boundOf(before, 'from'),
      );
    } catch (error) {
      if (error instanceof Error && 'code' in error && (error as { code: string }).code === 'VALIDATION') {
        throw new CliError(`audit records must be kept at least 180 days: ${before} is too recent`);
      }
      throw error;
    }
    await auditor.record({
      ...asOperator(),
      action: 'audit.archive',
      objectType: 'audit',
      detail: { before, ...result },
    });
    (env.out ?? console.log)(
      `Archived ${result.moved} audit records${result.throughSeq ? ` (through record ${result.throughSeq})` : ''}; they stay in audit_archive and in the chain.`,
    );
    return result;
  });
}
