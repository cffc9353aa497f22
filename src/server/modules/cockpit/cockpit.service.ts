import zlib from 'node:zlib';
import type { Colour } from '../../../domain/types.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Access, Actor } from '../../access/policy.ts';
import type { EventBus } from '../../events.ts';
import type { CockpitCard, CockpitResponse } from '../../../shared/api/cockpit.ts';
import { targetOf, type FrameworkRepository, type IndicatorRow } from '../frameworks/framework.repository.ts';
import type { EvaluationService } from '../evaluation/evaluation.service.ts';
import { rankingOf } from '../evaluation/ranking.ts';
import type { FigureView, ValueRepository } from '../values/value.repository.ts';
import type { EngineCell, EngineOutput } from '../../../domain/framework-evaluation.ts';
import { statusLabel } from '../../../domain/evaluation.ts';
import { projectionsOf } from '../evaluation/projections.ts';
import type { CacheMeter } from '../../metrics/metrics.ts';

const RED_LIST_LIMIT = 30;
const NO_DATA = statusLabel('noData', null);

/** A cached cockpit answer: its JSON, and its compressed forms once a client has asked for them. */
interface CachedBody {
  json: string;
  br?: Buffer;
  gzip?: Buffer;
}

export interface CockpitQuery {
  frameworkId?: string | undefined;
  asOf?: string | undefined;
  /** Include approved but unpublished figures (the coordination centre and reviewers only). */
  preview?: boolean | undefined;
}

/** A composite score's colour on the cockpit map: ≥100 on target, ≥85 close, below that behind. */
export function scoreColour(score: number | null): Colour {
  if (score === null) return 'grey';
  return score >= 100 ? 'green' : score >= 85 ? 'yellow' : 'red';
}

/**
 * The leaders' cockpit. Its answer is the same for everyone with the same view, so it is built once per
 * (framework, as-of month, view) and kept as serialised JSON until something it is built from changes: it listens to
 * the same change events as the evaluation (src/server/events.ts), and to each new evaluation run.
 */
export class CockpitService {
  private readonly evaluation: EvaluationService;
  private readonly frameworks: FrameworkRepository;
  private readonly values: ValueRepository;
  private readonly org: () => OrgIndex;
  private readonly access: () => Access;
  private readonly cache = new Map<string, CachedBody>();
  private readonly meter: CacheMeter;
  /** Moves with every change, so that an answer built from data that changed meanwhile is not kept. */
  private generation = 0;

  constructor(deps: {
    evaluation: EvaluationService;
    frameworks: FrameworkRepository;
    values: ValueRepository;
    org: () => OrgIndex;
    access: () => Access;
    events: EventBus;
    /** Counts the cache's hits and misses (the metrics). */
    cacheMeter?: CacheMeter;
  }) {
    this.meter = deps.cacheMeter ?? (() => {});
    this.evaluation = deps.evaluation;
    this.frameworks = deps.frameworks;
    this.values = deps.values;
    this.org = deps.org;
    this.access = deps.access;
    const changed = () => {
      this.generation++;
      this.cache.clear();
    };
    deps.events.on('values.changed', changed);
    deps.events.on('lists.changed', changed);
    deps.events.on('framework.changed', changed);
    deps.events.on('evaluation.settingsChanged', changed);
    deps.events.on('projects.changed', changed);
    // The household registry feeds D5-03, D5-04 and D5-05 (the evaluation marks itself stale on it too).
    deps.events.on('households.changed', changed);
    // A run (the one a cockpit build itself waits for included) replaces the results answers were built from.
    deps.events.on('evaluation.completed', () => this.cache.clear());
  }

  /** Serialised cockpit JSON for this actor's view. */
  async json(actor: Actor, q: CockpitQuery): Promise<string> {
    return (await this.cached(actor, q)).json;
  }

  /**
   * The same answer compressed (brotli or gzip), compressed once per cached answer and kept beside it: a leader's
   * cockpit is then sent without serialising or compressing anything.
   */
  async encoded(actor: Actor, q: CockpitQuery, encoding: 'br' | 'gzip'): Promise<Buffer> {
    const entry = await this.cached(actor, q);
    if (encoding === 'br') {
      entry.br ??= zlib.brotliCompressSync(entry.json, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        },
      });
      return entry.br;
    }
    entry.gzip ??= zlib.gzipSync(entry.json, { level: 9 });
    return entry.gzip;
  }

  private async cached(actor: Actor, q: CockpitQuery): Promise<CachedBody> {
    this.access().aggregateScope(actor);
    const figures = this.evaluation.viewOf(actor, q.preview);
    const viewKey = `${actor.role === 'teamMember' ? `team:${actor.workTeamId}` : 'all'}|${[...actor.viewScope].sort().join(',')}`;
    const key = `${q.frameworkId ?? 'current'}|${q.asOf ?? 'latest'}|${figures}|${viewKey}`;
    const hit = this.cache.get(key);
    this.meter('cockpit', hit !== undefined);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const entry: CachedBody = { json: JSON.stringify(await this.build(actor, q)) };
    if (generation === this.generation) this.cache.set(key, entry);
    return entry;
  }

  async build(actor: Actor, q: CockpitQuery): Promise<CockpitResponse> {
    // The cockpit centres on the highest unit of the reader's view scope (Access.aggregateScope): the city for
    // city-wide leaders, a district or a township for those scoped to one — never wider than what they may read.
    const scopeUnitId = this.access().aggregateScope(actor).centre;
    const view = this.evaluation.viewOf(actor, q.preview);
    const b = await this.evaluation.resolveFramework(q.frameworkId);
    const matrix = await this.evaluation.matrix(actor, {
      frameworkId: b.framework.id,
      asOf: q.asOf,
      preview: view === 'preview',
    });
    const { run, out } = await this.evaluation.pickRun(b.framework.id, q.asOf, view);
    const org = this.org();
    const root = org.root();
    const cityId = root?.id ?? 'city';
    const visibleCodes = new Set(matrix.indicators.map((i) => i.code));
    const cellsOf = new Map<string, EngineCell>();
    for (const c of out?.cells ?? []) cellsOf.set(`${c.indicatorCode}|${c.orgUnitId}`, c);
    // Only the cards' indicators (and what their formulas read) need to say whether their figures are generated.
    const cardCodes = new Set<string>();
    for (const i of b.indicators) {
      if (i.headline !== 1 && i.gap === null) continue;
      cardCodes.add(i.code);
      for (const m of (i.formula ?? '').matchAll(/\{\s*([A-Za-z0-9_-]+)\s*\}/g)) cardCodes.add(m[1] as string);
    }
    const generatedKeys = new Set(
      (await this.values.generatedKeys(b.framework.year, [...cardCodes], view)).map(
        (r) => `${r.indicator_code}|${r.org_unit_id}|${r.period}`,
      ),
    );
    const origins = await this.values.originCounts(b.framework.year, view);

    const card = (i: IndicatorRow, unitId: string): CockpitCard => {
      const c = cellsOf.get(`${i.code}|${unitId}`);
      const t = targetOf(b, i.code, unitId, b.framework.year);
      const base = b.baselines.find((x) => x.indicator_code === i.code && x.org_unit_id === unitId);
      const inputKeys = c?.computed
        ? c.inputs.map((x) => `${x.code}|${x.orgUnitId}|${x.period}`)
        : c?.period
          ? [`${i.code}|${unitId}|${c.period}`]
          : [];
      return {
        code: i.code,
        name: i.name,
        nameEn: i.name_en,
        unit: i.unit,
        orgUnitId: unitId,
        period: c?.period ?? null,
        actual: c?.actual ?? null,
        target: t ? { comparison: t.comparison, floor: t.floor, stretch: t.stretch, upper: t.upper } : null,
        status: c?.status ?? 'noData',
        colour: c?.colour ?? 'grey',
        label: c?.label ?? NO_DATA,
        score: c?.score ?? null,
        deviationPoints: c?.deviationPoints ?? null,
        projection: null,
        definition: i.definition,
        leadDepartment: i.lead_department_id ? (org.get(i.lead_department_id)?.name ?? null) : null,
        gap: i.gap,
        baseline: base ? { year: base.year, value: base.value } : null,
        generated: inputKeys.some((k) => generatedKeys.has(k)),
        unpublished: c?.unpublished ?? false,
      };
    };

    const visible = b.indicators.filter(
      (i) => visibleCodes.has(i.code) && (scopeUnitId === cityId || i.scope === 'cityAndDistricts'),
    );
    const headlineCards = await Promise.all(
      visible.filter((i) => i.headline === 1).map((i) => this.withLatest(card(i, scopeUnitId), b.framework.year, view)),
    );
    const gapCards = await Promise.all(
      visible.filter((i) => i.gap !== null).map((i) => this.withLatest(card(i, scopeUnitId), b.framework.year, view)),
    );
    // Early warning on the cards: where the year ends at the current pace (cumulative and year-to-date figures).
    const projections = await projectionsOf(
      b,
      [...headlineCards, ...gapCards].map((c) => ({
        code: c.code,
        orgUnitId: c.orgUnitId,
        period: c.period,
        actual: c.actual,
      })),
      this.values,
      view,
    );
    const withProjection = (c: CockpitCard): CockpitCard => {
      const p = projections.get(`${c.code}|${c.orgUnitId}`);
      return p
        ? {
            ...c,
            projection: {
              projected: p.projected,
              shape: p.shape,
              share: p.share,
              floorMet: p.floorMet,
              stretchMet: p.stretchMet,
              text: p.text,
            },
          }
        : c;
    };
    const headline = headlineCards.map(withProjection);
    const gaps = gapCards.map(withProjection);
    const unitName = (id: string) => org.get(id)?.name ?? id;
    const redList = matrix.cells
      .filter((c) => c.colour === 'red')
      .sort((a, z) => (a.deviationPoints ?? 0) - (z.deviationPoints ?? 0))
      .slice(0, RED_LIST_LIMIT)
      .map((c) => {
        const i = b.indicators.find((x) => x.code === c.indicatorCode) as IndicatorRow;
        return {
          code: c.indicatorCode,
          name: i.name,
          orgUnitId: c.orgUnitId,
          orgUnitName: unitName(c.orgUnitId),
          actual: c.actual,
          unit: i.unit,
          status: c.status,
          colour: c.colour,
          label: c.label,
          deviationPoints: c.deviationPoints,
          leadDepartment: i.lead_department_id ? unitName(i.lead_department_id) : null,
          unpublished: c.unpublished,
        };
      });
    const colourCounts = { green: 0, yellow: 0, red: 0, grey: 0 };
    for (const c of matrix.cells) colourCounts[c.colour]++;
    const ranking = rankingOf(matrix, cityId);
    const headlineCodes = new Set(visible.filter((i) => i.headline === 1).map((i) => i.code));
    const trendRuns = (await this.evaluation.trend(b.framework.id, headlineCodes, scopeUnitId, view)).filter(
      (r) => out === null || r.asOf <= out.asOf,
    );
    const trends = visible
      .filter((i) => i.headline === 1)
      .map((i) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        points: trendRuns.map((r: EngineOutput) => {
          const c = r.cells.find((x) => x.indicatorCode === i.code && x.orgUnitId === scopeUnitId);
          const t = targetOf(b, i.code, scopeUnitId, b.framework.year);
          return { asOf: r.asOf, actual: c?.actual ?? null, floor: t?.floor ?? null };
        }),
      }));
    const districts = ranking.map((r) => ({
      orgUnitId: r.orgUnitId,
      name: r.name,
      code: org.get(r.orgUnitId)?.code ?? '',
      overall: r.overall,
      rank: r.rank,
      colour: scoreColour(r.overall),
    }));
    const demoDataShare = origins.total === 0 ? 0 : origins.generated / origins.total;
    return {
      frameworkId: b.framework.id,
      preview: view === 'preview',
      frameworkName: b.framework.name,
      year: b.framework.year,
      asOf: out?.asOf ?? null,
      availableAsOf: run.available,
      coverage: matrix.coverage,
      availableCoverage: matrix.availableCoverage,
      computedAt: run.computedAt,
      scopeUnitId,
      headline,
      gaps,
      redList,
      ranking,
      colourCounts,
      trends,
      districts,
      demoDataShare,
    };
  }

  /**
   * A gap measured once a year (the county GDP ratio) has no value in the middle of the year; the cockpit then shows
   * its latest reviewed figure, with that figure's own period, rather than an empty card.
   */
  private async withLatest(c: CockpitCard, year: number, view: FigureView): Promise<CockpitCard> {
    // Only when the indicator has no period yet as of the month (a yearly figure mid-year): a unit that has not
    // reported this month's figure has no data this month, not last month's figure.
    if (c.actual !== null || c.period !== null) return c;
    const v = await this.values.latestReviewed(c.code, c.orgUnitId, year, view);
    if (!v) return c;
    // Not judged: the year's target is for the year's figure, which is not due yet. The label says so in words
    // ("未设目标" here would contradict the target printed beside it).
    const shown = v.period.slice(0, 4);
    return {
      ...c,
      actual: v.value,
      period: v.period,
      status: 'noData',
      colour: 'grey',
      label: { zh: `${shown}年数据，本年待报`, en: `${shown} figure; ${year} not yet reported` },
      score: null,
      deviationPoints: null,
      generated: v.origin === 'generated',
      unpublished: v.status !== 'published',
    };
  }
}
