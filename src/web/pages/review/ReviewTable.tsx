import { HistoryOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes, Key } from 'react';
import { fmtNum, fmtPeriod, fmtTime, fmtValue } from '../../format.ts';
import { TargetText } from '../../components/TargetText.tsx';
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
  const { lang, pick, t } = useI18n();
  const columns: TableColumnsType<ReviewItem> = [
    {
      title: t('common.orgUnit'),
      key: 'orgUnit',
      width: 96,
      render: (_: unknown, item) => pick(item.orgUnitName, item.orgUnitNameEn),
    },
    { title: t('common.period'), dataIndex: 'period', width: 104, render: (p: string) => fmtPeriod(p, lang) },
    {
      // Wide enough for a name on one or two lines: the figure is judged by what it is.
      title: t('wf.indicator'),
      key: 'indicator',
      width: 280,
      render: (_: unknown, item) => (
        <span>
          <span className="muted">{item.indicatorCode}</span> {pick(item.indicatorName, item.indicatorNameEn)}
        </span>
      ),
    },
    {
      title: t('entry.target'),
      key: 'target',
      width: 170,
      render: (_: unknown, item) => <TargetText target={item.target} unit={item.unit} />,
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
    {
      title: t('wf.note'),
      dataIndex: 'note',
      width: 160,
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '',
    },
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
      scroll={{ x: 1400 }}
      rowSelection={{ selectedRowKeys: selected, onChange: (keys: Key[]) => onSelect(keys.map(String)) }}
      onRow={(item) => ({ 'data-testid': reviewRowId(item) }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t('review.empty') }}
    />
  );
}
