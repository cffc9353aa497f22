import crypto from 'node:crypto';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import { AppError, notFound, validation } from '../../errors.ts';
import type { FrameworkRepository } from '../frameworks/framework.repository.ts';
import type { ValueService } from '../values/value.service.ts';
import type { ValueRepository } from '../values/value.repository.ts';
import { beijingDate } from '../../../domain/beijing-time.ts';
import { parsePeriod } from '../../../domain/periods.ts';
import { indicatorRef } from '../values/value.service.ts';
import type { RoundRepository } from './round.repository.ts';

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
      throw validation([{ field: 'period', message: `期别不属于 ${f.year} 年度 / not in the framework's year` }]);
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
    const out: {
      kind: 'report' | 'review' | 'publish';
      period: string;
      orgUnitId: string | null;
      orgUnitName: string | null;
      count: number;
      returned: number;
      dueDate: string | null;
      late: boolean;
    }[] = [];
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
            out.push({
              kind: 'report',
              period: r.period,
              orgUnitId: unitId,
              orgUnitName: org.get(unitId)?.name ?? unitId,
              count: enterable.length - done,
              returned,
              dueDate: r.due_date,
              late: today > r.due_date,
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
        out.push({
          kind: actor.role === 'reviewer' ? 'review' : 'publish',
          period,
          orgUnitId: null,
          orgUnitName: null,
          count,
          returned: 0,
          dueDate: due,
          late: due !== null && today > due,
        });
      }
    }
    return out.sort(
      (a, b) =>
        Number(b.late) - Number(a.late) ||
        (a.dueDate ?? '9').localeCompare(b.dueDate ?? '9') ||
        a.period.localeCompare(b.period),
    );
  }

  /** Per unit the actor may see: expected entries, how many are missing, in each state, and whether it is late. */
  async status(actor: Actor, roundId: string) {
    const r = await this.repo.find(roundId);
    if (!r) throw notFound({ zh: '填报轮次', en: 'Reporting round' });
    const b = await this.frameworks.bundle(r.framework_id);
    if (!b) throw notFound({ zh: '指标体系', en: 'Framework' });
    const org = this.org();
    const root = org.root();
    const units = this.access().visibleUnits(actor, [
      ...(root ? [root.id] : []),
      ...org.countyLevel().map((u) => u.id),
    ]);
    const today = beijingDate(this.clock.now());
    const late = today > r.due_date;
    const out = [];
    for (const unitId of units) {
      const expected = this.values.entry
        .reportable(b, unitId, r.period)
        .filter((i) => i.formula === null && i.fed_by === null);
      const rows = await this.valueRepo.findByKeys(
        this.db,
        unitId,
        r.period,
        expected.map((i) => i.code),
      );
      const count = (s: string) => rows.filter((v) => v.status === s && v.value !== null).length;
      const present = rows.filter((v) => v.value !== null).length;
      const missing = expected.length - present;
      const pending = missing + count('draft') + count('returned');
      out.push({
        orgUnitId: unitId,
        orgUnitName: org.get(unitId)?.name ?? unitId,
        expected: expected.length,
        missing,
        draft: count('draft'),
        submitted: count('submitted'),
        returned: count('returned'),
        approved: count('approved'),
        published: count('published'),
        late: late && pending > 0,
        complete: pending === 0 && count('submitted') === 0,
      });
    }
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
      units: out,
    };
  }
}
