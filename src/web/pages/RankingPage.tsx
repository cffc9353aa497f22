import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { WEIGHTING_METHODS, type WeightingMethod } from '../../domain/weighting.ts';
import { apiUrl } from '../api.ts';
import { AsOfSelect } from '../components/AsOfSelect.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useFrameworkParam, YearSelect } from '../components/YearSelect.tsx';
import { RankingChart } from '../components/RankingChart.tsx';
import { ColourCounts } from '../components/StatusTag.tsx';
import { fmtNum, fmtPeriod } from '../format.ts';
import { useRoute } from '../hooks/useApi.ts';
import { cockpitRoutes } from '../../shared/api/cockpit.ts';
import { useAsOfParam } from '../hooks/useAsOfParam.ts';
import { useFramework } from '../hooks/useReference.ts';
import { useI18n } from '../i18n.ts';
import { COLOURS, scoreColour } from '../status.ts';
import type { RankingRow } from '../types.ts';
import type { WeightingResponse } from '../../shared/api/evaluation.ts';
import { evaluationRoutes } from '../../shared/api/evaluation.ts';

type WeightRow = WeightingResponse['weights'][number];

/** The weighting kept in the URL (`?weighting=entropy`); the city's own weights when absent. */
function useWeightingParam(): [WeightingMethod, (m: WeightingMethod) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('weighting');
  const method = (WEIGHTING_METHODS as readonly string[]).includes(raw ?? '') ? (raw as WeightingMethod) : 'city';
  const set = useCallback(
    (next: WeightingMethod) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (next === 'city') p.delete('weighting');
          else p.set('weighting', next);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [method, set];
}

/** A score on its method's scale: the city's and equal weights 0–120 (coloured), entropy 0–100, TOPSIS 0–1. */
function methodScore(method: WeightingMethod, v: number | null): string {
  if (method === 'topsis') return v === null ? '—' : v.toFixed(4);
  return fmtNum(v, method === 'entropy' ? 2 : 1);
}

function Score({ value, strong = false }: { value: number | null | undefined; strong?: boolean }) {
  const v = value ?? null;
  const text = fmtNum(v, 1);
  return <span style={{ color: COLOURS[scoreColour(v)].text, fontWeight: strong ? 600 : 400 }}>{text}</span>;
}

/** 区县排名: overall and per-dimension scores of the districts, counties and the zone, with their colour counts. */
export function RankingPage() {
  const { t, lang, pick } = useI18n();
  const [asOf, setAsOf] = useAsOfParam();
  const [method, setMethod] = useWeightingParam();
  const [frameworkId, setFrameworkId] = useFrameworkParam();
  const weighting = useRoute(evaluationRoutes.weighting, {
    query: { frameworkId, asOf, ...(method === 'city' ? {} : { weighting: method }) },
  });
  const { data: answer, error, loading, reload } = weighting;
  const data = answer?.method === method ? answer.rows : undefined;
  const cityScale = method === 'city' || method === 'equal';
  // The ranking answer carries neither the months evaluated nor the dimension names: both come from elsewhere.
  const cockpit = useRoute(cockpitRoutes.cockpit, { query: { frameworkId, asOf } });
  const framework = useFramework(frameworkId ?? 'current');
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
        <Link
          to={`/cockpit/unit/${encodeURIComponent(r.orgUnitId)}?${new URLSearchParams({
            ...(frameworkId ? { frameworkId } : {}),
            ...(shownAsOf ? { asOf: shownAsOf } : {}),
          }).toString()}`}
        >
          {pick(r.name, r.nameEn)}
        </Link>
      ),
    },
    {
      title:
        method === 'city'
          ? t('common.overall')
          : t('ranking.methodScore', { method: pick(answer?.name.zh ?? '', answer?.name.en) }),
      dataIndex: 'overall',
      width: method === 'city' ? 100 : 130,
      align: 'right',
      render: (v: number | null) =>
        cityScale ? <Score value={v} strong /> : <strong data-testid="method-score">{methodScore(method, v)}</strong>,
    },
    ...(method === 'city'
      ? []
      : [
          {
            title: t('ranking.cityRank'),
            key: 'cityRank',
            width: 150,
            align: 'right' as const,
            render: (_: unknown, r: RankingRow) => (
              <span>
                {r.cityRank ?? '—'} · <Score value={r.cityOverall} />
              </span>
            ),
          },
        ]),
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
            <YearSelect value={cockpit.data?.frameworkId} onChange={setFrameworkId} />
            {cockpit.data ? (
              <AsOfSelect options={cockpit.data.availableAsOf} value={shownAsOf} onChange={setAsOf} />
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl('/evaluation/ranking.xlsx', { frameworkId, asOf: shownAsOf })}
              title={t('ranking.exportCity')}
            >
              {t('common.exportExcel')}
            </Button>
          </>
        }
      />
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
        <Segmented<WeightingMethod>
          data-testid="weighting"
          value={method}
          onChange={setMethod}
          options={WEIGHTING_METHODS.map((m) => ({ value: m, label: t(`ranking.method.${m}`) }))}
        />
        {answer ? (
          <Alert
            style={{ marginTop: 12 }}
            type={method === 'city' ? 'info' : 'warning'}
            showIcon
            data-testid="weighting-convention"
            title={
              method === 'city'
                ? t('ranking.byCity')
                : t('ranking.byMethod', { method: pick(answer.name.zh, answer.name.en) })
            }
            description={pick(answer.convention.zh, answer.convention.en)}
          />
        ) : null}
      </Card>
      {cityScale ? (
        <Card title={t('ranking.chart')} style={{ marginBottom: 16 }}>
          <RankingChart ranking={data ?? []} height={260} />
        </Card>
      ) : null}
      {answer && method !== 'city' && method !== 'equal' ? (
        <Card title={t('ranking.weights')} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
          <Table<WeightRow>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={[...answer.weights].sort((a, b) => b.weight - a.weight)}
            scroll={{ x: 520, y: 320 }}
            columns={[
              { title: t('common.indicator'), key: 'name', render: (_: unknown, w) => pick(w.name, w.nameEn) },
              {
                title: t('ranking.direction'),
                dataIndex: 'direction',
                width: 90,
                render: (d: string) => t(d === 'lower' ? 'ranking.lower' : 'ranking.higher'),
              },
              {
                title: t('ranking.entropy'),
                dataIndex: 'entropy',
                width: 90,
                align: 'right',
                render: (v: number | null) => (v === null ? '—' : v.toFixed(4)),
              },
              {
                title: t('ranking.weight'),
                dataIndex: 'weight',
                width: 90,
                align: 'right',
                render: (v: number) => v.toFixed(4),
              },
            ]}
          />
          {answer.dropped.length > 0 ? (
            <Typography.Paragraph type="secondary" style={{ margin: 12, fontSize: 12 }}>
              {t('ranking.dropped', {
                count: answer.dropped.length,
                names: answer.dropped.map((d) => pick(d.name, d.nameEn)).join(lang === 'zh' ? '、' : ', '),
              })}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<RankingRow>
          rowKey="orgUnitId"
          loading={loading}
          columns={columns}
          dataSource={data ?? []}
          pagination={false}
          scroll={{ x: 64 + 120 + 130 + (method === 'city' ? 0 : 150) + dimensions.length * 100 + 130 + 120 }}
        />
      </Card>
    </>
  );
}
