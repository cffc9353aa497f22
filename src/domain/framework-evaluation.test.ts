import { describe, expect, it } from 'vitest';
import {
  candidatePeriods,
  evaluateFramework,
  indexPut,
  periodAsOf,
  periodsNeeded,
  type EngineIndicator,
  type EngineInput,
} from './framework-evaluation.ts';
import type { Target } from './types.ts';

const ind = (code: string, over: Partial<EngineIndicator> = {}): EngineIndicator => ({
  code,
  dimensionCode: 'D1',
  direction: 'higher',
  valueKind: 'rate',
  frequency: 'monthly',
  weight: 50,
  formula: null,
  scope: 'cityAndDistricts',
  seasonalProfile: null,
  ...over,
});

function input(
  values: [string, string, string, number][],
  targets: [string, string, Target][],
  indicators: EngineIndicator[],
  asOf = '2024-10',
): EngineInput {
  const v = new Map<string, Map<string, number>>();
  for (const [code, unit, period, value] of values) indexPut(v, `${code}|${period}`, unit, value);
  const t = new Map<string, Map<string, Target>>();
  for (const [code, unit, target] of targets) indexPut(t, `${code}|2024`, unit, target);
  return {
    indicators,
    dimensionWeights: { D1: 100 },
    cityId: 'city',
    rankedUnitIds: ['xiqu', 'dongqu'],
    children: (id) => (id === 'city' ? ['xiqu', 'dongqu'] : []),
    values: v,
    targets: t,
    baselines: new Map(),
    asOf,
  };
}

const atLeast = (floor: number, stretch: number | null = null): Target => ({
  comparison: 'atLeast',
  floor,
  stretch,
  upper: null,
});

describe('periods an as-of month shows', () => {
  it('maps each frequency to its period, and lists the earlier ones of the year newest first', () => {
    expect(periodAsOf('monthly', '2024-10')).toBe('2024-10');
    expect(periodAsOf('quarterly', '2024-10')).toBe('2024-Q3');
    expect(periodAsOf('quarterly', '2024-02')).toBeNull();
    expect(periodAsOf('yearly', '2024-11')).toBeNull();
    expect(periodAsOf('yearly', '2024-12')).toBe('2024');
    expect(candidatePeriods('quarterly', '2024-11')).toEqual(['2024-Q3', '2024-Q2', '2024-Q1']);
    expect(periodsNeeded([ind('A')], '2024-10')).toEqual(['2023-10', '2024-10']);
    expect(periodsNeeded([ind('A', { formula: 'YTD({B})' })], '2024-03')).toEqual([
      '2023-03',
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
  });
});

describe('evaluating a framework as of a month', () => {
  it('colours each unit, computes composites and ranks the districts (GDP growth floor 6.5, stretch 7)', () => {
    const out = evaluateFramework(
      input(
        [
          ['GDP', 'city', '2024-10', 6.8],
          ['GDP', 'xiqu', '2024-10', 7.2],
          ['GDP', 'dongqu', '2024-10', 5.0],
        ],
        [
          ['GDP', 'city', atLeast(6.5, 7)],
          ['GDP', 'xiqu', atLeast(6.5, 7)],
          ['GDP', 'dongqu', atLeast(6.5, 7)],
        ],
        [ind('GDP', { weight: 100 })],
      ),
    );
    const byUnit = Object.fromEntries(out.cells.map((c) => [c.orgUnitId, c]));
    expect(byUnit.city).toMatchObject({ status: 'floorMet', colour: 'green', period: '2024-10' });
    expect(byUnit.xiqu).toMatchObject({ status: 'stretchMet', colour: 'green', score: 120 });
    expect(byUnit.dongqu).toMatchObject({ status: 'belowFloor', colour: 'red' });
    const ranks = Object.fromEntries(out.composites.map((c) => [c.orgUnitId, c.rank]));
    expect(ranks).toEqual({ city: null, xiqu: 1, dongqu: 2 });
  });

  it('compares like with like: a unit that has not reported the month has no data there, not an older figure', () => {
    const out = evaluateFramework(
      input(
        [
          ['IVA', 'city', '2024-09', 7.6],
          ['IVA', 'xiqu', '2024-10', 7.0],
        ],
        [['IVA', 'city', atLeast(7.5, 8)]],
        [ind('IVA')],
      ),
    );
    // Every cell is for October: the city's September figure is not shown beside 西区's October one.
    expect(new Set(out.cells.map((c) => c.period))).toEqual(new Set(['2024-10']));
    const city = out.cells.find((c) => c.orgUnitId === 'city');
    expect(city).toMatchObject({ period: '2024-10', actual: null, status: 'noData', colour: 'grey', score: null });
    expect(out.cells.find((c) => c.orgUnitId === 'xiqu')).toMatchObject({ period: '2024-10', actual: 7.0 });
  });

  it('computes the regional gap over the children and the urban–rural ratio, with their inputs', () => {
    const out = evaluateFramework(
      input(
        [
          ['GDPPC', 'xiqu', '2024-10', 151_200],
          ['GDPPC', 'dongqu', '2024-10', 80_000],
          ['URB', 'city', '2024-10', 51_000],
          ['RUR', 'city', '2024-10', 24_500],
        ],
        [],
        [
          ind('GDPPC', { valueKind: 'level' }),
          ind('GAP', {
            formula: 'MAX_CHILDREN({GDPPC}) / MIN_CHILDREN({GDPPC})',
            scope: 'city',
            valueKind: 'level',
            direction: 'lower',
          }),
          ind('URB', { scope: 'city', valueKind: 'level' }),
          ind('RUR', { scope: 'city', valueKind: 'level' }),
          ind('RATIO', { formula: '{URB} / {RUR}', scope: 'city', valueKind: 'level', direction: 'lower' }),
        ],
      ),
    );
    const gap = out.cells.find((c) => c.indicatorCode === 'GAP' && c.orgUnitId === 'city');
    expect(gap?.actual).toBeCloseTo(1.89, 2);
    expect(gap?.computed).toBe(true);
    expect(gap?.inputs.map((x) => x.orgUnitId).sort()).toEqual(['dongqu', 'xiqu']);
    const ratio = out.cells.find((c) => c.indicatorCode === 'RATIO');
    expect(ratio?.actual).toBeCloseTo(2.08, 2);
    // Computed indicators of scope "city" have no district cells.
    expect(out.cells.filter((c) => c.indicatorCode === 'GAP')).toHaveLength(1);
  });

  describe('D3-02, the gap between the five counties, not the high-tech zone', () => {
    const FIVE = { dongqu: 113_400, xiqu: 86_000, renhe: 78_500, miyi: 64_000, yanbian: 60_000 };
    const KINDS: Record<string, string> = {
      dongqu: 'district',
      xiqu: 'district',
      renhe: 'district',
      miyi: 'county',
      yanbian: 'county',
      hitech: 'zone',
    };
    const gapOf = (reported: Record<string, number>, formula = 'MAX({GDPPC}, COUNTIES) / MIN({GDPPC}, COUNTIES)') => {
      const base = input(
        Object.entries(reported).map(([unit, v]) => ['GDPPC', unit, '2024', v] as [string, string, string, number]),
        [['GAP', 'city', { comparison: 'atMost', floor: 1.9, stretch: 1.85, upper: null }]],
        [
          ind('GDPPC', { valueKind: 'level', frequency: 'yearly' }),
          ind('GAP', { formula, scope: 'city', valueKind: 'level', direction: 'lower', frequency: 'yearly' }),
        ],
        '2024-12',
      );
      const units = Object.keys(KINDS);
      const out = evaluateFramework({
        ...base,
        rankedUnitIds: units,
        children: (id) => (id === 'city' ? units : []),
        members: (set, id) =>
          id !== 'city'
            ? []
            : set.kind === 'named' && set.name === 'COUNTIES'
              ? units.filter((u) => KINDS[u] !== 'zone')
              : set.kind === 'units'
                ? set.ids
                : units,
      });
      return out.cells.find((c) => c.indicatorCode === 'GAP' && c.orgUnitId === 'city');
    };

    it('five counties reporting: 113,400 ÷ 60,000 = 1.89, whatever the zone reports', () => {
      const gap = gapOf({ ...FIVE, hitech: 150_000 });
      expect(gap?.actual).toBeCloseTo(1.89, 2);
      expect(gap?.inputs.map((x) => x.orgUnitId)).not.toContain('hitech');
      expect(gap?.missingMembers).toEqual([]);
      // Over every child, as before, the zone's 150,000 made it 2.5.
      expect(gapOf({ ...FIVE, hitech: 150_000 }, 'MAX_CHILDREN({GDPPC}) / MIN_CHILDREN({GDPPC})')?.actual).toBe(2.5);
    });

    it('two counties reporting: no data, naming the three missing', () => {
      const gap = gapOf({ dongqu: 113_400, yanbian: 60_000 });
      expect(gap).toMatchObject({ actual: null, status: 'noData', colour: 'grey', score: null });
      expect(gap?.missingMembers).toEqual(['xiqu', 'renhe', 'miyi']);
    });

    it('one county reporting: no data — never 1.0, green, score 120', () => {
      const gap = gapOf({ xiqu: 86_000 });
      expect(gap).toMatchObject({ actual: null, status: 'noData', score: null });
      expect(gap?.missingMembers).toEqual(['dongqu', 'renhe', 'miyi', 'yanbian']);
    });

    it('a coverage rule that allows gaps computes over who reported and still names who did not', () => {
      const rule = 'MAX({GDPPC}, COUNTIES, 2) / MIN({GDPPC}, COUNTIES, 2)';
      const two = gapOf({ dongqu: 113_400, yanbian: 60_000 }, rule);
      expect(two?.actual).toBeCloseTo(1.89, 2);
      expect(two?.missingMembers).toEqual(['xiqu', 'renhe', 'miyi']);
      expect(gapOf({ xiqu: 86_000 }, rule)?.actual).toBeNull();
      expect(
        gapOf(
          { dongqu: 113_400, xiqu: 86_000 },
          'MAX({GDPPC}, UNITS(dongqu, xiqu)) / MIN({GDPPC}, UNITS(dongqu, xiqu))',
        )?.actual,
      ).toBeCloseTo(1.3186, 4);
    });
  });

  describe('a city figure that is the sum of its parts', () => {
    const households = (values: [string, string, string, number][]) =>
      evaluateFramework({
        ...input(values, [], [ind('HH', { valueKind: 'level', cityFormula: 'SUM({HH}, CHILDREN)' })]),
      }).cells.find((c) => c.orgUnitId === 'city');

    it('is computed from the districts when the city has not reported it', () => {
      const city = households([
        ['HH', 'xiqu', '2024-10', 8],
        ['HH', 'dongqu', '2024-10', 1],
      ]);
      expect(city).toMatchObject({ actual: 9, computed: true, rollup: { computed: 9, reported: null, matches: null } });
    });

    it('is checked against them when both are reported, with a mismatch said (8 reported, 8 + 1 = 9)', () => {
      const city = households([
        ['HH', 'city', '2024-10', 8],
        ['HH', 'xiqu', '2024-10', 8],
        ['HH', 'dongqu', '2024-10', 1],
      ]);
      expect(city).toMatchObject({ actual: 8, computed: false, rollup: { computed: 9, reported: 8, matches: false } });
      const agreeing = households([
        ['HH', 'city', '2024-10', 9],
        ['HH', 'xiqu', '2024-10', 8],
        ['HH', 'dongqu', '2024-10', 1],
      ]);
      expect(agreeing?.rollup?.matches).toBe(true);
    });

    it('is no data while a district has not reported (coverage: all members)', () => {
      const city = households([['HH', 'xiqu', '2024-10', 8]]);
      expect(city).toMatchObject({ actual: null, status: 'noData', missingMembers: ['dongqu'] });
    });
  });

  it('judges a cumulative amount against time-elapsed progress (new jobs: 1.8万 a year, 1.2万 by October = 66.7%, 16.7 points behind → yellow)', () => {
    const out = evaluateFramework(
      input(
        [['JOBS', 'city', '2024-10', 1.2]],
        [['JOBS', 'city', atLeast(1.8)]],
        [ind('JOBS', { valueKind: 'cumulative', scope: 'city' })],
      ),
    );
    const c = out.cells[0];
    expect(c?.status).toBe('behindSchedule');
    expect(c?.colour).toBe('yellow');
    expect(c?.deviationPoints).toBeCloseTo(-16.67, 1);
  });
});
