import crypto from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ValueStatus } from '../../../domain/types.ts';
import { isUniqueViolation, type Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { Database, IndicatorValueTable, ValueHistoryTable } from '../../db/schema.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';

export type ValueRow = Selectable<IndicatorValueTable>;
export type HistoryRow = Selectable<ValueHistoryTable>;
type Q = Kysely<Database> | Transaction<Database>;
/** A query handle of the values: the database or a transaction, passed from a service back to a repository. */
export type ValueTx = Q;

export interface HistoryInput {
  value_id: string;
  action: string;
  old_value: number | null;
  new_value: number | null;
  old_status: ValueStatus | null;
  new_status: ValueStatus;
  reason: string | null;
  user_id: string | null;
  at: string;
  /** Where the value came from when it was imported from another system (the exchange module); else absent. */
  source?: string | null;
}

/**
 * Which figures an evaluation reads. Leaders, the bulletin and every export see `published` figures only; the
 * coordination centre and reviewers may switch on a `preview` that adds approved but not yet published ones (each
 * figure that depends on one is labelled so).
 */
export type FigureView = 'published' | 'preview';

/** The value statuses each view reads. */
export const VIEW_STATUSES: Readonly<Record<FigureView, readonly ValueStatus[]>> = {
  published: ['published'],
  preview: ['approved', 'published'],
};

/** The values leaders and exports see: published ones. */
export const EVALUATED_STATUSES = VIEW_STATUSES.published;

/** The indicator, unit and period of a value, by value id. */
export type ValueKeys = ReadonlyMap<string, { indicator_code: string; org_unit_id: string; period: string }>;

/**
 * One audit record for a whole import in place of one per value (`value.import`): the value's own history keeps every
 * change, with the import's source; the trail keeps who imported what, from where, and how many of each.
 */
export interface HistorySummary {
  action: string;
  detail: Record<string, unknown>;
}

/**
 * Called with every batch of history rows, in their transaction: the audit trail's record of value changes — one per
 * row with the keys of its value, or one for the batch when the writer gives a `summary` (then `keys` is empty).
 */
export type ValueHistoryHook = (
  q: Q,
  rows: readonly HistoryInput[],
  keys: ValueKeys,
  summary?: HistorySummary,
) => Promise<void>;

// Far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters, with room for the unit list.
const PERIODS_PER_QUERY = 500;

export class ValueRepository {
  readonly db: Db;
  private readonly onHistory: ValueHistoryHook | null;
  constructor(db: Db, opts: { onHistory?: ValueHistoryHook } = {}) {
    this.db = db;
    this.onHistory = opts.onHistory ?? null;
  }

  /** The database itself, for reads outside a transaction. */
  get k(): Kysely<Database> {
    return this.db.kysely;
  }

  /** Runs `fn` in one transaction: all or nothing. */
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.kysely.transaction().execute(fn);
  }

  async findByKeys(q: Q, orgUnitId: string, period: string, codes: readonly string[]): Promise<ValueRow[]> {
    if (codes.length === 0) return [];
    let query = q
      .selectFrom('indicator_values')
      .selectAll()
      .where('org_unit_id', '=', orgUnitId)
      .where('period', '=', period);
    // A unit's values of one period are a few hundred rows at most: for a long list of codes, reading them all and
    // filtering here beats preparing a statement with hundreds of parameters (Kysely prepares every query afresh).
    if (codes.length <= 20) return query.where('indicator_code', 'in', codes).execute();
    const wanted = new Set(codes);
    query = query.orderBy('indicator_code');
    return (await query.execute()).filter((v) => wanted.has(v.indicator_code));
  }

  /**
   * Every stored value of the given units in the given periods, every status: a superset of the (unit, period) pairs
   * of an import, read at once and matched in memory, instead of one query per pair.
   */
  async valuesOf(q: Q, unitIds: readonly string[], periods: readonly string[]): Promise<ValueRow[]> {
    if (unitIds.length === 0 || periods.length === 0) return [];
    const out: ValueRow[] = [];
    for (let i = 0; i < periods.length; i += PERIODS_PER_QUERY) {
      out.push(
        ...(await q
          .selectFrom('indicator_values')
          .selectAll()
          .where('org_unit_id', 'in', unitIds)
          .where('period', 'in', periods.slice(i, i + PERIODS_PER_QUERY))
          .execute()),
      );
    }
    return out;
  }

  findById(q: Q, id: string): Promise<ValueRow | undefined> {
    return q.selectFrom('indicator_values').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByIds(q: Q, ids: readonly string[]): Promise<ValueRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return q.selectFrom('indicator_values').selectAll().where('id', 'in', ids).execute();
  }

  async insert(q: Q, row: ValueRow): Promise<void> {
    await q.insertInto('indicator_values').values(row).execute();
  }

  /** Many new values at once, in chunks (an import of thousands of rows). */
  /**
   * First saves of new values. Two users saving the same new value at once both find no row; on PostgreSQL the
   * loser then meets the unique key (indicator, unit, period): that is a stale edit (409), not a server error.
   */
  async insertMany(q: Q, rows: ValueRow[]): Promise<void> {
    try {
      await bulkInsert(this.db, q, 'indicator_values', rows);
    } catch (e) {
      if (isUniqueViolation(e))
        throw new AppError('CONFLICT', {
          zh: '该数据已由他人同时录入，请刷新后重试',
          en: 'Someone else entered this value at the same time; reload and try again',
        });
      throw e;
    }
  }

  /** Optimistic write: false when the stored version is no longer `expectedVersion`. */
  async update(q: Q, id: string, expectedVersion: number, patch: Partial<ValueRow>): Promise<boolean> {
    const r = await q
      .updateTable('indicator_values')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Every change of a value passes here (entry, import, submission, review, publication, reopening), last in its
   * transaction; the hook writes the audit records of the change in the same transaction.
   */
  async addHistory(q: Q, rows: readonly HistoryInput[], opts: { summary?: HistorySummary } = {}): Promise<void> {
    if (rows.length === 0) return;
    await bulkInsert(
      this.db,
      q,
      'value_history',
      rows.map((r) => ({
        id: crypto.randomUUID(),
        value_id: r.value_id,
        action: r.action,
        old_value: r.old_value,
        new_value: r.new_value,
        old_status: r.old_status,
        new_status: r.new_status,
        reason: r.reason,
        user_id: r.user_id,
        at: r.at,
        source: r.source ?? null,
      })),
    );
    if (!this.onHistory) return;
    if (opts.summary) await this.onHistory(q, rows, new Map(), opts.summary);
    else await this.onHistory(q, rows, await this.keysOf(q, [...new Set(rows.map((r) => r.value_id))]));
  }

  /** The indicator, unit and period of each value, read 500 ids at a time. */
  async keysOf(q: Q, ids: readonly string[]): Promise<ValueKeys> {
    const keys = new Map<string, { indicator_code: string; org_unit_id: string; period: string }>();
    for (let i = 0; i < ids.length; i += 500) {
      const found = await q
        .selectFrom('indicator_values')
        .select(['id', 'indicator_code', 'org_unit_id', 'period'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const f of found) keys.set(f.id, f);
    }
    return keys;
  }

  history(valueId: string) {
    return this.k
      .selectFrom('value_history')
      .leftJoin('users', 'users.id', 'value_history.user_id')
      .selectAll('value_history')
      .select('users.display_name as user_name')
      .where('value_id', '=', valueId)
      .orderBy('value_history.seq')
      .execute();
  }

  series(indicatorCode: string, orgUnitId: string, fromYear: number, toYear: number) {
    return this.k
      .selectFrom('indicator_values')
      .selectAll()
      .where('indicator_code', '=', indicatorCode)
      .where('org_unit_id', '=', orgUnitId)
      .where('year', '>=', fromYear)
      .where('year', '<=', toYear)
      .orderBy('period')
      .execute();
  }

  byStatus(status: ValueStatus, period: string | null) {
    let q = this.k.selectFrom('indicator_values').selectAll().where('status', '=', status);
    if (period) q = q.where('period', '=', period);
    return q.orderBy('submitted_at').limit(5000).execute();
  }

  forPeriod(q: Q, period: string): Promise<ValueRow[]> {
    return q.selectFrom('indicator_values').selectAll().where('period', '=', period).execute();
  }

  /** The reviewed values of a year that are generated demo data, for these indicators (the cockpit labels them). */
  generatedKeys(year: number, codes: readonly string[], view: FigureView = 'published') {
    if (codes.length === 0) return Promise.resolve([]);
    return this.k
      .selectFrom('indicator_values')
      .select(['indicator_code', 'org_unit_id', 'period'])
      .where('year', '=', year)
      .where('status', 'in', VIEW_STATUSES[view])
      .where('origin', '=', 'generated')
      .where('indicator_code', 'in', codes)
      .execute();
  }

  /** How many reviewed values of a year there are, and how many of them are generated demo data. */
  async originCounts(year: number, view: FigureView = 'published'): Promise<{ total: number; generated: number }> {
    const rows = await this.k
      .selectFrom('indicator_values')
      .select(['origin', (eb) => eb.fn.countAll<number>().as('n')])
      .where('year', '=', year)
      .where('status', 'in', VIEW_STATUSES[view])
      .groupBy('origin')
      .execute();
    const total = rows.reduce((n, r) => n + Number(r.n), 0);
    return { total, generated: Number(rows.find((r) => r.origin === 'generated')?.n ?? 0) };
  }

  /** The newest reviewed value of one indicator at one unit in a year or earlier (a yearly figure of last year, say). */
  latestReviewed(indicatorCode: string, orgUnitId: string, maxYear: number, view: FigureView = 'published') {
    return this.k
      .selectFrom('indicator_values')
      .selectAll()
      .where('indicator_code', '=', indicatorCode)
      .where('org_unit_id', '=', orgUnitId)
      .where('year', '<=', maxYear)
      .where('status', 'in', VIEW_STATUSES[view])
      .where('value', 'is not', null)
      .orderBy('year', 'desc')
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * The values a view reads for the given periods, optionally of some indicators only (evaluation input), with
   * their status (a preview labels the figures that rest on unpublished ones).
   */
  evaluatedForPeriods(periods: readonly string[], codes?: readonly string[], view: FigureView = 'published') {
    if (periods.length === 0 || codes?.length === 0) return Promise.resolve([]);
    let q = this.k
      .selectFrom('indicator_values')
      .select(['indicator_code', 'org_unit_id', 'period', 'value', 'status'])
      .where('period', 'in', periods)
      .where('status', 'in', VIEW_STATUSES[view]);
    if (codes) q = q.where('indicator_code', 'in', codes);
    return q.execute();
  }

  /** Which units have values of which periods of a year in the view (how many units have reported a month). */
  reportingUnitsOfYear(year: number, view: FigureView = 'published') {
    return this.k
      .selectFrom('indicator_values')
      .select(['period', 'org_unit_id'])
      .distinct()
      .where('year', '=', year)
      .where('status', 'in', VIEW_STATUSES[view])
      .where('value', 'is not', null)
      .execute();
  }

  /** The distinct periods of a year that hold values the view reads. */
  async evaluatedPeriodsOfYear(year: number, view: FigureView = 'published'): Promise<string[]> {
    const rows = await this.k
      .selectFrom('indicator_values')
      .select('period')
      .distinct()
      .where('year', '=', year)
      .where('status', 'in', VIEW_STATUSES[view])
      .execute();
    return rows.map((r) => r.period);
  }
}
