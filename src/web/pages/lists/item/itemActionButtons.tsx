import { Button } from 'antd';
import { useI18n } from '../../../i18n.ts';
import { ITEM_ACTION_NAMES, type ItemAction } from '../../../../domain/lists/workflow.ts';
import type { ItemDetail } from '../../../../shared/api/lists.ts';
import type { ItemActions } from './useItemActions.ts';

/** The buttons of the workflow, in order; each shown only when the server says the user may do it now. */
const BUTTONS: ItemAction[] = [
  'editDraft',
  'issue',
  'acknowledge',
  'report',
  'requestCompletion',
  'close',
  'returnCompletion',
  'issueNotice',
  'requestAdjustment',
  'deleteDraft',
];

/** What the signed-in user may do to the item now, one button per act. */
export function itemActionButtons(d: ItemDetail, actions: ItemActions, lang: ReturnType<typeof useI18n>['lang']) {
  const can = new Set(d.can);
  const { setOpen } = actions;
  const button = (a: ItemAction) => {
    const label = ITEM_ACTION_NAMES[a][lang];
    const testId = `item-action-${a}`;
    switch (a) {
      case 'editDraft':
        return (
          <Button key={a} data-testid={testId} onClick={() => setOpen({ kind: 'edit' })}>
            {label}
          </Button>
        );
      case 'deleteDraft':
        return (
          <Button key={a} danger data-testid={testId} onClick={() => actions.deleteDraft(d, label)}>
            {label}
          </Button>
        );
      case 'issue':
      case 'acknowledge':
      case 'requestCompletion':
      case 'close':
      case 'returnCompletion':
        return (
          <Button
            key={a}
            type={a === 'returnCompletion' ? 'default' : 'primary'}
            danger={a === 'returnCompletion'}
            data-testid={testId}
            onClick={() => setOpen({ kind: 'text', action: a })}
          >
            {label}
          </Button>
        );
      case 'report':
        return (
          <Button key={a} type="primary" data-testid={testId} onClick={() => setOpen({ kind: 'report' })}>
            {label}
          </Button>
        );
      case 'issueNotice':
        return (
          <Button key={a} danger data-testid={testId} onClick={() => setOpen({ kind: 'notice' })}>
            {label}
          </Button>
        );
      case 'requestAdjustment':
        return (
          <Button key={a} data-testid={testId} onClick={() => setOpen({ kind: 'adjust' })}>
            {label}
          </Button>
        );
      case 'completeMilestone':
      case 'decideAdjustment':
      case 'attach':
        return null;
    }
  };
  return BUTTONS.filter((a) => can.has(a)).map(button);
}
