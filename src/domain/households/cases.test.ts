import { describe, expect, it } from 'vitest';
import {
  addMonths,
  applyCaseAction,
  caseAllowedActions,
  caseNextStatus,
  caseNoticeDue,
  caseRefusal,
  caseWarningConditions,
  clearingFigures,
  clearingTrend,
  currentStep,
  DEFAULT_CASE_RULES,
  flagLeads,
  isOverdue,
  monthsBetween,
  removalChecks,
  resolveCaseRules,
  CaseRulesError,
  type CaseAction,
  type CaseFacts,
  type CaseStanding,
  type ClearingCase,
  type Reverification,
} from './cases.ts';

const rules = resolveCaseRules();
const village: CaseStanding = { village: true, township: false, county: false };
const township: CaseStanding = { village: false, township: true, county: false };
const county: CaseStanding = { village: false, township: false, county: true };

/** A below-10,000 case whose lead came on 2026-12-02 (the fixed clock of these tests). */
function lead(over: Partial<CaseFacts> = {}): CaseFacts {
  return {
    kind: 'below10k',
    status: 'warning',
    leadDate: '2026-12-02',
    visitedOn: null,
    comparedOn: null,
    reviewedOn: null,
    noticeFrom: null,
    noticeTo: null,
    townshipOn: null,
    confirmedOn: null,
    firstMeasureOn: null,
    lastReverifiedOn: null,
    removedOn: null,
    ...over,
  };
}

function act(c: CaseFacts, a: CaseAction, today: string, who: CaseStanding, input = {}, extra = {}): CaseFacts {
  const refused = caseRefusal(c, a, who, today, rules, input);
  expect(refused, `${a} on ${today}`).toBeNull();
  return applyCaseAction(c, a, today, input, rules, extra);
}

describe('the verification from the lead to the county decision', () => {
  it('moves through each step, setting its date, with deadlines counted from the lead', () => {
    let c = lead();
    expect(currentStep(c, rules)).toEqual({ step: 'visit', due: '2026-12-05' });
    c = act(c, 'recordVisit', '2026-12-03', village);
    expect(c).toMatchObject({ status: 'visited', visitedOn: '2026-12-03' });
    expect(currentStep(c, rules)).toEqual({ step: 'compare', due: '2026-12-07' });
    c = act(c, 'compareData', '2026-12-04', township);
    expect(c).toMatchObject({ status: 'compared', comparedOn: '2026-12-04' });
    expect(currentStep(c, rules)).toEqual({ step: 'review', due: '2026-12-09' });
    c = act(c, 'democraticReview', '2026-12-06', village);
    expect(c).toMatchObject({ status: 'reviewed', reviewedOn: '2026-12-06' });
    expect(currentStep(c, rules)).toEqual({ step: 'notice', due: '2026-12-10' });
    c = act(c, 'startNotice', '2026-12-07', village, { noticeFrom: '2026-12-07' });
    expect(c).toMatchObject({ status: 'noticed', noticeFrom: '2026-12-07', noticeTo: '2026-12-12' });
    expect(currentStep(c, rules)).toEqual({ step: 'township', due: '2026-12-16' });
    c = act(c, 'townshipApprove', '2026-12-12', township);
    expect(c).toMatchObject({ status: 'townshipApproved', townshipOn: '2026-12-12' });
    expect(currentStep(c, rules)).toEqual({ step: 'county', due: '2026-12-17' });
    c = act(c, 'countyApprove', '2026-12-15', county);
    expect(c).toMatchObject({ status: 'confirmed', confirmedOn: '2026-12-15' });
    expect(currentStep(c, rules)).toEqual({ step: 'firstMeasure', due: '2026-12-25' });
  });

  it('keeps the public notice running its 5 days before the township may approve', () => {
    const c = lead({ status: 'noticed', reviewedOn: '2026-12-06', noticeFrom: '2026-12-07', noticeTo: '2026-12-12' });
    expect(caseRefusal(c, 'townshipApprove', township, '2026-12-11', rules)).toMatchObject({
      reason: 'rule',
      message: { zh: '村级公示至 2026-12-12 结束，公示期满后方可审核' },
    });
    expect(caseRefusal(c, 'townshipApprove', township, '2026-12-12', rules)).toBeNull();
  });

  it('puts the township step after a late notice and refuses a notice before the review', () => {
    const late = lead({ status: 'noticed', noticeFrom: '2026-12-12', noticeTo: '2026-12-17' });
    expect(currentStep(late, rules)).toEqual({ step: 'township', due: '2026-12-17' });
    const reviewed = lead({ status: 'reviewed', reviewedOn: '2026-12-06' });
    expect(
      caseRefusal(reviewed, 'startNotice', village, '2026-12-06', rules, { noticeFrom: '2026-12-05' })?.reason,
    ).toBe('rule');
  });

  it('refuses acts out of order and acts by the wrong person', () => {
    expect(caseRefusal(lead(), 'compareData', village, '2026-12-02', rules)?.reason).toBe('state');
    const approved = lead({ status: 'townshipApproved' });
    expect(caseRefusal(approved, 'countyApprove', township, '2026-12-02', rules)?.reason).toBe('standing');
    expect(caseRefusal(lead({ status: 'noticed' }), 'townshipApprove', village, '2026-12-20', rules)?.reason).toBe(
      'standing',
    );
  });

  it('dismisses with a reason only, from any verifying state, and never after confirmation', () => {
    const c = lead({ status: 'visited' });
    expect(caseRefusal(c, 'dismiss', township, '2026-12-03', rules, { reason: ' ' })?.message.zh).toBe('请填写理由');
    const d = act(c, 'dismiss', '2026-12-03', township, { reason: '入户核实人均收入1.3万元，不符合条件' });
    expect(d.status).toBe('dismissed');
    expect(currentStep(d, rules)).toBeNull();
    expect(
      caseRefusal(lead({ status: 'confirmed' }), 'dismiss', county, '2026-12-03', rules, { reason: 'x' })?.reason,
    ).toBe('state');
  });

  it('uses a kind’s own deadlines (zero-employment: a member placed within days of the confirmation)', () => {
    const z = lead({ kind: 'zeroEmployment', status: 'confirmed', confirmedOn: '2026-12-10' });
    expect(currentStep(z, rules)).toEqual({ step: 'firstMeasure', due: '2026-12-15' });
    const custom = resolveCaseRules({ deadlines: { visitDays: 5 } });
    expect(currentStep(lead(), custom)).toEqual({ step: 'visit', due: '2026-12-07' });
  });

  it('logs a visit at a later stage without moving the case', () => {
    expect(caseNextStatus('warning', 'recordVisit')).toBe('visited');
    const c = act(lead({ status: 'confirmed', confirmedOn: '2026-12-10' }), 'recordVisit', '2026-12-20', village);
    expect(c.status).toBe('confirmed');
    expect(c.visitedOn).toBeNull();
  });
});

describe('help, re-verification, removal, watch and closing', () => {
  const confirmed = lead({
    status: 'confirmed',
    leadDate: '2026-03-01',
    confirmedOn: '2026-03-15',
    visitedOn: '2026-03-02',
  });
  const good: Reverification = {
    on: '2026-11-20',
    perCapitaIncome: 13200,
    aboveLineSince: '2026-05-01',
    employedSince: '2026-05-01',
    rigidCostsSolved: true,
  };

  it('dates the first measure and the re-verifications', () => {
    let c = act(confirmed, 'addMeasure', '2026-03-20', village, {}, { measureStart: '2026-03-18' });
    expect(c.firstMeasureOn).toBe('2026-03-18');
    expect(currentStep(c, rules)).toEqual({ step: 'reverify', due: '2026-06-15' });
    c = act(c, 'reverifyIncome', '2026-06-10', village, {}, { reverifiedOn: '2026-06-10' });
    expect(currentStep(c, rules)).toEqual({ step: 'reverify', due: '2026-09-10' });
  });

  it('removes the risk when income has been stably above the line for six months, every check explained', () => {
    const checks = removalChecks(confirmed, { noLabourCapacity: false, latest: good }, '2026-12-02', rules);
    expect(checks.every((x) => x.ok)).toBe(true);
    expect(checks.map((x) => x.text.zh)).toContain('自 2026-05-01 起稳定高于1万元，已7个月（要求不少于6个月）');
    const c = applyCaseAction(confirmed, 'removeRisk', '2026-12-02', {}, rules);
    expect(
      caseRefusal(
        confirmed,
        'removeRisk',
        township,
        '2026-12-02',
        rules,
        {},
        { noLabourCapacity: false, latest: good },
      ),
    ).toBeNull();
    expect(c).toMatchObject({ status: 'riskRemoved', removedOn: '2026-12-02' });
  });

  it('refuses the removal when income has been above the line for too short a time, or not re-verified', () => {
    const recent = { ...good, aboveLineSince: '2026-07-01' };
    const r = caseRefusal(
      confirmed,
      'removeRisk',
      township,
      '2026-12-02',
      rules,
      {},
      {
        noLabourCapacity: false,
        latest: recent,
      },
    );
    expect(r?.reason).toBe('rule');
    expect(r?.message.zh).toContain('已5个月（要求不少于6个月）');
    const none = caseRefusal(
      confirmed,
      'removeRisk',
      township,
      '2026-12-02',
      rules,
      {},
      {
        noLabourCapacity: false,
        latest: null,
      },
    );
    expect(none?.message.zh).toContain('认定后尚未再核实收入');
    const before = caseRefusal(
      confirmed,
      'removeRisk',
      township,
      '2026-12-02',
      rules,
      {},
      {
        noLabourCapacity: false,
        latest: { ...good, on: '2026-03-10' },
      },
    );
    expect(before?.reason).toBe('rule');
    const below = removalChecks(
      confirmed,
      { noLabourCapacity: false, latest: { ...good, perCapitaIncome: 9800 } },
      '2026-12-02',
      rules,
    );
    expect(below.filter((x) => !x.ok).map((x) => x.text.zh)).toEqual([
      '再核实人均年收入 9800 元，低于1万元',
      '自 2026-05-01 起稳定高于1万元，已7个月（要求不少于6个月）',
    ]);
    const costs = removalChecks(
      confirmed,
      { noLabourCapacity: false, latest: { ...good, rigidCostsSolved: false } },
      '2026-12-02',
      rules,
    );
    expect(costs.find((x) => !x.ok)?.text.zh).toBe('刚性支出问题尚未解决');
  });

  it('never marks a household without labour capacity removed', () => {
    const r = caseRefusal(
      confirmed,
      'removeRisk',
      county,
      '2026-12-02',
      rules,
      {},
      { noLabourCapacity: true, latest: good },
    );
    expect(r?.message.zh).toContain('家庭无劳动能力，不标注风险消除');
  });

  it('removes a zero-employment risk on a member in stable work for a quarter', () => {
    const z = { ...confirmed, kind: 'zeroEmployment' };
    const ok = removalChecks(
      z,
      { noLabourCapacity: false, latest: { ...good, employedSince: '2026-09-01' } },
      '2026-12-02',
      rules,
    );
    expect(ok.every((x) => x.ok)).toBe(true);
    const short = removalChecks(
      z,
      { noLabourCapacity: false, latest: { ...good, employedSince: '2026-09-15' } },
      '2026-12-02',
      rules,
    );
    expect(short.find((x) => !x.ok)?.text.zh).toBe('自 2026-09-15 起有成员稳定就业，已2个月（要求不少于3个月）');
    const nobody = removalChecks(
      z,
      { noLabourCapacity: false, latest: { ...good, employedSince: null } },
      '2026-12-02',
      rules,
    );
    expect(nobody.find((x) => !x.ok)?.text.zh).toBe('家庭尚无成员就业');
  });

  it('closes only after the watch period, and a removal can be rolled back', () => {
    const removed = applyCaseAction(confirmed, 'removeRisk', '2026-12-02', {}, rules);
    expect(currentStep(removed, rules)).toEqual({ step: 'close', due: '2027-06-02' });
    expect(isOverdue(removed, '2027-08-01', rules)).toBe(false);
    expect(caseRefusal(removed, 'close', township, '2027-06-01', rules)?.message.zh).toBe(
      '观察期至 2027-06-02 结束，期满后方可销号',
    );
    expect(act(removed, 'close', '2027-06-02', township).status).toBe('closed');
    expect(caseRefusal(removed, 'rollbackRemoval', township, '2027-01-10', rules, {})?.message.zh).toBe('请填写理由');
    const back = act(removed, 'rollbackRemoval', '2027-01-10', township, { reason: '家庭成员突发重病，返贫风险' });
    expect(back).toMatchObject({ status: 'confirmed', removedOn: null });
  });

  it('flags a closed or dismissed case again as a new lead, its deadlines from today', () => {
    const closed = { ...confirmed, status: 'closed' as const, removedOn: '2026-06-01' };
    const again = act(closed, 'reflag', '2027-02-01', village, { reason: '医保数据显示大额自付医疗费用' });
    expect(again).toMatchObject({ status: 'warning', leadDate: '2027-02-01', confirmedOn: null, removedOn: null });
    expect(currentStep(again, rules)).toEqual({ step: 'visit', due: '2027-02-04' });
    expect(caseRefusal(confirmed, 'reflag', village, '2027-02-01', rules, { reason: 'x' })?.reason).toBe('state');
  });

  it('lists the acts a user may do now', () => {
    expect(caseAllowedActions(lead(), village, '2026-12-02', rules)).toEqual(['recordVisit']);
    expect(caseAllowedActions(lead(), township, '2026-12-02', rules)).toEqual(['recordVisit', 'dismiss']);
    expect(caseAllowedActions(confirmed, township, '2026-12-02', rules)).toEqual([
      'recordVisit',
      'addMeasure',
      'reverifyIncome',
      'removeRisk',
    ]);
  });
});

describe('deadlines become warnings', () => {
  it('is blue when the step is near, yellow once overdue, red after redAfterDays', () => {
    const c = lead(); // visit due 2026-12-05
    expect(caseWarningConditions(c, '2026-12-02', rules)).toEqual([]);
    expect(caseWarningConditions(c, '2026-12-03', rules)).toMatchObject([
      {
        kind: 'stepApproaching',
        ref: 'visit',
        colour: 'blue',
        reason: { zh: '入户核查应于 2026-12-05 前完成，还有 2 天' },
      },
    ]);
    expect(caseWarningConditions(c, '2026-12-05', rules)[0]?.kind).toBe('stepApproaching');
    expect(caseWarningConditions(c, '2026-12-06', rules)).toMatchObject([
      {
        kind: 'stepOverdue',
        ref: 'visit',
        colour: 'yellow',
        reason: { zh: '入户核查应于 2026-12-05 前完成，已逾期 1 天' },
      },
    ]);
    expect(caseWarningConditions(c, '2026-12-10', rules)[0]?.colour).toBe('yellow');
    expect(caseWarningConditions(c, '2026-12-11', rules)[0]?.colour).toBe('red');
    expect(isOverdue(c, '2026-12-06', rules)).toBe(true);
    expect(isOverdue(c, '2026-12-05', rules)).toBe(false);
  });

  it('moves to the next step once the act is done, and says when a watch period is over', () => {
    const visited = applyCaseAction(lead(), 'recordVisit', '2026-12-06', {}, rules);
    expect(caseWarningConditions(visited, '2026-12-06', rules)).toMatchObject([{ ref: 'compare', colour: 'blue' }]);
    const removed = lead({ status: 'riskRemoved', removedOn: '2026-06-01' });
    expect(caseWarningConditions(removed, '2026-11-30', rules)).toEqual([]);
    expect(caseWarningConditions(removed, '2026-12-01', rules)).toMatchObject([{ kind: 'watchEnded', colour: 'blue' }]);
    expect(caseWarningConditions(lead({ status: 'closed' }), '2027-01-01', rules)).toEqual([]);
  });

  it('asks for a supervision notice after repeated warnings, unless one is open or it is switched off', () => {
    expect(caseNoticeDue(2, false, rules)).toBe(true);
    expect(caseNoticeDue(1, false, rules)).toBe(false);
    expect(caseNoticeDue(2, true, rules)).toBe(false);
    expect(caseNoticeDue(9, false, { autoNoticeAfterWarnings: 0 })).toBe(false);
  });
});

describe('the clearing figures (动态清零)', () => {
  const cc = (over: Partial<ClearingCase>): ClearingCase => ({
    ...lead(),
    openedOn: over.leadDate ?? '2026-12-02',
    ...over,
  });
  const cases: ClearingCase[] = [
    cc({ leadDate: '2026-11-27', status: 'warning' }), // visit due 2026-11-30: overdue
    cc({
      kind: 'zeroEmployment',
      leadDate: '2026-11-01',
      status: 'confirmed',
      confirmedOn: '2026-11-14',
      firstMeasureOn: '2026-11-15',
    }),
    cc({ leadDate: '2026-10-22', status: 'riskRemoved', removedOn: '2026-12-01' }), // 40 days
    cc({ kind: 'illness', leadDate: '2026-04-01', status: 'closed', removedOn: '2026-05-31' }), // 60 days
    cc({ leadDate: '2026-12-01', status: 'dismissed' }),
    cc({ kind: 'illness', leadDate: '2026-12-01', status: 'visited' }), // compare due 12-06: not overdue
  ];

  it('counts open, new, cleared, overdue, the target and the median days to clear', () => {
    expect(clearingFigures(cases, '2026-12-02', rules)).toEqual({
      open: 3,
      newThisMonth: 1,
      clearedThisMonth: 1,
      cleared: 2,
      overdue: 1,
      targetOverdue: 1,
      medianDaysToClear: 50,
    });
  });

  it('counts an overdue sudden-hardship case as overdue but not against the target', () => {
    const f = clearingFigures(cases, '2026-12-08', rules);
    expect(f.overdue).toBe(2);
    expect(f.targetOverdue).toBe(1);
  });

  it('draws the monthly trend from the cases’ dates', () => {
    const t = clearingTrend(cases, ['2026-10', '2026-11', '2026-12']);
    expect(t).toEqual([
      { month: '2026-10', opened: 1, cleared: 0, openAtEnd: 1 },
      { month: '2026-11', opened: 2, cleared: 0, openAtEnd: 3 },
      { month: '2026-12', opened: 1, cleared: 1, openAtEnd: 3 },
    ]);
  });
});

describe('the rules as data', () => {
  it('resolves the defaults and refuses steps out of order, a short notice or a clashing city kind', () => {
    expect(resolveCaseRules().deadlines).toEqual(DEFAULT_CASE_RULES.deadlines);
    expect(() => resolveCaseRules({ deadlines: { compareDays: 2 } })).toThrow(CaseRulesError);
    expect(() => resolveCaseRules({ noticeMinDays: 3 })).toThrow(/5/);
    const kind = {
      code: 'below10k',
      name: { zh: 'x', en: 'x' },
      removal: 'income' as const,
      department: 'civilAffairs' as const,
    };
    expect(() => resolveCaseRules({ extraKinds: [kind] })).toThrow(/已存在/);
    const added = resolveCaseRules({ extraKinds: [{ ...kind, code: 'rigidExpense', deadlines: { visitDays: 1 } }] });
    expect(currentStep(lead({ kind: 'rigidExpense' }), added)).toEqual({ step: 'visit', due: '2026-12-03' });
  });

  it('opens a case from a flag only when it newly reaches the configured state', () => {
    const change = (flag: 'below10k' | 'zeroEmployment', before: 0 | 1 | 2, after: 0 | 1 | 2) => ({
      householdId: `h-${flag}-${before}-${after}`,
      villageId: 'v',
      flag,
      before,
      after,
      because: '人均收入 8,000 元',
    });
    const certain = flagLeads(
      [change('below10k', 0, 2), change('below10k', 1, 2), change('below10k', 0, 1), change('below10k', 2, 2)],
      DEFAULT_CASE_RULES,
    );
    expect(certain.map((l) => l.householdId)).toEqual(['h-below10k-0-2', 'h-below10k-1-2']);
    expect(certain[0]).toMatchObject({ kind: 'below10k', reason: '人均收入 8,000 元' });
    const possible = resolveCaseRules({ autoOpen: { below10k: 'possible', zeroEmployment: 'off' } });
    expect(
      flagLeads(
        [change('below10k', 0, 1), change('below10k', 1, 2), change('zeroEmployment', 0, 2), change('below10k', 2, 0)],
        possible,
      ).map((l) => l.householdId),
    ).toEqual(['h-below10k-0-1']);
    expect(() => resolveCaseRules({ autoOpen: { below10k: 'sometimes' as 'off' } })).toThrow(CaseRulesError);
    expect(() => resolveCaseRules({ watchMonths: -1 })).toThrow(/非负整数/);
  });

  it('counts months the way the rule reads them', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-12-02', -6)).toBe('2026-06-02');
    expect(monthsBetween('2026-05-15', '2026-11-15')).toBe(6);
    expect(monthsBetween('2026-05-15', '2026-11-14')).toBe(5);
  });
});
