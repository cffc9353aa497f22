import type { OrgIndex } from '../../access/org-index.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import { CaseRepository } from './case.repository.ts';
import { CaseService, type HouseholdFacts } from './case.service.ts';

export { CaseService } from './case.service.ts';

/**
 * Until the registry (households module) answers for a household, nobody's labour capacity is known: the removal of
 * a risk is refused with that reason rather than guessed.
 */
const UNKNOWN_HOUSEHOLDS: HouseholdFacts = { noLabourCapacity: () => Promise.resolve(null) };

/** The cases module as the app context wires it. */
export function createCaseService(
  db: Db,
  deps: { org: () => OrgIndex; clock: Clock; auditor: Auditor; events: EventBus; households?: HouseholdFacts },
): CaseService {
  return new CaseService({
    repo: new CaseRepository(db),
    org: deps.org,
    clock: deps.clock,
    auditor: deps.auditor,
    households: deps.households ?? UNKNOWN_HOUSEHOLDS,
    changed: () => deps.events.emit('households.casesChanged', {}),
  });
}
