/**
 * Reading a two-tier target (DOMAIN.md §2.1) into the form evaluation and scoring work with.
 *
 * Rules:
 * - The target's `comparison` decides how the actual is judged: `atLeast` → higher is better, `atMost` (a
 *   ceiling) → lower is better, `between` → inside [floor, upper] is right. The indicator's direction is not
 *   consulted here; `evaluate` flags a target whose comparison contradicts it.
 * - A stretch-only target is treated as a floor ("力争 X" alone is the target to meet), so it is one-tier.
 * - A stretch that is not strictly better than the floor (equal, or on the wrong side) is ignored: one-tier.
 * - `between` needs both floor and upper, floor ≤ upper; its stretch is ignored.
 * - Numbers must be finite.
 */
import type { LocalizedText } from './text.ts';
import type { Target } from './types.ts';

/** How the actual is judged against the target. */
export type TargetSense = 'higher' | 'lower' | 'between';

/** A usable target. `stretch` is null for one-tier targets; `upper` is set only for `between`. */
export interface ResolvedTarget {
  ok: true;
  sense: TargetSense;
  floor: number;
  stretch: number | null;
  upper: number | null;
  /** Where the floor came from: both tiers given, floor only, or a stretch standing in as the floor. */
  tiers: 'twoTier' | 'floorOnly' | 'stretchOnly';
}

export interface UnusableTarget {
  ok: false;
  reason: 'missing' | 'invalid';
  detail: LocalizedText;
}

/**
 * Resolves a target into sense, floor, stretch and upper bound, or says why it cannot be used.
 *
 * @example resolveTarget({ comparison: 'atLeast', floor: 6.5, stretch: 7, upper: null })
 *   → { ok: true, sense: 'higher', floor: 6.5, stretch: 7, upper: null, tiers: 'twoTier' } (GDP +6.5% / 7%, 2024)
 * @example resolveTarget({ comparison: 'atMost', floor: 3.5, stretch: null, upper: null })
 *   → { ok: true, sense: 'lower', floor: 3.5, stretch: null, … tiers: 'floorOnly' } (CPI within 3.5%)
 * @example resolveTarget(null) → { ok: false, reason: 'missing', … }
 */
export function resolveTarget(target: Target | null): ResolvedTarget | UnusableTarget {
  if (target === null) return { ok: false, reason: 'missing', detail: { zh: '未设定目标', en: 'no target is set' } };
  const { comparison, floor, stretch, upper } = target;
  for (const [name, value] of [
    ['floor', floor],
    ['stretch', stretch],
    ['upper', upper],
  ] as const) {
    if (value !== null && !Number.isFinite(value)) {
      return {
        ok: false,
        reason: 'invalid',
        detail: { zh: `目标值 ${String(value)} 不是有效数字`, en: `the ${name} ${String(value)} is not a number` },
      };
    }
  }

  if (comparison === 'between') {
    if (floor === null && upper === null) {
      return { ok: false, reason: 'missing', detail: { zh: '未设定目标区间', en: 'no bounds are set' } };
    }
    if (floor === null || upper === null) {
      return {
        ok: false,
        reason: 'invalid',
        detail: { zh: '区间目标需要同时设定下限和上限', en: 'a range target needs both a lower and an upper bound' },
      };
    }
    if (floor > upper) {
      return {
        ok: false,
        reason: 'invalid',
        detail: {
          zh: `下限 ${floor} 高于上限 ${upper}`,
          en: `the lower bound ${floor} is above the upper bound ${upper}`,
        },
      };
    }
    return { ok: true, sense: 'between', floor, stretch: null, upper, tiers: 'floorOnly' };
  }

  const sense: 'higher' | 'lower' = comparison === 'atMost' ? 'lower' : 'higher';
  if (floor === null) {
    if (stretch === null) {
      return {
        ok: false,
        reason: 'missing',
        detail: { zh: '未设定确保目标或力争目标', en: 'neither a floor nor a stretch is set' },
      };
    }
    return { ok: true, sense, floor: stretch, stretch: null, upper: null, tiers: 'stretchOnly' };
  }
  if (stretch === null || !isBetter(stretch, floor, sense)) {
    return { ok: true, sense, floor, stretch: null, upper: null, tiers: 'floorOnly' };
  }
  return { ok: true, sense, floor, stretch, upper: null, tiers: 'twoTier' };
}

/** Whether `a` is strictly better than `b` for a higher- or lower-is-better target. */
export function isBetter(a: number, b: number, sense: 'higher' | 'lower'): boolean {
  return sense === 'higher' ? a > b : a < b;
}
