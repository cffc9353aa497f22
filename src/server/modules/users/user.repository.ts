import type { Kysely, Selectable } from 'kysely';
import { isUniqueViolation } from '../../db/database.ts';
import type { Database, UserTable } from '../../db/schema.ts';
import type { Tx } from '../../db/transaction.ts';
import { insertChunked } from '../frameworks/framework.repository.ts';

export type UserRow = Selectable<UserTable>;

export class UserRepository {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  list(): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().orderBy('username').execute();
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Inserts an account; false when its user name is taken (the unique constraint decides). */
  async insert(row: UserRow): Promise<boolean> {
    try {
      await this.db.insertInto('users').values(row).execute();
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** Accounts created together in the caller's transaction (the default data's demo accounts). */
  async insertMany(q: Tx, rows: UserRow[]): Promise<void> {
    await insertChunked(q, 'users', rows);
  }

  /** Optimistic update: returns false when `version` is stale (someone else saved first). */
  async update(id: string, version: number, patch: Partial<Omit<UserRow, 'id' | 'version'>>): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Sign-in bookkeeping that must not bump the row version (it is not an edit of the account). */
  /**
   * The account's lockout columns as they are now, read under the row's lock (an UPDATE that changes nothing takes
   * it on PostgreSQL; SQLite runs one transaction at a time): call it in the transaction that then writes them, so
   * that failures counted at once on several servers are all counted.
   */
  async lockSignInState(id: string): Promise<{ failed_attempts: number; locked_until: string | null } | undefined> {
    await this.db
      .updateTable('users')
      .set((eb) => ({ failed_attempts: eb.ref('failed_attempts') }))
      .where('id', '=', id)
      .execute();
    return this.db
      .selectFrom('users')
      .select(['failed_attempts', 'locked_until'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async setSignInState(id: string, state: { failed_attempts: number; locked_until: string | null }): Promise<void> {
    await this.db.updateTable('users').set(state).where('id', '=', id).execute();
  }

  /**
   * The account's own second-factor and sign-in state (lockout, TOTP secret and last step, recovery codes): kept
   * apart from {@link update} because it is not an administrator's edit and must not make their form stale.
   */
  async setAuthState(id: string, state: Partial<Pick<UserRow, AuthStateColumn>>): Promise<void> {
    if (Object.keys(state).length === 0) return;
    await this.db.updateTable('users').set(state).where('id', '=', id).execute();
  }
}

type AuthStateColumn =
  'failed_attempts' | 'locked_until' | 'totp_secret' | 'totp_enabled' | 'totp_last_step' | 'recovery_codes';
