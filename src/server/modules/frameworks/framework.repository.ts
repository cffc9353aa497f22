import type { InsertObject, Kysely, Selectable, Transaction } from 'kysely';
import type {
  BaselineTable,
  Database,
  DimensionTable,
  FrameworkTable,
  IndicatorTable,
  TargetTable,
} from '../../db/schema.ts';

export type FrameworkRow = Selectable<FrameworkTable>;
export type DimensionRow = Selectable<DimensionTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type TargetDbRow = Selectable<TargetTable>;
export type BaselineDbRow = Selectable<BaselineTable>;

const targetIndexes = new WeakMap<FrameworkBundle, Map<string, TargetDbRow>>();

/** The bundle's targets by `${code}|${unitId}|${year}|${kind}`, built once per bundle. */
export function targetOf(
  b: FrameworkBundle,
  code: string,
  unitId: string,
  year: number,
  kind = 'annual',
): TargetDbRow | undefined {
  let index = targetIndexes.get(b);
  if (!index) {
    index = new Map(b.targets.map((t) => [`${t.indicator_code}|${t.org_unit_id}|${t.year}|${t.kind}`, t]));
    targetIndexes.set(b, index);
  }
  return index.get(`${code}|${unitId}|${year}|${kind}`);
}

/** A framework version with everything in it, as stored. */
export interface FrameworkBundle {
  framework: FrameworkRow;
  dimensions: DimensionRow[];
  indicators: IndicatorRow[];
  targets: TargetDbRow[];
  baselines: BaselineDbRow[];
}

type Q = Kysely<Database> | Transaction<Database>;

// SQLite allows 32,766 bound parameters and PostgreSQL 65,535; rows are inserted in chunks well below both.
const CHUNK_PARAMS = 30_000;

export async function insertChunked<T extends keyof Database>(
  db: Q,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.floor(CHUNK_PARAMS / perRow));
  for (let i = 0; i < rows.length; i += size) {
    // Generic over tables: the callers build rows of the table's shape.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as unknown as InsertObject<Database, T>[])
      .execute();
  }
}

export class FrameworkRepository {
  private readonly db: Kysely<Database>;
  private readonly cache = new Map<string, FrameworkBundle>();

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  list(): Promise<FrameworkRow[]> {
    return this.db.selectFrom('frameworks').selectAll().orderBy('year', 'desc').orderBy('version', 'desc').execute();
  }

  find(id: string, q: Q = this.db): Promise<FrameworkRow | undefined> {
    return q.selectFrom('frameworks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The framework in force: the newest published version of the newest year, else the newest draft. */
  async current(): Promise<FrameworkRow | undefined> {
    const all = await this.list();
    return all.find((f) => f.status === 'published') ?? all[0];
  }

  /**
   * The whole framework. Published versions never change, so their bundle is cached for the life of the process;
   * drafts are read fresh.
   */
  async bundle(id: string, q: Q = this.db): Promise<FrameworkBundle | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const framework = await this.find(id, q);
    if (!framework) return undefined;
    const [dimensions, indicators, targets, baselines] = await Promise.all([
      q.selectFrom('dimensions').selectAll().where('framework_id', '=', id).orderBy('sort').execute(),
      q.selectFrom('indicators').selectAll().where('framework_id', '=', id).orderBy('sort').execute(),
      q.selectFrom('targets').selectAll().where('framework_id', '=', id).execute(),
      q.selectFrom('baselines').selectAll().where('framework_id', '=', id).execute(),
    ]);
    const bundle = { framework, dimensions, indicators, targets, baselines };
    if (framework.status === 'published') this.cache.set(id, bundle);
    return bundle;
  }

  async insertBundle(q: Q, b: FrameworkBundle): Promise<void> {
    await q.insertInto('frameworks').values(b.framework).execute();
    await insertChunked(q, 'dimensions', b.dimensions);
    await insertChunked(q, 'indicators', b.indicators);
    await insertChunked(q, 'targets', b.targets);
    await insertChunked(q, 'baselines', b.baselines);
  }

  /** Bumps the row version of a draft; false when the draft changed meanwhile or is no longer a draft. */
  async bumpDraft(q: Q, id: string, rowVersion: number): Promise<boolean> {
    const r = await q
      .updateTable('frameworks')
      .set({ row_version: rowVersion + 1 })
      .where('id', '=', id)
      .where('row_version', '=', rowVersion)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async publish(q: Q, id: string, rowVersion: number, by: string, at: string): Promise<boolean> {
    const r = await q
      .updateTable('frameworks')
      .set({ status: 'published', published_at: at, published_by: by, row_version: rowVersion + 1 })
      .where('id', '=', id)
      .where('row_version', '=', rowVersion)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async upsertIndicator(q: Q, row: IndicatorRow): Promise<void> {
    await q
      .deleteFrom('indicators')
      .where('framework_id', '=', row.framework_id)
      .where('code', '=', row.code)
      .execute();
    await q.insertInto('indicators').values(row).execute();
  }

  async upsertTarget(q: Q, row: TargetDbRow): Promise<void> {
    await q
      .deleteFrom('targets')
      .where('framework_id', '=', row.framework_id)
      .where('indicator_code', '=', row.indicator_code)
      .where('org_unit_id', '=', row.org_unit_id)
      .where('year', '=', row.year)
      .where('kind', '=', row.kind)
      .execute();
    await q.insertInto('targets').values(row).execute();
  }

  async nextVersion(q: Q, year: number): Promise<number> {
    const r = await q
      .selectFrom('frameworks')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('year', '=', year)
      .executeTakeFirst();
    return Number(r?.v ?? 0) + 1;
  }
}
