import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorText } from '../../../api.ts';
import { useI18n, useT } from '../../../i18n.ts';
import type { ItemDetail } from '../../../../shared/api/lists.ts';
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

/** The acts that take only a note (or, for a return, a reason), and their paths under the item. */
export type TextAction = 'issue' | 'acknowledge' | 'requestCompletion' | 'close' | 'returnCompletion';
export const TEXT_ACTION_PATH: Record<TextAction, string> = {
  issue: 'issue',
  acknowledge: 'acknowledge',
  requestCompletion: 'request-completion',
  close: 'close',
  returnCompletion: 'return-completion',
};

export interface ItemActions {
  open: Open;
  setOpen: (open: Open) => void;
  close: () => void;
  /** POSTs an act; the dialog closes when it succeeded, and the item is read again. */
  act: (path: string, body: object) => Promise<void>;
  /** POSTs an act without a dialog (resolving a problem). */
  run: (path: string, body: object) => Promise<boolean>;
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
  const act = async (path: string, body: object) => {
    if (await run(path, body)) close();
  };
  const deleteDraft = (d: ItemDetail, label: string) => {
    modal.confirm({
      title: label,
      content: `${d.item.code} ${d.item.title}`,
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.delete(`/lists/items/${d.item.id}?version=${d.item.version}`);
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
