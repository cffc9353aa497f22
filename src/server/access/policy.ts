import type { Standing } from '../../domain/lists/workflow.ts';
import type { Role } from '../../domain/types.ts';
import { AppError } from '../errors.ts';
import { isPrivileged } from '../security/duties.ts';
import type { OrgIndex } from './org-index.ts';

/** Who is calling: built once per request from the session. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Org units (each with its descendants) the actor may enter or review data for. */
  entryScope: string[];
  /** Org units (each with its descendants) the actor may read. */
  viewScope: string[];
  workTeamId: string | null;
  sessionId: string;
  ip: string;
}

/** The indicator facts that an access decision needs. */
export interface IndicatorRef {
  code: string;
  leadDepartmentId: string | null;
  workTeamId: string | null;
  dimensionWorkTeamId: string | null;
}

/** The facts of a list item (四张清单) that an access decision needs. */
export interface ItemRef {
  leadUnitId: string;
  coUnitIds: readonly string[];
  districtId: string | null;
  workTeamId: string | null;
}

const LIST_REPORTERS: readonly Role[] = ['departmentReporter', 'districtReporter'];
const LIST_OVERSEERS: readonly Role[] = ['admin', 'coordinator', 'leader', 'reviewer'];

/**
 * Every "may this actor do X to these things?" of the platform, asked here and nowhere else.
 * Roles decide the kind of act; the two scopes decide on which org units.
 */
export class Access {
  private readonly org: OrgIndex;

  constructor(org: OrgIndex) {
    this.org = org;
  }

  canView(actor: Actor, unitId: string): boolean {
    return this.org.within(unitId, actor.viewScope);
  }

  /** The subset of `unitIds` the actor may read, in the given order. */
  visibleUnits(actor: Actor, unitIds: readonly string[]): string[] {
    return unitIds.filter((id) => this.canView(actor, id));
  }

  /**
   * THE scope rule of every read that aggregates — the cockpit, the bulletin, the evaluation matrix and ranking and
   * their exports, the lists' counts, records, summaries and export: it is computed for the reader's view scope and
   * nothing wider, never a fallback to the city. Answers the roots of that scope, highest first (administrative
   * order); the first is the unit the cockpit and the bulletin centre on. The three privileged administrators read
   * no business data (403 FORBIDDEN); an account whose view scope names no known unit reads nothing (403
   * OUT_OF_SCOPE).
   *
   * @example
   * access.aggregateScope(leaderOfGeliping) // → { roots: ['xiqu-geliping'], centre: 'xiqu-geliping' }
   * access.aggregateScope(auditAdmin)       // throws FORBIDDEN
   */
  aggregateScope(actor: Actor): { roots: string[]; centre: string } {
    if (isPrivileged(actor.role)) throw new AppError('FORBIDDEN');
    const depth = (id: string) => this.org.lineage(id).length;
    const roots = actor.viewScope
      .filter((id) => this.org.get(id) !== undefined)
      // A unit already inside another root of the scope adds nothing.
      .filter((id) => !actor.viewScope.some((other) => other !== id && this.org.lineage(id).slice(1).includes(other)))
      .sort((a, b) => depth(a) - depth(b) || (this.org.get(a)?.sort ?? 0) - (this.org.get(b)?.sort ?? 0));
    const centre = roots[0];
    if (centre === undefined) throw new AppError('OUT_OF_SCOPE');
    return { roots, centre };
  }

  assertView(actor: Actor, unitIds: readonly string[]): void {
    for (const id of unitIds) {
      if (!this.org.get(id))
        throw new AppError('NOT_FOUND', { zh: `未找到单位 ${id}`, en: `Org unit ${id} not found` });
      if (!this.canView(actor, id)) throw new AppError('OUT_OF_SCOPE');
    }
  }

  /**
   * May the actor enter a value of this indicator for this unit?
   * - district reporters: units inside their entry scope;
   * - department reporters: indicators their department leads, for any unit they may read;
   * - nobody enters computed indicators (checked by the caller, which knows the formula).
   */
  canEnter(actor: Actor, unitId: string, indicator: IndicatorRef): boolean {
    switch (actor.role) {
      case 'districtReporter':
        return this.org.within(unitId, actor.entryScope);
      case 'departmentReporter':
        return (
          indicator.leadDepartmentId !== null &&
          actor.entryScope.includes(indicator.leadDepartmentId) &&
          this.canView(actor, unitId)
        );
      default:
        return false;
    }
  }

  /** Reviewers approve or return values of units inside their entry (review) scope. */
  canReview(actor: Actor, unitId: string): boolean {
    return actor.role === 'reviewer' && this.org.within(unitId, actor.entryScope);
  }

  /** The coordination centre publishes and reopens values of the units inside its entry scope. */
  canCoordinate(actor: Actor, unitId: string): boolean {
    return actor.role === 'coordinator' && this.org.within(unitId, actor.entryScope);
  }

  /** Work-team members read only the indicators of their own team's dimensions; everyone else reads all. */
  canSeeIndicator(actor: Actor, indicator: IndicatorRef): boolean {
    if (actor.role !== 'teamMember') return true;
    return (
      actor.workTeamId !== null &&
      (indicator.workTeamId === actor.workTeamId || indicator.dimensionWorkTeamId === actor.workTeamId)
    );
  }

  assertRole(actor: Actor, roles: readonly Role[]): void {
    if (!roles.includes(actor.role)) throw new AppError('FORBIDDEN');
  }

  // ——— the four lists (src/server/modules/lists) ———
  //
  // - a unit's reporters (department or district) see the items their units lead or co-operate on — through their
  //   ENTRY scope, so a department that may read the whole city still sees only its own items — and act only on
  //   those they lead;
  // - work-team members see their team's items;
  // - the coordination centre, leaders, reviewers and administrators see the items whose lead unit or district lies
  //   in their view scope; the centre acts on those whose lead unit and district are both in its entry scope
  //   (inListWriterScope), reviewers review those in theirs;
  // - the lists' aggregate reads (counts, export, leaders' view, records, monthly summary) follow aggregateScope.

  private inScope(unitId: string | null, roots: readonly string[]): boolean {
    return unitId !== null && this.org.within(unitId, roots);
  }

  /** A reporter of some unit (department or district): the lists' 牵头单位 and 配合单位 are reporters. */
  isListReporter(actor: Actor): boolean {
    return LIST_REPORTERS.includes(actor.role);
  }

  /** A reporter of the item's lead unit (牵头单位). */
  isLeadUnit(actor: Actor, item: ItemRef): boolean {
    return this.isListReporter(actor) && this.inScope(item.leadUnitId, actor.entryScope);
  }

  /** A reporter of a co-operating unit (配合单位): sees the item, does not report on it. */
  isCoUnit(actor: Actor, item: ItemRef): boolean {
    return this.isListReporter(actor) && item.coUnitIds.some((u) => this.inScope(u, actor.entryScope));
  }

  canSeeItem(actor: Actor, item: ItemRef): boolean {
    if (this.isListReporter(actor)) return this.isLeadUnit(actor, item) || this.isCoUnit(actor, item);
    if (actor.role === 'teamMember') return actor.workTeamId !== null && item.workTeamId === actor.workTeamId;
    if (LIST_OVERSEERS.includes(actor.role)) {
      return this.inScope(item.leadUnitId, actor.viewScope) || this.inScope(item.districtId, actor.viewScope);
    }
    return false;
  }

  /**
   * THE writer rule of list items: whoever writes an item (creates, edits, imports, issues, supervises it as the
   * coordination centre) must hold both its lead unit AND its district in their entry scope. Reading stays wider
   * (lead unit or district in the view scope): a district follows the items placed in it without owning them.
   */
  inListWriterScope(actor: Actor, item: Pick<ItemRef, 'leadUnitId' | 'districtId'>): boolean {
    return (
      this.inScope(item.leadUnitId, actor.entryScope) &&
      (item.districtId === null || this.inScope(item.districtId, actor.entryScope))
    );
  }

  /** How the actor stands to the item, for the workflow (src/domain/lists/workflow.ts). */
  itemStanding(actor: Actor, item: ItemRef): Standing {
    return {
      coordinator: actor.role === 'coordinator' && this.inListWriterScope(actor, item),
      leader: actor.role === 'leader' && this.canSeeItem(actor, item),
      reviewer: actor.role === 'reviewer' && this.inScope(item.leadUnitId, actor.entryScope),
      leadUnit: this.isLeadUnit(actor, item),
    };
  }

  /** May the actor create (or import) this draft: the coordination centre, for items within its entry scope. */
  canDraftItem(actor: Actor, item: ItemRef): boolean {
    return this.itemStanding(actor, item).coordinator;
  }

  /** Does a problem needing co-ordination belong to the actor's unit (its reporters may say it is solved)? */
  ownsProblem(actor: Actor, ownerUnitId: string | null): boolean {
    return this.isListReporter(actor) && this.inScope(ownerUnitId, actor.entryScope);
  }

  /** May the actor read the lists' record of this unit: overseers within their view scope, reporters their own units. */
  canSeeUnitRecord(actor: Actor, unitId: string): boolean {
    if (this.isListReporter(actor)) return this.inScope(unitId, actor.entryScope);
    return this.inScope(unitId, actor.viewScope);
  }

  // ——— the major-project ledger (src/server/modules/projects) ———
  //
  // - everyone who reads the ledger reads the projects of units inside their view scope;
  // - district reporters register and edit projects, plans and returns of units inside their entry scope; the
  //   coordination centre registers and edits within its entry scope, decides stage adjustments and reopens plans;
  // - only district reporters file monthly returns; reviewers approve or return them (and freeze plans) within their
  //   entry (review) scope.

  canSeeProject(actor: Actor, districtId: string): boolean {
    return this.canView(actor, districtId);
  }

  canEditProject(actor: Actor, districtId: string): boolean {
    if (actor.role === 'districtReporter') return this.org.within(districtId, actor.entryScope);
    return this.canCoordinate(actor, districtId);
  }

  canFileProjectReturn(actor: Actor, districtId: string): boolean {
    return actor.role === 'districtReporter' && this.org.within(districtId, actor.entryScope);
  }

  canReviewProjectReturn(actor: Actor, districtId: string): boolean {
    return this.canReview(actor, districtId);
  }

  /**
   * Evidence of a district's monthly returns (佐证材料): its reporters and reviewers (entry scope), the coordination
   * centre and the leaders (view scope); not the departments or work teams that read the ledger.
   */
  canSeeProjectEvidence(actor: Actor, districtId: string): boolean {
    if (actor.role === 'districtReporter' || actor.role === 'reviewer')
      return this.org.within(districtId, actor.entryScope);
    if (actor.role === 'coordinator' || actor.role === 'leader') return this.canView(actor, districtId);
    return false;
  }

  canFreezeProjectPlan(actor: Actor, districtId: string): boolean {
    return this.canReview(actor, districtId) || this.canCoordinate(actor, districtId);
  }
}
