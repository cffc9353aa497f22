import type { Insertable, Selectable } from 'kysely';
import { isUniqueViolation } from '../../db/database.ts';
import type { ReportingRoundTable, RoundReminderTable } from '../../db/schema.ts';
import type { Queryable } from '../../db/transaction.ts';

export type RoundRow = Selectable<ReportingRoundTable>;
export type ReminderRow = Selectable<RoundReminderTable> & { sent_by_name: string | null };

/** A value of a round's period, with when it first left its unit (its first submission). */
export interface SubmissionRow {
  indicator_code: string;
  org_unit_id: string;
  status: string;
  value: number | null;
  submitted_at: string | null;
  updated_at: string;
  first_submitted_at: string | null;
}

const REPORTER_ROLES = ['districtReporter', 'departmentReporter'];

/** Every query of the reporting rounds. Methods take the query handle so that a service can pass its transaction. */
export class RoundRepository {
  private readonly k: Queryable;
  constructor(k: Queryable) {
    this.k = k;
  }

  /** All rounds, newest period first. */
  list(q: Queryable = this.k): Promise<RoundRow[]> {
    return q.selectFrom('reporting_rounds').selectAll().orderBy('period', 'desc').execute();
  }

  /** The open rounds, oldest period first. */
  open(q: Queryable = this.k): Promise<RoundRow[]> {
    return q.selectFrom('reporting_rounds').selectAll().where('status', '=', 'open').orderBy('period').execute();
  }

  find(id: string, q: Queryable = this.k): Promise<RoundRow | undefined> {
    return q.selectFrom('reporting_rounds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async exists(q: Queryable, frameworkId: string, period: string): Promise<boolean> {
    const row = await q
      .selectFrom('reporting_rounds')
      .select('id')
      .where('framework_id', '=', frameworkId)
      .where('period', '=', period)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Inserts a round; false when one of the same framework and period exists (the unique constraint decides, so two
   * coordinators opening the same round at once get one round and one refusal).
   */
  async insert(q: Queryable, round: Insertable<ReportingRoundTable>): Promise<boolean> {
    try {
      await q.insertInto('reporting_rounds').values(round).execute();
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /**
   * The values of a period at these units, each with its first submission (the earliest `submit` in its history):
   * a unit that reported late stays late in the round's record, whatever happened to the value since.
   */
  submissions(period: string, unitIds: readonly string[], q: Queryable = this.k): Promise<SubmissionRow[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('indicator_values as v')
      .leftJoin('value_history as h', (j) => j.onRef('h.value_id', '=', 'v.id').on('h.action', '=', 'submit'))
      .select((eb) => [
        'v.indicator_code',
        'v.org_unit_id',
        'v.status',
        'v.value',
        'v.submitted_at',
        'v.updated_at',
        eb.fn.min('h.at').as('first_submitted_at'),
      ])
      .where('v.period', '=', period)
      .where('v.org_unit_id', 'in', unitIds)
      .groupBy(['v.id', 'v.indicator_code', 'v.org_unit_id', 'v.status', 'v.value', 'v.submitted_at', 'v.updated_at'])
      .execute();
  }

  async insertReminders(q: Queryable, rows: Selectable<RoundReminderTable>[]): Promise<void> {
    if (rows.length > 0) await q.insertInto('round_reminders').values(rows).execute();
  }

  /** The reminders of these rounds, oldest first, with the sender's name. */
  reminders(roundIds: readonly string[], q: Queryable = this.k): Promise<ReminderRow[]> {
    if (roundIds.length === 0) return Promise.resolve([]);
    return q
      .selectFrom('round_reminders as r')
      .leftJoin('users as u', 'u.id', 'r.sent_by')
      .selectAll('r')
      .select('u.display_name as sent_by_name')
      .where('r.round_id', 'in', roundIds)
      .orderBy('r.sent_at')
      .orderBy('r.id')
      .execute();
  }

  /** The active reporters' accounts with their entry scopes (JSON arrays of unit ids), to address a reminder. */
  reporters(q: Queryable = this.k): Promise<{ id: string; role: string; entry_scope: string }[]> {
    return q
      .selectFrom('users')
      .select(['id', 'role', 'entry_scope'])
      .where('role', 'in', REPORTER_ROLES)
      .where('disabled', '=', 0)
      .execute();
  }
}
