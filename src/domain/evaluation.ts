/**
 * Where one org unit stands on one indicator in one period (DOMAIN.md §2.2): a status, a colour, a score and a
 * bilingual explanation — three views of one position on one scale (`scoreScale` in scoring.ts; the rule with
 * worked examples is in docs/evaluation.md).
 *
 * 1. No actual → `noData` (grey). No usable target (`resolveTarget`) → `noTarget` (grey). Score null for both.
 * 2. The target's comparison decides the sense (`atLeast` higher is better, `atMost` a ceiling, `between` a range).
 *    A stretch-only target counts as the floor; a one-tier target is never `stretchMet`.
 * 3. The value is placed on its scale (`bandOf`):
 *    - **rates and levels** against the annual target, whatever the period: stretch met → `stretchMet`; floor met →
 *      `floorMet`; short of the floor by at most rateYellowRelative × |floor| → `behindSchedule` (yellow, named
 *      "接近确保目标", close to the floor — a rate has no schedule); further → `belowFloor` (red).
 *    - **cumulative** (year-to-date amounts) against time-elapsed progress e (序时进度): completion = actual ÷ floor,
 *      deviation = (completion − e) × 100 points. On the stretch's pace → `stretchMet`; on pace → `floorMet`; at
 *      most yellowPoints behind → `floorMet`, green, "基本符合序时进度" (near pace); at most redPoints behind →
 *      `behindSchedule` (yellow, "滞后序时进度"); further → `belowFloor` (red, "严重滞后序时进度").
 *      Example: Q1 investment 89.6 of a 290 floor = 30.9% against 25.0% elapsed → +5.9 points.
 *    - **cumulative at the year end** (December, Q4, the year): the figure is final; judged like a level with a
 *      tolerance of yellowPoints % of the floor. The near-pace band never turns an unmet annual floor green.
 *    - ceilings mirrored; ranges: inside → `floorMet`, outside within the tolerance of the violated bound → yellow,
 *      further → red. A cumulative target of 0 or below, or a rate's floor of 0, has no tolerance: met or red.
 * 4. Colour: stretchMet, floorMet green; behindSchedule yellow; belowFloor red; noData, noTarget grey.
 * 5. Score: the same scale (`scoreOnScale`) — red below 60, yellow 60 to 100, met ≥ 100, stretch 120.
 *
 * Each outcome keeps a stable rule id (`EvaluationRule`, stored with results); users read `label` and the text.
 */
import { elapsedShare as elapsedShareOf, periodEndMonth } from './periods.ts';
import { bandOf, scoreOnScale, scoreScale, type Band, type ScaleSide, type ScoreScale } from './scoring.ts';
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
  /** Baseline value (基期值): shown in the explanation, never the zero point unless also stated as `zeroPoint`. */
  baseline?: number | null;
  /** A zero point the indicator states (annual figure); absent or null for the documented default. */
  zeroPoint?: number | null;
  /** The indicator's unit ('%', '亿元'), printed after figures in the explanation. */
  unit?: string | null;
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
  | 'direct.zeroFloor.met'
  | 'direct.zeroFloor.missed'
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
  /** The scale the cell was judged and scored on (paced for cumulative indicators); null without a target. */
  scale: ScoreScale | null;
  /** Score breakpoints on the actual's scale: where the score is 0 and where it reaches 120. */
  scoreZeroPoint: number | null;
  scoreCapPoint: number | null;
}

export interface EvaluationExplanation {
  rule: EvaluationRule;
  /** The whole explanation in words: figure, targets, elapsed share, position, score and rule. */
  text: LocalizedText;
  inputs: EvaluationInputs;
}

export interface EvaluationResult {
  status: EvaluationStatus;
  colour: Colour;
  score: number | null;
  /** The position named for this kind of indicator ("接近确保目标", "滞后序时进度"). */
  label: LocalizedText;
  /** Time-elapsed share of the period (m/12 or the seasonal profile); informative for rates and levels. */
  elapsedShare: number;
  /** Cumulative only: actual ÷ floor (for ceilings, the share of the ceiling used). */
  completion: number | null;
  /** Cumulative only: (completion − elapsed share) × 100, in percentage points. */
  deviationPoints: number | null;
  explanation: EvaluationExplanation;
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

const BAND_STATUS: Record<Band, EvaluationStatus> = {
  stretch: 'stretchMet',
  floor: 'floorMet',
  nearPace: 'floorMet',
  yellow: 'behindSchedule',
  red: 'belowFloor',
};

/**
 * Evaluates one indicator for one org unit and period.
 *
 * @example key-project investment (cumulative, 亿元), 2024 floor 290, stretch 300 (stretch hypothetical),
 *   period '2024-Q1', actual 89.6 → 'stretchMet', green, score 120, completion 0.309, deviationPoints 5.9,
 *   label '达到力争目标进度'
 * @example GDP growth (rate, %), 2024 floor 6.5, stretch 7, actual 6.0 → 'behindSchedule' (yellow, "接近确保目标"):
 *   0.5 short = 7.7% of the floor, within the 10% tolerance; score 69.2
 * @example CPI (rate, ceiling 3.5), actual 3.2 → 'floorMet' (green), score 108.6
 */
export function evaluate(input: EvaluationInput): EvaluationResult {
  const thresholds = resolveThresholds(input.thresholds);
  const share = elapsedShareOf(input.period, input.seasonalProfile ?? null);
  const yearEnd = periodEndMonth(input.period) === 12;
  const resolved = resolveTarget(input.target);
  const actual = input.actual !== null && Number.isFinite(input.actual) ? input.actual : null;
  const baseline = input.baseline ?? null;
  const sense = resolved.ok ? resolved.sense : null;
  const scale = resolved.ok
    ? scoreScale({
        target: input.target,
        valueKind: input.valueKind,
        elapsedShare: share,
        yearEnd,
        zeroPoint: input.zeroPoint ?? null,
        thresholds,
      })
    : null;
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
    scale,
    scoreZeroPoint: scale?.low.zeroPoint ?? null,
    scoreCapPoint: scale?.low.cap ?? null,
  };
  const unit = input.unit ?? '';

  if (actual === null || !resolved.ok || scale === null) {
    const noData = actual === null;
    const status: EvaluationStatus = noData ? 'noData' : 'noTarget';
    const rule: EvaluationRule = noData
      ? 'noData'
      : !resolved.ok && resolved.reason === 'invalid'
        ? 'noTarget.invalid'
        : 'noTarget.missing';
    return {
      status,
      colour: 'grey',
      score: null,
      label: noData ? { zh: '暂无数据', en: 'No data' } : { zh: '未设目标', en: 'No target' },
      elapsedShare: share,
      completion: null,
      deviationPoints: null,
      explanation: {
        rule,
        get text(): LocalizedText {
          if (noData)
            return { zh: '本期暂无数据，不评价、不计分。', en: 'No value for this period: not evaluated, no score.' };
          const detail = resolved.ok ? { zh: '', en: '' } : resolved.detail;
          return {
            zh: `实际 ${fig(actual, unit)}，没有可用的目标：${detail.zh}。不评价、不计分。`,
            en: `Actual ${fig(actual, unit)}; no usable target: ${detail.en}. Not evaluated, no score.`,
          };
        },
        inputs,
      },
    };
  }

  const band = bandOf(actual, scale);
  const side: 'low' | 'high' =
    scale.high !== null && band !== 'floor' && bandOfSide(actual, scale.low) === 'floor' ? 'high' : 'low';
  const status = BAND_STATUS[band];
  const score = scoreOnScale(actual, scale);
  const cumulative = input.valueKind === 'cumulative';
  const completion = cumulative && scale.kind !== 'noScale' ? completionOf(actual, resolved, side) : null;
  const deviationPoints = completion === null ? null : round9((completion - (yearEnd ? 1 : share)) * 100);
  const rule = ruleOf(scale, band, side, cumulative);
  const label = labelOf(scale, band, side, resolved.tiers);

  return {
    status,
    colour: statusColour(status),
    score,
    label,
    elapsedShare: share,
    completion,
    deviationPoints,
    explanation: {
      rule,
      // The sentence is written only when someone reads it: a bulk evaluation of thousands of cells never does.
      get text(): LocalizedText {
        return explain({
          actual,
          unit,
          resolved,
          scale,
          band,
          side,
          score,
          label,
          share,
          deviationPoints,
          completion,
          thresholds,
          baseline,
          seasonal: (input.seasonalProfile ?? null) !== null,
        });
      },
      inputs,
    },
  };
}

function bandOfSide(actual: number, side: ScaleSide): Band {
  return bandOf(actual, { kind: 'direct', sense: side.sense, pace: 1, low: side, high: null, ignoredZeroPoint: null });
}

function completionOf(actual: number, target: ResolvedTarget, side: 'low' | 'high'): number {
  const bound = side === 'high' ? (target.upper as number) : target.floor;
  return actual / bound;
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

const DEFAULT_RESOLVED: EvaluationThresholds = { ...DEFAULT_THRESHOLDS };

function checkThresholds(partial: Partial<EvaluationThresholds> | undefined): EvaluationThresholds {
  if (partial === undefined) return DEFAULT_RESOLVED;
  const thresholds = { ...DEFAULT_THRESHOLDS, ...stripUndefined(partial) };
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

function ruleOf(scale: ScoreScale, band: Band, side: 'low' | 'high', cumulative: boolean): EvaluationRule {
  if (scale.kind === 'noScale') {
    const met = band === 'floor' || band === 'stretch';
    if (cumulative) return met ? 'cumulative.nonPositiveTarget.met' : 'cumulative.nonPositiveTarget.missed';
    return met ? 'direct.zeroFloor.met' : 'direct.zeroFloor.missed';
  }
  if (scale.sense === 'between') {
    const prefix = cumulative ? 'cumulativeBetween' : 'between';
    if (band === 'floor') return `${prefix}.inside`;
    return `${prefix}.${side === 'low' ? 'below' : 'above'}${band === 'red' ? 'Far' : 'Near'}`;
  }
  const higher = scale.sense === 'higher';
  if (scale.kind === 'pace') {
    if (higher) {
      return (
        {
          stretch: 'cumulative.aheadOfStretch',
          floor: 'cumulative.onPace',
          nearPace: 'cumulative.nearPace',
          yellow: 'cumulative.behindSchedule',
          red: 'cumulative.belowFloor',
        } as const
      )[band];
    }
    return (
      {
        stretch: 'cumulativeCeiling.withinStretch',
        floor: 'cumulativeCeiling.onPace',
        nearPace: 'cumulativeCeiling.nearPace',
        yellow: 'cumulativeCeiling.overPace',
        red: 'cumulativeCeiling.farOverPace',
      } as const
    )[band];
  }
  if (scale.kind === 'yearEnd') {
    if (higher) {
      return (
        {
          stretch: 'cumulative.yearEnd.stretchMet',
          floor: 'cumulative.yearEnd.floorMet',
          nearPace: 'cumulative.yearEnd.floorMet',
          yellow: 'cumulative.yearEnd.nearFloor',
          red: 'cumulative.yearEnd.belowFloor',
        } as const
      )[band];
    }
    return (
      {
        stretch: 'cumulativeCeiling.yearEnd.withinStretch',
        floor: 'cumulativeCeiling.yearEnd.withinCeiling',
        nearPace: 'cumulativeCeiling.yearEnd.withinCeiling',
        yellow: 'cumulativeCeiling.yearEnd.nearCeiling',
        red: 'cumulativeCeiling.yearEnd.overCeiling',
      } as const
    )[band];
  }
  if (higher) {
    return (
      {
        stretch: 'direct.stretchMet',
        floor: 'direct.floorMet',
        nearPace: 'direct.floorMet',
        yellow: 'direct.nearFloor',
        red: 'direct.belowFloor',
      } as const
    )[band];
  }
  return (
    {
      stretch: 'directCeiling.withinStretch',
      floor: 'directCeiling.withinCeiling',
      nearPace: 'directCeiling.withinCeiling',
      yellow: 'directCeiling.nearCeiling',
      red: 'directCeiling.overCeiling',
    } as const
  )[band];
}

/**
 * The name of a position, fitted to the kind of indicator: only cumulative indicators during the year are ahead of
 * or behind time-elapsed progress; a rate or level short of its floor within the tolerance is "close to the floor";
 * "达到确保目标" is said only when the floor is met.
 */
function labelOf(scale: ScoreScale, band: Band, side: 'low' | 'high', tiers: ResolvedTarget['tiers']): LocalizedText {
  const target = tiers === 'stretchOnly' ? { zh: '目标', en: 'target' } : { zh: '确保目标', en: 'floor' };
  if (scale.kind === 'noScale') {
    return band === 'floor' || band === 'stretch'
      ? { zh: '达到要求', en: 'Requirement met' }
      : { zh: '未达到要求', en: 'Requirement not met' };
  }
  if (scale.sense === 'between') {
    if (band === 'floor') return { zh: '在目标区间内', en: 'Inside the range' };
    const where = side === 'low' ? { zh: '低于', en: 'below' } : { zh: '高于', en: 'above' };
    return band === 'red'
      ? { zh: `明显${where.zh}目标区间`, en: `Well ${where.en} the range` }
      : { zh: `略${where.zh}目标区间`, en: `Slightly ${where.en} the range` };
  }
  const higher = scale.sense === 'higher';
  if (scale.kind === 'pace') {
    if (higher) {
      return {
        stretch: { zh: '达到力争目标进度', en: 'On pace for the stretch target' },
        floor: { zh: '达到序时进度', en: 'On pace' },
        nearPace: { zh: '基本符合序时进度', en: 'Close to pace' },
        yellow: { zh: '滞后序时进度', en: 'Behind time-elapsed progress' },
        red: { zh: '严重滞后序时进度', en: 'Far behind time-elapsed progress' },
      }[band];
    }
    return {
      stretch: { zh: '控制在力争目标进度内', en: 'Within the stretch ceiling’s pace' },
      floor: { zh: '控制在序时进度内', en: 'Within the ceiling’s pace' },
      nearPace: { zh: '基本符合控制进度', en: 'Close to the ceiling’s pace' },
      yellow: { zh: '超出控制进度', en: 'Over the ceiling’s pace' },
      red: { zh: '严重超出控制进度', en: 'Far over the ceiling’s pace' },
    }[band];
  }
  if (higher) {
    return {
      stretch: { zh: '达到力争目标', en: 'Stretch target met' },
      floor: { zh: `达到${target.zh}`, en: `${cap(target.en)} met` },
      nearPace: { zh: `达到${target.zh}`, en: `${cap(target.en)} met` },
      yellow: { zh: `接近${target.zh}`, en: `Close to the ${target.en}` },
      red: { zh: `未达${target.zh}`, en: `${cap(target.en)} not met` },
    }[band];
  }
  return {
    stretch: { zh: '控制在力争目标以内', en: 'Within the stretch ceiling' },
    floor: { zh: '控制在目标以内', en: 'Within the ceiling' },
    nearPace: { zh: '控制在目标以内', en: 'Within the ceiling' },
    yellow: { zh: '略超控制目标', en: 'Slightly over the ceiling' },
    red: { zh: '超出控制目标', en: 'Over the ceiling' },
  }[band];
}

/**
 * The name of a status where only the status and the kind of indicator are known (a legend, a count in the
 * bulletin, a tag): the same words as `EvaluationResult.label`.
 *
 * @example statusLabel('behindSchedule', 'rate') → { zh: '接近确保目标', … }
 * @example statusLabel('behindSchedule', 'cumulative') → { zh: '滞后序时进度', … }
 */
export function statusLabel(
  status: EvaluationStatus,
  valueKind: ValueKind | null,
  options: { sense?: TargetSense | null; yearEnd?: boolean } = {},
): LocalizedText {
  const paced = valueKind === 'cumulative' && !(options.yearEnd ?? false);
  const lower = options.sense === 'lower';
  switch (status) {
    case 'stretchMet':
      return paced
        ? { zh: '达到力争目标进度', en: 'On pace for the stretch target' }
        : { zh: '达到力争目标', en: 'Stretch target met' };
    case 'floorMet':
      if (paced)
        return lower
          ? { zh: '控制在序时进度内', en: 'Within the ceiling’s pace' }
          : { zh: '序时进度正常', en: 'On or close to pace' };
      return lower ? { zh: '控制在目标以内', en: 'Within the ceiling' } : { zh: '达到确保目标', en: 'Floor met' };
    case 'behindSchedule':
      if (paced)
        return lower
          ? { zh: '超出控制进度', en: 'Over the ceiling’s pace' }
          : { zh: '滞后序时进度', en: 'Behind time-elapsed progress' };
      return lower
        ? { zh: '略超控制目标', en: 'Slightly over the ceiling' }
        : { zh: '接近确保目标', en: 'Close to the floor' };
    case 'belowFloor':
      if (paced)
        return lower
          ? { zh: '严重超出控制进度', en: 'Far over the ceiling’s pace' }
          : { zh: '严重滞后序时进度', en: 'Far behind time-elapsed progress' };
      return lower ? { zh: '超出控制目标', en: 'Over the ceiling' } : { zh: '未达确保目标', en: 'Floor not met' };
    case 'noData':
      return { zh: '暂无数据', en: 'No data' };
    case 'noTarget':
      return { zh: '未设目标', en: 'No target' };
  }
}

/** What each colour means, for legends: the words differ for cumulative indicators and for rates and levels. */
export const COLOUR_LEGEND: Readonly<Record<Colour, LocalizedText>> = {
  green: {
    zh: '绿色：达到确保目标或力争目标；累计指标不落后或落后序时进度不超过黄色阈值',
    en: 'Green: floor or stretch met; cumulative indicators on pace or no more than the yellow threshold behind',
  },
  yellow: {
    zh: '黄色：增速、水平指标接近确保目标（差距在容差内）；累计指标滞后序时进度',
    en: 'Yellow: rates and levels close to the floor (within the tolerance); cumulative indicators behind pace',
  },
  red: {
    zh: '红色：增速、水平指标未达确保目标且超出容差；累计指标严重滞后序时进度',
    en: 'Red: rates and levels short of the floor beyond the tolerance; cumulative indicators far behind pace',
  },
  grey: { zh: '灰色：暂无数据或未设目标', en: 'Grey: no data or no target' },
};

interface ExplainArgs {
  actual: number;
  unit: string;
  resolved: ResolvedTarget;
  scale: ScoreScale;
  band: Band;
  side: 'low' | 'high';
  score: number;
  label: LocalizedText;
  share: number;
  deviationPoints: number | null;
  completion: number | null;
  thresholds: EvaluationThresholds;
  baseline: number | null;
  seasonal: boolean;
}

function explain(a: ExplainArgs): LocalizedText {
  const zh: string[] = [];
  const en: string[] = [];
  const f = (x: number): string => fig(x, a.unit);
  const { resolved: t, scale } = a;
  const colour = statusColour(BAND_STATUS[a.band]);
  const colourZh = { green: '绿色', yellow: '黄色', red: '红色', grey: '灰色' }[colour];

  // 1. The figure and the targets.
  const targets = targetWords(t, f);
  if (scale.kind === 'pace') {
    zh.push(`累计 ${f(a.actual)}，${targets.zh}`);
    en.push(`Year to date ${f(a.actual)}; ${targets.en}`);
  } else if (scale.kind === 'yearEnd') {
    zh.push(`全年累计 ${f(a.actual)}，${targets.zh}`);
    en.push(`Full year ${f(a.actual)}; ${targets.en}`);
  } else {
    zh.push(`实际 ${f(a.actual)}，${targets.zh}`);
    en.push(`Actual ${f(a.actual)}; ${targets.en}`);
  }
  if (a.baseline !== null) {
    zh.push(`基期值 ${f(a.baseline)}（仅供参考，不作为零分点）`);
    en.push(`baseline ${f(a.baseline)} (for reference, not the zero point)`);
  }

  // 2. Where it stands, in the rule's own terms.
  const y = a.thresholds.yellowPoints;
  const r = a.thresholds.redPoints;
  const tol = num(a.thresholds.rateYellowRelative * 100);
  if (scale.kind === 'pace' && a.completion !== null && a.deviationPoints !== null) {
    const how = a.seasonal ? '按季节性进度' : '按月平均';
    const howEn = a.seasonal ? 'seasonal profile' : 'even months';
    const boundName =
      t.sense === 'between'
        ? a.side === 'high'
          ? '上限'
          : '下限'
        : t.tiers === 'stretchOnly'
          ? '目标'
          : t.sense === 'lower'
            ? '控制目标'
            : '确保目标';
    const d = a.deviationPoints;
    const dev = Math.abs(d).toFixed(1);
    const ahead = t.sense === 'lower' ? (d > 0 ? '超出序时' : '低于序时') : d >= 0 ? '超序时' : '落后序时';
    const aheadEn = d >= 0 ? 'ahead of' : 'behind';
    zh.push(
      `完成${boundName}的 ${pct(a.completion)}，序时进度 ${pct(a.share)}（${how}），${dev === '0.0' ? '与序时进度持平' : `${ahead} ${dev} 个百分点`}`,
    );
    en.push(
      `${pct(a.completion)} of the ${t.sense === 'lower' ? 'ceiling' : 'target'} against ${pct(a.share)} of the year elapsed (${howEn}), ${dev === '0.0' ? 'level with' : `${dev} points ${aheadEn}`} time-elapsed progress`,
    );
  } else if (scale.kind === 'yearEnd' && a.completion !== null) {
    zh.push(`完成全年目标的 ${pct(a.completion)}`);
    en.push(`${pct(a.completion)} of the annual target`);
  } else if (a.band !== 'floor' && a.band !== 'stretch' && scale.kind === 'direct') {
    const s = a.side === 'high' || (scale.high === null && scale.sense === 'lower') ? -1 : 1;
    const bound = a.side === 'high' ? (scale.high as ScaleSide).floor : scale.low.floor;
    const gap = Math.abs(a.actual - bound);
    const rel =
      bound === 0
        ? ''
        : `，为${a.side === 'high' ? '上限' : s > 0 ? '确保目标' : '控制目标'}的 ${pct(gap / Math.abs(bound))}`;
    zh.push(
      `${s > 0 ? '低于' : '高于'}${a.side === 'high' ? '上限' : scale.sense === 'between' ? '下限' : s > 0 ? '确保目标' : '控制目标'} ${gapZh(gap, a.unit)}${rel}`,
    );
    en.push(
      `${gapEn(gap, a.unit)} ${s > 0 ? 'below' : 'above'} the ${a.side === 'high' ? 'upper bound' : scale.sense === 'between' ? 'lower bound' : s > 0 ? 'floor' : 'ceiling'}${bound === 0 ? '' : ` (${pct(gap / Math.abs(bound))})`}`,
    );
  }
  zh.push(`判定：${a.label.zh}（${colourZh}）`);
  en.push(`verdict: ${a.label.en.toLowerCase()} (${colour})`);

  // 3. The score and the scale it was read from.
  const side = a.side === 'high' ? (scale.high as ScaleSide) : scale.low;
  const floorName =
    scale.kind === 'pace'
      ? '序时进度对应值'
      : scale.sense === 'between'
        ? a.side === 'high'
          ? '上限'
          : '下限'
        : t.tiers === 'stretchOnly'
          ? '目标'
          : scale.sense === 'lower'
            ? '控制目标'
            : '确保目标';
  const floorNameEn =
    scale.kind === 'pace'
      ? 'the pace value'
      : scale.sense === 'between'
        ? a.side === 'high'
          ? 'the upper bound'
          : 'the lower bound'
        : scale.sense === 'lower'
          ? 'the ceiling'
          : 'the floor';
  const partsZh = [`${floorName} ${f(side.floor)} 记 100 分`];
  const partsEn = [`${floorNameEn} ${f(side.floor)} scores 100`];
  if (side.redBoundary !== side.floor) {
    const where =
      scale.kind === 'pace'
        ? `${t.sense === 'between' ? y : r} 个百分点`
        : scale.kind === 'yearEnd'
          ? `${y}%`
          : `${tol}%`;
    const whereEn =
      scale.kind === 'pace'
        ? `${t.sense === 'between' ? y : r} points`
        : scale.kind === 'yearEnd'
          ? `${y}%`
          : `${tol}%`;
    partsZh.push(
      `${scale.kind === 'pace' ? (side.sense === 'higher' ? '落后' : '超出') + '序时' : (side.sense === 'higher' ? '低于' : '高于') + floorName} ${where}处的黄红分界 ${f(side.redBoundary)} 记 60 分`,
    );
    partsEn.push(
      `the yellow/red boundary ${f(side.redBoundary)} (${whereEn} ${scale.kind === 'pace' ? (side.sense === 'higher' ? 'behind pace' : 'over pace') : side.sense === 'higher' ? 'below' : 'above'}) scores 60`,
    );
  }
  if (side.zeroPoint !== null) {
    const source =
      side.zeroPointSource === 'stated'
        ? { zh: '指标设定', en: 'stated by the indicator' }
        : scale.kind === 'pace'
          ? {
              zh: `默认：${side.sense === 'higher' ? '落后' : '超出'}序时 ${num(r * 2.5)} 个百分点`,
              en: `default: ${num(r * 2.5)} points off pace`,
            }
          : {
              zh: `默认：偏离${floorName} ${num((scale.kind === 'yearEnd' ? y : a.thresholds.rateYellowRelative * 100) * 2.5)}%`,
              en: `default: ${num((scale.kind === 'yearEnd' ? y : a.thresholds.rateYellowRelative * 100) * 2.5)}% off ${floorNameEn}`,
            };
    partsZh.push(`零分点 ${f(side.zeroPoint)}（${source.zh}）记 0 分`);
    partsEn.push(`the zero point ${f(side.zeroPoint)} (${source.en}) scores 0`);
  } else {
    partsZh.push('目标为 0，未设零分点，未达到即记 0 分');
    partsEn.push('a target of 0 has no zero point: a miss scores 0');
  }
  if (side.cap !== side.floor) {
    partsZh.push(
      side.stretch
        ? `力争目标${scale.kind === 'pace' ? '进度' : ''} ${f(side.cap)} 记 120 分`
        : `封顶点 ${f(side.cap)}（单一目标：${side.sense === 'higher' ? '高于' : '低于'}目标 ${num(2 * (scale.kind === 'pace' || scale.kind === 'yearEnd' ? y : a.thresholds.rateYellowRelative * 100))}%）记 120 分`,
    );
    partsEn.push(
      side.stretch
        ? `the stretch ${f(side.cap)} scores 120`
        : `the cap point ${f(side.cap)} (one-tier target) scores 120`,
    );
  } else if (scale.sense === 'between') {
    partsZh.push('区间内记 100 分');
    partsEn.push('inside the range scores 100');
  }
  if (scale.ignoredZeroPoint !== null) {
    partsZh.push(`设定的零分点 ${f(scale.ignoredZeroPoint)} 未越过黄红分界，未采用`);
    partsEn.push(
      `the stated zero point ${f(scale.ignoredZeroPoint)} does not lie beyond the yellow/red boundary and is not used`,
    );
  }
  zh.push(`得分 ${num(a.score, 1)}：${partsZh.join('，')}，其间按直线计分`);
  en.push(`score ${num(a.score, 1)}: ${partsEn.join(', ')}; linear in between`);

  // 4. The rule.
  if (scale.kind === 'pace') {
    zh.push(
      t.sense === 'between'
        ? `规则：累计指标按序时进度评价，在区间进度内为绿色，偏离不超过 ${y} 个百分点为黄色，超过为红色`
        : `规则：累计指标按序时进度评价，不落后或落后不超过 ${y} 个百分点为绿色，落后 ${y}–${r} 个百分点为黄色（滞后序时进度），落后超过 ${r} 个百分点为红色`,
    );
    en.push(
      t.sense === 'between'
        ? `rule: cumulative indicators are judged against time-elapsed progress; inside the paced range green, within ${y} points yellow, further red`
        : `rule: cumulative indicators are judged against time-elapsed progress; on pace or up to ${y} points behind green, ${y}–${r} points behind yellow, further red`,
    );
  } else if (scale.kind === 'yearEnd') {
    zh.push(`规则：年末累计数为全年结果，完成目标为绿色，差距不超过目标的 ${y}% 为黄色，超过为红色`);
    en.push(
      `rule: at the year end the cumulative figure is final; target met green, short by at most ${y}% of it yellow, further red`,
    );
  } else if (scale.kind === 'noScale') {
    zh.push('规则：目标为 0 时没有相对容差，达到为绿色，未达到为红色');
    en.push('rule: a target of 0 has no relative tolerance; met green, missed red');
  } else {
    zh.push(
      `规则：增速和水平指标直接与年度目标比较，达到为绿色，差距不超过目标的 ${tol}% 为黄色（接近确保目标），超过为红色`,
    );
    en.push(
      `rule: rates and levels are compared with the annual target directly; met green, short by at most ${tol}% of it yellow (close to the floor), further red`,
    );
  }
  return { zh: `${zh.join('；')}。`, en: `${cap(en.join('; '))}.` };
}

function targetWords(t: ResolvedTarget, f: (x: number) => string): LocalizedText {
  if (t.sense === 'between') {
    return {
      zh: `目标区间 ${f(t.floor)}–${f(t.upper as number)}`,
      en: `target range ${f(t.floor)}–${f(t.upper as number)}`,
    };
  }
  if (t.sense === 'lower') {
    if (t.tiers === 'stretchOnly')
      return {
        zh: `控制目标 ${f(t.floor)} 以内（仅设力争目标，按其考核）`,
        en: `ceiling ${f(t.floor)} (stretch only, judged against it)`,
      };
    return t.stretch === null
      ? { zh: `控制目标 ${f(t.floor)} 以内`, en: `ceiling ${f(t.floor)}` }
      : {
          zh: `控制目标 ${f(t.floor)} 以内，力争 ${f(t.stretch)} 以内`,
          en: `ceiling ${f(t.floor)}, stretch ceiling ${f(t.stretch)}`,
        };
  }
  if (t.tiers === 'stretchOnly')
    return {
      zh: `目标 ${f(t.floor)}（仅设力争目标，按其考核）`,
      en: `target ${f(t.floor)} (stretch only, judged against it)`,
    };
  return t.stretch === null
    ? { zh: `确保目标 ${f(t.floor)}（单一目标）`, en: `floor ${f(t.floor)} (one-tier)` }
    : { zh: `确保目标 ${f(t.floor)}，力争目标 ${f(t.stretch)}`, en: `floor ${f(t.floor)}, stretch ${f(t.stretch)}` };
}

/** A difference with its unit; a difference of percentages is in percentage points. */
function gapZh(gap: number, unit: string): string {
  return unit === '%' ? `${num(gap)} 个百分点` : fig(gap, unit);
}

function gapEn(gap: number, unit: string): string {
  return unit === '%' ? `${num(gap)} points` : fig(gap, unit);
}

/** A figure with its unit: "5.2%", "279.2亿元". */
function fig(value: number, unit: string): string {
  return `${num(value)}${unit}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function round9(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
