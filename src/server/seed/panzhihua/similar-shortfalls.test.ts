/**
 * Issue 7, "similar shortfalls score similarly", over the default data: for every target of the default data
 * (stated and generated, every year), the same relative shortfall of a rate or level — or the same number of points
 * behind time-elapsed progress for a cumulative figure — gets the same score, whatever the indicator, its baseline
 * (last year's growth rate was once the zero point) or its stretch tier.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../domain/evaluation.ts';
import { elapsedShare } from '../../../domain/periods.ts';
import { baselines, indicators, targetsForYears } from './index.ts';

const targets = targetsForYears([2024, 2025, 2026]).filter((t) => t.kind === 'annual' && t.comparison !== 'between');
const byCode = new Map(indicators.map((i) => [i.code, i]));
const baseline = new Map(baselines.map((b) => [`${b.indicatorCode}|${b.orgUnitId}`, b.value]));

describe('similar shortfalls score similarly, over every target of the default data', () => {
  it('rates and levels: the same share short of the floor (or over a ceiling) scores the same', () => {
    let checked = 0;
    for (const share of [0.02, 0.05, 0.08, 0.15, 0.2]) {
      const scores = new Set<string>();
      for (const t of targets) {
        const i = byCode.get(t.indicatorCode);
        const floor = t.floor ?? t.stretch;
        if (!i || i.valueKind === 'cumulative' || floor === null || floor <= 0) continue;
        const actual = t.comparison === 'atMost' ? floor * (1 + share) : floor * (1 - share);
        const r = evaluate({
          direction: i.direction,
          valueKind: i.valueKind,
          actual,
          target: { comparison: t.comparison, floor: t.floor, stretch: t.stretch, upper: t.upper },
          baseline: baseline.get(`${t.indicatorCode}|${t.orgUnitId}`) ?? null,
          period: `${t.year}`,
        });
        scores.add((r.score as number).toFixed(6));
        checked++;
      }
      // 2% short → 92, 5% → 80, 8% → 68, 15% → 30, 20% → 10: one straight line through 100, 60 and 0.
      expect([...scores], `${share * 100}% short`).toHaveLength(1);
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('cumulative figures: the same points behind time-elapsed progress scores the same, in every month', () => {
    let checked = 0;
    for (const month of [3, 6, 10]) {
      for (const behind of [5, 20, 40]) {
        const scores = new Set<string>();
        for (const t of targets) {
          const i = byCode.get(t.indicatorCode);
          const floor = t.floor ?? t.stretch;
          if (!i || i.valueKind !== 'cumulative' || floor === null || floor <= 0 || t.comparison !== 'atLeast')
            continue;
          const period = `${t.year}-${String(month).padStart(2, '0')}`;
          const e = elapsedShare(period, i.seasonalProfile);
          if (e - behind / 100 <= 0) continue;
          const r = evaluate({
            direction: i.direction,
            valueKind: 'cumulative',
            actual: floor * (e - behind / 100),
            target: { comparison: t.comparison, floor: t.floor, stretch: t.stretch, upper: t.upper },
            baseline: baseline.get(`${t.indicatorCode}|${t.orgUnitId}`) ?? null,
            period,
            seasonalProfile: i.seasonalProfile,
          });
          scores.add((r.score as number).toFixed(6));
          checked++;
        }
        // 40 points behind cannot happen in March (25% of the year gone): nothing to compare.
        if (month * 100 > behind * 12) expect([...scores], `${behind} points behind in month ${month}`).toHaveLength(1);
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
