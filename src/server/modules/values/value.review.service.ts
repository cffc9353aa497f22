import { parsePeriod, previousPeriod } from '../../../domain/periods.ts';
import { mayAct, nextValueStatus } from '../../../domain/values/status.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import { AppError, notFound } from '../../errors.ts';
import type { EventBus } from '../../events.ts';
import { targetOf, type FrameworkRepository } from '../frameworks/framework.repository.ts';
import { gridTarget, loadBundle, toValue, type ValueDeps } from './value.mapper.ts';
import type { PeriodLockRepository } from './period-lock.repository.ts';
import type { HistoryInput, ValueRepository, ValueTx } from './value.repository.ts';

/**
 * Reviewing values (审核) and what follows: the reviewer's queue, approving or returning submitted values, the
 * coordination centre publishing approved ones (after a preview of what it would publish) and reopening a reviewed
 * value. Every change of reviewed values says so on the change signal (`values.changed`).
 */
export class ValueReviewService {
  private readonly repo: ValueRepository;
  private readonly locks: PeriodLockRepository;
  private readonly frameworks: FrameworkRepository;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;
  private readonly clock: Clock;
  private readonly events: EventBus;

  constructor(deps: ValueDeps) {
    this.repo = deps.repo;
    this.locks = deps.locks;
    this.frameworks = deps.frameworks;
    this.org = deps.org;
    this.access = deps.access;
    this.clock = deps.clock;
    this.events = deps.events;
  }

  /** Values awaiting the reviewer: submitted, inside the reviewer's scope. */
  async reviewQueue(actor: Actor, period: string | null) {
    const b = await loadBundle(this.frameworks, undefined);
    const rows = (await this.repo.byStatus('submitted', period)).filter((v) =>
      this.access().canReview(actor, v.org_unit_id),
    );
    const names = new Map(b.indicators.map((i) => [i.code, i]));
    // Previous values read once per (unit, period) group, not once per queued value.
    const groups = new Map<string, { unitId: string; period: string; codes: Set<string> }>();
    for (const v of rows) {
      const key = `${v.org_unit_id}|${previousPeriod(v.period)}`;
      const g = groups.get(key) ?? {
        unitId: v.org_unit_id,
        period: previousPeriod(v.period),
        codes: new Set<string>(),
      };
      g.codes.add(v.indicator_code);
      groups.set(key, g);
    }
    const previous = new Map<string, number | null>();
    for (const g of groups.values()) {
      for (const p of await this.repo.findByKeys(this.repo.k, g.unitId, g.period, [...g.codes])) {
        previous.set(`${p.org_unit_id}|${p.period}|${p.indicator_code}`, p.value);
      }
    }
    const out = [];
    for (const v of rows) {
      const indicator = names.get(v.indicator_code);
      const unit = this.org().get(v.org_unit_id);
      // The year's target of the unit, to judge the figure against (the entry grid shows the same).
      const target = targetOf(b, v.indicator_code, v.org_unit_id, parsePeriod(v.period).year);
      out.push({
        ...toValue(v),
        indicatorName: indicator?.name ?? v.indicator_code,
        indicatorNameEn: indicator?.name_en ?? '',
        unit: indicator?.unit ?? '',
        orgUnitName: unit?.name ?? v.org_unit_id,
        orgUnitNameEn: unit?.nameEn ?? '',
        target: target ? gridTarget(target) : null,
        previousValue: previous.get(`${v.org_unit_id}|${previousPeriod(v.period)}|${v.indicator_code}`) ?? null,
        submittedAt: v.submitted_at,
      });
    }
    return out;
  }

  /** Approves or returns submitted values; each must be inside the reviewer's scope and at the version seen. */
  async review(
    actor: Actor,
    req: { items: { id: string; version: number }[]; action: 'approve' | 'return'; reason: string | null },
  ) {
    const now = this.clock.now().toISOString();
    const framework = await this.frameworks.current();
    const n = await this.repo.transaction(async (trx) => {
      const rows = await this.repo.findByIds(
        trx,
        req.items.map((i) => i.id),
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const history: HistoryInput[] = [];
      for (const item of req.items) {
        const v = byId.get(item.id);
        if (!v) throw notFound({ zh: '数据', en: 'Value' });
        if (!this.access().canReview(actor, v.org_unit_id)) throw new AppError('OUT_OF_SCOPE');
        if (await this.locks.isLocked(trx, v.period)) throw new AppError('LOCKED_PERIOD');
        if (!mayAct(v, req.action))
          throw new AppError('INVALID_STATE', {
            zh: `${v.indicator_code} 不是待审核状态`,
            en: `${v.indicator_code} is not awaiting review`,
          });
        const status = nextValueStatus(req.action);
        const ok = await this.repo.update(trx, v.id, item.version, {
          status,
          reviewed_by: actor.userId,
          reviewed_at: now,
          return_reason: req.action === 'return' ? req.reason : null,
        });
        if (!ok) throw new AppError('CONFLICT');
        history.push({
          value_id: v.id,
          action: req.action,
          old_value: v.value,
          new_value: v.value,
          old_status: v.status,
          new_status: status,
          reason: req.reason,
          user_id: actor.userId,
          at: now,
        });
      }
      await this.repo.addHistory(trx, history);
      return history.length;
    });
    if (framework) this.events.emit('values.changed', { frameworkId: framework.id });
    return { reviewed: n };
  }

  /** Publishes approved values of a period (optionally of one unit and its descendants). */
  /**
   * The approved values a publication of this period would publish: inside the unit (when one is given) and the
   * coordinator's scope. Without a unit: every approved value of the period that the scope covers.
   */
  private async publishable(q: ValueTx, actor: Actor, req: { period: string; orgUnitId?: string | undefined }) {
    if (req.orgUnitId && !this.access().canCoordinate(actor, req.orgUnitId)) throw new AppError('OUT_OF_SCOPE');
    const units = req.orgUnitId ? new Set(this.org().subtree(req.orgUnitId)) : null;
    return (await this.repo.forPeriod(q, req.period)).filter(
      (v) =>
        mayAct(v, 'publish') &&
        (!units || units.has(v.org_unit_id)) &&
        this.access().canCoordinate(actor, v.org_unit_id),
    );
  }

  /**
   * What publishing a period would change, said before it is done: how many values, of which units and indicators,
   * and whether the period is locked — the publish dialog shows exactly this.
   */
  async publishPreview(actor: Actor, req: { period: string; orgUnitId?: string | undefined }) {
    const rows = await this.publishable(this.repo.k, actor, req);
    const org = this.org();
    const byUnit = new Map<string, number>();
    for (const v of rows) byUnit.set(v.org_unit_id, (byUnit.get(v.org_unit_id) ?? 0) + 1);
    const order = new Map(org.subtree(org.root()?.id ?? '').map((id, i) => [id, org.get(id)?.sort ?? i]));
    return {
      period: req.period,
      locked: await this.locks.isLocked(this.repo.k, req.period),
      count: rows.length,
      indicators: new Set(rows.map((v) => v.indicator_code)).size,
      units: [...byUnit]
        .sort(([a], [z]) => (order.get(a) ?? 0) - (order.get(z) ?? 0) || a.localeCompare(z))
        .map(([orgUnitId, count]) => ({
          orgUnitId,
          name: org.get(orgUnitId)?.name ?? orgUnitId,
          nameEn: org.get(orgUnitId)?.nameEn ?? orgUnitId,
          count,
        })),
    };
  }

  async publish(actor: Actor, req: { period: string; orgUnitId?: string | undefined }) {
    const now = this.clock.now().toISOString();
    const n = await this.repo.transaction(async (trx) => {
      if (await this.locks.isLocked(trx, req.period)) throw new AppError('LOCKED_PERIOD');
      const rows = await this.publishable(trx, actor, req);
      for (const v of rows) {
        if (!(await this.repo.update(trx, v.id, v.version, { status: nextValueStatus('publish') })))
          throw new AppError('CONFLICT');
      }
      await this.repo.addHistory(
        trx,
        rows.map((v) => ({
          value_id: v.id,
          action: 'publish',
          old_value: v.value,
          new_value: v.value,
          old_status: v.status,
          new_status: nextValueStatus('publish'),
          reason: null,
          user_id: actor.userId,
          at: now,
        })),
      );
      return rows.length;
    });
    const framework = await this.frameworks.current();
    if (framework) this.events.emit('values.changed', { frameworkId: framework.id });
    if (n > 0) this.events.emit('values.published', { period: req.period, orgUnitId: req.orgUnitId ?? null, count: n });
    return { published: n };
  }

  /** The coordination centre sends an approved or published value back for revision, with a reason. */
  async reopen(actor: Actor, req: { id: string; version: number; reason: string }) {
    const now = this.clock.now().toISOString();
    await this.repo.transaction(async (trx) => {
      const v = await this.repo.findById(trx, req.id);
      if (!v) throw notFound({ zh: '数据', en: 'Value' });
      if (!this.access().canCoordinate(actor, v.org_unit_id)) throw new AppError('OUT_OF_SCOPE');
      if (await this.locks.isLocked(trx, v.period)) throw new AppError('LOCKED_PERIOD');
      if (!mayAct(v, 'reopen')) throw new AppError('INVALID_STATE');
      if (
        !(await this.repo.update(trx, v.id, req.version, {
          status: nextValueStatus('reopen'),
          return_reason: req.reason,
        }))
      )
        throw new AppError('CONFLICT');
      await this.repo.addHistory(trx, [
        {
          value_id: v.id,
          action: 'reopen',
          old_value: v.value,
          new_value: v.value,
          old_status: v.status,
          new_status: nextValueStatus('reopen'),
          reason: req.reason,
          user_id: actor.userId,
          at: now,
        },
      ]);
    });
    const framework = await this.frameworks.current();
    if (framework) this.events.emit('values.changed', { frameworkId: framework.id });
  }
}
