import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { EventBus } from '../../events.ts';
import { AppError } from '../../errors.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { ValueDeps } from './value.mapper.ts';
import type { PeriodLockRepository, PeriodLockRow } from './period-lock.repository.ts';

/**
 * Period locks (期别锁定): the coordination centre locks a period once its figures are final and unlocks it, with a
 * reason, to correct them. Each lock and unlock is in the audit trail. Entry and review refuse a locked period.
 */
export class PeriodLockService {
  private readonly locks: PeriodLockRepository;
  private readonly clock: Clock;
  private readonly auditor: Auditor | null;
  private readonly events: EventBus;

  constructor(deps: ValueDeps) {
    this.locks = deps.locks;
    this.events = deps.events;
    this.clock = deps.clock;
    this.auditor = deps.auditor ?? null;
  }

  async lock(actor: Actor, period: string, reason: string | null = null): Promise<void> {
    await this.locks.transaction(async (trx) => {
      if (await this.locks.isLocked(trx, period))
        throw new AppError('LOCKED_PERIOD', { zh: `${period} 已锁定`, en: `${period} is already locked` });
      await this.locks.insert(trx, period, actor.userId, this.clock.now().toISOString());
      await this.auditor?.record(
        { action: 'period.lock', objectType: 'period', objectId: period, detail: { reason } },
        trx,
      );
    });
    this.events.emit('values.entered', {});
  }

  async unlock(_actor: Actor, period: string, reason: string | null = null): Promise<void> {
    await this.locks.transaction(async (trx) => {
      const lock = await this.locks.find(trx, period);
      if (!lock) throw new AppError('INVALID_STATE', { zh: `${period} 未锁定`, en: `${period} is not locked` });
      await this.locks.delete(trx, period);
      await this.auditor?.record(
        {
          action: 'period.unlock',
          objectType: 'period',
          objectId: period,
          detail: { reason, lockedBy: lock.locked_by, lockedAt: lock.locked_at },
        },
        trx,
      );
    });
    this.events.emit('values.entered', {});
  }

  list(): Promise<PeriodLockRow[]> {
    return this.locks.list();
  }
}
