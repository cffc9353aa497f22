import { HistoryOutlined } from '@ant-design/icons';
import { Button, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ValueHistoryDrawer } from '../../components/ValueHistoryDrawer.tsx';
import { ValueStatusTag } from '../../components/ValueStatusTag.tsx';
import { fmtPeriod, fmtValue } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import type { SeriesPoint } from '../../types.ts';

/** Every value of the indicator for the unit, newest first, each with its change history one click away. */
export function ValueList({ points, unit, title }: { points: SeriesPoint[]; unit: string; title: string }) {
  const { t, lang } = useI18n();
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const rows = [...points].sort((a, b) => b.period.localeCompare(a.period));
  const columns: TableColumnsType<SeriesPoint> = [
    {
      title: t('common.period'),
      dataIndex: 'period',
      width: 130,
      render: (p: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtPeriod(p, lang)}</span>,
    },
    {
      title: t('common.actual'),
      dataIndex: 'value',
      width: 160,
      align: 'right',
      render: (v: number | null) => <strong>{fmtValue(v, unit)}</strong>,
    },
    {
      title: t('indicator.valueStatus'),
      dataIndex: 'status',
      render: (s: string, p) => <ValueStatusTag status={s} origin={p.origin} />,
    },
    {
      title: t('common.actions'),
      key: 'history',
      width: 120,
      render: (_: unknown, p) => (
        <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistoryOf(p.id)}>
          {t('common.history')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<SeriesPoint>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 12 ? { pageSize: 12, showSizeChanger: false, size: 'small' } : false}
      />
      <ValueHistoryDrawer valueId={historyOf} title={title} unit={unit} onClose={() => setHistoryOf(null)} />
    </>
  );
}
