import { useI18n, useT } from '../../../i18n.ts';
import { addDays } from '../../../../domain/lists/dates.ts';
import { ITEM_ACTION_NAMES } from '../../../../domain/lists/workflow.ts';
import { listRoutes, type ItemDetail } from '../../../../shared/api/lists.ts';
import { useRoute } from '../../../hooks/useApi.ts';
import { ItemFormModal } from '../ItemFormModal.tsx';
import {
  AdjustmentModal,
  MilestoneModal,
  NoticeModal,
  ReportModal,
  ReviewAnswerModal,
  TextModal,
} from '../ItemModals.tsx';
import { NOTE_ACTION_ROUTE, type ItemActions } from './useItemActions.ts';

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
  const rules = useRoute(listRoutes.rules, {}, { cache: true });
  const { open, close, act, busy } = actions;
  const i = d.item;
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
          const params = { id: i.id };
          void (textModal === 'returnCompletion'
            ? act(listRoutes.returnCompletion, { params, body: { version: i.version, reason: text } })
            : act(NOTE_ACTION_ROUTE[textModal], { params, body: { version: i.version, note: text || null } }));
        }}
      />
      <ReportModal
        open={open.kind === 'report'}
        busy={busy}
        periods={periods}
        hasTarget={i.target !== null}
        onCancel={close}
        onOk={(v) => void act(listRoutes.report, { params: { id: i.id }, body: { version: i.version, ...v } })}
      />
      <MilestoneModal
        open={open.kind === 'milestone'}
        busy={busy}
        title={open.kind === 'milestone' ? open.title : ''}
        today={d.today}
        onCancel={close}
        onOk={(v) =>
          open.kind === 'milestone' &&
          void act(listRoutes.completeMilestone, {
            params: { id: i.id, milestoneId: open.id },
            body: { version: i.version, ...v },
          })
        }
      />
      <AdjustmentModal
        open={open.kind === 'adjust'}
        busy={busy}
        hasTarget={i.target !== null}
        onCancel={close}
        onOk={(v) =>
          void act(listRoutes.requestAdjustment, { params: { id: i.id }, body: { version: i.version, ...v } })
        }
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
          open.kind === 'decide' &&
          void act(listRoutes.decideAdjustment, { params: { id: open.id }, body: { approve: false, note: text } })
        }
      />
      <NoticeModal
        open={open.kind === 'notice'}
        busy={busy}
        defaultDue={addDays(d.today, rules.data?.noticeAnswerDays ?? 7)}
        onCancel={close}
        onOk={(v) => void act(listRoutes.issueNotice, { params: { id: i.id }, body: v })}
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
          void act(listRoutes.answerNotice, { params: { id: open.id }, body: { version: open.version, answer: text } })
        }
      />
      <ReviewAnswerModal
        open={open.kind === 'review'}
        busy={busy}
        defaultDue={addDays(d.today, rules.data?.noticeAnswerDays ?? 7)}
        onCancel={close}
        onOk={(v) =>
          open.kind === 'review' &&
          void act(listRoutes.reviewAnswer, { params: { id: open.id }, body: { version: open.version, ...v } })
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
