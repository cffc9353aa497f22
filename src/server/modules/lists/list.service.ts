import type { ListRules } from '../../../domain/lists/rules.ts';
import { LIST_ITEM_PERSONAL, PersonalData } from '../../security/personal-data.ts';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/api/lists.ts';
import { ItemActs } from './list.acts.ts';
import { ListCore, type ListDeps } from './list.core.ts';
import { ListNoticeService } from './list.notices.service.ts';
import type { ListRepository } from './list.repository.ts';
import { ListViewService } from './list.views.service.ts';
import { ListWarningJob } from './list.warnings.service.ts';
import { ListWorkflowService } from './list.workflow.service.ts';

export type { ListDeps } from './list.core.ts';

/**
 * The four lists with responsibility, by responsibility:
 * - `workflow` — drafts, the items' workflow, adjustments, problems, attachments, the import (list.workflow.service.ts);
 * - `notices` — supervision notices issued, answered and reviewed (list.notices.service.ts);
 * - `warnings` — the warnings of one item after each act, and the daily run (list.warnings.service.ts);
 * - `views` — the lists, an item's page, to-dos, leaders', units' and monthly views, the feed of D1-01
 *   (list.views.service.ts).
 * Every act runs through the common frame (list.acts.ts): one transaction, the workflow and the user's standing
 * (src/server/access/policy.ts) checked, the history written, the item's warnings recomputed before it commits.
 */
export class ListService {
  readonly repo: ListRepository;
  readonly workflow: ListWorkflowService;
  readonly notices: ListNoticeService;
  readonly warnings: ListWarningJob;
  readonly views: ListViewService;
  private readonly core: ListCore;

  constructor(deps: ListDeps) {
    this.repo = deps.repo;
    this.core = new ListCore(deps);
    this.warnings = new ListWarningJob(this.core);
    const acts = new ItemActs(this.core, this.warnings);
    this.workflow = new ListWorkflowService(this.core, acts, Math.min(deps.uploadLimit, ATTACHMENT_MAX_BYTES));
    this.notices = new ListNoticeService(this.core, acts);
    this.views = new ListViewService(this.core);
  }

  /** The warning and reporting rules in force. */
  rules(): Promise<ListRules> {
    return this.core.rules();
  }

  setRules(rules: ListRules): Promise<ListRules> {
    return this.core.setRules(rules);
  }

  /**
   * The migration of the personal-data policy, run at every start and idempotent: persons in charge still stored in
   * clear (rows from before the policy, the default data) are encrypted in place. Returns how many items it sealed.
   */
  async sealPersonalData(): Promise<number> {
    const rows = await this.repo.personalColumns(this.repo.k);
    const clear = rows.filter(
      (r) =>
        (r.person_in_charge !== '' && !PersonalData.isSealed(r.person_in_charge)) ||
        (r.contact !== '' && !PersonalData.isSealed(r.contact)),
    );
    if (clear.length === 0) return 0;
    await this.repo.transaction(async (trx) => {
      for (const r of clear) {
        const open = (field: string, v: string) => this.core.personal.open(LIST_ITEM_PERSONAL, field, v) ?? '';
        await this.repo.setPersonalColumns(
          trx,
          r.id,
          this.core.sealed({
            personInCharge: open('personInCharge', r.person_in_charge),
            contact: open('contact', r.contact),
          }),
        );
      }
    });
    return clear.length;
  }
}
