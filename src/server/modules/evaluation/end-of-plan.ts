import { endOfPlanVerdict } from '../../../domain/end-of-plan.ts';
import type { EngineOutput } from '../../../domain/framework-evaluation.ts';
import { periodEndMonth } from '../../../domain/periods.ts';
import type { Target } from '../../../domain/types.ts';
import type { OrgIndex } from '../../access/org-index.ts';
import type { EndOfPlanRow } from '../../../shared/api/evaluation.ts';
import { sourceOf } from '../frameworks/framework.mapper.ts';
import type { FrameworkBundle, TargetDbRow } from '../frameworks/framework.repository.ts';

/** A figure found for a target: from the evaluation of the year (computed ones included) or the latest stored. */
export interface EndOfPlanFigure {
  actual: number;
  period: string;
  unpublished: boolean;
  generated: boolean;
}

/**
 * The targets of the plan's last year that the seeds state (not generated): the plan's end-of-plan targets and the
 * year's stated annual ones, one per indicator and unit (the end-of-plan target where both exist).
 */
export function statedTargets(b: FrameworkBundle, year: number): TargetDbRow[] {
  const byKey = new Map<string, TargetDbRow>();
  for (const t of b.targets) {
    if (t.year !== year || t.source_doc === 'generated') continue;
    if (t.kind !== 'endOfPlan' && t.kind !== 'annual') continue;
    const key = `${t.indicator_code}|${t.org_unit_id}`;
    const have = byKey.get(key);
    if (!have || (have.kind === 'annual' && t.kind === 'endOfPlan')) byKey.set(key, t);
  }
  return [...byKey.values()];
}

/** The end-of-plan view's rows, in the framework's order of indicators, then the units' administrative order. */
export function endOfPlanRows(input: {
  bundle: FrameworkBundle;
  year: number;
  targets: readonly TargetDbRow[];
  out: EngineOutput | null;
  /** Stored figures of the year, for targets the evaluation has no figure for (a yearly one, say). */
  stored: ReadonlyMap<string, EndOfPlanFigure>;
  /** Figures whose inputs are generated demo data. */
  generatedKeys: ReadonlySet<string>;
  org: OrgIndex;
}): EndOfPlanRow[] {
  const { bundle: b, org } = input;
  const cells = new Map((input.out?.cells ?? []).map((c) => [`${c.indicatorCode}|${c.orgUnitId}`, c]));
  const indicators = new Map(b.indicators.map((i, k) => [i.code, { i, k }]));
  const dims = new Map(b.dimensions.map((d) => [d.code, d]));
  const unitOrder = new Map(
    [org.root()?.id ?? 'city', ...org.countyLevel().map((u) => u.id)].map((id, k) => [id, k] as const),
  );
  return input.targets
    .filter((t) => indicators.has(t.indicator_code))
    .sort(
      (a, z) =>
        (indicators.get(a.indicator_code)?.k ?? 0) - (indicators.get(z.indicator_code)?.k ?? 0) ||
        (unitOrder.get(a.org_unit_id) ?? 99) - (unitOrder.get(z.org_unit_id) ?? 99),
    )
    .map((t): EndOfPlanRow => {
      const { i } = indicators.get(t.indicator_code)!;
      const key = `${t.indicator_code}|${t.org_unit_id}`;
      const c = cells.get(key);
      const figure: EndOfPlanFigure | undefined =
        c && c.actual !== null && c.period !== null
          ? {
              actual: c.actual,
              period: c.period,
              unpublished: c.unpublished,
              generated: c.computed
                ? c.inputs.some((x) => input.generatedKeys.has(`${x.code}|${x.orgUnitId}|${x.period}`))
                : input.generatedKeys.has(`${key}|${c.period}`),
            }
          : input.stored.get(key);
      const final = figure ? periodEndMonth(figure.period) === 12 : false;
      const target: Target = {
        comparison: t.comparison as Target['comparison'],
        floor: t.floor,
        stretch: t.stretch,
        upper: t.upper,
      };
      const v = endOfPlanVerdict({ actual: figure?.actual ?? null, target, final, unit: i.unit });
      return {
        indicatorCode: i.code,
        indicatorName: i.name,
        indicatorNameEn: i.name_en,
        unit: i.unit,
        dimensionCode: i.dimension_code,
        dimensionName: dims.get(i.dimension_code)?.name ?? i.dimension_code,
        orgUnitId: t.org_unit_id,
        orgUnitName: org.get(t.org_unit_id)?.name ?? t.org_unit_id,
        kind: t.kind === 'endOfPlan' ? 'endOfPlan' : 'annual',
        target: { comparison: t.comparison, floor: t.floor, stretch: t.stretch, upper: t.upper },
        source: sourceOf(t.source_doc, t.source_quote).title,
        sourceQuote: t.source_quote,
        actual: figure?.actual ?? null,
        period: figure?.period ?? null,
        final,
        verdict: v.verdict,
        stretchMet: v.stretchMet,
        gap: v.gap,
        text: v.text,
        unpublished: figure?.unpublished ?? false,
        generated: figure?.generated ?? false,
      };
    });
}
