import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { comparePeriods } from '../../../domain/periods.ts';
import { fmtPeriod, fmtTime } from '../../format.ts';
import { useI18n, useT } from '../../i18n.ts';
import type { Round } from '../workflow/useReportingCalendar.ts';

interface Props {
  rounds: Round[];
  loading: boolean;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

/** The reporting rounds, newest period first; a click shows that round's status. */
export function RoundList({ rounds, loading, selectedId, onSelect }: Props) {
  const { lang } = useI18n();
  const t = useT();
  const sorted = [...rounds].sort((a, b) => comparePeriods(b.period, a.period));
  const columns: TableColumnsType<Round> = [
    { title: t('wf.period'), dataIndex: 'period', render: (p: string) => fmtPeriod(p, lang) },
    { title: t('rounds.dueDate'), dataIndex: 'dueDate', width: 110 },
    {
      title: t('rounds.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: string) =>
        s === 'open' ? (
          <Tag color="processing">{t('rounds.status.open')}</Tag>
        ) : (
          <Tag>{s === 'closed' ? t('rounds.status.closed') : s}</Tag>
        ),
    },
  ];
  return (
    <Table<Round>
      scroll={{ x: 'max-content' }}
      data-testid="round-list"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={sorted}
      loading={loading}
      pagination={sorted.length > 12 ? { pageSize: 12, size: 'small' } : false}
      rowSelection={{
        type: 'radio',
        selectedRowKeys: selectedId ? [selectedId] : [],
        onChange: (keys) => keys[0] !== undefined && onSelect(String(keys[0])),
      }}
      onRow={(r) =>
        ({
          onClick: () => onSelect(r.id),
          style: { cursor: 'pointer' },
          'data-testid': `round-${r.period}`,
          title: `${t('rounds.openedAt')} ${fmtTime(r.openedAt)}`,
        }) as HTMLAttributes<HTMLElement>
      }
      locale={{ emptyText: t('rounds.none') }}
    />
  );
}
