import crypto from 'node:crypto';
import { check, findCycles } from '../../../domain/formula/index.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import { bilingual, AppError, notFound, validation } from '../../errors.ts';
import type { EventBus } from '../../events.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { IndicatorInput } from '../../../shared/api/frameworks.ts';
import type { z } from 'zod';
import type { targetInputSchema } from '../../../shared/api/frameworks.ts';
import type { FrameworkBundle, FrameworkRepository, IndicatorRow } from './framework.repository.ts';

export interface FormulaProblem {
  message: string;
  messageEn: string;
  start: number;
  end: number;
}

/**
 * Checks a formula against the framework's indicators: syntax, unknown references, function arity and argument
 * types (by the domain's checker), that it does not refer to itself through a chain of formulas (a cycle), and
 * that the indicators it names exist.
 */
export function checkFormula(
  formula: string,
  indicatorCode: string | null,
  indicators: Pick<IndicatorRow, 'code' | 'formula'>[],
): { ok: boolean; references: string[]; errors: FormulaProblem[] } {
  const known = new Set(indicators.map((i) => i.code));
  if (indicatorCode) known.add(indicatorCode);
  const result = check(formula, known);
  if (!result.ok) {
    return {
      ok: false,
      references: [],
      errors: result.errors.map((e) => ({
        message: e.message.zh,
        messageEn: e.message.en,
        start: e.position.start,
        end: e.position.end,
      })),
    };
  }
  if (indicatorCode) {
    const graph = new Map<string, string[]>();
    for (const i of indicators) {
      if (i.code === indicatorCode || !i.formula) continue;
      const c = check(i.formula, known);
      if (c.ok) graph.set(i.code, c.references);
    }
    graph.set(indicatorCode, result.references);
    const cycles = findCycles(graph).filter((cycle) => cycle.includes(indicatorCode));
    if (cycles.length > 0) {
      const path = (cycles[0] ?? []).join(' → ');
      return {
        ok: false,
        references: result.references,
        errors: [
          {
            message: `公式存在循环引用：${path}`,
            messageEn: `The formula refers to itself: ${path}`,
            start: 0,
            end: formula.length,
          },
        ],
      };
    }
  }
  return { ok: true, references: result.references, errors: [] };
}

export class FrameworkService {
  private readonly repo: FrameworkRepository;
  private readonly db: Queryable;
  private readonly clock: Clock;
  private readonly org: () => OrgIndex;
  private readonly auditor: Auditor | null;
  private readonly events: EventBus;

  constructor(deps: {
    repo: FrameworkRepository;
    db: Queryable;
    clock: Clock;
    org: () => OrgIndex;
    auditor?: Auditor;
    /** Where it says that a framework's definition changed (the evaluation and the cockpit listen). */
    events: EventBus;
  }) {
    this.events = deps.events;
    this.repo = deps.repo;
    this.db = deps.db;
    this.clock = deps.clock;
    this.org = deps.org;
    this.auditor = deps.auditor ?? null;
  }

  list() {
    return this.repo.list();
  }

  async resolve(id: string | undefined): Promise<FrameworkBundle> {
    const fid = id ?? (await this.repo.current())?.id;
    const bundle = fid ? await this.repo.bundle(fid) : undefined;
    if (!bundle) throw notFound({ zh: '指标体系', en: 'Framework' });
    return bundle;
  }

  private async draft(id: string, rowVersion: number, work: (trx: Queryable, b: FrameworkBundle) => Promise<void>) {
    await this.db.transaction().execute(async (trx) => {
      const b = await this.repo.bundle(id, trx);
      if (!b) throw notFound({ zh: '指标体系', en: 'Framework' });
      if (b.framework.status !== 'draft') throw new AppError('PUBLISHED');
      if (!(await this.repo.bumpDraft(trx, id, rowVersion))) throw new AppError('CONFLICT');
      await work(trx, b);
    });
    this.events.emit('framework.changed', { frameworkId: id });
  }

  /** Freezes a draft: from now on its indicators, targets and baselines never change. */
  async publish(actor: Actor, id: string, rowVersion: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const f = await this.repo.find(id, trx);
      if (!f) throw notFound({ zh: '指标体系', en: 'Framework' });
      if (f.status !== 'draft') throw new AppError('PUBLISHED');
      if (!(await this.repo.publish(trx, id, rowVersion, actor.userId, this.clock.now().toISOString()))) {
        throw new AppError('CONFLICT');
      }
      await this.auditor?.record(
        {
          action: 'framework.publish',
          objectType: 'framework',
          objectId: id,
          detail: { year: f.year, version: f.version },
        },
        trx,
      );
    });
    this.events.emit('framework.changed', { frameworkId: id });
  }

  /** Copies a framework (usually a published one) into a new draft version of the same year. */
  async newVersion(actor: Actor, id: string): Promise<string> {
    const created = await this.db.transaction().execute(async (trx) => {
      const b = await this.repo.bundle(id, trx);
      if (!b) throw notFound({ zh: '指标体系', en: 'Framework' });
      const newId = crypto.randomUUID();
      const version = await this.repo.nextVersion(trx, b.framework.year);
      await this.repo.insertBundle(trx, {
        framework: {
          ...b.framework,
          id: newId,
          version,
          status: 'draft',
          based_on_id: id,
          created_at: this.clock.now().toISOString(),
          created_by: actor.userId,
          published_at: null,
          published_by: null,
          row_version: 1,
        },
        dimensions: b.dimensions.map((d) => ({ ...d, id: crypto.randomUUID(), framework_id: newId })),
        indicators: b.indicators.map((i) => ({ ...i, id: crypto.randomUUID(), framework_id: newId })),
        targets: b.targets.map((t) => ({ ...t, id: crypto.randomUUID(), framework_id: newId })),
        baselines: b.baselines.map((x) => ({ ...x, framework_id: newId })),
      });
      await this.auditor?.record(
        {
          action: 'framework.newVersion',
          objectType: 'framework',
          objectId: newId,
          detail: { basedOn: id, year: b.framework.year, version },
        },
        trx,
      );
      return newId;
    });
    this.events.emit('framework.changed', { frameworkId: created });
    return created;
  }

  async saveIndicator(id: string, rowVersion: number, input: IndicatorInput): Promise<void> {
    await this.draft(id, rowVersion, async (trx, b) => {
      const issues = [];
      if (!b.dimensions.some((d) => d.code === input.dimensionCode)) {
        issues.push({ field: 'dimensionCode', ...bilingual(`未知维度 ${input.dimensionCode}`, `unknown dimension`) });
      }
      for (const f of ['leadDepartmentId'] as const) {
        const v = input[f];
        if (v && !this.org().get(v)) issues.push({ field: f, ...bilingual(`未知单位 ${v}`, `unknown unit`) });
      }
      if (input.minValue !== null && input.maxValue !== null && input.minValue > input.maxValue) {
        issues.push({ field: 'maxValue', ...bilingual('上限不能小于下限', 'max below min') });
      }
      if (input.formula) {
        const r = checkFormula(input.formula, input.code, b.indicators);
        for (const e of r.errors) issues.push({ field: 'formula', ...bilingual(`${e.message}`, `${e.messageEn}`) });
      }
      if (issues.length > 0) throw validation(issues);
      const existing = b.indicators.find((i) => i.code === input.code);
      const row: IndicatorRow = {
        id: existing?.id ?? crypto.randomUUID(),
        framework_id: id,
        code: input.code,
        dimension_code: input.dimensionCode,
        name: input.name,
        name_en: input.nameEn,
        unit: input.unit,
        direction: input.direction,
        frequency: input.frequency,
        value_kind: input.valueKind,
        lead_department_id: input.leadDepartmentId,
        work_team_id: input.workTeamId,
        data_source: input.dataSource,
        definition: input.definition,
        weight: input.weight,
        formula: input.formula || null,
        scope: input.scope,
        reporting_unit_ids: input.reportingUnitIds ? JSON.stringify(input.reportingUnitIds) : null,
        fed_by: existing?.fed_by ?? null,
        city_formula: existing?.city_formula ?? null,
        headline: input.headline ? 1 : 0,
        gap: input.gap,
        min_value: input.minValue,
        max_value: input.maxValue,
        seasonal_profile: input.seasonalProfile ? JSON.stringify(input.seasonalProfile) : null,
        source_doc: existing?.source_doc ?? 'entered',
        source_quote: existing?.source_quote ?? null,
        sort: existing?.sort ?? b.indicators.length + 1,
      };
      await this.repo.upsertIndicator(trx, row);
      await this.auditor?.change(
        {
          action: 'framework.indicator.save',
          objectType: 'indicator',
          objectId: `${id}/${input.code}`,
          before: existing ? { ...existing, id: null } : {},
          after: { ...row, id: null },
        },
        trx,
      );
    });
  }

  async saveTarget(id: string, rowVersion: number, input: z.infer<typeof targetInputSchema>): Promise<void> {
    await this.draft(id, rowVersion, async (trx, b) => {
      const issues = [];
      if (!b.indicators.some((i) => i.code === input.indicatorCode)) {
        issues.push({ field: 'indicatorCode', ...bilingual(`未知指标 ${input.indicatorCode}`, `unknown indicator`) });
      }
      if (!this.org().get(input.orgUnitId))
        issues.push({ field: 'orgUnitId', ...bilingual('未知单位', 'unknown unit') });
      if (input.floor === null && input.stretch === null) {
        issues.push({ field: 'floor', ...bilingual('确保目标和力争目标至少填一个', 'give a floor or a stretch') });
      }
      if (input.comparison === 'between' && input.upper === null) {
        issues.push({ field: 'upper', ...bilingual('区间目标需要上限', 'a range needs its upper bound') });
      }
      if (input.floor !== null && input.stretch !== null) {
        const wrong = input.comparison === 'atMost' ? input.stretch > input.floor : input.stretch < input.floor;
        if (wrong)
          issues.push({
            field: 'stretch',
            ...bilingual('力争目标应优于确保目标', 'the stretch must be better than the floor'),
          });
      }
      if (input.zeroPoint !== null) {
        const reference = input.floor ?? input.stretch;
        if (input.comparison === 'between') {
          issues.push({
            field: 'zeroPoint',
            ...bilingual(
              '区间目标的两侧各按默认零分点计分，不能设定一个零分点',
              'a range target scores each side by its default zero point: it cannot state one',
            ),
          });
        } else if (reference !== null) {
          const wrongSide = input.comparison === 'atMost' ? input.zeroPoint <= reference : input.zeroPoint >= reference;
          if (wrongSide)
            issues.push({
              field: 'zeroPoint',
              ...(input.comparison === 'atMost'
                ? bilingual(
                    `零分点应高于控制目标 ${reference}`,
                    `the zero point must be above the ceiling ${reference}`,
                  )
                : bilingual(
                    `零分点应低于确保目标 ${reference}`,
                    `the zero point must be below the floor ${reference}`,
                  )),
            });
        }
      }
      if (issues.length > 0) throw validation(issues);
      const before = b.targets.find(
        (t) =>
          t.indicator_code === input.indicatorCode &&
          t.org_unit_id === input.orgUnitId &&
          t.year === input.year &&
          t.kind === input.kind,
      );
      const row = {
        id: crypto.randomUUID(),
        framework_id: id,
        indicator_code: input.indicatorCode,
        org_unit_id: input.orgUnitId,
        year: input.year,
        kind: input.kind,
        comparison: input.comparison,
        floor: input.floor,
        stretch: input.stretch,
        upper: input.upper,
        zero_point: input.zeroPoint,
        source_doc: 'entered',
        source_quote: null,
      };
      await this.repo.upsertTarget(trx, row);
      await this.auditor?.change(
        {
          action: 'framework.target.save',
          objectType: 'target',
          objectId: `${id}/${input.indicatorCode}/${input.orgUnitId}/${input.year}/${input.kind}`,
          before: before ? { ...before, id: null } : {},
          after: { ...row, id: null },
        },
        trx,
      );
    });
  }
}
