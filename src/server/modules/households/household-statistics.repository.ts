import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { STAT_FLAGS, type HouseholdColumns } from '../../../domain/households/statistics.ts';
import type { HouseholdStatisticsSnapshot, HouseholdStatisticsSource } from './household-statistics.service.ts';

/**
 * The columns of the registry's `households` table (migration 0005-households) the statistics read: one row per
 * household with its current income as [income_low, income_high] (equal when exact, income_high NULL for an open
 * top bracket, both NULL without income) and its four flags (0 no, 1 possibly, 2 yes).
 */
interface HouseholdStatisticsRow {
  id: string;
  village_id: string;
  status: string;
  size: number;
  income_low: number | null;
  income_high: number | null;
  income_exact: number;
  flag_below10k: number;
  flag_zero_employment: number;
  flag_no_labour: number;
  flag_near_line: number;
  generated: number;
}

const PAGE = 20_000;

/** Reads every active household of the registry into columns, a page at a time so that no row objects pile up. */
export class HouseholdStatisticsRepository implements HouseholdStatisticsSource {
  private readonly k: Kysely<Database & { households: HouseholdStatisticsRow }>;

  constructor(k: Kysely<Database>) {
    this.k = k.withTables<{ households: HouseholdStatisticsRow }>();
  }

  async load(): Promise<HouseholdStatisticsSnapshot> {
    const { count } = await this.k
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    // A few rows may arrive between the count and the read: the columns grow if so.
    let capacity = Number(count) + 16;
    let h = allocate(capacity);
    const unitIds: string[] = [];
    const unitIndex = new Map<string, number>();
    let n = 0;
    let generated = false;
    // Pages by primary key (keyset): neither dialect needs a cursor and memory holds one page of rows at a time.
    const page = async (after: string) =>
      this.k
        .selectFrom('households')
        .select([
          'id',
          'village_id',
          'size',
          'income_low',
          'income_high',
          'income_exact',
          'flag_below10k',
          'flag_zero_employment',
          'flag_no_labour',
          'flag_near_line',
          'generated',
        ])
        .where('status', '=', 'active')
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
    async function* pages() {
      let after = '';
      for (;;) {
        const rows = await page(after);
        yield* rows;
        if (rows.length < PAGE) return;
        after = (rows[rows.length - 1] as { id: string }).id;
      }
    }
    const rows = pages();
    for await (const r of rows) {
      if (n === capacity) {
        capacity *= 2;
        h = grow(h, capacity);
      }
      let u = unitIndex.get(r.village_id);
      if (u === undefined) {
        u = unitIds.push(r.village_id) - 1;
        unitIndex.set(r.village_id, u);
      }
      h.unit[n] = u;
      h.size[n] = Math.max(1, Number(r.size));
      if (r.income_low === null) {
        h.incomeLow[n] = NaN;
        h.incomeHigh[n] = NaN;
      } else {
        const low = Number(r.income_low);
        h.incomeLow[n] = low;
        h.incomeHigh[n] =
          Number(r.income_exact) === 1 ? low : r.income_high === null ? Infinity : Number(r.income_high);
      }
      h.flags.below10k[n] = Number(r.flag_below10k);
      h.flags.zeroEmployment[n] = Number(r.flag_zero_employment);
      h.flags.noLabour[n] = Number(r.flag_no_labour);
      h.flags.nearLine[n] = Number(r.flag_near_line);
      if (Number(r.generated) === 1) generated = true;
      n++;
    }
    return { columns: { ...shrink(h, n), count: n }, unitIds, generated };
  }
}

function allocate(n: number): HouseholdColumns {
  return {
    count: n,
    size: new Int32Array(n),
    incomeLow: new Float64Array(n),
    incomeHigh: new Float64Array(n),
    unit: new Int32Array(n),
    flags: Object.fromEntries(STAT_FLAGS.map((f) => [f, new Uint8Array(n)])) as HouseholdColumns['flags'],
  };
}

function grow(h: HouseholdColumns, n: number): HouseholdColumns {
  const g = allocate(n);
  g.size.set(h.size);
  g.incomeLow.set(h.incomeLow);
  g.incomeHigh.set(h.incomeHigh);
  g.unit.set(h.unit);
  for (const f of STAT_FLAGS) g.flags[f].set(h.flags[f]);
  return g;
}

function shrink(h: HouseholdColumns, n: number): HouseholdColumns {
  return {
    count: n,
    size: h.size.subarray(0, n),
    incomeLow: h.incomeLow.subarray(0, n),
    incomeHigh: h.incomeHigh.subarray(0, n),
    unit: h.unit.subarray(0, n),
    flags: Object.fromEntries(STAT_FLAGS.map((f) => [f, h.flags[f].subarray(0, n)])) as HouseholdColumns['flags'],
  };
}
