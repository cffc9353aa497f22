/**
 * The monthly return (月度调度): what makes one wrong (an error, naming the field: nothing is stored) and what makes
 * one doubtful (a warning the reviewer sees: 超进度, rollback). Amounts in 万元.
 */
import { formatNumber, type LocalizedText } from '../text.ts';
import { monthNumber } from './months.ts';
import type { ProjectRules } from './rules.ts';
import { hasStarted } from './stages.ts';
import type { ProjectStage } from './types.ts';

export interface ReturnFigures {
  month: string;
  /** Investment this month. */
  thisMonth: number;
  /** Year to date (this month included). */
  ytd: number;
  /** Since the start of the works (this month included). */
  sinceStart: number;
  /** 形象进度, 0–100. */
  progressPercent: number;
  workers: number;
}

export interface ReturnProject {
  stage: ProjectStage;
  actualStart: string | null;
  actualCompletion: string | null;
  totalInvestment: number;
}

export interface FieldProblem {
  field: string;
  message: LocalizedText;
}

/**
 * The errors of a return: a negative figure, a month before the start or after the completion, a percentage out
 * of range. Empty when the return may be stored.
 *
 * @example validateReturn({ month: '2025-02', … }, { actualStart: '2025-03-18', … })
 * // → [{ field: 'month', message: { zh: '项目2025-03-18开工，不能填报开工前（2025-02）的月报', … } }]
 */
export function validateReturn(figures: ReturnFigures, project: ReturnProject): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['thisMonth', 'ytd', 'sinceStart', 'workers'] as const) {
    const v = figures[field];
    if (!Number.isFinite(v)) problems.push({ field, message: { zh: '应为数字', en: 'must be a number' } });
    else if (v < 0) problems.push({ field, message: { zh: '不能为负数', en: 'must not be negative' } });
  }
  if (!Number.isInteger(figures.workers)) {
    problems.push({
      field: 'workers',
      message: { zh: '施工人数应为整数', en: 'workers on site must be a whole number' },
    });
  }
  if (!(figures.progressPercent >= 0 && figures.progressPercent <= 100)) {
    problems.push({
      field: 'progressPercent',
      message: { zh: '形象进度应在0–100之间', en: 'physical progress must lie between 0 and 100' },
    });
  }
  if (!hasStarted(project.stage) || !project.actualStart) {
    problems.push({
      field: 'month',
      message: { zh: '项目尚未开工，不能填报月报', en: 'the project has not started: no monthly return can be filed' },
    });
  } else if (figures.month < project.actualStart.slice(0, 7)) {
    problems.push({
      field: 'month',
      message: {
        zh: `项目${project.actualStart}开工，不能填报开工前（${figures.month}）的月报`,
        en: `the project started on ${project.actualStart}: no return for ${figures.month}, before the start`,
      },
    });
  }
  if (project.actualCompletion && figures.month > project.actualCompletion.slice(0, 7)) {
    problems.push({
      field: 'month',
      message: {
        zh: `项目已于${project.actualCompletion}竣工，不能填报竣工后（${figures.month}）的月报`,
        en: `the project was completed on ${project.actualCompletion}: no return for ${figures.month}, after completion`,
      },
    });
  }
  return problems;
}

export const RETURN_WARNING_KINDS = [
  'cumulativeAboveTotal',
  'monthAboveShare',
  'ytdDown',
  'sinceStartDown',
  'ytdMismatch',
] as const;
export type ReturnWarningKind = (typeof RETURN_WARNING_KINDS)[number];

export interface ReturnWarning {
  kind: ReturnWarningKind;
  field: string;
  message: LocalizedText;
}

export interface PlausibilityContext {
  /** The year's planned investment, or null without a plan. */
  annualPlanned: number | null;
  /** The previous month's return of the same project (any year), or null for the first. */
  previous: { month: string; ytd: number; sinceStart: number } | null;
}

const w = (v: number) => formatNumber(v, 1);

/**
 * The doubts about a return: cumulative investment above the total, one month above the configured share of the
 * annual plan (超进度), the year to date or the cumulative figure going down (rollback), the year to date not the
 * previous one plus this month.
 *
 * @example plausibilityWarnings({ month: '2025-05', thisMonth: 900, ytd: 2500, … }, { annualPlanned: 2000, … })
 * // → monthAboveShare: '本月完成900万元，超过年度计划2000万元的40%（800万元）'
 */
export function plausibilityWarnings(
  figures: ReturnFigures,
  project: ReturnProject,
  context: PlausibilityContext,
  rules: ProjectRules,
): ReturnWarning[] {
  const warnings: ReturnWarning[] = [];
  if (project.totalInvestment > 0 && figures.sinceStart > project.totalInvestment) {
    warnings.push({
      kind: 'cumulativeAboveTotal',
      field: 'sinceStart',
      message: {
        zh: `开工累计完成${w(figures.sinceStart)}万元，超过项目总投资${w(project.totalInvestment)}万元`,
        en: `${w(figures.sinceStart)}万元 since the start exceeds the total investment of ${w(project.totalInvestment)}万元`,
      },
    });
  }
  if (context.annualPlanned !== null && context.annualPlanned > 0) {
    const limit = context.annualPlanned * rules.monthShareWarning;
    if (figures.thisMonth > limit) {
      warnings.push({
        kind: 'monthAboveShare',
        field: 'thisMonth',
        message: {
          zh: `本月完成${w(figures.thisMonth)}万元，超过年度计划${w(context.annualPlanned)}万元的${formatNumber(rules.monthShareWarning * 100, 1)}%（${w(limit)}万元）`,
          en: `${w(figures.thisMonth)}万元 this month exceeds ${formatNumber(rules.monthShareWarning * 100, 1)}% of the annual plan of ${w(context.annualPlanned)}万元 (${w(limit)}万元)`,
        },
      });
    }
  }
  const previous = context.previous;
  const sameYear = previous !== null && previous.month.slice(0, 4) === figures.month.slice(0, 4);
  if (previous && sameYear && figures.ytd < previous.ytd) {
    warnings.push({
      kind: 'ytdDown',
      field: 'ytd',
      message: {
        zh: `本年累计${w(figures.ytd)}万元，低于上月（${previous.month}）的${w(previous.ytd)}万元`,
        en: `the year to date of ${w(figures.ytd)}万元 is below last month's (${previous.month}) ${w(previous.ytd)}万元`,
      },
    });
  }
  if (previous && figures.sinceStart < previous.sinceStart) {
    warnings.push({
      kind: 'sinceStartDown',
      field: 'sinceStart',
      message: {
        zh: `开工累计${w(figures.sinceStart)}万元，低于上月（${previous.month}）的${w(previous.sinceStart)}万元`,
        en: `${w(figures.sinceStart)}万元 since the start is below last month's (${previous.month}) ${w(previous.sinceStart)}万元`,
      },
    });
  }
  const expectedYtd =
    monthNumber(figures.month) === 1 || !previous || !sameYear ? null : previous.ytd + figures.thisMonth;
  const januaryMismatch = monthNumber(figures.month) === 1 && Math.abs(figures.ytd - figures.thisMonth) > 0.05;
  if (januaryMismatch || (expectedYtd !== null && Math.abs(figures.ytd - expectedYtd) > 0.05)) {
    const expected = expectedYtd ?? figures.thisMonth;
    warnings.push({
      kind: 'ytdMismatch',
      field: 'ytd',
      message: {
        zh: `本年累计${w(figures.ytd)}万元与上月累计加本月（${w(expected)}万元）不符`,
        en: `the year to date of ${w(figures.ytd)}万元 is not last month's plus this month's (${w(expected)}万元)`,
      },
    });
  }
  return warnings;
}
