import { CheckOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { call, toApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ValueHistoryDrawer } from '../../components/ValueHistoryDrawer.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { valueRoutes } from '../../../shared/api/values.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { withinScope } from '../workflow/orgTree.ts';
import { useReportingCalendar } from '../workflow/useReportingCalendar.ts';
import '../workflow/workflow.css';
import { ReturnModal } from './ReturnModal.tsx';
import { ReviewSearchForm } from './ReviewSearchForm.tsx';
import { ReviewTable } from './ReviewTable.tsx';
import type { ReviewFilter, ReviewItem } from './types.ts';

const EMPTY: ReviewFilter = { period: undefined, orgUnitId: undefined, indicator: '' };

/** 数据审核: submitted values inside the reviewer's scope; approve, or return with a reason. */
export function ReviewPage() {
  const { user } = useSession();
  const { lang } = useI18n();
  const t = useT();
  const { message, modal } = App.useApp();
  const calendar = useReportingCalendar();
  const org = useOrgUnits();
  const [filter, setFilter] = useState<ReviewFilter>(EMPTY);
  const queue = useRoute(valueRoutes.reviewQueue, { query: { period: filter.period } });
  const [selected, setSelected] = useState<string[]>([]);
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [historyItem, setHistoryItem] = useState<ReviewItem | null>(null);

  const items = useMemo(() => {
    const q = filter.indicator.trim().toLowerCase();
    return (queue.data ?? []).filter(
      (i) =>
        (!filter.orgUnitId || withinScope(org.byId, i.orgUnitId, [filter.orgUnitId])) &&
        (!q || i.indicatorCode.toLowerCase().includes(q) || i.indicatorName.toLowerCase().includes(q)),
    );
  }, [queue.data, filter, org.byId]);
  const chosen = items.filter((i) => selected.includes(i.id));

  const review = async (action: 'approve' | 'return', reason: string | null) => {
    setBusy(true);
    try {
      const res = await call(valueRoutes.review, {
        body: { items: chosen.map((i) => ({ id: i.id, version: i.version })), action, reason },
      });
      void message.success(t(action === 'approve' ? 'review.approved' : 'review.returned', { count: res.reviewed }));
      setReturning(false);
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'CONFLICT' || error.code === 'INVALID_STATE') void message.warning(t('review.conflict'));
      else void message.error(error.text(lang));
      setReturning(false);
    } finally {
      setBusy(false);
      setSelected([]);
      queue.reload();
    }
  };

  const approve = () => {
    if (chosen.length === 0) {
      void message.info(t('review.selectFirst'));
      return;
    }
    modal.confirm({
      title: t('review.approve'),
      content: t('review.approveConfirm', { count: chosen.length }),
      okText: t('review.approve'),
      okButtonProps: { 'data-testid': 'review-approve-confirm' },
      onOk: () => review('approve', null),
    });
  };

  return (
    <>
      <PageHeader title={t('review.title')} subtitle={t('review.subtitle')} />
      <ReviewSearchForm
        filter={filter}
        year={calendar.year}
        scope={user?.entryScope ?? []}
        onChange={(f) => {
          setFilter(f);
          setSelected([]);
        }}
        onReset={() => {
          setFilter(EMPTY);
          setSelected([]);
        }}
      />
      {queue.error ? <ErrorAlert error={queue.error} onRetry={queue.reload} /> : null}
      <div className="wf-panel">
        <div className="wf-toolbar">
          <div className="wf-toolbar-left">
            <Button
              type="primary"
              icon={<CheckOutlined />}
              data-testid="review-approve"
              disabled={chosen.length === 0}
              loading={busy}
              onClick={approve}
            >
              {t('review.approve')}
            </Button>
            <Button
              danger
              icon={<RollbackOutlined />}
              data-testid="review-return"
              disabled={chosen.length === 0}
              onClick={() => setReturning(true)}
            >
              {t('review.return')}
            </Button>
            <Typography.Text type="secondary">
              {chosen.length > 0
                ? t('review.selected', { count: chosen.length })
                : t('review.count', { count: items.length })}
            </Typography.Text>
          </div>
          <Button icon={<ReloadOutlined />} onClick={queue.reload}>
            {t('wf.reload')}
          </Button>
        </div>
        <ReviewTable
          items={items}
          loading={queue.loading}
          selected={selected}
          onSelect={setSelected}
          onHistory={setHistoryItem}
        />
      </div>
      <ReturnModal
        open={returning}
        count={chosen.length}
        busy={busy}
        onCancel={() => setReturning(false)}
        onReturn={(reason) => void review('return', reason)}
      />
      <ValueHistoryDrawer
        valueId={historyItem?.id ?? null}
        title={
          historyItem
            ? `${historyItem.indicatorCode} ${historyItem.indicatorName} · ${historyItem.orgUnitName}`
            : undefined
        }
        unit={historyItem?.unit}
        onClose={() => setHistoryItem(null)}
      />
    </>
  );
}
