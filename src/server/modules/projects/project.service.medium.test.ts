/**
 * Medium tests of the major-project ledger on each dialect, with the default data and a test clock (2025-06-15,
 * Beijing: May's return is due and judged): registering projects and the refusals naming their field, stage moves
 * and adjustments, plans drafted → submitted → frozen, returns filed → submitted → approved or returned with their
 * scope, problems becoming list problems and, when late, supervision notices, the aggregates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../access/policy.ts';
import { AppError } from '../../errors.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { testDialects } from '../../../../test/databases.ts';
import { projectInputSchema, returnInputSchema, planInputSchema } from '../../../shared/api/projects.ts';
import type { ProjectService } from './project.service.ts';

function person(role: string, scope: string[]): Actor {
  return {
    userId: `u-${role}-${scope.join('-')}`,
    username: role,
    displayName: role,
    role: role as Actor['role'],
    entryScope: scope,
    viewScope: scope,
    workTeamId: null,
    sessionId: 'test',
    ip: '127.0.0.1',
  };
}

async function refused(p: Promise<unknown>, code: ErrorCode, field?: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code, `${err.message} ${JSON.stringify(err.details)}`).toBe(code);
    if (field) expect(err.details?.map((d) => d.field)).toContain(field);
    return err;
  }
  throw new Error('expected a refusal');
}

const project = (overrides: Record<string, unknown> = {}) =>
  projectInputSchema.parse({
    code: '2024-510403-32-03-900001',
    name: '测试钛材深加工项目',
    owner: '攀枝花测试钛业有限公司',
    level: 'city',
    chain: 'vanadiumTitanium',
    districtId: 'xiqu',
    totalInvestment: 50_000,
    funding: [
      { source: 'ownFunds', amount: 40_000 },
      { source: 'bankLoans', amount: 10_000 },
    ],
    stage: 'preparation',
    plannedStart: '2025-03-01',
    plannedCompletion: '2026-12-31',
    ...overrides,
  });

const figures = (overrides: Record<string, unknown> = {}) =>
  returnInputSchema.parse({
    version: null,
    thisMonth: 800,
    ytd: 800,
    sinceStart: 800,
    progressText: '场地平整完成，主厂房基础施工',
    progressPercent: 5,
    workers: 120,
    ...overrides,
  });

describe.each(testDialects())('the project ledger on %s', (dialect) => {
  let t: TestApp;
  let projects: ProjectService;
  let changes = 0;
  const xiqu = person('districtReporter', ['xiqu']);
  const dongqu = person('districtReporter', ['dongqu']);
  const reviewer = person('reviewer', ['city']);
  const xiquReviewer = person('reviewer', ['xiqu']);
  const dongquReviewer = person('reviewer', ['dongqu']);
  const centre = person('coordinator', ['city']);
  const leader = person('leader', ['city']);
  let id = '';

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2025-06-15T02:00:00Z' });
    projects = t.ctx.projects;
    t.ctx.events.on('projects.changed', () => changes++);
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers a project; refuses what is wrong, naming the field', async () => {
    const before = changes;
    const created = await projects.create(xiqu, project());
    id = created.id;
    expect(created.version).toBe(1);
    expect(changes).toBe(before + 1);
    await refused(projects.create(xiqu, project()), 'VALIDATION', 'code'); // duplicate
    await refused(projects.create(xiqu, project({ code: '2024-110101-32-03-900002' })), 'VALIDATION', 'code');
    await refused(projects.create(xiqu, project({ code: 'X-1' })), 'VALIDATION', 'code');
    await refused(
      projects.create(xiqu, project({ code: '2024-510403-32-03-900003', chain: 'tea' })),
      'VALIDATION',
      'chain',
    );
    await refused(
      projects.create(
        xiqu,
        project({ code: '2024-510403-32-03-900004', funding: [{ source: 'ownFunds', amount: 60_000 }] }),
      ),
      'VALIDATION',
      'funding',
    );
    await refused(
      projects.create(xiqu, project({ code: '2024-510403-32-03-900005', stage: 'underConstruction' })),
      'VALIDATION',
      'actualStart',
    );
    // Another district's reporter registers nothing in 西区.
    await refused(projects.create(dongqu, project({ code: '2024-510403-32-03-900006' })), 'OUT_OF_SCOPE');
    // A negative investment never passes the shared schema.
    expect(projectInputSchema.safeParse({ ...project(), totalInvestment: -1 }).success).toBe(false);
    // Nothing half-written: the refused codes are not in the ledger.
    const page = await projects.search(centre, projectFilter({ q: '90000' }));
    expect(page.views.map((v) => v.row.code)).toEqual(['2024-510403-32-03-900001']);
  });

  it('is late to start (yellow, then red from three months) with the reason in words', async () => {
    const [view] = await projects.views([(await projects.repo.project(projects.repo.k, id))!]);
    expect(view!.light).toBe('red');
    expect(view!.lights[0]!.explanation.zh).toContain('计划2025-03-01开工，已逾期106天仍未开工');
  });

  it('moves stages forwards, never back without an approved adjustment', async () => {
    let version = 1;
    await refused(projects.moveStage(xiqu, id, { version, to: 'newlyStarted', on: '2025-07-01' }), 'VALIDATION', 'on');
    version = (await projects.moveStage(xiqu, id, { version, to: 'newlyStarted', on: '2025-03-18' })).version;
    await refused(projects.moveStage(xiqu, id, { version: 1, to: 'underConstruction', on: '2025-04-01' }), 'CONFLICT');
    await refused(projects.moveStage(xiqu, id, { version, to: 'preparation', on: '2025-04-01' }), 'VALIDATION', 'to');
    const adj = await projects.requestAdjustment(xiqu, id, { to: 'preparation', reason: '误报开工' });
    await refused(projects.decideAdjustment(xiqu, adj.id, { approve: true, comment: '' }), 'OUT_OF_SCOPE');
    await projects.decideAdjustment(centre, adj.id, { approve: true, comment: '同意' });
    version = (
      await projects.moveStage(xiqu, id, { version, to: 'preparation', on: '2025-04-01', adjustmentId: adj.id })
    ).version;
    let row = await projects.repo.project(projects.repo.k, id);
    expect(row?.stage).toBe('preparation');
    expect(row?.actual_start).toBeNull();
    // The adjustment is used: a second backward move needs a new one.
    version = (await projects.moveStage(xiqu, id, { version, to: 'newlyStarted', on: '2025-04-02' })).version;
    await refused(
      projects.moveStage(xiqu, id, { version, to: 'preparation', on: '2025-04-03', adjustmentId: adj.id }),
      'VALIDATION',
      'adjustmentId',
    );
    row = await projects.repo.project(projects.repo.k, id);
    expect(row?.actual_start).toBe('2025-04-02');
    const detail = await projects.detail(centre, id);
    expect(detail.events.map((e) => e.stage)).toEqual(['preparation', 'newlyStarted', 'preparation', 'newlyStarted']);
  });

  it('drafts, submits and freezes the annual plan like a target', async () => {
    const plan = planInputSchema.parse({ version: null, planned: 12_000, startMonth: 4 });
    const saved = await projects.savePlan(xiqu, id, 2025, plan);
    await refused(projects.savePlan(xiqu, id, 2025, plan), 'CONFLICT');
    await refused(projects.savePlan(xiqu, id, 2025, { ...plan, version: 1, planned: 60_000 }), 'VALIDATION', 'planned');
    await refused(projects.submitPlans(dongqu, [saved.id]), 'OUT_OF_SCOPE');
    await projects.submitPlans(xiqu, [saved.id]);
    await refused(projects.savePlan(xiqu, id, 2025, { ...plan, version: 2 }), 'INVALID_STATE');
    await refused(
      projects.reviewPlans(dongquReviewer, { ids: [saved.id], decision: 'freeze', comment: '' }),
      'OUT_OF_SCOPE',
    );
    await projects.reviewPlans(reviewer, { ids: [saved.id], decision: 'freeze', comment: '' });
    await refused(projects.savePlan(xiqu, id, 2025, { ...plan, version: 3 }), 'INVALID_STATE');
    await refused(projects.reopenPlan(reviewer, saved.id, '调整'), 'OUT_OF_SCOPE');
    const reopened = await projects.reopenPlan(centre, saved.id, '年中调整');
    expect(reopened.version).toBe(4);
    await projects.savePlan(xiqu, id, 2025, { ...plan, version: 4, planned: 10_000 });
  });

  it('files returns within scope, refuses bad months, warns of doubtful figures', async () => {
    await refused(projects.saveReturn(dongqu, id, '2025-04', figures()), 'OUT_OF_SCOPE');
    await refused(projects.saveReturn(xiqu, id, '2025-03', figures()), 'VALIDATION', 'month'); // before the start
    await refused(projects.saveReturn(xiqu, id, '2025-07', figures()), 'VALIDATION', 'month'); // the future
    const april = await projects.saveReturn(xiqu, id, '2025-04', figures());
    expect(april.warnings).toEqual([]);
    const may = await projects.saveReturn(
      xiqu,
      id,
      '2025-05',
      figures({
        thisMonth: 5_000,
        ytd: 5_000,
        sinceStart: 5_800,
        problems: [{ description: '施工用电接入需协调', ownerUnitId: 'xiqu', dueDate: '2025-06-10' }],
      }),
    );
    expect(may.warnings.map((w) => w.kind)).toEqual(['monthAboveShare', 'ytdMismatch']);
    await refused(projects.saveReturn(xiqu, id, '2025-05', figures({ version: 2 })), 'CONFLICT');
    // Nothing half-written: a refused problem leaves the return as it was.
    await refused(
      projects.saveReturn(
        xiqu,
        id,
        '2025-05',
        figures({ version: 1, problems: [{ description: 'x', ownerUnitId: 'nowhere', dueDate: '2025-06-10' }] }),
      ),
      'VALIDATION',
      'problems.0.ownerUnitId',
    );
    const stored = await projects.repo.returnOf(projects.repo.k, id, '2025-05');
    expect(stored?.this_month).toBe(5_000);
    expect(stored?.version).toBe(1);
    await projects.submitReturns(xiqu, [april.id, may.id]);
    await refused(projects.saveReturn(xiqu, id, '2025-05', figures({ version: 2 })), 'INVALID_STATE');
  });

  it('is reviewed within scope: returned with a reason, refiled, approved', async () => {
    const may = (await projects.repo.returnOf(projects.repo.k, id, '2025-05'))!;
    const april = (await projects.repo.returnOf(projects.repo.k, id, '2025-04'))!;
    await refused(
      projects.reviewReturns(dongquReviewer, { ids: [may.id], decision: 'approve', comment: '' }),
      'OUT_OF_SCOPE',
    );
    await refused(
      projects.reviewReturns(xiquReviewer, { ids: [may.id], decision: 'return', comment: '' }),
      'VALIDATION',
      'comment',
    );
    await projects.reviewReturns(xiquReviewer, { ids: [may.id], decision: 'return', comment: '本年累计应含4月' });
    const refiled = await projects.saveReturn(
      xiqu,
      id,
      '2025-05',
      figures({
        version: 3,
        thisMonth: 1_200,
        ytd: 2_000,
        sinceStart: 2_000,
        problems: [{ description: '施工用电接入需协调', ownerUnitId: 'xiqu', dueDate: '2025-06-10' }],
      }),
    );
    expect(refiled.warnings).toEqual([]);
    await projects.submitReturns(xiqu, [may.id]);
    await projects.reviewReturns(xiquReviewer, { ids: [april.id, may.id], decision: 'approve', comment: '' });
    const [view] = await projects.views([(await projects.repo.project(projects.repo.k, id))!]);
    expect(view!.ytd).toBe(2_000);
    // 2,000 of 10,000 against the plan from April: (4+5+8+8+9+10 ... limited to April–May) is well ahead of nothing.
    expect(view!.lights.filter((l) => l.colour !== 'green').map((l) => l.kind)).not.toContain('return');
    // The stored lights follow the review (they are what the ledger's table reads), the green ones named too.
    const stored = (await projects.repo.project(projects.repo.k, id))!;
    expect(stored.light).toBe(view!.light);
    expect(JSON.parse(stored.lights)).toEqual(view!.lights);
    expect(stored.judged_ytd).toBe(2_000);
    expect(view!.lights.find((l) => l.kind === 'return')?.colour).toBe('green');
    const page = await projects.search(centre, projectFilter({ q: stored.code ?? '' }));
    expect(page.views[0]!.lights).toEqual(view!.lights);
  });

  it('turns a problem into a list problem and, when late, a supervision notice', async () => {
    // A seeded project of 西区 that is a major-project item of the lists (one project, not two).
    const seeded = (await projects.repo.projects(projects.repo.k, { districtIds: ['xiqu'] })).find(
      (p) => p.list_item_id !== null && p.stage === 'underConstruction',
    )!;
    expect(seeded).toBeDefined();
    const previous = await projects.repo.previousReturn(projects.repo.k, seeded.id, '2025-06');
    const june = await projects.saveReturn(
      xiqu,
      seeded.id,
      '2025-06',
      figures({
        version: null,
        thisMonth: 900,
        ytd: (previous?.ytd ?? 0) + 900,
        sinceStart: (previous?.since_start ?? 0) + 900,
        problems: [{ description: '林地审批需市林业局协调', ownerUnitId: 'xiqu', dueDate: '2025-06-14' }],
      }),
    );
    await projects.submitReturns(xiqu, [june.id]);
    const problems = await projects.repo.problems(projects.repo.k, { returnIds: [june.id] });
    const listProblems = await t.ctx.lists.repo.problems(t.ctx.lists.repo.k, [seeded.list_item_id!]);
    expect(listProblems.map((p) => p.id)).toContain(problems[0]!.list_problem_id);
    // Our own project (not on the lists) had a problem due 2025-06-10: it stays the ledger's, without a notice.
    const run = await projects.runDaily(t.clock.now());
    expect(run.notices).toBe(1);
    const notices = await t.ctx.lists.repo.notices(t.ctx.lists.repo.k, [seeded.list_item_id!]);
    expect(notices.at(-1)!.problem).toContain('林地审批需市林业局协调');
    expect(notices.at(-1)!.code).toMatch(/^督办〔2025〕\d+号$/);
    // Once per problem.
    expect((await projects.runDaily(t.clock.now())).notices).toBe(0);
  });

  it('feeds the framework: an approved return moves the fed figures', async () => {
    const ytd = projects.feed('ytd');
    const before = (await ytd(['xiqu', 'city'], 2025)).get('xiqu')!;
    const seeded = (await projects.repo.projects(projects.repo.k, { districtIds: ['xiqu'] })).filter(
      (p) => p.stage === 'underConstruction' && p.generated === 1,
    );
    let moved = false;
    for (const p of seeded) {
      const may = await projects.repo.returnOf(projects.repo.k, p.id, '2025-05');
      if (may?.status !== 'submitted') continue;
      const april = await projects.repo.returnOf(projects.repo.k, p.id, '2025-04');
      await projects.reviewReturns(xiquReviewer, { ids: [may.id], decision: 'approve', comment: '' });
      const after = (await ytd(['xiqu'], 2025)).get('xiqu')!;
      expect(after).toBeCloseTo(before + (may.ytd - (april?.ytd ?? 0)) / 10_000, 1);
      moved = true;
      break;
    }
    expect(moved).toBe(true);
    const planned = await projects.feed('planned')(['xiqu'], 2025);
    expect(planned.get('xiqu')).toBeGreaterThan(0);
    expect((await projects.feed('keyProjects')(['xiqu'], 2025)).get('xiqu')).toBe(44); // 43 seeded + the test's
    expect((await projects.feed('ytd')(['xiqu'], 2026)).size).toBe(0); // a year not begun
    const reserve = (await projects.feed('reserve')(['xiqu', 'city'], 2025)).get('city')!;
    expect(reserve).toBeLessThan(1303.8); // the city's reserve is not a multiple of its GDP (亿元)
    expect((await projects.feed('reserve')(['xiqu'], 2025)).get('xiqu')).toBeGreaterThanOrEqual(80);
  });

  it('stores the lights and judges them again each day ("start overdue" moves with the date)', async () => {
    const late = await projects.create(
      xiqu,
      project({ code: '2024-510403-32-03-900077', stage: 'preparation', plannedStart: '2025-05-01' }),
    );
    const light = async () => {
      const page = await projects.search(centre, projectFilter({ q: '900077' }));
      return page.views[0]!.lights.find((l) => l.kind === 'start')!;
    };
    expect((await light()).colour).toBe('yellow');
    const start = t.clock.now();
    try {
      t.clock.set('2025-08-02T02:00:00Z');
      await projects.runDaily(t.clock.now());
      const stored = (await projects.repo.project(projects.repo.k, late.id))!;
      expect(stored.lights_on).toBe('2025-08-02');
      expect(stored.light).toBe('red');
      expect((await light()).explanation.zh).toContain('计划2025-05-01开工，已逾期93天仍未开工');
    } finally {
      t.clock.set(start);
      await projects.runDaily(t.clock.now());
    }
    expect((await light()).colour).toBe('yellow');
  });

  it('aggregates for the reader’s scope', async () => {
    const a = await projects.aggregates(leader);
    expect(a.month).toBe('2025-05');
    const xq = a.units.find((u) => u.unitId === 'xiqu')!;
    expect(xq.keyProjects.target).toBe(43);
    expect(xq.newStarts.target).toBe(17);
    const city = a.units.find((u) => u.unitId === 'city')!;
    expect(city.ytd).toBeGreaterThanOrEqual(xq.ytd);
    const own = await projects.aggregates(xiqu);
    expect(own.units.map((u) => u.unitId)).toEqual(['xiqu']);
  });
});

function projectFilter(f: Record<string, unknown>) {
  return { sort: 'code' as const, page: 1, pageSize: 50, ...f };
}
