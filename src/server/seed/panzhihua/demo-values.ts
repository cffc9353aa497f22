/**
 * Deterministic demo values for a run of years, each up to a month, so that a fresh installation shows a working
 * cockpit for every year it holds. Everything produced is labelled `{ doc: 'generated' }` and never replaces a
 * published figure.
 *
 * - Monthly indicators get `YYYY-MM` values, quarterly ones `YYYY-Qn` for each completed quarter, yearly ones a
 *   `YYYY` value only once the year is over (throughMonth = 12). Computed indicators get none.
 * - Each (indicator, unit) draws a "performance": ahead, on track, behind or far behind. Cumulative amounts grow
 *   with time-elapsed progress (the indicator's seasonal profile, else m/12) towards the unit's target, shifted by
 *   that performance, so some units are ahead, some slightly behind (yellow) and a few well behind (red). Rates and
 *   levels hover around the target (or, for lower-is-better indicators, around a typical value) with noise that
 *   settles as the year goes on.
 * - The city's figures follow from its districts' wherever they can: additive amounts are their sum; per-capita
 *   levels and shares are their means weighted by residents (urban or rural residents for the two incomes); growth
 *   rates their means weighted by economic share.
 * - Incomes are one model: each unit's urban and rural per-capita income grows year on year by that year's growth
 *   rate, the year to date follows one seasonal profile for both, and the growth rates reported (D5-01, D4-01) are
 *   those of the year-to-date incomes, so that the income ratio (D4-03 = D5-02 ÷ D4-02) agrees with them.
 * - Per-capita GDP (D3-01) is GDP (D2-01) over the residents, so that the county gap agrees with GDP.
 * - Pure: the same input gives the same output; no clock, no I/O.
 */
import type { SeedBaseline, SeedIndicator, SeedOrgUnit, SeedPublishedValue, SeedTarget } from '../seed-types.ts';
import {
  decimalsFor,
  demoReferences,
  districtProfiles,
  referenceValue,
  roundTo,
  weightOf,
  type CityWeighting,
} from './profiles.ts';
import { mulberry32 } from '../random.ts';

export interface DemoValuesInput {
  indicators: SeedIndicator[];
  orgUnits: SeedOrgUnit[];
  /** Targets of every year generated (each year reads its own). */
  targets: SeedTarget[];
  baselines: SeedBaseline[];
  published: SeedPublishedValue[];
  /** The years to generate, in order, each with its last month of data (0–12; 0: none). */
  years: readonly { year: number; throughMonth: number }[];
  seed: number;
}

/** One year of the input, as the per-indicator generators read it. */
interface YearInput extends Omit<DemoValuesInput, 'years'> {
  year: number;
  throughMonth: number;
}

type Performance = 'ahead' | 'onTrack' | 'behind' | 'farBehind';

/** FNV-1a hash of a string, to give every (indicator, unit) its own stable random stream. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function uniform(rng: () => number, low: number, high: number): number {
  return low + (high - low) * rng();
}

function drawPerformance(rng: () => number): Performance {
  const r = rng();
  if (r < 0.4) return 'ahead';
  if (r < 0.72) return 'onTrack';
  if (r < 0.9) return 'behind';
  return 'farBehind';
}

interface PeriodSlot {
  code: string;
  /** Month in which the period ends. */
  endMonth: number;
}

function periodsFor(indicator: SeedIndicator, year: number, throughMonth: number): PeriodSlot[] {
  const slots: PeriodSlot[] = [];
  switch (indicator.frequency) {
    case 'monthly':
      for (let m = 1; m <= throughMonth; m++)
        slots.push({ code: `${year}-${String(m).padStart(2, '0')}`, endMonth: m });
      break;
    case 'quarterly':
      for (let q = 1; q * 3 <= throughMonth; q++) slots.push({ code: `${year}-Q${q}`, endMonth: q * 3 });
      break;
    case 'yearly':
      if (throughMonth >= 12) slots.push({ code: String(year), endMonth: 12 });
      break;
  }
  return slots;
}

function elapsed(indicator: SeedIndicator, month: number): number {
  return indicator.seasonalProfile?.[month - 1] ?? month / 12;
}

function clamp(indicator: SeedIndicator, value: number): number {
  let v = value;
  if (indicator.minValue !== null) v = Math.max(indicator.minValue, v);
  if (indicator.maxValue !== null) v = Math.min(indicator.maxValue, v);
  return v;
}

/** Rounds to the unit's precision and keeps the result inside the indicator's plausible range. */
function finish(indicator: SeedIndicator, value: number): number {
  return clamp(indicator, roundTo(clamp(indicator, value), decimalsFor(indicator.unit)));
}

/**
 * What an on-track unit reaches this year: the floor (or stretch) of its annual target for higher-is-better
 * indicators; the typical value for lower-is-better ones (an actual sits below its ceiling); then the typical
 * value, the baseline, or the last published figure.
 */
function expectedValue(input: YearInput, indicator: SeedIndicator, unitId: string): number | null {
  const target = input.targets.find(
    (t) => t.indicatorCode === indicator.code && t.orgUnitId === unitId && t.year === input.year && t.kind === 'annual',
  );
  if (target && indicator.direction === 'higher' && target.comparison === 'atLeast') {
    const tier = target.floor ?? target.stretch;
    if (tier !== null) return tier;
  }
  const typical = referenceValue(indicator, unitId, input.year);
  if (typical !== null) return typical;
  if (target && target.floor !== null) return target.floor;
  const baseline = input.baselines
    .filter((b) => b.indicatorCode === indicator.code && b.orgUnitId === unitId)
    .sort((a, b) => b.year - a.year)[0];
  if (baseline) return indicator.valueKind === 'cumulative' ? baseline.value * 1.06 : baseline.value;
  const last = input.published
    .filter((p) => p.indicatorCode === indicator.code && p.orgUnitId === unitId)
    .sort((a, b) => (a.period < b.period ? 1 : -1))[0];
  return last ? last.value : null;
}

/** A year-to-date amount: elapsed share of the expected annual value, shifted by the unit's performance. */
function cumulativeSeries(
  indicator: SeedIndicator,
  expected: number,
  slots: PeriodSlot[],
  rng: () => number,
): number[] {
  const performance = drawPerformance(rng);
  if (demoReferences[indicator.code]?.steady) return steadySeries(indicator, expected, slots, rng, performance);
  const deviation = {
    ahead: uniform(rng, 0.01, 0.1),
    onTrack: uniform(rng, -0.02, 0.03),
    behind: uniform(rng, -0.25, -0.12),
    farBehind: uniform(rng, -0.45, -0.32),
  }[performance];
  let previous = 0;
  return slots.map(({ endMonth }) => {
    const share = elapsed(indicator, endMonth);
    // The deviation builds up over the first half of the year.
    const progress = Math.max(0, share + deviation * Math.min(1, share * 2));
    const value = finish(indicator, expected * progress * (1 + uniform(rng, -0.01, 0.01)));
    previous = Math.max(previous, value);
    return previous;
  });
}

/** A year-to-date aggregate a few per cent above or below its elapsed share of the expected annual value. */
function steadySeries(
  indicator: SeedIndicator,
  expected: number,
  slots: PeriodSlot[],
  rng: () => number,
  performance: Performance,
): number[] {
  const factor = {
    ahead: uniform(rng, 0.01, 0.06),
    onTrack: uniform(rng, -0.02, 0.01),
    behind: uniform(rng, -0.08, -0.04),
    farBehind: uniform(rng, -0.15, -0.1),
  }[performance];
  let previous = 0;
  return slots.map(({ endMonth }) => {
    const value = finish(
      indicator,
      expected * elapsed(indicator, endMonth) * (1 + factor + uniform(rng, -0.005, 0.005)),
    );
    previous = Math.max(previous, value);
    return previous;
  });
}

/** How far a rate or level typically strays. */
function typicalSpread(indicator: SeedIndicator, expected: number): number {
  const lower = indicator.direction === 'lower';
  if (indicator.unit === '%') {
    if (indicator.valueKind === 'rate') return Math.max(0.6, Math.abs(expected) * (lower ? 0.3 : 0.12));
    // A small lower-is-better share (unemployment, bad loans) strays relatively; a share near 100 % has little room.
    if (lower) return Math.max(0.1, expected * 0.12);
    return Math.max(0.3, Math.min(3, (100 - expected) * 0.3 + 0.3));
  }
  if (indicator.unit === '岁') return 0.3;
  if (indicator.unit === '倍') return 0.02;
  return Math.max(0.5, Math.abs(expected) * 0.04);
}

/** A rate or level around the expected value; lower-is-better indicators mirror the performance. */
function levelSeries(indicator: SeedIndicator, expected: number, slots: PeriodSlot[], rng: () => number): number[] {
  const performance = drawPerformance(rng);
  const stable = demoReferences[indicator.code]?.stable ?? false;
  // Counts that must be cleared (households below 10,000 yuan, zero-employment families): mostly none left.
  if (expected === 0 && indicator.direction === 'lower') {
    const start = {
      ahead: 0,
      onTrack: 0,
      behind: Math.round(uniform(rng, 1, 3)),
      farBehind: Math.round(uniform(rng, 4, 12)),
    }[performance];
    return slots.map(({ endMonth }) => finish(indicator, Math.round(start * (1 - endMonth / 24))));
  }
  const s = typicalSpread(indicator, expected);
  const better = {
    ahead: uniform(rng, 0.2, 1),
    onTrack: uniform(rng, 0, 0.3),
    behind: -uniform(rng, 0.1, 0.6),
    farBehind: -uniform(rng, 0.8, 1.6),
  }[performance];
  const sign = indicator.direction === 'higher' ? 1 : -1;
  return slots.map(({ endMonth }) => {
    const noise = stable ? 0 : uniform(rng, -0.3, 0.3) * s * (1 - 0.6 * (endMonth / 12));
    return finish(indicator, expected + sign * better * s + noise);
  });
}

/** The codes the income model generates (see the file comment). */
const INCOME = {
  urban: { level: 'D5-02', growth: 'D5-01', weighting: 'urban' as const },
  rural: { level: 'D4-02', growth: 'D4-01', weighting: 'rural' as const },
};
const PER_CAPITA_GDP = 'D3-01';
const GDP = 'D2-01';
const MODELLED = new Set([
  INCOME.urban.level,
  INCOME.urban.growth,
  INCOME.rural.level,
  INCOME.rural.growth,
  PER_CAPITA_GDP,
]);

/** The weighting of the city's figure of an indicator by its districts', or null when the city's is its own. */
function cityWeighting(indicator: SeedIndicator): CityWeighting | null {
  const ref = demoReferences[indicator.code];
  if (ref?.weighting) return ref.weighting;
  if (indicator.valueKind === 'rate' && ref?.mode === 'offset') return 'share';
  return null;
}

/** Generates demo values; see the file comment. Never emits a value for an (indicator, unit, period) in `published`. */
export function generateDemoValues(input: DemoValuesInput): SeedPublishedValue[] {
  const city = input.orgUnits.find((u) => u.kind === 'city');
  if (!city) return [];
  const taken = new Set(input.published.map((p) => `${p.indicatorCode}|${p.orgUnitId}|${p.period}`));
  const out: SeedPublishedValue[] = [];
  const emit = (indicatorCode: string, orgUnitId: string, period: string, value: number) => {
    if (taken.has(`${indicatorCode}|${orgUnitId}|${period}`)) return;
    out.push({ indicatorCode, orgUnitId, period, value, source: { doc: 'generated' } });
  };
  for (const { year, throughMonth } of input.years) {
    if (throughMonth < 1) continue;
    generateYear({ ...input, year, throughMonth: Math.min(12, throughMonth) }, city, emit);
  }
  generateIncomes(input, city, emit);
  perCapitaGdp(input, city, out, emit);
  return out;
}

function districtsOf(input: Pick<DemoValuesInput, 'orgUnits'>, city: SeedOrgUnit): SeedOrgUnit[] {
  return input.orgUnits.filter(
    (u) => u.parentId === city.id && (u.kind === 'district' || u.kind === 'county' || u.kind === 'zone'),
  );
}

type Emit = (indicatorCode: string, orgUnitId: string, period: string, value: number) => void;

function generateYear(input: YearInput, city: SeedOrgUnit, emit: Emit): void {
  const { year, throughMonth, seed } = input;
  const districts = districtsOf(input, city);
  for (const indicator of input.indicators) {
    if (indicator.formula !== null || MODELLED.has(indicator.code)) continue;
    const slots = periodsFor(indicator, year, throughMonth);
    if (slots.length === 0) continue;
    const reports = (id: string) => !indicator.reportingUnitIds || indicator.reportingUnitIds.includes(id);
    const subUnits = indicator.scope === 'cityAndDistricts' ? districts.filter((d) => reports(d.id)) : [];

    const series = new Map<string, number[]>();
    const generate = (unitId: string) => {
      const expected = expectedValue(input, indicator, unitId);
      if (expected === null) return;
      const rng = mulberry32(hash(`${seed}|${year}|${indicator.code}|${unitId}`));
      const values =
        indicator.valueKind === 'cumulative'
          ? cumulativeSeries(indicator, expected, slots, rng)
          : levelSeries(indicator, expected, slots, rng);
      series.set(unitId, values);
    };
    for (const unit of subUnits) generate(unit.id);

    if (reports(city.id)) {
      const ref = demoReferences[indicator.code];
      const additive = ref?.mode === 'share' && ref.additive !== false && indicator.valueKind !== 'rate';
      const weighting = cityWeighting(indicator);
      const parts = subUnits.map((u) => ({ id: u.id, values: series.get(u.id) }));
      const complete = parts.length > 0 && parts.every((p) => p.values !== undefined);
      if (complete && additive) {
        series.set(
          city.id,
          slots.map((_, i) =>
            finish(
              indicator,
              parts.reduce((sum, p) => sum + (p.values?.[i] ?? 0), 0),
            ),
          ),
        );
      } else if (complete && weighting) {
        const total = parts.reduce((sum, p) => sum + weightOf(p.id, weighting), 0);
        series.set(
          city.id,
          slots.map((_, i) =>
            finish(
              indicator,
              parts.reduce((sum, p) => sum + weightOf(p.id, weighting) * (p.values?.[i] ?? 0), 0) / total,
            ),
          ),
        );
      } else {
        generate(city.id);
      }
    }

    for (const [orgUnitId, values] of series) {
      slots.forEach((slot, i) => {
        const value = values[i];
        if (value !== undefined) emit(indicator.code, orgUnitId, slot.code, value);
      });
    }
  }
}

/** The growth rate a unit's income is generated with in a year: the city's floor, the unit's offset, some chance. */
function incomeGrowth(input: DemoValuesInput, code: string, unitId: string, year: number): number {
  const floor = input.targets.find(
    (t) => t.indicatorCode === code && t.orgUnitId === 'city' && t.year === year && t.kind === 'annual',
  )?.floor;
  const ref = demoReferences[code];
  const base = floor ?? ref?.city ?? 6;
  const offset = (districtProfiles[unitId]?.offset ?? 0) * (ref?.offsetScale ?? 1) * 0.5;
  const rng = mulberry32(hash(`${input.seed}|${year}|${code}|${unitId}|growth`));
  return base + 0.1 + offset + uniform(rng, -0.6, 0.6);
}

/**
 * Urban and rural per-capita disposable income and their growth, for every unit and year: see the file comment.
 * The 2024 level of each district is its typical value; the city's is the districts' mean weighted by urban (or
 * rural) residents, year to date as for the year.
 */
function generateIncomes(input: DemoValuesInput, city: SeedOrgUnit, emit: Emit): void {
  const districts = districtsOf(input, city);
  const years = input.years.filter((y) => y.throughMonth >= 3);
  if (years.length === 0) return;
  const first = Math.min(...input.years.map((y) => y.year));
  const last = Math.max(...years.map((y) => y.year));
  for (const kind of [INCOME.urban, INCOME.rural]) {
    const level = input.indicators.find((i) => i.code === kind.level);
    const growth = input.indicators.find((i) => i.code === kind.growth);
    if (!level || !growth) continue;
    const profile = level.seasonalProfile;
    const share = (q: number) => profile?.[q * 3 - 1] ?? q / 4;
    // Year-to-date income by unit, year (from the year before the first) and quarter.
    const ytd = new Map<string, Map<number, number[]>>();
    for (const d of districts) {
      const typical = referenceValue(level, d.id, first);
      if (typical === null) continue;
      const byYear = new Map<number, number[]>();
      let annual = typical / (1 + incomeGrowth(input, kind.growth, d.id, first) / 100);
      for (let year = first - 1; year <= last; year++) {
        if (year >= first) annual *= 1 + incomeGrowth(input, kind.growth, d.id, year) / 100;
        const rng = mulberry32(hash(`${input.seed}|${year}|${kind.level}|${d.id}|ytd`));
        byYear.set(
          year,
          [1, 2, 3, 4].map((q) => annual * share(q) * (q === 4 ? 1 : 1 + uniform(rng, -0.004, 0.004))),
        );
      }
      ytd.set(d.id, byYear);
    }
    const total = [...ytd.keys()].reduce((sum, id) => sum + weightOf(id, kind.weighting), 0);
    const cityYtd = new Map<number, number[]>();
    for (let year = first - 1; year <= last; year++) {
      cityYtd.set(
        year,
        [0, 1, 2, 3].map(
          (q) =>
            [...ytd].reduce(
              (sum, [id, byYear]) => sum + weightOf(id, kind.weighting) * (byYear.get(year)?.[q] ?? 0),
              0,
            ) / total,
        ),
      );
    }
    const all = new Map([...ytd, [city.id, cityYtd]]);
    for (const { year, throughMonth } of years) {
      for (const [unitId, byYear] of all) {
        const now = byYear.get(year);
        const before = byYear.get(year - 1);
        if (!now || !before) continue;
        for (let q = 1; q * 3 <= throughMonth; q++) {
          const period = `${year}-Q${q}`;
          const value = finish(level, now[q - 1] as number);
          emit(kind.level, unitId, period, value);
          emit(
            kind.growth,
            unitId,
            period,
            finish(growth, ((now[q - 1] as number) / (before[q - 1] as number) - 1) * 100),
          );
        }
      }
    }
  }
}

/** Per-capita GDP of a complete year: GDP (亿元) over the residents (万人), in 元; the city's over all residents. */
function perCapitaGdp(input: DemoValuesInput, city: SeedOrgUnit, out: SeedPublishedValue[], emit: Emit): void {
  const indicator = input.indicators.find((i) => i.code === PER_CAPITA_GDP);
  if (!indicator) return;
  const gdp = new Map<string, number>();
  for (const v of [...input.published, ...out])
    if (v.indicatorCode === GDP && /^\d{4}-Q4$/.test(v.period))
      gdp.set(`${v.orgUnitId}|${v.period.slice(0, 4)}`, v.value);
  const districts = districtsOf(input, city);
  for (const { year, throughMonth } of input.years) {
    if (throughMonth < 12) continue;
    let gdpSum = 0;
    let people = 0;
    for (const d of districts) {
      const g = gdp.get(`${d.id}|${year}`);
      const p = districtProfiles[d.id]?.population;
      if (g === undefined || p === undefined) {
        people = Number.NaN;
        continue;
      }
      gdpSum += g;
      people += p;
      if (!indicator.reportingUnitIds || indicator.reportingUnitIds.includes(d.id))
        emit(PER_CAPITA_GDP, d.id, String(year), finish(indicator, (g * 1e4) / p));
    }
    if (Number.isFinite(people) && people > 0)
      emit(PER_CAPITA_GDP, city.id, String(year), finish(indicator, (gdpSum * 1e4) / people));
  }
}
