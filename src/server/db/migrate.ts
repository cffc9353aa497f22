import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Db } from './database.ts';
import type { MigrationContext } from './migration-context.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-security.ts';
import * as m0003 from './migrations/0003-lists.ts';
import * as m0004 from './migrations/0004-city-rollup.ts';
import * as m0005 from './migrations/0005-households.ts';
import * as m0006 from './migrations/0006-household-cases.ts';
import * as m0007 from './migrations/0007-projects.ts';
import * as m0008 from './migrations/0008-crypto-and-alerts.ts';
import * as m0009 from './migrations/0009-household-rules-imports.ts';
import * as m0010 from './migrations/0010-target-zero-point.ts';
import * as m0011 from './migrations/0011-evidence-figure.ts';
import * as m0012 from './migrations/0012-project-lights.ts';
import * as m0013 from './migrations/0013-shared-state.ts';
import * as m0014 from './migrations/0014-import-job-files.ts';
import * as m0015 from './migrations/0015-exchange.ts';
import * as m0020 from './migrations/0020-round-reminders.ts';

export type { MigrationContext } from './migration-context.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see 0001-initial.ts
type MigrationModule = { up(db: Kysely<any>, ctx: MigrationContext): Promise<void> };

/** Listed here, not discovered from the folder, so that a bundle or a test sees exactly the same set. */
const migrations: Record<string, MigrationModule> = {
  '0001-initial': m0001,
  '0002-security': m0002,
  '0003-lists': m0003,
  '0004-city-rollup': m0004,
  '0005-households': m0005,
  '0006-household-cases': m0006,
  '0007-projects': m0007,
  '0008-crypto-and-alerts': m0008,
  '0009-household-rules-imports': m0009,
  '0010-target-zero-point': m0010,
  '0011-evidence-figure': m0011,
  '0012-project-lights': m0012,
  '0013-shared-state': m0013,
  '0014-import-job-files': m0014,
  '0015-exchange': m0015,
  '0020-round-reminders': m0020,
};

function migratorOf(db: Db): Migrator {
  const ctx: MigrationContext = {
    dialect: db.dialect,
    real: db.dialect === 'postgres' ? 'double precision' : 'real',
    serial: db.dialect === 'postgres' ? 'serial' : 'integer',
  };
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(migrations).map(([name, mod]): [string, Migration] => [name, { up: (k) => mod.up(k, ctx) }]),
      ),
  };
  // Modules land their migrations in parallel: a database migrated with 0007 before 0005 existed still takes 0005.
  return new Migrator({ db: db.kysely, provider, allowUnorderedMigrations: true });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migratorOf(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('Migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The migrations this code has that the database has not applied (all of them on an empty database): what the
 * readiness check (`GET /readyz`) waits for. Reads only; it creates nothing.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const known = await migratorOf(db).getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Every migration's name, in order. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations);
