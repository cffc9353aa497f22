import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { apiUrl } from '../api.ts';
import { AsOfSelect } from '../components/AsOfSelect.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RankingChart } from '../components/RankingChart.tsx';
import { ColourCounts } from '../components/StatusTag.tsx';
import { fmtNum, fmtPeriod } from '../format.ts';
import { useApi } from '../hooks/useApi.ts';
import { useAsOfParam } from '../hooks/useAsOfParam.ts';
import { useFramework } from '../hooks/useReference.ts';
import { useI18n } from '../i18n.ts';
import { COLOURS, scoreColour } from '../status.ts';
import type { CockpitResponse, RankingRow } from '../types.ts';

function Score({ value, strong = false }: { value: number | null | undefined; strong?: boolean }) {
  const v = value ?? null;
  const text = fmtNum(v, 1);
  return <span style={{ color: COLOURS[scoreColour(v)].text, fontWeight: strong ? 600 : 400 }}>{text}</span>;
}

/** 区县排名: overall and per-dimension scores of the districts, counties and the zone, with their colour counts. */
export function RankingPage() {
  const { t, lang, pick } = useI18n();
  const [asOf, setAsOf] = useAsOfParam();
  const { data, error, loading, reload } = useApi<RankingRow[]>('/evaluation/ranking', { asOf });
  // The ranking answer carries neither the months evaluated nor the dimension names: both come from elsewhere.
  const cockpit = useApi<CockpitResponse>('/cockpit', { asOf });
  const framework = useFramework('current');
  const dimensions = useMemo(
    () => (framework.data?.dimensions ?? []).filter((d) => d.parentCode === null).sort((a, b) => a.sort - b.sort),
    [framework.data],
  );
  const shownAsOf = asOf ?? cockpit.data?.asOf ?? undefined;

  const columns: TableColumnsType<RankingRow> = [
    {
      title: t('common.rank'),
      dataIndex: 'rank',
      width: 64,
      align: 'center',
      fixed: 'left',
      render: (v: number | null) => <strong>{v ?? '—'}</strong>,
    },
    {
      title: t('common.orgUnit'),
      key: 'name',
      width: 120,
      fixed: 'left',
      render: (_: unknown, r) => (
        <Link to={`/cockpit/unit/${encodeURIComponent(r.orgUnitId)}${shownAsOf ? `?asOf=${shownAsOf}` : ''}`}>
          {pick(r.name, r.nameEn)}
        </Link>
      ),
    },
    {
      title: t('common.overall'),
      dataIndex: 'overall',
      width: 100,
      align: 'right',
      render: (v: number | null) => <Score value={v} strong />,
    },
    ...dimensions.map((d) => ({
      title: pick(d.name, d.nameEn),
      key: d.code,
      width: 100,
      align: 'right' as const,
      render: (_: unknown, r: RankingRow) => <Score value={r.byDimension[d.code]} />,
    })),
    {
      title: t('cockpit.counts'),
      key: 'counts',
      width: 130,
      render: (_: unknown, r) => <ColourCounts red={r.red} yellow={r.yellow} green={r.green} />,
    },
    {
      title: t('common.coverage'),
      dataIndex: 'coverage',
      width: 120,
      render: (v: number) => <Progress percent={Math.round(v * 100)} size="small" />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('ranking.title')}
        subtitle={shownAsOf ? t('common.asOfValue', { period: fmtPeriod(shownAsOf, lang) }) : undefined}
        extra={
          <>
            {cockpit.data ? (
              <AsOfSelect options={cockpit.data.availableAsOf} value={shownAsOf} onChange={setAsOf} />
            ) : null}
            <Button icon={<DownloadOutlined />} href={apiUrl('/evaluation/ranking.xlsx', { asOf: shownAsOf })}>
              {t('common.exportExcel')}
            </Button>
          </>
        }
      />
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Card title={t('ranking.chart')} style={{ marginBottom: 16 }}>
        <RankingChart ranking={data ?? []} height={260} />
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<RankingRow>
          rowKey="orgUnitId"
          loading={loading}
          columns={columns}
          dataSource={data ?? []}
          pagination={false}
          scroll={{ x: 64 + 120 + 100 + dimensions.length * 100 + 130 + 120 }}
        />
      </Card>
    </>
  );
}
