import { HistoryOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes, Key } from 'react';
import { fmtNum, fmtPeriod, fmtTime, fmtValue } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { changeShare, reviewRowId, type ReviewItem } from './types.ts';
import { PLAUSIBILITY_CHANGE } from '../entry/rowChecks.ts';

interface Props {
  items: ReviewItem[];
  loading: boolean;
  selected: string[];
  onSelect: (ids: string[]) => void;
  onHistory: (item: ReviewItem) => void;
}

/** The review queue: submitted values with last period's value and the change, selectable for approve/return. */
export function ReviewTable({ items, loading, selected, onSelect, onHistory }: Props) {
  const { lang, t } = useI18n();
  const columns: TableColumnsType<ReviewItem> = [
    { title: t('common.orgUnit'), dataIndex: 'orgUnitName', width: 110 },
    { title: t('common.period'), dataIndex: 'period', width: 110, render: (p: string) => fmtPeriod(p, lang) },
    {
      title: t('wf.indicator'),
      key: 'indicator',
      render: (_: unknown, item) => (
        <span>
          <span className="muted">{item.indicatorCode}</span> {item.indicatorName}
        </span>
      ),
    },
    {
      title: t('wf.current'),
      key: 'value',
      width: 140,
      align: 'right',
      render: (_: unknown, item) => <strong>{fmtValue(item.value, item.unit)}</strong>,
    },
    {
      title: t('wf.previous'),
      key: 'previous',
      width: 120,
      align: 'right',
      render: (_: unknown, item) => fmtValue(item.previousValue, item.unit),
    },
    {
      title: t('wf.change'),
      key: 'change',
      width: 110,
      align: 'right',
      render: (_: unknown, item) => {
        const share = changeShare(item.value, item.previousValue);
        if (share === null) return <span className="muted">—</span>;
        const text = `${share > 0 ? '+' : ''}${fmtNum(share * 100, 1)}%`;
        return Math.abs(share) > PLAUSIBILITY_CHANGE ? (
          <Tooltip title={t('review.bigChange')}>
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {text}
            </Tag>
          </Tooltip>
        ) : (
          text
        );
      },
    },
    { title: t('wf.submittedAt'), dataIndex: 'submittedAt', width: 140, render: (v: string | null) => fmtTime(v) },
    { title: t('wf.note'), dataIndex: 'note', width: 200, render: (v: string | null) => v ?? '' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, item) => (
        <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => onHistory(item)}>
          {t('common.history')}
        </Button>
      ),
    },
  ];
  return (
    <Table<ReviewItem>
      data-testid="review-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      rowSelection={{ selectedRowKeys: selected, onChange: (keys: Key[]) => onSelect(keys.map(String)) }}
      onRow={(item) => ({ 'data-testid': reviewRowId(item) }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t('review.empty') }}
    />
  );
}
