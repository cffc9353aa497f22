import { describe, it, expect } from 'vitest';
import type { SeedIndicator, SeedOrgUnit, SeedPublishedValue } from '../seed-types.ts';
import {
  baselines,
  dimensions,
  generateDemoValues,
  indicators,
  orgUnits,
  publishedValues,
  seedDocuments,
  targets,
  targetsForYear,
  workTeams,
} from './index.ts';
import { demoReferences } from './profiles.ts';

const CODE_PATTERN = /^[A-Za-z0-9_-]+$/;
const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

const unitById = new Map(orgUnits.map((u) => [u.id, u]));
const indicatorByCode = new Map(indicators.map((i) => [i.code, i]));
const city = orgUnits.find((u) => u.kind === 'city') as SeedOrgUnit;
const districtIds = orgUnits
  .filter((u) => u.parentId === city.id && ['district', 'county', 'zone'].includes(u.kind))
  .map((u) => u.id);

function referencesOf(formula: string): string[] {
  return [...formula.matchAll(/\{([A-Za-z0-9_-]+)\}/g)].map((m) => m[1] as string);
}

/** Whether an org unit reports an indicator, by its scope and optional reporting list. */
function reports(indicator: SeedIndicator, unitId: string): boolean {
  if (indicator.reportingUnitIds) return indicator.reportingUnitIds.includes(unitId);
  if (unitId === city.id) return true;
  return indicator.scope === 'cityAndDistricts' && districtIds.includes(unitId);
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

function inRange(indicator: SeedIndicator, value: number): boolean {
  return (
    (indicator.minValue === null || value >= indicator.minValue) &&
    (indicator.maxValue === null || value <= indicator.maxValue)
  );
}

function find<T extends { indicatorCode: string; orgUnitId: string }>(
  list: T[],
  code: string,
  unit: string,
  extra: (t: T) => boolean = () => true,
): T | undefined {
  return list.find((t) => t.indicatorCode === code && t.orgUnitId === unit && extra(t));
}

describe('org units and work teams', () => {
  it('has unique ids and codes, and every parent exists', () => {
    expect(duplicates(orgUnits.map((u) => u.id))).toEqual([]);
    expect(duplicates(orgUnits.map((u) => u.code))).toEqual([]);
    for (const u of orgUnits) if (u.parentId !== null) expect(unitById.has(u.parentId), u.id).toBe(true);
    expect(orgUnits.filter((u) => u.parentId === null)).toHaveLength(1);
  });

  it('has the city, the five districts/counties with their GB/T 2260 codes, and the zone', () => {
    const codes = Object.fromEntries(orgUnits.map((u) => [u.id, u.code]));
    expect(codes).toMatchObject({
      city: '510400',
      dongqu: '510402',
      xiqu: '510403',
      renhe: '510411',
      miyi: '510421',
      yanbian: '510422',
    });
    expect(unitById.get('hitech')?.kind).toBe('zone');
    expect(districtIds).toEqual(['dongqu', 'xiqu', 'renhe', 'miyi', 'yanbian', 'hitech']);
  });

  it('has all six townships and streets of 西区, and villages and communities with an urban flag', () => {
    const xiqu = orgUnits.filter((u) => u.parentId === 'xiqu').map((u) => u.name);
    expect(xiqu.sort()).toEqual(
      ['大宝鼎街道', '格里坪镇', '河门口街道', '清香坪街道', '玉泉街道', '陶家渡街道'].sort(),
    );
    for (const u of orgUnits.filter((x) => x.parentId === 'xiqu')) expect(u.code).toMatch(/^510403\d{3}$/);
    const local = orgUnits.filter((u) => u.kind === 'village' || u.kind === 'community');
    expect(local.length).toBeGreaterThan(0);
    for (const u of local) expect(u.urban).toBe(u.kind === 'community');
    for (const u of orgUnits.filter((x) => ['city', 'district', 'county', 'zone', 'department'].includes(x.kind))) {
      expect(u.urban, u.id).toBeNull();
    }
  });

  it('hangs every department under the city, with the coordination office among them', () => {
    const departments = orgUnits.filter((u) => u.kind === 'department');
    for (const d of departments) expect(d.parentId).toBe('city');
    expect(unitById.get('dept-gfb')?.name).toContain('共富办');
  });

  it('forms the "1+8+3" organisation', () => {
    expect(duplicates(workTeams.map((t) => t.id))).toEqual([]);
    expect(workTeams.filter((t) => t.group === 'coordination')).toHaveLength(1);
    expect(workTeams.filter((t) => t.group === 'promotion')).toHaveLength(8);
    expect(workTeams.filter((t) => t.group === 'support')).toHaveLength(3);
  });
});

describe('framework', () => {
  const teamIds = new Set(workTeams.map((t) => t.id));

  it('has the eight model areas, each owned by a promotion team, weights summing to 100', () => {
    expect(dimensions.length).toBeGreaterThanOrEqual(8);
    expect(dimensions.map((d) => d.code)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8']);
    expect(duplicates(dimensions.map((d) => d.code))).toEqual([]);
    expect(dimensions.reduce((s, d) => s + d.weight, 0)).toBeCloseTo(100, 6);
    for (const d of dimensions) expect(d.workTeamId !== null && teamIds.has(d.workTeamId), d.code).toBe(true);
    expect(new Set(dimensions.map((d) => d.workTeamId)).size).toBe(8);
  });

  it('has at least 45 indicators with unique, formula-safe codes', () => {
    expect(indicators.length).toBeGreaterThanOrEqual(45);
    expect(duplicates(indicators.map((i) => i.code))).toEqual([]);
    for (const i of indicators) expect(i.code).toMatch(CODE_PATTERN);
  });

  it('fills every field of every indicator and resolves its references', () => {
    const fields: (keyof SeedIndicator)[] = [
      'code', 'name', 'nameEn', 'unit', 'direction', 'frequency', 'valueKind', 'dimensionCode', 'leadDepartmentId',
      'workTeamId', 'dataSource', 'definition', 'weight', 'formula', 'scope', 'headline', 'gap', 'minValue',
      'maxValue', 'seasonalProfile', 'source', 'sort',
    ]; // prettier-ignore
    for (const i of indicators) {
      for (const f of fields) expect(i[f], `${i.code}.${f}`).not.toBeUndefined();
      for (const f of ['name', 'nameEn', 'unit', 'dataSource', 'definition'] as const) {
        expect(i[f].length, `${i.code}.${f}`).toBeGreaterThan(0);
      }
      expect(
        dimensions.some((d) => d.code === i.dimensionCode),
        i.code,
      ).toBe(true);
      expect(unitById.get(i.leadDepartmentId)?.kind, i.code).toBe('department');
      expect(i.workTeamId !== null && teamIds.has(i.workTeamId), i.code).toBe(true);
      expect(i.source.doc in seedDocuments, i.code).toBe(true);
      expect(i.source.doc).not.toBe('generated');
      expect(i.source.quote?.length ?? 0, i.code).toBeGreaterThan(0);
      if (i.minValue !== null && i.maxValue !== null) expect(i.minValue, i.code).toBeLessThan(i.maxValue);
      for (const id of i.reportingUnitIds ?? []) expect(unitById.has(id), `${i.code} → ${id}`).toBe(true);
      if (i.seasonalProfile) {
        expect(i.seasonalProfile, i.code).toHaveLength(12);
        expect(i.seasonalProfile[11]).toBe(1);
        i.seasonalProfile.forEach((v, k) =>
          expect(v).toBeGreaterThanOrEqual(k === 0 ? 0 : (i.seasonalProfile?.[k - 1] ?? 0)),
        );
      }
    }
  });

  it('weights indicators to 100 within each dimension', () => {
    for (const d of dimensions) {
      const sum = indicators.filter((i) => i.dimensionCode === d.code).reduce((s, i) => s + i.weight, 0);
      expect(sum, d.code).toBeCloseTo(100, 6);
    }
  });

  it('references only existing indicators in formulas, never itself', () => {
    const computed = indicators.filter((i) => i.formula !== null);
    expect(computed.length).toBeGreaterThanOrEqual(3);
    for (const i of computed) {
      const refs = referencesOf(i.formula ?? '');
      expect(refs.length, i.code).toBeGreaterThan(0);
      for (const r of refs) expect(indicatorByCode.has(r), `${i.code} → ${r}`).toBe(true);
      expect(refs).not.toContain(i.code);
    }
  });

  it('computes the three gaps', () => {
    const ratio = indicators.find((i) => i.gap === 'urbanRural');
    expect(ratio?.formula).toMatch(/^\{[^}]+\} \/ \{[^}]+\}$/);
    expect(ratio?.direction).toBe('lower');
    const [urban, rural] = referencesOf(ratio?.formula ?? '').map((c) => indicatorByCode.get(c));
    expect(urban?.name).toBe('城镇居民人均可支配收入');
    expect(rural?.name).toBe('农村居民人均可支配收入');

    const regional = indicators.find((i) => i.gap === 'regional');
    expect(regional?.formula).toMatch(/^MAX\(\{(.+)\}, COUNTIES\) \/ MIN\(\{\1\}, COUNTIES\)$/);
    expect(regional?.direction).toBe('lower');

    const income = indicators.filter((i) => i.gap === 'income').map((i) => i.code);
    expect(income).toEqual(expect.arrayContaining(['D5-03', 'D5-04', 'D5-05']));
  });

  it('marks about eight headline indicators, the gaps among them', () => {
    const headline = indicators.filter((i) => i.headline);
    expect(headline.length).toBeGreaterThanOrEqual(6);
    expect(headline.length).toBeLessThanOrEqual(10);
    expect(headline.some((i) => i.gap === 'urbanRural')).toBe(true);
    expect(headline.some((i) => i.gap === 'regional')).toBe(true);
  });

  it('makes CPI, unemployment and the gaps lower-is-better', () => {
    for (const code of ['D5-08', 'D5-07', 'D4-03', 'D3-02', 'D5-04', 'D5-05']) {
      expect(indicatorByCode.get(code)?.direction, code).toBe('lower');
    }
  });
});

describe('targets, baselines and published values', () => {
  const docIds = Object.keys(seedDocuments);

  it('name existing indicators and units that report them, with values in range', () => {
    for (const t of targets) {
      const i = indicatorByCode.get(t.indicatorCode);
      expect(i, t.indicatorCode).toBeDefined();
      if (!i) continue;
      expect(unitById.has(t.orgUnitId), t.orgUnitId).toBe(true);
      expect(reports(i, t.orgUnitId), `${t.indicatorCode} @ ${t.orgUnitId}`).toBe(true);
      expect(t.floor !== null || t.stretch !== null, `${t.indicatorCode} @ ${t.orgUnitId}`).toBe(true);
      for (const v of [t.floor, t.stretch]) if (v !== null) expect(inRange(i, v), `${t.indicatorCode} ${v}`).toBe(true);
      expect(t.comparison, t.indicatorCode).toBe(i.direction === 'higher' ? 'atLeast' : 'atMost');
      if (t.floor !== null && t.stretch !== null) {
        expect(t.comparison === 'atLeast' ? t.stretch > t.floor : t.stretch < t.floor, t.indicatorCode).toBe(true);
      }
      expect(docIds).toContain(t.source.doc);
    }
    for (const v of [...baselines, ...publishedValues]) {
      const i = indicatorByCode.get(v.indicatorCode);
      expect(i, v.indicatorCode).toBeDefined();
      if (!i) continue;
      expect(reports(i, v.orgUnitId), `${v.indicatorCode} @ ${v.orgUnitId}`).toBe(true);
      expect(inRange(i, v.value), `${v.indicatorCode} ${v.value}`).toBe(true);
      expect(v.source.doc).not.toBe('generated');
      expect(v.source.quote?.length ?? 0).toBeGreaterThan(0);
    }
    for (const p of publishedValues) expect(p.period).toMatch(PERIOD_PATTERN);
  });

  it('has no duplicate keys', () => {
    for (const year of [2024, 2025, 2026, 2027])
      expect(
        duplicates(targetsForYear(year).map((t) => `${t.indicatorCode}|${t.orgUnitId}|${t.year}|${t.kind}`)),
      ).toEqual([]);
    expect(duplicates(baselines.map((b) => `${b.indicatorCode}|${b.orgUnitId}|${b.year}`))).toEqual([]);
    expect(duplicates(publishedValues.map((p) => `${p.indicatorCode}|${p.orgUnitId}|${p.period}`))).toEqual([]);
  });

  it("holds the city's 2024 targets from the work report", () => {
    const city2024 = (code: string) => find(targets, code, 'city', (t) => t.year === 2024);
    expect(city2024('D2-02')).toMatchObject({ comparison: 'atLeast', floor: 6.5, stretch: 7, kind: 'annual' });
    expect(city2024('D2-03')).toMatchObject({ floor: 7.5, stretch: 8 });
    expect(city2024('D2-04')).toMatchObject({ floor: 6, stretch: 6.5 });
    expect(city2024('D2-05')).toMatchObject({ floor: 9, stretch: 10 });
    expect(city2024('D5-01')).toMatchObject({ floor: 5.5, stretch: 6 });
    expect(city2024('D4-01')).toMatchObject({ floor: 7, stretch: 7.5 });
    expect(city2024('D2-07')).toMatchObject({ floor: 6, stretch: 8 });
    expect(city2024('D5-06')).toMatchObject({ floor: 1.8, stretch: null });
    expect(city2024('D5-08')).toMatchObject({ comparison: 'atMost', floor: 3.5, stretch: null });
    expect(city2024('D5-03')).toMatchObject({ stretch: 48.5 });
    expect(city2024('D2-30')).toMatchObject({ floor: 200 });
    expect(city2024('D2-31')).toMatchObject({ floor: 80 });
    expect(city2024('D2-32')).toMatchObject({ floor: 30 });
    expect(city2024('D2-33')).toMatchObject({ stretch: 290 });
    expect(city2024('D2-25')).toMatchObject({ floor: 97 });
    for (const code of ['D2-02', 'D5-08', 'D2-33']) expect(city2024(code)?.source.doc).toBe('cityWorkReport2024');
  });

  it("holds the zone's 2025 and 西区's 2025 targets", () => {
    const hitech = (code: string) => find(targets, code, 'hitech', (t) => t.year === 2025);
    expect(hitech('D2-13')).toMatchObject({ kind: 'endOfPlan', stretch: 2500 });
    expect(hitech('D4-03')).toMatchObject({ comparison: 'atMost', floor: 2 });
    expect(hitech('D5-03')).toMatchObject({ floor: 50 });
    expect(hitech('D5-07')).toMatchObject({ comparison: 'atMost', floor: 4.5 });
    expect(hitech('D5-02')).toMatchObject({ floor: 64000 });
    expect(hitech('D4-02')).toMatchObject({ floor: 32000 });
    expect(hitech('D6-01')).toMatchObject({ stretch: 79.5 });
    const xiqu = (code: string) => find(targets, code, 'xiqu', (t) => t.year === 2025);
    expect(xiqu('D2-30')).toMatchObject({ kind: 'annual', floor: 43 });
    expect(xiqu('D2-31')).toMatchObject({ floor: 17 });
    expect(xiqu('D2-32')).toMatchObject({ floor: 8 });
    expect(xiqu('D2-36')).toMatchObject({ floor: 80 });
    expect(xiqu('D5-03')).toMatchObject({ stretch: 45 });
    expect(xiqu('D2-25')).toMatchObject({ floor: 95 });
  });

  it('gives every district a generated target each year and the city one from 2025, labelled as generated', () => {
    const generated = targets.filter((t) => t.source.doc === 'generated');
    for (const t of generated) {
      expect([2024, 2025]).toContain(t.year);
      if (t.year === 2024) expect(districtIds).toContain(t.orgUnitId);
    }
    for (const id of districtIds) {
      expect(find(generated, 'D2-02', id), id).toBeDefined();
      expect(find(generated, 'D5-06', id), id).toBeDefined();
    }
    // The city's 2025 targets continue its 2024 ones; the seeds state none.
    expect(find(generated, 'D2-02', 'city', (t) => t.year === 2025)).toMatchObject({ floor: 6.5, stretch: 7 });
    expect(
      targets.filter((t) => t.source.doc !== 'generated' && t.orgUnitId !== 'city').every((t) => t.year === 2025),
    ).toBe(true);
  });

  it('holds the published figures of 2023, including the computed gaps', () => {
    const city2023 = (code: string) => find(publishedValues, code, 'city', (p) => p.period === '2023')?.value;
    expect(city2023('D2-01')).toBe(1303.8);
    expect(city2023('D2-02')).toBe(6.5);
    expect(city2023('D2-03')).toBe(7.8);
    expect(city2023('D2-04')).toBe(6.1);
    expect(city2023('D2-05')).toBe(10.5);
    expect(city2023('D2-06')).toBe(101.2);
    expect(city2023('D2-07')).toBe(20.5);
    expect(city2023('D5-01')).toBe(3.9);
    expect(city2023('D4-01')).toBe(6.9);
    expect(city2023('D4-03')).toBe(2.08);
    expect(city2023('D3-02')).toBe(1.89);
    expect(city2023('D5-06')).toBe(2.06);
    expect(city2023('D2-25')).toBe(97.3);
    expect(city2023('D2-30')).toBe(216);
    expect(city2023('D2-33')).toBe(336.1);
    expect(city2023('D2-35')).toBe(126.6);
  });

  it('uses the 2023 actuals as baselines', () => {
    const gdp = find(baselines, 'D2-01', 'city');
    expect(gdp).toMatchObject({ year: 2023, value: 1303.8 });
    expect(find(baselines, 'D4-03', 'city')?.value).toBe(2.08);
    expect(baselines.filter((b) => b.orgUnitId === 'city').every((b) => b.year === 2023)).toBe(true);
  });

  it('lists every source document', () => {
    expect(Object.keys(seedDocuments).sort()).toEqual(
      [
        'cityWorkReport2024',
        'generated',
        'hitechActionPlan2023',
        'pilotPlanNews2023',
        'xiqu2025',
        'xiquCongress2021',
      ].sort(),
    );
    for (const doc of Object.values(seedDocuments)) expect(doc.title.length).toBeGreaterThan(0);
  });
});

describe('demo values', () => {
  const base = { indicators, orgUnits, targets, baselines, published: publishedValues, seed: 7 };

  it('lists a typical value for every non-computed indicator', () => {
    for (const i of indicators.filter((x) => x.formula === null)) expect(demoReferences[i.code], i.code).toBeDefined();
  });

  it('is deterministic for a seed and varies with it', () => {
    const a = generateDemoValues({ ...base, years: [{ year: 2024, throughMonth: 6 }] });
    const b = generateDemoValues({ ...base, years: [{ year: 2024, throughMonth: 6 }] });
    const c = generateDemoValues({ ...base, years: [{ year: 2024, throughMonth: 6 }], seed: 8 });
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('never emits a published figure, and labels everything generated', () => {
    const published: SeedPublishedValue[] = [
      ...publishedValues,
      {
        indicatorCode: 'D2-04',
        orgUnitId: 'city',
        period: '2024-03',
        value: 6.2,
        source: { doc: 'cityWorkReport2024' },
      },
      { indicatorCode: 'D5-06', orgUnitId: 'xiqu', period: '2024-05', value: 0.2, source: { doc: 'xiqu2025' } },
      {
        indicatorCode: 'D2-02',
        orgUnitId: 'renhe',
        period: '2024-Q1',
        value: 6.9,
        source: { doc: 'cityWorkReport2024' },
      },
    ];
    const values = generateDemoValues({ ...base, published, years: [{ year: 2024, throughMonth: 12 }] });
    const taken = new Set(published.map((p) => `${p.indicatorCode}|${p.orgUnitId}|${p.period}`));
    for (const v of values) {
      expect(taken.has(`${v.indicatorCode}|${v.orgUnitId}|${v.period}`)).toBe(false);
      expect(v.source.doc).toBe('generated');
    }
    expect(values.some((v) => v.indicatorCode === 'D2-04' && v.orgUnitId === 'city' && v.period === '2024-04')).toBe(
      true,
    );
  });

  it('respects ranges, periods, scopes and computed indicators', () => {
    const values = generateDemoValues({ ...base, years: [{ year: 2024, throughMonth: 7 }] });
    for (const v of values) {
      const i = indicatorByCode.get(v.indicatorCode) as SeedIndicator;
      expect(i.formula).toBeNull();
      expect(inRange(i, v.value), `${v.indicatorCode} @ ${v.orgUnitId} ${v.period}: ${v.value}`).toBe(true);
      expect(reports(i, v.orgUnitId), `${v.indicatorCode} @ ${v.orgUnitId}`).toBe(true);
      expect(v.period).toMatch(
        { monthly: /^2024-(0[1-7])$/, quarterly: /^2024-Q[12]$/, yearly: /^never$/ }[i.frequency],
      );
    }
    const gdpGrowth = values.filter((v) => v.indicatorCode === 'D2-02').map((v) => v.orgUnitId);
    expect(new Set(gdpGrowth)).toEqual(new Set(['city', ...districtIds]));
    const yearEnd = generateDemoValues({ ...base, years: [{ year: 2024, throughMonth: 12 }] });
    expect(yearEnd.some((v) => v.indicatorCode === 'D3-01' && v.period === '2024')).toBe(true);
    expect(yearEnd.some((v) => v.indicatorCode === 'D3-01' && v.orgUnitId === 'hitech')).toBe(false);
  });

  it('grows cumulative values through the year and adds districts up to the city', () => {
    const values = generateDemoValues({ ...base, years: [{ year: 2024, throughMonth: 12 }] });
    const series = (code: string, unit: string) =>
      values.filter((v) => v.indicatorCode === code && v.orgUnitId === unit).map((v) => v.value);
    for (const i of indicators.filter((x) => x.valueKind === 'cumulative' && x.formula === null)) {
      for (const unit of ['city', ...districtIds]) {
        const s = series(i.code, unit);
        s.forEach((v, k) => expect(v, `${i.code} @ ${unit}`).toBeGreaterThanOrEqual(k === 0 ? 0 : (s[k - 1] ?? 0)));
      }
    }
    const jobs = (unit: string) => series('D5-06', unit)[11] ?? 0;
    expect(jobs('city')).toBeCloseTo(
      districtIds.reduce((sum, id) => sum + jobs(id), 0),
      6,
    );
    // Performance varies: not every district lands on the same share of its target.
    const shares = districtIds.map((id) => jobs(id) / (find(targets, 'D5-06', id)?.floor ?? 1));
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.02);
  });

  it('emits nothing without a city or a month', () => {
    expect(generateDemoValues({ ...base, years: [{ year: 2024, throughMonth: 0 }] })).toEqual([]);
    expect(
      generateDemoValues({
        ...base,
        orgUnits: orgUnits.filter((u) => u.kind !== 'city'),
        years: [{ year: 2024, throughMonth: 3 }],
      }),
    ).toEqual([]);
  });
});
