import { Progress, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { daysBetween, doneShare, pendingOf, sortUnits, type RoundStatus, type UnitStatus } from './types.ts';
import { type MsgId, useT } from '../../i18n.ts';

interface Props {
  status: RoundStatus | undefined;
  loading: boolean;
  /** Reporters get a link from their unit to its entry grid. */
  canEnter: boolean;
}

const COUNTS: readonly {
  key: keyof UnitStatus & ('missing' | 'draft' | 'submitted' | 'returned' | 'approved' | 'published');
  label: MsgId;
  alert?: string;
}[] = [
  { key: 'missing', label: 'rounds.missing', alert: '#cf1322' },
  { key: 'draft', label: 'rounds.draft' },
  { key: 'returned', label: 'rounds.returned', alert: '#d46b08' },
  { key: 'submitted', label: 'rounds.submitted' },
  { key: 'approved', label: 'rounds.approved' },
  { key: 'published', label: 'rounds.published' },
];

function count(n: number, alert: string | undefined): ReactNode {
  if (n === 0) return <span className="wf-num-zero">0</span>;
  return alert ? <strong style={{ color: alert }}>{n}</strong> : n;
}

/** Who has reported what in the round, late units first and in red. */
export function RoundStatusTable({ status, loading, canEnter }: Props) {
  const t = useT();
  const units = status ? sortUnits(status.units) : [];
  const lateDays = status ? daysBetween(status.round.dueDate, status.today) : 0;
  const columns: TableColumnsType<UnitStatus> = [
    {
      title: t('rounds.unit'),
      key: 'unit',
      width: 150,
      render: (_: unknown, u) =>
        canEnter && status ? (
          <Link
            to={`/entry?orgUnitId=${encodeURIComponent(u.orgUnitId)}&period=${encodeURIComponent(status.round.period)}`}
          >
            {u.orgUnitName}
          </Link>
        ) : (
          u.orgUnitName
        ),
    },
    {
      title: t('rounds.status'),
      key: 'state',
      width: 130,
      render: (_: unknown, u) =>
        u.late ? (
          <Tag color="red" data-testid={`round-late-${u.orgUnitId}`}>
            {lateDays > 0 ? t('rounds.lateDays', { days: lateDays }) : t('rounds.late')}
          </Tag>
        ) : u.complete ? (
          <Tag color="success">{t('rounds.complete')}</Tag>
        ) : pendingOf(u) === 0 ? (
          <Tag color="processing">{t('rounds.awaitingReview')}</Tag>
        ) : (
          <Tag>{t('rounds.inProgress')}</Tag>
        ),
    },
    { title: t('rounds.expected'), dataIndex: 'expected', width: 72, align: 'right' },
    ...COUNTS.map((c) => ({
      title: t(c.label),
      key: c.key,
      width: 72,
      align: 'right' as const,
      render: (_: unknown, u: UnitStatus) => count(u[c.key], c.alert),
    })),
    {
      title: <Tooltip title={t('rounds.progressHint')}>{t('rounds.progress')}</Tooltip>,
      key: 'progress',
      width: 220,
      render: (_: unknown, u) => (
        <Progress
          percent={Math.round(doneShare(u) * 100)}
          success={{ percent: u.expected === 0 ? 100 : Math.round(((u.approved + u.published) / u.expected) * 100) }}
          strokeColor={u.late ? '#ff4d4f' : undefined}
          size="small"
        />
      ),
    },
  ];
  return (
    <Table<UnitStatus>
      scroll={{ x: 'max-content' }}
      data-testid="round-status-table"
      rowKey="orgUnitId"
      size="middle"
      columns={columns}
      dataSource={units}
      loading={loading}
      pagination={false}
      rowClassName={(u) => (u.late ? 'wf-row-late' : '')}
      onRow={(u) => ({ 'data-testid': `round-unit-${u.orgUnitId}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
