import type { z } from 'zod';
import type { activeSessionSchema, createdUserSchema, User } from '../../../shared/api/users.ts';
import type { MsgId } from '../../i18n.ts';
import type { Role } from '../../types.ts';

export type { User };
export type CreatedUser = z.infer<typeof createdUserSchema>;
export type ActiveSession = z.infer<typeof activeSessionSchema>;

/** Every role with its label; the Record makes a new role in the contract a type error here until it is named. */
export const ROLE_LABELS: Readonly<Record<Role, MsgId>> = {
  admin: 'role.admin',
  securityAdmin: 'role.securityAdmin',
  auditAdmin: 'role.auditAdmin',
  coordinator: 'role.coordinator',
  leader: 'role.leader',
  teamMember: 'role.teamMember',
  departmentReporter: 'role.departmentReporter',
  districtReporter: 'role.districtReporter',
  reviewer: 'role.reviewer',
  villageCadre: 'role.villageCadre',
  townshipOfficer: 'role.townshipOfficer',
  civilAffairsOfficer: 'role.civilAffairsOfficer',
  hrOfficer: 'role.hrOfficer',
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

/**
 * The roles the security administrator may assign; the three privileged ones are granted only by the operator with
 * the command line (separation of duties, src/server/security/duties.ts).
 */
export const BUSINESS_ROLES = ROLES.filter((r) => r !== 'admin' && r !== 'securityAdmin' && r !== 'auditAdmin');

/** Who is using the page: the system administrator manages accounts, the security administrator authorises them. */
export type UsersDuty = 'accounts' | 'authorisation';

export type UserState = 'active' | 'disabled' | 'locked';

/** Disabled by an administrator, or locked for a while after failed sign-ins. */
export function stateOf(user: Pick<User, 'disabled' | 'lockedUntil'>, now: number): UserState {
  if (user.disabled) return 'disabled';
  if (user.lockedUntil !== null && Date.parse(user.lockedUntil) > now) return 'locked';
  return 'active';
}

export interface UserFilter {
  keyword: string;
  role: Role | undefined;
  state: UserState | undefined;
}
