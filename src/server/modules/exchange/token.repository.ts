import type { Kysely, Transaction } from 'kysely';
import type { ApiTokenRow, ExchangeDatabase, ExchangeTables, ServiceAccountRow } from '../../db/exchange-tables.ts';
import type { Database } from '../../db/schema.ts';
import type { UserRow } from '../users/user.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Service accounts and their API tokens (migration 0015-exchange). */
export class TokenRepository {
  private readonly k: Kysely<ExchangeDatabase>;
  constructor(db: Q) {
    this.k = (db as Kysely<Database>).withTables<ExchangeTables>();
  }

  async insertAccount(row: ServiceAccountRow): Promise<void> {
    await this.k.insertInto('service_accounts').values(row).execute();
  }

  async accounts(): Promise<{ account: ServiceAccountRow; user: UserRow }[]> {
    const rows = await this.k
      .selectFrom('service_accounts as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .select([
        's.user_id as s_user_id',
        's.system_name as s_system_name',
        's.description as s_description',
        's.created_by as s_created_by',
        's.created_at as s_created_at',
      ])
      .orderBy('u.username')
      .execute();
    return rows.map((r) => {
      const { s_user_id, s_system_name, s_description, s_created_by, s_created_at, ...user } = r;
      return {
        account: {
          user_id: s_user_id,
          system_name: s_system_name,
          description: s_description,
          created_by: s_created_by,
          created_at: s_created_at,
        },
        user,
      };
    });
  }

  account(userId: string): Promise<ServiceAccountRow | undefined> {
    return this.k.selectFrom('service_accounts').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  async isServiceAccount(userId: string): Promise<boolean> {
    return (await this.account(userId)) !== undefined;
  }

  tokensOf(userIds: readonly string[]): Promise<ApiTokenRow[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.k
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', 'in', userIds)
      .orderBy('created_at', 'desc')
      .execute();
  }

  token(id: string): Promise<ApiTokenRow | undefined> {
    return this.k.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The token of a hash with its account, whatever their state: the caller decides. */
  async byHash(hash: string): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
    const token = await this.k.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    if (!token) return undefined;
    const user = await this.k.selectFrom('users').selectAll().where('id', '=', token.user_id).executeTakeFirst();
    return user ? { token, user } : undefined;
  }

  async insertToken(row: ApiTokenRow): Promise<void> {
    await this.k.insertInto('api_tokens').values(row).execute();
  }

  /** Revokes a token not revoked yet; false when it already was. */
  async revoke(id: string, by: string, at: string): Promise<boolean> {
    const r = await this.k
      .updateTable('api_tokens')
      .set({ revoked_at: at, revoked_by: by })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.k.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}
