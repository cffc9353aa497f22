import type { OrgIndex } from '../../access/org-index.ts';
import type { Access } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { FieldCrypto } from '../../security/field-crypto.ts';
import type { FrameworkRepository } from '../frameworks/framework.repository.ts';
import type { ValueService } from '../values/value.service.ts';
import { DataSetService } from './dataset.service.ts';
import { ExchangeRepository } from './exchange.repository.ts';
import { MappingService } from './mapping.service.ts';
import { NotificationService } from './notification.service.ts';
import { TokenRepository } from './token.repository.ts';

/** The exchange module's services (the tokens are `ctx.tokens`: the HTTP hooks need them before any module). */
export interface Exchange {
  dataSets: DataSetService;
  mappings: MappingService;
  notifications: NotificationService;
}

export function createExchange(
  db: Queryable,
  deps: {
    values: ValueService;
    frameworks: FrameworkRepository;
    org: () => OrgIndex;
    access: () => Access;
    clock: Clock;
    events: EventBus;
    auditor: Auditor;
    fieldCrypto: () => FieldCrypto;
  },
): Exchange {
  return {
    dataSets: new DataSetService({
      db,
      repo: new ExchangeRepository(db),
      tokens: new TokenRepository(db),
      values: deps.values,
      frameworks: deps.frameworks,
      org: deps.org,
      access: deps.access,
      clock: deps.clock,
      events: deps.events,
    }),
    mappings: new MappingService({
      db,
      frameworks: deps.frameworks,
      org: deps.org,
      clock: deps.clock,
      auditor: deps.auditor,
    }),
    notifications: new NotificationService({
      db,
      clock: deps.clock,
      auditor: deps.auditor,
      fieldCrypto: deps.fieldCrypto,
      events: deps.events,
    }),
  };
}
