import crypto from 'node:crypto';
import { addDays, chinaDate } from '../../../domain/lists/dates.ts';
import type { Actor } from '../../access/policy.ts';
import { bilingual, AppError, notFound, validation } from '../../errors.ts';
import type { ItemActs } from './list.acts.ts';
import type { ListCore } from './list.core.ts';
import { itemRef } from './list.mapper.ts';
import type { ItemRow, ListTx, NoticeRow } from './list.repository.ts';

/**
 * Supervision notices (督办单): a leader or the coordination centre issues one on a live item; the lead unit answers;
 * the issuer's side accepts the answer (closing the notice) or returns it with a new due date. The notices the
 * system issues and escalates by itself belong to the daily run (list.warnings.service.ts).
 */
export class ListNoticeService {
  private readonly core: ListCore;
  private readonly acts: ItemActs;

  constructor(core: ListCore, acts: ItemActs) {
    this.core = core;
    this.acts = acts;
  }

  private get repo() {
    return this.core.repo;
  }

  async issueNotice(actor: Actor, itemId: string, req: { problem: string; dueDate: string | null }) {
    const today = this.core.today();
    const rules = await this.core.rules();
    const due = req.dueDate ?? addDays(today, rules.noticeAnswerDays);
    if (due < today)
      throw validation([{ field: 'dueDate', ...bilingual('答复期限不能早于今天', 'the due date is in the past') }]);
    const issued = await this.acts.act(actor, itemId, 'issueNotice', null, async (trx, _item, now) => {
      const noticeId = crypto.randomUUID();
      const code = await this.core.noticeCode(trx, now);
      await this.repo.insertNotice(trx, {
        id: noticeId,
        item_id: itemId,
        code,
        origin: 'manual',
        problem: req.problem,
        issued_by: actor.userId,
        issued_at: now,
        due_date: due,
        status: 'open',
        escalated_at: null,
        closed_at: null,
        version: 1,
      });
      return { note: `${code}，${due} 前答复`, result: { noticeId, code } };
    });
    this.core.events.emit('lists.noticeIssued', { noticeId: issued.noticeId, code: issued.code, itemId });
    return issued;
  }

  /**
   * A notice the system issues on an item for a stated problem — the major-project ledger's problems needing
   * co-ordination left unsolved past their date (src/server/modules/projects). Numbered in the year's series like
   * every notice, answered by the lead unit in the usual way.
   */
  async issueSystemNotice(itemId: string, problem: string, at: string): Promise<{ noticeId: string; code: string }> {
    const today = chinaDate(new Date(at));
    const rules = await this.core.rules();
    const due = addDays(today, rules.noticeAnswerDays);
    const issued = await this.core.write(async (trx) => {
      const item = await this.repo.lockItem(trx, itemId);
      if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
      const noticeId = crypto.randomUUID();
      const code = await this.core.noticeCode(trx, at);
      await this.repo.insertNotice(trx, {
        id: noticeId,
        item_id: itemId,
        code,
        origin: 'auto',
        problem,
        issued_by: null,
        issued_at: at,
        due_date: due,
        status: 'open',
        escalated_at: null,
        closed_at: null,
        version: 1,
      });
      await this.repo.addHistory(trx, [
        {
          item_id: itemId,
          action: 'autoNotice',
          from_status: null,
          to_status: null,
          note: `${code}（项目台账问题逾期），${due} 前答复`,
          user_id: null,
          at,
        },
      ]);
      return { noticeId, code };
    });
    this.core.events.emit('lists.noticeIssued', { ...issued, itemId });
    return issued;
  }

  private async noticeWithItem(
    actor: Actor,
    noticeId: string,
    q: ListTx,
  ): Promise<{ notice: NoticeRow; item: ItemRow }> {
    const notice = await this.repo.notice(q, noticeId);
    if (!notice) throw notFound({ zh: '督办单', en: 'Supervision notice' });
    const item = await this.repo.lockItem(q, notice.item_id);
    if (!item) throw notFound({ zh: '清单事项', en: 'List item' });
    if (!this.core.access().canSeeItem(actor, itemRef(item))) throw new AppError('OUT_OF_SCOPE');
    // Read again under the item's lock: an answer or review may have landed in between.
    return { notice: (await this.repo.notice(q, noticeId)) as NoticeRow, item };
  }

  async answerNotice(actor: Actor, noticeId: string, req: { version: number; answer: string }): Promise<void> {
    const now = this.core.clock.now().toISOString();
    await this.core.write(async (trx) => {
      const { notice, item } = await this.noticeWithItem(actor, noticeId, trx);
      if (!this.core.access().itemStanding(actor, itemRef(item)).leadUnit)
        throw new AppError('FORBIDDEN', {
          zh: '只有牵头单位可以答复督办单',
          en: 'Only the lead unit answers a notice',
        });
      if (notice.status !== 'open')
        throw new AppError('INVALID_STATE', { zh: '督办单不在待答复状态', en: 'The notice is not awaiting an answer' });
      if (!(await this.repo.updateNotice(trx, noticeId, req.version, { status: 'answered' })))
        throw new AppError('CONFLICT');
      await this.repo.insertAnswer(trx, {
        id: crypto.randomUUID(),
        notice_id: noticeId,
        answer: req.answer,
        answered_by: actor.userId,
        answered_at: now,
        review: null,
        review_note: null,
        reviewed_by: null,
        reviewed_at: null,
      });
      await this.repo.addHistory(trx, [
        {
          item_id: item.id,
          action: 'answerNotice',
          from_status: null,
          to_status: null,
          note: notice.code,
          user_id: actor.userId,
          at: now,
        },
      ]);
    });
  }

  async reviewAnswer(
    actor: Actor,
    noticeId: string,
    req: { version: number; accept: boolean; note: string | null; dueDate: string | null },
  ): Promise<void> {
    const now = this.core.clock.now().toISOString();
    const today = chinaDate(new Date(now));
    const rules = await this.core.rules();
    await this.core.write(async (trx) => {
      const { notice, item } = await this.noticeWithItem(actor, noticeId, trx);
      const s = this.core.access().itemStanding(actor, itemRef(item));
      if (!s.coordinator && !s.leader)
        throw new AppError('FORBIDDEN', {
          zh: '只有共富办或领导可以审核督办答复',
          en: 'Only the coordination centre or a leader reviews an answer',
        });
      if (notice.status !== 'answered')
        throw new AppError('INVALID_STATE', { zh: '督办单没有待审核的答复', en: 'No answer awaits review' });
      const due = req.dueDate ?? addDays(today, rules.noticeAnswerDays);
      if (!req.accept && due < today)
        throw validation([{ field: 'dueDate', ...bilingual('答复期限不能早于今天', 'the due date is in the past') }]);
      const patch = req.accept
        ? { status: 'closed' as const, closed_at: now }
        : { status: 'open' as const, due_date: due };
      if (!(await this.repo.updateNotice(trx, noticeId, req.version, patch))) throw new AppError('CONFLICT');
      const last = (await this.repo.answers(trx, [noticeId])).at(-1);
      if (last)
        await this.repo.updateAnswer(trx, last.id, {
          review: req.accept ? 'accepted' : 'returned',
          review_note: req.note,
          reviewed_by: actor.userId,
          reviewed_at: now,
        });
      await this.repo.addHistory(trx, [
        {
          item_id: item.id,
          action: req.accept ? 'acceptAnswer' : 'returnAnswer',
          from_status: null,
          to_status: null,
          note: `${notice.code}${req.note ? `：${req.note}` : ''}`,
          user_id: actor.userId,
          at: now,
        },
      ]);
    });
  }
}
