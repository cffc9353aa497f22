import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { call, errorText } from '../../../api.ts';
import { useI18n, useT } from '../../../i18n.ts';
import { listRoutes, type ItemDetail } from '../../../../shared/api/lists.ts';
import type { RouteContract, RouteInput } from '../../../../shared/contract.ts';
import { useAct } from '../common.tsx';

/** Which dialog of the item page is open, with what it acts on. */
export type Open =
  | { kind: 'none' }
  | { kind: 'text'; action: TextAction }
  | { kind: 'report' }
  | { kind: 'milestone'; id: string; title: string }
  | { kind: 'adjust' }
  | { kind: 'decide'; id: string }
  | { kind: 'notice' }
  | { kind: 'answer'; id: string; version: number }
  | { kind: 'review'; id: string; version: number }
  | { kind: 'edit' };

/** The acts that take only a note (or, for a return, a reason). */
export type TextAction = 'issue' | 'acknowledge' | 'requestCompletion' | 'close' | 'returnCompletion';
/** The routes of the acts that take the item's version and a note. */
export const NOTE_ACTION_ROUTE = {
  issue: listRoutes.issue,
  acknowledge: listRoutes.acknowledge,
  requestCompletion: listRoutes.requestCompletion,
  close: listRoutes.close,
} satisfies Record<Exclude<TextAction, 'returnCompletion'>, RouteContract>;

export interface ItemActions {
  open: Open;
  setOpen: (open: Open) => void;
  close: () => void;
  /** POSTs an act; the dialog closes when it succeeded, and the item is read again. */
  act: <C extends RouteContract>(contract: C, input: RouteInput<C>) => Promise<void>;
  /** POSTs an act without a dialog (resolving a problem). */
  run: <C extends RouteContract>(contract: C, input: RouteInput<C>) => Promise<boolean>;
  busy: boolean;
  /** Asks, then deletes the draft and goes back to the lists. */
  deleteDraft: (detail: ItemDetail, label: string) => void;
}

/** The item page's acts: which dialog is open, sending an act and reloading, deleting a draft. */
export function useItemActions(reload: () => void): ItemActions {
  const t = useT();
  const { lang } = useI18n();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = useCallback(() => setOpen({ kind: 'none' }), []);
  const { run, busy } = useAct(useCallback(() => reload(), [reload]));
  const act = async <C extends RouteContract>(contract: C, input: RouteInput<C>) => {
    if (await run(contract, input)) close();
  };
  const deleteDraft = (d: ItemDetail, label: string) => {
    modal.confirm({
      title: label,
      content: `${d.item.code} ${d.item.title}`,
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call(listRoutes.remove, { params: { id: d.item.id }, query: { version: d.item.version } });
          void message.success(t('act.deleted', { code: d.item.code }));
          void navigate('/lists');
        } catch (e) {
          void message.error(errorText(e, lang));
        }
      },
    });
  };
  return { open, setOpen, close, act, run, busy, deleteDraft };
}
