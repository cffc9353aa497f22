import { chinaDate } from '../../../domain/lists/dates.ts';
import type { ListRules } from '../../../domain/lists/rules.ts';
import { ITEM_STATUS_NAMES, LIVE_STATUSES, type WarningKind } from '../../../domain/lists/types.ts';
import { autoNoticeDue, itemColour, warningConditions } from '../../../domain/lists/warnings.ts';
import { autoNotice, escalateNotices, syncWarnings, type SupervisionStore } from '../../supervision/warning-ledger.ts';
import type { RunWarningsResult } from '../../../shared/api/lists.ts';
import type { ListCore } from './list.core.ts';
import { dayOf, subjectOf } from './list.mapper.ts';
import { isUniqueViolation } from '../../db/database.ts';
import type { ItemRow, ListTx } from './list.repository.ts';

/** The list tables behind the shared mechanism: warnings and notices keyed by item. */
function listSupervisionStore(core: ListCore): SupervisionStore<ListTx, WarningKind> {
  const repo = core.repo;
  const notice = (n: Awaited<ReturnType<typeof repo.notices>>[number]) => ({
    id: n.id,
    subjectId: n.item_id,
    code: n.code,
    status: n.status,
    dueDate: n.due_date,
    issuedAt: n.issued_at,
    escalatedAt: n.escalated_at,
    version: n.version,
  });
  return {
    activeWarnings: (q, id) => repo.warnings(q, [id], { activeOnly: true }),
    clearWarnings: (q, ids, at, reason) => repo.clearWarnings(q, ids, at, reason),
    insertWarnings: (q, rows) =>
      repo.insertWarnings(
        q,
        rows.map((w) => ({
          id: w.id,
          item_id: w.subjectId,
          kind: w.kind,
          ref: w.ref,
          colour: w.colour,
          reason_zh: w.reasonZh,
          reason_en: w.reasonEn,
          raised_at: w.raisedAt,
          cleared_at: null,
          clear_reason: null,
        })),
      ),
    updateWarningReason: (q, id, zh, en) => repo.updateWarningReason(q, id, zh, en),
    // The lists' rule counts yellow warnings only.
    warningsRaisedSince: (q, id, since) => repo.yellowRaisedSince(q, id, since),
    notices: async (q, id) => (await repo.notices(q, [id])).map(notice),
    openNotices: async (q) => (await repo.noticesByStatus(q, ['open'])).map(notice),
    noticeCountForYear: (q, year) => repo.noticeCountForYear(q, year),
    insertNotice: (q, n) =>
      repo.insertNotice(q, {
        id: n.id,
        item_id: n.subjectId,
        code: n.code,
        origin: 'auto',
        problem: n.problem,
        issued_by: null,
        issued_at: n.issuedAt,
        due_date: n.dueDate,
        status: 'open',
        escalated_at: null,
        closed_at: null,
        version: 1,
      }),
    markEscalated: (q, n, at) => repo.updateNotice(q, n.id, n.version, { escalated_at: at }),
    addHistory: (q, id, action, note, at) =>
      repo.addHistory(q, [{ item_id: id, action, from_status: null, to_status: null, note, user_id: null, at }]),
  };
}

/**
 * The warnings of the lists: brought up to date for one item inside every act on it, and for every item by the
 * daily run, which also issues supervision notices by itself on repeated yellow warnings and escalates notices
 * left unanswered past their date. The rules are pure (src/domain/lists/warnings.ts).
 */
export class ListWarningJob {
  private readonly core: ListCore;
  /** Daily runs queue behind each other (a timer and a coordinator's click may coincide). */
  private runQueue: Promise<unknown> = Promise.resolve();

  /** The lists' rows as the shared warning and supervision mechanism reads them (src/server/supervision/). */
  private readonly store: SupervisionStore<ListTx, WarningKind>;

  constructor(core: ListCore) {
    this.core = core;
    this.store = listSupervisionStore(core);
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
    const [milestones, reports] = await Promise.all([
      this.repo.milestones(q, [item.id]),
      this.repo.reports(q, [item.id]),
    ]);
    const conditions = warningConditions(subjectOf(item, milestones, reports), today, rules);
    const live = LIVE_STATUSES.includes(item.status);
    const reason = live
      ? '条件已消除 / the condition no longer holds'
      : `事项${ITEM_STATUS_NAMES[item.status].zh} / item ${item.status}`;
    const { raised, cleared } = await syncWarnings(this.store, q, item.id, conditions, at, reason);
    const colour = itemColour(
      item.status,
      conditions.map((c) => c.colour),
    );
    if (colour !== item.colour) await this.repo.setComputed(q, item.id, { colour });
    return { raised, cleared };
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
    result.escalated = await escalateNotices(
      this.store,
      q,
      (fn) => this.repo.transaction(fn),
      today,
      at,
      (n) =>
        this.core.events.emit('supervision.noticeEscalated', {
          noticeId: n.id,
          code: n.code,
          subject: 'listItem',
          subjectId: n.subjectId,
          dueDate: n.dueDate,
        }),
    );
    return result;
  }

  /** The notice the system issues by itself when an item has collected enough yellow warnings since the last one. */
  private async autoNotice(q: ListTx, item: ItemRow, at: string, today: string, rules: ListRules): Promise<boolean> {
    if (!LIVE_STATUSES.includes(item.status) || rules.autoNoticeAfterYellow <= 0) return false;
    const active = (await this.repo.warnings(q, [item.id], { activeOnly: true })).filter((w) => w.colour !== 'blue');
    const code = await autoNotice(this.store, q, item.id, {
      at,
      today,
      counted: ['yellow'],
      due: (yellow, open) => autoNoticeDue(yellow, open, rules),
      answerDays: rules.noticeAnswerDays,
      code: (year, n) => `督办〔${year}〕${n}号`,
      problem: (last, yellow) =>
        `自${last ? ` ${dayOf(last)} 上次督办以来` : '下发以来'}已累计 ${yellow} 次黄牌预警，请说明原因及整改措施。${active.length > 0 ? `当前：${active.map((w) => w.reason_zh).join('；')}` : ''}`,
    });
    return code !== null;
  }
}
