import { describe, expect, it } from 'vitest';
import { projectYearEnd } from './projection.ts';
import type { Target } from './types.ts';

const target = (
  floor: number | null,
  stretch: number | null = null,
  comparison: Target['comparison'] = 'atLeast',
): Target => ({
  comparison,
  floor,
  stretch,
  upper: null,
});
const months = (known: (number | null)[]) => [...known, ...Array<null>(12 - known.length).fill(null)];

describe('projectYearEnd', () => {
  it('a steady year-to-date rate projects itself: "按当前进度，预计全年 6.2%，低于确保目标 6.5%"', () => {
    const p = projectYearEnd({
      valueKind: 'rate',
      month: 10,
      thisYear: months([6.2, 6.2, 6.2, 6.2, 6.2, 6.2, 6.2, 6.2, 6.2, 6.2]),
      target: target(6.5, 7),
      unit: '%',
    });
    expect(p?.projected).toBeCloseTo(6.2, 12);
    expect(p?.shape).toBe('evenMonths');
    expect(p).toMatchObject({ floorMet: false, stretchMet: false });
    expect(p?.text.zh).toBe('按当前进度，预计全年 6.2%，低于确保目标 6.5%。');
    expect(p?.text.en).toBe('At the current pace the full year is projected at 6.2%, below the floor 6.5%.');
  });

  it('by default a rising rate is carried at its year to date; with momentum the last three months count', () => {
    expect(
      projectYearEnd({ valueKind: 'rate', month: 6, thisYear: months([5, 5, 5, 5.5, 6, 6.5]) })?.projected,
    ).toBeCloseTo(6.5, 12);
    // Year to date 5.0, 5.5, 6.0 on an even year: the months 2–3 grew faster than 6%.
    const p = projectYearEnd({
      valueKind: 'rate',
      month: 3,
      thisYear: months([5, 5.5, 6]),
      target: target(6.5, 7),
      momentum: 0.5,
    });
    // A(k) = k/12 (1 + g_k): A(3) − A(0) over L(3) = 1.06 → the rest of the year at 6%, so 6.0 exactly.
    expect(p?.projected).toBeCloseTo(6, 9);
    const q = projectYearEnd({
      valueKind: 'rate',
      month: 6,
      thisYear: months([5, 5, 5, 5.5, 6, 6.5]),
      target: target(6.5, 7),
      momentum: 0.5,
    });
    // Months 4–6 grew at (6/12·1.065 − 3/12·1.05) / (3/12) − 1 = 8%; the rest of the year grows at the mean of that
    // and the year to date's 6.5% (momentum 0.5), 7.25%: (6/12 · 1.065 + 6/12 · 1.0725) − 1 = 6.875%.
    expect(q?.projected).toBeCloseTo(6.875, 9);
    expect(q?.text.zh).toBe('按当前进度，预计全年 6.9，可达到确保目标 6.5，低于力争目标 7。');
    // With full momentum the rest of the year grows at 8%: 7.25%.
    const full = projectYearEnd({ valueKind: 'rate', month: 6, thisYear: months([5, 5, 5, 5.5, 6, 6.5]), momentum: 1 });
    expect(full?.projected).toBeCloseTo(7.25, 9);
  });

  it('cumulative: year to date over the expected share — Q1 89.6亿 on an even year → 358.4亿', () => {
    const p = projectYearEnd({
      valueKind: 'cumulative',
      month: 3,
      thisYear: months([20, 50, 89.6]),
      target: target(290, 300),
      unit: '亿元',
    });
    expect(p?.projected).toBeCloseTo(358.4, 9);
    expect(p?.share).toBe(0.25);
    expect(p?.text.zh).toBe('按当前进度，预计全年 358.4亿元，可达到力争目标 300亿元。');
  });

  it('uses last year’s pattern where there is one, else the seasonal profile', () => {
    const lastYear = [10, 30, 60, 90, 120, 150, 170, 190, 220, 250, 280, 300];
    const p = projectYearEnd({
      valueKind: 'cumulative',
      month: 3,
      thisYear: months([12, 33, 66]),
      lastYear,
      target: target(290),
    });
    // Last year had 20% by March, an even year 25%: the blend expects 22.5%.
    expect(p?.shape).toBe('lastYear');
    expect(p?.share).toBeCloseTo(0.225, 12);
    expect(p?.projected).toBeCloseTo(66 / 0.225, 9);
    const profile = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.58, 0.66, 0.75, 0.84, 0.92, 1];
    const q = projectYearEnd({
      valueKind: 'cumulative',
      month: 3,
      thisYear: months([5, 10, 58]),
      seasonalProfile: profile,
      target: target(290),
    });
    expect(q).toMatchObject({ shape: 'seasonalProfile', projected: 290, floorMet: true, stretchMet: null });
    expect(q?.text.zh).toBe('按当前进度，预计全年 290，可达到确保目标 290。');
  });

  it('ceilings: "高于控制目标"', () => {
    const p = projectYearEnd({
      valueKind: 'rate',
      month: 9,
      thisYear: months([4, 4, 4, 4, 4, 4, 4, 4, 4]),
      target: target(3.5, null, 'atMost'),
      unit: '%',
    });
    expect(p?.text.zh).toBe('按当前进度，预计全年 4%，高于控制目标 3.5%。');
    expect(p?.floorMet).toBe(false);
  });

  it('nothing to project for levels, at the year end, or without this month’s figure', () => {
    expect(projectYearEnd({ valueKind: 'level', month: 6, thisYear: months([1, 1, 1, 1, 1, 1]) })).toBeNull();
    expect(projectYearEnd({ valueKind: 'rate', month: 12, thisYear: Array<number>(12).fill(6) })).toBeNull();
    expect(projectYearEnd({ valueKind: 'rate', month: 6, thisYear: months([6, 6, 6]) })).toBeNull();
    expect(() => projectYearEnd({ valueKind: 'rate', month: 13, thisYear: [] })).toThrow('Invalid month');
  });
});
