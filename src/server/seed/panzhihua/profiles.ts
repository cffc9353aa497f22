/**
 * Assumptions behind the GENERATED data (district targets for 2024 and demo values): how big each district is
 * relative to the city, and what a typical 2024 value of each indicator is. None of this comes from the seeds;
 * everything derived from it is labelled `{ doc: 'generated' }`.
 */
import type { SeedIndicator } from '../seed-types.ts';
import { CITY_ID } from './org-units.ts';

export interface DistrictProfile {
  /** Share of the city's amounts and counts (the six shares sum to 1; the zone is treated as its own territory). */
  share: number;
  /** Resident population (常住人口, 万人; the six sum to the city's 122万): the weights of per-capita levels. */
  population: number;
  /** Share of the residents living in towns (常住人口城镇化率, %): urban and rural weights. */
  urbanisation: number;
  /** Multiplier for per-capita levels (income, per-capita GDP) relative to the city. */
  relative: number;
  /** Offset from the city's growth rates and percentages, in percentage points (scaled per indicator). */
  offset: number;
}

export const districtProfiles: Record<string, DistrictProfile> = {
  dongqu: { share: 0.37, population: 33, urbanisation: 97, relative: 1.06, offset: 0.3 },
  xiqu: { share: 0.105, population: 11, urbanisation: 93, relative: 0.97, offset: -0.5 },
  renhe: { share: 0.19, population: 24, urbanisation: 63, relative: 0.98, offset: 0.5 },
  miyi: { share: 0.125, population: 21, urbanisation: 45, relative: 0.93, offset: 0.2 },
  yanbian: { share: 0.13, population: 18, urbanisation: 43, relative: 0.94, offset: -0.2 },
  hitech: { share: 0.08, population: 15, urbanisation: 75, relative: 1.02, offset: 0.8 },
};

/**
 * How the city's figure of a level follows from its districts' (GENERATED data only): the mean of the districts'
 * figures weighted by their residents, urban residents, rural residents, or economic share. Without one the city's
 * figure is drawn on its own.
 */
export type CityWeighting = 'population' | 'urban' | 'rural' | 'share';

/** The weight of a district in the city's figure. */
export function weightOf(unitId: string, weighting: CityWeighting): number {
  const p = districtProfiles[unitId];
  if (!p) return 0;
  switch (weighting) {
    case 'population':
      return p.population;
    case 'urban':
      return (p.population * p.urbanisation) / 100;
    case 'rural':
      return (p.population * (100 - p.urbanisation)) / 100;
    case 'share':
      return p.share;
  }
}

/**
 * How an indicator's value spreads from the city to the districts:
 * - `share`: amounts and counts — a district's value is its share of the city's (the city's value is the sum);
 * - `relative`: per-capita levels — the city's value times the district's multiplier;
 * - `offset`: growth rates and percentages — the city's value plus the district's offset × `offsetScale`;
 * - `same`: the same value everywhere (e.g. a 100 % completion rate).
 */
export type SpreadMode = 'share' | 'relative' | 'offset' | 'same';

export interface DemoReference {
  /** Typical 2024 city value: the annual total for cumulative indicators, else the value itself. */
  city: number;
  mode: SpreadMode;
  /** Scale of the district offsets for `offset` mode (default 1). */
  offsetScale?: number;
  /** Typical 2024 values of particular units, overriding the spread (e.g. 西区 on its way to its 2025 targets). */
  units?: Record<string, number>;
  /** Fixed through the year (a list size or a plan), not drifting month to month. */
  stable?: boolean;
  /**
   * An aggregate that moves with the economy (GDP, revenue, per-capita income): a unit is a few per cent ahead or
   * behind, never tens of percentage points of the year.
   */
  steady?: boolean;
  /** For lower-is-better indicators without a seed target: how far above the typical value a generated ceiling sits. */
  ceilingMargin?: number;
  /**
   * For `share` mode: false when the districts' figures do not add up to the city's (the zone's parks lie inside
   * the districts, or the figure is per level of government). Default true: the city's value is the sum.
   */
  additive?: boolean;
  /**
   * For levels and rates reported by the districts: the city's figure is the districts' mean with this weighting
   * (per-capita levels by residents, growth rates by economic share). Default: growth rates by share, else none.
   */
  weighting?: CityWeighting;
  /** Yearly growth of the typical value after 2024 (a fraction; default 0.05 for `steady` aggregates, else 0). */
  trend?: number;
  /** For lower-is-better indicators without a seed target: a stretch this far below the typical value. */
  ceilingStretch?: number;
}

/** Typical 2024 values, per indicator code. Computed indicators are listed only where districts get a target. */
export const demoReferences: Record<string, DemoReference> = {
  'D1-01': { city: 90, mode: 'offset', offsetScale: 4 },
  'D1-02': { city: 30, mode: 'share' },
  'D1-03': { city: 10, mode: 'share' },
  'D1-04': { city: 1.6, mode: 'share' },
  'D1-05': { city: 10.6, mode: 'share' },
  'D1-06': { city: 98, mode: 'offset' },
  'D1-07': {
    city: 68,
    mode: 'share',
    steady: true,
    additive: false,
    units: { dongqu: 12, xiqu: 8.2, renhe: 10, miyi: 6, yanbian: 7, hitech: 15 },
  },

  'D2-01': { city: 1390, mode: 'share', steady: true, trend: 0.06 },
  'D2-02': { city: 6.8, mode: 'offset' },
  'D2-03': { city: 7.8, mode: 'offset' },
  'D2-04': { city: 6.3, mode: 'offset', offsetScale: 2 },
  'D2-05': { city: 9.5, mode: 'offset' },
  'D2-06': { city: 108, mode: 'share', steady: true },
  'D2-07': { city: 7, mode: 'offset', offsetScale: 2 },
  'D2-08': { city: 7, mode: 'offset' },
  'D2-09': { city: 15, mode: 'offset', offsetScale: 4 },
  'D2-10': { city: 12, mode: 'offset', offsetScale: 4 },
  'D2-11': { city: 40, mode: 'share' },
  'D2-12': { city: 550, mode: 'share', steady: true },
  'D2-13': { city: 2100, mode: 'share', steady: true, units: { hitech: 2100 } },
  'D2-14': { city: 820, mode: 'share', steady: true, units: { hitech: 820 } },
  'D2-15': { city: 90, mode: 'share', additive: false, units: { xiqu: 6, hitech: 50 } },
  'D2-16': { city: 200, mode: 'share', additive: false, units: { hitech: 130 } },
  'D2-17': { city: 10, mode: 'share', additive: false, units: { hitech: 4 } },
  'D2-18': { city: 40, mode: 'share', additive: false, units: { hitech: 15 } },
  'D2-19': {
    city: 1,
    mode: 'share',
    additive: false,
    units: { dongqu: 0, xiqu: 0, renhe: 0, miyi: 0, yanbian: 0, hitech: 1 },
  },
  'D2-20': { city: 45, mode: 'share', additive: false, units: { hitech: 17 } },
  'D2-21': { city: 750, mode: 'share', steady: true, additive: false, units: { xiqu: 16, hitech: 420 } },
  'D2-22': { city: 1500, mode: 'share', units: { xiqu: 140 } },
  'D2-23': {
    city: 70.3,
    mode: 'same',
    weighting: 'population',
    units: { dongqu: 97, xiqu: 93, renhe: 63, miyi: 45, yanbian: 43, hitech: 75 },
  },
  'D2-24': { city: 400, mode: 'share' },
  'D2-25': { city: 97.4, mode: 'offset', offsetScale: 1.5, units: { xiqu: 95.6 } },
  'D2-26': { city: 100, mode: 'same' },
  'D2-27': { city: 11.76, mode: 'share' },
  'D2-28': { city: 10, mode: 'share' },
  'D2-29': { city: 32, mode: 'share', units: { xiqu: 4.5 } },
  'D2-30': { city: 200, mode: 'share', stable: true, units: { xiqu: 40 } },
  'D2-31': { city: 80, mode: 'share', units: { xiqu: 16 } },
  'D2-32': { city: 30, mode: 'share', units: { xiqu: 7 } },
  'D2-33': { city: 290, mode: 'share' },
  'D2-34': { city: 290, mode: 'share', stable: true },
  'D2-35': { city: 100, mode: 'same' },
  // A stock: the total investment of every project in the reserve (all years of each project), not a year's
  // spending; 1.13万亿 in 2023, about 8.7 times GDP. The city's library holds city- and province-level projects
  // beside the districts', so it is not their sum.
  'D2-36': {
    city: 11600,
    mode: 'share',
    stable: true,
    additive: false,
    trend: 0.03,
    units: { dongqu: 620, xiqu: 85, renhe: 480, miyi: 350, yanbian: 410, hitech: 900 },
  },

  // Per-capita GDP follows from GDP (D2-01) and the residents: these are the 2024 figures it gives.
  'D3-01': {
    city: 113900,
    mode: 'relative',
    trend: 0.06,
    units: { dongqu: 155800, xiqu: 132700, renhe: 110000, miyi: 82700, yanbian: 100400 },
  },
  'D3-03': { city: 58, mode: 'share' },
  'D3-04': { city: 380, mode: 'share', units: { xiqu: 60 } },
  'D3-05': { city: 24, mode: 'share' },

  'D4-01': { city: 7.2, mode: 'offset' },
  // Incomes (D4-02, D5-02): the districts' 2024 levels, whose means weighted by rural and urban residents are the
  // city's; each later year grows by that year's growth rate (see income model in demo-values.ts).
  'D4-02': {
    city: 27600,
    mode: 'relative',
    steady: true,
    trend: 0.07,
    weighting: 'rural',
    units: { dongqu: 28570, xiqu: 28440, renhe: 27760, miyi: 28070, yanbian: 25480, hitech: 31150 },
  },
  'D4-03': {
    city: 2.05,
    mode: 'same',
    ceilingMargin: 0.03,
    units: { dongqu: 2.12, xiqu: 1.89, renhe: 1.96, miyi: 1.82, yanbian: 2.05, hitech: 1.87 },
  },
  'D4-04': { city: 42, mode: 'offset', offsetScale: 6, weighting: 'rural' },
  'D4-05': { city: 100, mode: 'same' },
  'D4-06': { city: 9000, mode: 'share', units: { xiqu: 700 } },
  'D4-07': {
    city: 68,
    mode: 'share',
    units: { dongqu: 0.6, xiqu: 2.2, renhe: 20, miyi: 22, yanbian: 21.5, hitech: 1.7 },
  },
  'D4-08': {
    city: 26,
    mode: 'share',
    units: { dongqu: 0.2, xiqu: 0.8, renhe: 7.6, miyi: 8.6, yanbian: 8.2, hitech: 0.6 },
  },
  'D4-09': {
    city: 3.2,
    mode: 'share',
    units: { dongqu: 0.05, xiqu: 0.15, renhe: 1, miyi: 1, yanbian: 0.9, hitech: 0.1 },
  },
  'D4-10': { city: 90, mode: 'offset' },
  'D4-11': { city: 250, mode: 'share' },

  'D5-01': { city: 5.7, mode: 'offset' },
  'D5-02': {
    city: 56600,
    mode: 'relative',
    steady: true,
    trend: 0.055,
    weighting: 'urban',
    units: { dongqu: 60630, xiqu: 53830, renhe: 54400, miyi: 51000, yanbian: 52130, hitech: 58370 },
  },
  'D5-03': { city: 48.5, mode: 'offset', offsetScale: 4, weighting: 'population', units: { xiqu: 43.5, hitech: 49 } },
  'D5-04': { city: 0, mode: 'share', ceilingMargin: 0 },
  'D5-05': { city: 0, mode: 'share', ceilingMargin: 0 },
  'D5-06': { city: 1.8, mode: 'share' },
  'D5-07': { city: 3.6, mode: 'offset', offsetScale: 0.3, ceilingMargin: 0.6, weighting: 'urban' },
  'D5-08': { city: 0.6, mode: 'same' },
  'D5-09': { city: 66, mode: 'offset', offsetScale: 2 },
  'D5-10': { city: 810, mode: 'same' },
  'D5-11': { city: 650, mode: 'same' },
  'D5-12': { city: 95, mode: 'same' },

  'D6-01': { city: 79.2, mode: 'offset', offsetScale: 0.4, weighting: 'population' },
  'D6-02': { city: 300, mode: 'share' },
  'D6-03': { city: 5, mode: 'share' },
  'D6-04': { city: 462, mode: 'share' },
  'D6-05': { city: 4, mode: 'share' },
  'D6-06': { city: 95, mode: 'share', units: { xiqu: 18 } },
  'D6-07': { city: 50, mode: 'share' },
  'D6-08': { city: 200, mode: 'share' },
  'D6-09': { city: 29, mode: 'share' },

  'D7-01': { city: 60, mode: 'share', steady: true, additive: false, units: { hitech: 12 } },
  'D7-02': { city: 150, mode: 'share' },
  'D7-03': { city: 300, mode: 'share', units: { xiqu: 33 } },
  'D7-04': { city: 260, mode: 'share', units: { xiqu: 27 } },

  'D8-01': { city: 96.5, mode: 'offset', offsetScale: 0.8, weighting: 'population' },
  // Year-on-year changes in cases and accidents: a ceiling a little above the typical fall, a stretch below it.
  'D8-02': { city: -8, mode: 'offset', offsetScale: 3, ceilingMargin: 2, ceilingStretch: 3 },
  'D8-03': { city: -10, mode: 'offset', offsetScale: 3, ceilingMargin: 2, ceilingStretch: 3 },
  'D8-04': { city: -3, mode: 'offset', offsetScale: 3, ceilingMargin: 1.5, ceilingStretch: 2 },
  'D8-05': { city: -3, mode: 'offset', offsetScale: 3, ceilingMargin: 1.5, ceilingStretch: 2 },
  'D8-06': { city: 1.7, mode: 'same', ceilingMargin: 0.3 },
};

/** Count-like units: values are whole numbers. */
const WHOLE_UNITS = new Set(['个', '户', '家', '支', '列', '名', '部', '套', '所', '元', '元/月']);

/** Decimal places a value of this unit is shown and generated with. */
export function decimalsFor(unit: string): number {
  if (WHOLE_UNITS.has(unit)) return 0;
  if (unit === '倍' || unit === '万人' || unit === '万户' || unit === '万亩' || unit === '万吨' || unit === '亿元')
    return 2;
  if (unit === '万元/亩' || unit === '岁') return 2;
  if (unit === '万元') return 0;
  return 1;
}

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * The typical 2024 value of an indicator at a unit, from the reference table: the unit's own figure if listed,
 * else the city's figure spread by the unit's profile. Null when the indicator has no reference.
 */
export function referenceValue(indicator: SeedIndicator, unitId: string, year = 2024): number | null {
  const ref = demoReferences[indicator.code];
  if (!ref) return null;
  const factor = trendFactor(indicator, year);
  if (unitId === CITY_ID) return ref.city * factor;
  const own = ref.units?.[unitId];
  if (own !== undefined) return own * factor;
  return spread(ref.city * factor, ref, unitId);
}

/** How much the typical value of an indicator has grown from 2024 to `year` (1 in 2024 and for flat indicators). */
export function trendFactor(indicator: SeedIndicator, year: number): number {
  const ref = demoReferences[indicator.code];
  const trend = ref?.trend ?? (ref?.steady ? 0.05 : 0);
  return (1 + trend) ** Math.max(0, year - 2024);
}

/** Spreads a city-level figure (a value or a target) to a district by the indicator's spread mode. */
export function spread(cityValue: number, ref: DemoReference, unitId: string): number {
  const profile = districtProfiles[unitId];
  if (!profile) return cityValue;
  switch (ref.mode) {
    case 'share':
      return cityValue * profile.share;
    case 'relative':
      return cityValue * profile.relative;
    case 'offset':
      return cityValue + profile.offset * (ref.offsetScale ?? 1);
    case 'same':
      return cityValue;
  }
}
