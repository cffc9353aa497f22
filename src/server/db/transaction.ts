import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The handles a service holds without building queries itself: it opens a transaction on a {@link Queryable} and
 * hands the {@link Tx} to the repositories it calls, so that their writes commit or roll back together.
 *
 * @example
 * await this.db.transaction().execute(async (trx) => {
 *   await this.rounds.insert(trx, round);
 *   await this.auditor.record({ action: 'round.open', objectId: round.id }, trx);
 * });
 */
export type Queryable = Kysely<Database>;

/** An open transaction, as repositories receive it. */
export type Tx = Transaction<Database>;
