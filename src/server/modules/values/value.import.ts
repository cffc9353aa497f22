import type { HistoryInput, ValueRow } from './value.repository.ts';

/**
 * One import's view of the database, shared by every importer of values (the Excel template, the exchange formats):
 * what is stored for all the units and periods of the file (and, when asked, of each period before them), and which
 * of those periods are locked — read once in the import's transaction instead of per unit and period — and the
 * new values and history its saves collect, written once when the import closes (`ValueEntryService.openImport` /
 * `closeImport`; a submission within the import writes the new values first).
 */
export class ImportBatch {
  private readonly stored: ReadonlyMap<string, ValueRow>;
  private readonly lockedPeriods: ReadonlySet<string>;
  /** The history rows of the import's saves and submissions, in order. */
  readonly history: HistoryInput[] = [];
  /** New values of the import's saves, not yet written: one bulk insert for the file, not one per unit and period. */
  readonly inserts: ValueRow[] = [];

  constructor(stored: readonly ValueRow[], locked: ReadonlySet<string>) {
    this.stored = new Map(stored.map((v) => [keyOf(v.indicator_code, v.org_unit_id, v.period), v]));
    this.lockedPeriods = locked;
  }

  /** The stored value of an indicator, unit and period when the import began, or undefined. */
  value(indicatorCode: string, orgUnitId: string, period: string): ValueRow | undefined {
    return this.stored.get(keyOf(indicatorCode, orgUnitId, period));
  }

  locked(period: string): boolean {
    return this.lockedPeriods.has(period);
  }
}

function keyOf(indicatorCode: string, orgUnitId: string, period: string): string {
  return `${indicatorCode}|${orgUnitId}|${period}`;
}

/**
 * The rows of a file by unit and period, in the order each pair first appears: the value service saves one unit and
 * period at a time.
 *
 * @example byUnitAndPeriod([{ unit: 'xiqu', period: '2024-01' }, { unit: 'dongqu', period: '2024-01' },
 *   { unit: 'xiqu', period: '2024-01' }], (r) => r.unit, (r) => r.period) // → [[row 0, row 2], [row 1]]
 */
export function byUnitAndPeriod<T>(rows: readonly T[], unit: (r: T) => string, period: (r: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const k = `${unit(r)}|${period(r)}`;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()];
}
