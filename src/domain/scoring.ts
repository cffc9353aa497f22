/**
 * The score of one indicator for one unit and period (DOMAIN.md §2.2) — the numeric view of the same position that
 * `evaluate` names as a status and a colour. docs/evaluation.md states the rule with worked examples.
 *
 * One scale, four points on the actual's own scale (paced for cumulative indicators):
 *
 *     zero point ──── yellow/red boundary ──── floor (or pace) ──── stretch (or cap point)
 *         0                   60                     100                    120
 *
 * The score is linear between neighbouring points, 0 below the zero point and 120 beyond the stretch. The colour
 * bands are the score bands: red below 60, yellow from 60 to below 100, green from 100 (plus, for cumulative
 * indicators during the year, the "near pace" band just behind pace: green, scoring between 60 and 100 but above
 * every yellow). So a green cell never scores below a yellow one of the same indicator, a red one never above a
 * yellow one, and a cell that meets its floor (or its pace) never scores below 100.
 *
 * The yellow/red boundary is the evaluation's tolerance:
 * - rates and levels: floor − rateYellowRelative × |floor| (10% of the floor by default);
 * - cumulative, during the year: redPoints behind time-elapsed progress, (e − redPoints/100) × floor
 *   (30 points by default); the green/yellow boundary is yellowPoints behind pace;
 * - cumulative, at the year end (December, Q4, the year): yellowPoints short of the floor, (1 − yellowPoints/100) ×
 *   floor — the figure is final and judged like a level.
 *
 * The zero point is explicit, with its source:
 * - `stated`: the indicator states one (an annual figure, paced like the floor for cumulative indicators). It is
 *   used only when it lies beyond the yellow/red boundary; otherwise it is ignored and the default applies.
 * - `default`: 2.5 times the yellow/red distance beyond the floor (or pace), so the line from the floor through the
 *   boundary continues straight to 0 — for rates and levels 25% below the floor, for cumulative indicators 75
 *   points behind time-elapsed progress, at the year end 25% short of the floor. Similar relative shortfalls
 *   therefore score alike, whatever last year's figure was (the baseline is shown, never used as a zero point).
 * - `none`: a floor of 0 (or a non-positive cumulative floor) has no relative tolerance: any shortfall is red and,
 *   without a stated zero point, scores 0.
 *
 * One-tier targets have no stretch: the score keeps rising above the floor to 120 at the cap point, the floor
 * improved by twice the yellow band (1.2 × floor with the defaults), paced for cumulative indicators. Meeting a
 * one-tier target is worth 100 to 120, never a stretch status.
 * Ceilings (`atMost`) are mirrored. Ranges (`between`) score 100 inside and never above; outside, each bound has its
 * own yellow band and default zero point.
 *
 * Scores are not rounded; round for display.
 */
import { resolveTarget, type TargetSense } from './targets.ts';
import type { Target, ValueKind } from './types.ts';

export const SCORE_AT_ZERO = 0;
export const SCORE_AT_BOUNDARY = 60;
export const SCORE_AT_FLOOR = 100;
export const SCORE_AT_STRETCH = 120;
/** The default zero point lies this many yellow/red distances beyond the floor (where the straight line hits 0). */
export const ZERO_POINT_FACTOR = 2.5;
/** A one-tier target's cap point lies this many yellow bands above the floor. */
export const CAP_FACTOR = 2;

/** The evaluation's tolerances (see `EvaluationThresholds` in evaluation.ts). */
export interface ScaleThresholds {
  yellowPoints: number;
  redPoints: number;
  rateYellowRelative: number;
}

export const DEFAULT_SCALE_THRESHOLDS: Readonly<ScaleThresholds> = {
  yellowPoints: 10,
  redPoints: 30,
  rateYellowRelative: 0.1,
};

/**
 * - `direct`: a rate or level, compared with the annual target.
 * - `pace`: a cumulative figure during the year, compared with time-elapsed progress.
 * - `yearEnd`: a cumulative figure at the year's final period, compared with the annual target.
 * - `noScale`: a target of 0 (rates, levels) or of 0 or below (cumulative): met or not, no relative tolerance.
 */
export type ScaleKind = 'direct' | 'pace' | 'yearEnd' | 'noScale';

export type ZeroPointSource = 'stated' | 'default' | 'none';

/** One side of a scale, on the actual's scale, oriented by `sense` ('higher': larger is better). */
export interface ScaleSide {
  sense: 'higher' | 'lower';
  /** Score 0; null when there is no scale below the floor (source `none`). */
  zeroPoint: number | null;
  zeroPointSource: ZeroPointSource;
  /** The worst value still yellow: score 60. Equal to the floor when there is no tolerance. */
  redBoundary: number;
  /** The worst value still green: the floor, or for cumulative indicators during the year yellowPoints behind pace. */
  greenBoundary: number;
  /** The floor (paced for cumulative indicators): score 100. */
  floor: number;
  /** The stretch (paced), or for one-tier targets the cap point: score 120. Equal to the floor when flat. */
  cap: number;
  /** Whether `cap` is a real stretch target (reaching it is `stretchMet`). */
  stretch: boolean;
}

/** The scale a cell is judged on: one side, or two for a range (below the floor, above the upper bound). */
export interface ScoreScale {
  kind: ScaleKind;
  sense: TargetSense;
  /** Time-elapsed share used to pace the scale (1 unless `pace`). */
  pace: number;
  low: ScaleSide;
  /** Ranges only: the upper side, oriented 'lower'. */
  high: ScaleSide | null;
  /** A stated zero point that could not be used (it does not lie beyond the yellow/red boundary). */
  ignoredZeroPoint: number | null;
}

/** Where on its scale a value lies; `evaluate` turns it into a status. */
export type Band = 'stretch' | 'floor' | 'nearPace' | 'yellow' | 'red';

export interface ScaleInput {
  target: Target | null;
  valueKind?: ValueKind;
  /** Time-elapsed share (0–1), used only for cumulative indicators; default 1 (the whole year). */
  elapsedShare?: number;
  /** Cumulative only: the period is the last of its year, the figure is final. */
  yearEnd?: boolean;
  /** A zero point the indicator states (annual figure); null or absent for the default. */
  zeroPoint?: number | null;
  thresholds?: ScaleThresholds;
}

/**
 * The scale of a target, or null when the target is missing or unusable.
 *
 * @example GDP growth 2024, 确保 6.5 / 力争 7 (rate): zero 4.875 (default), yellow/red 5.85, floor 6.5, stretch 7
 * @example key-project investment, floor 290 (cumulative), Q1 (e = 0.25): zero −145 (75 points behind),
 *   yellow/red 0 (30 points behind), green 43.5 (10 behind), pace 72.5, cap 87 (one-tier: 1.2 × pace)
 */
export function scoreScale(input: ScaleInput): ScoreScale | null {
  const resolved = resolveTarget(input.target);
  if (!resolved.ok) return null;
  const t = input.thresholds ?? DEFAULT_SCALE_THRESHOLDS;
  const cumulative = input.valueKind === 'cumulative';
  const yearEnd = cumulative && (input.yearEnd ?? false);
  const e = cumulative && !yearEnd ? (input.elapsedShare ?? 1) : 1;
  if (!Number.isFinite(e) || e < 0) throw new RangeError(`Invalid elapsed share ${e}`);
  const stated =
    input.zeroPoint !== null && input.zeroPoint !== undefined && Number.isFinite(input.zeroPoint)
      ? input.zeroPoint
      : null;

  const nonPositive =
    cumulative && (resolved.floor <= 0 || (resolved.sense === 'between' && (resolved.upper as number) <= 0));
  const kind: ScaleKind = nonPositive
    ? 'noScale'
    : cumulative
      ? yearEnd
        ? 'yearEnd'
        : 'pace'
      : resolved.floor === 0 && resolved.sense !== 'between'
        ? 'noScale'
        : 'direct';

  const side = (
    bound: number,
    stretch: number | null,
    sense: 'higher' | 'lower',
    zero: number | null,
    ranged: boolean,
  ): { side: ScaleSide; ignored: number | null } => {
    // Distances from the floor, all measured towards the worse side (positive).
    let red: number;
    let green: number;
    let capDistance: number;
    if (kind === 'noScale') {
      red = 0;
      green = 0;
      capDistance = 0;
    } else if (kind === 'pace') {
      const points = ranged ? t.yellowPoints : t.redPoints;
      red = (points / 100) * bound;
      green = ranged ? 0 : (t.yellowPoints / 100) * bound;
      capDistance = ((CAP_FACTOR * t.yellowPoints) / 100) * bound * e;
    } else {
      const tol = kind === 'yearEnd' ? t.yellowPoints / 100 : t.rateYellowRelative;
      red = tol * Math.abs(bound);
      green = 0;
      capDistance = CAP_FACTOR * red;
    }
    const s = sense === 'higher' ? 1 : -1;
    const floor = bound * e;
    const redBoundary = floor - s * red;
    let zeroPoint: number | null = red > 0 ? floor - s * ZERO_POINT_FACTOR * red : null;
    let source: ZeroPointSource = red > 0 ? 'default' : 'none';
    let ignored: number | null = null;
    if (zero !== null) {
      const paced = zero * e;
      if (s * (redBoundary - paced) > 1e-9) {
        zeroPoint = paced;
        source = 'stated';
      } else ignored = zero;
    }
    const realStretch = !ranged && kind !== 'noScale' && stretch !== null;
    const cap = ranged || kind === 'noScale' ? floor : realStretch ? stretch * e : floor + s * capDistance;
    return {
      side: {
        sense,
        zeroPoint,
        zeroPointSource: source,
        redBoundary,
        greenBoundary: floor - s * green,
        floor,
        cap,
        stretch: realStretch,
      },
      ignored,
    };
  };

  if (resolved.sense === 'between') {
    const low = side(resolved.floor, null, 'higher', null, true);
    const high = side(resolved.upper as number, null, 'lower', null, true);
    return { kind, sense: 'between', pace: e, low: low.side, high: high.side, ignoredZeroPoint: null };
  }
  const one = side(resolved.floor, resolved.stretch, resolved.sense, stated, false);
  return { kind, sense: resolved.sense, pace: e, low: one.side, high: null, ignoredZeroPoint: one.ignored };
}

/**
 * Which band of its scale a value lies in. Comparisons are made on differences rounded to 9 decimals, so that
 * 290 × 0.2 is exactly 30 points behind half-year pace.
 */
export function bandOf(actual: number, scale: ScoreScale): Band {
  if (scale.high !== null) {
    const lowBand = sideBand(actual, scale.low);
    if (lowBand !== 'floor') return lowBand;
    return sideBand(actual, scale.high);
  }
  return sideBand(actual, scale.low);
}

/** The score of a value on its scale: 0–120, consistent with `bandOf` (see the module comment). */
export function scoreOnScale(actual: number, scale: ScoreScale): number {
  if (scale.high !== null) {
    const lowBand = sideBand(actual, scale.low);
    if (lowBand !== 'floor') return sideScore(actual, scale.low, lowBand);
    const highBand = sideBand(actual, scale.high);
    return Math.min(SCORE_AT_FLOOR, sideScore(actual, scale.high, highBand));
  }
  return sideScore(actual, scale.low, sideBand(actual, scale.low));
}

function sideBand(actual: number, side: ScaleSide): Band {
  const s = side.sense === 'higher' ? 1 : -1;
  const atLeast = (point: number): boolean => round9(s * (actual - point)) >= 0;
  if (side.stretch && atLeast(side.cap)) return 'stretch';
  if (atLeast(side.floor)) return 'floor';
  if (atLeast(side.greenBoundary)) return 'nearPace';
  if (atLeast(side.redBoundary)) return 'yellow';
  return 'red';
}

function sideScore(actual: number, side: ScaleSide, band: Band): number {
  const s = side.sense === 'higher' ? 1 : -1;
  const x = s * actual;
  const lerp = (from: number, to: number, scoreFrom: number, scoreTo: number): number =>
    to === from ? scoreTo : scoreFrom + ((scoreTo - scoreFrom) * (x - s * from)) / (s * to - s * from);
  switch (band) {
    case 'stretch':
      return SCORE_AT_STRETCH;
    case 'floor':
      if (side.cap === side.floor) return SCORE_AT_FLOOR;
      return clamp(lerp(side.floor, side.cap, SCORE_AT_FLOOR, SCORE_AT_STRETCH), SCORE_AT_FLOOR, SCORE_AT_STRETCH);
    case 'nearPace':
    case 'yellow':
      return clamp(
        lerp(side.redBoundary, side.floor, SCORE_AT_BOUNDARY, SCORE_AT_FLOOR),
        SCORE_AT_BOUNDARY,
        SCORE_AT_FLOOR,
      );
    case 'red':
      if (side.zeroPoint === null) return SCORE_AT_ZERO;
      return clamp(
        lerp(side.zeroPoint, side.redBoundary, SCORE_AT_ZERO, SCORE_AT_BOUNDARY),
        SCORE_AT_ZERO,
        SCORE_AT_BOUNDARY,
      );
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function round9(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

export interface ScoreInput extends ScaleInput {
  actual: number | null;
}

/** A score with the scale it was read from, for explanations. */
export interface ScoreDetails {
  score: number;
  band: Band;
  scale: ScoreScale;
}

/**
 * The score of an actual against its target, or null when there is no actual or no usable target.
 *
 * @example GDP growth 2024, floor 6.5, stretch 7: 6.8 → 112; 7.2 → 120; 6.0 → 69.2 (7.7% short, yellow);
 *   5.5 → 38.5 (15.4% short, red)
 * @example urban new jobs, floor 1.8 (万人, one-tier): 2.06 → 114.4 (120 at the cap point 2.16)
 * @example cumulative investment, floor 290 (亿元), after Q1 (elapsed 0.25): 72.5 → 100 (on pace)
 */
export function scoreIndicator(input: ScoreInput): number | null {
  return scoreDetails(input)?.score ?? null;
}

/**
 * Like `scoreIndicator`, with the band and the scale.
 *
 * @example scoreDetails({ actual: 2.04, target: { comparison: 'atMost', floor: 2, stretch: null, upper: null } })
 *   → { score: 92, band: 'yellow', scale: { low: { zeroPoint: 2.5, redBoundary: 2.2, floor: 2, cap: 1.6, … } } }
 */
export function scoreDetails(input: ScoreInput): ScoreDetails | null {
  const { actual } = input;
  if (actual === null || !Number.isFinite(actual)) return null;
  const scale = scoreScale(input);
  if (scale === null) return null;
  return { score: scoreOnScale(actual, scale), band: bandOf(actual, scale), scale };
}
