import { Card, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { ColourCounts } from '../../components/StatusTag.tsx';
import { fmtNum } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { COLOURS, scoreColour } from '../../status.ts';
import type { RankingRow } from '../../types.ts';
import { RankingChart } from '../../components/RankingChart.tsx';
import { useUnitLink } from './unitLink.ts';

/** 区县排名 on the cockpit: bars of the overall score and the table beside them. */
export function RankingPanel({ ranking }: { ranking: RankingRow[] }) {
  const { t, pick } = useI18n();
  const unitLink = useUnitLink();
  const columns: TableColumnsType<RankingRow> = [
    { title: t('common.rank'), dataIndex: 'rank', width: 60, align: 'center', render: (v: number | null) => v ?? '—' },
    {
      title: t('common.orgUnit'),
      key: 'name',
      render: (_: unknown, r) => <Link to={unitLink(r.orgUnitId)}>{pick(r.name, r.nameEn)}</Link>,
    },
    {
      title: t('common.overall'),
      dataIndex: 'overall',
      width: 90,
      align: 'right',
      render: (v: number | null) => <strong style={{ color: COLOURS[scoreColour(v)].text }}>{fmtNum(v, 1)}</strong>,
    },
    {
      title: t('cockpit.counts'),
      key: 'counts',
      width: 140,
      render: (_: unknown, r) => <ColourCounts red={r.red} yellow={r.yellow} green={r.green} />,
    },
  ];
  return (
    <Card
      title={t('cockpit.ranking')}
      style={{ height: '100%' }}
      extra={<Link to="/ranking">{t('common.details')}</Link>}
    >
      <RankingChart ranking={ranking} height={190} />
      <Table<RankingRow>
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey="orgUnitId"
        columns={columns}
        dataSource={ranking}
        pagination={false}
      />
    </Card>
  );
}
