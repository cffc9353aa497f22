import crypto from 'node:crypto';
import { addDays, chinaDate } from '../../../domain/lists/dates.ts';
import type { ListRules } from '../../../domain/lists/rules.ts';
import { ITEM_STATUS_NAMES, LIVE_STATUSES } from '../../../domain/lists/types.ts';
import {
  autoNoticeDue,
  diffWarnings,
  itemColour,
  noticeEscalates,
  warningConditions,
  warningKey,
} from '../../../domain/lists/warnings.ts';
import type { RunWarningsResult } from '../../../shared/api/lists.ts';
import type { ListCore } from './list.core.ts';
import { dayOf, subjectOf } from './list.mapper.ts';
import { isUniqueViolation, type ItemRow, type ListTx } from './list.repository.ts';

/**
 * The warnings of the lists: brought up to date for one item inside every act on it, and for every item by the
 * daily run, which also issues supervision notices by itself on repeated yellow warnings and escalates notices
 * left unanswered past their date. The rules are pure (src/domain/lists/warnings.ts).
 */
export class ListWarningJob {
  private readonly core: ListCore;
  /** Daily runs queue behind each other (a timer and a coordinator's click may coincide). */
  private runQueue: Promise<unknown> = Promise.resolve();

  constructor(core: ListCore) {
    this.core = core;
  }

  private get repo() {
    return this.core.repo;
  }

  /**
   * Brings one item's warnings up to date with `today`: raises what newly holds, clears what no longer does, and
   * stores the item's colour. Runs inside the caller's transaction, with the item locked.
   */
  async recompute(
    q: ListTx,
    item: ItemRow,
    today: string,
    at: string,
    rules: ListRules,
  ): Promise<{ raised: number; cleared: number }> {
    const [milestones, reports, active] = await Promise.all([
      this.repo.milestones(q, [item.id]),
      this.repo.reports(q, [item.id]),
      this.repo.warnings(q, [item.id], { activeOnly: true }),
    ]);
    const conditions = warningConditions(subjectOf(item, milestones, reports), today, rules);
    const { raise, clear } = diffWarnings(active, conditions);
    const live = LIVE_STATUSES.includes(item.status);
    const reason = live
      ? '条件已消除 / the condition no longer holds'
      : `事项${ITEM_STATUS_NAMES[item.status].zh} / item ${item.status}`;
    await this.repo.clearWarnings(
      q,
      clear.map((w) => w.id),
      at,
      reason,
    );
    await this.repo.insertWarnings(
      q,
      raise.map((c) => ({
        id: crypto.randomUUID(),
        item_id: item.id,
        kind: c.kind,
        ref: c.ref,
        colour: c.colour,
        reason_zh: c.reason.zh,
        reason_en: c.reason.en,
        raised_at: at,
        cleared_at: null,
        clear_reason: null,
      })),
    );
    // A warning that stays keeps its raise time; its explanation follows the facts of today.
    const held = new Map(conditions.map((c) => [warningKey(c), c]));
    for (const w of active) {
      const c = held.get(warningKey(w));
      if (c && c.colour === w.colour && (c.reason.zh !== w.reason_zh || c.reason.en !== w.reason_en)) {
        await this.repo.updateWarningReason(q, w.id, c.reason.zh, c.reason.en);
      }
    }
    const colour = itemColour(
      item.status,
      conditions.map((c) => c.colour),
    );
    if (colour !== item.colour) await this.repo.setComputed(q, item.id, { colour });
    return { raised: raise.length, cleared: clear.length };
  }

  /**
   * The daily run (a timer in the server; the coordination centre on demand; tests with a test clock): every item's
   * warnings brought up to date with the day of `now`; a supervision notice issued by itself on an item with
   * repeated yellow warnings; notices unanswered past their date escalated. Runs queue behind each other.
   */
  runDaily(now: Date): Promise<RunWarningsResult> {
    // One signal for the whole run (it commits item by item), also when it stops part-way.
    const run = this.runQueue.then(() => this.runOnce(now).finally(() => this.core.events.emit('lists.changed', {})));
    this.runQueue = run.catch(() => undefined);
    return run;
  }

  private async runOnce(now: Date): Promise<RunWarningsResult> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const rules = await this.core.rules();
    const q = this.repo.k;
    const live = await this.repo.itemsByStatus(q, [...LIVE_STATUSES, 'completionRequested']);
    const ids = [...new Set([...live.map((i) => i.id), ...(await this.repo.itemIdsWithActiveWarnings(q))])];
    const result: RunWarningsResult = {
      today,
      items: ids.length,
      raised: 0,
      cleared: 0,
      noticesIssued: 0,
      escalated: 0,
    };
    for (const id of ids) {
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await this.repo.transaction(async (trx) => {
            const item = await this.repo.lockItem(trx, id);
            if (!item) return { raised: 0, cleared: 0, notice: false };
            const c = await this.recompute(trx, item, today, at, rules);
            const notice = await this.autoNotice(trx, item, at, today, rules);
            return { ...c, notice };
          });
          result.raised += r.raised;
          result.cleared += r.cleared;
          if (r.notice) result.noticesIssued++;
          break;
        } catch (e) {
          // A user's act recomputed the same item between our read and our write: once more, from the top.
          if (attempt === 0 && isUniqueViolation(e)) continue;
          throw e;
        }
      }
    }
    for (const n of await this.repo.noticesByStatus(q, ['open'])) {
      if (!noticeEscalates({ status: n.status, dueDate: n.due_date, escalated: n.escalated_at !== null }, today))
        continue;
      await this.repo.transaction(async (trx) => {
        if (await this.repo.updateNotice(trx, n.id, n.version, { escalated_at: at })) {
          await this.repo.addHistory(trx, [
            {
              item_id: n.item_id,
              action: 'escalateNotice',
              from_status: null,
              to_status: null,
              note: `${n.code} 逾期未答复（应于 ${n.due_date} 前），已提请责任领导督办`,
              user_id: null,
              at,
            },
          ]);
          result.escalated++;
        }
      });
    }
    return result;
  }

  /** The notice the system issues by itself when an item has collected enough yellow warnings since the last one. */
  private async autoNotice(q: ListTx, item: ItemRow, at: string, today: string, rules: ListRules): Promise<boolean> {
    if (!LIVE_STATUSES.includes(item.status) || rules.autoNoticeAfterYellow <= 0) return false;
    const notices = await this.repo.notices(q, [item.id]);
    const open = notices.some((n) => n.status !== 'closed');
    const last = notices.at(-1)?.issued_at ?? null;
    const yellow = await this.repo.yellowRaisedSince(q, item.id, last);
    if (!autoNoticeDue(yellow, open, rules)) return false;
    const active = (await this.repo.warnings(q, [item.id], { activeOnly: true })).filter((w) => w.colour !== 'blue');
    const code = await this.core.noticeCode(q, at);
    const due = addDays(today, rules.noticeAnswerDays);
    await this.repo.insertNotice(q, {
      id: crypto.randomUUID(),
      item_id: item.id,
      code,
      origin: 'auto',
      problem: `自${last ? ` ${dayOf(last)} 上次督办以来` : '下发以来'}已累计 ${yellow} 次黄牌预警，请说明原因及整改措施。${active.length > 0 ? `当前：${active.map((w) => w.reason_zh).join('；')}` : ''}`,
      issued_by: null,
      issued_at: at,
      due_date: due,
      status: 'open',
      escalated_at: null,
      closed_at: null,
      version: 1,
    });
    await this.repo.addHistory(q, [
      {
        item_id: item.id,
        action: 'autoNotice',
        from_status: null,
        to_status: null,
        note: `${code}（系统自动），${due} 前答复`,
        user_id: null,
        at,
      },
    ]);
    return true;
  }
}
