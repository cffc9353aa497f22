/**
 * The ledger's aggregates per district and for the city — what feeds the framework's indicators and the cockpit:
 * the number of key projects, the annual plan's total, the year to date and its rate against the plan and against
 * time-elapsed progress, new starts and completions against their targets, the reserve's total, by level and by
 * industry chain. Amounts in 万元.
 *
 * Definitions (said here once, quoted by the views):
 * - the year's key projects (省市重点项目) are the provincial and city key projects with an annual plan for the year;
 *   the headline plan total, year to date, new starts and completions are theirs; `byLevel` adds district projects;
 * - the year to date of a project is that of its latest approved return of the year up to the month;
 * - a new start (新开工) is a key project whose main works started in the year, by the end of the month; a
 *   completion (竣工) one completed in the year by then;
 * - the reserve (储备) is every project at the reserve or preparation stage, whatever its level, at its total
 *   investment.
 */
import { monthNumber, timeElapsedOfYear } from './months.ts';
import { KEY_LEVELS, PROJECT_LEVELS, RESERVE_STAGES, type ProjectLevel, type ProjectStage } from './types.ts';

export interface AggregateProject {
  id: string;
  /** The district (or the city itself, for projects of city agencies). */
  unitId: string;
  level: ProjectLevel;
  chain: string;
  stage: ProjectStage;
  totalInvestment: number;
  actualStart: string | null;
  actualCompletion: string | null;
}

export interface UnitTargets {
  keyProjects?: number;
  newStarts?: number;
  completions?: number;
  /** 万元. */
  investment?: number;
  /** 万元: the reserve to keep (西区: ≥ 80亿元 = 800,000万元). */
  reserve?: number;
}

export interface Slice {
  count: number;
  planned: number;
  ytd: number;
  /** ytd / planned, null without a plan. */
  rate: number | null;
}

export interface TargetCheck {
  actual: number;
  target: number | null;
  met: boolean | null;
}

export interface UnitAggregate {
  unitId: string;
  month: string;
  keyProjects: TargetCheck;
  planned: number;
  ytd: number;
  /** Year to date against the plan. */
  rate: number | null;
  /** Time-elapsed progress of the year at the end of the month (m / 12). */
  timeElapsed: number;
  /** (rate − timeElapsed) × 100: above zero is ahead of time-elapsed progress (超时序进度). */
  pointsAgainstTime: number | null;
  newStarts: TargetCheck;
  completions: TargetCheck;
  investment: TargetCheck;
  reserve: TargetCheck & { count: number };
  byLevel: Record<ProjectLevel, Slice>;
  byChain: Record<string, Slice>;
}

export interface AggregateInput {
  month: string;
  projects: readonly AggregateProject[];
  /** Planned investment of the year per project id (projects without a plan are not in the year's plan). */
  planned: ReadonlyMap<string, number>;
  /** Approved year to date at the month per project id. */
  ytd: ReadonlyMap<string, number>;
  targets?: ReadonlyMap<string, UnitTargets>;
}

const check = (actual: number, target: number | undefined): TargetCheck => ({
  actual,
  target: target ?? null,
  met: target === undefined ? null : actual >= target,
});

const slice = (): Slice => ({ count: 0, planned: 0, ytd: 0, rate: null });

function finish(s: Slice): Slice {
  return { ...s, rate: s.planned > 0 ? s.ytd / s.planned : null };
}

/**
 * The aggregate of the given projects as of the end of `month`, for one unit.
 *
 * @example
 * // The city's 2023 record: 216 key projects planned at 265.5亿元 completed 336.1亿元 → rate 1.266 (126.6 %),
 * // 26.6 points ahead of time-elapsed progress at the year's end.
 */
export function aggregateUnit(
  unitId: string,
  input: AggregateInput,
  projects: readonly AggregateProject[],
): UnitAggregate {
  const year = input.month.slice(0, 4);
  const endOfMonth = `${input.month}-31`;
  const inYear = (date: string | null) => date !== null && date.startsWith(year) && date <= endOfMonth;
  const byLevel = Object.fromEntries(PROJECT_LEVELS.map((l) => [l, slice()])) as Record<ProjectLevel, Slice>;
  const byChain: Record<string, Slice> = {};
  let keyCount = 0;
  let planned = 0;
  let ytd = 0;
  let newStarts = 0;
  let completions = 0;
  let reserve = 0;
  let reserveCount = 0;
  for (const p of projects) {
    if (RESERVE_STAGES.includes(p.stage)) {
      reserve += p.totalInvestment;
      reserveCount += 1;
    }
    const plan = input.planned.get(p.id);
    if (plan === undefined) continue;
    const done = input.ytd.get(p.id) ?? 0;
    const level = byLevel[p.level];
    level.count += 1;
    level.planned += plan;
    level.ytd += done;
    if (!KEY_LEVELS.includes(p.level)) continue;
    const chain = (byChain[p.chain] ??= slice());
    chain.count += 1;
    chain.planned += plan;
    chain.ytd += done;
    keyCount += 1;
    planned += plan;
    ytd += done;
    if (inYear(p.actualStart)) newStarts += 1;
    if (inYear(p.actualCompletion)) completions += 1;
  }
  const targets = input.targets?.get(unitId) ?? {};
  const rate = planned > 0 ? ytd / planned : null;
  const timeElapsed = timeElapsedOfYear(monthNumber(input.month));
  return {
    unitId,
    month: input.month,
    keyProjects: check(keyCount, targets.keyProjects),
    planned,
    ytd,
    rate,
    timeElapsed,
    pointsAgainstTime: rate === null ? null : (rate - timeElapsed) * 100,
    newStarts: check(newStarts, targets.newStarts),
    completions: check(completions, targets.completions),
    investment: check(ytd, targets.investment),
    reserve: { ...check(reserve, targets.reserve), count: reserveCount },
    byLevel: Object.fromEntries(PROJECT_LEVELS.map((l) => [l, finish(byLevel[l])])) as Record<ProjectLevel, Slice>,
    byChain: Object.fromEntries(Object.entries(byChain).map(([k, s]) => [k, finish(s)])),
  };
}

/**
 * The aggregates of every district that holds a project, and of the city (`cityId`: every project).
 *
 * @example aggregateLedger('city', input).get('xiqu')!.newStarts // { actual: 17, target: 17, met: true }
 */
export function aggregateLedger(cityId: string, input: AggregateInput): Map<string, UnitAggregate> {
  const byUnit = new Map<string, AggregateProject[]>();
  for (const p of input.projects) {
    if (p.unitId === cityId) continue;
    let list = byUnit.get(p.unitId);
    if (!list) byUnit.set(p.unitId, (list = []));
    list.push(p);
  }
  const result = new Map<string, UnitAggregate>();
  for (const [unitId, projects] of byUnit) result.set(unitId, aggregateUnit(unitId, input, projects));
  result.set(cityId, aggregateUnit(cityId, input, input.projects));
  return result;
}
