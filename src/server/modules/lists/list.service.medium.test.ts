/**
 * Medium tests of the lists: the service against a real database of each dialect, with the default data and a test
 * clock. The workflow end to end, refused transitions, approvals, and the daily warnings.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../access/policy.ts';
import { addDays } from '../../../domain/lists/dates.ts';
import { AppError } from '../../errors.ts';
import type { ItemInput } from '../../../shared/api/lists.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { testDialects } from '../../../../test/databases.ts';

async function actor(t: TestApp, username: string): Promise<Actor> {
  const u = await t.ctx.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Actor['role'],
    entryScope: JSON.parse(u.entry_scope) as string[],
    viewScope: JSON.parse(u.view_scope) as string[],
    workTeamId: u.work_team_id,
    sessionId: 'test',
    ip: '127.0.0.1',
  };
}

/** A factory for a valid draft: a 西区 reform item of 2024 with two milestones; override what the test is about. */
function draft(overrides: Partial<ItemInput> = {}): ItemInput {
  return {
    kind: 'reform',
    year: 2024,
    title: '低保家庭就业帮扶（测试）',
    content: '',
    dimensionCode: 'D5',
    workTeamId: 'team-d5',
    leaderName: '西区副区长（社会事业）',
    leadUnitId: 'xiqu',
    coUnitIds: ['dept-rsj'],
    personInCharge: '张三',
    contact: '',
    districtId: 'xiqu',
    startDate: '2024-10-01',
    deadline: '2024-12-31',
    target: { unit: '%', floor: 40, stretch: 45, indicatorCode: 'D5-03' },
    milestones: [
      { title: '制定实施方案', plannedDate: '2024-11-15' },
      { title: '形成可复制经验', plannedDate: '2024-12-20' },
    ],
    ...overrides,
  };
}

/** The one draft created. */
async function one(p: Promise<{ id: string; code: string }[]>): Promise<{ id: string; code: string }> {
  const [first] = await p;
  if (!first) throw new Error('no draft created');
  return first;
}

async function refused(p: Promise<unknown>, code: ErrorCode): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === code);
}

describe.each(testDialects())('lists workflow on %s', (dialect) => {
  let t: TestApp;
  let gfb: Actor, leader: Actor, xiqu: Actor, tjj: Actor, shenhe: Actor;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    gfb = await actor(t, 'gfb');
    leader = await actor(t, 'leader');
    xiqu = await actor(t, 'xiqu');
    tjj = await actor(t, 'tjj');
    shenhe = await actor(t, 'shenhe');
  });
  afterAll(async () => t.close());

  const svc = () => t.ctx.lists;
  // The workflow below is dated in November 2024 (the default data is loaded on 2024-12-05).
  beforeEach(() => t.clock.set('2024-11-05T02:00:00Z'));
  const version = async (id: string, who: Actor = gfb) => (await svc().views.detail(who, id)).item.version;

  it('walks drafted → issued → acknowledged → in progress → completion requested → closed, refusing acts out of order', async () => {
    const { id, code } = await one(svc().workflow.createDrafts(gfb, [draft()]));
    expect(code).toMatch(/^R-2024-\d{3}$/);

    // Not issued yet: the lead unit cannot acknowledge; and does not see a draft? It does: it leads it.
    await refused(svc().workflow.acknowledge(xiqu, id, 1, null), 'INVALID_STATE');
    // Only the coordination centre issues.
    await refused(svc().workflow.issue(xiqu, id, 1, null), 'FORBIDDEN');
    await svc().workflow.issue(gfb, id, 1, '请按期推进');
    // A stale version is refused.
    await refused(svc().workflow.acknowledge(xiqu, id, 1, null), 'CONFLICT');
    // Reporting before acknowledging is refused.
    await refused(
      svc().workflow.report(xiqu, id, {
        version: 2,
        period: '2024-11',
        percent: 30,
        value: null,
        narrative: '启动',
        evidence: null,
        problems: [],
      }),
      'INVALID_STATE',
    );
    // A unit that does not lead the item cannot acknowledge it.
    await refused(svc().workflow.acknowledge(tjj, id, 2, null), 'OUT_OF_SCOPE');
    await svc().workflow.acknowledge(xiqu, id, 2, null);
    expect((await svc().views.detail(xiqu, id)).item.status).toBe('acknowledged');

    await svc().workflow.report(xiqu, id, {
      version: 3,
      period: '2024-11',
      percent: 40,
      value: 41.2,
      narrative: '已制定方案，正在试点',
      evidence: null,
      problems: [{ description: '就业岗位不足', owner: '市人社局', ownerUnitId: 'dept-rsj', dueDate: '2024-11-30' }],
    });
    const afterReport = await svc().views.detail(xiqu, id);
    expect(afterReport.item).toMatchObject({ status: 'inProgress', progressPct: 40 });
    expect(afterReport.reports[0]?.problems[0]).toMatchObject({ owner: '市人社局', status: 'open', canResolve: true });
    // The problem is solved: not by a unit that has nothing to do with it; by the lead unit, once.
    const problemId = afterReport.reports[0]?.problems[0]?.id as string;
    await refused(svc().workflow.resolveProblem(tjj, problemId), 'OUT_OF_SCOPE');
    await svc().workflow.resolveProblem(xiqu, problemId);
    await refused(svc().workflow.resolveProblem(xiqu, problemId), 'INVALID_STATE');
    expect((await svc().views.detail(xiqu, id)).reports[0]?.problems[0]?.status).toBe('resolved');
    // A future month cannot be reported on.
    await refused(
      svc().workflow.report(xiqu, id, {
        version: 4,
        period: '2024-12',
        percent: 50,
        value: null,
        narrative: 'x',
        evidence: null,
        problems: [],
      }),
      'VALIDATION',
    );

    const m1 = afterReport.milestones[0]?.id as string;
    await svc().workflow.completeMilestone(xiqu, id, m1, {
      version: 4,
      completedDate: '2024-11-05',
      evidence: '方案印发文件',
    });
    await refused(
      svc().workflow.completeMilestone(xiqu, id, m1, { version: 5, completedDate: '2024-11-05', evidence: 'x' }),
      'INVALID_STATE',
    );

    await svc().workflow.requestCompletion(xiqu, id, 5, '已完成');
    // The lead unit and leaders do not close; reviewers and the coordination centre do.
    await refused(svc().workflow.close(xiqu, id, 6, null), 'FORBIDDEN');
    await refused(svc().workflow.close(leader, id, 6, null), 'FORBIDDEN');
    await svc().workflow.returnCompletion(shenhe, id, 6, '缺少验收材料');
    expect((await svc().views.detail(gfb, id)).item.status).toBe('inProgress');
    await svc().workflow.requestCompletion(xiqu, id, 7, '补充了验收材料');
    await svc().workflow.close(shenhe, id, 8, '同意销号');
    const closed = await svc().views.detail(gfb, id);
    expect(closed.item.status).toBe('closed');
    expect(closed.history.map((h) => h.action)).toEqual([
      'create',
      'issue',
      'acknowledge',
      'report',
      'resolveProblem',
      'completeMilestone',
      'requestCompletion',
      'returnCompletion',
      'requestCompletion',
      'close',
    ]);
    // Nothing happens to a closed item any more.
    await refused(
      svc().workflow.report(xiqu, id, {
        version: 9,
        period: '2024-11',
        percent: 100,
        value: null,
        narrative: 'x',
        evidence: null,
        problems: [],
      }),
      'INVALID_STATE',
    );
    await refused(svc().notices.issueNotice(gfb, id, { problem: 'x', dueDate: null }), 'INVALID_STATE');
  });

  it('adjusts a deadline only with approval, keeping the original, and never by the one who asked', async () => {
    const { id } = await one(svc().workflow.createDrafts(gfb, [draft({ title: '调整截止日期（测试）' })]));
    await svc().workflow.issue(gfb, id, 1, null);
    await svc().workflow.acknowledge(xiqu, id, 2, null);
    const { adjustmentId } = await svc().workflow.requestAdjustment(xiqu, id, {
      version: 3,
      kind: 'deadline',
      reason: '用地手续延后',
      newDeadline: '2025-03-31',
      newFloor: null,
      newStretch: null,
    });
    // One pending request at a time.
    await refused(
      svc().workflow.requestAdjustment(xiqu, id, {
        version: 4,
        kind: 'deadline',
        reason: 'again',
        newDeadline: '2025-06-30',
        newFloor: null,
        newStretch: null,
      }),
      'INVALID_STATE',
    );
    // The lead unit cannot approve (its role may not decide), nor can a reviewer.
    await refused(svc().workflow.decideAdjustment(xiqu, adjustmentId, { approve: true, note: null }), 'FORBIDDEN');
    await refused(svc().workflow.decideAdjustment(shenhe, adjustmentId, { approve: true, note: null }), 'FORBIDDEN');
    expect((await svc().views.detail(gfb, id)).item.deadline).toBe('2024-12-31');
    await svc().workflow.decideAdjustment(leader, adjustmentId, { approve: true, note: '同意延期' });
    const d = await svc().views.detail(gfb, id);
    expect(d.item).toMatchObject({ deadline: '2025-03-31', originalDeadline: '2024-12-31' });
    expect(d.adjustments[0]).toMatchObject({
      status: 'approved',
      oldDeadline: '2024-12-31',
      newDeadline: '2025-03-31',
    });
    // Decided once only.
    await refused(
      svc().workflow.decideAdjustment(gfb, adjustmentId, { approve: false, note: '重复' }),
      'INVALID_STATE',
    );

    // The coordination centre's own request goes to someone else.
    const own = await svc().workflow.requestAdjustment(gfb, id, {
      version: d.item.version,
      kind: 'target',
      reason: '口径调整',
      newDeadline: null,
      newFloor: 42,
      newStretch: null,
    });
    await refused(svc().workflow.decideAdjustment(gfb, own.adjustmentId, { approve: true, note: null }), 'FORBIDDEN');
    await svc().workflow.decideAdjustment(leader, own.adjustmentId, { approve: true, note: null });
    const d2 = await svc().views.detail(gfb, id);
    expect(d2.item.target).toMatchObject({ floor: 42, stretch: 45 });
    expect(d2.item.originalTarget).toEqual({ floor: 40, stretch: 45 });
  });

  it('cancels only with approval; a rejected cancellation leaves the item running', async () => {
    const { id } = await one(svc().workflow.createDrafts(gfb, [draft({ title: '撤销（测试）' })]));
    await svc().workflow.issue(gfb, id, 1, null);
    const first = await svc().workflow.requestAdjustment(xiqu, id, {
      version: 2,
      kind: 'cancel',
      reason: '政策调整',
      newDeadline: null,
      newFloor: null,
      newStretch: null,
    });
    await svc().workflow.decideAdjustment(gfb, first.adjustmentId, { approve: false, note: '仍需推进' });
    expect((await svc().views.detail(gfb, id)).item.status).toBe('issued');
    const v = await version(id);
    const second = await svc().workflow.requestAdjustment(xiqu, id, {
      version: v,
      kind: 'cancel',
      reason: '上级政策取消',
      newDeadline: null,
      newFloor: null,
      newStretch: null,
    });
    await svc().workflow.decideAdjustment(gfb, second.adjustmentId, { approve: true, note: null });
    const d = await svc().views.detail(gfb, id);
    expect(d.item).toMatchObject({ status: 'cancelled', colour: 'none' });
    expect(d.item.cancelledAt).not.toBeNull();
    expect(d.warnings.every((w) => w.clearedAt !== null)).toBe(true);
    expect(d.adjustments.map((a) => a.status)).toEqual(['approved', 'rejected']);
    // A draft is deleted, an issued item never.
    await refused(svc().workflow.deleteDraft(gfb, id, d.item.version), 'INVALID_STATE');
  });

  it('raises and clears warnings day by day; repeated yellow warnings bring a notice that escalates when unanswered', async () => {
    const rules = await svc().rules();
    const { id } = await one(
      svc().workflow.createDrafts(gfb, [
        draft({
          title: '预警（测试）',
          startDate: '2024-11-01',
          deadline: '2025-04-30',
          milestones: [{ title: '制定实施方案', plannedDate: '2024-11-20' }],
        }),
      ]),
    );
    await svc().workflow.issue(gfb, id, 1, null);
    await svc().workflow.acknowledge(xiqu, id, 2, null);
    const day = (d: string) => new Date(`${d}T02:00:00Z`);
    const active = async () =>
      (await svc().views.detail(gfb, id)).warnings
        .filter((w) => w.clearedAt === null)
        .map((w) => `${w.colour}:${w.kind}`)
        .sort();

    await svc().warnings.runDaily(day('2024-11-10'));
    expect(await active()).toEqual([]);
    // 11-21: the milestone is late (yellow).
    await svc().warnings.runDaily(day('2024-11-21'));
    expect(await active()).toEqual(['yellow:behindMilestone']);
    // Running the same day twice changes nothing.
    expect((await svc().warnings.runDaily(day('2024-11-21'))).raised).toBe(0);
    // A day later the warning is the same one (raised on the 21st), its explanation up to date.
    await svc().warnings.runDaily(day('2024-11-22'));
    const milestoneWarning = (await svc().views.detail(gfb, id)).warnings.find((w) => w.kind === 'behindMilestone');
    expect(milestoneWarning?.raisedAt).toBe('2024-11-21T02:00:00.000Z');
    expect(milestoneWarning?.reason.zh).toContain('已滞后 2 天');
    // 11-26: November's report was due on the 25th (yellow).
    await svc().warnings.runDaily(day('2024-11-26'));
    expect(await active()).toEqual(['yellow:behindMilestone', 'yellow:lateReport']);
    expect((await svc().views.detail(gfb, id)).item.colour).toBe('yellow');

    // The report and the milestone come in: both clear at once (the act recomputes the item).
    t.clock.set(day('2024-11-27'));
    const v = await version(id);
    await svc().workflow.report(xiqu, id, {
      version: v,
      period: '2024-11',
      percent: 5,
      value: null,
      narrative: '补报',
      evidence: null,
      problems: [],
    });
    const m = (await svc().views.detail(gfb, id)).milestones[0]?.id as string;
    await svc().workflow.completeMilestone(xiqu, id, m, {
      version: v + 1,
      completedDate: '2024-11-26',
      evidence: '印发文件',
    });
    expect(await active()).toEqual([]);
    const history = (await svc().views.detail(gfb, id)).warnings;
    expect(history.every((w) => w.clearedAt !== null && w.clearReason !== null)).toBe(true);
    expect((await svc().views.detail(xiqu, id)).reports[0]?.late).toBe(true);

    // 2024-12-26: December's report is late and progress (5%) trails time elapsed (30.9%) by more than 20 points:
    // two yellows — four in all since the item was issued — and a notice is issued by itself.
    expect(rules.autoNoticeAfterYellow).toBe(3);
    const run = await svc().warnings.runDaily(day('2024-12-26'));
    expect(await active()).toEqual(['yellow:behindProgress', 'yellow:lateReport']);
    expect(run.noticesIssued).toBeGreaterThanOrEqual(1); // the run covers every item, the seeded ones too
    const notices = (await svc().views.detail(gfb, id)).notices;
    expect(notices).toHaveLength(1);
    const notice = notices[0];
    expect(notice).toMatchObject({
      origin: 'auto',
      status: 'open',
      dueDate: addDays('2024-12-26', rules.noticeAnswerDays),
    });

    // 2025-04-16: the deadline is near (blue); the notice, unanswered, escalated once.
    await svc().warnings.runDaily(day('2025-04-16'));
    expect(await active()).toContain('blue:approachingDeadline');
    const escalated = (await svc().views.detail(gfb, id)).notices[0];
    expect(escalated?.escalatedAt).toBe('2025-04-16T02:00:00.000Z');
    await svc().warnings.runDaily(day('2025-04-17'));
    expect((await svc().views.detail(gfb, id)).notices[0]?.escalatedAt).toBe('2025-04-16T02:00:00.000Z');
    expect((await svc().views.detail(gfb, id)).history.filter((h) => h.action === 'escalateNotice')).toHaveLength(1);

    // 2025-05-01: overdue (red); the blue clears.
    await svc().warnings.runDaily(day('2025-05-01'));
    const now = await active();
    expect(now).toContain('red:overdue');
    expect(now).not.toContain('blue:approachingDeadline');
    expect((await svc().views.detail(gfb, id)).item.colour).toBe('red');

    // The record counts it against 西区.
    const record = (await svc().views.unitView(gfb, 'xiqu', 2024)).record;
    expect(record.warnings.yellow).toBeGreaterThanOrEqual(4);
    expect(record.notices).toBeGreaterThanOrEqual(1);
    expect(record.escalations).toBeGreaterThanOrEqual(1);
    expect(record.score).toBeLessThan(100);
  });

  it('reads a year of warnings and notices once for all the units’ records, and each record is the unit’s own', async () => {
    const warnings = vi.spyOn(svc().repo, 'warningsRaisedBetween');
    const notices = vi.spyOn(svc().repo, 'noticesIssuedBetween');
    try {
      const records = await svc().views.unitRecords(gfb, 2024);
      expect(records.length).toBeGreaterThan(3);
      // Once for the year, not once per unit.
      expect(warnings).toHaveBeenCalledTimes(1);
      expect(notices).toHaveBeenCalledTimes(1);
      // A unit with no unit under it leading items has the same record on its own page.
      const leads = new Set((await svc().views.list(gfb, {})).rows.map((r) => r.leadUnitId));
      const org = t.ctx.org();
      const leaves = records.filter((r) => ![...leads].some((u) => u !== r.unitId && org.within(u, [r.unitId])));
      expect(leaves.length).toBeGreaterThan(0);
      for (const r of leaves) expect((await svc().views.unitView(gfb, r.unitId, 2024)).record).toEqual(r);
      expect(records.find((r) => r.unitId === 'xiqu')?.warnings.yellow).toBeGreaterThanOrEqual(4);
    } finally {
      warnings.mockRestore();
      notices.mockRestore();
    }
  });

  it('answers and reviews a notice: only the lead unit answers, only the centre or a leader reviews', async () => {
    const { id } = await one(svc().workflow.createDrafts(gfb, [draft({ title: '督办（测试）' })]));
    await svc().workflow.issue(gfb, id, 1, null);
    await refused(svc().notices.issueNotice(xiqu, id, { problem: '进度滞后', dueDate: null }), 'FORBIDDEN');
    await refused(svc().notices.issueNotice(shenhe, id, { problem: '进度滞后', dueDate: null }), 'FORBIDDEN');
    await refused(svc().notices.issueNotice(gfb, id, { problem: '进度滞后', dueDate: '2024-01-01' }), 'VALIDATION');
    const { noticeId, code } = await svc().notices.issueNotice(leader, id, {
      problem: '进度滞后，请说明原因',
      dueDate: '2024-11-12',
    });
    expect(code).toMatch(/^督办〔2024〕\d+号$/);
    await refused(svc().notices.answerNotice(tjj, noticeId, { version: 1, answer: 'x' }), 'OUT_OF_SCOPE');
    await refused(
      svc().notices.reviewAnswer(gfb, noticeId, { version: 1, accept: true, note: null, dueDate: null }),
      'INVALID_STATE',
    );
    await svc().notices.answerNotice(xiqu, noticeId, { version: 1, answer: '已落实整改措施' });
    await refused(svc().notices.answerNotice(xiqu, noticeId, { version: 2, answer: 'again' }), 'INVALID_STATE');
    await refused(
      svc().notices.reviewAnswer(xiqu, noticeId, { version: 2, accept: true, note: null, dueDate: null }),
      'FORBIDDEN',
    );
    await svc().notices.reviewAnswer(gfb, noticeId, {
      version: 2,
      accept: false,
      note: '措施不具体',
      dueDate: '2024-11-20',
    });
    let n = (await svc().views.detail(gfb, id)).notices[0];
    expect(n).toMatchObject({ status: 'open', dueDate: '2024-11-20' });
    await svc().notices.answerNotice(xiqu, noticeId, { version: 3, answer: '补充了具体措施和时间表' });
    await svc().notices.reviewAnswer(leader, noticeId, { version: 4, accept: true, note: null, dueDate: null });
    n = (await svc().views.detail(gfb, id)).notices[0];
    expect(n?.status).toBe('closed');
    expect(n?.answers.map((a) => a.review)).toEqual(['returned', 'accepted']);
  });

  it('creates drafts all or nothing and keeps drafts to the coordination centre', async () => {
    const before = (await svc().views.list(gfb, {})).total;
    await refused(svc().workflow.createDrafts(gfb, [draft(), draft({ leadUnitId: 'nowhere' })]), 'VALIDATION');
    expect((await svc().views.list(gfb, {})).total).toBe(before);
    await refused(svc().workflow.createDrafts(xiqu, [draft()]), 'OUT_OF_SCOPE');
    const created = await svc().workflow.createDrafts(gfb, [draft({ kind: 'task' }), draft({ kind: 'task' })]);
    expect(new Set(created.map((c) => c.code)).size).toBe(2);
    const id = created[0]?.id as string;
    await svc().workflow.updateDraft(gfb, id, 1, draft({ kind: 'task', title: '改名后的草稿' }));
    expect((await svc().views.detail(gfb, id)).item.title).toBe('改名后的草稿');
    await svc().workflow.deleteDraft(gfb, id, 2);
    await refused(svc().views.detail(gfb, id), 'NOT_FOUND');
  });
});
