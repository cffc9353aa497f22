import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionTable } from '../../db/schema.ts';

export type SessionRow = Selectable<SessionTable>;

export class SessionRepository {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async insert(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  findActive(id: string): Promise<SessionRow | undefined> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async end(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ ended_at: at })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
  }

  async endAllForUser(userId: string, at: string): Promise<number> {
    const r = await this.db
      .updateTable('sessions')
      .set({ ended_at: at })
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  listActiveForUser(userId: string): Promise<SessionRow[]> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .execute();
  }

  async setPendingMfa(id: string, pending: boolean): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ pending_mfa: pending ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  }

  listActive(): Promise<(SessionRow & { username: string; display_name: string })[]> {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('sessions')
      .select(['users.username', 'users.display_name'])
      .where('sessions.ended_at', 'is', null)
      .orderBy('sessions.last_seen_at', 'desc')
      .execute();
  }
}
