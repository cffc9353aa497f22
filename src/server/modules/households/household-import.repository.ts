import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type {
  HouseholdHistoryTable,
  HouseholdIncomeTable,
  HouseholdMemberTable,
  HouseholdTable,
  HouseholdTables,
} from '../../db/household-tables.ts';
import type { ImportJobRow, ImportJobTables } from '../../db/import-job-tables.ts';

/** A query builder on the import's transaction (the cases its flags open are written through it). */
export type ImportQ = Kysely<Database>;

/** The rows of one import, every table's, written together or not at all. */
export interface ImportRows {
  households: HouseholdTable[];
  members: HouseholdMemberTable[];
  incomes: HouseholdIncomeTable[];
  history: HouseholdHistoryTable[];
}

type Row = Record<string, string | number | null>;

const TABLES = ['households', 'household_members', 'household_incomes', 'household_history'] as const;
const KEY: Record<(typeof TABLES)[number], keyof ImportRows> = {
  households: 'households',
  household_members: 'members',
  household_incomes: 'incomes',
  household_history: 'history',
};

/** One value in PostgreSQL's COPY text format. */
function copyValue(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function* copyLines(rows: readonly Row[], columns: readonly string[], batch = 2000): Generator<string> {
  let buf = '';
  let n = 0;
  for (const r of rows) {
    buf += columns.map((c) => copyValue(r[c] ?? null)).join('\t') + '\n';
    if (++n === batch) {
      yield buf;
      buf = '';
      n = 0;
    }
  }
  if (buf) yield buf;
}

/**
 * The bulk writes of the survey import and the import jobs' rows. The households of a file go in one transaction
 * with the cases their flags open (`then`, given a query builder on that transaction), so that a server killed in
 * the middle leaves nothing half-written:
 * - SQLite: prepared statements on the raw handle inside the transaction Kysely holds on that same (single)
 *   connection — no row-by-row Kysely compilation;
 * - PostgreSQL: COPY (pg-copy-streams) into temporary staging tables dropped at commit, then one INSERT … SELECT
 *   per table, all in one transaction on one pooled connection.
 */
export class HouseholdImportRepository {
  private readonly db: Db;
  readonly k: Kysely<Database & ImportJobTables & HouseholdTables>;

  constructor(db: Db) {
    this.db = db;
    this.k = db.kysely.withTables<ImportJobTables & HouseholdTables>();
  }

  async write(rows: ImportRows, then: (q: Kysely<Database>) => Promise<void>): Promise<void> {
    if (this.db.dialect === 'postgres') return this.writePostgres(rows, then);
    return this.writeSqlite(rows, then);
  }

  private async writeSqlite(rows: ImportRows, then: (q: Kysely<Database>) => Promise<void>): Promise<void> {
    const handle = this.db.sqlite;
    if (!handle) throw new Error('SQLite handle missing');
    await this.db.kysely.transaction().execute(async (trx: Transaction<Database>) => {
      for (const table of TABLES) {
        const list = rows[KEY[table]] as unknown as Row[];
        const first = list[0];
        if (!first) continue;
        const columns = Object.keys(first);
        const stmt = handle.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        for (const r of list) stmt.run(columns.map((c) => r[c] ?? null));
      }
      await then(trx);
    });
  }

  private async writePostgres(rows: ImportRows, then: (q: Kysely<Database>) => Promise<void>): Promise<void> {
    const pool = this.db.pgPool;
    if (!pool) throw new Error('PostgreSQL pool missing');
    const client = await pool.connect();
    // A query builder on this one connection, for the cases opened in the same transaction.
    // Kysely releases a connection after each query: this one stays the import's until it commits.
    const held = { query: client.query.bind(client), release: () => {} };
    const single = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: { connect: async () => held, end: async () => {} } as unknown as pg.Pool }),
    });
    try {
      await client.query('BEGIN');
      for (const table of TABLES) {
        const list = rows[KEY[table]] as unknown as Row[];
        const first = list[0];
        if (!first) continue;
        const columns = Object.keys(first);
        const staging = `import_${table}`;
        await client.query(`CREATE TEMP TABLE ${staging} (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DROP`);
        const stream = client.query(copyFrom(`COPY ${staging} (${columns.join(', ')}) FROM STDIN`));
        await pipeline(Readable.from(copyLines(list, columns)), stream);
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM ${staging}`);
      }
      await then(single);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  // ——— the jobs ———

  /** The job's row and its (encrypted) file, together: a job is never queued without the file it imports. */
  async insertJob(row: ImportJobRow, sealedFile: string): Promise<void> {
    await this.k.transaction().execute(async (trx) => {
      await trx.insertInto('household_import_jobs').values(row).execute();
      await trx.insertInto('household_import_files').values({ id: row.id, data: sealedFile }).execute();
    });
  }

  /** `q`: the import's own transaction, for what must commit with its households (the job marked done). */
  async updateJob(id: string, values: Partial<ImportJobRow>, q: ImportQ = this.k): Promise<void> {
    await (q as typeof this.k).updateTable('household_import_jobs').set(values).where('id', '=', id).execute();
  }

  job(id: string): Promise<ImportJobRow | undefined> {
    return this.k.selectFrom('household_import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  jobsOf(userId: string, limit = 20): Promise<ImportJobRow[]> {
    return this.k
      .selectFrom('household_import_jobs')
      .selectAll()
      .where('created_by', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  async file(id: string): Promise<string | undefined> {
    return (await this.k.selectFrom('household_import_files').select('data').where('id', '=', id).executeTakeFirst())
      ?.data;
  }

  async deleteFile(id: string, q: ImportQ = this.k): Promise<void> {
    await (q as typeof this.k).deleteFrom('household_import_files').where('id', '=', id).execute();
  }

  /**
   * Takes a job not finished (queued, or running on a server that died) for this server: running again from the
   * start, `runner` this process. False when it has finished or was cancelled meanwhile.
   */
  async claim(id: string, values: Partial<ImportJobRow>): Promise<boolean> {
    const r = await this.k
      .updateTable('household_import_jobs')
      .set({ ...values, status: 'running' })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Ends a job that has not finished (queued or running; `only` narrows it) with `values`; its file is deleted.
   * False, and nothing changed, if it had ended.
   */
  async endUnfinished(
    id: string,
    values: Partial<ImportJobRow>,
    only: { status?: 'queued'; runner?: string } = {},
  ): Promise<boolean> {
    return this.k.transaction().execute(async (trx) => {
      let q = trx
        .updateTable('household_import_jobs')
        .set(values)
        .where('id', '=', id)
        .where('status', 'in', only.status ? [only.status] : ['queued', 'running']);
      if (only.runner !== undefined) q = q.where('runner', '=', only.runner);
      const ended = Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
      if (ended) await trx.deleteFrom('household_import_files').where('id', '=', id).execute();
      return ended;
    });
  }

  /**
   * Progress of the try `runner` (and, with `q`, its end inside the import's transaction): false when the job is no
   * longer this try's — the queue gave it to another server (this one stopped answering) or it was ended.
   */
  async updateTry(id: string, runner: string, values: Partial<ImportJobRow>, q: ImportQ = this.k): Promise<boolean> {
    const r = await (q as typeof this.k)
      .updateTable('household_import_jobs')
      .set(values)
      .where('id', '=', id)
      .where('runner', '=', runner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Jobs left running by a server that stopped: marked failed (their transaction never committed). */
  async failInterrupted(at: string): Promise<number> {
    return this.k.transaction().execute(async (trx) => {
      const left = await trx
        .selectFrom('household_import_jobs')
        .select('id')
        .where('status', 'in', ['queued', 'running'])
        .execute();
      if (left.length === 0) return 0;
      const ids = left.map((j) => j.id);
      await trx
        .updateTable('household_import_jobs')
        .set({
          status: 'failed',
          message: JSON.stringify({
            zh: '服务器在导入过程中重启，未写入任何数据，请重新上传',
            en: 'The server restarted during the import; nothing was written — upload the file again',
          }),
          finished_at: at,
          updated_at: at,
        })
        .where('id', 'in', ids)
        .execute();
      await trx.deleteFrom('household_import_files').where('id', 'in', ids).execute();
      return ids.length;
    });
  }

  /** Registered people among these blind indexes, with their household (chunked under the bind-parameter limit). */
  async registered(idIndexes: readonly string[]) {
    const out: { id_index: string; household_code: string; village_id: string }[] = [];
    for (let i = 0; i < idIndexes.length; i += 5000) {
      const chunk = idIndexes.slice(i, i + 5000);
      out.push(
        ...(await this.k
          .selectFrom('household_members as m')
          .innerJoin('households as h', 'h.id', 'm.household_id')
          .select(['m.id_index', 'h.code as household_code', 'h.village_id'])
          .where('m.id_index', 'in', chunk)
          .where('m.removed_at', 'is', null)
          .execute()),
      );
    }
    return out;
  }

  /** The last household code per village prefix (codes are `<village code>-NNNN`). */
  async lastCodes(prefixes: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const prefix of prefixes) {
      const row = await this.k
        .selectFrom('households')
        .select('code')
        .where('code', 'like', `${prefix}-%`)
        .orderBy('code', 'desc')
        .limit(1)
        .executeTakeFirst();
      out.set(prefix, row ? Number(row.code.slice(prefix.length + 1)) || 0 : 0);
    }
    return out;
  }
}
