import { useI18n, useT } from '../../../i18n.ts';
import { addDays } from '../../../../domain/lists/dates.ts';
import { ITEM_ACTION_NAMES } from '../../../../domain/lists/workflow.ts';
import type { ItemDetail } from '../../../../shared/api/lists.ts';
import { useApi } from '../../../hooks/useApi.ts';
import { ItemFormModal } from '../ItemFormModal.tsx';
import {
  AdjustmentModal,
  MilestoneModal,
  NoticeModal,
  ReportModal,
  ReviewAnswerModal,
  TextModal,
} from '../ItemModals.tsx';
import { TEXT_ACTION_PATH, type ItemActions } from './useItemActions.ts';

/** The dialogs of the item page's acts; the one in `actions.open` is shown. */
export function ItemDialogs({
  detail: d,
  actions,
  onSaved,
}: {
  detail: ItemDetail;
  actions: ItemActions;
  onSaved: () => void;
}) {
  const t = useT();
  const { lang } = useI18n();
  const rules = useApi<{ noticeAnswerDays: number }>('/lists/rules', undefined, { cache: true });
  const { open, close, act, busy } = actions;
  const i = d.item;
  const base = `/lists/items/${i.id}`;
  const owed = d.owedReports.map((r) => r.period);
  const periods = owed.length > 0 ? owed : [d.today.slice(0, 7)];
  const textModal = open.kind === 'text' ? open.action : null;
  return (
    <>
      <TextModal
        open={textModal !== null}
        busy={busy}
        title={textModal ? ITEM_ACTION_NAMES[textModal][lang] : ''}
        label={textModal === 'returnCompletion' ? t('item.reason') : t('item.note')}
        required={textModal === 'returnCompletion'}
        testId="act"
        onCancel={close}
        onOk={(text) => {
          if (!textModal) return;
          const body =
            textModal === 'returnCompletion'
              ? { version: i.version, reason: text }
              : { version: i.version, note: text || null };
          void act(`${base}/${TEXT_ACTION_PATH[textModal]}`, body);
        }}
      />
      <ReportModal
        open={open.kind === 'report'}
        busy={busy}
        periods={periods}
        hasTarget={i.target !== null}
        onCancel={close}
        onOk={(v) => void act(`${base}/reports`, { version: i.version, ...v })}
      />
      <MilestoneModal
        open={open.kind === 'milestone'}
        busy={busy}
        title={open.kind === 'milestone' ? open.title : ''}
        today={d.today}
        onCancel={close}
        onOk={(v) =>
          open.kind === 'milestone' && void act(`${base}/milestones/${open.id}/complete`, { version: i.version, ...v })
        }
      />
      <AdjustmentModal
        open={open.kind === 'adjust'}
        busy={busy}
        hasTarget={i.target !== null}
        onCancel={close}
        onOk={(v) => void act(`${base}/adjustments`, { version: i.version, ...v })}
      />
      <TextModal
        open={open.kind === 'decide'}
        busy={busy}
        title={t('item.reject')}
        label={t('item.reason')}
        required
        testId="decide"
        onCancel={close}
        onOk={(text) =>
          open.kind === 'decide' && void act(`/lists/adjustments/${open.id}/decide`, { approve: false, note: text })
        }
      />
      <NoticeModal
        open={open.kind === 'notice'}
        busy={busy}
        defaultDue={addDays(d.today, rules.data?.noticeAnswerDays ?? 7)}
        onCancel={close}
        onOk={(v) => void act(`${base}/notices`, v)}
      />
      <TextModal
        open={open.kind === 'answer'}
        busy={busy}
        title={t('item.answer')}
        label={t('item.answer')}
        required
        testId="answer"
        onCancel={close}
        onOk={(text) =>
          open.kind === 'answer' &&
          void act(`/lists/notices/${open.id}/answer`, { version: open.version, answer: text })
        }
      />
      <ReviewAnswerModal
        open={open.kind === 'review'}
        busy={busy}
        defaultDue={addDays(d.today, rules.data?.noticeAnswerDays ?? 7)}
        onCancel={close}
        onOk={(v) =>
          open.kind === 'review' && void act(`/lists/notices/${open.id}/review`, { version: open.version, ...v })
        }
      />
      {d.item.status === 'drafted' ? (
        <ItemFormModal
          open={open.kind === 'edit'}
          item={d}
          onClose={close}
          onSaved={() => {
            close();
            onSaved();
          }}
        />
      ) : null}
    </>
  );
}
