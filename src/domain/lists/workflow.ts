/**
 * The workflow of a list item (DOMAIN.md §2.3) as a state machine: which act leads from which state to which, and
 * who may perform it. Pure: the server asks it before every change, and again to tell the web which buttons to show.
 *
 *   drafted ─issue→ issued ─acknowledge→ acknowledged ─report / completeMilestone→ inProgress
 *   acknowledged | inProgress ─requestCompletion→ completionRequested ─close→ closed (销号)
 *   completionRequested ─returnCompletion→ inProgress
 *   issued | acknowledged | inProgress ─requestAdjustment→ (same state, an adjustment pending)
 *   pending adjustment ─decideAdjustment→ (same state with the new deadline or target; cancelled for a cancellation)
 */
import type { LocalizedText } from '../text.ts';
import type { ItemStatus } from './types.ts';

export const ITEM_ACTIONS = [
  'editDraft',
  'deleteDraft',
  'issue',
  'acknowledge',
  'report',
  'completeMilestone',
  'requestCompletion',
  'close',
  'returnCompletion',
  'requestAdjustment',
  'decideAdjustment',
  'issueNotice',
  'attach',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const ITEM_ACTION_NAMES: Readonly<Record<ItemAction, LocalizedText>> = {
  editDraft: { zh: '修改草稿', en: 'Edit draft' },
  deleteDraft: { zh: '删除草稿', en: 'Delete draft' },
  issue: { zh: '下发', en: 'Issue' },
  acknowledge: { zh: '签收', en: 'Acknowledge' },
  report: { zh: '报送进展', en: 'Report progress' },
  completeMilestone: { zh: '完成节点', en: 'Complete a milestone' },
  requestCompletion: { zh: '申请销号', en: 'Request completion' },
  close: { zh: '审核销号', en: 'Close' },
  returnCompletion: { zh: '退回销号申请', en: 'Return the completion request' },
  requestAdjustment: { zh: '申请调整或撤销', en: 'Request an adjustment or cancellation' },
  decideAdjustment: { zh: '审批调整', en: 'Decide on an adjustment' },
  issueNotice: { zh: '下发督办单', en: 'Issue a supervision notice' },
  attach: { zh: '上传附件', en: 'Attach a file' },
};

/**
 * How the acting user stands to the item (each computed by the server from role and scope):
 * - `coordinator`: the coordination centre (共富办);
 * - `leader`: a leader (领导小组, 分管领导);
 * - `reviewer`: a reviewer whose scope covers the item's lead unit;
 * - `leadUnit`: a reporter of the lead unit (牵头单位).
 */
export interface Standing {
  coordinator: boolean;
  leader: boolean;
  reviewer: boolean;
  leadUnit: boolean;
}

type Who = keyof Standing;

interface Rule {
  from: readonly ItemStatus[];
  /** The state after the act; null when the act does not change the state by itself. */
  to: ItemStatus | null;
  who: readonly Who[];
}

const WORKING: readonly ItemStatus[] = ['acknowledged', 'inProgress'];
const LIVE: readonly ItemStatus[] = ['issued', 'acknowledged', 'inProgress'];

/** The whole workflow in one table. */
export const WORKFLOW: Readonly<Record<ItemAction, Rule>> = {
  editDraft: { from: ['drafted'], to: 'drafted', who: ['coordinator'] },
  deleteDraft: { from: ['drafted'], to: null, who: ['coordinator'] },
  issue: { from: ['drafted'], to: 'issued', who: ['coordinator'] },
  acknowledge: { from: ['issued'], to: 'acknowledged', who: ['leadUnit'] },
  report: { from: WORKING, to: 'inProgress', who: ['leadUnit'] },
  completeMilestone: { from: WORKING, to: 'inProgress', who: ['leadUnit'] },
  requestCompletion: { from: WORKING, to: 'completionRequested', who: ['leadUnit'] },
  close: { from: ['completionRequested'], to: 'closed', who: ['reviewer', 'coordinator'] },
  returnCompletion: { from: ['completionRequested'], to: 'inProgress', who: ['reviewer', 'coordinator'] },
  requestAdjustment: { from: LIVE, to: null, who: ['leadUnit', 'coordinator'] },
  decideAdjustment: { from: LIVE, to: null, who: ['coordinator', 'leader'] },
  issueNotice: { from: LIVE, to: null, who: ['coordinator', 'leader'] },
  attach: { from: ['drafted', ...LIVE, 'completionRequested'], to: null, who: ['leadUnit', 'coordinator'] },
};

/** Why an act is refused: the item is in the wrong state, or the user is not the one to do it. */
export type Refusal = 'state' | 'standing';

/**
 * Whether `action` may be done to an item in `status` by a user of this standing; null when it may, else why not.
 *
 * @example refusal('issued', 'acknowledge', { leadUnit: true, … }) === null
 * @example refusal('issued', 'report', { leadUnit: true, … }) === 'state' (acknowledge first)
 * @example refusal('completionRequested', 'close', { leadUnit: true, … }) === 'standing' (only reviewers or the
 * coordination centre close an item)
 */
export function refusal(status: ItemStatus, action: ItemAction, standing: Standing): Refusal | null {
  const rule = WORKFLOW[action];
  if (!rule.who.some((w) => standing[w])) return 'standing';
  if (!rule.from.includes(status)) return 'state';
  return null;
}

/**
 * The state after `action` from `status`; the same state for acts that do not move the item by themselves.
 * Throws for an act not allowed from `status` (ask {@link refusal} first).
 *
 * @example nextStatus('drafted', 'issue') === 'issued'; nextStatus('inProgress', 'report') === 'inProgress'
 * @example nextStatus('completionRequested', 'returnCompletion') === 'inProgress'
 */
export function nextStatus(status: ItemStatus, action: ItemAction): ItemStatus {
  const rule = WORKFLOW[action];
  if (!rule.from.includes(status)) throw new Error(`${action} is not allowed from ${status}`);
  return rule.to ?? status;
}

/**
 * Every act this user may do to the item now, in workflow order. An adjustment can be requested only while none is
 * pending, and decided only while one is (and not by its own requester, which the caller folds into `standing`).
 *
 * @example allowedActions('issued', { leadUnit: true, … }, { pendingAdjustment: false }) → ['acknowledge',
 * 'requestAdjustment', 'attach']
 */
export function allowedActions(
  status: ItemStatus,
  standing: Standing,
  opts: { pendingAdjustment: boolean },
): ItemAction[] {
  return ITEM_ACTIONS.filter((a) => {
    if (refusal(status, a, standing) !== null) return false;
    if (a === 'requestAdjustment') return !opts.pendingAdjustment;
    if (a === 'decideAdjustment') return opts.pendingAdjustment;
    return true;
  });
}
