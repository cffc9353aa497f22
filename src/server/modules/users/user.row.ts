import crypto from 'node:crypto';
import type { Role } from '../../../domain/types.ts';
import type { UserRow } from './user.repository.ts';

/** What a new account is made of; everything else starts the same way for every door (service, CLI, seed, tests). */
export interface NewUserInput {
  id?: string;
  username: string;
  displayName: string;
  role: Role;
  entryScope: readonly string[];
  viewScope: readonly string[];
  workTeamId: string | null;
  passwordHash: string;
  /** An initial password given by someone else must be changed at the first sign-in. */
  mustChangePassword: boolean;
  /** An encrypted TOTP secret, enrolled already (tests of privileged accounts); none by default. */
  totpSecret?: string | null;
  /** ISO instant of creation. */
  now: string;
}

/**
 * The row of a new account: no failed attempts, no lock, no second factor unless given, version 1.
 *
 * @example newUserRow({ username: 'xiqu', displayName: '西区 填报员', role: 'districtReporter', entryScope: ['xiqu'],
 *   viewScope: ['xiqu'], workTeamId: null, passwordHash, mustChangePassword: true, now: clock.now().toISOString() })
 */
export function newUserRow(input: NewUserInput): UserRow {
  return {
    id: input.id ?? crypto.randomUUID(),
    username: input.username,
    display_name: input.displayName,
    password_hash: input.passwordHash,
    role: input.role,
    entry_scope: JSON.stringify(input.entryScope),
    view_scope: JSON.stringify(input.viewScope),
    work_team_id: input.workTeamId,
    must_change_password: input.mustChangePassword ? 1 : 0,
    password_changed_at: input.now,
    password_history: '[]',
    failed_attempts: 0,
    locked_until: null,
    totp_secret: input.totpSecret ?? null,
    totp_enabled: input.totpSecret ? 1 : 0,
    recovery_codes: null,
    totp_last_step: null,
    disabled: 0,
    version: 1,
    created_at: input.now,
    updated_at: input.now,
    password_reset_by: null,
    password_reset_at: null,
    password_reset_ip: null,
  };
}
