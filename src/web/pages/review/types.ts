import type { z } from 'zod';
import type { reviewQueueItemSchema } from '../../../shared/api/values.ts';

export type ReviewItem = z.infer<typeof reviewQueueItemSchema>;

export interface ReviewFilter {
  period: string | undefined;
  orgUnitId: string | undefined;
  indicator: string;
}

/** The relative change against last period, or null when last period is unknown or zero. */
export function changeShare(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}

/** The test id of a queue row: unit, indicator and period identify a value. */
export function reviewRowId(item: Pick<ReviewItem, 'orgUnitId' | 'indicatorCode' | 'period'>): string {
  return `review-row-${item.orgUnitId}-${item.indicatorCode}-${item.period}`;
}
