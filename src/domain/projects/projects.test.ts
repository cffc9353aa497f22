import { describe, expect, it } from 'vitest';
import {
  aggregateLedger,
  aggregateUnit,
  checkProjectCode,
  checkStageMove,
  DEFAULT_PROJECT_RULES,
  expectedShare,
  judgedMonth,
  missingReturns,
  plannedShareThrough,
  plausibilityWarnings,
  projectColour,
  projectLights,
  watchedLights,
  resolveProjectRules,
  validateReturn,
  type AggregateProject,
  type LightSubject,
  type ReturnFigures,
} from './index.ts';

const rules = DEFAULT_PROJECT_RULES;
/** The fixed clock of these tests: a mid-month day after the 5th, so May's return is due and judged. */
const TODAY = '2025-06-15';

function building(overrides: Partial<LightSubject> = {}): LightSubject {
  return {
    stage: 'underConstruction',
    plannedStart: '2025-01-15',
    actualStart: '2025-01-20',
    plannedCompletion: '2026-12-31',
    actualCompletion: null,
    plans: [
      { year: 2025, planned: 10_000, profile: Array<number>(12).fill(1), startMonth: null, completionMonth: null },
    ],
    returns: [
      { month: '2025-01', status: 'approved', ytd: 800 },
      { month: '2025-02', status: 'approved', ytd: 1600 },
      { month: '2025-03', status: 'approved', ytd: 2500 },
      { month: '2025-04', status: 'approved', ytd: 3300 },
      { month: '2025-05', status: 'approved', ytd: 4200 },
    ],
    ...overrides,
  };
}

describe('the national project code', () => {
  const context = { regions: new Set(['510000', '510400', '510402', '510403']), currentYear: 2025 };
  it('accepts a code of the published shape whose region the org tree knows', () => {
    expect(checkProjectCode('2023-510403-32-03-123456', context)).toEqual({
      ok: true,
      parts: { year: 2023, region: '510403', industry: '32', type: '03', serial: '123456' },
    });
  });
  it('names each part that cannot be confirmed', () => {
    const result = checkProjectCode('2014-110101-99-04-000001', context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const zh = result.problems.map((p) => p.zh).join('\n');
    expect(zh).toContain('年份 2014');
    expect(zh).toContain('行政区划 110101');
    expect(zh).toContain('行业代码 99');
    expect(zh).toContain('项目类型 04');
    expect(result.problems).toHaveLength(4);
  });
  it('refuses a malformed code with an example', () => {
    const result = checkProjectCode('2023-5104-32-03-1', context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.en).toContain('2023-510403-32-03-123456');
  });
  it('refuses a code from the future', () => {
    expect(checkProjectCode('2026-510403-32-03-123456', context).ok).toBe(false);
  });
});

describe('stages', () => {
  const move = { currentSince: '2025-01-10', adjustmentApproved: false, today: TODAY, on: '2025-03-01' };
  it('moves forwards, skipping a stage if need be', () => {
    expect(checkStageMove({ ...move, from: 'preparation', to: 'newlyStarted' })).toBeNull();
    expect(checkStageMove({ ...move, from: 'reserve', to: 'newlyStarted' })).toBeNull();
  });
  it('never moves backwards without an approved adjustment', () => {
    const refused = checkStageMove({ ...move, from: 'newlyStarted', to: 'preparation' });
    expect(refused?.zh).toBe('项目阶段不能从「新开工」退回「前期」，除非调整已获批准');
    expect(checkStageMove({ ...move, from: 'newlyStarted', to: 'preparation', adjustmentApproved: true })).toBeNull();
  });
  it('refuses a date in the future, before the current stage, or the same stage', () => {
    expect(checkStageMove({ ...move, from: 'preparation', to: 'newlyStarted', on: '2025-07-01' })?.en).toContain(
      'future',
    );
    expect(checkStageMove({ ...move, from: 'preparation', to: 'newlyStarted', on: '2024-12-31' })?.en).toContain(
      'cannot precede',
    );
    expect(checkStageMove({ ...move, from: 'preparation', to: 'preparation' })?.en).toContain('already');
  });
});

describe('time-elapsed progress of the plan', () => {
  it('is m/12 with a flat profile and the seasonal profile otherwise', () => {
    expect(plannedShareThrough(Array<number>(12).fill(1), 3)).toBeCloseTo(0.25, 10);
    expect(plannedShareThrough(null, 6)).toBeCloseTo(0.44, 10);
    expect(plannedShareThrough(null, 12)).toBeCloseTo(1, 10);
  });
  it('expects nothing before a mid-year start month', () => {
    const plan = { year: 2025, planned: 1000, profile: null, startMonth: 7, completionMonth: null };
    expect(expectedShare(plan, 6)).toBe(0);
    expect(expectedShare(plan, 12)).toBeCloseTo(1, 10);
    // July–December of the seasonal profile: 9+9+9+9+10+10 = 56 points; July alone 9/56.
    expect(expectedShare(plan, 7)).toBeCloseTo(9 / 56, 10);
  });
  it('judges the last month whose return is due', () => {
    expect(judgedMonth('2025-06-15', rules)).toBe('2025-05');
    expect(judgedMonth('2025-06-05', rules)).toBe('2025-04');
    expect(judgedMonth('2025-01-10', rules)).toBe('2024-12');
  });
});

describe('lights', () => {
  it('a project on plan is green', () => {
    const subject = building();
    const lights = projectLights(subject, TODAY, rules);
    expect(lights).toEqual([]);
    expect(projectColour(subject, lights)).toBe('green');
  });

  it('names the green lights too, each with its reason', () => {
    const subject = building();
    const all = watchedLights(subject, TODAY, rules);
    expect(all.map((l) => `${l.kind} ${l.colour}`)).toEqual([
      'start green',
      'investment green',
      'completion green',
      'return green',
    ]);
    expect(projectColour(subject, all)).toBe('green');
    expect(all.find((l) => l.kind === 'return')!.explanation.zh).toBe('截至2025-05的月报均已报送');
    expect(all.find((l) => l.kind === 'investment')!.explanation.zh).toContain('与计划序时进度（2025-05末41.7%）相比');
    // A lit light replaces the green one of its kind; the others stay green.
    const late = watchedLights(building({ returns: building().returns.slice(0, 4) }), TODAY, rules);
    expect(late.find((l) => l.kind === 'return')!.colour).toBe('yellow');
    expect(late.filter((l) => l.kind === 'return')).toHaveLength(1);
    // Nothing planned: nothing watched.
    const reserve = building({
      stage: 'reserve',
      plannedStart: null,
      actualStart: null,
      plannedCompletion: null,
      returns: [],
    });
    expect(watchedLights(reserve, TODAY, rules)).toEqual([]);
    expect(projectColour(reserve, [])).toBe('none');
  });

  it('start due and not started: yellow, then red three months on', () => {
    const notStarted = building({ stage: 'preparation', plannedStart: '2025-04-01', actualStart: null, returns: [] });
    const yellow = projectLights(notStarted, TODAY, rules);
    expect(yellow).toHaveLength(1);
    expect(yellow[0]).toMatchObject({ kind: 'start', colour: 'yellow' });
    expect(yellow[0]!.explanation.zh).toBe(
      '计划2025-04-01开工，已逾期75天仍未开工（逾期超过3个月为红灯，2025-07-01起转红）',
    );
    const red = projectLights(notStarted, '2025-07-01', rules);
    expect(red[0]).toMatchObject({ kind: 'start', colour: 'red' });
    expect(red[0]!.explanation.en).toContain('not started 91 days later');
    // The day before the three months are up it is still yellow.
    expect(projectLights(notStarted, '2025-06-30', rules)[0]!.colour).toBe('yellow');
    // Not yet due: nothing.
    expect(projectLights({ ...notStarted, plannedStart: '2025-06-15' }, TODAY, rules)).toEqual([]);
  });

  it('investment 10 points behind the plan is yellow, 30 red (configurable)', () => {
    // Flat plan of 10,000万元: 5/12 = 41.7 % expected by the end of May.
    const yellow = building({
      returns: [...building().returns.slice(0, 4), { month: '2025-05', status: 'approved', ytd: 3000 }],
    });
    const lights = projectLights(yellow, TODAY, rules);
    expect(lights).toHaveLength(1);
    expect(lights[0]).toMatchObject({ kind: 'investment', colour: 'yellow' });
    expect(lights[0]!.explanation.zh).toBe(
      '截至2025-05已审核完成3000万元，占年度计划10000万元的30%，落后计划序时进度（2025-05末41.7%）11.7个百分点（落后10个百分点为黄灯、30个百分点为红灯）',
    );
    const red = building({ returns: [{ month: '2025-05', status: 'approved', ytd: 1000 }] });
    expect(projectLights(red, TODAY, rules).find((l) => l.kind === 'investment')?.colour).toBe('red');
    // With 15 / 40 points configured, 11.7 behind is fine.
    const lenient = resolveProjectRules({ investmentYellowPoints: 15, investmentRedPoints: 40 });
    expect(projectLights(yellow, TODAY, lenient)).toEqual([]);
  });

  it('counts only approved returns toward the year to date', () => {
    const pending = building({
      returns: [...building().returns.slice(0, 4), { month: '2025-05', status: 'submitted', ytd: 4200 }],
    });
    // April's approved 3,300 against 41.7 % expected: 8.7 behind, not lit; the return is filed (submitted).
    expect(projectLights(pending, TODAY, rules)).toEqual([]);
    const none = building({ returns: building().returns.map((r) => ({ ...r, status: 'submitted' as const })) });
    const lit = projectLights(none, TODAY, rules);
    expect(lit[0]!.kind).toBe('investment');
    expect(lit[0]!.explanation.zh).toContain('2025年尚无已审核的月报，按0计');
  });

  it('completion date passed is red', () => {
    const late = building({ plannedCompletion: '2025-05-31' });
    const light = projectLights(late, TODAY, rules).find((l) => l.kind === 'completion');
    expect(light).toMatchObject({ colour: 'red' });
    expect(light!.explanation.zh).toBe('计划2025-05-31竣工，已逾期15天仍未竣工');
    expect(projectLights({ ...late, stage: 'completed', actualCompletion: '2025-05-30' }, TODAY, rules)).toEqual([]);
  });

  it('a missing return is yellow, two are red; a returned one is not filed', () => {
    const oneMissing = building({ returns: building().returns.slice(0, 4) });
    const lights = projectLights(oneMissing, TODAY, rules);
    const light = lights.find((l) => l.kind === 'return');
    expect(light).toMatchObject({ colour: 'yellow' });
    expect(light!.explanation.zh).toBe(
      '2025-05共1个月的月报未报送（2025-05的月报应于2025-06-05前报送；缺报2个月及以上为红灯）',
    );
    const returned = building({
      returns: [
        ...building().returns.slice(0, 3),
        { month: '2025-04', status: 'returned', ytd: 3300 },
        { month: '2025-05', status: 'draft', ytd: 4200 },
      ],
    });
    expect(missingReturns(returned, TODAY, rules)).toEqual(['2025-04', '2025-05']);
    expect(projectLights(returned, TODAY, rules).find((l) => l.kind === 'return')?.colour).toBe('red');
    expect(projectColour(returned, projectLights(returned, TODAY, rules))).toBe('red');
  });

  it('owes no return before the ledger began or after completion', () => {
    const old = building({ actualStart: '2023-05-01', returns: building().returns });
    expect(missingReturns(old, TODAY, rules, { ledgerStart: '2025-01' })).toEqual([]);
    expect(missingReturns(old, TODAY, rules).length).toBe(20);
    const done = building({
      stage: 'completed',
      actualCompletion: '2025-03-20',
      returns: building().returns.slice(0, 3),
    });
    expect(missingReturns(done, TODAY, rules)).toEqual([]);
  });

  it('a reserve project with no planned start has no colour', () => {
    const reserve = building({ stage: 'reserve', plannedStart: null, actualStart: null, returns: [] });
    expect(projectColour(reserve, projectLights(reserve, TODAY, rules))).toBe('none');
  });
});

describe('the monthly return', () => {
  const project = {
    stage: 'underConstruction' as const,
    actualStart: '2025-03-18',
    actualCompletion: null,
    totalInvestment: 50_000,
  };
  const figures = (overrides: Partial<ReturnFigures> = {}): ReturnFigures => ({
    month: '2025-05',
    thisMonth: 600,
    ytd: 2000,
    sinceStart: 2000,
    progressPercent: 20,
    workers: 120,
    ...overrides,
  });

  it('refuses negative figures, naming the field', () => {
    expect(validateReturn(figures({ thisMonth: -1 }), project)).toEqual([
      { field: 'thisMonth', message: { zh: '不能为负数', en: 'must not be negative' } },
    ]);
  });
  it('refuses a month before the start or after the completion', () => {
    expect(validateReturn(figures({ month: '2025-02' }), project)[0]!.message.zh).toBe(
      '项目2025-03-18开工，不能填报开工前（2025-02）的月报',
    );
    expect(validateReturn(figures({ month: '2025-03' }), project)).toEqual([]);
    const done = { ...project, stage: 'completed' as const, actualCompletion: '2025-04-30' };
    expect(validateReturn(figures(), done)[0]!.field).toBe('month');
    expect(validateReturn(figures(), { ...project, stage: 'preparation', actualStart: null })[0]!.message.en).toContain(
      'not started',
    );
  });
  it('refuses a progress percentage out of range', () => {
    expect(validateReturn(figures({ progressPercent: 120 }), project)[0]!.field).toBe('progressPercent');
  });

  it('warns of a cumulative figure above the total investment', () => {
    const warnings = plausibilityWarnings(
      figures({ sinceStart: 60_000 }),
      project,
      { annualPlanned: 20_000, previous: { month: '2025-04', ytd: 1400, sinceStart: 1400 } },
      rules,
    );
    expect(warnings.map((w) => w.kind)).toEqual(['cumulativeAboveTotal']);
    expect(warnings[0]!.message.zh).toBe('开工累计完成60000万元，超过项目总投资50000万元');
  });
  it('warns of a month above the configured share of the annual plan (超进度)', () => {
    const warnings = plausibilityWarnings(
      figures({ thisMonth: 900, ytd: 2500, sinceStart: 2500 }),
      project,
      { annualPlanned: 2000, previous: { month: '2025-04', ytd: 1600, sinceStart: 1600 } },
      rules,
    );
    expect(warnings.map((w) => w.kind)).toEqual(['monthAboveShare']);
    expect(warnings[0]!.message.zh).toBe('本月完成900万元，超过年度计划2000万元的40%（800万元）');
    expect(
      plausibilityWarnings(
        figures({ thisMonth: 900, ytd: 2500, sinceStart: 2500 }),
        project,
        { annualPlanned: 2000, previous: { month: '2025-04', ytd: 1600, sinceStart: 1600 } },
        resolveProjectRules({ monthShareWarning: 0.5 }),
      ),
    ).toEqual([]);
  });
  it('warns when the year to date goes down or does not add up', () => {
    const warnings = plausibilityWarnings(
      figures({ thisMonth: 0, ytd: 1500, sinceStart: 1500 }),
      project,
      { annualPlanned: 20_000, previous: { month: '2025-04', ytd: 1600, sinceStart: 1600 } },
      rules,
    );
    expect(warnings.map((w) => w.kind)).toEqual(['ytdDown', 'sinceStartDown', 'ytdMismatch']);
    expect(warnings[0]!.message.zh).toBe('本年累计1500万元，低于上月（2025-04）的1600万元');
  });
  it('starts the year to date afresh in January', () => {
    const january = figures({ month: '2026-01', thisMonth: 300, ytd: 300, sinceStart: 9300 });
    expect(
      plausibilityWarnings(
        january,
        project,
        { annualPlanned: 20_000, previous: { month: '2025-12', ytd: 9000, sinceStart: 9000 } },
        rules,
      ),
    ).toEqual([]);
    expect(
      plausibilityWarnings({ ...january, ytd: 9300 }, project, { annualPlanned: 20_000, previous: null }, rules).map(
        (w) => w.kind,
      ),
    ).toEqual(['ytdMismatch']);
  });
});

describe('aggregates', () => {
  const project = (id: string, unitId: string, overrides: Partial<AggregateProject> = {}): AggregateProject => ({
    id,
    unitId,
    level: 'city',
    chain: 'vanadiumTitanium',
    stage: 'underConstruction',
    totalInvestment: 100_000,
    actualStart: '2022-06-01',
    actualCompletion: null,
    ...overrides,
  });

  it('the city in 2023: 336.1亿元 of 265.5亿元 planned = 126.6 %', () => {
    // 216 key projects; 215 at 1.2亿元 planned and 1.5亿元 done, the last taking the remainder of both totals.
    const projects = Array.from({ length: 216 }, (_, i) => project(`p${i}`, i % 2 === 0 ? 'dongqu' : 'xiqu'));
    const planned = new Map(projects.map((p, i) => [p.id, i < 215 ? 12_000 : 2_655_000 - 215 * 12_000]));
    const ytd = new Map(projects.map((p, i) => [p.id, i < 215 ? 15_000 : 3_361_000 - 215 * 15_000]));
    const city = aggregateUnit('city', { month: '2023-12', projects, planned, ytd }, projects);
    expect(city.keyProjects.actual).toBe(216);
    expect(city.planned).toBe(2_655_000);
    expect(city.ytd).toBe(3_361_000);
    expect(city.rate).toBeCloseTo(1.2659, 4);
    expect(Math.round(city.rate! * 1000) / 10).toBe(126.6);
    expect(city.timeElapsed).toBe(1);
    expect(Math.round(city.pointsAgainstTime! * 10) / 10).toBe(26.6);
  });

  it('西区 2025: 43 key projects, 17 new starts of 17, 7 completions of 8, the reserve against 80亿元', () => {
    const projects: AggregateProject[] = [];
    for (let i = 0; i < 43; i++) {
      projects.push(
        project(`x${i}`, 'xiqu', {
          level: i < 5 ? 'provincial' : 'city',
          chain: i % 3 === 0 ? 'cleanEnergy' : 'vanadiumTitanium',
          stage: i < 17 ? 'newlyStarted' : i < 24 ? 'completed' : 'underConstruction',
          actualStart: i < 17 ? '2025-03-10' : '2023-04-01',
          actualCompletion: i >= 17 && i < 24 ? '2025-05-20' : null,
        }),
      );
    }
    // One completion dated after the judged month does not count yet.
    projects.push(
      project('late', 'xiqu', { stage: 'completed', actualStart: '2023-01-01', actualCompletion: '2025-07-02' }),
    );
    // A district project: in byLevel, not in the key figures.
    projects.push(project('d1', 'xiqu', { level: 'district', actualStart: '2025-02-01', stage: 'newlyStarted' }));
    // The reserve: 850,000万元 in three projects at the reserve and preparation stages (whatever their level).
    projects.push(project('r1', 'xiqu', { stage: 'reserve', totalInvestment: 500_000, actualStart: null }));
    projects.push(project('r2', 'xiqu', { stage: 'preparation', totalInvestment: 300_000, actualStart: null }));
    projects.push(
      project('r3', 'xiqu', { level: 'district', stage: 'reserve', totalInvestment: 50_000, actualStart: null }),
    );
    // Another district's project, in the city only.
    projects.push(project('e1', 'dongqu', { actualStart: '2025-04-01', stage: 'newlyStarted' }));
    const planned = new Map<string, number>();
    const ytd = new Map<string, number>();
    for (const p of projects) {
      if (p.stage === 'reserve' || p.stage === 'preparation') continue;
      planned.set(p.id, 10_000);
      ytd.set(p.id, 4_000);
    }
    const targets = new Map([['xiqu', { keyProjects: 43, newStarts: 17, completions: 8, reserve: 800_000 }]]);
    const result = aggregateLedger('city', { month: '2025-06', projects, planned, ytd, targets });
    const xiqu = result.get('xiqu')!;
    expect(xiqu.keyProjects).toEqual({ actual: 44, target: 43, met: true });
    expect(xiqu.newStarts).toEqual({ actual: 17, target: 17, met: true });
    expect(xiqu.completions).toEqual({ actual: 7, target: 8, met: false });
    expect(xiqu.reserve).toEqual({ actual: 850_000, target: 800_000, met: true, count: 3 });
    expect(xiqu.planned).toBe(440_000);
    expect(xiqu.rate).toBeCloseTo(0.4, 10);
    expect(xiqu.timeElapsed).toBe(0.5);
    expect(xiqu.pointsAgainstTime).toBeCloseTo(-10, 10);
    expect(xiqu.byLevel.provincial).toEqual({ count: 5, planned: 50_000, ytd: 20_000, rate: 0.4 });
    expect(xiqu.byLevel.district.count).toBe(1);
    expect(xiqu.byChain.cleanEnergy!.count).toBe(15);
    expect(xiqu.byChain.vanadiumTitanium!.count).toBe(29);
    const city = result.get('city')!;
    expect(city.keyProjects).toEqual({ actual: 45, target: null, met: null });
    expect(city.newStarts.actual).toBe(18);
    expect(result.get('dongqu')!.keyProjects.actual).toBe(1);
  });

  it('a unit without a plan has no rate', () => {
    const agg = aggregateUnit('u', { month: '2025-03', projects: [], planned: new Map(), ytd: new Map() }, []);
    expect(agg.rate).toBeNull();
    expect(agg.pointsAgainstTime).toBeNull();
  });
});

describe('rules', () => {
  it('refuses red before yellow', () => {
    expect(() => resolveProjectRules({ investmentYellowPoints: 30, investmentRedPoints: 10 })).toThrow(
      /investmentRedPoints/,
    );
  });
});
