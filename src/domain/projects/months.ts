/**
 * Month arithmetic for the ledger (`YYYY-MM`), and the plan's time-elapsed progress. Nothing reads the clock.
 */
import { DEFAULT_MONTHLY_PROFILE } from './types.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parts(month: string): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`Invalid month ${JSON.stringify(month)}: expected YYYY-MM`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * Whole months from `from` to `to` (negative when `to` is earlier).
 *
 * @example monthsBetween('2024-11', '2025-02') === 3
 */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1] = parts(from);
  const [y2, m2] = parts(to);
  return (y2 - y1) * 12 + (m2 - m1);
}

/**
 * The month `n` months after `month`.
 *
 * @example addMonths('2024-11', 3) === '2025-02'; addMonths('2025-01', -1) === '2024-12'
 */
export function addMonths(month: string, n: number): string {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month number (1–12) of `YYYY-MM`. */
export function monthNumber(month: string): number {
  return parts(month)[1];
}

/** A plan's monthly profile made to sum to 1 (the default seasonal profile when none is given). */
export function normaliseProfile(profile: readonly number[] | null | undefined): number[] {
  const p = profile && profile.length === 12 ? profile : DEFAULT_MONTHLY_PROFILE;
  const sum = p.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || p.some((x) => !(x >= 0)))
    throw new RangeError('A monthly profile needs 12 shares ≥ 0 with a sum above 0');
  return p.map((x) => x / sum);
}

/**
 * The share of the year's plan the profile expects by the end of month `m` (1–12): the plan's time-elapsed
 * progress (计划序时进度). With the flat profile this is m / 12, the plain 序时进度 the bulletins quote.
 *
 * @example plannedShareThrough(null, 6) ≈ 0.44 (the default seasonal profile: 4+5+8+8+9+10 %)
 * @example plannedShareThrough(Array(12).fill(1), 3) === 0.25
 */
export function plannedShareThrough(profile: readonly number[] | null | undefined, m: number): number {
  if (m <= 0) return 0;
  const p = normaliseProfile(profile);
  let share = 0;
  for (let i = 0; i < Math.min(12, m); i++) share += p[i]!;
  return Math.min(1, share);
}

/**
 * The plain time-elapsed progress of a year at the end of month `m`: m / 12.
 *
 * @example timeElapsedOfYear(12) === 1; timeElapsedOfYear(9) === 0.75
 */
export function timeElapsedOfYear(m: number): number {
  return Math.min(1, Math.max(0, m / 12));
}
