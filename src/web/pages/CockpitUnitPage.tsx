import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { AsOfSelect } from '../components/AsOfSelect.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { GeneratedTag } from '../components/GeneratedTag.tsx';
import { ExplainDrawer, type ExplainTarget, type IndicatorLabel } from '../components/ExplainDrawer.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ColourCounts, StatusTag } from '../components/StatusTag.tsx';
import { TargetText } from '../components/TargetText.tsx';
import { fmtNum, fmtPeriod, fmtPoints, fmtShare, fmtValue } from '../format.ts';
import { useRoute } from '../hooks/useApi.ts';
import { useAsOfParam } from '../hooks/useAsOfParam.ts';
import { useFrameworkParam } from '../components/YearSelect.tsx';
import { useFramework, useOrgUnits } from '../hooks/useReference.ts';
import { useI18n } from '../i18n.ts';
import { COLOURS, scoreColour } from '../status.ts';
import type { MatrixCell, MatrixResponse, TargetRow } from '../types.ts';
import { indicatorLink } from './cockpit/IndicatorCard.tsx';
import { evaluationRoutes } from '../../shared/api/evaluation.ts';

type Indicator = MatrixResponse['indicators'][number];
type Dimension = MatrixResponse['dimensions'][number];
type Line =
  | { kind: 'dimension'; key: string; dimension: Dimension; score: number | null }
  | { kind: 'indicator'; key: string; indicator: Indicator; cell: MatrixCell; target: TargetRow | null };

/** Drill-down from the cockpit: one unit's row of the matrix, indicator by indicator, with targets and colours. */
export function CockpitUnitPage() {
  const { orgUnitId = '' } = useParams();
  const { t, lang, pick } = useI18n();
  const [asOf, setAsOf] = useAsOfParam();
  const [frameworkId] = useFrameworkParam();
  const { data, error, reload } = useRoute(evaluationRoutes.matrix, { query: { frameworkId, asOf } });
  // The targets of the year shown (the matrix names its framework), not of the framework in force.
  const framework = useFramework(data?.frameworkId ?? frameworkId ?? 'current');
  const org = useOrgUnits();
  const [explain, setExplain] = useState<ExplainTarget | null>(null);
  const unit = org.byId.get(orgUnitId);
  const composite = data?.composites.find((c) => c.orgUnitId === orgUnitId);

  const lines = useMemo<Line[]>(() => {
    if (!data) return [];
    const targets = new Map(
      (framework.data?.targets ?? [])
        .filter((x) => x.orgUnitId === orgUnitId && x.kind === 'annual' && x.year === framework.data?.framework.year)
        .map((x) => [x.indicatorCode, x]),
    );
    const cells = new Map(data.cells.filter((c) => c.orgUnitId === orgUnitId).map((c) => [c.indicatorCode, c]));
    const out: Line[] = [];
    for (const d of data.dimensions) {
      const inds = data.indicators.filter((i) => i.dimensionCode === d.code && cells.has(i.code));
      if (inds.length === 0) continue;
      out.push({ kind: 'dimension', key: `d:${d.code}`, dimension: d, score: composite?.byDimension[d.code] ?? null });
      for (const i of inds) {
        const cell = cells.get(i.code);
        if (cell)
          out.push({ kind: 'indicator', key: `i:${i.code}`, indicator: i, cell, target: targets.get(i.code) ?? null });
      }
    }
    return out;
  }, [data, framework.data, orgUnitId, composite]);

  const counts = useMemo(() => {
    const k = { red: 0, yellow: 0, green: 0 };
    for (const l of lines) if (l.kind === 'indicator' && l.cell.colour !== 'grey') k[l.cell.colour]++;
    return k;
  }, [lines]);
  const labels = useMemo(
    () =>
      new Map<string, IndicatorLabel>(
        (data?.indicators ?? []).map((i) => [i.code, { name: i.name, nameEn: i.nameEn, unit: i.unit }]),
      ),
    [data?.indicators],
  );

  const span = (l: Line) => (l.kind === 'dimension' ? { colSpan: 0 } : {});
  const columns: TableColumnsType<Line> = [
    {
      title: t('common.indicator'),
      key: 'name',
      onCell: (l) => (l.kind === 'dimension' ? { colSpan: 8 } : {}),
      render: (_: unknown, l) =>
        l.kind === 'dimension' ? (
          <span>
            {pick(l.dimension.name, l.dimension.nameEn)}
            <span style={{ marginInlineStart: 12, color: COLOURS[scoreColour(l.score)].text }}>
              {t('common.score')} {fmtNum(l.score, 1)}
            </span>
          </span>
        ) : (
          <span>
            <Link to={indicatorLink(l.indicator.code, orgUnitId)}>{pick(l.indicator.name, l.indicator.nameEn)}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {l.indicator.code}
            </Typography.Text>
          </span>
        ),
    },
    {
      title: t('common.actual'),
      key: 'actual',
      width: 150,
      align: 'right',
      onCell: span,
      render: (_: unknown, l) =>
        l.kind === 'indicator' ? (
          <strong style={{ color: COLOURS[l.cell.colour].text }}>{fmtValue(l.cell.actual, l.indicator.unit)}</strong>
        ) : null,
    },
    {
      title: t('common.target'),
      key: 'target',
      width: 260,
      onCell: span,
      render: (_: unknown, l) =>
        l.kind === 'indicator' ? (
          <Space size={6}>
            <TargetText target={l.target} unit={l.indicator.unit} />
            {l.target?.source.doc === 'generated' ? <GeneratedTag /> : null}
          </Space>
        ) : null,
    },
    {
      title: t('common.period'),
      key: 'period',
      width: 130,
      onCell: span,
      render: (_: unknown, l) => (l.kind === 'indicator' ? fmtPeriod(l.cell.period, lang) : null),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 130,
      onCell: span,
      render: (_: unknown, l) =>
        l.kind === 'indicator' ? (
          <StatusTag status={l.cell.status} colour={l.cell.colour} label={l.cell.label} />
        ) : null,
    },
    {
      title: t('common.deviation'),
      key: 'deviation',
      width: 120,
      align: 'right',
      onCell: span,
      render: (_: unknown, l) =>
        l.kind === 'indicator' && l.cell.deviationPoints !== null
          ? t('common.deviationPoints', { value: fmtPoints(l.cell.deviationPoints) })
          : null,
    },
    {
      title: t('common.score'),
      key: 'score',
      width: 80,
      align: 'right',
      onCell: span,
      render: (_: unknown, l) => (l.kind === 'indicator' ? fmtNum(l.cell.score, 1) : null),
    },
    {
      title: t('common.actions'),
      key: 'why',
      width: 90,
      onCell: span,
      render: (_: unknown, l) =>
        l.kind === 'indicator' ? (
          <Button
            type="link"
            size="small"
            onClick={() =>
              setExplain({
                indicatorCode: l.indicator.code,
                orgUnitId,
                asOf: data?.asOf,
                ...(frameworkId ? { frameworkId } : {}),
              })
            }
          >
            {t('common.explain')}
          </Button>
        ) : null,
    },
  ];

  const unitName = unit ? pick(unit.name, unit.nameEn) : orgUnitId;
  return (
    <>
      <PageHeader
        title={
          <span>
            <Link to={`/cockpit${asOf ? `?asOf=${asOf}` : ''}`}>
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('cockpit.backToCity')} />
            </Link>
            {t('cockpit.unitTitle', { unit: unitName })}
          </span>
        }
        subtitle={data ? t('common.asOfValue', { period: fmtPeriod(data.asOf, lang) }) : undefined}
        extra={data ? <AsOfSelect options={data.availableAsOf} value={data.asOf} onChange={setAsOf} /> : null}
      />
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {!data ? (
        error ? null : (
          <Skeleton active paragraph={{ rows: 10 }} />
        )
      ) : lines.length === 0 ? (
        <Empty description={t('common.noData')} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('common.overall')}
                  value={fmtNum(composite?.overall ?? null, 1)}
                  styles={{ content: { color: COLOURS[scoreColour(composite?.overall)].text } }}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title={t('common.rank')}
                  value={composite?.rank ?? '—'}
                  suffix={composite?.rank ? `/ ${data.composites.filter((c) => c.rank !== null).length}` : undefined}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('cockpit.counts')} valueRender={() => <ColourCounts {...counts} />} value={0} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title={t('common.coverage')} value={fmtShare(composite?.coverage ?? null)} />
              </Card>
            </Col>
          </Row>
          <Card styles={{ body: { padding: 0 } }}>
            <Table<Line>
              size="middle"
              rowKey="key"
              columns={columns}
              dataSource={lines}
              pagination={false}
              rowClassName={(l) => (l.kind === 'dimension' ? 'matrix-dimension-row' : '')}
            />
          </Card>
        </>
      )}
      <ExplainDrawer target={explain} indicators={labels} onClose={() => setExplain(null)} />
    </>
  );
}
