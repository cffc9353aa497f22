import { Grid, Progress, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { ExperimentOutlined } from '@ant-design/icons';
import { shortOrgName } from '../../format.ts';
import type { ListItemRow } from '../../../shared/api/lists.ts';
import { ColourTag, COLOUR_HEX, KindTag, StatusTag } from './common.tsx';
import { useT } from '../../i18n.ts';

interface Props {
  rows: readonly ListItemRow[];
  loading?: boolean;
  /** Show the list column (when several lists are shown together). */
  showKind?: boolean;
  pageSize?: number;
}

/** The items of a list as a table: code, title (to the item's page), units, leader, deadline, progress, state, colour. */
export function ItemTable({ rows, loading, showKind = true, pageSize = 20 }: Props) {
  const t = useT();
  // On a phone the fixed code and colour columns would leave a hundred pixels for the rest: nothing is fixed there.
  const wide = Grid.useBreakpoint().md === true;
  const columns: TableColumnsType<ListItemRow> = [
    { title: t('lists.code'), dataIndex: 'code', width: 110, ...(wide ? { fixed: 'left' as const } : {}) },
    {
      title: t('lists.item'),
      dataIndex: 'title',
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <Link to={`/lists/items/${r.id}`} data-testid={`item-link-${r.code}`}>
            {r.title}
          </Link>
          {r.openNotices > 0 ? <Tag color="red">{t('lists.notices', { count: r.openNotices })}</Tag> : null}
          {r.pendingAdjustment ? <Tag color="orange">{t('lists.pending')}</Tag> : null}
          {r.generated ? (
            <Tooltip title={t('lists.generatedHint')}>
              <ExperimentOutlined style={{ color: '#722ed1' }} data-testid="generated-mark" />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    ...(showKind
      ? [
          {
            title: t('lists.kind'),
            dataIndex: 'kind',
            width: 88,
            render: (_: unknown, r: ListItemRow) => <KindTag kind={r.kind} />,
          },
        ]
      : []),
    {
      title: t('common.leadUnit'),
      dataIndex: 'leadUnitName',
      width: 130,
      render: (_: unknown, r) => (
        <Tooltip title={r.coUnitNames.length > 0 ? `${t('lists.coUnits')}：${r.coUnitNames.join('、')}` : undefined}>
          {shortOrgName(r.leadUnitName)}
        </Tooltip>
      ),
    },
    { title: t('lists.leader'), dataIndex: 'leaderName', width: 150 },
    {
      title: t('lists.deadline'),
      dataIndex: 'deadline',
      width: 104,
      sorter: (a, b) => a.deadline.localeCompare(b.deadline),
      render: (_: unknown, r) =>
        r.originalDeadline ? (
          <Tooltip title={t('lists.originalDeadline', { date: r.originalDeadline })}>
            <span style={{ textDecoration: 'underline dotted' }}>{r.deadline}</span>
          </Tooltip>
        ) : (
          r.deadline
        ),
    },
    {
      title: t('lists.progress'),
      dataIndex: 'progressPct',
      width: 110,
      render: (_: unknown, r) =>
        r.progressPct === null ? (
          <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>
        ) : (
          <Progress
            percent={r.progressPct}
            size="small"
            strokeColor={r.colour === 'none' ? undefined : COLOUR_HEX[r.colour]}
          />
        ),
    },
    {
      title: t('lists.status'),
      dataIndex: 'status',
      width: 100,
      render: (_: unknown, r) => <StatusTag status={r.status} />,
    },
    {
      title: t('lists.colour'),
      dataIndex: 'colour',
      width: 90,
      ...(wide ? { fixed: 'right' as const } : {}),
      render: (_: unknown, r) => <ColourTag colour={r.colour} />,
    },
  ];
  return (
    <Table<ListItemRow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      // 882 px of fixed widths and about 230 for the title: fits the card at 1440 (1136 px), scrolls below.
      scroll={{ x: 1110 }}
      pagination={{ pageSize, showSizeChanger: true, hideOnSinglePage: true }}
      data-testid="list-table"
    />
  );
}
