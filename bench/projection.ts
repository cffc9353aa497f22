/**
 * Backtest of the year-end projection (src/domain/projection.ts) on three generated years of the default data.
 * Usage: node bench/projection.ts
 *
 * For every entered cumulative or year-to-date-rate indicator (monthly or quarterly), every unit, each of the years
 * 2024–2026 generated in full, and each month 1–11 with a figure: project the year end from that month and
 * compare with the generated December (Q4) figure. Reports the mean absolute error — in percentage points for
 * rates, as a percentage of the year-end figure for cumulative amounts — beside naive baselines (carry the rate
 * forward; year to date ÷ m/12).
 */
import { projectYearEnd } from '../src/domain/projection.ts';
import {
  baselines,
  generateDemoValues,
  indicators,
  orgUnits,
  publishedValues,
  targetsForYears,
} from '../src/server/seed/panzhihua/index.ts';

const YEARS = [2024, 2025, 2026];
/** Variants for comparison: MOMENTUM=0.5 LAST_YEAR_WEIGHT=0 node bench/projection.ts */
const MOMENTUM = process.env.MOMENTUM === undefined ? undefined : Number(process.env.MOMENTUM);
const LAST_YEAR_WEIGHT = process.env.LAST_YEAR_WEIGHT === undefined ? undefined : Number(process.env.LAST_YEAR_WEIGHT);
const values = generateDemoValues({
  indicators,
  orgUnits,
  targets: targetsForYears(YEARS),
  baselines,
  published: publishedValues,
  years: YEARS.map((year) => ({ year, throughMonth: 12 })),
  seed: 20240101,
});
const at = new Map(values.map((v) => [`${v.indicatorCode}|${v.orgUnitId}|${v.period}`, v.value]));

/** The year-to-date figures of a year by month (quarterly figures at their last month). */
function series(code: string, unit: string, year: number, frequency: string): (number | null)[] {
  return Array.from({ length: 12 }, (_, k) => {
    const m = k + 1;
    if (frequency === 'quarterly') {
      return m % 3 === 0 ? (at.get(`${code}|${unit}|${year}-Q${m / 3}`) ?? null) : null;
    }
    return at.get(`${code}|${unit}|${year}-${String(m).padStart(2, '0')}`) ?? null;
  });
}

const stats = {
  rate: { n: 0, error: 0, naive: 0, cells: new Set<string>() },
  cumulative: { n: 0, error: 0, naive: 0, cells: new Set<string>() },
};
const byMonth = new Map<number, { n: number; error: number }>();
for (const indicator of indicators) {
  if (indicator.formula !== null || indicator.valueKind === 'level' || indicator.frequency === 'yearly') continue;
  const kind = indicator.valueKind;
  const units = orgUnits.filter((u) =>
    at.has(`${indicator.code}|${u.id}|2024-${indicator.frequency === 'quarterly' ? 'Q4' : '12'}`),
  );
  for (const unit of units) {
    for (const year of YEARS) {
      const thisYear = series(indicator.code, unit.id, year, indicator.frequency);
      const lastYear = year > YEARS[0]! ? series(indicator.code, unit.id, year - 1, indicator.frequency) : null;
      const actual = thisYear[11];
      if (actual === null || actual === undefined || (kind === 'cumulative' && actual === 0)) continue;
      for (let month = 1; month <= 11; month++) {
        const now = thisYear[month - 1];
        if (now === null || now === undefined) continue;
        const p = projectYearEnd({
          valueKind: kind,
          month,
          thisYear: thisYear.map((v, k) => (k < month ? v : null)),
          // Rates: last year's series are rates, not the amounts they are computed on — not a shape.
          lastYear: kind === 'cumulative' ? lastYear : null,
          seasonalProfile: indicator.seasonalProfile ?? null,
          momentum: MOMENTUM,
          lastYearWeight: LAST_YEAR_WEIGHT,
        });
        if (p === null) continue;
        const s = stats[kind];
        s.n++;
        s.cells.add(`${indicator.code}|${unit.id}`);
        if (kind === 'rate') {
          s.error += Math.abs(p.projected - actual);
          s.naive += Math.abs(now - actual);
        } else {
          s.error += Math.abs(p.projected - actual) / Math.abs(actual);
          s.naive += Math.abs(now / (month / 12) - actual) / Math.abs(actual);
        }
        const b = byMonth.get(month) ?? { n: 0, error: 0 };
        b.n++;
        b.error += kind === 'rate' ? Math.abs(p.projected - actual) : Math.abs(p.projected - actual) / Math.abs(actual);
        byMonth.set(month, b);
      }
    }
  }
}

const fmt = (x: number, d = 2) => x.toFixed(d);
console.log(
  `Year-end projection backtest, generated years ${YEARS.join(', ')} (seed 20240101), ${new Date().toISOString()}`,
);
console.log(
  `rates (year-to-date growth, %): ${stats.rate.n} projections over ${stats.rate.cells.size} indicator×unit series; ` +
    `MAE ${fmt(stats.rate.error / stats.rate.n, 3)} points (carrying the year-to-date rate forward: ${fmt(stats.rate.naive / stats.rate.n, 3)})`,
);
console.log(
  `cumulative amounts: ${stats.cumulative.n} projections over ${stats.cumulative.cells.size} series; ` +
    `mean absolute error ${fmt((100 * stats.cumulative.error) / stats.cumulative.n)}% of the year-end figure ` +
    `(year to date ÷ m/12: ${fmt((100 * stats.cumulative.naive) / stats.cumulative.n)}%)`,
);
console.log(
  'by month (mixed units, for the trend only): ' +
    [...byMonth.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([m, b]) => `${m}: ${fmt(b.error / b.n, 3)}`)
      .join(', '),
);
