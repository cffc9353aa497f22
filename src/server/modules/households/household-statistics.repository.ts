import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { bracketPosition, STAT_FLAGS, type HouseholdColumns } from '../../../domain/households/statistics.ts';
import type {
  HouseholdStatisticsChange,
  HouseholdStatisticsSnapshot,
  HouseholdStatisticsSource,
} from './household-statistics.service.ts';

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
const COLUMNS = [
  'id',
  'village_id',
  'status',
  'size',
  'income_low',
  'income_high',
  'income_exact',
  'flag_below10k',
  'flag_zero_employment',
  'flag_no_labour',
  'flag_near_line',
  'generated',
] as const;

/** A row's income as the statistics take it: [low, high], equal when exact, Infinity for an open top, NaN without. */
function incomeOf(r: Pick<HouseholdStatisticsRow, 'income_low' | 'income_high' | 'income_exact'>): [number, number] {
  if (r.income_low === null) return [NaN, NaN];
  const low = Number(r.income_low);
  return [low, Number(r.income_exact) === 1 ? low : r.income_high === null ? Infinity : Number(r.income_high)];
}

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
    const ids: string[] = [];
    let generatedFlags = new Uint8Array(capacity);
    const unitIndex = new Map<string, number>();
    let n = 0;
    let generated = false;
    // Pages by primary key (keyset): neither dialect needs a cursor and memory holds one page of rows at a time.
    const page = async (after: string) =>
      this.k
        .selectFrom('households')
        .select([...COLUMNS])
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
        const g = new Uint8Array(capacity);
        g.set(generatedFlags);
        generatedFlags = g;
      }
      let u = unitIndex.get(r.village_id);
      if (u === undefined) {
        u = unitIds.push(r.village_id) - 1;
        unitIndex.set(r.village_id, u);
      }
      h.unit[n] = u;
      h.size[n] = Math.max(1, Number(r.size));
      [h.incomeLow[n], h.incomeHigh[n]] = incomeOf(r);
      (h.position as Float64Array)[n] = bracketPosition(r.id);
      ids.push(r.id);
      h.flags.below10k[n] = Number(r.flag_below10k);
      h.flags.zeroEmployment[n] = Number(r.flag_zero_employment);
      h.flags.noLabour[n] = Number(r.flag_no_labour);
      h.flags.nearLine[n] = Number(r.flag_near_line);
      if (Number(r.generated) === 1) {
        generated = true;
        generatedFlags[n] = 1;
      }
      n++;
    }
    return {
      columns: { ...shrink(h, n), count: n },
      unitIds,
      generated,
      ids,
      generatedFlags: generatedFlags.subarray(0, n),
    };
  }

  async loadSome(ids: readonly string[]): Promise<HouseholdStatisticsChange[]> {
    const out: HouseholdStatisticsChange[] = [];
    // In chunks: PostgreSQL's bind parameters are counted in 16 bits.
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await this.k
        .selectFrom('households')
        .select([...COLUMNS])
        .where('id', 'in', ids.slice(i, i + 1000))
        .execute();
      for (const r of rows) {
        const [incomeLow, incomeHigh] = incomeOf(r);
        out.push({
          id: r.id,
          active: r.status === 'active',
          unitId: r.village_id,
          household: {
            size: Math.max(1, Number(r.size)),
            incomeLow,
            incomeHigh,
            flags: {
              below10k: Number(r.flag_below10k),
              zeroEmployment: Number(r.flag_zero_employment),
              noLabour: Number(r.flag_no_labour),
              nearLine: Number(r.flag_near_line),
            },
            position: bracketPosition(r.id),
            generated: Number(r.generated) === 1,
          },
        });
      }
    }
    return out;
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
    position: new Float64Array(n),
  };
}

function grow(h: HouseholdColumns, n: number): HouseholdColumns {
  const g = allocate(n);
  g.size.set(h.size);
  g.incomeLow.set(h.incomeLow);
  g.incomeHigh.set(h.incomeHigh);
  g.unit.set(h.unit);
  (g.position as Float64Array).set(h.position as Float64Array);
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
    position: (h.position as Float64Array).subarray(0, n),
    flags: Object.fromEntries(STAT_FLAGS.map((f) => [f, h.flags[f].subarray(0, n)])) as HouseholdColumns['flags'],
  };
}
