import crypto from 'node:crypto';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import { bilingual, AppError, notFound, validation } from '../../errors.ts';
import type { FrameworkRepository } from '../frameworks/framework.repository.ts';
import type { ValueService } from '../values/value.service.ts';
import type { ValueRepository } from '../values/value.repository.ts';
import { beijingDate } from '../../../domain/beijing-time.ts';
import { parsePeriod } from '../../../domain/periods.ts';
import { daysFrom, unitLateness } from '../../../domain/reporting.ts';
import type { FrameworkBundle } from '../frameworks/framework.repository.ts';
import { indicatorRef } from '../values/value.service.ts';
import type { ReminderRow, RoundRepository, RoundRow, SubmissionRow } from './round.repository.ts';

/** A to-do of the reporting rounds (see `reportingTodoSchema`). */
export interface ReportingTodoItem {
  kind: 'report' | 'review' | 'publish' | 'overdue';
  roundId: string | null;
  period: string;
  orgUnitId: string | null;
  orgUnitName: string | null;
  count: number;
  returned: number;
  dueDate: string | null;
  late: boolean;
  overdueDays: number | null;
  remindedAt: string | null;
  reminderNote: string | null;
}

/** Per unit of a round: what it owes, in which states, and whether it is (or was) late. */
interface UnitRecord {
  orgUnitId: string;
  orgUnitName: string;
  expected: number;
  missing: number;
  draft: number;
  submitted: number;
  returned: number;
  approved: number;
  published: number;
  late: boolean;
  complete: boolean;
  submittedAt: string | null;
  submittedLateDays: number | null;
  overdueDays: number | null;
  reminders: number;
  lastRemindedAt: string | null;
  /** The expected indicators still owed (missing, draft, returned), for addressing a reminder. */
  pendingCodes: string[];
}

/** A reporting round: one period, opened by the coordination centre with a due date; who has reported what. */
export class RoundService {
  private readonly db: Queryable;
  private readonly repo: RoundRepository;
  private readonly frameworks: FrameworkRepository;
  private readonly values: ValueService;
  private readonly valueRepo: ValueRepository;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;
  private readonly clock: Clock;

  constructor(deps: {
    db: Queryable;
    repo: RoundRepository;
    frameworks: FrameworkRepository;
    values: ValueService;
    valueRepo: ValueRepository;
    org: () => OrgIndex;
    access: () => Access;
    clock: Clock;
  }) {
    this.db = deps.db;
    this.repo = deps.repo;
    this.frameworks = deps.frameworks;
    this.values = deps.values;
    this.valueRepo = deps.valueRepo;
    this.org = deps.org;
    this.access = deps.access;
    this.clock = deps.clock;
  }

  async list() {
    const rows = await this.repo.list();
    return rows.map((r) => ({
      id: r.id,
      frameworkId: r.framework_id,
      period: r.period,
      dueDate: r.due_date,
      status: r.status,
      openedAt: r.opened_at,
    }));
  }

  async open(actor: Actor, req: { frameworkId?: string | undefined; period: string; dueDate: string }) {
    const f = req.frameworkId ? await this.frameworks.find(req.frameworkId) : await this.frameworks.current();
    if (!f) throw notFound({ zh: '指标体系', en: 'Framework' });
    if (parsePeriod(req.period).year !== f.year) {
      throw validation([{ field: 'period', ...bilingual(`期别不属于 ${f.year} 年度`, `not in the framework's year`) }]);
    }
    const exists = () =>
      new AppError('CONFLICT', { zh: `${req.period} 的填报轮次已存在`, en: `A round for ${req.period} exists` });
    const id = crypto.randomUUID();
    // Checked and inserted in one transaction; two coordinators opening the same round at once meet at the unique
    // constraint, and the second is refused like the first check would have refused it.
    await this.db.transaction().execute(async (trx) => {
      if (await this.repo.exists(trx, f.id, req.period)) throw exists();
      const inserted = await this.repo.insert(trx, {
        id,
        framework_id: f.id,
        period: req.period,
        due_date: req.dueDate,
        status: 'open',
        opened_by: actor.userId,
        opened_at: this.clock.now().toISOString(),
      });
      if (!inserted) throw exists();
    });
    return id;
  }

  /**
   * The actor's to-dos in the open rounds, late ones first: reporters — each unit with figures missing, in draft or
   * returned; reviewers — submitted values awaiting review; the coordination centre — approved values to publish.
   */
  async todos(actor: Actor) {
    const rounds = await this.repo.open();
    const today = beijingDate(this.clock.now());
    const org = this.org();
    const access = this.access();
    const out: ReportingTodoItem[] = [];
    const reminders = await this.repo.reminders(rounds.map((r) => r.id));
    const lastReminder = (roundId: string, unitId: string) =>
      reminders.filter((x) => x.round_id === roundId && x.org_unit_id === unitId).at(-1) ?? null;
    for (const r of rounds) {
      const b = await this.frameworks.bundle(r.framework_id);
      if (!b) continue;
      if (actor.role === 'districtReporter' || actor.role === 'departmentReporter') {
        const root = org.root();
        const units = [...(root ? [root.id] : []), ...org.countyLevel().map((u) => u.id)].filter((id) =>
          access.canView(actor, id),
        );
        for (const unitId of units) {
          const enterable = this.values.entry
            .reportable(b, unitId, r.period)
            .filter(
              (i) => i.formula === null && i.fed_by === null && access.canEnter(actor, unitId, indicatorRef(b, i)),
            );
          if (enterable.length === 0) continue;
          const rows = await this.valueRepo.findByKeys(
            this.db,
            unitId,
            r.period,
            enterable.map((i) => i.code),
          );
          const done = rows.filter((v) => v.value !== null && !['draft', 'returned'].includes(v.status)).length;
          const returned = rows.filter((v) => v.status === 'returned').length;
          if (done < enterable.length) {
            const reminder = lastReminder(r.id, unitId);
            const overdue = daysFrom(r.due_date, today);
            out.push({
              kind: 'report',
              roundId: r.id,
              period: r.period,
              orgUnitId: unitId,
              orgUnitName: org.get(unitId)?.name ?? unitId,
              count: enterable.length - done,
              returned,
              dueDate: r.due_date,
              late: today > r.due_date,
              overdueDays: overdue > 0 ? overdue : null,
              remindedAt: reminder?.sent_at ?? null,
              reminderNote: reminder?.note ?? null,
            });
          }
        }
      }
    }
    if (actor.role === 'reviewer' || actor.role === 'coordinator') {
      const status = actor.role === 'reviewer' ? 'submitted' : 'approved';
      const rows = (await this.valueRepo.byStatus(status, null)).filter((v) =>
        actor.role === 'reviewer' ? access.canReview(actor, v.org_unit_id) : access.canCoordinate(actor, v.org_unit_id),
      );
      const byPeriod = new Map<string, number>();
      for (const v of rows) byPeriod.set(v.period, (byPeriod.get(v.period) ?? 0) + 1);
      for (const [period, count] of byPeriod) {
        const due = rounds.find((r) => r.period === period)?.due_date ?? null;
        const round = rounds.find((r) => r.period === period);
        out.push({
          kind: actor.role === 'reviewer' ? 'review' : 'publish',
          roundId: round?.id ?? null,
          period,
          orgUnitId: null,
          orgUnitName: null,
          count,
          returned: 0,
          dueDate: due,
          late: due !== null && today > due,
          overdueDays: null,
          remindedAt: null,
          reminderNote: null,
        });
      }
    }
    // The centre's to-dos name every unit still owing figures after the due date: what is late is never hidden.
    if (actor.role === 'coordinator') {
      for (const r of rounds) {
        if (today <= r.due_date) continue;
        const b = await this.frameworks.bundle(r.framework_id);
        if (!b) continue;
        const units = (await this.records(actor, r, b, today, reminders)).filter(
          (u) => u.overdueDays !== null && access.canCoordinate(actor, u.orgUnitId),
        );
        for (const u of units) {
          const reminder = lastReminder(r.id, u.orgUnitId);
          out.push({
            kind: 'overdue',
            roundId: r.id,
            period: r.period,
            orgUnitId: u.orgUnitId,
            orgUnitName: u.orgUnitName,
            count: u.pendingCodes.length,
            returned: u.returned,
            dueDate: r.due_date,
            late: true,
            overdueDays: u.overdueDays,
            remindedAt: reminder?.sent_at ?? null,
            reminderNote: reminder?.note ?? null,
          });
        }
      }
    }
    return out.sort(
      (a, b) =>
        Number(b.late) - Number(a.late) ||
        (a.dueDate ?? '9').localeCompare(b.dueDate ?? '9') ||
        a.period.localeCompare(b.period),
    );
  }

  /**
   * Per unit the actor may see, in one round: expected entries, how many are missing, in each state, whether it is
   * late now (figures owed after the due date) and whether it was (completed after the due date: kept), the
   * reminders sent.
   */
  private async records(
    actor: Actor,
    r: RoundRow,
    b: FrameworkBundle,
    today: string,
    reminders: readonly ReminderRow[],
  ): Promise<UnitRecord[]> {
    const org = this.org();
    const root = org.root();
    const units = this.access().visibleUnits(actor, [
      ...(root ? [root.id] : []),
      ...org.countyLevel().map((u) => u.id),
    ]);
    const rows = await this.repo.submissions(r.period, units);
    const byUnit = new Map<string, Map<string, SubmissionRow>>();
    for (const v of rows) {
      const m = byUnit.get(v.org_unit_id) ?? new Map<string, SubmissionRow>();
      m.set(v.indicator_code, v);
      byUnit.set(v.org_unit_id, m);
    }
    const late = today > r.due_date;
    return units.map((unitId): UnitRecord => {
      const expected = this.values.entry
        .reportable(b, unitId, r.period)
        .filter((i) => i.formula === null && i.fed_by === null);
      const stored = byUnit.get(unitId) ?? new Map<string, SubmissionRow>();
      const mine = expected.map((i) => stored.get(i.code)).filter((v): v is SubmissionRow => v !== undefined);
      const count = (st: string) => mine.filter((v) => v.status === st && v.value !== null).length;
      const pendingCodes = expected
        .filter((i) => {
          const v = stored.get(i.code);
          return v === undefined || v.value === null || v.status === 'draft' || v.status === 'returned';
        })
        .map((i) => i.code);
      const lateness = unitLateness({
        dueDate: r.due_date,
        today,
        expected: expected.length,
        values: mine.map((v) => ({
          status: v.status,
          value: v.value,
          firstSubmittedAt: v.first_submitted_at,
          submittedAt: v.submitted_at,
          updatedAt: v.updated_at,
        })),
        pending: pendingCodes.length,
      });
      const sent = reminders.filter((x) => x.round_id === r.id && x.org_unit_id === unitId);
      const present = mine.filter((v) => v.value !== null).length;
      return {
        orgUnitId: unitId,
        orgUnitName: org.get(unitId)?.name ?? unitId,
        expected: expected.length,
        missing: expected.length - present,
        draft: count('draft'),
        submitted: count('submitted'),
        returned: count('returned'),
        approved: count('approved'),
        published: count('published'),
        late: late && pendingCodes.length > 0,
        complete: pendingCodes.length === 0 && count('submitted') === 0,
        submittedAt: lateness.submittedAt,
        submittedLateDays: lateness.submittedLateDays,
        overdueDays: lateness.overdueDays,
        reminders: sent.length,
        lastRemindedAt: sent.at(-1)?.sent_at ?? null,
        pendingCodes,
      };
    });
  }

  /** Per unit the actor may see: expected entries, how many are missing, in each state, and whether it is late. */
  async status(actor: Actor, roundId: string) {
    const r = await this.repo.find(roundId);
    if (!r) throw notFound({ zh: '填报轮次', en: 'Reporting round' });
    const b = await this.frameworks.bundle(r.framework_id);
    if (!b) throw notFound({ zh: '指标体系', en: 'Framework' });
    const org = this.org();
    const today = beijingDate(this.clock.now());
    const reminders = await this.repo.reminders([r.id]);
    const units = await this.records(actor, r, b, today, reminders);
    const visible = new Set(units.map((u) => u.orgUnitId));
    const history = [
      {
        at: r.opened_at,
        kind: 'opened' as const,
        orgUnitId: null,
        orgUnitName: null,
        by: null,
        note: null,
        lateDays: null,
        recipients: null,
      },
      ...reminders
        .filter((x) => visible.has(x.org_unit_id))
        .map((x) => ({
          at: x.sent_at,
          kind: 'reminder' as const,
          orgUnitId: x.org_unit_id,
          orgUnitName: org.get(x.org_unit_id)?.name ?? x.org_unit_id,
          by: x.sent_by_name,
          note: x.note,
          lateDays: null,
          recipients: x.recipients,
        })),
      ...units
        .filter((u) => u.submittedAt !== null)
        .map((u) => ({
          at: u.submittedAt as string,
          kind: 'submitted' as const,
          orgUnitId: u.orgUnitId,
          orgUnitName: u.orgUnitName,
          by: null,
          note: null,
          lateDays: u.submittedLateDays,
          recipients: null,
        })),
    ].sort((a, z) => a.at.localeCompare(z.at));
    return {
      round: {
        id: r.id,
        frameworkId: r.framework_id,
        period: r.period,
        dueDate: r.due_date,
        status: r.status,
        openedAt: r.opened_at,
      },
      today,
      units: units.map(({ pendingCodes: _pending, ...u }) => u),
      history,
    };
  }

  /**
   * 催报: reminds the reporters of units that still owe figures in an open round. Each reminder is kept (the round's
   * history) and shows on the reporters' home page beside what they owe. A unit that owes nothing is refused, by name.
   */
  async remind(actor: Actor, roundId: string, req: { orgUnitIds: string[]; note?: string | undefined }) {
    const r = await this.repo.find(roundId);
    if (!r) throw notFound({ zh: '填报轮次', en: 'Reporting round' });
    if (r.status !== 'open') {
      throw new AppError('CONFLICT', { zh: '该填报轮次已关闭', en: 'The round is closed' });
    }
    const b = await this.frameworks.bundle(r.framework_id);
    if (!b) throw notFound({ zh: '指标体系', en: 'Framework' });
    const access = this.access();
    const org = this.org();
    const ids = [...new Set(req.orgUnitIds)];
    for (const id of ids) {
      if (!org.get(id)) throw notFound({ zh: `单位 ${id}`, en: `Org unit ${id}` });
      if (!access.canCoordinate(actor, id)) throw new AppError('OUT_OF_SCOPE');
    }
    const today = beijingDate(this.clock.now());
    const records = new Map((await this.records(actor, r, b, today, [])).map((u) => [u.orgUnitId, u] as const));
    const issues = ids
      .filter((id) => (records.get(id)?.pendingCodes.length ?? 0) === 0)
      .map((id, k) => ({
        field: `orgUnitIds.${k}`,
        ...bilingual(
          `${org.get(id)?.name ?? id} 已报送完毕，无需催报`,
          `${org.get(id)?.nameEn ?? id} owes nothing in this round`,
        ),
      }));
    if (issues.length > 0) throw validation(issues);
    const reporters = await this.repo.reporters();
    const leads = new Map(b.indicators.map((i) => [i.code, i.lead_department_id]));
    const at = this.clock.now().toISOString();
    const rows = ids.map((id) => {
      const owed = new Set((records.get(id)?.pendingCodes ?? []).map((c) => leads.get(c)).filter((d) => d));
      const recipients = reporters.filter((u) => {
        const scope = JSON.parse(u.entry_scope) as string[];
        return u.role === 'districtReporter' ? org.within(id, scope) : scope.some((d) => owed.has(d));
      }).length;
      return {
        id: crypto.randomUUID(),
        round_id: r.id,
        org_unit_id: id,
        sent_by: actor.userId,
        sent_at: at,
        note: req.note ? req.note : null,
        recipients,
      };
    });
    await this.db.transaction().execute(async (trx) => this.repo.insertReminders(trx, rows));
    return { sent: rows.length, recipients: rows.reduce((a, x) => a + x.recipients, 0) };
  }
}
