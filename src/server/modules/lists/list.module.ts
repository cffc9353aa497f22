import type { OrgIndex } from '../../access/org-index.ts';
import type { Access } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { FieldCrypto } from '../../security/field-crypto.ts';
import { PersonalData } from '../../security/personal-data.ts';
import { ListRepository } from './list.repository.ts';
import { ListService } from './list.service.ts';

export { ListService } from './list.service.ts';

/** The lists module as the app context wires it: one repository, the service and its parts. */
export function createListService(
  db: Db,
  deps: {
    org: () => OrgIndex;
    access: () => Access;
    clock: Clock;
    config: Pick<Config, 'uploadLimit'>;
    events: EventBus;
    fieldCrypto: () => FieldCrypto;
    auditor: Auditor;
  },
): ListService {
  return new ListService({
    repo: new ListRepository(db),
    org: deps.org,
    access: deps.access,
    clock: deps.clock,
    uploadLimit: deps.config.uploadLimit,
    events: deps.events,
    personal: new PersonalData(deps.fieldCrypto),
    auditor: deps.auditor,
  });
}
