import type { AuditLogTable } from '../db/schema.ts';

/** The types the audit trail (audit.ts) and its queries (audit.repository.ts) share. */

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** `audit_archive` has the columns of `audit_log`; its seq is copied, not generated. Not in schema.ts: see below. */
export interface AuditArchiveTable extends Omit<AuditLogTable, 'seq'> {
  seq: number;
}

export type AuditTable = 'audit_log' | 'audit_archive';

/** A stored row of either table, as read and as hashed. */
export type AuditRow = Omit<AuditLogTable, 'seq'> & { seq: number };

/** What the audit administrator searches by. `from` is inclusive, `to` exclusive. */
export interface AuditFilter {
  from?: Date;
  to?: Date;
  userId?: string;
  username?: string;
  action?: string;
  /** e.g. 'auth.' for every sign-in, sign-out and password event. */
  actionPrefix?: string;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
  /** Search the archive as well as the live trail. */
  includeArchive?: boolean;
}
