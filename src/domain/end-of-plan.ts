/**
 * The pilot's end-of-plan assessment (终期评估, issue 7): each target the plan sets for its last year (2025) against the
 * latest figure — met, not met, or no data. A stretch-only target ("力争到2025年…2500亿元") is met when reached; a
 * ceiling ("缩小到2以内", "低于4.5%") when not exceeded. A cumulative figure short of an annual target before the
 * year has ended is not yet final: the verdict says "not met so far" (`final` false) rather than a failure.
 */
import { resolveTarget } from './targets.ts';
import type { LocalizedText } from './text.ts';
import { formatNumber as num } from './text.ts';
import type { Target } from './types.ts';

/** The last year of the pilot plan (2022–2025), whose targets the end-of-plan assessment holds figures against. */
export const END_OF_PLAN_YEAR = 2025;

export type EndOfPlanVerdict = 'met' | 'notMet' | 'noData';

export interface EndOfPlanResult {
  verdict: EndOfPlanVerdict;
  /** The stretch (力争) tier reached as well (two-tier targets only); null when there is no stretch tier. */
  stretchMet: boolean | null;
  /** The figure is for the plan's end (a year-end or yearly figure), not one part-way through the year. */
  final: boolean;
  /** Actual − target level (the floor, or a stretch standing in for it), in the figure's unit; null without data. */
  gap: number | null;
  text: LocalizedText;
}

export const END_OF_PLAN_VERDICT_NAMES: Readonly<Record<EndOfPlanVerdict, LocalizedText>> = {
  met: { zh: '已达成', en: 'Met' },
  notMet: { zh: '未达成', en: 'Not met' },
  noData: { zh: '暂无数据', en: 'No data' },
};

/**
 * @example endOfPlanVerdict({ actual: 2310, target: { comparison: 'atLeast', floor: null, stretch: 2500, upper: null },
 *   final: true, unit: '亿元' }) → notMet, gap −190, '2310亿元，距目标 2500亿元 差 190亿元'
 * @example endOfPlanVerdict({ actual: 1.98, target: 城乡收入比 ≤ 2 }) → met ('1.98，控制在 2 以内')
 */
export function endOfPlanVerdict(input: {
  actual: number | null;
  target: Target;
  /** Whether the figure is final for the plan's end. */
  final: boolean;
  unit?: string;
}): EndOfPlanResult {
  const unit = input.unit ?? '';
  const f = (x: number) => `${num(x, 2)}${unit}`;
  // A gap between two percentages is in percentage points ("差 0.6 个百分点"), not a percentage.
  const g = (x: number) => (unit === '%' ? `${num(x, 2)} 个百分点` : f(x));
  const gEn = (x: number) => (unit === '%' ? `${num(x, 2)} points` : f(x));
  const resolved = resolveTarget(input.target);
  if (input.actual === null || !Number.isFinite(input.actual) || !resolved.ok) {
    return {
      verdict: 'noData',
      stretchMet: null,
      final: input.final,
      gap: null,
      text: resolved.ok ? { zh: '暂无数据', en: 'No data' } : resolved.detail,
    };
  }
  const a = input.actual;
  const { sense, floor, stretch, upper } = resolved;
  const soFar = input.final
    ? { zh: '', en: '' }
    : { zh: '（年度未结束，截至目前）', en: ' (so far: the year is not over)' };
  if (sense === 'between') {
    const inside = a >= floor && a <= (upper as number);
    return {
      verdict: inside ? 'met' : 'notMet',
      stretchMet: null,
      final: input.final,
      gap: inside ? 0 : a < floor ? a - floor : a - (upper as number),
      text: {
        zh: `${f(a)}，目标区间 ${f(floor)}–${f(upper as number)}${inside ? '内' : '外'}${soFar.zh}`,
        en: `${f(a)}, ${inside ? 'inside' : 'outside'} the range ${f(floor)}–${f(upper as number)}${soFar.en}`,
      },
    };
  }
  const meets = (level: number) => (sense === 'higher' ? a >= level : a <= level);
  const met = meets(floor);
  const stretchMet = stretch === null || resolved.tiers !== 'twoTier' ? null : meets(stretch);
  const gap = a - floor;
  const text: LocalizedText =
    sense === 'lower'
      ? met
        ? { zh: `${f(a)}，控制在 ${f(floor)} 以内${soFar.zh}`, en: `${f(a)}, within ${f(floor)}${soFar.en}` }
        : {
            zh: `${f(a)}，超出目标 ${f(floor)} ${g(Math.abs(gap))}${soFar.zh}`,
            en: `${f(a)}, ${gEn(Math.abs(gap))} over the ceiling ${f(floor)}${soFar.en}`,
          }
      : met
        ? {
            zh: `${f(a)}，达到目标 ${f(floor)}${stretchMet ? `，并达到力争目标 ${f(stretch as number)}` : ''}${soFar.zh}`,
            en: `${f(a)}, meeting ${f(floor)}${stretchMet ? ` and the stretch ${f(stretch as number)}` : ''}${soFar.en}`,
          }
        : {
            zh: `${f(a)}，距目标 ${f(floor)} 差 ${g(Math.abs(gap))}${soFar.zh}`,
            en: `${f(a)}, ${gEn(Math.abs(gap))} short of ${f(floor)}${soFar.en}`,
          };
  return { verdict: met ? 'met' : 'notMet', stretchMet, final: input.final, gap, text };
}
