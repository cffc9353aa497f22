import type { Tx } from '../db/transaction.ts';
import type { demoCalendar } from './panzhihua/calendar.ts';
import type { SeedRepositories } from './seed.repository.ts';

/** What a seed step is given: the loader's repositories and transaction, and the day the data is dated from. */
export interface SeedEnv {
  repos: SeedRepositories;
  now: Date;
  calendar: ReturnType<typeof demoCalendar>;
  /** The id of the framework loaded for a year (`fw-2025-v1`). */
  frameworkIdOf: (year: number) => string;
}

/**
 * A module's default data, loaded after the platform's (org tree, frameworks, values, accounts, the open round) in
 * the same transaction. A module with default data adds one line to `SEED_STEPS` (load.ts); its step writes through
 * the module's own repository, built on `tx`.
 *
 * @example export const loadMyItems: SeedStep = async (tx, { now }) => { await new MyRepository(tx).insertMany(...) };
 */
export type SeedStep = (tx: Tx, env: SeedEnv) => Promise<void>;
