import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { parsePeriod, previousPeriod } from '../../../domain/periods.ts';
import {
  isEditable,
  mayAct,
  nextValueStatus,
  plausibilityWarning,
  revisionNeedsNote,
} from '../../../domain/values/status.ts';
import type { Actor } from '../../access/policy.ts';
import { AppError, bilingual, notFound, validation } from '../../errors.ts';
import type { FieldIssue } from '../../../shared/errors.ts';
import type { GridRow, ReadOnlyReason, SaveGridRequest } from '../../../shared/api/values.ts';
import type { EventBus } from '../../events.ts';
import { serializeGrid } from './value.grid-serializer.ts';
import { targetOf, type FrameworkBundle, type IndicatorRow } from '../frameworks/framework.repository.ts';
import {
  gridTarget,
  gridValue,
  indicatorRef,
  inFrameworkYear,
  loadBundle,
  toValue,
  type ValueDeps,
} from './value.mapper.ts';
import type { HistoryInput, HistorySummary, ValueRow, ValueTx } from './value.repository.ts';
import { ImportBatch } from './value.import.ts';
import type { ValueRepository } from './value.repository.ts';
import type { PeriodLockRepository } from './period-lock.repository.ts';
import type { FrameworkRepository } from '../frameworks/framework.repository.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { CacheMeter } from '../../metrics/metrics.ts';

/** Grids kept in memory at most (a district's month is ~60 KB). */
const GRID_CACHE_SIZE = 200;

const FREQUENCY_OF = { monthly: 'monthly', quarterly: 'quarterly', yearly: 'yearly' } as const;

/**
 * Entering values (填报): the entry grid of one unit and period, saving drafts all or nothing (also inside the Excel
 * import's transaction), submitting them for review, and reading a value's history and series. The status rules are
 * pure (src/domain/values/status.ts); who may enter what is Access's (src/server/access/policy.ts).
 */
export class ValueEntryService {
  private readonly repo: ValueRepository;
  private readonly locks: PeriodLockRepository;
  private readonly frameworks: FrameworkRepository;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;
  private readonly clock: Clock;
  private readonly events: EventBus;
  /**
   * Serialised grids by framework, unit, period and what the actor's access decisions depend on; dropped whenever a
   * value (in any status), a lock or a framework changes. `generation` guards an answer built while a change landed.
   */
  private readonly gridCache = new Map<
    string,
    { json: Buffer; br?: Buffer; gzip?: Buffer; org: OrgIndex; access: Access }
  >();
  private gridGeneration = 0;
  private readonly meter: CacheMeter;

  constructor(deps: ValueDeps) {
    this.repo = deps.repo;
    this.locks = deps.locks;
    this.frameworks = deps.frameworks;
    this.org = deps.org;
    this.access = deps.access;
    this.clock = deps.clock;
    this.events = deps.events;
    this.meter = deps.cacheMeter ?? (() => {});
    const changed = () => {
      this.gridGeneration++;
      this.gridCache.clear();
    };
    deps.events.on('values.entered', changed);
    deps.events.on('values.changed', changed);
    deps.events.on('framework.changed', changed);
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

  /**
   * The entry grid as JSON (GET /values/grid), built and serialised once per unit, period and kind of actor, then
   * served from memory until a value, a lock or the framework changes (`values.entered`, `values.changed`,
   * `framework.changed`); compressed once per encoding asked for. The scope check runs on every request. The key
   * holds everything the rows' access decisions read from the actor (role, scopes, work team); the org tree and the
   * access rules are compared by identity, so a rebuilt tree misses.
   */
  async gridBody(
    actor: Actor,
    q: { frameworkId?: string | undefined; orgUnitId: string; period: string },
    encoding: 'br' | 'gzip' | null = null,
  ): Promise<Buffer> {
    const access = this.access();
    access.assertView(actor, [q.orgUnitId]);
    const org = this.org();
    const key = JSON.stringify([
      q.frameworkId ?? null,
      q.orgUnitId,
      q.period,
      actor.role,
      actor.workTeamId,
      actor.entryScope,
      actor.viewScope,
    ]);
    let entry = this.gridCache.get(key);
    const hit = entry !== undefined && entry.org === org && entry.access === access;
    this.meter('grid', hit);
    if (!entry || !hit) {
      const generation = this.gridGeneration;
      entry = { json: Buffer.from(serializeGrid(await this.grid(actor, q))), org, access };
      if (generation === this.gridGeneration) {
        if (this.gridCache.size >= GRID_CACHE_SIZE) this.gridCache.delete(this.gridCache.keys().next().value as string);
        this.gridCache.set(key, entry);
      }
    }
    if (encoding === 'br') {
      entry.br ??= zlib.brotliCompressSync(entry.json, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        },
      });
      return entry.br;
    }
    if (encoding === 'gzip') return (entry.gzip ??= zlib.gzipSync(entry.json, { level: 6 }));
    return entry.json;
  }

  async grid(actor: Actor, q: { frameworkId?: string | undefined; orgUnitId: string; period: string }) {
    const access = this.access();
    access.assertView(actor, [q.orgUnitId]);
    const b = await loadBundle(this.frameworks, q.frameworkId);
    const p = inFrameworkYear(b, q.period);
    const indicators = this.reportable(b, q.orgUnitId, q.period).filter((i) =>
      access.canSeeIndicator(actor, indicatorRef(b, i)),
    );
    const prev = previousPeriod(q.period);
    const [current, previous] = await Promise.all([
      this.repo.findByKeys(
        this.repo.k,
        q.orgUnitId,
        q.period,
        indicators.map((i) => i.code),
      ),
      this.repo.findByKeys(
        this.repo.k,
        q.orgUnitId,
        prev,
        indicators.map((i) => i.code),
      ),
    ]);
    const locked = await this.locks.isLocked(this.repo.k, q.period);
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
        previousValue: prevByCode.get(i.code)?.value ?? null,
        target: target ? gridTarget(target) : null,
        value: v ? gridValue(v) : null,
      };
    });
    return {
      frameworkId: b.framework.id,
      orgUnitId: q.orgUnitId,
      period: q.period,
      previousPeriod: prev,
      locked,
      rows,
    };
  }

  private readOnlyReason(
    actor: Actor,
    b: FrameworkBundle,
    i: IndicatorRow,
    unitId: string,
    v: ValueRow | null,
    locked: boolean,
  ): ReadOnlyReason | null {
    if (i.formula) return 'computed';
    if (i.fed_by)
      return i.fed_by.startsWith('households.')
        ? 'fedByHouseholds'
        : i.fed_by.startsWith('projects.')
          ? 'fedByProjects'
          : 'fedByLists';
    if (locked) return 'locked';
    if (!this.access().canEnter(actor, unitId, indicatorRef(b, i))) return 'notYours';
    if (v && v.origin !== 'reported') return 'published';
    if (v && !isEditable(v)) return 'status';
    return null;
  }

  /**
   * Saves a batch of entries as drafts, all or nothing. Every bad entry is reported with its field; a stale version
   * (someone saved after the user loaded the grid) refuses the whole batch with CONFLICT.
   */
  async save(actor: Actor, req: SaveGridRequest) {
    this.access().assertView(actor, [req.orgUnitId]);
    const b = await loadBundle(this.frameworks, req.frameworkId);
    inFrameworkYear(b, req.period);
    const reportable = new Map(this.reportable(b, req.orgUnitId, req.period).map((i) => [i.code, i]));
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    req.entries.forEach((e, n) => {
      const i = reportable.get(e.indicatorCode);
      const field = `entries.${n}`;
      if (seen.has(e.indicatorCode))
        issues.push({ field: `${field}.indicatorCode`, ...bilingual(`重复的指标 ${e.indicatorCode}`, `duplicate`) });
      seen.add(e.indicatorCode);
      if (!i) {
        issues.push({
          field: `${field}.indicatorCode`,
          ...bilingual(`本单位本期不填报指标 ${e.indicatorCode}`, `not reported by this unit in this period`),
        });
        return;
      }
      if (i.formula)
        issues.push({
          field: `${field}.value`,
          ...bilingual(`${i.name}为计算指标，不能填报`, `computed, cannot be entered`),
        });
      if (i.fed_by)
        issues.push({
          field: `${field}.value`,
          ...bilingual(`${i.name}${fedByText(i.fed_by).zh}`, fedByText(i.fed_by).en),
        });
      if (e.value !== null && i.min_value !== null && e.value < i.min_value)
        issues.push({
          field: `${field}.value`,
          ...bilingual(`${i.name}不能小于 ${i.min_value}`, `below the minimum ${i.min_value}`),
        });
      if (e.value !== null && i.max_value !== null && e.value > i.max_value)
        issues.push({
          field: `${field}.value`,
          ...bilingual(`${i.name}不能大于 ${i.max_value}`, `above the maximum ${i.max_value}`),
        });
    });
    if (issues.length > 0) throw validation(issues);
    for (const e of req.entries) {
      const i = reportable.get(e.indicatorCode) as IndicatorRow;
      if (!this.access().canEnter(actor, req.orgUnitId, indicatorRef(b, i))) throw new AppError('OUT_OF_SCOPE');
    }

    const result = await this.repo.transaction((trx) => this.saveInTransaction(trx, actor, req));
    this.events.emit('values.entered', {});
    const warnings = req.entries.flatMap((e) => {
      const i = reportable.get(e.indicatorCode) as IndicatorRow;
      const w =
        e.value === null ? null : plausibilityWarning(i, e.value, result.prev.get(e.indicatorCode)?.value ?? null);
      return w ? [w] : [];
    });
    const saved = await this.repo.findByIds(this.repo.k, result.savedIds);
    return { saved: saved.length, warnings, values: saved.map(toValue) };
  }

  /**
   * Opens an import in the caller's transaction: the stored values of these units and periods (and of each period's
   * previous one with `previous`, for the plausibility warnings) and their locks, read once. Saves given the batch
   * read from it and leave their history in it; {@link closeImport} writes that history at once.
   */
  async openImport(
    trx: ValueTx,
    unitIds: readonly string[],
    periods: readonly string[],
    opts: { previous?: boolean } = {},
  ): Promise<ImportBatch> {
    const read = opts.previous ? [...new Set([...periods, ...periods.map(previousPeriod)])] : periods;
    const [stored, locked] = await Promise.all([
      this.repo.valuesOf(trx, unitIds, read),
      this.locks.lockedAmong(trx, periods),
    ]);
    return new ImportBatch(stored, locked);
  }

  /**
   * Writes the history an import's saves collected, in one bulk insert: with `summary`, one audit record for the
   * whole import (its counts by action added) instead of one per value; the history keeps one row per change.
   */
  async closeImport(trx: ValueTx, batch: ImportBatch, opts: { summary?: HistorySummary } = {}): Promise<void> {
    await this.flushInserts(trx, batch);
    await this.repo.addHistory(trx, batch.history, opts);
    batch.history.length = 0;
  }

  /** The new values an import's saves collected, written in one bulk insert (the unique key still guards each). */
  private async flushInserts(trx: ValueTx, batch: ImportBatch): Promise<void> {
    await this.repo.insertMany(trx, batch.inserts);
    batch.inserts.length = 0;
  }

  /**
   * The transactional body of `save`: writes the entries of one unit and period inside the caller's transaction and
   * commits nothing itself, so a caller writing many units and periods at once (the Excel import) keeps them all or
   * nothing. The entries must already have passed `save`'s checks (reportable, range, entry scope). Throws
   * LOCKED_PERIOD, CONFLICT (a stale version) or INVALID_STATE with `entries.<n>.<field>` details.
   *
   * Within an import (`batch`, from {@link openImport}) the stored values and locks are the batch's, read once for the
   * whole file in this same transaction, and the history goes into the batch for {@link closeImport}; the version
   * guard of each update still reads the row as it is now.
   */
  async saveInTransaction(
    trx: ValueTx,
    actor: Actor,
    req: SaveGridRequest,
    opts: { source?: string; batch?: ImportBatch } = {},
  ): Promise<{ savedIds: string[]; prev: Map<string, ValueRow> }> {
    const source = opts.source ? { source: opts.source } : {};
    const p = parsePeriod(req.period);
    const now = this.clock.now().toISOString();
    const prevPeriod = previousPeriod(req.period);
    const codes = req.entries.map((e) => e.indicatorCode);
    const batch = opts.batch;
    let existing: Map<string, ValueRow>;
    let prev: Map<string, ValueRow>;
    if (batch) {
      if (batch.locked(req.period)) throw new AppError('LOCKED_PERIOD');
      const of = (period: string) => {
        const m = new Map<string, ValueRow>();
        for (const c of codes) {
          const v = batch.value(c, req.orgUnitId, period);
          if (v) m.set(c, v);
        }
        return m;
      };
      existing = of(req.period);
      prev = of(prevPeriod);
    } else {
      if (await this.locks.isLocked(trx, req.period)) throw new AppError('LOCKED_PERIOD');
      existing = new Map(
        (await this.repo.findByKeys(trx, req.orgUnitId, req.period, codes)).map((v) => [v.indicator_code, v]),
      );
      prev = new Map(
        (await this.repo.findByKeys(trx, req.orgUnitId, prevPeriod, codes)).map((v) => [v.indicator_code, v]),
      );
    }
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
            ...bilingual(`${e.indicatorCode} 已被删除或不存在`, `no longer exists`),
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
          status: nextValueStatus('enter'),
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
          new_status: nextValueStatus('enter'),
          reason: e.note,
          user_id: actor.userId,
          at: now,
          ...source,
        });
        savedIds.push(id);
        continue;
      }
      if (e.version === null || e.version !== cur.version) {
        stale.push({
          field: `entries.${n}.version`,
          ...bilingual(`${e.indicatorCode} 已被他人修改（${cur.updated_at}）`, `changed by someone else`),
        });
        continue;
      }
      if (!mayAct(cur, 'update')) {
        stateIssues.push({
          field: `entries.${n}.value`,
          ...bilingual(`${e.indicatorCode} 当前状态（${cur.status}）不能修改`, `cannot change in status ${cur.status}`),
        });
        continue;
      }
      if (cur.value === e.value && cur.note === e.note) continue;
      // A revision of a value already returned by a reviewer must say why it changed.
      if (revisionNeedsNote(cur, e.value, e.note)) {
        stateIssues.push({
          field: `entries.${n}.note`,
          ...bilingual(`修改已退回的数据须填写说明`, `a revision needs a note`),
        });
        continue;
      }
      // On PostgreSQL another transaction may have written the row since it was read here; the version guard sees it.
      if (
        !(await this.repo.update(trx, cur.id, cur.version, {
          value: e.value,
          note: e.note,
          status: nextValueStatus('update'),
          updated_by: actor.userId,
          updated_at: now,
        }))
      ) {
        stale.push({
          field: `entries.${n}.version`,
          ...bilingual(`${e.indicatorCode} 已被他人修改`, `changed by someone else`),
        });
        continue;
      }
      history.push({
        value_id: cur.id,
        action: 'update',
        old_value: cur.value,
        new_value: e.value,
        old_status: cur.status,
        new_status: nextValueStatus('update'),
        reason: e.note,
        user_id: actor.userId,
        at: now,
        ...source,
      });
      savedIds.push(cur.id);
    }
    if (stale.length > 0) throw new AppError('CONFLICT', undefined, stale);
    if (stateIssues.length > 0) throw new AppError('INVALID_STATE', undefined, stateIssues);
    // One bulk insert rather than one round trip per value: an import writes thousands at once (within an import,
    // one for the whole file when it closes).
    if (batch) {
      for (const v of inserts) batch.inserts.push(v);
      for (const h of history) batch.history.push(h);
    } else {
      await this.repo.insertMany(trx, inserts);
      await this.repo.addHistory(trx, history);
    }
    return { savedIds, prev };
  }

  /**
   * Submits these values inside the caller's transaction (an import that asks for it): each draft or returned value
   * with a figure, with its history (and the import's source). Values already submitted, or without a figure, stay.
   * Answers how many were submitted; a value written by someone else in between is a CONFLICT.
   */
  async submitInTransaction(
    trx: ValueTx,
    actor: Actor,
    valueIds: readonly string[],
    opts: { source?: string; batch?: ImportBatch } = {},
  ): Promise<number> {
    const now = this.clock.now().toISOString();
    if (opts.batch) await this.flushInserts(trx, opts.batch);
    const rows: ValueRow[] = [];
    for (let i = 0; i < valueIds.length; i += 500)
      rows.push(...(await this.repo.findByIds(trx, valueIds.slice(i, i + 500))));
    const due = rows.filter((v) => v.value !== null && mayAct(v, 'submit'));
    for (const v of due) {
      if (
        !(await this.repo.update(trx, v.id, v.version, {
          status: nextValueStatus('submit'),
          submitted_by: actor.userId,
          submitted_at: now,
          return_reason: null,
        }))
      )
        throw new AppError('CONFLICT');
    }
    const history = due.map((v): HistoryInput => ({
      value_id: v.id,
      action: 'submit',
      old_value: v.value,
      new_value: v.value,
      old_status: v.status,
      new_status: nextValueStatus('submit'),
      reason: null,
      user_id: actor.userId,
      at: now,
      ...(opts.source ? { source: opts.source } : {}),
    }));
    if (opts.batch) for (const h of history) opts.batch.history.push(h);
    else await this.repo.addHistory(trx, history);
    return due.length;
  }

  /** Submits every draft (or returned value) the actor may enter for this unit and period. */
  async submit(actor: Actor, req: { frameworkId?: string | undefined; orgUnitId: string; period: string }) {
    this.access().assertView(actor, [req.orgUnitId]);
    const b = await loadBundle(this.frameworks, req.frameworkId);
    inFrameworkYear(b, req.period);
    const enterable = this.reportable(b, req.orgUnitId, req.period).filter(
      (i) => !i.formula && !i.fed_by && this.access().canEnter(actor, req.orgUnitId, indicatorRef(b, i)),
    );
    if (enterable.length === 0) throw new AppError('OUT_OF_SCOPE');
    const now = this.clock.now().toISOString();
    const n = await this.repo.transaction(async (trx) => {
      if (await this.locks.isLocked(trx, req.period)) throw new AppError('LOCKED_PERIOD');
      const rows = (
        await this.repo.findByKeys(
          trx,
          req.orgUnitId,
          req.period,
          enterable.map((i) => i.code),
        )
      ).filter((v) => mayAct(v, 'submit'));
      const missing = rows.filter((v) => v.value === null);
      if (missing.length > 0) {
        throw validation(
          missing.map((v) => ({
            field: v.indicator_code,
            ...bilingual(`${v.indicator_code} 尚未填写数值`, `no value`),
          })),
        );
      }
      for (const v of rows) {
        if (
          !(await this.repo.update(trx, v.id, v.version, {
            status: nextValueStatus('submit'),
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
          new_status: nextValueStatus('submit'),
          reason: null,
          user_id: actor.userId,
          at: now,
        })),
      );
      return rows.length;
    });
    if (n === 0) throw new AppError('INVALID_STATE', { zh: '没有可提交的草稿', en: 'Nothing to submit' });
    this.events.emit('values.entered', {});
    return { submitted: n };
  }

  async history(actor: Actor, valueId: string) {
    const v = await this.repo.findById(this.repo.k, valueId);
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
        source: h.source ?? null,
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
}

/** Why a fed indicator cannot be entered, by its source (the four lists, the household registry, the ledger). */
function fedByText(fedBy: string): { zh: string; en: string } {
  return fedBy.startsWith('households.')
    ? {
        zh: '由低收入家庭动态监测模块自动计算，不能填报',
        en: 'computed from the household registry, cannot be entered',
      }
    : fedBy.startsWith('projects.')
      ? {
          zh: '由重大项目台账（项目月报）自动汇总，不能填报',
          en: 'summed from the major-project ledger (monthly returns), cannot be entered',
        }
      : { zh: '由四张清单自动计算，不能填报', en: 'computed from the four lists, cannot be entered' };
}
