import type { Role } from '../../domain/types.ts';
import { AppError } from '../errors.ts';
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
}
