import type { Standing } from '../../../domain/lists/workflow.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import { Access, type Actor } from '../../access/policy.ts';

/** The facts of an item that an access decision needs. */
export interface ItemRef {
  leadUnitId: string;
  coUnitIds: readonly string[];
  districtId: string | null;
  workTeamId: string | null;
}

const REPORTERS = ['departmentReporter', 'districtReporter'] as const;
const OVERSEERS = ['admin', 'coordinator', 'leader', 'reviewer'] as const;

/**
 * Every "may this user see or act on this list item?" of the lists, asked here and nowhere else (the lists' part of
 * the access policy in src/server/access/policy.ts, with the same roles and scopes):
 * - a unit's reporters (department or district) see the items their units lead or co-operate on — through their
 *   ENTRY scope, so a department that may read the whole city still sees only its own items — and act only on those
 *   they lead;
 * - work-team members see their team's items;
 * - the coordination centre, leaders, reviewers and administrators see the items whose lead unit or district lies
 *   in their view scope; the centre acts on those whose lead unit and district are both in its entry scope
 *   ({@link ListAccess.inWriterScope}), reviewers review those in theirs.
 */
export class ListAccess {
  private readonly org: () => OrgIndex;

  constructor(org: () => OrgIndex) {
    this.org = org;
  }

  private within(unitId: string | null, roots: readonly string[]): boolean {
    return unitId !== null && this.org().within(unitId, roots);
  }

  isReporter(actor: Actor): boolean {
    return (REPORTERS as readonly string[]).includes(actor.role);
  }

  /** A reporter of the lead unit (牵头单位). */
  isLeadUnit(actor: Actor, item: ItemRef): boolean {
    return this.isReporter(actor) && this.within(item.leadUnitId, actor.entryScope);
  }

  /** A reporter of a co-operating unit (配合单位): sees the item, does not report on it. */
  isCoUnit(actor: Actor, item: ItemRef): boolean {
    return this.isReporter(actor) && item.coUnitIds.some((u) => this.within(u, actor.entryScope));
  }

  canSee(actor: Actor, item: ItemRef): boolean {
    if (this.isReporter(actor)) return this.isLeadUnit(actor, item) || this.isCoUnit(actor, item);
    if (actor.role === 'teamMember') return actor.workTeamId !== null && item.workTeamId === actor.workTeamId;
    if ((OVERSEERS as readonly string[]).includes(actor.role)) {
      return this.within(item.leadUnitId, actor.viewScope) || this.within(item.districtId, actor.viewScope);
    }
    return false;
  }

  /** How the user stands to the item, for the workflow (src/domain/lists/workflow.ts). */
  /**
   * THE writer rule of list items: whoever writes an item (creates, edits, imports, issues, supervises it as the
   * coordination centre) must hold both its lead unit AND its district in their entry scope. Reading stays wider
   * (lead unit or district in the view scope): a district follows the items placed in it without owning them.
   */
  inWriterScope(actor: Actor, item: Pick<ItemRef, 'leadUnitId' | 'districtId'>): boolean {
    return (
      this.within(item.leadUnitId, actor.entryScope) &&
      (item.districtId === null || this.within(item.districtId, actor.entryScope))
    );
  }

  standing(actor: Actor, item: ItemRef): Standing {
    return {
      coordinator: actor.role === 'coordinator' && this.inWriterScope(actor, item),
      leader: actor.role === 'leader' && this.canSee(actor, item),
      reviewer: actor.role === 'reviewer' && this.within(item.leadUnitId, actor.entryScope),
      leadUnit: this.isLeadUnit(actor, item),
    };
  }

  /** May the user read the record of this unit: overseers within their view scope, reporters their own units. */
  canSeeUnit(actor: Actor, unitId: string): boolean {
    if (this.isReporter(actor)) return this.within(unitId, actor.entryScope);
    return this.within(unitId, actor.viewScope);
  }

  /** The one scope rule of aggregate reads (Access.aggregateScope): the privileged administrators read none. */
  assertAggregate(actor: Actor): void {
    new Access(this.org()).aggregateScope(actor);
  }

  /** May the user create (or import) this draft: the coordination centre, for items within its entry scope. */
  canDraft(actor: Actor, item: ItemRef): boolean {
    return this.standing(actor, item).coordinator;
  }
}
