import { projectYearEnd, type Projection } from '../../../domain/projection.ts';
import { parsePeriod, periodsOfYear } from '../../../domain/periods.ts';
import type { Frequency, ValueKind } from '../../../domain/types.ts';
import { targetOf, type FrameworkBundle } from '../frameworks/framework.repository.ts';
import type { FigureView, ValueRepository } from '../values/value.repository.ts';

/** A figure to project: an indicator at a unit, its period and its year-to-date value. */
export interface ProjectionAsk {
  code: string;
  orgUnitId: string;
  period: string | null;
  actual: number | null;
}

/** The month (1–12) a monthly or quarterly period ends; null for a year. */
function monthOf(period: string): number | null {
  const p = parsePeriod(period);
  if (p.frequency === 'monthly') return p.index;
  if (p.frequency === 'quarterly') return p.index * 3;
  return null;
}

/**
 * Year-end projections for cells of a framework (the cockpit's cards, the explanation): for cumulative amounts and
 * year-to-date growth rates reported monthly or quarterly, from month 1 to 11. Last year's year-to-date amounts of an
 * entered cumulative indicator give the shape of the year (blended with the seasonal profile, as in the backtest,
 * bench/projection.ts); rates are projected from their year-to-date figure. Keyed `${code}|${orgUnitId}`.
 */
export async function projectionsOf(
  b: FrameworkBundle,
  asks: readonly ProjectionAsk[],
  values: ValueRepository,
  view: FigureView,
): Promise<Map<string, Projection>> {
  const out = new Map<string, Projection>();
  const byCode = new Map(b.indicators.map((i) => [i.code, i]));
  const year = b.framework.year;
  const wanted = asks.filter((a) => {
    const i = byCode.get(a.code);
    return (
      i !== undefined &&
      a.period !== null &&
      a.actual !== null &&
      (i.value_kind === 'cumulative' || i.value_kind === 'rate') &&
      (i.frequency === 'monthly' || i.frequency === 'quarterly') &&
      parsePeriod(a.period).year === year
    );
  });
  if (wanted.length === 0) return out;
  // Last year's figures of the entered cumulative indicators: the shape of the year.
  const shaped = [
    ...new Set(
      wanted
        .map((a) => byCode.get(a.code))
        .filter((i) => i !== undefined && i.value_kind === 'cumulative' && i.formula === null)
        .map((i) => i!.code),
    ),
  ];
  const lastPeriods = [
    ...new Set(
      shaped.flatMap((code) => periodsOfYear(year - 1, byCode.get(code)!.frequency as Exclude<Frequency, 'yearly'>)),
    ),
  ];
  const last = new Map<string, number>();
  if (shaped.length > 0) {
    for (const r of await values.evaluatedForPeriods(lastPeriods, shaped, view)) {
      if (r.value !== null) last.set(`${r.indicator_code}|${r.org_unit_id}|${r.period}`, r.value);
    }
  }
  for (const a of wanted) {
    const i = byCode.get(a.code)!;
    const month = monthOf(a.period!);
    if (month === null || month >= 12) continue;
    const thisYear: (number | null)[] = Array.from({ length: 12 }, (_, k) => (k === month - 1 ? a.actual : null));
    let lastYear: (number | null)[] | null = null;
    if (shaped.includes(a.code)) {
      const quarterly = i.frequency === 'quarterly';
      lastYear = Array.from({ length: 12 }, (_, k) => {
        const m = k + 1;
        if (quarterly && m % 3 !== 0) return null;
        const period = quarterly ? `${year - 1}-Q${m / 3}` : `${year - 1}-${String(m).padStart(2, '0')}`;
        return last.get(`${a.code}|${a.orgUnitId}|${period}`) ?? null;
      });
    }
    const t = targetOf(b, a.code, a.orgUnitId, year);
    const p = projectYearEnd({
      valueKind: i.value_kind as ValueKind,
      month,
      thisYear,
      lastYear,
      seasonalProfile: i.seasonal_profile ? (JSON.parse(i.seasonal_profile) as number[]) : null,
      target: t
        ? {
            comparison: t.comparison as 'atLeast' | 'atMost' | 'between',
            floor: t.floor,
            stretch: t.stretch,
            upper: t.upper,
          }
        : null,
      unit: i.unit,
    });
    if (p) out.set(`${a.code}|${a.orgUnitId}`, p);
  }
  return out;
}
