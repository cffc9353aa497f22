/**
 * The project's lights (红黄绿灯), each explained in words so that a red light says why: the start (due and not
 * started → yellow; `startRedMonths` late → red), the investment pace (the year-to-date share of the annual plan
 * against the plan's time-elapsed progress: `investmentYellowPoints` behind → yellow, `investmentRedPoints` → red),
 * the completion (planned date passed and not completed → red) and the monthly return (owed and not filed →
 * yellow; `returnRedMonths` or more → red). "Today" is an argument.
 */
import { addDays, daysBetween, isDate, reportDueDate } from '../lists/dates.ts';
import { formatNumber, type LocalizedText } from '../text.ts';
import { addMonths, monthNumber, normaliseProfile } from './months.ts';
import type { ProjectRules } from './rules.ts';
import { hasCompleted, hasStarted } from './stages.ts';
import { LIGHT_SEVERITY, type LightColour, type LightKind, type ProjectStage, type ReturnStatus } from './types.ts';

export interface PlanForLights {
  year: number;
  /** Planned investment for the year, 万元. */
  planned: number;
  /** Twelve monthly shares, or null for the default seasonal profile. */
  profile: readonly number[] | null;
  /** 1–12: the months before it expect nothing (a project starting mid-year). */
  startMonth: number | null;
  /** 1–12: the months after it expect nothing (a project finishing mid-year). */
  completionMonth: number | null;
}

export interface ReturnForLights {
  month: string;
  status: ReturnStatus;
  /** Year to date, 万元. */
  ytd: number;
}

export interface LightSubject {
  stage: ProjectStage;
  plannedStart: string | null;
  actualStart: string | null;
  plannedCompletion: string | null;
  actualCompletion: string | null;
  plans: readonly PlanForLights[];
  returns: readonly ReturnForLights[];
}

export interface Light {
  kind: LightKind;
  colour: Exclude<LightColour, 'none'>;
  explanation: LocalizedText;
}

export interface LightOptions {
  /** The first month the ledger holds returns for: no return is owed before it. */
  ledgerStart?: string;
}

/** `date` plus `n` calendar months, clamped to the month's end (2024-11-30 + 3 → 2025-02-28). */
export function addMonthsToDate(date: string, n: number): string {
  const month = addMonths(date.slice(0, 7), n);
  const day = Number(date.slice(8, 10));
  return reportDueDate(month, day);
}

/**
 * The monthly shares a plan expects: its own profile, or the default seasonal one limited to the months between
 * its start and completion months, made to sum to 1.
 *
 * @example planProfile({ profile: null, startMonth: 7, completionMonth: null, … }) // zero January–June
 */
export function planProfile(plan: Pick<PlanForLights, 'profile' | 'startMonth' | 'completionMonth'>): number[] {
  if (plan.profile) return normaliseProfile(plan.profile);
  const from = plan.startMonth ?? 1;
  const to = plan.completionMonth ?? 12;
  const base = normaliseProfile(null).map((s, i) => (i + 1 >= from && i + 1 <= to ? s : 0));
  return base.some((s) => s > 0) ? normaliseProfile(base) : normaliseProfile(null);
}

/** The share of the plan expected by the end of month `m` (1–12), the plan's time-elapsed progress. */
export function expectedShare(plan: PlanForLights, m: number): number {
  const p = planProfile(plan);
  let share = 0;
  for (let i = 0; i < Math.min(12, m); i++) share += p[i]!;
  return Math.min(1, share);
}

/** The month whose figures are judged on `today`: the last month whose return is due by today. */
export function judgedMonth(today: string, rules: ProjectRules): string {
  const previous = addMonths(today.slice(0, 7), -1);
  return today > reportDueDate(today.slice(0, 7), rules.returnDay) ? previous : addMonths(previous, -1);
}

const FILED: readonly ReturnStatus[] = ['submitted', 'approved'];

/** The months whose return is owed by `today` and not filed (submitted or approved), oldest first. */
export function missingReturns(
  subject: LightSubject,
  today: string,
  rules: ProjectRules,
  options: LightOptions = {},
): string[] {
  if (!subject.actualStart || !hasStarted(subject.stage)) return [];
  let first = subject.actualStart.slice(0, 7);
  if (options.ledgerStart && options.ledgerStart > first) first = options.ledgerStart;
  let last = judgedMonth(today, rules);
  if (subject.actualCompletion) {
    const completionMonth = subject.actualCompletion.slice(0, 7);
    if (completionMonth < last) last = completionMonth;
  }
  const filed = new Set(subject.returns.filter((r) => FILED.includes(r.status)).map((r) => r.month));
  const missing: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) if (!filed.has(m)) missing.push(m);
  return missing;
}

function pct(share: number): string {
  return `${formatNumber(share * 100, 1)}%`;
}

/**
 * Every light that is not green, with its reason; an empty list means the project is on track (`watchedLights` has
 * the green ones too).
 *
 * @example
 * // A project due to start on 2025-03-01 and not started, judged on 2025-06-15 (three months and a fortnight late):
 * projectLights({ stage: 'preparation', plannedStart: '2025-03-01', actualStart: null, … }, '2025-06-15', rules)
 * // → [{ kind: 'start', colour: 'red', explanation: { zh: '计划2025-03-01开工，已逾期106天仍未开工（超过3个月为红灯）', … } }]
 */
export function projectLights(
  subject: LightSubject,
  today: string,
  rules: ProjectRules,
  options: LightOptions = {},
): Light[] {
  return watchedLights(subject, today, rules, options).filter((l) => l.colour !== 'green');
}

/**
 * Every light the project is watched by, green ones included, each with its reason in words: the start (once a
 * start is planned), the investment pace (started, not completed, with a plan for the judged year), the completion
 * (once a completion is planned or reached) and the monthly return (once started). A reserve project with no
 * planned start has none.
 *
 * @example
 * // Started on 2024-03-10, every return of 2025 filed and approved on pace, judged on 2025-06-15:
 * watchedLights(building, '2025-06-15', rules).map((l) => `${l.kind} ${l.colour}`)
 * // → ['start green', 'investment green', 'completion green', 'return green']
 */
export function watchedLights(
  subject: LightSubject,
  today: string,
  rules: ProjectRules,
  options: LightOptions = {},
): Light[] {
  if (!isDate(today)) throw new RangeError(`Invalid date ${JSON.stringify(today)}`);
  const lights: Light[] = [];
  const green = (kind: LightKind, zh: string, en: string) =>
    lights.push({ kind, colour: 'green', explanation: { zh, en } });

  // Start.
  if (!hasStarted(subject.stage) && subject.plannedStart && today > subject.plannedStart) {
    const late = daysBetween(subject.plannedStart, today);
    const redFrom = addMonthsToDate(subject.plannedStart, rules.startRedMonths);
    const red = today >= redFrom;
    lights.push({
      kind: 'start',
      colour: red ? 'red' : 'yellow',
      explanation: {
        zh: `计划${subject.plannedStart}开工，已逾期${late}天仍未开工（逾期超过${rules.startRedMonths}个月为红灯${red ? '' : `，${redFrom}起转红`}）`,
        en: `planned to start on ${subject.plannedStart}, not started ${late} days later (red from ${rules.startRedMonths} months late${red ? '' : `, i.e. from ${redFrom}`})`,
      },
    });
  } else if (hasStarted(subject.stage) && subject.actualStart) {
    const planned = subject.plannedStart ? `（计划${subject.plannedStart}）` : '';
    green(
      'start',
      `已于${subject.actualStart}开工${planned}`,
      `started on ${subject.actualStart}${subject.plannedStart ? ` (planned ${subject.plannedStart})` : ''}`,
    );
  } else if (!hasStarted(subject.stage) && subject.plannedStart) {
    green(
      'start',
      `计划${subject.plannedStart}开工，尚未到期`,
      `planned to start on ${subject.plannedStart}, not yet due`,
    );
  }

  // Investment pace.
  if (hasStarted(subject.stage) && !hasCompleted(subject.stage)) {
    const month = judgedMonth(today, rules);
    const year = Number(month.slice(0, 4));
    const plan = subject.plans.find((p) => p.year === year);
    if (plan && plan.planned > 0) {
      const m = monthNumber(month);
      const expected = expectedShare(plan, m);
      const approved = subject.returns
        .filter((r) => r.status === 'approved' && r.month.startsWith(`${year}-`) && r.month <= month)
        .sort((a, b) => (a.month < b.month ? 1 : -1))[0];
      const ytd = approved?.ytd ?? 0;
      const actual = ytd / plan.planned;
      const behind = (expected - actual) * 100;
      const colour =
        behind >= rules.investmentRedPoints ? 'red' : behind >= rules.investmentYellowPoints ? 'yellow' : null;
      const basis = approved
        ? {
            zh: `截至${approved.month}已审核完成${formatNumber(ytd, 1)}万元`,
            en: `${formatNumber(ytd, 1)}万元 approved to ${approved.month}`,
          }
        : { zh: `${year}年尚无已审核的月报，按0计`, en: `no approved return in ${year}, counted as 0` };
      if (!colour) {
        const against =
          behind > 0
            ? { zh: `落后${formatNumber(behind, 1)}个百分点`, en: `${formatNumber(behind, 1)} points behind` }
            : { zh: `超出${formatNumber(-behind, 1)}个百分点`, en: `${formatNumber(-behind, 1)} points ahead` };
        green(
          'investment',
          `${basis.zh}，占年度计划${formatNumber(plan.planned, 1)}万元的${pct(actual)}，与计划序时进度（${month}末${pct(expected)}）相比${against.zh}（落后${rules.investmentYellowPoints}个百分点起为黄灯）`,
          `${basis.en}: ${pct(actual)} of the annual plan of ${formatNumber(plan.planned, 1)}万元, ${against.en} of the plan's time-elapsed progress (${pct(expected)} by the end of ${month}; yellow from ${rules.investmentYellowPoints} points behind)`,
        );
      }
      if (colour) {
        lights.push({
          kind: 'investment',
          colour,
          explanation: {
            zh: `${basis.zh}，占年度计划${formatNumber(plan.planned, 1)}万元的${pct(actual)}，落后计划序时进度（${month}末${pct(expected)}）${formatNumber(behind, 1)}个百分点（落后${rules.investmentYellowPoints}个百分点为黄灯、${rules.investmentRedPoints}个百分点为红灯）`,
            en: `${basis.en}: ${pct(actual)} of the annual plan of ${formatNumber(plan.planned, 1)}万元, ${formatNumber(behind, 1)} points behind the plan's time-elapsed progress (${pct(expected)} by the end of ${month}; yellow from ${rules.investmentYellowPoints} points, red from ${rules.investmentRedPoints})`,
          },
        });
      }
    }
  }

  // Completion.
  if (!hasCompleted(subject.stage) && subject.plannedCompletion && today > subject.plannedCompletion) {
    const late = daysBetween(subject.plannedCompletion, today);
    lights.push({
      kind: 'completion',
      colour: 'red',
      explanation: {
        zh: `计划${subject.plannedCompletion}竣工，已逾期${late}天仍未竣工`,
        en: `planned to be completed on ${subject.plannedCompletion}, not completed ${late} days later`,
      },
    });
  } else if (hasCompleted(subject.stage) && subject.actualCompletion) {
    green(
      'completion',
      `已于${subject.actualCompletion}竣工${subject.plannedCompletion ? `（计划${subject.plannedCompletion}）` : ''}`,
      `completed on ${subject.actualCompletion}${subject.plannedCompletion ? ` (planned ${subject.plannedCompletion})` : ''}`,
    );
  } else if (!hasCompleted(subject.stage) && subject.plannedCompletion) {
    green(
      'completion',
      `计划${subject.plannedCompletion}竣工，尚未到期`,
      `planned to be completed on ${subject.plannedCompletion}, not yet due`,
    );
  }

  // Monthly return.
  const missing = missingReturns(subject, today, rules, options);
  if (missing.length === 0 && subject.actualStart && hasStarted(subject.stage)) {
    const through = judgedMonth(today, rules);
    green('return', `截至${through}的月报均已报送`, `every monthly return through ${through} filed`);
  }
  if (missing.length > 0) {
    const red = missing.length >= rules.returnRedMonths;
    const first = missing[0]!;
    const due = addDays(reportDueDate(addMonths(first, 1), rules.returnDay), 0);
    const list = missing.length <= 3 ? missing.join('、') : `${missing.slice(0, 3).join('、')}等`;
    lights.push({
      kind: 'return',
      colour: red ? 'red' : 'yellow',
      explanation: {
        zh: `${list}共${missing.length}个月的月报未报送（${first}的月报应于${due}前报送；缺报${rules.returnRedMonths}个月及以上为红灯）`,
        en: `${missing.length} monthly return${missing.length === 1 ? '' : 's'} not filed (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ' …' : ''}; the one for ${first} was due by ${due}; red from ${rules.returnRedMonths} missing)`,
      },
    });
  }
  return lights;
}

/**
 * The project's colour: its most severe light; green when watched and none is lit; `none` for a reserve project
 * with no planned start (nothing to watch yet).
 */
export function projectColour(subject: LightSubject, lights: readonly Light[]): LightColour {
  if (lights.length === 0) {
    return !hasStarted(subject.stage) && !subject.plannedStart ? 'none' : 'green';
  }
  return lights.reduce<LightColour>(
    (worst, l) => (LIGHT_SEVERITY[l.colour] > LIGHT_SEVERITY[worst] ? l.colour : worst),
    'green',
  );
}
