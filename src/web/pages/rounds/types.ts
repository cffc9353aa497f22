import type { z } from 'zod';
import type { roundStatusSchema, roundUnitStatusSchema } from '../../../shared/api/rounds.ts';

export type RoundStatus = z.infer<typeof roundStatusSchema>;
export type UnitStatus = z.infer<typeof roundUnitStatusSchema>;

export type { PeriodLock } from '../../../shared/api/values.ts';

/** Entries still to be done by the unit: missing, draft or returned. */
export function pendingOf(u: UnitStatus): number {
  return u.missing + u.draft + u.returned;
}

/** Share of the expected entries that have left the unit (submitted, approved or published). */
export function doneShare(u: UnitStatus): number {
  return u.expected === 0 ? 1 : (u.submitted + u.approved + u.published) / u.expected;
}

/** Late units first ("what is late is never hidden"), then the most entries still to do, then by name. */
export function sortUnits(units: readonly UnitStatus[]): UnitStatus[] {
  return [...units].sort(
    (a, b) => Number(b.late) - Number(a.late) || pendingOf(b) - pendingOf(a) || doneShare(a) - doneShare(b),
  );
}

/** Whole days from `due` to `today`, both YYYY-MM-DD. */
export function daysBetween(due: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}
