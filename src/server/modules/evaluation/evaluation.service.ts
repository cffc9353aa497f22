import { DEFAULT_THRESHOLDS, type EvaluationThresholds } from '../../../domain/evaluation.ts';
import {
  evaluateFramework,
  periodAsOf,
  periodsNeeded,
  indexPut,
  type EngineInput,
  type EngineOutput,
} from '../../../domain/framework-evaluation.ts';
import { formatPeriod, parsePeriod } from '../../../domain/periods.ts';
import { renderFormula, type UnitSet } from '../../../domain/formula/index.ts';
import { projectionsOf } from './projections.ts';
import { weightedRankingOf } from './ranking.ts';
import { END_OF_PLAN_YEAR } from '../../../domain/end-of-plan.ts';
import { endOfPlanRows, statedTargets, type EndOfPlanFigure } from './end-of-plan.ts';
import type { EndOfPlanResponse } from '../../../shared/api/evaluation.ts';
import type { WeightingMethod } from '../../../domain/weighting.ts';
import type { WeightingResponse } from '../../../shared/api/evaluation.ts';

/** The as-of months of a year with reviewed data: each month up to the newest period that has any. */
export function asOfMonths(year: number, periods: readonly string[]): string[] {
  let last = 0;
  for (const code of periods) {
    const p = parsePeriod(code);
    if (p.year !== year) continue;
    last = Math.max(last, p.frequency === 'monthly' ? p.index : p.frequency === 'quarterly' ? p.index * 3 : 12);
  }
  return Array.from({ length: last }, (_, i) => formatPeriod({ year, frequency: 'monthly', index: i + 1 }));
}
import type { Target } from '../../../domain/types.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { SettingsRepository } from '../../db/settings.repository.ts';
import { bilingual, notFound, validation } from '../../errors.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import { targetOf, type FrameworkBundle, type FrameworkRepository } from '../frameworks/framework.repository.ts';
import { indicatorRef } from '../values/value.service.ts';
import type { FigureView, ValueRepository } from '../values/value.repository.ts';
import type { EvaluationRepository } from './evaluation.repository.ts';
import type { CacheMeter } from '../../metrics/metrics.ts';

/** Who may switch on the preview of approved but unpublished figures: the coordination centre and reviewers. */
export const PREVIEW_ROLES = ['coordinator', 'reviewer'] as const;

export interface EvaluationRun {
  frameworkId: string;
  /** Published figures only (what leaders see), or the preview that adds approved ones. */
  view: FigureView;
  /** As-of months that have reviewed data, oldest first. */
  available: string[];
  /** Per available month, how many of the evaluated units (the city and the county-level units) have reported it. */
  coverage: MonthCoverage[];
  latest: EngineOutput | null;
  computedAt: string;
  timings: { loadMs: number; computeMs: number; storeMs: number };
  /** Other as-of months, evaluated when first asked for and kept until the data changes. */
  others: Map<string, EngineOutput>;
}

/** How many units have reported a month: "11月：1/7 单位已报送". */
export interface MonthCoverage {
  asOf: string;
  reported: number;
  expected: number;
  /** The units that have not reported the month, in administrative order. */
  missingUnitIds: string[];
}

const runKey = (frameworkId: string, view: FigureView) => `${frameworkId}|${view}`;

type ValueInputRow = {
  indicator_code: string;
  org_unit_id: string;
  period: string;
  value: number | null;
  status?: string;
};

const THRESHOLDS_KEY = 'evaluation.thresholds';
const UNIT_GROUPS_KEY = 'org.unitGroups';

/**
 * Figures of a fed indicator for these units, for the year evaluated: as they stand now, or — for a feed registered
 * as monthly — as they stood at the end of `asOf` (an empty map where the source holds nothing for that month).
 */
export type Feed = (unitIds: readonly string[], year: number, asOf?: string) => Promise<ReadonlyMap<string, number>>;

/**
 * Runs the framework evaluation and keeps the latest run in memory. A change event (src/server/events.ts: reviewed
 * values, the lists that feed an indicator, the framework, the thresholds) marks the results stale; the next read
 * re-runs it (once, however many readers wait), so readers never see results older than the data and writers never
 * wait for an evaluation. Each run announces `evaluation.completed`.
 *
 * A run evaluates the latest as-of month in full (every indicator × unit, composites and ranking) and stores it;
 * earlier months are evaluated on demand, reading only the periods they need.
 */
/** What the evaluation tells the metrics: each held run looked up, and each full run's time. */
export interface EvaluationMeter {
  cache: CacheMeter;
  run(view: FigureView, seconds: number): void;
}

export class EvaluationService {
  private readonly settings: SettingsRepository;
  private readonly frameworks: FrameworkRepository;
  private readonly values: ValueRepository;
  private readonly results: EvaluationRepository;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;
  private readonly clock: Clock;
  private readonly latest = new Map<string, EvaluationRun>();
  private readonly stale = new Set<string>();
  private readonly inFlight = new Map<string, Promise<EvaluationRun>>();
  private readonly events: EventBus;
  private readonly feeds = new Map<string, Feed>();
  /** Feeds that know each month's figures (the project ledger's returns): earlier months take them too. */
  private readonly monthlyFeeds = new Set<string>();
  private generation = 0;
  private readonly auditor: Auditor | null;
  private readonly meter: EvaluationMeter;

  constructor(deps: {
    settings: SettingsRepository;
    frameworks: FrameworkRepository;
    values: ValueRepository;
    results: EvaluationRepository;
    org: () => OrgIndex;
    access: () => Access;
    clock: Clock;
    events: EventBus;
    auditor?: Auditor;
    /** The run times and the held runs' hits and misses (the metrics). */
    meter?: EvaluationMeter;
  }) {
    this.auditor = deps.auditor ?? null;
    this.meter = deps.meter ?? { cache: () => {}, run: () => {} };
    this.events = deps.events;
    this.settings = deps.settings;
    this.frameworks = deps.frameworks;
    this.values = deps.values;
    this.results = deps.results;
    this.org = deps.org;
    this.access = deps.access;
    this.clock = deps.clock;
    this.events.on('values.changed', ({ frameworkId }) => this.markStale(frameworkId));
    this.events.on('framework.changed', ({ frameworkId }) => this.markStale(frameworkId));
    // The lists feed indicators of whichever framework is evaluated: every run held is stale.
    this.events.on('lists.changed', () => this.markAllStale());
    // The household registry feeds D5-03, D5-04 and D5-05 the same way.
    this.events.on('households.changed', () => this.markAllStale());
    // The project ledger feeds the project indicators (src/server/modules/projects).
    this.events.on('projects.changed', () => this.markAllStale());
    this.events.on('evaluation.settingsChanged', () => this.markAllStale());
  }

  /**
   * Registers the source of a fed indicator (`fed_by`): another module's figures, read at each run for the latest
   * as-of month — the four lists feed their reform-items-on-schedule rate this way.
   */
  registerFeed(name: string, feed: Feed, options: { monthly?: boolean } = {}): void {
    this.feeds.set(name, feed);
    if (options.monthly) this.monthlyFeeds.add(name);
  }

  private markStale(frameworkId: string): void {
    this.generation++;
    this.stale.add(runKey(frameworkId, 'published'));
    this.stale.add(runKey(frameworkId, 'preview'));
  }

  /** Every run held or under way is stale (a run under way sees the generation move and marks itself). */
  private markAllStale(): void {
    this.generation++;
    for (const key of this.latest.keys()) this.stale.add(key);
  }

  /**
   * The view an actor asked for: published figures unless a preview is asked for, which only the coordination
   * centre and reviewers may see (anyone else is refused, not silently shown the published view).
   */
  viewOf(actor: Actor, preview: boolean | undefined): FigureView {
    if (!preview) return 'published';
    this.access().assertRole(actor, PREVIEW_ROLES);
    return 'preview';
  }

  async thresholds(): Promise<EvaluationThresholds> {
    const stored = await this.settings.get(THRESHOLDS_KEY);
    return stored !== null
      ? { ...DEFAULT_THRESHOLDS, ...(JSON.parse(stored) as Partial<EvaluationThresholds>) }
      : { ...DEFAULT_THRESHOLDS };
  }

  async setThresholds(t: EvaluationThresholds): Promise<void> {
    if (t.yellowPoints > t.redPoints) {
      throw validation([
        { field: 'yellowPoints', ...bilingual('黄色阈值不能大于红色阈值', 'yellow must not exceed red') },
      ]);
    }
    const before = await this.thresholds();
    await this.settings.transaction(async (trx) => {
      await this.settings.put(THRESHOLDS_KEY, JSON.stringify(t), trx);
      await this.auditor?.change(
        {
          action: 'evaluation.thresholds.update',
          objectType: 'setting',
          objectId: THRESHOLDS_KEY,
          before: { ...before },
          after: { ...t },
        },
        trx,
      );
    });
    this.events.emit('evaluation.settingsChanged', {});
  }

  async resolveFramework(id: string | undefined): Promise<FrameworkBundle> {
    const fid = id ?? (await this.frameworks.current())?.id;
    const b = fid ? await this.frameworks.bundle(fid) : undefined;
    if (!b) throw notFound({ zh: '指标体系', en: 'Framework' });
    return b;
  }

  /** The latest run of a view, re-evaluating first when values changed since. */
  async current(frameworkId: string, view: FigureView = 'published'): Promise<EvaluationRun> {
    const key = runKey(frameworkId, view);
    const have = this.latest.get(key);
    this.meter.cache('evaluation', have !== undefined && !this.stale.has(key));
    if (have && !this.stale.has(key)) return have;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const p = this.run(frameworkId, view).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  /**
   * The values an evaluation as of `asOf` reads: the as-of periods and the same periods last year (and every month
   * to date for YTD formulas). Nothing older: a cell shows the as-of period or no data (like with like).
   */
  private async loadValues(base: Omit<EngineInput, 'asOf'>, asOf: string, view: FigureView) {
    const rows: ValueInputRow[] = await this.values.evaluatedForPeriods(
      periodsNeeded(base.indicators, asOf),
      undefined,
      view,
    );
    return rows;
  }

  /** Evaluates one as-of month, reading only the periods it needs. */
  private async evaluateAsOf(
    b: FrameworkBundle,
    asOf: string,
    thresholds: EvaluationThresholds,
    view: FigureView,
    extra: Partial<EngineInput> = {},
  ) {
    const base = this.engineInput(b, [], thresholds);
    const groups = await this.unitGroups();
    const rows = await this.loadValues(base, asOf, view);
    await this.applyFeeds(b, base, asOf, rows, (name) => this.monthlyFeeds.has(name));
    const input = this.engineInput(b, rows, thresholds, groups);
    return evaluateFramework({ ...input, asOf, ...extra });
  }

  /** Fed indicators take their source's figures for the month `asOf`, over anything stored for it. */
  private async applyFeeds(
    b: FrameworkBundle,
    base: { cityId: string; rankedUnitIds: readonly string[] },
    asOf: string,
    rows: { indicator_code: string; org_unit_id: string; period: string; value: number | null }[],
    which: (name: string) => boolean,
  ): Promise<void> {
    for (const i of b.indicators) {
      const feed = i.fed_by && which(i.fed_by) ? this.feeds.get(i.fed_by) : undefined;
      const period = periodAsOf(i.frequency as 'monthly' | 'quarterly' | 'yearly', asOf);
      if (!feed || period === null) continue;
      const monthly = this.monthlyFeeds.has(i.fed_by as string);
      const fed = await feed([base.cityId, ...base.rankedUnitIds], b.framework.year, monthly ? asOf : undefined);
      for (const [unitId, value] of fed) rows.push({ indicator_code: i.code, org_unit_id: unitId, period, value });
    }
  }

  /**
   * Full re-evaluation of the latest as-of month of a view: load, compute, and — for the published view, the one
   * leaders see — store.
   */
  async run(frameworkId: string, view: FigureView = 'published'): Promise<EvaluationRun> {
    const generation = this.generation;
    const key = runKey(frameworkId, view);
    this.stale.delete(key);
    const t0 = performance.now();
    const b = await this.resolveFramework(frameworkId);
    const year = b.framework.year;
    const available = asOfMonths(year, await this.values.evaluatedPeriodsOfYear(year, view));
    const coverage = this.coverageOf(available, await this.values.reportingUnitsOfYear(year, view));
    const thresholds = await this.thresholds();
    const groups = await this.unitGroups();
    // The latest month every unit has reported, so that the first view compares a full set; later months stay
    // available, each saying how many units have reported it.
    const asOf = [...coverage].reverse().find((c) => c.reported === c.expected)?.asOf ?? available.at(-1);
    let latest: EngineOutput | null = null;
    let t1 = performance.now();
    let t2 = t1;
    if (asOf) {
      const base = this.engineInput(b, [], thresholds);
      const rows = await this.loadValues(base, asOf, view);
      // Fed indicators take their source's current figures for the latest month, over anything stored for it.
      await this.applyFeeds(b, base, asOf, rows, () => true);
      const input = this.engineInput(b, rows, thresholds, groups);
      t1 = performance.now();
      latest = evaluateFramework({ ...input, asOf });
      t2 = performance.now();
    }
    const computedAt = this.clock.now().toISOString();
    const before = view === 'published' ? await this.results.redCells(frameworkId) : null;
    if (view === 'published') await this.results.replace(frameworkId, latest, computedAt);
    const t3 = performance.now();
    this.meter.run(view, (t3 - t0) / 1000);
    const run: EvaluationRun = {
      frameworkId,
      view,
      available,
      coverage,
      latest,
      computedAt,
      timings: { loadMs: t1 - t0, computeMs: t2 - t1, storeMs: t3 - t2 },
      others: new Map(),
    };
    this.latest.set(key, run);
    // A change that arrived while this run was loading makes it stale again.
    if (generation !== this.generation) this.stale.add(key);
    this.events.emit('evaluation.completed', { frameworkId });
    // Cells red now that were not red in the stored run before (the first run of a framework announces nothing).
    if (before?.stored && latest) {
      const cells = latest.cells
        .filter((c) => c.colour === 'red' && !before.red.has(`${c.indicatorCode}|${c.orgUnitId}`))
        .map((c) => ({ indicatorCode: c.indicatorCode, orgUnitId: c.orgUnitId }));
      if (cells.length > 0) this.events.emit('evaluation.turnedRed', { frameworkId, asOf: latest.asOf, cells });
    }
    return run;
  }

  /** Headline trends: the given indicators at one unit, as of every available month. */
  async trend(frameworkId: string, codes: ReadonlySet<string>, unitId: string, view: FigureView = 'published') {
    const run = await this.current(frameworkId, view);
    const b = await this.resolveFramework(frameworkId);
    const thresholds = await this.thresholds();
    const out: EngineOutput[] = [];
    for (const asOf of run.available) {
      if (asOf === run.latest?.asOf) out.push(run.latest);
      else out.push(await this.evaluateAsOf(b, asOf, thresholds, view, { onlyIndicators: codes, onlyUnit: unitId }));
    }
    return out;
  }

  /** Per month, which of the evaluated units have reported it (any value of the month in the view). */
  private coverageOf(months: readonly string[], reported: readonly { period: string; org_unit_id: string }[]) {
    const org = this.org();
    const units = [org.root()?.id ?? 'city', ...org.countyLevel().map((u) => u.id)];
    const by = new Map<string, Set<string>>();
    for (const r of reported) {
      const set = by.get(r.period) ?? new Set<string>();
      set.add(r.org_unit_id);
      by.set(r.period, set);
    }
    return months.map((asOf): MonthCoverage => {
      const have = by.get(asOf) ?? new Set<string>();
      const missingUnitIds = units.filter((u) => !have.has(u));
      return { asOf, reported: units.length - missingUnitIds.length, expected: units.length, missingUnitIds };
    });
  }

  /**
   * The members of a named set of org units relative to a unit, for the formula language's set aggregates:
   * COUNTIES (五个县（区）: its districts and counties, not the functional zone), DISTRICTS, ZONES, CHILDREN,
   * UNITS(…) (those that exist), GROUP(name) (the org-unit groups the coordination centre defines).
   */
  private membersOf(groups: Readonly<Record<string, readonly string[]>>) {
    const org = this.org();
    return (set: UnitSet, unitId: string): readonly string[] => {
      const children = org.regionChildren(unitId);
      switch (set.kind) {
        case 'units':
          return set.ids.filter((id) => org.get(id) !== undefined);
        case 'group':
          return (groups[set.name] ?? []).filter((id) => org.get(id) !== undefined);
        case 'named':
          switch (set.name) {
            case 'COUNTIES':
              return children.filter((u) => u.kind === 'district' || u.kind === 'county').map((u) => u.id);
            case 'DISTRICTS':
              return children.filter((u) => u.kind === 'district').map((u) => u.id);
            case 'ZONES':
              return children.filter((u) => u.kind === 'zone').map((u) => u.id);
            case 'CHILDREN':
              return children.map((u) => u.id);
          }
      }
    };
  }

  /** The org-unit groups that formulas may name with GROUP(name): a setting, `{ "name": ["unit id", …] }`. */
  async unitGroups(): Promise<Record<string, string[]>> {
    const stored = await this.settings.get(UNIT_GROUPS_KEY);
    return stored ? (JSON.parse(stored) as Record<string, string[]>) : {};
  }

  engineInput(
    b: FrameworkBundle,
    rows: readonly ValueInputRow[],
    thresholds: EvaluationThresholds,
    groups: Readonly<Record<string, readonly string[]>> = {},
  ): Omit<EngineInput, 'asOf'> {
    const org = this.org();
    const values = new Map<string, Map<string, number>>();
    const unpublished = new Set<string>();
    for (const r of rows) {
      if (r.value === null) continue;
      indexPut(values, `${r.indicator_code}|${r.period}`, r.org_unit_id, r.value);
      if (r.status !== undefined && r.status !== 'published')
        unpublished.add(`${r.indicator_code}|${r.org_unit_id}|${r.period}`);
    }
    const targets = new Map<string, Map<string, Target>>();
    for (const t of b.targets) {
      if (t.kind !== 'annual') continue;
      indexPut(targets, `${t.indicator_code}|${t.year}`, t.org_unit_id, {
        comparison: t.comparison as Target['comparison'],
        floor: t.floor,
        stretch: t.stretch,
        upper: t.upper,
        zeroPoint: t.zero_point,
      });
    }
    const baselines = new Map<string, Map<string, number>>();
    for (const x of b.baselines) indexPut(baselines, x.indicator_code, x.org_unit_id, x.value);
    const root = org.root();
    return {
      indicators: b.indicators.map((i) => ({
        code: i.code,
        dimensionCode: i.dimension_code,
        direction: i.direction as 'higher' | 'lower',
        valueKind: i.value_kind as 'cumulative' | 'rate' | 'level',
        frequency: i.frequency as 'monthly' | 'quarterly' | 'yearly',
        weight: i.weight,
        formula: i.formula,
        scope: i.scope as 'city' | 'cityAndDistricts',
        reportingUnitIds: i.reporting_unit_ids ? (JSON.parse(i.reporting_unit_ids) as string[]) : null,
        cityFormula: i.city_formula,
        seasonalProfile: i.seasonal_profile ? (JSON.parse(i.seasonal_profile) as number[]) : null,
        unit: i.unit,
      })),
      dimensionWeights: Object.fromEntries(
        b.dimensions.filter((d) => d.parent_code === null).map((d) => [d.code, d.weight]),
      ),
      cityId: root?.id ?? 'city',
      rankedUnitIds: org.countyLevel().map((u) => u.id),
      children: (id) => org.regionChildren(id).map((u) => u.id),
      members: this.membersOf(groups),
      values,
      targets,
      baselines,
      thresholds,
      unpublished,
    };
  }

  /** The run of an as-of month (the latest when none is asked for). */
  async pickRun(
    frameworkId: string,
    asOf: string | undefined,
    view: FigureView = 'published',
  ): Promise<{ run: EvaluationRun; out: EngineOutput | null }> {
    const run = await this.current(frameworkId, view);
    if (asOf === undefined || asOf === run.latest?.asOf) return { run, out: run.latest };
    if (!run.available.includes(asOf)) {
      throw validation([{ field: 'asOf', ...bilingual(`没有 ${asOf} 的评价结果`, `no evaluation as of ${asOf}`) }]);
    }
    let out = run.others.get(asOf);
    if (!out) {
      const b = await this.resolveFramework(frameworkId);
      out = await this.evaluateAsOf(b, asOf, await this.thresholds(), view);
      run.others.set(asOf, out);
    }
    return { run, out };
  }

  /** The evaluation matrix as the actor may see it: units inside the view scope, indicators of the actor's remit. */
  async matrix(
    actor: Actor,
    q: {
      frameworkId?: string | undefined;
      asOf?: string | undefined;
      dimensionCode?: string | undefined;
      preview?: boolean | undefined;
    },
  ) {
    const access = this.access();
    access.aggregateScope(actor);
    const view = this.viewOf(actor, q.preview);
    const b = await this.resolveFramework(q.frameworkId);
    const { run, out } = await this.pickRun(b.framework.id, q.asOf, view);
    const org = this.org();
    const indicators = b.indicators.filter(
      (i) =>
        access.canSeeIndicator(actor, indicatorRef(b, i)) && (!q.dimensionCode || i.dimension_code === q.dimensionCode),
    );
    const codes = new Set(indicators.map((i) => i.code));
    // Columns in administrative order (the city, then its districts, counties and the zone), not in rank order.
    const evaluated = new Set(out?.composites.map((c) => c.orgUnitId) ?? []);
    const root = org.root();
    const unitIds = access.visibleUnits(
      actor,
      [...(root ? [root.id] : []), ...org.countyLevel().map((u) => u.id)].filter((id) => evaluated.has(id)),
    );
    const unitSet = new Set(unitIds);
    return {
      frameworkId: b.framework.id,
      preview: view === 'preview',
      asOf: out?.asOf ?? null,
      availableAsOf: run.available,
      coverage: run.coverage.find((c) => c.asOf === out?.asOf) ?? null,
      availableCoverage: run.coverage.map((c) => ({ asOf: c.asOf, reported: c.reported, expected: c.expected })),
      computedAt: run.computedAt,
      units: unitIds.map((id) => ({ id, name: org.get(id)?.name ?? id, nameEn: org.get(id)?.nameEn ?? id })),
      indicators: indicators.map((i) => ({
        code: i.code,
        name: i.name,
        nameEn: i.name_en,
        unit: i.unit,
        dimensionCode: i.dimension_code,
        computed: i.formula !== null,
        scope: i.scope,
      })),
      cells: (out?.cells ?? [])
        .filter((c) => codes.has(c.indicatorCode) && unitSet.has(c.orgUnitId))
        .map((c) => ({
          indicatorCode: c.indicatorCode,
          orgUnitId: c.orgUnitId,
          period: c.period,
          actual: c.actual,
          status: c.status,
          colour: c.colour,
          score: c.score,
          deviationPoints: c.deviationPoints,
          unpublished: c.unpublished,
          missingMembers: c.missingMembers,
          rollup: c.rollup,
          label: c.label,
        })),
      composites: (out?.composites ?? []).filter((c) => unitSet.has(c.orgUnitId)),
      dimensions: b.dimensions.map((d) => ({ code: d.code, name: d.name, nameEn: d.name_en, weight: d.weight })),
    };
  }

  /**
   * The ranking of the county-level units by a weighting: the city's own (the default) or an alternative view —
   * equal weights, entropy weights, TOPSIS — with the weights it derived. Never replaces the stored composite.
   */
  async weighted(
    actor: Actor,
    q: {
      frameworkId?: string | undefined;
      asOf?: string | undefined;
      preview?: boolean | undefined;
      weighting?: WeightingMethod | undefined;
    },
  ): Promise<WeightingResponse> {
    const m = await this.matrix(actor, { ...q, dimensionCode: undefined });
    const b = await this.resolveFramework(m.frameworkId);
    const directions = new Map(b.indicators.map((i) => [i.code, i.direction as 'higher' | 'lower']));
    return weightedRankingOf(m, this.org().root()?.id ?? '', q.weighting ?? 'city', directions);
  }

  /**
   * 终期评估: every target the seeds state for the plan's last year (2025) — the plan's end-of-plan targets and the
   * year's stated annual ones — against the latest figure of that year in the view: met, not met, or no data. The
   * figure is the evaluation's (computed indicators included) as of the year's last evaluated month, else the latest
   * stored figure of the year (a yearly one).
   */
  async endOfPlan(actor: Actor, q: { preview?: boolean | undefined }): Promise<EndOfPlanResponse> {
    const access = this.access();
    access.aggregateScope(actor);
    const view = this.viewOf(actor, q.preview);
    const year = END_OF_PLAN_YEAR;
    const fw = (await this.frameworks.list()).find((f) => f.year === year && f.status === 'published');
    if (!fw) throw notFound({ zh: `${year} 年指标体系`, en: `The ${year} framework` });
    const b = await this.resolveFramework(fw.id);
    const run = await this.current(fw.id, view);
    const last = run.available.at(-1);
    const { out } = await this.pickRun(fw.id, last, view);
    const org = this.org();
    const visible = new Set(access.visibleUnits(actor, [...new Set(b.targets.map((t) => t.org_unit_id))]));
    const targets = statedTargets(b, year).filter((t) => {
      const i = b.indicators.find((x) => x.code === t.indicator_code);
      return i !== undefined && visible.has(t.org_unit_id) && access.canSeeIndicator(actor, indicatorRef(b, i));
    });
    const cells = new Map((out?.cells ?? []).map((c) => [`${c.indicatorCode}|${c.orgUnitId}`, c]));
    const stored = new Map<string, EndOfPlanFigure>();
    for (const t of targets) {
      const c = cells.get(`${t.indicator_code}|${t.org_unit_id}`);
      if (c && c.actual !== null) continue;
      const v = await this.values.latestReviewed(t.indicator_code, t.org_unit_id, year, view);
      if (v && v.year === year && v.value !== null) {
        stored.set(`${t.indicator_code}|${t.org_unit_id}`, {
          actual: v.value,
          period: v.period,
          unpublished: v.status !== 'published',
          generated: v.origin === 'generated',
        });
      }
    }
    const codes = new Set<string>();
    for (const t of targets) {
      codes.add(t.indicator_code);
      const i = b.indicators.find((x) => x.code === t.indicator_code);
      for (const m of (i?.formula ?? '').matchAll(/\{\s*([A-Za-z0-9_-]+)\s*\}/g)) codes.add(m[1] as string);
    }
    const generatedKeys = new Set(
      (await this.values.generatedKeys(year, [...codes], view)).map(
        (r) => `${r.indicator_code}|${r.org_unit_id}|${r.period}`,
      ),
    );
    const rows = endOfPlanRows({ bundle: b, year, targets, out, stored, generatedKeys, org });
    const counts = { met: 0, notMet: 0, noData: 0 };
    for (const r of rows) counts[r.verdict]++;
    return {
      frameworkId: fw.id,
      year,
      asOf: out?.asOf ?? null,
      preview: view === 'preview',
      computedAt: run.computedAt,
      counts,
      rows,
    };
  }

  /** Why a cell has its colour: the rule, the inputs (and for computed indicators the formula's inputs), the target. */
  async explain(
    actor: Actor,
    q: {
      frameworkId?: string | undefined;
      indicatorCode: string;
      orgUnitId: string;
      asOf?: string | undefined;
      preview?: boolean | undefined;
    },
  ) {
    const view = this.viewOf(actor, q.preview);
    this.access().assertView(actor, [q.orgUnitId]);
    const b = await this.resolveFramework(q.frameworkId);
    const indicator = b.indicators.find((i) => i.code === q.indicatorCode);
    if (!indicator || !this.access().canSeeIndicator(actor, indicatorRef(b, indicator))) {
      throw notFound({ zh: `指标 ${q.indicatorCode}`, en: `Indicator ${q.indicatorCode}` });
    }
    const { out } = await this.pickRun(b.framework.id, q.asOf, view);
    if (!out) throw notFound({ zh: '评价结果', en: 'Evaluation result' });
    const year = b.framework.year;
    const single = await this.evaluateAsOf(b, out.asOf, await this.thresholds(), view, {
      withText: true,
      onlyIndicators: new Set([q.indicatorCode]),
      onlyUnit: q.orgUnitId,
    });
    const cell = single.cells[0];
    if (!cell) throw notFound({ zh: '评价结果', en: 'Evaluation result' });
    const target = targetOf(b, q.indicatorCode, q.orgUnitId, year);
    const org = this.org();
    const byCode = new Map(b.indicators.map((i) => [i.code, i]));
    const words = (formula: string | null) =>
      formula === null
        ? null
        : {
            zh: renderFormula(formula, { nameOf: (c) => byCode.get(c)?.name, lang: 'zh' }),
            en: renderFormula(formula, { nameOf: (c) => byCode.get(c)?.name_en, lang: 'en' }),
          };
    const projection =
      (
        await projectionsOf(
          b,
          [{ code: indicator.code, orgUnitId: q.orgUnitId, period: cell.period, actual: cell.actual }],
          this.values,
          view,
        )
      ).get(`${indicator.code}|${q.orgUnitId}`) ?? null;
    return {
      indicatorCode: indicator.code,
      indicatorName: indicator.name,
      unit: indicator.unit,
      orgUnitId: q.orgUnitId,
      orgUnitName: org.get(q.orgUnitId)?.name ?? q.orgUnitId,
      asOf: out.asOf,
      preview: view === 'preview',
      unpublished: cell.unpublished,
      missingMembers: cell.missingMembers.map((id) => ({ id, name: org.get(id)?.name ?? id })),
      rollup: cell.rollup,
      cityFormula: indicator.city_formula,
      period: cell.period,
      actual: cell.actual,
      status: cell.status,
      colour: cell.colour,
      score: cell.score,
      rule: cell.rule,
      label: cell.label,
      text: cell.result?.explanation.text ?? { zh: '本期尚无该频度的数据期', en: 'No period of this frequency yet' },
      formula: indicator.formula,
      formulaText: words(indicator.formula),
      cityFormulaText: words(indicator.city_formula),
      projection: projection && {
        projected: projection.projected,
        shape: projection.shape,
        share: projection.share,
        floorMet: projection.floorMet,
        stretchMet: projection.stretchMet,
        text: projection.text,
      },
      formulaInputs: cell.inputs.map((x) => ({
        ...x,
        name: byCode.get(x.code)?.name ?? x.code,
        nameEn: byCode.get(x.code)?.name_en ?? x.code,
        unit: byCode.get(x.code)?.unit ?? '',
        orgUnitName: org.get(x.orgUnitId)?.name ?? x.orgUnitId,
      })),
      target: target
        ? { comparison: target.comparison, floor: target.floor, stretch: target.stretch, upper: target.upper }
        : null,
      elapsedShare: cell.elapsedShare,
      deviationPoints: cell.deviationPoints,
      thresholds: cell.result?.explanation.inputs.thresholds ?? null,
      baseline: cell.result?.explanation.inputs.baseline ?? null,
    };
  }
}
