/**
 * Vocabulary of the four lists with responsibility (四张清单 + 责任制, DOMAIN.md §2.3). Pure types and constants,
 * shared by server, web and CLI.
 */
import type { LocalizedText } from '../text.ts';

/** The four lists: 向上争取 / 改革事项 / 重大项目 / 重点任务. */
export const LIST_KINDS = ['upward', 'reform', 'project', 'task'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const LIST_KIND_NAMES: Readonly<Record<ListKind, LocalizedText>> = {
  upward: { zh: '向上争取', en: 'Support sought from above' },
  reform: { zh: '改革事项', en: 'Reforms' },
  project: { zh: '重大项目', en: 'Major projects' },
  task: { zh: '重点任务', en: 'Key tasks' },
};

/**
 * Where an item stands: drafted → issued (下发) → acknowledged (签收) → in progress → completion requested →
 * closed (销号); or cancelled after an approved cancellation.
 */
export const ITEM_STATUSES = [
  'drafted',
  'issued',
  'acknowledged',
  'inProgress',
  'completionRequested',
  'closed',
  'cancelled',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_NAMES: Readonly<Record<ItemStatus, LocalizedText>> = {
  drafted: { zh: '草拟', en: 'Drafted' },
  issued: { zh: '已下发', en: 'Issued' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  inProgress: { zh: '推进中', en: 'In progress' },
  completionRequested: { zh: '申请销号', en: 'Completion requested' },
  closed: { zh: '已销号', en: 'Closed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

/** The states in which an item is being worked on: deadlines, milestones and reports are watched. */
export const LIVE_STATUSES: readonly ItemStatus[] = ['issued', 'acknowledged', 'inProgress'];

/**
 * Why an item is flagged:
 * - `approachingDeadline` (blue): the deadline is near;
 * - `behindMilestone` (yellow): a milestone's planned date has passed without completion;
 * - `behindProgress` (yellow): the reported percentage trails time-elapsed progress (序时进度);
 * - `lateReport` (yellow by default): a monthly progress report was not in by its day;
 * - `overdue` (red): the deadline has passed.
 */
export const WARNING_KINDS = [
  'approachingDeadline',
  'behindMilestone',
  'behindProgress',
  'lateReport',
  'overdue',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

export const WARNING_KIND_NAMES: Readonly<Record<WarningKind, LocalizedText>> = {
  approachingDeadline: { zh: '临近截止', en: 'Deadline approaching' },
  behindMilestone: { zh: '节点滞后', en: 'Behind a milestone' },
  behindProgress: { zh: '进度滞后于序时进度', en: 'Behind time-elapsed progress' },
  lateReport: { zh: '月报逾期', en: 'Monthly report late' },
  overdue: { zh: '逾期未完成', en: 'Overdue' },
};

/** 蓝牌 / 黄牌 / 红牌. */
export const WARNING_COLOURS = ['blue', 'yellow', 'red'] as const;
export type WarningColour = (typeof WARNING_COLOURS)[number];

/**
 * An item's colour on the lists: its most severe active warning; green when a live item has none; `none` for
 * items not being worked on (drafted, closed, cancelled) or waiting for the completion review.
 */
export const ITEM_COLOURS = ['red', 'yellow', 'blue', 'green', 'none'] as const;
export type ItemColour = (typeof ITEM_COLOURS)[number];

export const ITEM_COLOUR_NAMES: Readonly<Record<ItemColour, LocalizedText>> = {
  red: { zh: '红牌', en: 'Red' },
  yellow: { zh: '黄牌', en: 'Yellow' },
  blue: { zh: '蓝牌', en: 'Blue' },
  green: { zh: '正常', en: 'On track' },
  none: { zh: '—', en: '—' },
};

/** Severity order of warning colours, most severe last. */
export const COLOUR_SEVERITY: Readonly<Record<ItemColour, number>> = { none: 0, green: 1, blue: 2, yellow: 3, red: 4 };

/** A supervision notice (督办单): open until answered; the answer is accepted (closed) or returned (open again). */
export const NOTICE_STATUSES = ['open', 'answered', 'closed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_STATUS_NAMES: Readonly<Record<NoticeStatus, LocalizedText>> = {
  open: { zh: '待答复', en: 'Awaiting answer' },
  answered: { zh: '已答复待审核', en: 'Answered, under review' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** Who issued a notice: a leader or the coordination centre, or the daily run on repeated yellow warnings. */
export type NoticeOrigin = 'manual' | 'auto';

/** How the issuer's side took an answer to a notice. */
export type AnswerReview = 'accepted' | 'returned';

/** A problem needing co-ordination, raised in a progress report. */
export type ProblemStatus = 'open' | 'resolved';

/** What an adjustment changes: the deadline, the quantitative target, or the item's existence (cancellation). */
export const ADJUSTMENT_KINDS = ['deadline', 'target', 'cancel'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

export const ADJUSTMENT_KIND_NAMES: Readonly<Record<AdjustmentKind, LocalizedText>> = {
  deadline: { zh: '调整截止日期', en: 'Change of deadline' },
  target: { zh: '调整目标', en: 'Change of target' },
  cancel: { zh: '撤销事项', en: 'Cancellation' },
};

export const ADJUSTMENT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];
