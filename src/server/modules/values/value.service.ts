import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { parsePeriod, previousPeriod } from '../../../domain/periods.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor, IndicatorRef } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, notFound, validation } from '../../errors.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { GridRow, SaveGridRequest, Value } from '../../../shared/api/values.ts';
import {
  targetOf,
  type FrameworkBundle,
  type FrameworkRepository,
  type IndicatorRow,
} from '../frameworks/framework.repository.ts';
import { sourceOf, toTarget } from '../frameworks/framework.mapper.ts';
import type { TargetDbRow } from '../frameworks/framework.repository.ts';

/** A target as the entry grid shows it: the figures, and whether they are generated demo targets. */
function gridTarget(t: TargetDbRow) {
  const { source, ...rest } = toTarget(t);
  return { ...rest, generated: source.doc === 'generated' };
}
import type { HistoryInput, ValueRepository, ValueRow } from './value.repository.ts';

const FREQUENCY_OF = { monthly: 'monthly', quarterly: 'quarterly', yearly: 'yearly' } as const;

const STATUS_ZH: Record<string, string> = { submitted: '已提交，待审核', approved: '已审核', published: '已发布' };

/** A change larger than this share of last period's value is flagged for the reporter to double-check. */
export const PLAUSIBILITY_CHANGE = 0.5;

export function toValue(v: ValueRow): Value {
  return {
    id: v.id,
    indicatorCode: v.indicator_code,
    orgUnitId: v.org_unit_id,
    period: v.period,
    value: v.value,
    status: v.status as Value['status'],
    origin: v.origin as Value['origin'],
    sourceTitle: v.origin === 'reported' ? null : sourceOf(v.source_doc, v.source_quote).title,
    note: v.note,
    returnReason: v.return_reason,
    version: v.version,
    updatedAt: v.updated_at,
    updatedBy: v.updated_by,
  };
}

export function indicatorRef(b: FrameworkBundle, i: IndicatorRow): IndicatorRef {
  return {
    code: i.code,
    leadDepartmentId: i.lead_department_id,
    workTeamId: i.work_team_id,
    dimensionWorkTeamId: b.dimensions.find((d) => d.code === i.dimension_code)?.work_team_id ?? null,
  };
}

/** The plausibility check: a warning, never a refusal. */
export function plausibilityWarning(
  indicator: Pick<IndicatorRow, 'code' | 'name' | 'value_kind'>,
  value: number,
  previous: number | null,
): { indicatorCode: string; message: string; messageEn: string } | null {
  if (previous === null || previous === 0) return null;
  const change = Math.abs(value - previous) / Math.abs(previous);
  if (change <= PLAUSIBILITY_CHANGE) return null;
  const pct = (change * 100).toFixed(0);
  return {
    indicatorCode: indicator.code,
    message: `${indicator.name}：较上期（${previous}）变动 ${pct}%，请核实`,
    messageEn: `${indicator.code}: ${pct}% change from the previous period (${previous}); please check`,
  };
}

/**
 * The period parsed, when it belongs to the framework's year: values are entered, saved and submitted against one
 * framework (指标体系) of one year, so `2031-12` or `1999-12` against the 2024 framework is refused (400 on
 * `period`), as the Excel import refuses the same rows.
 */
function inFrameworkYear(b: FrameworkBundle, period: string) {
  const p = parsePeriod(period);
  if (p.year !== b.framework.year) {
    throw validation([
      {
        field: 'period',
        message: `期别 ${period} 不属于 ${b.framework.year} 年度指标体系 / not in the framework's year ${b.framework.year}`,
      },
    ]);
  }
  return p;
}

export class ValueService {
  private readonly db: Db;
  private readonly repo: ValueRepository;
  private readonly frameworks: FrameworkRepository;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;
  private readonly clock: Clock;
  private readonly events: EventBus;
  private readonly auditor: Auditor | null;

  constructor(deps: {
    db: Db;
    repo: ValueRepository;
    frameworks: FrameworkRepository;
    org: () => OrgIndex;
    access: () => Access;
    clock: Clock;
    /** Where it says that reviewed values changed (the evaluation and the cockpit listen). */
    events: EventBus;
    /** Records locks and unlocks (value changes are recorded by the repository's history hook). */
    auditor?: Auditor;
  }) {
    this.db = deps.db;
    this.repo = deps.repo;
    this.frameworks = deps.frameworks;
    this.org = deps.org;
    this.access = deps.access;
    this.clock = deps.clock;
    this.events = deps.events;
    this.auditor = deps.auditor ?? null;
  }

  private async bundle(frameworkId: string | undefined): Promise<FrameworkBundle> {
    const id = frameworkId ?? (await this.frameworks.current())?.id;
    const b = id ? await this.frameworks.bundle(id) : undefined;
    if (!b) throw notFound({ zh: '指标体系', en: 'Framework' });
    return b;
  }

  /** The indicators reported by this unit in this period: frequency matches, scope covers the unit's level. */
  reportable(b: FrameworkBundle, orgUnitId: string, period: string): IndicatorRow[] {
    const p = parsePeriod(period);
    const unit = this.org().get(orgUnitId);
    if (!unit) throw notFound({ zh: `单位 ${orgUnitId}`, en: `Org unit ${orgUnitId}` });
    const isCity = unit.parentId === null;
    return b.indicators.filter(
      (i) =>
        i.frequency === FREQUENCY_OF[p.frequency] &&
        unit.kind !== 'department' &&
        (i.reporting_unit_ids
          ? (JSON.parse(i.reporting_unit_ids) as string[]).includes(orgUnitId)
          : isCity || i.scope === 'cityAndDistricts'),
    );
  }

  async grid(actor: Actor, q: { frameworkId?: string | undefined; orgUnitId: string; period: string }) {
    const access = this.access();
    access.assertView(actor, [q.orgUnitId]);
    const b = await this.bundle(q.frameworkId);
    const p = inFrameworkYear(b, q.period);
    const indicators = this.reportable(b, q.orgUnitId, q.period).filter((i) =>
      access.canSeeIndicator(actor, indicatorRef(b, i)),
    );
    const prev = previousPeriod(q.period);
    const [current, previous] = await Promise.all([
      this.repo.findByKeys(
        this.db.kysely,
        q.orgUnitId,
        q.period,
        indicators.map((i) => i.code),
      ),
      this.repo.findByKeys(
        this.db.kysely,
        q.orgUnitId,
        prev,
        indicators.map((i) => i.code),
      ),
    ]);
    const locked = await this.repo.isLocked(this.db.kysely, q.period);
    const byCode = new Map(current.map((v) => [v.indicator_code, v]));
    const prevByCode = new Map(previous.map((v) => [v.indicator_code, v]));
    const rows: GridRow[] = indicators.map((i) => {
      const v = byCode.get(i.code) ?? null;
      const target = targetOf(b, i.code, q.orgUnitId, p.year) ?? null;
      const reason = this.readOnlyReason(actor, b, i, q.orgUnitId, v, locked);
      return {
        indicatorCode: i.code,
        name: i.name,
        nameEn: i.name_en,
        unit: i.unit,
        dimensionCode: i.dimension_code,
        valueKind: i.value_kind,
        direction: i.direction,
        minValue: i.min_value,
        maxValue: i.max_value,
        computed: i.formula !== null || i.fed_by !== null,
        editable: reason === null,
        readOnlyReason: reason,
        previousPeriod: prev,
        previousValue: prevByCode.get(i.code)?.value ?? null,
        target: target ? gridTarget(target) : null,
        value: v ? toValue(v) : null,
      };
    });
    return { frameworkId: b.framework.id, orgUnitId: q.orgUnitId, period: q.period, locked, rows };
  }

  private readOnlyReason(
    actor: Actor,
    b: FrameworkBundle,
    i: IndicatorRow,
    unitId: string,
    v: ValueRow | null,
    locked: boolean,
  ): string | null {
    if (i.formula) return '计算指标，自动生成 / computed';
    if (i.fed_by) return '由四张清单自动计算 / computed from the four lists';
    if (locked) return '本期已锁定 / period locked';
    if (!this.access().canEnter(actor, unitId, indicatorRef(b, i))) return '无填报权限 / not yours to enter';
    if (v && v.origin !== 'reported') return '已发布的公开数据 / published figure';
    if (v && !['draft', 'returned'].includes(v.status)) return `${STATUS_ZH[v.status] ?? v.status} / ${v.status}`;
    return null;
  }

  /**
   * Saves a batch of entries as drafts, all or nothing. Every bad entry is reported with its field; a stale version
   * (someone saved after the user loaded the grid) refuses the whole batch with CONFLICT.
   */
  async save(actor: Actor, req: SaveGridRequest) {
    this.access().assertView(actor, [req.orgUnitId]);
    const b = await this.bundle(req.frameworkId);
    inFrameworkYear(b, req.period);
    const reportable = new Map(this.reportable(b, req.orgUnitId, req.period).map((i) => [i.code, i]));
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    req.entries.forEach((e, n) => {
      const i = reportable.get(e.indicatorCode);
      const field = `entries.${n}`;
      if (seen.has(e.indicatorCode))
        issues.push({ field: `${field}.indicatorCode`, message: `重复的指标 ${e.indicatorCode} / duplicate` });
      seen.add(e.indicatorCode);
      if (!i) {
        issues.push({
          field: `${field}.indicatorCode`,
          message: `本单位本期不填报指标 ${e.indicatorCode} / not reported by this unit in this period`,
        });
        return;
      }
      if (i.formula)
        issues.push({
          field: `${field}.value`,
          message: `${i.name}为计算指标，不能填报 / computed, cannot be entered`,
        });
      if (i.fed_by)
        issues.push({
          field: `${field}.value`,
          message: `${i.name}由四张清单自动计算，不能填报 / computed from the four lists, cannot be entered`,
        });
      if (e.value !== null && i.min_value !== null && e.value < i.min_value)
        issues.push({
          field: `${field}.value`,
          message: `${i.name}不能小于 ${i.min_value} / below the minimum ${i.min_value}`,
        });
      if (e.value !== null && i.max_value !== null && e.value > i.max_value)
        issues.push({
          field: `${field}.value`,
          message: `${i.name}不能大于 ${i.max_value} / above the maximum ${i.max_value}`,
        });
    });
    if (issues.length > 0) throw validation(issues);
    for (const e of req.entries) {
      const i = reportable.get(e.indicatorCode) as IndicatorRow;
      if (!this.access().canEnter(actor, req.orgUnitId, indicatorRef(b, i))) throw new AppError('OUT_OF_SCOPE');
    }

    const result = await this.db.kysely.transaction().execute((trx) => this.saveInTransaction(trx, actor, req));
    const warnings = req.entries.flatMap((e) => {
      const i = reportable.get(e.indicatorCode) as IndicatorRow;
      const w =
        e.value === null ? null : plausibilityWarning(i, e.value, result.prev.get(e.indicatorCode)?.value ?? null);
      return w ? [w] : [];
    });
    const saved = await this.repo.findByIds(this.db.kysely, result.savedIds);
    return { saved: saved.length, warnings, values: saved.map(toValue) };
  }

  /**
   * The transactional body of `save`: writes the entries of one unit and period inside the caller's transaction and
   * commits nothing itself, so a caller writing many units and periods at once (the Excel import) keeps them all or
   * nothing. The entries must already have passed `save`'s checks (reportable, range, entry scope). Throws
   * LOCKED_PERIOD, CONFLICT (a stale version) or INVALID_STATE with `entries.<n>.<field>` details.
   */
  async saveInTransaction(
    trx: Transaction<Database>,
    actor: Actor,
    req: SaveGridRequest,
  ): Promise<{ savedIds: string[]; prev: Map<string, ValueRow> }> {
    const p = parsePeriod(req.period);
    const now = this.clock.now().toISOString();
    const prevPeriod = previousPeriod(req.period);
    if (await this.repo.isLocked(trx, req.period)) throw new AppError('LOCKED_PERIOD');
    const codes = req.entries.map((e) => e.indicatorCode);
    const existing = new Map(
      (await this.repo.findByKeys(trx, req.orgUnitId, req.period, codes)).map((v) => [v.indicator_code, v]),
    );
    const prev = new Map(
      (await this.repo.findByKeys(trx, req.orgUnitId, prevPeriod, codes)).map((v) => [v.indicator_code, v]),
    );
    const history: HistoryInput[] = [];
    const stale: FieldIssue[] = [];
    const stateIssues: FieldIssue[] = [];
    const savedIds: string[] = [];
    const inserts: ValueRow[] = [];
    for (const [n, e] of req.entries.entries()) {
      const cur = existing.get(e.indicatorCode);
      if (!cur) {
        if (e.version !== null) {
          stale.push({
            field: `entries.${n}.version`,
            message: `${e.indicatorCode} 已被删除或不存在 / no longer exists`,
          });
          continue;
        }
        const id = crypto.randomUUID();
        inserts.push({
          id,
          indicator_code: e.indicatorCode,
          org_unit_id: req.orgUnitId,
          period: req.period,
          year: p.year,
          value: e.value,
          status: 'draft',
          origin: 'reported',
          source_doc: null,
          source_quote: null,
          note: e.note,
          return_reason: null,
          version: 1,
          updated_by: actor.userId,
          updated_at: now,
          submitted_by: null,
          submitted_at: null,
          reviewed_by: null,
          reviewed_at: null,
        });
        history.push({
          value_id: id,
          action: 'enter',
          old_value: null,
          new_value: e.value,
          old_status: null,
          new_status: 'draft',
          reason: e.note,
          user_id: actor.userId,
          at: now,
        });
        savedIds.push(id);
        continue;
      }
      if (e.version === null || e.version !== cur.version) {
        stale.push({
          field: `entries.${n}.version`,
          message: `${e.indicatorCode} 已被他人修改（${cur.updated_at}）/ changed by someone else`,
        });
        continue;
      }
      if (cur.origin !== 'reported' || !['draft', 'returned'].includes(cur.status)) {
        stateIssues.push({
          field: `entries.${n}.value`,
          message: `${e.indicatorCode} 当前状态（${cur.status}）不能修改 / cannot change in status ${cur.status}`,
        });
        continue;
      }
      if (cur.value === e.value && cur.note === e.note) continue;
      // A revision of a value already returned by a reviewer must say why it changed.
      if (cur.status === 'returned' && cur.value !== e.value && !e.note) {
        stateIssues.push({
          field: `entries.${n}.note`,
          message: `修改已退回的数据须填写说明 / a revision needs a note`,
        });
        continue;
      }
      // On PostgreSQL another transaction may have written the row since it was read here; the version guard sees it.
      if (
        !(await this.repo.update(trx, cur.id, cur.version, {
          value: e.value,
          note: e.note,
          status: 'draft',
          updated_by: actor.userId,
          updated_at: now,
        }))
      ) {
        stale.push({
          field: `entries.${n}.version`,
          message: `${e.indicatorCode} 已被他人修改 / changed by someone else`,
        });
        continue;
      }
      history.push({
        value_id: cur.id,
        action: 'update',
        old_value: cur.value,
        new_value: e.value,
        old_status: cur.status,
        new_status: 'draft',
        reason: e.note,
        user_id: actor.userId,
        at: now,
      });
      savedIds.push(cur.id);
    }
    if (stale.length > 0) throw new AppError('CONFLICT', undefined, stale);
    if (stateIssues.length > 0) throw new AppError('INVALID_STATE', undefined, stateIssues);
    // One multi-row INSERT per chunk rather than one round trip per value: an import writes thousands at once.
    await this.repo.insertMany(trx, inserts);
    await this.repo.addHistory(trx, history);
    return { savedIds, prev };
  }

  /** Submits every draft (or returned value) the actor may enter for this unit and period. */
  async submit(actor: Actor, req: { frameworkId?: string | undefined; orgUnitId: string; period: string }) {
    this.access().assertView(actor, [req.orgUnitId]);
    const b = await this.bundle(req.frameworkId);
    inFrameworkYear(b, req.period);
    const enterable = this.reportable(b, req.orgUnitId, req.period).filter(
      (i) => !i.formula && !i.fed_by && this.access().canEnter(actor, req.orgUnitId, indicatorRef(b, i)),
    );
    if (enterable.length === 0) throw new AppError('OUT_OF_SCOPE');
    const now = this.clock.now().toISOString();
    const n = await this.db.kysely.transaction().execute(async (trx) => {
      if (await this.repo.isLocked(trx, req.period)) throw new AppError('LOCKED_PERIOD');
      const rows = (
        await this.repo.findByKeys(
          trx,
          req.orgUnitId,
          req.period,
          enterable.map((i) => i.code),
        )
      ).filter((v) => v.origin === 'reported' && (v.status === 'draft' || v.status === 'returned'));
      const missing = rows.filter((v) => v.value === null);
      if (missing.length > 0) {
        throw validation(
          missing.map((v) => ({ field: v.indicator_code, message: `${v.indicator_code} 尚未填写数值 / no value` })),
        );
      }
      for (const v of rows) {
        if (
          !(await this.repo.update(trx, v.id, v.version, {
            status: 'submitted',
            submitted_by: actor.userId,
            submitted_at: now,
            return_reason: null,
          }))
        ) {
          throw new AppError('CONFLICT');
        }
      }
      await this.repo.addHistory(
        trx,
        rows.map((v) => ({
          value_id: v.id,
          action: 'submit',
          old_value: v.value,
          new_value: v.value,
          old_status: v.status,
          new_status: 'submitted',
          reason: null,
          user_id: actor.userId,
          at: now,
        })),
      );
      return rows.length;
    });
    if (n === 0) throw new AppError('INVALID_STATE', { zh: '没有可提交的草稿', en: 'Nothing to submit' });
    return { submitted: n };
  }

  /** Approves or returns submitted values; each must be inside the reviewer's scope and at the version seen. */
  async review(
    actor: Actor,
    req: { items: { id: string; version: number }[]; action: 'approve' | 'return'; reason: string | null },
  ) {
    const now = this.clock.now().toISOString();
    const framework = await this.frameworks.current();
    const n = await this.db.kysely.transaction().execute(async (trx) => {
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
        if (await this.repo.isLocked(trx, v.period)) throw new AppError('LOCKED_PERIOD');
        if (v.status !== 'submitted')
          throw new AppError('INVALID_STATE', {
            zh: `${v.indicator_code} 不是待审核状态`,
            en: `${v.indicator_code} is not awaiting review`,
          });
        const status = req.action === 'approve' ? 'approved' : 'returned';
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
  private async publishable(
    q: Kysely<Database> | Transaction<Database>,
    actor: Actor,
    req: { period: string; orgUnitId?: string | undefined },
  ) {
    if (req.orgUnitId && !this.access().canCoordinate(actor, req.orgUnitId)) throw new AppError('OUT_OF_SCOPE');
    const units = req.orgUnitId ? new Set(this.org().subtree(req.orgUnitId)) : null;
    return (await this.repo.forPeriod(q, req.period)).filter(
      (v) =>
        v.status === 'approved' &&
        (!units || units.has(v.org_unit_id)) &&
        this.access().canCoordinate(actor, v.org_unit_id),
    );
  }

  /**
   * What publishing a period would change, said before it is done: how many values, of which units and indicators,
   * and whether the period is locked — the publish dialog shows exactly this.
   */
  async publishPreview(actor: Actor, req: { period: string; orgUnitId?: string | undefined }) {
    const rows = await this.publishable(this.db.kysely, actor, req);
    const org = this.org();
    const byUnit = new Map<string, number>();
    for (const v of rows) byUnit.set(v.org_unit_id, (byUnit.get(v.org_unit_id) ?? 0) + 1);
    const order = new Map(org.subtree(org.root()?.id ?? '').map((id, i) => [id, org.get(id)?.sort ?? i]));
    return {
      period: req.period,
      locked: await this.repo.isLocked(this.db.kysely, req.period),
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
    const n = await this.db.kysely.transaction().execute(async (trx) => {
      if (await this.repo.isLocked(trx, req.period)) throw new AppError('LOCKED_PERIOD');
      const rows = await this.publishable(trx, actor, req);
      for (const v of rows) {
        if (!(await this.repo.update(trx, v.id, v.version, { status: 'published' }))) throw new AppError('CONFLICT');
      }
      await this.repo.addHistory(
        trx,
        rows.map((v) => ({
          value_id: v.id,
          action: 'publish',
          old_value: v.value,
          new_value: v.value,
          old_status: 'approved',
          new_status: 'published',
          reason: null,
          user_id: actor.userId,
          at: now,
        })),
      );
      return rows.length;
    });
    const framework = await this.frameworks.current();
    if (framework) this.events.emit('values.changed', { frameworkId: framework.id });
    return { published: n };
  }

  /** The coordination centre sends an approved or published value back for revision, with a reason. */
  async reopen(actor: Actor, req: { id: string; version: number; reason: string }) {
    const now = this.clock.now().toISOString();
    await this.db.kysely.transaction().execute(async (trx) => {
      const v = await this.repo.findById(trx, req.id);
      if (!v) throw notFound({ zh: '数据', en: 'Value' });
      if (!this.access().canCoordinate(actor, v.org_unit_id)) throw new AppError('OUT_OF_SCOPE');
      if (await this.repo.isLocked(trx, v.period)) throw new AppError('LOCKED_PERIOD');
      if (v.origin !== 'reported' || !['approved', 'published', 'submitted'].includes(v.status))
        throw new AppError('INVALID_STATE');
      if (!(await this.repo.update(trx, v.id, req.version, { status: 'returned', return_reason: req.reason })))
        throw new AppError('CONFLICT');
      await this.repo.addHistory(trx, [
        {
          value_id: v.id,
          action: 'reopen',
          old_value: v.value,
          new_value: v.value,
          old_status: v.status,
          new_status: 'returned',
          reason: req.reason,
          user_id: actor.userId,
          at: now,
        },
      ]);
    });
    const framework = await this.frameworks.current();
    if (framework) this.events.emit('values.changed', { frameworkId: framework.id });
  }

  async lock(actor: Actor, period: string, reason: string | null = null) {
    await this.db.kysely.transaction().execute(async (trx) => {
      if (await this.repo.isLocked(trx, period))
        throw new AppError('LOCKED_PERIOD', { zh: `${period} 已锁定`, en: `${period} is already locked` });
      await this.repo.lock(trx, period, actor.userId, this.clock.now().toISOString());
      await this.auditor?.record(
        { action: 'period.lock', objectType: 'period', objectId: period, detail: { reason } },
        trx,
      );
    });
  }

  async unlock(_actor: Actor, period: string, reason: string | null = null) {
    await this.db.kysely.transaction().execute(async (trx) => {
      const lock = await trx.selectFrom('period_locks').selectAll().where('period', '=', period).executeTakeFirst();
      if (!lock) throw new AppError('INVALID_STATE', { zh: `${period} 未锁定`, en: `${period} is not locked` });
      await this.repo.unlock(trx, period);
      await this.auditor?.record(
        {
          action: 'period.unlock',
          objectType: 'period',
          objectId: period,
          detail: { reason, lockedBy: lock.locked_by, lockedAt: lock.locked_at },
        },
        trx,
      );
    });
  }

  locks() {
    return this.repo.listLocks();
  }

  async history(actor: Actor, valueId: string) {
    const v = await this.repo.findById(this.db.kysely, valueId);
    if (!v) throw notFound({ zh: '数据', en: 'Value' });
    this.access().assertView(actor, [v.org_unit_id]);
    const rows = await this.repo.history(valueId);
    return {
      value: toValue(v),
      entries: rows.map((h) => ({
        action: h.action,
        oldValue: h.old_value,
        newValue: h.new_value,
        oldStatus: h.old_status,
        newStatus: h.new_status,
        reason: h.reason,
        userId: h.user_id,
        userName: h.user_name ?? null,
        at: h.at,
      })),
    };
  }

  async series(
    actor: Actor,
    q: { indicatorCode: string; orgUnitId: string; fromYear?: number | undefined; toYear?: number | undefined },
  ) {
    this.access().assertView(actor, [q.orgUnitId]);
    const year = this.clock.now().getFullYear();
    const rows = await this.repo.series(q.indicatorCode, q.orgUnitId, q.fromYear ?? year - 5, q.toYear ?? year);
    return rows.map((v) => ({ period: v.period, value: v.value, status: v.status, origin: v.origin, id: v.id }));
  }

  /** Values awaiting the reviewer: submitted, inside the reviewer's scope. */
  async reviewQueue(actor: Actor, period: string | null) {
    const b = await this.bundle(undefined);
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
      for (const p of await this.repo.findByKeys(this.db.kysely, g.unitId, g.period, [...g.codes])) {
        previous.set(`${p.org_unit_id}|${p.period}|${p.indicator_code}`, p.value);
      }
    }
    const out = [];
    for (const v of rows) {
      out.push({
        ...toValue(v),
        indicatorName: names.get(v.indicator_code)?.name ?? v.indicator_code,
        unit: names.get(v.indicator_code)?.unit ?? '',
        orgUnitName: this.org().get(v.org_unit_id)?.name ?? v.org_unit_id,
        previousValue: previous.get(`${v.org_unit_id}|${previousPeriod(v.period)}|${v.indicator_code}`) ?? null,
        submittedAt: v.submitted_at,
      });
    }
    return out;
  }
}
