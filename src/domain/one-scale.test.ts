/**
 * Issue 7 "one position, one scale": the cases quoted in the issue, and a property test over many generated cells
 * that colour and score never contradict each other.
 */
import { describe, expect, it } from 'vitest';
import { COLOUR_LEGEND, evaluate, statusLabel, type EvaluationInput } from './evaluation.ts';
import type { Colour, Comparison, Target, ValueKind } from './types.ts';

const T = (comparison: Comparison, floor: number | null, stretch: number | null = null, upper: number | null = null) =>
  ({ comparison, floor, stretch, upper }) satisfies Target;

describe('the cases of issue 7', () => {
  it('D3-04 (city, stretch-only 380, baseline 362, 279.2 in October) is green and scores like it', () => {
    const r = evaluate({
      direction: 'higher',
      valueKind: 'cumulative',
      actual: 279.2,
      target: T('atLeast', null, 380),
      baseline: 362,
      period: '2024-10',
      unit: '亿元',
    });
    // 279.2 / 380 = 73.5% against 83.3% elapsed: 9.9 points behind, within the 10-point near-pace band.
    expect(r.colour).toBe('green');
    expect(r.label.zh).toBe('基本符合序时进度');
    // 100 on pace (316.67), 60 at 30 points behind (202.67): 60 + 40 × (279.2 − 202.67) / 114.
    expect(r.score).toBeCloseTo(60 + (40 * (279.2 - 202.6666667)) / (316.6666667 - 202.6666667), 6);
    expect(r.score).toBeGreaterThan(86.66);
    // The baseline is not the zero point any more (it made 362 × 10/12 = 301.7 the zero, so the score was 0).
    expect(r.explanation.inputs.scoreZeroPoint).toBeCloseTo(380 * (10 / 12 - 0.75), 9);
    expect(r.explanation.text.zh).toContain('零分点 31.67亿元（默认：落后序时 75 个百分点）记 0 分');
    expect(r.explanation.text.zh).toContain('基期值 362亿元（仅供参考，不作为零分点）');
    expect(r.explanation.text.zh).toContain('序时进度 83.3%');
  });

  it('D3-03-like: a yellow cumulative cell scores between 60 and 100, never 0', () => {
    // 20 points behind in October: yellow.
    const r = evaluate({
      direction: 'higher',
      valueKind: 'cumulative',
      actual: 380 * (10 / 12 - 0.2),
      target: T('atLeast', null, 380),
      baseline: 362,
      period: '2024-10',
    });
    expect(r).toMatchObject({ status: 'behindSchedule', colour: 'yellow' });
    expect(r.label.zh).toBe('滞后序时进度');
    expect(r.score).toBeCloseTo(100 - (40 * 20) / 30, 9);
  });

  it('D5-01 (5.2 against a 5.5 floor, 2023 3.9%) and D2-03 (7.2 against 7.5) score alike', () => {
    const d501 = evaluate({
      direction: 'higher',
      valueKind: 'rate',
      actual: 5.2,
      target: T('atLeast', 5.5, 6),
      baseline: 3.9,
      period: '2024-10',
      unit: '%',
    });
    const d203 = evaluate({
      direction: 'higher',
      valueKind: 'rate',
      actual: 7.2,
      target: T('atLeast', 7.5, 8),
      period: '2024-10',
      unit: '%',
    });
    // 5.45% and 4% short of the floor: 100 − 40 × shortfall / 10%.
    expect(d501.score).toBeCloseTo(100 - 40 * (0.3 / 5.5 / 0.1), 9);
    expect(d203.score).toBeCloseTo(84, 9);
    expect(Math.abs((d501.score as number) - (d203.score as number))).toBeLessThan(6);
    for (const r of [d501, d203]) {
      expect(r.colour).toBe('yellow');
      expect(r.label.zh).toBe('接近确保目标');
      expect(r.explanation.text.zh).not.toContain('序时');
      expect(r.explanation.text.zh).toContain('低于确保目标 0.3 个百分点');
    }
    expect(d501.explanation.text.zh).toContain('零分点 4.13%（默认：偏离确保目标 25%）');
  });

  it('red cells score below 60 (D2-03 仁和, D1-01 高新区, D2-07 city scored 87.5–89.4 while red)', () => {
    // 12% short of a 7.5 floor: red.
    const r = evaluate({
      direction: 'higher',
      valueKind: 'rate',
      actual: 6.6,
      target: T('atLeast', 7.5, 8),
      period: '2024-10',
    });
    expect(r.colour).toBe('red');
    expect(r.score).toBeLessThan(60);
    expect(r.score).toBeCloseTo(60 * ((6.6 - 5.625) / (6.75 - 5.625)), 9);
    expect(r.label.zh).toBe('未达确保目标');
  });

  it('7.1亿 against ≥ 8.2亿 never says 达到确保目标', () => {
    const r = evaluate({
      direction: 'higher',
      valueKind: 'level',
      actual: 7.1,
      target: T('atLeast', 8.2),
      period: '2024-10',
      unit: '亿元',
    });
    expect(r.colour).toBe('red');
    expect(r.label.zh).toBe('未达确保目标');
    expect(r.explanation.text.zh).not.toContain('达到确保目标');
    expect(r.explanation.text.zh).toContain(
      '实际 7.1亿元，确保目标 8.2亿元（单一目标）；低于确保目标 1.1亿元，为确保目标的 13.4%',
    );
  });

  it('D2-35-like: a cumulative share 6 points behind pace is "基本符合序时进度", not 达到确保目标', () => {
    const r = evaluate({
      direction: 'higher',
      valueKind: 'cumulative',
      actual: 83.89,
      target: T('atLeast', 100),
      period: '2024-11',
      unit: '%',
    });
    expect(r.colour).toBe('green');
    expect(r.label.zh).toBe('基本符合序时进度');
    expect(r.explanation.text.zh).not.toContain('达到确保目标');
    expect(r.score).toBeLessThan(100);
  });

  it('the explanation names no rule ids', () => {
    const r = evaluate({
      direction: 'higher',
      valueKind: 'rate',
      actual: 6,
      target: T('atLeast', 6.5, 7),
      period: '2024',
    });
    expect(r.explanation.text.zh).not.toMatch(/direct\.|cumulative\.|floorMet|[a-z]+\.[a-z]+/);
    expect(r.explanation.text.en).not.toMatch(/direct\.|cumulative\.|floorMet/);
  });

  it('labels fit the kind: rates are never behind schedule, cumulative figures are', () => {
    expect(statusLabel('behindSchedule', 'rate').zh).toBe('接近确保目标');
    expect(statusLabel('behindSchedule', 'level').zh).toBe('接近确保目标');
    expect(statusLabel('behindSchedule', 'cumulative').zh).toBe('滞后序时进度');
    expect(statusLabel('behindSchedule', 'cumulative', { yearEnd: true }).zh).toBe('接近确保目标');
    expect(statusLabel('floorMet', 'cumulative').zh).toBe('序时进度正常');
    expect(statusLabel('floorMet', 'rate').zh).toBe('达到确保目标');
    expect(COLOUR_LEGEND.yellow.zh).toContain('接近确保目标');
    expect(COLOUR_LEGEND.yellow.zh).toContain('累计指标滞后序时进度');
  });
});

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COLOUR_RANK: Record<Colour, number> = { red: 0, yellow: 1, green: 2, grey: -1 };

describe('property: colour and score are two views of one position', () => {
  it('over 2,000 generated indicators × 40 actuals: ordered colours have ordered scores; met ⇒ ≥ 100', () => {
    const rnd = random(20241210);
    const kinds: ValueKind[] = ['cumulative', 'rate', 'level'];
    const periods = ['2024-01', '2024-03', '2024-06', '2024-Q2', '2024-10', '2024-11', '2024-12', '2024'];
    let checked = 0;
    const violations: string[] = [];
    for (let n = 0; n < 2000; n++) {
      const valueKind = kinds[Math.floor(rnd() * 3)] as ValueKind;
      const comparison: Comparison = rnd() < 0.7 ? 'atLeast' : rnd() < 0.8 ? 'atMost' : 'between';
      const magnitude = 10 ** Math.floor(rnd() * 4 - 1);
      const floor = Math.round((rnd() * 20 - (valueKind === 'rate' ? 3 : 0)) * magnitude * 100) / 100;
      const tier = rnd();
      const better = comparison === 'atMost' ? -1 : 1;
      const stretch = tier < 0.5 ? floor + better * Math.abs(floor) * rnd() * 0.3 : null;
      const target =
        comparison === 'between'
          ? T('between', floor, null, floor + Math.abs(floor) * rnd() + 0.1)
          : tier > 0.85
            ? T(comparison, null, floor)
            : T(comparison, floor, stretch);
      const base: Omit<EvaluationInput, 'actual'> = {
        direction: comparison === 'atMost' ? 'lower' : 'higher',
        valueKind,
        target,
        baseline: rnd() < 0.5 ? floor * (0.8 + rnd() * 0.4) : null,
        zeroPoint: rnd() < 0.2 ? floor * (rnd() * 2 - 0.5) : null,
        period: periods[Math.floor(rnd() * periods.length)] as string,
        thresholds: rnd() < 0.3 ? { yellowPoints: 5, redPoints: 20, rateYellowRelative: 0.05 } : undefined,
      };
      const span = Math.max(Math.abs(floor), 0.5) * 2.5;
      const cells = Array.from({ length: 40 }, () => {
        const actual = floor + (rnd() * 2 - 1.2) * span;
        return { actual, r: evaluate({ ...base, actual }) };
      });
      const fail = (why: string, extra: object) => {
        if (violations.length < 5) violations.push(`${why}: ${JSON.stringify({ ...base, ...extra })}`);
      };
      for (const a of cells) {
        const { r } = a;
        const score = r.score;
        checked++;
        if (score === null || score < 0 || score > 120) {
          fail('score out of range', { actual: a.actual, score });
          continue;
        }
        const met = r.status === 'stretchMet' || (r.colour === 'green' && !r.explanation.rule.endsWith('nearPace'));
        if (met && score < 100) fail('met below 100', { actual: a.actual, score, rule: r.explanation.rule });
        if (r.colour === 'red' && score > 60) fail('red above 60', { actual: a.actual, score });
        if (r.colour === 'yellow' && (score < 60 || score >= 100))
          fail('yellow outside 60–100', { actual: a.actual, score });
        for (const b of cells) {
          const other = b.r.score as number;
          if (COLOUR_RANK[r.colour] > COLOUR_RANK[b.r.colour] && score < other) {
            fail('better colour scores less', { a: a.actual, b: b.actual, score, other });
          }
          // Monotone: a better actual never scores less (one-sided targets).
          const better = comparison === 'atMost' ? a.actual < b.actual : a.actual > b.actual;
          if (comparison !== 'between' && better && score < other - 1e-9) {
            fail('better actual scores less', { a: a.actual, b: b.actual, score, other });
          }
        }
      }
    }
    expect(violations).toEqual([]);
    expect(checked).toBe(80_000);
  });
});

describe('the worked examples of docs/evaluation.md', () => {
  const rate = (actual: number, floor: number, stretch: number | null = null, comparison: Comparison = 'atLeast') =>
    evaluate({ direction: 'higher', valueKind: 'rate', actual, target: T(comparison, floor, stretch), period: '2024' });
  const cumulative = (actual: number, period: string, floor = 290, stretch: number | null = null) =>
    evaluate({ direction: 'higher', valueKind: 'cumulative', actual, target: T('atLeast', floor, stretch), period });

  it('gives the scores the page states', () => {
    expect(rate(6.8, 6.5, 7).score).toBeCloseTo(112, 9);
    expect(rate(6.0, 6.5, 7).score).toBeCloseTo(69.23, 2);
    expect(rate(5.5, 6.5, 7).score).toBeCloseTo(38.46, 2);
    expect(rate(5.2, 5.5, 6).score).toBeCloseTo(78.18, 2);
    expect(
      evaluate({ direction: 'higher', valueKind: 'level', actual: 7.1, target: T('atLeast', 8.2), period: '2024' })
        .score,
    ).toBeCloseTo(46.34, 2);
    expect(cumulative(145, '2024-06').score).toBeCloseTo(100, 9);
    expect(cumulative(101.5, '2024-06').score).toBeCloseTo(80, 9);
    expect(cumulative(43.5, '2024-06').score).toBeCloseTo(53.33, 2);
    expect(cumulative(275.5, '2024-12')).toMatchObject({ colour: 'yellow' });
    expect(cumulative(275.5, '2024-12').score).toBeCloseTo(80, 9);
    expect(cumulative(232, '2024-12').score).toBeCloseTo(20, 9);
    expect(cumulative(0.6, '2024-Q1', 1.8).score).toBe(120);
    expect(rate(3.2, 3.5, null, 'atMost').score).toBeCloseTo(108.57, 2);
    expect(rate(3.8, 3.5, null, 'atMost').score).toBeCloseTo(65.71, 2);
    expect(rate(4.2, 3.5, null, 'atMost').score).toBeCloseTo(20, 9);
  });
});
