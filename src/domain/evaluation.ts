/**
 * Where one org unit stands on one indicator in one period (DOMAIN.md §2.2): status, colour, score and a
 * bilingual explanation naming the rule, so that from a red cell a user reaches the inputs and the reason.
 *
 * Rules, in order (each outcome has a stable rule id, listed in `EvaluationRule`):
 * 1. No actual → `noData` (grey). No usable target (`resolveTarget`) → `noTarget` (grey). Score null for both.
 * 2. Targets: the target's comparison decides the sense (`atLeast` higher is better, `atMost` a ceiling,
 *    `between` a range). A stretch-only target counts as the floor; a one-tier target is never `stretchMet`.
 * 3. **Cumulative** (year-to-date amounts) against time-elapsed progress e (序时进度; `elapsedShare`):
 *    completion = actual ÷ floor, deviation = (completion − e) × 100 percentage points.
 *    - actual ÷ stretch ≥ e → `stretchMet` (`cumulative.aheadOfStretch`)
 *    - deviation ≥ 0 → `floorMet` (`cumulative.onPace`)
 *    - deviation ≥ −yellowPoints → `floorMet`, green: near pace (`cumulative.nearPace`)
 *    - deviation ≥ −redPoints → `behindSchedule`, yellow (`cumulative.behindSchedule`)
 *    - otherwise `belowFloor`, red (`cumulative.belowFloor`).
 *    Example: Q1 investment 89.6 of a 290 floor = 30.9% against 25.0% elapsed → +5.9 points.
 *    **At the year's final period** (December, Q4, the year) the figure is final and there is no pace left to
 *    catch up: completion ≥ 100% of the floor is `floorMet`; a shortfall of at most yellowPoints is
 *    `behindSchedule` (yellow); a larger one `belowFloor` (`cumulative.yearEnd.*`). The near-pace tolerance
 *    never turns an unmet annual floor green.
 *    Ceilings (`atMost`, e.g. a cap on energy use) are mirrored: being ahead of pace is the bad side
 *    (`cumulativeCeiling.*`). A floor or ceiling that is not positive has no completion rate; the actual is then
 *    compared directly with floor × e (`cumulative.nonPositiveTarget.*`). Ranges: inside [floor × e, upper × e]
 *    is `floorMet`, outside by at most yellowPoints (measured against the violated bound) `behindSchedule`,
 *    otherwise `belowFloor` (`cumulativeBetween.*`).
 * 4. **Rates and levels** are compared with the annual target directly, whatever the period:
 *    - meets the stretch → `stretchMet`; meets the floor → `floorMet`;
 *    - shortfall ÷ |floor| ≤ rateYellowRelative → `behindSchedule` (yellow); otherwise `belowFloor` (red).
 *    Ceilings mirrored (CPI ≤ 3.5: 3.8 is 8.6% over → yellow). Ranges: inside → `floorMet`; outside by at most
 *    rateYellowRelative of the violated bound → yellow; else red. A floor of 0 has no relative tolerance.
 * 5. Colour: stretchMet, floorMet green; behindSchedule yellow; belowFloor red; noData, noTarget grey.
 * 6. Score: `scoreDetails` in scoring.ts (pace-adjusted for cumulative indicators).
 *
 * Comparisons with thresholds are made on values rounded to 9 decimals, so −10.000000000000002 points is −10.
 */
import { elapsedShare as elapsedShareOf, periodEndMonth } from './periods.ts';
import { scoreDetails } from './scoring.ts';
import { resolveTarget, type ResolvedTarget, type TargetSense } from './targets.ts';
import { formatNumber as num, formatPercent as pct, type LocalizedText } from './text.ts';
import type { Colour, Comparison, Direction, EvaluationStatus, Target, ValueKind } from './types.ts';

export interface EvaluationThresholds {
  /** Cumulative: points behind pace still green (and, at year end, short of the floor still yellow). */
  yellowPoints: number;
  /** Cumulative: points behind pace still yellow; beyond is red. */
  redPoints: number;
  /** Rates and levels: shortfall relative to |floor| still yellow (0.1 = 10%). */
  rateYellowRelative: number;
}

export const DEFAULT_THRESHOLDS: Readonly<EvaluationThresholds> = {
  yellowPoints: 10,
  redPoints: 30,
  rateYellowRelative: 0.1,
};

export interface EvaluationInput {
  direction: Direction;
  valueKind: ValueKind;
  actual: number | null;
  target: Target | null;
  /** Baseline value, the zero point of the score when it lies on the worse side of the floor. */
  baseline?: number | null;
  period: string;
  /** 12 cumulative monthly shares of the annual target; null for the even m/12. */
  seasonalProfile?: readonly number[] | null;
  thresholds?: Partial<EvaluationThresholds>;
}

export type EvaluationRule =
  | 'noData'
  | 'noTarget.missing'
  | 'noTarget.invalid'
  | 'cumulative.aheadOfStretch'
  | 'cumulative.onPace'
  | 'cumulative.nearPace'
  | 'cumulative.behindSchedule'
  | 'cumulative.belowFloor'
  | 'cumulative.yearEnd.stretchMet'
  | 'cumulative.yearEnd.floorMet'
  | 'cumulative.yearEnd.nearFloor'
  | 'cumulative.yearEnd.belowFloor'
  | 'cumulative.nonPositiveTarget.met'
  | 'cumulative.nonPositiveTarget.missed'
  | 'cumulativeCeiling.withinStretch'
  | 'cumulativeCeiling.onPace'
  | 'cumulativeCeiling.nearPace'
  | 'cumulativeCeiling.overPace'
  | 'cumulativeCeiling.farOverPace'
  | 'cumulativeCeiling.yearEnd.withinStretch'
  | 'cumulativeCeiling.yearEnd.withinCeiling'
  | 'cumulativeCeiling.yearEnd.nearCeiling'
  | 'cumulativeCeiling.yearEnd.overCeiling'
  | 'cumulativeBetween.inside'
  | 'cumulativeBetween.belowNear'
  | 'cumulativeBetween.belowFar'
  | 'cumulativeBetween.aboveNear'
  | 'cumulativeBetween.aboveFar'
  | 'direct.stretchMet'
  | 'direct.floorMet'
  | 'direct.nearFloor'
  | 'direct.belowFloor'
  | 'directCeiling.withinStretch'
  | 'directCeiling.withinCeiling'
  | 'directCeiling.nearCeiling'
  | 'directCeiling.overCeiling'
  | 'between.inside'
  | 'between.belowNear'
  | 'between.belowFar'
  | 'between.aboveNear'
  | 'between.aboveFar';

/** Everything the rule looked at, for the "why is this red" view. */
export interface EvaluationInputs {
  period: string;
  direction: Direction;
  valueKind: ValueKind;
  actual: number | null;
  comparison: Comparison | null;
  floor: number | null;
  stretch: number | null;
  upper: number | null;
  /** How the target was read: both tiers, floor only, or stretch standing in as the floor. */
  tiers: ResolvedTarget['tiers'] | null;
  sense: TargetSense | null;
  /** The indicator's direction contradicts the target's comparison (higher with a ceiling, or lower with a floor). */
  directionMismatch: boolean;
  baseline: number | null;
  elapsedShare: number;
  /** The period is the last of its year (December, Q4 or the year): cumulative figures are final. */
  yearEnd: boolean;
  thresholds: EvaluationThresholds;
  /** Score breakpoints on the actual's scale (paced for cumulative indicators). */
  scoreZeroPoint: number | null;
  scoreCapPoint: number | null;
}

export interface EvaluationExplanation {
  rule: EvaluationRule;
  text: LocalizedText;
  inputs: EvaluationInputs;
}

export interface EvaluationResult {
  status: EvaluationStatus;
  colour: Colour;
  score: number | null;
  /** Time-elapsed share of the period (m/12 or the seasonal profile); informative for rates and levels. */
  elapsedShare: number;
  /** Cumulative only: actual ÷ floor (for ceilings, the share of the ceiling used). */
  completion: number | null;
  /** Cumulative only: (completion − elapsed share) × 100, in percentage points. */
  deviationPoints: number | null;
  explanation: EvaluationExplanation;
}

interface Outcome {
  status: EvaluationStatus;
  rule: EvaluationRule;
  /** Written on demand (see `outcome`). */
  text: () => LocalizedText;
  completion: number | null;
  deviationPoints: number | null;
}

/**
 * The colour of a status: stretchMet / floorMet green, behindSchedule yellow, belowFloor red, else grey.
 *
 * @example statusColour('behindSchedule') === 'yellow'
 */
export function statusColour(status: EvaluationStatus): Colour {
  switch (status) {
    case 'stretchMet':
    case 'floorMet':
      return 'green';
    case 'behindSchedule':
      return 'yellow';
    case 'belowFloor':
      return 'red';
    case 'noData':
    case 'noTarget':
      return 'grey';
  }
}

/**
 * Evaluates one indicator for one org unit and period.
 *
 * @example key-project investment (cumulative, 亿元), 2024 floor 290, stretch 300 (stretch hypothetical),
 *   period '2024-Q1', actual 89.6 → status 'stretchMet', colour 'green', completion 0.309,
 *   deviationPoints 5.9, rule 'cumulative.aheadOfStretch',
 *   text.zh '累计完成 30.9%，序时进度 25.0%，超序时 5.9 个百分点，达到力争目标进度'
 * @example GDP growth (rate, %), 2024 floor 6.5, stretch 7, period '2024-Q1', actual 6.0 → 'behindSchedule'
 *   (yellow): 0.5 short = 7.7% of the floor, within the 10% tolerance
 * @example CPI (rate, ceiling 3.5), actual 3.2 → 'floorMet' (green)
 */
export function evaluate(input: EvaluationInput): EvaluationResult {
  const thresholds = resolveThresholds(input.thresholds);
  const share = elapsedShareOf(input.period, input.seasonalProfile ?? null);
  const yearEnd = periodEndMonth(input.period) === 12;
  const resolved = resolveTarget(input.target);
  const actual = input.actual !== null && Number.isFinite(input.actual) ? input.actual : null;
  const baseline = input.baseline ?? null;
  const details =
    actual === null
      ? null
      : scoreDetails({
          actual,
          target: input.target,
          baseline,
          valueKind: input.valueKind,
          elapsedShare: share,
        });
  const sense = resolved.ok ? resolved.sense : null;
  const inputs: EvaluationInputs = {
    period: input.period,
    direction: input.direction,
    valueKind: input.valueKind,
    actual,
    comparison: input.target?.comparison ?? null,
    floor: input.target?.floor ?? null,
    stretch: input.target?.stretch ?? null,
    upper: input.target?.upper ?? null,
    tiers: resolved.ok ? resolved.tiers : null,
    sense,
    directionMismatch:
      (input.direction === 'higher' && sense === 'lower') || (input.direction === 'lower' && sense === 'higher'),
    baseline,
    elapsedShare: share,
    yearEnd,
    thresholds,
    scoreZeroPoint: details?.zeroPoint ?? null,
    scoreCapPoint: details?.capPoint ?? details?.stretch ?? null,
  };

  let outcome: Outcome;
  if (actual === null) {
    outcome = {
      status: 'noData',
      rule: 'noData',
      text: () => ({ zh: '本期暂无数据', en: 'No value for this period' }),
      completion: null,
      deviationPoints: null,
    };
  } else if (!resolved.ok) {
    outcome = {
      status: 'noTarget',
      rule: resolved.reason === 'missing' ? 'noTarget.missing' : 'noTarget.invalid',
      text: () => ({
        zh: `实际 ${num(actual)}，没有可用的目标：${resolved.detail.zh}`,
        en: `Actual ${num(actual)}; no usable target: ${resolved.detail.en}`,
      }),
      completion: null,
      deviationPoints: null,
    };
  } else if (input.valueKind === 'cumulative') {
    outcome = cumulativeOutcome(actual, resolved, share, yearEnd, thresholds);
  } else {
    outcome = directOutcome(actual, resolved, thresholds);
  }

  return {
    status: outcome.status,
    colour: statusColour(outcome.status),
    score: outcome.status === 'noData' || outcome.status === 'noTarget' ? null : (details?.score ?? null),
    elapsedShare: share,
    completion: outcome.completion,
    deviationPoints: outcome.deviationPoints,
    explanation: {
      rule: outcome.rule,
      get text() {
        return outcome.text();
      },
      inputs,
    },
  };
}

/** Fills in and checks thresholds; throws a RangeError for negative ones or yellow beyond red. */
// A bulk evaluation passes the same thresholds object to every cell: check it once.
const resolvedThresholds = new WeakMap<object, EvaluationThresholds>();

export function resolveThresholds(partial: Partial<EvaluationThresholds> | undefined): EvaluationThresholds {
  if (partial) {
    const hit = resolvedThresholds.get(partial);
    if (hit) return hit;
    const resolved = checkThresholds(partial);
    resolvedThresholds.set(partial, resolved);
    return resolved;
  }
  return checkThresholds(undefined);
}

function checkThresholds(partial: Partial<EvaluationThresholds> | undefined): EvaluationThresholds {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...stripUndefined(partial ?? {}) };
  for (const [name, value] of Object.entries(thresholds)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`Invalid threshold ${name}: ${value}`);
  }
  if (thresholds.yellowPoints > thresholds.redPoints) {
    throw new RangeError(
      `Invalid thresholds: yellowPoints ${thresholds.yellowPoints} is above redPoints ${thresholds.redPoints}`,
    );
  }
  return thresholds;
}

function cumulativeOutcome(
  actual: number,
  target: ResolvedTarget,
  share: number,
  yearEnd: boolean,
  thresholds: EvaluationThresholds,
): Outcome {
  const { yellowPoints: y, redPoints: r } = thresholds;
  const names = tierNames(target);
  const { floor, stretch } = target;

  if (target.sense === 'between') {
    const upper = target.upper as number;
    if (floor <= 0 || upper <= 0) return nonPositiveOutcome(actual, target, share);
    const completion = actual / floor;
    const devLow = points(completion - share);
    const devHigh = points(actual / upper - share);
    const prefix = (): LocalizedText => ({
      zh: `累计 ${num(actual)}，按序时进度 ${pct(share)} 应在 ${num(floor * share)}–${num(upper * share)} 之间，`,
      en: `Year to date ${num(actual)}; at ${pct(share)} of the year elapsed it should lie between ${num(floor * share)} and ${num(upper * share)}: `,
    });
    if (devLow >= 0 && devHigh <= 0) {
      return outcome(
        'floorMet',
        'cumulativeBetween.inside',
        prefix,
        () => ({ zh: '在区间内', en: 'inside the range' }),
        completion,
        devLow,
      );
    }
    if (devLow < 0) {
      const near = devLow >= -y;
      return outcome(
        near ? 'behindSchedule' : 'belowFloor',
        near ? 'cumulativeBetween.belowNear' : 'cumulativeBetween.belowFar',
        prefix,
        () => ({
          zh: `低于下限进度 ${abs1(devLow)} 个百分点，${near ? '在' : '超过'} ${y} 个百分点${near ? '以内' : ''}`,
          en: `${abs1(devLow)} points below the lower bound's pace, ${near ? 'within' : 'more than'} ${y}`,
        }),
        completion,
        devLow,
      );
    }
    const near = devHigh <= y;
    return outcome(
      near ? 'behindSchedule' : 'belowFloor',
      near ? 'cumulativeBetween.aboveNear' : 'cumulativeBetween.aboveFar',
      prefix,
      () => ({
        zh: `高于上限进度 ${abs1(devHigh)} 个百分点，${near ? '在' : '超过'} ${y} 个百分点${near ? '以内' : ''}`,
        en: `${abs1(devHigh)} points above the upper bound's pace, ${near ? 'within' : 'more than'} ${y}`,
      }),
      completion,
      devHigh,
    );
  }

  if (floor <= 0) return nonPositiveOutcome(actual, target, share);
  const completion = actual / floor;
  const dev = points(completion - share);

  if (target.sense === 'higher') {
    const stretchMet = stretch !== null && round9(actual - stretch * share) >= 0;
    if (yearEnd) {
      const prefix = (): LocalizedText => ({
        zh: `全年累计完成${names.floorZh}的 ${pct(completion)}，`,
        en: `Full year: ${pct(completion)} of the ${names.floorEn}; `,
      });
      if (stretchMet) {
        return outcome(
          'stretchMet',
          'cumulative.yearEnd.stretchMet',
          prefix,
          () => ({ zh: '达到力争目标', en: 'stretch target met' }),
          completion,
          dev,
        );
      }
      if (dev >= 0) {
        return outcome(
          'floorMet',
          'cumulative.yearEnd.floorMet',
          prefix,
          () => ({ zh: `完成${names.floorZh}`, en: `${names.floorEn} met` }),
          completion,
          dev,
        );
      }
      const near = dev >= -y;
      return outcome(
        near ? 'behindSchedule' : 'belowFloor',
        near ? 'cumulative.yearEnd.nearFloor' : 'cumulative.yearEnd.belowFloor',
        prefix,
        () => ({
          zh: `未完成${names.floorZh}，差 ${abs1(dev)} 个百分点，${near ? '在' : '超过'} ${y} 个百分点${near ? '以内' : ''}`,
          en: `${names.floorEn} missed by ${abs1(dev)} points, ${near ? 'within' : 'more than'} ${y}`,
        }),
        completion,
        dev,
      );
    }
    const prefix = (): LocalizedText => ({
      zh: `累计完成 ${pct(completion)}，序时进度 ${pct(share)}，${paceZh(dev, '超序时', '落后序时')}，`,
      en: `Year to date ${pct(completion)} of the ${names.floorEn} against ${pct(share)} of the year elapsed, ${paceEn(dev, 'ahead of', 'behind')}: `,
    });
    if (stretchMet) {
      return outcome(
        'stretchMet',
        'cumulative.aheadOfStretch',
        prefix,
        () => ({ zh: '达到力争目标进度', en: 'on pace for the stretch target' }),
        completion,
        dev,
      );
    }
    if (dev >= 0) {
      return outcome(
        'floorMet',
        'cumulative.onPace',
        prefix,
        () => ({ zh: `达到${names.floorZh}进度`, en: `on pace for the ${names.floorEn}` }),
        completion,
        dev,
      );
    }
    if (dev >= -y) {
      return outcome(
        'floorMet',
        'cumulative.nearPace',
        prefix,
        () => ({ zh: `落后不超过 ${y} 个百分点，视为正常`, en: `no more than ${y} points behind: near pace` }),
        completion,
        dev,
      );
    }
    if (dev >= -r) {
      return outcome(
        'behindSchedule',
        'cumulative.behindSchedule',
        prefix,
        () => ({ zh: `落后 ${y}–${r} 个百分点，进度滞后`, en: `${y} to ${r} points behind: behind schedule` }),
        completion,
        dev,
      );
    }
    return outcome(
      'belowFloor',
      'cumulative.belowFloor',
      prefix,
      () => ({ zh: `落后超过 ${r} 个百分点，严重滞后`, en: `more than ${r} points behind: far behind schedule` }),
      completion,
      dev,
    );
  }

  // Ceiling: the share of the cap used should not run ahead of time.
  const stretchMet = stretch !== null && round9(actual - stretch * share) <= 0;
  if (yearEnd) {
    const prefix = (): LocalizedText => ({
      zh: `全年累计达到${names.ceilingZh}的 ${pct(completion)}，`,
      en: `Full year: ${pct(completion)} of the ${names.ceilingEn}; `,
    });
    if (stretchMet) {
      return outcome(
        'stretchMet',
        'cumulativeCeiling.yearEnd.withinStretch',
        prefix,
        () => ({ zh: '控制在力争目标以内', en: 'within the stretch ceiling' }),
        completion,
        dev,
      );
    }
    if (dev <= 0) {
      return outcome(
        'floorMet',
        'cumulativeCeiling.yearEnd.withinCeiling',
        prefix,
        () => ({ zh: `控制在${names.ceilingZh}以内`, en: `within the ${names.ceilingEn}` }),
        completion,
        dev,
      );
    }
    const near = dev <= y;
    return outcome(
      near ? 'behindSchedule' : 'belowFloor',
      near ? 'cumulativeCeiling.yearEnd.nearCeiling' : 'cumulativeCeiling.yearEnd.overCeiling',
      prefix,
      () => ({
        zh: `超出${names.ceilingZh} ${abs1(dev)} 个百分点，${near ? '在' : '超过'} ${y} 个百分点${near ? '以内' : ''}`,
        en: `${abs1(dev)} points over the ${names.ceilingEn}, ${near ? 'within' : 'more than'} ${y}`,
      }),
      completion,
      dev,
    );
  }
  const prefix = (): LocalizedText => ({
    zh: `累计达到${names.ceilingZh}的 ${pct(completion)}，序时进度 ${pct(share)}，${paceZh(dev, '高于序时', '低于序时')}，`,
    en: `Year to date ${pct(completion)} of the ${names.ceilingEn} against ${pct(share)} of the year elapsed, ${paceEn(dev, 'ahead of', 'behind')}: `,
  });
  if (stretchMet) {
    return outcome(
      'stretchMet',
      'cumulativeCeiling.withinStretch',
      prefix,
      () => ({ zh: '控制在力争目标进度以内', en: 'within the pace of the stretch ceiling' }),
      completion,
      dev,
    );
  }
  if (dev <= 0) {
    return outcome(
      'floorMet',
      'cumulativeCeiling.onPace',
      prefix,
      () => ({ zh: `控制在${names.ceilingZh}进度以内`, en: `within the pace of the ${names.ceilingEn}` }),
      completion,
      dev,
    );
  }
  if (dev <= y) {
    return outcome(
      'floorMet',
      'cumulativeCeiling.nearPace',
      prefix,
      () => ({ zh: `超出不超过 ${y} 个百分点，视为正常`, en: `no more than ${y} points over pace: near pace` }),
      completion,
      dev,
    );
  }
  if (dev <= r) {
    return outcome(
      'behindSchedule',
      'cumulativeCeiling.overPace',
      prefix,
      () => ({ zh: `超出 ${y}–${r} 个百分点，需要控制`, en: `${y} to ${r} points over pace: needs control` }),
      completion,
      dev,
    );
  }
  return outcome(
    'belowFloor',
    'cumulativeCeiling.farOverPace',
    prefix,
    () => ({ zh: `超出超过 ${r} 个百分点，严重超序时`, en: `more than ${r} points over pace` }),
    completion,
    dev,
  );
}

/** Cumulative targets of 0 or below have no completion rate: compare the actual with the paced bound(s). */
function nonPositiveOutcome(actual: number, target: ResolvedTarget, share: number): Outcome {
  const low = target.sense === 'lower' ? null : target.floor * share;
  const high =
    target.sense === 'lower'
      ? target.floor * share
      : target.sense === 'between'
        ? (target.upper as number) * share
        : null;
  const met = (low === null || round9(actual - low) >= 0) && (high === null || round9(actual - high) <= 0);
  const boundZh = [low === null ? null : `不低于 ${num(low)}`, high === null ? null : `不高于 ${num(high)}`]
    .filter(Boolean)
    .join('且');
  const boundEn = [low === null ? null : `at least ${num(low)}`, high === null ? null : `at most ${num(high)}`]
    .filter(Boolean)
    .join(' and ');
  return outcome(
    met ? 'floorMet' : 'belowFloor',
    met ? 'cumulative.nonPositiveTarget.met' : 'cumulative.nonPositiveTarget.missed',
    () => ({
      zh: `累计 ${num(actual)}，按序时进度 ${pct(share)} 应${boundZh}，`,
      en: `Year to date ${num(actual)}; at ${pct(share)} of the year elapsed it should be ${boundEn}: `,
    }),
    () => (met ? { zh: '达到要求', en: 'met' } : { zh: '未达到要求', en: 'not met' }),
    null,
    null,
  );
}

function directOutcome(actual: number, target: ResolvedTarget, thresholds: EvaluationThresholds): Outcome {
  const tol = thresholds.rateYellowRelative;
  const names = tierNames(target);
  const { floor, stretch } = target;
  const tolZh = (): string => `${num(tol * 100)}%`;

  if (target.sense === 'between') {
    const upper = target.upper as number;
    const prefix = (): LocalizedText => ({
      zh: `实际 ${num(actual)}，目标区间 ${num(floor)}–${num(upper)}，`,
      en: `Actual ${num(actual)} against the range ${num(floor)}–${num(upper)}: `,
    });
    if (actual >= floor && actual <= upper) {
      return outcome(
        'floorMet',
        'between.inside',
        prefix,
        () => ({ zh: '在目标区间内', en: 'inside the range' }),
        null,
        null,
      );
    }
    const below = actual < floor;
    const bound = below ? floor : upper;
    const gap = Math.abs(actual - bound);
    const rel = relative(gap, bound);
    const near = rel <= tol;
    const rule: EvaluationRule = below
      ? near
        ? 'between.belowNear'
        : 'between.belowFar'
      : near
        ? 'between.aboveNear'
        : 'between.aboveFar';
    return outcome(
      near ? 'behindSchedule' : 'belowFloor',
      rule,
      prefix,
      () => ({
        zh: `${below ? '低于下限' : '高于上限'} ${num(gap)}${relZh(rel)}，${near ? '在' : '超出'} ${tolZh()} 容差${near ? '内' : ''}`,
        en: `${num(gap)} ${below ? 'below the lower' : 'above the upper'} bound${relEn(rel)}, ${near ? 'within' : 'beyond'} the ${tolZh()} tolerance`,
      }),
      null,
      null,
    );
  }

  if (target.sense === 'higher') {
    const prefix = (): LocalizedText => ({
      zh: `实际 ${num(actual)}，${names.floorZh} ${num(floor)}${stretch === null ? '' : `，力争目标 ${num(stretch)}`}，`,
      en: `Actual ${num(actual)} against the ${names.floorEn} ${num(floor)}${stretch === null ? '' : ` and the stretch target ${num(stretch)}`}: `,
    });
    if (stretch !== null && actual >= stretch) {
      return outcome(
        'stretchMet',
        'direct.stretchMet',
        prefix,
        () => ({ zh: '达到力争目标', en: 'stretch target met' }),
        null,
        null,
      );
    }
    if (actual >= floor) {
      return outcome(
        'floorMet',
        'direct.floorMet',
        prefix,
        () => ({ zh: `达到${names.floorZh}`, en: `${names.floorEn} met` }),
        null,
        null,
      );
    }
    const gap = floor - actual;
    const rel = relative(gap, floor);
    const near = rel <= tol;
    return outcome(
      near ? 'behindSchedule' : 'belowFloor',
      near ? 'direct.nearFloor' : 'direct.belowFloor',
      prefix,
      () => ({
        zh: `低于${names.floorZh} ${num(gap)}${relZh(rel)}，${near ? '在' : '超出'} ${tolZh()} 容差${near ? '内' : ''}`,
        en: `${num(gap)} short of the ${names.floorEn}${relEn(rel)}, ${near ? 'within' : 'beyond'} the ${tolZh()} tolerance`,
      }),
      null,
      null,
    );
  }

  const prefix = (): LocalizedText => ({
    zh: `实际 ${num(actual)}，${names.ceilingZh} ${num(floor)}${stretch === null ? '' : `，力争控制在 ${num(stretch)}`}，`,
    en: `Actual ${num(actual)} against the ${names.ceilingEn} ${num(floor)}${stretch === null ? '' : ` and the stretch ceiling ${num(stretch)}`}: `,
  });
  if (stretch !== null && actual <= stretch) {
    return outcome(
      'stretchMet',
      'directCeiling.withinStretch',
      prefix,
      () => ({ zh: '控制在力争目标以内', en: 'within the stretch ceiling' }),
      null,
      null,
    );
  }
  if (actual <= floor) {
    return outcome(
      'floorMet',
      'directCeiling.withinCeiling',
      prefix,
      () => ({ zh: `控制在${names.ceilingZh}以内`, en: `within the ${names.ceilingEn}` }),
      null,
      null,
    );
  }
  const gap = actual - floor;
  const rel = relative(gap, floor);
  const near = rel <= tol;
  return outcome(
    near ? 'behindSchedule' : 'belowFloor',
    near ? 'directCeiling.nearCeiling' : 'directCeiling.overCeiling',
    prefix,
    () => ({
      zh: `超出${names.ceilingZh} ${num(gap)}${relZh(rel)}，${near ? '在' : '超出'} ${tolZh()} 容差${near ? '内' : ''}`,
      en: `${num(gap)} over the ${names.ceilingEn}${relEn(rel)}, ${near ? 'within' : 'beyond'} the ${tolZh()} tolerance`,
    }),
    null,
    null,
  );
}

function outcome(
  status: EvaluationStatus,
  rule: EvaluationRule,
  prefix: () => LocalizedText,
  phrase: () => LocalizedText,
  completion: number | null,
  deviationPoints: number | null,
): Outcome {
  // The sentence is written only when someone reads it: a bulk evaluation of thousands of cells never does.
  const text = (): LocalizedText => {
    const a = prefix();
    const b = phrase();
    return { zh: a.zh + b.zh, en: a.en + b.en };
  };
  return { status, rule, text, completion, deviationPoints };
}

function tierNames(target: ResolvedTarget): { floorZh: string; floorEn: string; ceilingZh: string; ceilingEn: string } {
  return target.tiers === 'stretchOnly'
    ? { floorZh: '目标', floorEn: 'target', ceilingZh: '目标上限', ceilingEn: 'target ceiling' }
    : { floorZh: '确保目标', floorEn: 'floor target', ceilingZh: '上限', ceilingEn: 'ceiling' };
}

/** Shortfall relative to |bound|; infinite when the bound is 0 (no relative tolerance). */
function relative(gap: number, bound: number): number {
  return bound === 0 ? Infinity : round9(gap / Math.abs(bound));
}

function relZh(rel: number): string {
  return Number.isFinite(rel) ? `（${pct(rel)}）` : '';
}

function relEn(rel: number): string {
  return Number.isFinite(rel) ? ` (${pct(rel)})` : '';
}

function points(shareDifference: number): number {
  return round9(shareDifference * 100);
}

function round9(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

function abs1(value: number): string {
  return Math.abs(value).toFixed(1);
}

function paceZh(dev: number, ahead: string, behind: string): string {
  const size = abs1(dev);
  if (size === '0.0') return '与序时进度持平';
  return `${dev > 0 ? ahead : behind} ${size} 个百分点`;
}

function paceEn(dev: number, ahead: string, behind: string): string {
  const size = abs1(dev);
  if (size === '0.0') return 'level with time-elapsed progress';
  return `${size} points ${dev > 0 ? ahead : behind} time-elapsed progress`;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
