/**
 * What must stay true of the GENERATED default data, whatever changes in the generator: the city's figures agree
 * with its districts', the ratios with the series they are built from, the generated targets with the plan's end,
 * and the dates with the day the data is loaded.
 */
import { describe, expect, it } from 'vitest';
import type { SeedPublishedValue } from '../seed-types.ts';
import { demoCalendar } from './calendar.ts';
import { DISTRICT_IDS } from './org-units.ts';
import {
  baselines,
  generateDemoValues,
  indicators,
  orgUnits,
  publishedValues,
  seedTargets,
  targetsForYears,
} from './index.ts';
import { decimalsFor, demoReferences, districtProfiles, weightOf } from './profiles.ts';

const LOADED_ON = ['2024-12-05T02:00:00Z', '2026-12-02T02:00:00Z', '2027-01-15T02:00:00Z', '2027-03-01T02:00:00Z'];

function generate(now: string) {
  const calendar = demoCalendar(new Date(now));
  const years = calendar.years.map((y) => y.year);
  const values = generateDemoValues({
    indicators,
    orgUnits,
    targets: targetsForYears(years),
    baselines,
    published: publishedValues,
    years: calendar.years,
    seed: 20240101,
  });
  const at = new Map(values.map((v) => [`${v.indicatorCode}|${v.orgUnitId}|${v.period}`, v.value]));
  return { calendar, values, at: (code: string, unit: string, period: string) => at.get(`${code}|${unit}|${period}`) };
}

const byCode = new Map(indicators.map((i) => [i.code, i]));
const periodsOf = (values: SeedPublishedValue[], code: string) => [
  ...new Set(values.filter((v) => v.indicatorCode === code && v.orgUnitId === 'city').map((v) => v.period)),
];
const reporting = (code: string) => {
  const i = byCode.get(code);
  return DISTRICT_IDS.filter((id) => !i?.reportingUnitIds || i.reportingUnitIds.includes(id));
};

describe.each(LOADED_ON)('the default data loaded at %s', (now) => {
  const { calendar, values, at } = generate(now);

  it('asks for last month in the open round, due on the 10th, with values up to the month before', () => {
    const today = calendar.today;
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    expect(calendar.round).toEqual({
      period: last,
      year: Number(last.slice(0, 4)),
      dueDate: `${today.slice(0, 7)}-10`,
    });
    const monthly = values.filter((v) => /^\d{4}-\d{2}$/.test(v.period)).map((v) => v.period);
    expect(monthly.every((p) => p < last)).toBe(true);
    // Every month before the round has data: the newest is the month before it.
    const before = m <= 2 ? `${y - 1}-${String(m + 10).padStart(2, '0')}` : `${y}-${String(m - 2).padStart(2, '0')}`;
    if (calendar.years.some((f) => f.year === Number(before.slice(0, 4)))) expect(monthly).toContain(before);
    // Quarters and years only once they are over (and their round closed).
    for (const v of values) {
      const q = /^(\d{4})-Q([1-4])$/.exec(v.period);
      if (q) expect(`${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}` < last, v.period).toBe(true);
      if (/^\d{4}$/.test(v.period)) expect(`${v.period}-12` < last, v.period).toBe(true);
    }
    // A framework for each year from 2024 through 2025 and the current year; the years begun are published.
    expect(calendar.years.map((f) => f.year)).toEqual(
      Array.from({ length: Math.max(2025, y) - 2023 }, (_, i) => 2024 + i),
    );
    for (const f of calendar.years) expect(f.status).toBe(f.year <= y ? 'published' : 'draft');
  });

  it("adds the districts' amounts up to the city's", () => {
    let checked = 0;
    for (const [code, ref] of Object.entries(demoReferences)) {
      const i = byCode.get(code);
      if (!i || i.formula || i.scope !== 'cityAndDistricts' || i.valueKind === 'rate') continue;
      if (ref.mode !== 'share' || ref.additive === false) continue;
      const units = reporting(code);
      for (const p of periodsOf(values, code)) {
        const parts = units.map((u) => at(code, u, p));
        if (parts.some((x) => x === undefined)) continue;
        const sum = parts.reduce((s: number, x) => s + (x ?? 0), 0);
        expect(at(code, 'city', p), `${code} ${p}`).toBeCloseTo(sum, decimalsFor(i.unit));
        checked++;
      }
    }
    if (calendar.years.some((f) => f.throughMonth > 0)) expect(checked).toBeGreaterThan(100);
  });

  it("weights the districts' per-capita levels and shares by their residents, and their growth rates by size", () => {
    const weighted = [
      ...Object.entries(demoReferences)
        .filter(([, ref]) => ref.weighting)
        .map(([code, ref]) => [code, ref.weighting] as const),
      ['D2-02', 'share'] as const,
      ['D2-03', 'share'] as const,
    ];
    let checked = 0;
    for (const [code, weighting] of weighted) {
      const i = byCode.get(code);
      if (!i || !weighting) continue;
      const units = reporting(code);
      const tolerance = 0.6 * 10 ** -decimalsFor(i.unit) + 1e-9;
      for (const p of periodsOf(values, code)) {
        const parts = units.map((u) => [u, at(code, u, p)] as const);
        if (parts.some(([, x]) => x === undefined)) continue;
        const total = parts.reduce((s, [u]) => s + weightOf(u, weighting), 0);
        const mean = parts.reduce((s, [u, x]) => s + weightOf(u, weighting) * (x ?? 0), 0) / total;
        // The districts' figures are rounded before they are averaged: allow that rounding (×1 for each).
        expect(Math.abs((at(code, 'city', p) ?? Number.NaN) - mean), `${code} ${p}`).toBeLessThanOrEqual(
          code === 'D4-02' || code === 'D5-02' ? 1 : tolerance * 2,
        );
        checked++;
      }
    }
    if (calendar.years.some((f) => f.throughMonth >= 3)) expect(checked).toBeGreaterThan(20);
  });

  it("keeps the city's urban–rural income ratio between its districts', in line with the growth rates", () => {
    expect(byCode.get('D4-03')?.formula).toBe('{D5-02} / {D4-02}');
    for (const p of periodsOf(values, 'D5-02')) {
      const of = (u: string) => (at('D5-02', u, p) ?? Number.NaN) / (at('D4-02', u, p) ?? Number.NaN);
      const districts = DISTRICT_IDS.map(of);
      const city = of('city');
      expect(city, p).toBeGreaterThanOrEqual(Math.min(...districts));
      expect(city, p).toBeLessThanOrEqual(Math.max(...districts));
      // One seasonal profile for both incomes: the year to date says what the year says.
      expect(city, p).toBeGreaterThan(1.9);
      expect(city, p).toBeLessThan(2.1);
      // The growth rates reported are those of the levels (2023's levels are not stored: from 2025).
      const [year, q] = p.split('-Q');
      const lastYear = `${Number(year) - 1}-Q${q}`;
      for (const [level, growth] of [
        ['D5-02', 'D5-01'],
        ['D4-02', 'D4-01'],
      ] as const) {
        const before = at(level, 'city', lastYear);
        if (before === undefined) continue;
        const implied = ((at(level, 'city', p) as number) / before - 1) * 100;
        expect(Math.abs((at(growth, 'city', p) as number) - implied), `${growth} ${p}`).toBeLessThan(0.1);
      }
    }
    // 2024: from 2023's published 2.08, the city's growth rates (urban about 5.5 %, rural about 7 %) give ~2.05.
    const q4 = at('D5-02', 'city', '2024-Q4');
    if (q4 !== undefined) {
      const implied =
        (2.08 * (1 + (at('D5-01', 'city', '2024-Q4') as number) / 100)) /
        (1 + (at('D4-01', 'city', '2024-Q4') as number) / 100);
      expect(q4 / (at('D4-02', 'city', '2024-Q4') as number)).toBeCloseTo(implied, 1);
    }
  });

  it('derives per-capita GDP from GDP and the residents, so the county gap agrees with GDP', () => {
    for (const p of periodsOf(values, 'D3-01')) {
      for (const u of ['city', 'dongqu', 'miyi']) {
        const gdp =
          u === 'city'
            ? DISTRICT_IDS.reduce((s, d) => s + (at('D2-01', d, `${p}-Q4`) ?? 0), 0)
            : (at('D2-01', u, `${p}-Q4`) as number);
        const people =
          u === 'city'
            ? DISTRICT_IDS.reduce((s, d) => s + (districtProfiles[d]?.population ?? 0), 0)
            : (districtProfiles[u]?.population as number);
        expect(at('D3-01', u, p), `${u} ${p}`).toBeCloseTo((gdp * 1e4) / people, -1);
      }
    }
  });
});

describe('generated targets', () => {
  const all = targetsForYears([2024, 2025, 2026, 2027]);
  const stated2025 = new Map(
    seedTargets
      .filter((t) => t.year === 2025 && t.orgUnitId !== 'city')
      .map((t) => [`${t.indicatorCode}|${t.orgUnitId}`, t]),
  );

  it('stay within the targets the seeds state for the end of the plan (2025)', () => {
    let checked = 0;
    for (const t of all.filter((x) => x.source.doc === 'generated' && x.year < 2025)) {
      const stated = stated2025.get(`${t.indicatorCode}|${t.orgUnitId}`);
      if (!stated) continue;
      const level = stated.floor ?? stated.stretch;
      if (level === null) continue;
      for (const tier of [t.floor, t.stretch]) {
        if (tier === null) continue;
        if (stated.comparison === 'atMost') expect(tier, t.indicatorCode).toBeGreaterThanOrEqual(level);
        else expect(tier, `${t.indicatorCode} @ ${t.orgUnitId}`).toBeLessThanOrEqual(level);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    // The case the issue names: the zone's life expectancy, 79.5 by 2025.
    const d601 = all.find((t) => t.indicatorCode === 'D6-01' && t.orgUnitId === 'hitech' && t.year === 2024);
    expect((d601?.floor ?? d601?.stretch ?? 0) <= 79.5).toBe(true);
  });

  it('leave the seeds their own: no generated target where the seeds state one for that year', () => {
    const stated = new Set(seedTargets.map((t) => `${t.indicatorCode}|${t.orgUnitId}|${t.year}`));
    for (const t of all.filter((x) => x.source.doc === 'generated'))
      expect(stated.has(`${t.indicatorCode}|${t.orgUnitId}|${t.year}`), `${t.indicatorCode} ${t.orgUnitId}`).toBe(
        false,
      );
  });

  it('give a stretch beside a ceiling where the typical fall would otherwise be worth the cap at once', () => {
    for (const t of all.filter((x) => x.indicatorCode === 'D8-02' && x.source.doc === 'generated')) {
      expect(t.comparison).toBe('atMost');
      expect(t.stretch).not.toBeNull();
    }
  });
});
