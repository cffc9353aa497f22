/**
 * Deterministic demo values for a year up to a month, so that a fresh installation shows a working cockpit.
 * Everything produced is labelled `{ doc: 'generated' }` and never replaces a published figure.
 *
 * - Monthly indicators get `YYYY-MM` values, quarterly ones `YYYY-Qn` for each completed quarter, yearly ones a
 *   `YYYY` value only once the year is over (throughMonth = 12). Computed indicators get none.
 * - Each (indicator, unit) draws a "performance": ahead, on track, behind or far behind. Cumulative amounts grow
 *   with time-elapsed progress (the indicator's seasonal profile, else m/12) towards the unit's target, shifted by
 *   that performance, so some units are ahead, some slightly behind (yellow) and a few well behind (red). Rates and
 *   levels hover around the target (or, for lower-is-better indicators, around a typical value) with noise that
 *   settles as the year goes on.
 * - For additive amounts the city's value is the sum of its districts'.
 * - Pure: the same input gives the same output; no clock, no I/O.
 */
import type { SeedBaseline, SeedIndicator, SeedOrgUnit, SeedPublishedValue, SeedTarget } from '../seed-types.ts';
import { decimalsFor, demoReferences, referenceValue, roundTo } from './profiles.ts';

export interface DemoValuesInput {
  indicators: SeedIndicator[];
  orgUnits: SeedOrgUnit[];
  targets: SeedTarget[];
  baselines: SeedBaseline[];
  published: SeedPublishedValue[];
  year: number;
  /** Last month with data, 1–12. */
  throughMonth: number;
  seed: number;
}

type Performance = 'ahead' | 'onTrack' | 'behind' | 'farBehind';

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
function expectedValue(input: DemoValuesInput, indicator: SeedIndicator, unitId: string): number | null {
  const target = input.targets.find(
    (t) => t.indicatorCode === indicator.code && t.orgUnitId === unitId && t.year === input.year && t.kind === 'annual',
  );
  if (target && indicator.direction === 'higher' && target.comparison === 'atLeast') {
    const tier = target.floor ?? target.stretch;
    if (tier !== null) return tier;
  }
  const typical = referenceValue(indicator, unitId);
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

/** Generates demo values; see the file comment. Never emits a value for an (indicator, unit, period) in `published`. */
export function generateDemoValues(input: DemoValuesInput): SeedPublishedValue[] {
  const { year, throughMonth, seed } = input;
  const city = input.orgUnits.find((u) => u.kind === 'city');
  if (!city || throughMonth < 1) return [];
  const districts = input.orgUnits.filter(
    (u) => u.parentId === city.id && (u.kind === 'district' || u.kind === 'county' || u.kind === 'zone'),
  );
  const taken = new Set(input.published.map((p) => `${p.indicatorCode}|${p.orgUnitId}|${p.period}`));
  const out: SeedPublishedValue[] = [];

  for (const indicator of input.indicators) {
    if (indicator.formula !== null) continue;
    const slots = periodsFor(indicator, year, Math.min(12, throughMonth));
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
      const additive = ref?.mode === 'share' && ref.additive !== false;
      const parts = subUnits.map((u) => series.get(u.id));
      if (additive && parts.length > 0 && parts.every((p) => p !== undefined)) {
        series.set(
          city.id,
          slots.map((_, i) =>
            finish(
              indicator,
              parts.reduce((sum, p) => sum + (p?.[i] ?? 0), 0),
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
        if (value === undefined || taken.has(`${indicator.code}|${orgUnitId}|${slot.code}`)) return;
        out.push({ indicatorCode: indicator.code, orgUnitId, period: slot.code, value, source: { doc: 'generated' } });
      });
    }
  }
  return out;
}
