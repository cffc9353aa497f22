import { describe, expect, it } from 'vitest';
import { addDays, chinaDate, daysBetween, isDate, nextMonth, reportDueDate, timeElapsedShare } from './dates.ts';
import { DEFAULT_LIST_RULES, resolveListRules } from './rules.ts';
import {
  autoNoticeDue,
  diffWarnings,
  itemColour,
  noticeEscalates,
  owedReports,
  warningConditions,
  type ActiveWarning,
  type WarningSubject,
} from './warnings.ts';

/** The city's 2024 reform item "新型农村集体经济发展方式创新", issued in January, with two milestones. */
function reformItem(overrides: Partial<WarningSubject> = {}): WarningSubject {
  return {
    status: 'inProgress',
    startDate: '2024-01-01',
    deadline: '2024-12-31',
    issuedOn: '2024-01-10',
    milestones: [
      { id: 'm1', title: '制定改革方案', plannedDate: '2024-03-31', completedDate: '2024-03-28' },
      { id: 'm2', title: '形成可复制经验', plannedDate: '2024-10-31', completedDate: null },
    ],
    reports: [],
    ...overrides,
  };
}

/** Reports for every month of 2024 from January (the first owed: issued 2024-01-10, due 2024-01-25) through `last`. */
function monthly(last: number, percent: number) {
  return Array.from({ length: last }, (_, i) => ({ period: `2024-${String(i + 1).padStart(2, '0')}`, percent }));
}

const rules = DEFAULT_LIST_RULES;
const kinds = (subject: WarningSubject, today: string) =>
  warningConditions(subject, today, rules).map((c) => `${c.colour}:${c.kind}:${c.ref}`);

describe('calendar days', () => {
  it('reads instants as days in Beijing', () => {
    expect(chinaDate(new Date('2024-11-05T02:00:00Z'))).toBe('2024-11-05');
    expect(chinaDate(new Date('2024-11-05T17:00:00Z'))).toBe('2024-11-06');
  });
  it('does day arithmetic across months, years and leap days', () => {
    expect(daysBetween('2024-12-20', '2024-12-31')).toBe(11);
    expect(daysBetween('2025-01-02', '2024-12-31')).toBe(-2);
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(nextMonth('2024-12')).toBe('2025-01');
    expect(reportDueDate('2025-02', 31)).toBe('2025-02-28');
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2024-02-29')).toBe(true);
  });
  it('measures time-elapsed progress of an item in whole days', () => {
    expect(timeElapsedShare('2024-01-01', '2024-12-31', '2024-07-01')).toBe(0.5);
    expect(timeElapsedShare('2025-01-01', '2025-12-31', '2024-11-05')).toBe(0);
    expect(timeElapsedShare('2025-01-01', '2025-12-31', '2026-02-01')).toBe(1);
  });
});

describe('warning conditions, one colour at a time (fixed clock)', () => {
  it('green: nothing holds for an item on schedule with its reports in', () => {
    const item = reformItem({
      reports: monthly(10, 85),
      milestones: [{ id: 'm2', title: '形成可复制经验', plannedDate: '2024-10-31', completedDate: '2024-10-30' }],
    });
    expect(kinds(item, '2024-11-05')).toEqual([]);
    expect(itemColour(item.status, [])).toBe('green');
  });

  it('blue: the deadline is at most approachDays away', () => {
    const item = reformItem({
      reports: monthly(12, 95),
      milestones: [{ id: 'm1', title: '制定改革方案', plannedDate: '2024-03-31', completedDate: '2024-03-28' }],
    });
    const c = warningConditions(item, '2024-12-20', rules);
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({
      kind: 'approachingDeadline',
      colour: 'blue',
      reason: { zh: '距截止日期（2024-12-31）还有 11 天' },
    });
    expect(kinds(item, '2024-12-15')).toEqual([]); // 16 days left
    expect(kinds(item, '2024-12-16')).toEqual(['blue:approachingDeadline:']); // 15 days left
    expect(kinds(item, '2024-12-31')).toEqual(['blue:approachingDeadline:']); // the deadline itself is still on time
  });

  it('yellow: a milestone past its planned date without completion', () => {
    const item = reformItem({ reports: monthly(10, 85) });
    expect(kinds(item, '2024-10-31')).toEqual([]);
    const c = warningConditions(item, '2024-11-05', { ...rules, approachDays: 0 });
    expect(c.map((x) => `${x.colour}:${x.kind}:${x.ref}`)).toEqual(['yellow:behindMilestone:m2']);
    expect(c[0]?.reason.zh).toBe('节点“形成可复制经验”计划 2024-10-31 完成，已滞后 5 天');
  });

  it('yellow: reported progress more than behindPoints behind time-elapsed progress', () => {
    const item = reformItem({ reports: monthly(10, 60), milestones: [] });
    const c = warningConditions(item, '2024-11-05', rules);
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ kind: 'behindProgress', colour: 'yellow' });
    expect(c[0]?.reason.zh).toBe('已报进度 60%，序时进度 84.7%，落后 24.7 个百分点');
    // 65% is 19.7 points behind: within the threshold.
    expect(kinds(reformItem({ reports: monthly(10, 65), milestones: [] }), '2024-11-05')).toEqual([]);
    // The threshold is configurable.
    expect(
      warningConditions(
        reformItem({ reports: monthly(10, 65), milestones: [] }),
        '2024-11-05',
        resolveListRules({ behindPoints: 10 }),
      ),
    ).toHaveLength(1);
  });

  it('yellow: a monthly report not in by its day, one warning per month', () => {
    const item = reformItem({ reports: monthly(9, 85), milestones: [] });
    expect(kinds(item, '2024-10-25')).toEqual([]); // October's report is due today
    expect(kinds(item, '2024-10-26')).toEqual(['yellow:lateReport:2024-10']);
    expect(kinds(item, '2024-11-26')).toEqual(['yellow:lateReport:2024-10', 'yellow:lateReport:2024-11']);
    expect(warningConditions(item, '2024-10-26', { ...rules, lateReportColour: 'blue' })[0]?.colour).toBe('blue');
  });

  it('red: the deadline has passed; no behindProgress or blue then', () => {
    const item = reformItem({ reports: [...monthly(12, 70), { period: '2025-01', percent: 70 }], milestones: [] });
    const c = warningConditions(item, '2025-01-01', rules);
    expect(c.map((x) => `${x.colour}:${x.kind}`)).toEqual(['red:overdue']);
    expect(c[0]?.reason.zh).toBe('已超过截止日期（2024-12-31）1 天');
    expect(
      itemColour(
        'inProgress',
        c.map((x) => x.colour),
      ),
    ).toBe('red');
  });

  it('watches only live items', () => {
    for (const status of ['drafted', 'completionRequested', 'closed', 'cancelled'] as const) {
      expect(warningConditions(reformItem({ status }), '2025-03-01', rules)).toEqual([]);
      expect(itemColour(status, [])).toBe('none');
    }
    expect(kinds(reformItem({ status: 'issued', reports: monthly(10, 85) }), '2025-01-05')).toEqual([
      'red:overdue:',
      'yellow:behindMilestone:m2',
      'yellow:lateReport:2024-11',
      'yellow:lateReport:2024-12',
    ]);
  });
});

describe('owed reports', () => {
  it('start with the first month whose report day is at least the grace period after issue', () => {
    const early = reformItem({ issuedOn: '2024-11-05', startDate: '2024-11-01' });
    expect(owedReports(early, '2024-11-05', rules)).toEqual([
      { period: '2024-11', dueDate: '2024-11-25', submitted: false, late: false },
    ]);
    const late = reformItem({ issuedOn: '2024-11-20', startDate: '2024-11-01' });
    expect(owedReports(late, '2024-11-30', rules)).toEqual([]);
    expect(owedReports(late, '2024-12-26', rules)).toEqual([
      { period: '2024-12', dueDate: '2024-12-25', submitted: false, late: true },
    ]);
  });
  it('are not owed before the item starts, nor by a draft', () => {
    expect(owedReports(reformItem({ startDate: '2025-01-01', issuedOn: '2024-11-05' }), '2024-12-31', rules)).toEqual(
      [],
    );
    expect(owedReports(reformItem({ status: 'drafted', issuedOn: null }), '2024-12-31', rules)).toEqual([]);
  });
});

describe('transitions: raise and clear', () => {
  const active = (kind: ActiveWarning['kind'], ref: string, colour: ActiveWarning['colour']): ActiveWarning => ({
    id: `${kind}${ref}`,
    kind,
    ref,
    colour,
  });

  it('raises what newly holds and clears what no longer holds', () => {
    const item = reformItem({ reports: monthly(9, 85), milestones: [] });
    // Day 1: October's report is late.
    const d1 = diffWarnings([], warningConditions(item, '2024-10-26', rules));
    expect(d1.raise.map((r) => r.kind)).toEqual(['lateReport']);
    expect(d1.clear).toEqual([]);
    // Day 2: still late: nothing new.
    const recorded = [active('lateReport', '2024-10', 'yellow')];
    expect(diffWarnings(recorded, warningConditions(item, '2024-10-27', rules))).toEqual({ raise: [], clear: [] });
    // Day 3: the report came in: the warning clears.
    const reported = { ...item, reports: [...item.reports, { period: '2024-10', percent: 86 }] };
    expect(diffWarnings(recorded, warningConditions(reported, '2024-10-28', rules))).toEqual({
      raise: [],
      clear: recorded,
    });
  });

  it('clears a red warning when an approved adjustment moves the deadline, raising blue if it is now near', () => {
    const overdue = reformItem({ reports: [...monthly(12, 90)], milestones: [] });
    const recorded = [active('overdue', '', 'red')];
    const extended = { ...overdue, deadline: '2025-01-15' };
    const d = diffWarnings(recorded, warningConditions(extended, '2025-01-03', rules));
    expect(d.clear).toEqual(recorded);
    expect(d.raise.map((r) => `${r.colour}:${r.kind}`)).toEqual(['blue:approachingDeadline']);
  });

  it('clears everything when the item is closed', () => {
    const recorded = [active('behindMilestone', 'm2', 'yellow'), active('approachingDeadline', '', 'blue')];
    expect(
      diffWarnings(recorded, warningConditions(reformItem({ status: 'closed' }), '2024-12-20', rules)).clear,
    ).toEqual(recorded);
  });

  it('re-raises a warning whose colour was reconfigured', () => {
    const recorded = [active('lateReport', '2024-10', 'yellow')];
    const d = diffWarnings(
      recorded,
      warningConditions(reformItem({ reports: monthly(9, 85), milestones: [] }), '2024-10-26', {
        ...rules,
        lateReportColour: 'blue',
      }),
    );
    expect(d.clear).toEqual(recorded);
    expect(d.raise.map((r) => r.colour)).toEqual(['blue']);
  });
});

describe('supervision', () => {
  it('issues a notice by itself after repeated yellow warnings, once at a time', () => {
    expect(autoNoticeDue(2, false, rules)).toBe(false);
    expect(autoNoticeDue(3, false, rules)).toBe(true);
    expect(autoNoticeDue(3, true, rules)).toBe(false);
    expect(autoNoticeDue(9, false, { autoNoticeAfterYellow: 0 })).toBe(false);
  });
  it('escalates an unanswered notice the day after its due date, once', () => {
    const n = { status: 'open', dueDate: '2024-11-12', escalated: false };
    expect(noticeEscalates(n, '2024-11-12')).toBe(false);
    expect(noticeEscalates(n, '2024-11-13')).toBe(true);
    expect(noticeEscalates({ ...n, escalated: true }, '2024-11-20')).toBe(false);
    expect(noticeEscalates({ ...n, status: 'answered' }, '2024-11-20')).toBe(false);
  });
});
