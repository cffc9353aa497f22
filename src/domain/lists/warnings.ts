/**
 * The warning rules of the lists (红黄蓝牌, DOMAIN.md §2.3), computed once a day for every item and again after each
 * change to an item. Pure: the item's facts and "today" in, the conditions that hold out; the server records a
 * warning when its condition starts to hold (raised) and when it stops (cleared).
 */
import { formatNumber, type LocalizedText } from '../text.ts';
import { addDays, daysBetween, monthOf, nextMonth, reportDueDate, timeElapsedShare } from './dates.ts';
import type { ListRules } from './rules.ts';
import {
  COLOUR_SEVERITY,
  LIVE_STATUSES,
  type ItemColour,
  type ItemStatus,
  type WarningColour,
  type WarningKind,
} from './types.ts';

export interface WarningMilestone {
  id: string;
  title: string;
  plannedDate: string;
  completedDate: string | null;
}

export interface WarningReport {
  /** The month reported on, `YYYY-MM`. */
  period: string;
  /** Progress towards completion, 0–100. */
  percent: number;
}

/** The facts of an item that the rules read. */
export interface WarningSubject {
  status: ItemStatus;
  startDate: string;
  deadline: string;
  /** The day the item was issued (下发); monthly reports are owed from then on. Null for a draft. */
  issuedOn: string | null;
  milestones: readonly WarningMilestone[];
  reports: readonly WarningReport[];
}

/** One condition that holds today, with the sentence that explains it on the item's page. */
export interface WarningCondition<K extends string = WarningKind> {
  kind: K;
  /** What the condition is about, when an item can have several of a kind: a milestone id, a month; else ''. */
  ref: string;
  colour: WarningColour;
  reason: LocalizedText;
}

/** A month's progress report as owed by an item. */
export interface OwedReport {
  period: string;
  dueDate: string;
  submitted: boolean;
  /** Not submitted and its due day has passed. */
  late: boolean;
}

const isLive = (status: ItemStatus) => LIVE_STATUSES.includes(status);

/**
 * The monthly progress reports a live item owes up to the month of `today`: from the first month whose report day
 * falls at least `firstReportGraceDays` after the item was issued (or started, if later).
 *
 * @example With reportDay 25 and grace 10, an item issued 2024-11-05 owes its first report for 2024-11, due
 * 2024-11-25; one issued 2024-11-20 owes its first for 2024-12, due 2024-12-25. On 2024-12-26 the first item owes
 * [{ 2024-11, submitted }, { 2024-12, late }] if only November's report is in.
 */
export function owedReports(
  subject: WarningSubject,
  today: string,
  rules: Pick<ListRules, 'reportDay' | 'firstReportGraceDays'>,
): OwedReport[] {
  if (!isLive(subject.status) || subject.issuedOn === null) return [];
  const from = subject.issuedOn > subject.startDate ? subject.issuedOn : subject.startDate;
  if (from > today) return [];
  let month = monthOf(from);
  if (reportDueDate(month, rules.reportDay) < addDays(from, rules.firstReportGraceDays)) month = nextMonth(month);
  const submitted = new Set(subject.reports.map((r) => r.period));
  const last = monthOf(today);
  const out: OwedReport[] = [];
  while (month <= last) {
    const dueDate = reportDueDate(month, rules.reportDay);
    const done = submitted.has(month);
    out.push({ period: month, dueDate, submitted: done, late: !done && dueDate < today });
    month = nextMonth(month);
  }
  return out;
}

/** The newest reported percentage, 0 when nothing has been reported. */
export function latestPercent(reports: readonly WarningReport[]): number {
  let best: WarningReport | null = null;
  for (const r of reports) if (best === null || r.period > best.period) best = r;
  return best?.percent ?? 0;
}

/**
 * Every warning condition that holds for the item today. Only live items (issued, acknowledged, in progress) are
 * watched: a draft is not yet anyone's work, a completion request waits for the reviewer, a closed or cancelled
 * item is done.
 *
 * @example An item running 2024-01-01…2024-12-31 with 60% reported, on 2024-11-05 (time elapsed 84.7%), behindPoints
 * 20: one yellow `behindProgress` "已报进度 60%，序时进度 84.7%，落后 24.7 个百分点".
 * @example The same item on 2024-12-20 with 90% reported, approachDays 15: one blue `approachingDeadline`
 * "距截止日期（2024-12-31）还有 11 天".
 * @example On 2025-01-01: one red `overdue` "已超过截止日期（2024-12-31）1 天" (and no behindProgress: past the
 * deadline, overdue says it all).
 */
export function warningConditions(subject: WarningSubject, today: string, rules: ListRules): WarningCondition[] {
  if (!isLive(subject.status)) return [];
  const out: WarningCondition[] = [];
  const daysLeft = daysBetween(today, subject.deadline);
  if (daysLeft < 0) {
    out.push({
      kind: 'overdue',
      ref: '',
      colour: 'red',
      reason: {
        zh: `已超过截止日期（${subject.deadline}）${-daysLeft} 天`,
        en: `${-daysLeft} day(s) past the deadline (${subject.deadline})`,
      },
    });
  } else if (daysLeft <= rules.approachDays) {
    out.push({
      kind: 'approachingDeadline',
      ref: '',
      colour: 'blue',
      reason: {
        zh: `距截止日期（${subject.deadline}）还有 ${daysLeft} 天`,
        en: `${daysLeft} day(s) left until the deadline (${subject.deadline})`,
      },
    });
  }

  for (const m of subject.milestones) {
    if (m.completedDate === null && m.plannedDate < today) {
      out.push({
        kind: 'behindMilestone',
        ref: m.id,
        colour: 'yellow',
        reason: {
          zh: `节点“${m.title}”计划 ${m.plannedDate} 完成，已滞后 ${daysBetween(m.plannedDate, today)} 天`,
          en: `Milestone "${m.title}" was planned for ${m.plannedDate}; ${daysBetween(m.plannedDate, today)} day(s) behind`,
        },
      });
    }
  }

  if (daysLeft >= 0) {
    const elapsed = timeElapsedShare(subject.startDate, subject.deadline, today) * 100;
    const reported = latestPercent(subject.reports);
    const behind = elapsed - reported;
    if (behind > rules.behindPoints) {
      out.push({
        kind: 'behindProgress',
        ref: '',
        colour: 'yellow',
        reason: {
          zh: `已报进度 ${formatNumber(reported, 1)}%，序时进度 ${formatNumber(elapsed, 1)}%，落后 ${formatNumber(behind, 1)} 个百分点`,
          en: `Reported ${formatNumber(reported, 1)}% against ${formatNumber(elapsed, 1)}% of the time elapsed: ${formatNumber(behind, 1)} points behind`,
        },
      });
    }
  }

  for (const r of owedReports(subject, today, rules)) {
    if (!r.late) continue;
    out.push({
      kind: 'lateReport',
      ref: r.period,
      colour: rules.lateReportColour,
      reason: {
        zh: `${r.period} 月度进展未按时报送（应于 ${r.dueDate} 前报送）`,
        en: `Progress report for ${r.period} not in by ${r.dueDate}`,
      },
    });
  }
  return out;
}

/** The identity of a warning on an item: its kind and what it is about. */
export function warningKey(w: { kind: string; ref: string }): string {
  return `${w.kind}:${w.ref}`;
}

/** A warning as recorded: raised, not yet cleared. */
export interface ActiveWarning<K extends string = WarningKind> {
  id: string;
  kind: K;
  ref: string;
  colour: WarningColour;
}

/**
 * The transitions from what is recorded to what holds today: conditions not yet recorded are raised; recorded
 * warnings whose condition no longer holds are cleared. A warning whose colour changed (the late-report colour was
 * reconfigured) is cleared and raised again, so that the history says which colour held when.
 *
 * @example active [overdue], conditions [] (the deadline was extended) → { raise: [], clear: [overdue] }
 * @example active [], conditions [behindMilestone m1] → { raise: [behindMilestone m1], clear: [] }
 * @example active [behindMilestone m1], conditions [behindMilestone m1] → nothing to do
 */
export function diffWarnings<K extends string, A extends ActiveWarning<K>, C extends WarningCondition<K>>(
  active: readonly A[],
  conditions: readonly C[],
): { raise: C[]; clear: A[] } {
  const held = new Map(conditions.map((c) => [warningKey(c), c]));
  const recorded = new Map(active.map((a) => [warningKey(a), a]));
  const clear = active.filter((a) => held.get(warningKey(a))?.colour !== a.colour);
  const raise = conditions.filter((c) => {
    const a = recorded.get(warningKey(c));
    return a === undefined || a.colour !== c.colour;
  });
  return { raise, clear };
}

/**
 * An item's colour on the lists: the most severe of its active warnings; green for a live item without any; none
 * for items not being worked on.
 *
 * @example itemColour('inProgress', ['blue', 'yellow']) === 'yellow'; itemColour('inProgress', []) === 'green';
 * itemColour('closed', []) === 'none'
 */
export function itemColour(status: ItemStatus, colours: readonly WarningColour[]): ItemColour {
  if (!isLive(status)) return 'none';
  let worst: ItemColour = 'green';
  for (const c of colours) if (COLOUR_SEVERITY[c] > COLOUR_SEVERITY[worst]) worst = c;
  return worst;
}

/**
 * Whether repeated yellow warnings call for a supervision notice now: at least `autoNoticeAfterYellow` yellow
 * warnings raised since the item's last notice, and no notice of the item still open.
 *
 * @example autoNoticeDue(3, false, { autoNoticeAfterYellow: 3 }) === true
 * @example autoNoticeDue(3, true, { autoNoticeAfterYellow: 3 }) === false (one is already waiting for an answer)
 * @example autoNoticeDue(9, false, { autoNoticeAfterYellow: 0 }) === false (switched off)
 */
export function autoNoticeDue(
  yellowSinceLastNotice: number,
  hasOpenNotice: boolean,
  rules: Pick<ListRules, 'autoNoticeAfterYellow'>,
): boolean {
  return rules.autoNoticeAfterYellow > 0 && !hasOpenNotice && yellowSinceLastNotice >= rules.autoNoticeAfterYellow;
}

/**
 * Whether a notice escalates today: still waiting for its answer after its due day, and not escalated before.
 *
 * @example noticeEscalates({ status: 'open', dueDate: '2024-11-12', escalated: false }, '2024-11-13') === true
 * @example noticeEscalates({ status: 'open', dueDate: '2024-11-12', escalated: false }, '2024-11-12') === false
 * @example noticeEscalates({ status: 'answered', dueDate: '2024-11-12', escalated: false }, '2024-12-01') === false
 */
export function noticeEscalates(
  notice: { status: string; dueDate: string; escalated: boolean },
  today: string,
): boolean {
  return notice.status === 'open' && !notice.escalated && notice.dueDate < today;
}
