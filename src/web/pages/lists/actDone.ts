import type { MsgId } from '../../i18n.ts';

/** What an act did, by the last part of its path (`/lists/items/:id/acknowledge` → 已签收…). */
export function actDone(path: string, body: unknown): MsgId {
  const last = path.split('/').pop() ?? '';
  const approve = typeof body === 'object' && body !== null && 'approve' in body ? body.approve === true : false;
  const byPath: Record<string, MsgId> = {
    issue: 'act.issue',
    acknowledge: 'act.acknowledge',
    'request-completion': 'act.requestCompletion',
    close: 'act.close',
    'return-completion': 'act.returnCompletion',
    reports: 'act.report',
    complete: 'act.milestone',
    adjustments: 'act.adjustment',
    decide: approve ? 'act.adjustmentApproved' : 'act.adjustmentRejected',
    notices: 'act.notice',
    answer: 'act.answer',
    review: 'act.review',
    resolve: 'act.resolve',
  };
  return byPath[last] ?? 'act.done';
}
