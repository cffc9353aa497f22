import { describe, expect, it } from 'vitest';
import { evaluate, resolveThresholds, statusColour, type EvaluationInput } from './evaluation.ts';
import type { Target } from './types.ts';

const target = (
  comparison: Target['comparison'],
  floor: number | null,
  stretch: number | null = null,
  upper: number | null = null,
): Target => ({
  comparison,
  floor,
  stretch,
  upper,
});

/** Key-project investment (亿元, cumulative): 2024 plan 290; the stretch 300 is illustrative. */
const investment = (actual: number | null, period: string, extra: Partial<EvaluationInput> = {}): EvaluationInput => ({
  direction: 'higher',
  valueKind: 'cumulative',
  actual,
  target: target('atLeast', 290, 300),
  period,
  ...extra,
});

describe('evaluate: cumulative indicators against time-elapsed progress', () => {
  it('Q1 30.9% against 25% elapsed is +5.9 points, on pace for the stretch', () => {
    const result = evaluate(investment(89.6, '2024-Q1'));
    expect(result.status).toBe('stretchMet');
    expect(result.colour).toBe('green');
    expect(result.elapsedShare).toBe(0.25);
    expect(result.completion).toBeCloseTo(0.309, 3);
    expect(result.deviationPoints).toBeCloseTo(5.9, 1);
    expect(result.score).toBe(120);
    expect(result.explanation.rule).toBe('cumulative.aheadOfStretch');
    expect(result.label.zh).toBe('达到力争目标进度');
    expect(result.explanation.text.zh).toContain(
      '完成确保目标的 30.9%，序时进度 25.0%（按月平均），超序时 5.9 个百分点',
    );
    expect(result.explanation.text.zh).toContain('判定：达到力争目标进度（绿色）；得分 120');
    expect(result.explanation.text.en).toContain('5.9 points ahead');
    expect(result.explanation.inputs).toMatchObject({ floor: 290, stretch: 300, elapsedShare: 0.25, yearEnd: false });
  });

  it('on pace for the floor but not the stretch', () => {
    // 73 of 290 = 25.2% ≥ 25%; 73 of 300 = 24.3% < 25%.
    const result = evaluate(investment(73, '2024-Q1'));
    expect(result.status).toBe('floorMet');
    expect(result.explanation.rule).toBe('cumulative.onPace');
  });

  it('up to 10 points behind is still green, 10–30 yellow, beyond red', () => {
    // Half year (50% elapsed): 41% completion = −9 points, 35% = −15, 15% = −35.
    expect(evaluate(investment(290 * 0.41, '2024-06'))).toMatchObject({ status: 'floorMet', colour: 'green' });
    expect(evaluate(investment(290 * 0.41, '2024-06')).explanation.rule).toBe('cumulative.nearPace');
    const yellow = evaluate(investment(290 * 0.35, '2024-06'));
    expect(yellow).toMatchObject({ status: 'behindSchedule', colour: 'yellow' });
    expect(yellow.label.zh).toBe('滞后序时进度');
    expect(yellow.explanation.text.zh).toContain(
      '完成确保目标的 35.0%，序时进度 50.0%（按月平均），落后序时 15.0 个百分点',
    );
    expect(yellow.explanation.text.zh).toContain('落后 10–30 个百分点为黄色（滞后序时进度）');
    // 60 at 30 points behind, 100 on pace: 15 behind is half way.
    expect(yellow.score).toBeCloseTo(80, 9);
    const red = evaluate(investment(290 * 0.15, '2024-06'));
    expect(red).toMatchObject({ status: 'belowFloor', colour: 'red' });
    expect(red.deviationPoints).toBeCloseTo(-35, 9);
  });

  it('boundaries: exactly 10 points behind is green, exactly 30 is yellow', () => {
    expect(evaluate(investment(290 * 0.15, '2024-Q1')).status).toBe('floorMet');
    expect(evaluate(investment(290 * 0.2, '2024-06')).status).toBe('behindSchedule');
  });

  it('thresholds are configurable', () => {
    const strict = { yellowPoints: 0, redPoints: 5 };
    expect(evaluate(investment(290 * 0.48, '2024-06', { thresholds: strict })).status).toBe('behindSchedule');
    expect(evaluate(investment(290 * 0.44, '2024-06', { thresholds: strict })).status).toBe('belowFloor');
  });

  it('a seasonal profile sets the expected share', () => {
    const profile = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.58, 0.66, 0.75, 0.84, 0.92, 1];
    // By March only 20% is expected: 58 of 290 = 20% is on pace, although behind an even 25%.
    const result = evaluate(investment(58, '2024-03', { seasonalProfile: profile, target: target('atLeast', 290) }));
    expect(result.elapsedShare).toBe(0.2);
    expect(result.status).toBe('floorMet');
    expect(result.explanation.rule).toBe('cumulative.onPace');
    expect(result.score).toBeCloseTo(100, 9);
  });

  it('at the year end the near-pace tolerance no longer applies', () => {
    // 2023: the 216 key projects completed 336.1亿元 = 126.6% of plan (plan ≈ 265.5).
    const plan2023 = 336.1 / 1.266;
    const met = evaluate(investment(336.1, '2023', { target: target('atLeast', plan2023) }));
    expect(met).toMatchObject({ status: 'floorMet', elapsedShare: 1 });
    expect(met.completion).toBeCloseTo(1.266, 3);
    expect(met.explanation.rule).toBe('cumulative.yearEnd.floorMet');
    expect(met.explanation.text.zh).toContain('完成全年目标的 126.6%；判定：达到确保目标（绿色）');
    expect(met.label.zh).toBe('达到确保目标');

    expect(evaluate(investment(300, '2024-12')).explanation.rule).toBe('cumulative.yearEnd.stretchMet');
    const short = evaluate(investment(290 * 0.95, '2024-Q4'));
    expect(short).toMatchObject({ status: 'behindSchedule', colour: 'yellow' });
    expect(short.explanation.rule).toBe('cumulative.yearEnd.nearFloor');
    // At the year end the figure is final: no schedule left, so it is "close to the floor", not "behind".
    expect(short.label.zh).toBe('接近确保目标');
    expect(evaluate(investment(290 * 0.8, '2024')).status).toBe('belowFloor');
  });

  it('one-tier targets are never stretchMet', () => {
    // Urban new jobs 1.8万 for 2024, 0.6万 by the end of Q1 (33.3% against 25%).
    const result = evaluate({
      direction: 'higher',
      valueKind: 'cumulative',
      actual: 0.6,
      target: target('atLeast', 1.8),
      period: '2024-Q1',
    });
    expect(result.status).toBe('floorMet');
    expect(result.explanation.text.zh).toContain(
      '完成确保目标的 33.3%，序时进度 25.0%（按月平均），超序时 8.3 个百分点',
    );
    expect(result.label.zh).toBe('达到序时进度');
    expect(result.score).toBe(120);
  });

  it('stretch-only targets are treated as the floor', () => {
    const result = evaluate(investment(80, '2024-Q1', { target: target('atLeast', null, 300) }));
    expect(result.status).toBe('floorMet');
    expect(result.explanation.inputs.tiers).toBe('stretchOnly');
    expect(result.explanation.text.zh).toContain('目标 300（仅设力争目标，按其考核）');
  });

  it('cumulative ceilings are mirrored: running ahead of pace is bad', () => {
    // Illustrative: energy use capped at 100 for the year.
    const cap = (actual: number, period: string) =>
      evaluate({ direction: 'lower', valueKind: 'cumulative', actual, target: target('atMost', 100, 95), period });
    expect(cap(20, '2024-Q1').status).toBe('stretchMet');
    expect(cap(24, '2024-Q1')).toMatchObject({ status: 'floorMet' });
    expect(cap(24, '2024-Q1').explanation.rule).toBe('cumulativeCeiling.onPace');
    expect(cap(33, '2024-Q1').explanation.rule).toBe('cumulativeCeiling.nearPace');
    expect(cap(45, '2024-Q1').status).toBe('behindSchedule');
    expect(cap(60, '2024-Q1').status).toBe('belowFloor');
    expect(cap(99, '2024-12').explanation.rule).toBe('cumulativeCeiling.yearEnd.withinCeiling');
    expect(cap(105, '2024-12')).toMatchObject({ status: 'behindSchedule', colour: 'yellow' });
    expect(cap(115, '2024-12').status).toBe('belowFloor');
  });

  it('a zero ceiling is compared directly (no completion rate)', () => {
    // Illustrative: no major safety accident.
    const accidents = (actual: number) =>
      evaluate({ direction: 'lower', valueKind: 'cumulative', actual, target: target('atMost', 0), period: '2024-Q2' });
    expect(accidents(0)).toMatchObject({ status: 'floorMet', completion: null, deviationPoints: null });
    expect(accidents(1)).toMatchObject({ status: 'belowFloor', colour: 'red' });
    expect(accidents(1).explanation.rule).toBe('cumulative.nonPositiveTarget.missed');
  });

  it('cumulative ranges are judged against the paced range', () => {
    const range = (actual: number) =>
      evaluate({
        direction: 'higher',
        valueKind: 'cumulative',
        actual,
        target: target('between', 100, null, 120),
        period: '2024-06',
      });
    expect(range(55).status).toBe('floorMet');
    expect(range(45)).toMatchObject({ status: 'behindSchedule' }); // 45% of the floor vs 50%: −5 points
    expect(range(30).status).toBe('belowFloor');
    expect(range(65).explanation.rule).toBe('cumulativeBetween.aboveNear'); // 54.2% of the upper vs 50%
    expect(range(90).explanation.rule).toBe('cumulativeBetween.aboveFar');
  });
});

describe('evaluate: rates and levels against the annual target', () => {
  const gdp = (actual: number, period = '2024-Q1'): EvaluationInput => ({
    direction: 'higher',
    valueKind: 'rate',
    actual,
    target: target('atLeast', 6.5, 7),
    period,
  });

  it('GDP growth 确保 6.5% / 力争 7%', () => {
    expect(evaluate(gdp(7.2))).toMatchObject({ status: 'stretchMet', colour: 'green', score: 120 });
    expect(evaluate(gdp(6.6))).toMatchObject({ status: 'floorMet', colour: 'green' });
    const yellow = evaluate(gdp(6.0));
    expect(yellow).toMatchObject({
      status: 'behindSchedule',
      colour: 'yellow',
      completion: null,
      deviationPoints: null,
    });
    expect(yellow.explanation.rule).toBe('direct.nearFloor');
    expect(yellow.label.zh).toBe('接近确保目标');
    expect(yellow.explanation.text.zh).toContain(
      '实际 6，确保目标 6.5，力争目标 7；低于确保目标 0.5，为确保目标的 7.7%',
    );
    expect(yellow.explanation.text.zh).not.toContain('序时');
    expect(evaluate(gdp(5.5))).toMatchObject({ status: 'belowFloor', colour: 'red' });
  });

  it('is not paced: Q1 and the year are judged alike', () => {
    expect(evaluate(gdp(6.6, '2024-03')).status).toBe(evaluate(gdp(6.6, '2024')).status);
    expect(evaluate(gdp(6.6, '2024-03')).score).toBe(evaluate(gdp(6.6, '2024')).score);
  });

  it('exactly 10% short is still yellow', () => {
    expect(evaluate(gdp(5.85)).status).toBe('behindSchedule');
  });

  it('ceilings: CPI within 3.5%, registered unemployment below 4.5%', () => {
    const cpi = (actual: number): EvaluationInput => ({
      direction: 'lower',
      valueKind: 'rate',
      actual,
      target: target('atMost', 3.5),
      period: '2024',
    });
    expect(evaluate(cpi(3.2))).toMatchObject({ status: 'floorMet', colour: 'green' });
    const over = evaluate(cpi(3.8));
    expect(over).toMatchObject({ status: 'behindSchedule', colour: 'yellow' });
    expect(over.explanation.text.zh).toContain('实际 3.8，控制目标 3.5 以内；高于控制目标 0.3，为控制目标的 8.6%');
    expect(over.label.zh).toBe('略超控制目标');
    expect(evaluate(cpi(4.2)).status).toBe('belowFloor');
    const unemployment = evaluate({
      direction: 'lower',
      valueKind: 'level',
      actual: 3.9,
      target: target('atMost', 4.5),
      period: '2025',
    });
    expect(unemployment.status).toBe('floorMet');
    expect(unemployment.explanation.rule).toBe('directCeiling.withinCeiling');
  });

  // Changed with issue 7: the baseline is no longer the zero point (a yellow 2.08 scored 0, and last year's growth
  // rates made similar shortfalls score very differently); it is shown for reference only.
  it('urban–rural income ratio below 2 (high-tech zone 2025): the 2023 ratio 2.08 is shown, not the zero point', () => {
    const ratio = (actual: number) =>
      evaluate({
        direction: 'lower',
        valueKind: 'level',
        actual,
        target: target('atMost', 2),
        baseline: 2.08,
        period: '2025',
      });
    // 4% over the ceiling: yellow; 60 at 2.2 (10% over), 100 at 2.
    expect(ratio(2.08)).toMatchObject({ status: 'behindSchedule' });
    expect(ratio(2.08).score).toBeCloseTo(84, 9);
    expect(ratio(2.04).score).toBeCloseTo(92, 9);
    expect(ratio(1.98)).toMatchObject({ status: 'floorMet' });
    expect(ratio(1.98).explanation.inputs.scoreZeroPoint).toBeCloseTo(2.5, 12);
    expect(ratio(2.04).explanation.text.zh).toContain('基期值 2.08（仅供参考，不作为零分点）');
  });

  it('ranges: inside green, just outside yellow, far outside red', () => {
    const band = (actual: number) =>
      evaluate({
        direction: 'higher',
        valueKind: 'level',
        actual,
        target: target('between', 2, null, 3),
        period: '2024',
      });
    expect(band(2.5)).toMatchObject({ status: 'floorMet', score: 100 });
    expect(band(1.9).explanation.rule).toBe('between.belowNear');
    expect(band(1.5).explanation.rule).toBe('between.belowFar');
    expect(band(3.2)).toMatchObject({ status: 'behindSchedule', colour: 'yellow' });
    expect(band(3.5)).toMatchObject({ status: 'belowFloor', colour: 'red' });
  });

  it('a floor of 0 has no relative tolerance', () => {
    const flat = evaluate({
      direction: 'higher',
      valueKind: 'rate',
      actual: -0.1,
      target: target('atLeast', 0),
      period: '2024',
    });
    expect(flat.status).toBe('belowFloor');
  });

  it('handles negative actuals', () => {
    const result = evaluate(gdp(-1.5));
    expect(result).toMatchObject({ status: 'belowFloor', score: 0 });
  });
});

describe('evaluate: missing data and targets', () => {
  it('no actual → noData, grey, no score', () => {
    const result = evaluate(investment(null, '2024-Q1'));
    expect(result).toMatchObject({ status: 'noData', colour: 'grey', score: null, completion: null });
    expect(result.explanation.rule).toBe('noData');
  });

  it('no usable target → noTarget, grey, no score', () => {
    const none = evaluate(investment(80, '2024-Q1', { target: null }));
    expect(none).toMatchObject({ status: 'noTarget', colour: 'grey', score: null });
    expect(none.explanation.rule).toBe('noTarget.missing');
    const invalid = evaluate(investment(80, '2024-Q1', { target: target('between', 5, null, 1) }));
    expect(invalid.explanation.rule).toBe('noTarget.invalid');
    expect(invalid.explanation.text.zh).toContain('下限 5 高于上限 1');
  });

  it('flags a target whose comparison contradicts the direction', () => {
    const result = evaluate({ ...investment(80, '2024-Q1'), direction: 'lower' });
    expect(result.explanation.inputs.directionMismatch).toBe(true);
    expect(evaluate(investment(80, '2024-Q1')).explanation.inputs.directionMismatch).toBe(false);
  });

  it('refuses a bad period or thresholds', () => {
    expect(() => evaluate(investment(80, '2024-Q5'))).toThrow('Invalid period code');
    expect(() => resolveThresholds({ yellowPoints: 40 })).toThrow('above redPoints');
    expect(() => resolveThresholds({ rateYellowRelative: -1 })).toThrow('Invalid threshold');
  });

  it('maps statuses to colours', () => {
    expect(statusColour('stretchMet')).toBe('green');
    expect(statusColour('behindSchedule')).toBe('yellow');
    expect(statusColour('belowFloor')).toBe('red');
    expect(statusColour('noTarget')).toBe('grey');
  });
});
