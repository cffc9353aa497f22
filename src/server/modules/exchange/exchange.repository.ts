import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ExchangeTables, IdMappingRow } from '../../db/exchange-tables.ts';
import { isUniqueViolation } from '../../db/database.ts';
import type { Database, IndicatorValueTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Rows per page of an export: a few MB of rows in memory at a time. */
const EXPORT_PAGE = 10_000;

/** A value as the exports write it: the row, and who last changed it. */
export interface ExportedValueRow {
  indicator_code: string;
  org_unit_id: string;
  period: string;
  value: number | null;
  status: string;
  origin: string;
  note: string | null;
  updated_at: string;
  username: string | null;
}

/**
 * The reads and writes of the exchange formats: the values of the exports and the identifier mappings. An import reads
 * what is stored through the value service's import batch (src/server/modules/values/value.import.ts), as Excel's does.
 */
export class ExchangeRepository {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  private ex(q: Q) {
    return (q as Kysely<Database>).withTables<ExchangeTables>();
  }

  /**
   * The values of a year for the exports, in the order they are written (period, unit, indicator), with the user
   * name of who last changed each, a page at a time: each page is one query that starts after the last row of the
   * one before (keyset), so no page holds the connection while the previous one is written out and memory holds
   * one page, never the year. `statuses` null reads every status.
   */
  async *exportValuePages(
    q: {
      year: number;
      periods: readonly string[] | null;
      unitIds: readonly string[];
      statuses: readonly IndicatorValueTable['status'][] | null;
      origins: readonly IndicatorValueTable['origin'][];
    },
    pageSize = EXPORT_PAGE,
  ): AsyncGenerator<ExportedValueRow[]> {
    if (q.unitIds.length === 0) return;
    let after: ExportedValueRow | null = null;
    for (;;) {
      let query = this.db
        .selectFrom('indicator_values as v')
        .leftJoin('users as u', 'u.id', 'v.updated_by')
        .select([
          'v.indicator_code',
          'v.org_unit_id',
          'v.period',
          'v.value',
          'v.status',
          'v.origin',
          'v.note',
          'v.updated_at',
          'u.username',
        ])
        .where('v.year', '=', q.year)
        .where('v.org_unit_id', 'in', q.unitIds)
        .where('v.origin', 'in', q.origins)
        .where('v.value', 'is not', null);
      if (q.periods) query = query.where('v.period', 'in', q.periods);
      if (q.statuses) query = query.where('v.status', 'in', q.statuses);
      if (after)
        query = query.where(
          sql<boolean>`(${sql.ref('v.period')}, ${sql.ref('v.org_unit_id')}, ${sql.ref('v.indicator_code')}) > (${after.period}, ${after.org_unit_id}, ${after.indicator_code})`,
        );
      const rows: ExportedValueRow[] = await query
        .orderBy('v.period')
        .orderBy('v.org_unit_id')
        .orderBy('v.indicator_code')
        .limit(pageSize)
        .execute();
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1] as ExportedValueRow;
    }
  }

  mappings(scheme: string | null): Promise<IdMappingRow[]> {
    let query = this.ex(this.db).selectFrom('id_mappings').selectAll();
    if (scheme !== null) query = query.where('scheme', '=', scheme);
    return query.orderBy('scheme').orderBy('kind').orderBy('external_id').execute();
  }

  mapping(id: string): Promise<IdMappingRow | undefined> {
    return this.ex(this.db).selectFrom('id_mappings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Inserts a mapping; false when the scheme already maps that identifier (the unique key decides). */
  async insertMapping(q: Q, row: Omit<IdMappingRow, 'id'>): Promise<IdMappingRow | null> {
    const full = { id: crypto.randomUUID(), ...row };
    try {
      await this.ex(q).insertInto('id_mappings').values(full).execute();
      return full;
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  async deleteMapping(q: Q, id: string): Promise<boolean> {
    const r = await this.ex(q).deleteFrom('id_mappings').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
