import { Descriptions, Drawer, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { fmtNum, fmtPeriod, fmtTime } from '../format.ts';
import { useRoute } from '../hooks/useApi.ts';
import { useI18n, type MsgId } from '../i18n.ts';
import type { HistoryEntry } from '../types.ts';
import { valueRoutes } from '../../shared/api/values.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { ValueStatusTag } from './ValueStatusTag.tsx';
import { unitName } from '../units.ts';

interface Props {
  valueId: string | null;
  /** Shown in the title: indicator and org unit. */
  title?: string;
  unit?: string;
  onClose: () => void;
}

const ACTIONS: Record<string, MsgId> = {
  enter: 'history.action.enter',
  update: 'history.action.update',
  submit: 'history.action.submit',
  approve: 'history.action.approve',
  return: 'history.action.return',
  publish: 'history.action.publish',
  reopen: 'history.action.reopen',
};

/** Every change of one value: who, when, old → new, status change and the reason. */
export function ValueHistoryDrawer({ valueId, title, unit = '', onClose }: Props) {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useRoute(
    valueRoutes.history,
    valueId === null ? null : { params: { id: valueId } },
  );
  const actionLabel = (a: string) => {
    const id = ACTIONS[a];
    return id ? t(id) : a;
  };
  const columns: TableColumnsType<HistoryEntry> = [
    { title: t('history.when'), dataIndex: 'at', width: 150, render: (v: string) => fmtTime(v) },
    {
      title: t('history.who'),
      dataIndex: 'userName',
      width: 110,
      render: (v: string | null) => v ?? t('history.system'),
    },
    { title: t('history.action'), dataIndex: 'action', width: 100, render: (v: string) => <Tag>{actionLabel(v)}</Tag> },
    {
      title: t('history.change'),
      key: 'change',
      width: 150,
      render: (_: unknown, h) =>
        h.oldValue === h.newValue ? (
          <span>{fmtNum(h.newValue)}</span>
        ) : (
          <span>
            <span className="muted">{fmtNum(h.oldValue)}</span> → <strong>{fmtNum(h.newValue)}</strong>
          </span>
        ),
    },
    {
      title: t('history.statusChange'),
      key: 'status',
      width: 190,
      render: (_: unknown, h) => (
        <span>
          {h.oldStatus ? <ValueStatusTag status={h.oldStatus} /> : null}
          {h.oldStatus ? ' → ' : null}
          <ValueStatusTag status={h.newStatus} />
        </span>
      ),
    },
    { title: t('history.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
  ];
  return (
    <Drawer
      open={valueId !== null}
      onClose={onClose}
      size={860}
      title={`${t('history.title')}${title ? ` · ${title}` : ''}`}
      destroyOnHidden
    >
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {data ? (
        <Descriptions
          size="small"
          bordered
          column={3}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'period', label: t('common.period'), children: fmtPeriod(data.value.period, lang) },
            {
              key: 'value',
              label: t('history.current'),
              children: (
                <Typography.Text strong>
                  {fmtNum(data.value.value)} {unitName(unit ?? '')}
                </Typography.Text>
              ),
            },
            {
              key: 'status',
              label: t('indicator.valueStatus'),
              children: <ValueStatusTag status={data.value.status} origin={data.value.origin} />,
            },
          ]}
        />
      ) : null}
      <Table<HistoryEntry>
        rowKey={(h) => `${h.at}|${h.action}|${h.newStatus}`}
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.entries ?? []}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} /> }}
      />
    </Drawer>
  );
}
