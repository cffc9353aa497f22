import { chinaDate } from '../../../domain/lists/dates.ts';
import { ITEM_STATUS_NAMES } from '../../../domain/lists/types.ts';
import { ITEM_ACTION_NAMES, nextStatus, refusal, type ItemAction } from '../../../domain/lists/workflow.ts';
import type { Actor } from '../../access/policy.ts';
import { AppError, notFound } from '../../errors.ts';
import type { ListCore } from './list.core.ts';
import { itemRef } from './list.mapper.ts';
import type { ItemPatch, ItemRow, ListTx } from './list.repository.ts';
import type { ListWarningJob } from './list.warnings.service.ts';

/** What an act's body returns: the change to the item, the note for its history, and the caller's result. */
export interface ActOutcome<T> {
  patch?: ItemPatch;
  note?: string | null;
  result: T;
}

/**
 * The common frame of every act on one item (the workflow's steps, adjustments, notices, attachments): locks it,
 * checks the version the user saw, the workflow and the user's standing, lets the act change it, writes the
 * history and recomputes its warnings — all in one transaction, so that what the user sees next is up to date.
 */
export class ItemActs {
  private readonly core: ListCore;
  private readonly warnings: ListWarningJob;

  constructor(core: ListCore, warnings: ListWarningJob) {
    this.core = core;
    this.warnings = warnings;
  }

  async act<T>(
    actor: Actor,
    id: string,
    action: ItemAction,
    version: number | null,
    fn: (trx: ListTx, item: ItemRow, now: string) => Promise<ActOutcome<T>>,
  ): Promise<T> {
    const repo = this.core.repo;
    const access = this.core.access();
    const now = this.core.clock.now().toISOString();
    const rules = await this.core.rules();
    return this.core.write(async (trx) => {
      const item = await repo.lockItem(trx, id);
      if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
      const ref = itemRef(item);
      if (!access.canSeeItem(actor, ref)) throw new AppError('OUT_OF_SCOPE');
      const why = refusal(item.status, action, access.itemStanding(actor, ref));
      if (why === 'standing') throw new AppError('FORBIDDEN');
      if (why === 'state') {
        const s = ITEM_STATUS_NAMES[item.status];
        const a = ITEM_ACTION_NAMES[action];
        throw new AppError('INVALID_STATE', {
          zh: `事项当前状态为“${s.zh}”，不能${a.zh}`,
          en: `Cannot ${a.en.toLowerCase()}: the item is ${s.en.toLowerCase()}`,
        });
      }
      if (version !== null && version !== item.version) throw new AppError('CONFLICT');
      const { patch, note, result } = await fn(trx, item, now);
      // An approved cancellation sets the state itself; every other act follows the workflow table.
      const to = patch?.status ?? nextStatus(item.status, action);
      const full = { ...patch, status: to, updated_at: now, updated_by: actor.userId };
      if (!(await repo.updateItem(trx, id, item.version, full))) throw new AppError('CONFLICT');
      await repo.addHistory(trx, [
        {
          item_id: id,
          action,
          from_status: item.status,
          to_status: to,
          note: note ?? null,
          user_id: actor.userId,
          at: now,
        },
      ]);
      const fresh = await repo.item(trx, id);
      if (fresh) await this.warnings.recompute(trx, fresh, chinaDate(new Date(now)), now, rules);
      return result;
    });
  }
}
