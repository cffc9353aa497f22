import type { OrgIndex } from '../../access/org-index.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import { CaseRepository } from './case.repository.ts';
import { CaseService, type HouseholdFacts } from './case.service.ts';

export { CaseService } from './case.service.ts';

/**
 * The registry's answer: its no-labour flag (yes → no labour capacity; no → has it). "Possibly" and a household not
 * registered are unknown, and the removal of a risk is then refused with that reason rather than guessed.
 */
function registryFacts(repo: CaseRepository): HouseholdFacts {
  return {
    // In the caller's transaction when given (SQLite has one connection).
    noLabourCapacity: async (id, q) => {
      const flag = await repo.noLabourFlag(q ?? repo.k, id);
      return flag === 2 ? true : flag === 0 ? false : null;
    },
  };
}

/** The cases module as the app context wires it. */
export function createCaseService(
  db: Db,
  deps: {
    org: () => OrgIndex;
    clock: Clock;
    auditor: Auditor;
    events: EventBus;
    /** The registry's blind index of an ID number (security/field-crypto.ts). */
    blindIndex: (normalisedId: string) => string;
    blindIndexCandidates?: (normalisedId: string) => string[];
    decrypt: (sealed: string) => string;
    households?: HouseholdFacts;
  },
): CaseService {
  const repo = new CaseRepository(db);
  return new CaseService({
    repo,
    org: deps.org,
    clock: deps.clock,
    auditor: deps.auditor,
    households: deps.households ?? registryFacts(repo),
    blindIndex: deps.blindIndex,
    ...(deps.blindIndexCandidates ? { blindIndexCandidates: deps.blindIndexCandidates } : {}),
    decrypt: deps.decrypt,
    changed: () => deps.events.emit('households.casesChanged', {}),
    escalated: (n) => deps.events.emit('supervision.noticeEscalated', { ...n, subject: 'householdCase' }),
  });
}
