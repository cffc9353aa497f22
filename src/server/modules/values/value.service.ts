import { PeriodLockService } from './value.locks.service.ts';
import { ValueEntryService } from './value.entry.service.ts';
import type { ValueDeps } from './value.mapper.ts';
import { ValueReviewService } from './value.review.service.ts';

export type { ValueDeps } from './value.mapper.ts';
export { indicatorRef, toValue } from './value.mapper.ts';

/**
 * The values module, by responsibility:
 * - `entry` — the entry grid, saving drafts, submitting, a value's history and series (value.entry.service.ts);
 * - `review` — the review queue, approve or return, publish (with its preview) and reopen (value.review.service.ts);
 * - `locks` — locking and unlocking periods (value.locks.service.ts, over period-lock.repository.ts).
 * The status transitions are pure rules in src/domain/values/status.ts.
 */
export class ValueService {
  readonly entry: ValueEntryService;
  readonly review: ValueReviewService;
  readonly locks: PeriodLockService;

  constructor(deps: ValueDeps) {
    this.entry = new ValueEntryService(deps);
    this.review = new ValueReviewService(deps);
    this.locks = new PeriodLockService(deps);
  }
}
