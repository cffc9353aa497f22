import { Button, Progress, Table, Tag, Tooltip } from 'antd';
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
  /** The coordination centre chases a unit that owes figures (催报). */
  onRemind?: ((units: UnitStatus[]) => void) | undefined;
  /** Units chosen for a reminder together. */
  selected?: string[];
  onSelect?: (ids: string[]) => void;
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
export function RoundStatusTable({ status, loading, canEnter, onRemind, selected, onSelect }: Props) {
  const t = useT();
  const units = status ? sortUnits(status.units) : [];
  const lateDays = status ? daysBetween(status.round.dueDate, status.today) : 0;
  const open = status?.round.status === 'open';
  const columns: TableColumnsType<UnitStatus> = [
    {
      title: t('rounds.unit'),
      key: 'unit',
      width: 120,
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
      render: (_: unknown, u) => (
        <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
          {u.late ? (
            <Tag color="red" data-testid={`round-late-${u.orgUnitId}`}>
              {t('rounds.lateDays', { days: u.overdueDays ?? lateDays })}
            </Tag>
          ) : u.complete ? (
            <Tag color="success">{t('rounds.complete')}</Tag>
          ) : pendingOf(u) === 0 ? (
            <Tag color="processing">{t('rounds.awaitingReview')}</Tag>
          ) : (
            <Tag>{t('rounds.inProgress')}</Tag>
          )}
          {/* Kept once late: a unit that reported after the due date says so, whatever happened since. */}
          {u.submittedLateDays !== null ? (
            <Tag color="volcano" data-testid={`round-submitted-late-${u.orgUnitId}`}>
              {t('rounds.submittedLate', { days: u.submittedLateDays })}
            </Tag>
          ) : null}
          {u.reminders > 0 ? (
            <Tag color="orange" data-testid={`round-reminded-${u.orgUnitId}`}>
              {t('rounds.reminded', { count: u.reminders })}
            </Tag>
          ) : null}
        </span>
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
      width: 160,
      render: (_: unknown, u) => (
        <Progress
          percent={Math.round(doneShare(u) * 100)}
          success={{ percent: u.expected === 0 ? 100 : Math.round(((u.approved + u.published) / u.expected) * 100) }}
          strokeColor={u.late ? '#ff4d4f' : undefined}
          size="small"
        />
      ),
    },
    ...(onRemind && open
      ? [
          {
            title: t('rounds.actions'),
            key: 'remind',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, u: UnitStatus) =>
              pendingOf(u) > 0 ? (
                <Button size="small" data-testid={`round-remind-${u.orgUnitId}`} onClick={() => onRemind([u])}>
                  {t('rounds.remind')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Table<UnitStatus>
      scroll={{ x: 'max-content' }}
      data-testid="round-status-table"
      rowKey="orgUnitId"
      rowSelection={
        onRemind && open && onSelect
          ? {
              selectedRowKeys: selected ?? [],
              onChange: (keys) => onSelect(keys.map(String)),
              getCheckboxProps: (u) => ({ disabled: pendingOf(u) === 0 }),
            }
          : undefined
      }
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
