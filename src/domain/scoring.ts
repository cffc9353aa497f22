/**
 * The score of one indicator for one unit and period (DOMAIN.md §2.2): a number from 0 to 120.
 *
 * Rule — piecewise linear between three points, capped to [0, 120]:
 * - **0 at the zero point.** The baseline when one is given and it lies on the worse side of the floor; otherwise
 *   0 or twice the floor, whichever lies on the worse side: 0 for a positive higher-is-better floor (GDP growth
 *   floor 6.5 → zero point 0), twice the floor for a positive ceiling (CPI ≤ 3.5 → zero point 7). A baseline that
 *   already meets the floor (2023 new jobs 2.06万 against the 2024 floor 1.8万) cannot be a zero point and is
 *   ignored. When the zero point equals the floor (floor 0 and no baseline) the score steps from 0 to 100 there.
 * - **100 at the floor** (确保), **120 at the stretch** (力争); 120 beyond the stretch.
 * - **One-tier targets** keep rising above the floor at the same slope as below it, reaching the cap of 120 at
 *   floor + 0.2 × (floor − zero point) — i.e. at floor × 1.2 with the default zero point 0 (new jobs floor 1.8万
 *   → 120 at 2.16万). Meeting a one-tier target is worth 100 to 120, never a stretch status.
 * - **Lower is better** (ceilings, `atMost`): the same rule mirrored; the stretch is the lower ceiling.
 * - **Ranges** (`between`): 100 inside [floor, upper]; below the floor scored as a one-tier floor, above the
 *   upper bound as a one-tier ceiling, each with its own zero point; never above 100.
 * - **Cumulative (year-to-date) indicators are scored on pace**: the zero point, floor, stretch and upper bound are
 *   multiplied by the time-elapsed share before the actual is placed between them.
 *
 * Scores are not rounded; round for display.
 */
import { isBetter, resolveTarget, type TargetSense } from './targets.ts';
import type { Target, ValueKind } from './types.ts';

export const SCORE_AT_ZERO = 0;
export const SCORE_AT_FLOOR = 100;
export const SCORE_AT_STRETCH = 120;

export interface ScoreInput {
  actual: number | null;
  target: Target | null;
  /** Baseline value (基期值); used as the zero point when it lies on the worse side of the floor. */
  baseline?: number | null;
  /** Cumulative indicators are scored on pace; default `level` (compared directly). */
  valueKind?: ValueKind;
  /** Time-elapsed share (0–1), used only for cumulative indicators; default 1 (the whole year). */
  elapsedShare?: number;
}

/** A score with the breakpoints it was read from, on the actual's scale (paced for cumulative indicators). */
export interface ScoreDetails {
  score: number;
  sense: TargetSense;
  /** Where the score is 0; for ranges, the zero point below the floor. */
  zeroPoint: number;
  floor: number;
  stretch: number | null;
  /** Where a one-tier target reaches 120 (floor + 0.2 × (floor − zero point)); null otherwise. */
  capPoint: number | null;
  /** Ranges only: the upper bound and the zero point above it. */
  upper: number | null;
  upperZeroPoint: number | null;
}

/**
 * The score of an actual against its target, or null when there is no actual or no usable target.
 *
 * @example GDP growth 2024, floor 6.5, stretch 7, no baseline: actual 6.8 → 112; 7.2 → 120; 6.0 → 92.3
 * @example urban–rural income ratio, ceiling 2.0 (high-tech zone 2025), baseline 2.08: actual 2.04 → 50
 * @example urban new jobs, floor 1.8 (万人, one-tier): actual 2.06 → 114.4 (120 would need 2.16)
 * @example cumulative investment, floor 290 (亿元), after Q1 (elapsed 0.25): actual 72.5 → 100 (on pace)
 */
export function scoreIndicator(input: ScoreInput): number | null {
  return scoreDetails(input)?.score ?? null;
}

/**
 * Like `scoreIndicator`, with the zero point, floor, stretch and cap the score was read from, for explanations.
 *
 * @example scoreDetails({ actual: 2.04, target: { comparison: 'atMost', floor: 2, stretch: null, upper: null },
 *   baseline: 2.08 }) → { score: 50, sense: 'lower', zeroPoint: 2.08, floor: 2, capPoint: 1.984, … }
 */
export function scoreDetails(input: ScoreInput): ScoreDetails | null {
  const { actual, target, baseline = null, valueKind = 'level', elapsedShare = 1 } = input;
  if (actual === null || !Number.isFinite(actual)) return null;
  const resolved = resolveTarget(target);
  if (!resolved.ok) return null;
  const pace = valueKind === 'cumulative' ? elapsedShare : 1;
  if (!Number.isFinite(pace) || pace < 0) throw new RangeError(`Invalid elapsed share ${pace}`);
  const usableBaseline = baseline !== null && Number.isFinite(baseline) ? baseline : null;

  if (resolved.sense === 'between') {
    const upper = resolved.upper as number;
    const zeroLow = zeroPoint(resolved.floor, usableBaseline, 'higher');
    const zeroHigh = zeroPoint(upper, usableBaseline, 'lower');
    const floor = resolved.floor * pace;
    const up = upper * pace;
    let score = SCORE_AT_FLOOR;
    if (actual < floor) score = Math.min(SCORE_AT_FLOOR, scoreHigher(actual, zeroLow * pace, floor, null));
    else if (actual > up) score = Math.min(SCORE_AT_FLOOR, scoreHigher(-actual, -zeroHigh * pace, -up, null));
    return {
      score,
      sense: 'between',
      zeroPoint: zeroLow * pace,
      floor,
      stretch: null,
      capPoint: null,
      upper: up,
      upperZeroPoint: zeroHigh * pace,
    };
  }

  const sign = resolved.sense === 'higher' ? 1 : -1;
  const zero = zeroPoint(resolved.floor, usableBaseline, resolved.sense) * pace;
  const floor = resolved.floor * pace;
  const stretch = resolved.stretch === null ? null : resolved.stretch * pace;
  const score = scoreHigher(sign * actual, sign * zero, sign * floor, stretch === null ? null : sign * stretch);
  return {
    score,
    sense: resolved.sense,
    zeroPoint: zero,
    floor,
    stretch,
    capPoint: stretch === null ? floor + 0.2 * (floor - zero) : null,
    upper: null,
    upperZeroPoint: null,
  };
}

/**
 * The zero point of the score scale for a floor (or ceiling): the baseline if it is strictly worse than the floor,
 * otherwise 0 or twice the floor, whichever is worse than the floor (the floor itself when the floor is 0).
 *
 * @example zeroPoint(6.5, null, 'higher') === 0; zeroPoint(3.5, null, 'lower') === 7;
 * zeroPoint(2, 2.08, 'lower') === 2.08; zeroPoint(1.8, 2.06, 'higher') === 0 (the baseline already meets it)
 */
export function zeroPoint(floor: number, baseline: number | null, sense: 'higher' | 'lower'): number {
  if (baseline !== null && isBetter(floor, baseline, sense)) return baseline;
  return sense === 'higher' ? floor - Math.abs(floor) : floor + Math.abs(floor);
}

/** Higher-is-better scoring; lower-is-better callers negate every value. */
function scoreHigher(actual: number, zero: number, floor: number, stretch: number | null): number {
  const span = floor - zero;
  if (stretch !== null) {
    if (actual >= stretch) return SCORE_AT_STRETCH;
    if (actual >= floor) {
      return SCORE_AT_FLOOR + ((SCORE_AT_STRETCH - SCORE_AT_FLOOR) * (actual - floor)) / (stretch - floor);
    }
  } else if (actual >= floor) {
    return span > 0 ? Math.min(SCORE_AT_STRETCH, SCORE_AT_FLOOR + (SCORE_AT_FLOOR * (actual - floor)) / span) : 100;
  }
  if (span <= 0) return SCORE_AT_ZERO;
  return Math.max(SCORE_AT_ZERO, (SCORE_AT_FLOOR * (actual - zero)) / span);
}
