import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Result, Row, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { fmtNum, fmtValue } from '../format.ts';
import { useRoute } from '../hooks/useApi.ts';
import { useFramework, useOrgUnits, useWorkTeams } from '../hooks/useReference.ts';
import { useI18n } from '../i18n.ts';
import { useSession } from '../session.tsx';
import type { FrameworkDetail, Indicator } from '../types.ts';
import { valueRoutes } from '../../shared/api/values.ts';
import { StatusBadge } from './FrameworkPage.tsx';
import { IndicatorEditDrawer } from './framework/IndicatorEditDrawer.tsx';
import { DIRECTION_LABELS, FREQUENCY_LABELS, GAP_LABELS, SCOPE_LABELS, VALUE_KIND_LABELS } from './framework/labels.ts';
import { SeriesChart } from './indicator/SeriesChart.tsx';
import { TargetTable } from './indicator/TargetTable.tsx';
import { ValueList } from './indicator/ValueList.tsx';

/** 指标详情: definition, source, lead department, formula, targets per unit, the trend and every value's history. */
export function IndicatorPage() {
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t, pick } = useI18n();
  const { user } = useSession();
  const framework = useFramework(params.get('frameworkId') ?? 'current');
  const org = useOrgUnits();
  const [editing, setEditing] = useState(false);
  const indicator = framework.data?.indicators.find((i) => i.code === code);
  const orgUnitId = params.get('orgUnitId') ?? org.root?.id ?? null;

  if (framework.error) return <ErrorAlert error={framework.error} onRetry={framework.reload} />;
  if (!framework.data || !orgUnitId) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (!indicator)
    return (
      <Result
        status="404"
        title={code}
        subTitle={t('indicator.notFound')}
        extra={<Link to="/framework">{t('menu.framework')}</Link>}
      />
    );

  const fw = framework.data.framework;
  const canEdit = user?.role === 'coordinator' && fw.status === 'draft';
  return (
    <>
      <PageHeader
        title={
          <span>
            <Link to={`/framework?id=${encodeURIComponent(fw.id)}`}>
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} />
            </Link>
            {pick(indicator.name, indicator.nameEn)}
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400, marginInlineStart: 10 }}>
              {indicator.code}
            </Typography.Text>
            {indicator.formula ? (
              <Tag color="geekblue" style={{ marginInlineStart: 10 }}>
                {t('framework.computedBadge')}
              </Tag>
            ) : null}
          </span>
        }
        subtitle={
          <Space size={6}>
            <span>{`${fw.name} · ${t('framework.versionLabel', { year: fw.year, version: fw.version })}`}</span>
            <StatusBadge status={fw.status} />
          </Space>
        }
        extra={
          canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('framework.editIndicator')}
            </Button>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={10}>
          <IndicatorFacts detail={framework.data} indicator={indicator} />
        </Col>
        <Col xs={24} xxl={14}>
          <Card title={t('indicator.targets')} styles={{ body: { padding: 0 } }}>
            <TargetTable
              targets={framework.data.targets.filter((x) => x.indicatorCode === code)}
              baselines={framework.data.baselines.filter((b) => b.indicatorCode === code)}
              unit={indicator.unit}
              orgUnits={org.byId}
            />
          </Card>
        </Col>
        <Col span={24}>
          <UnitValues
            detail={framework.data}
            indicator={indicator}
            orgUnitId={orgUnitId}
            onUnitChange={(id) =>
              setParams(
                (prev) => {
                  const p = new URLSearchParams(prev);
                  p.set('orgUnitId', id);
                  return p;
                },
                { replace: true },
              )
            }
          />
        </Col>
      </Row>
      {canEdit ? (
        <IndicatorEditDrawer
          open={editing}
          framework={framework.data}
          indicator={indicator}
          onClose={() => setEditing(false)}
          onSaved={framework.reload}
        />
      ) : null}
    </>
  );
}

function IndicatorFacts({ detail, indicator }: { detail: FrameworkDetail; indicator: Indicator }) {
  const { t, pick } = useI18n();
  const org = useOrgUnits();
  const teams = useWorkTeams();
  const dimension = detail.dimensions.find((d) => d.code === indicator.dimensionCode);
  const lead = indicator.leadDepartmentId ? org.byId.get(indicator.leadDepartmentId) : undefined;
  const team = teams.find((w) => w.id === indicator.workTeamId);
  const cityBaseline = detail.baselines.find((b) => b.indicatorCode === indicator.code && b.orgUnitId === org.root?.id);
  return (
    <Card title={t('indicator.title')} style={{ height: '100%' }}>
      <Descriptions
        size="small"
        column={2}
        bordered
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          { key: 'definition', label: t('common.definition'), span: 2, children: indicator.definition || '—' },
          {
            key: 'dimension',
            label: t('common.dimension'),
            span: 2,
            children: dimension ? pick(dimension.name, dimension.nameEn) : indicator.dimensionCode,
          },
          { key: 'lead', label: t('common.leadUnit'), children: lead ? pick(lead.name, lead.nameEn) : '—' },
          { key: 'team', label: t('framework.workTeam'), children: team ? pick(team.name, team.nameEn) : '—' },
          { key: 'unit', label: t('common.unit'), children: indicator.unit || '—' },
          { key: 'direction', label: t('framework.direction'), children: t(DIRECTION_LABELS[indicator.direction]) },
          { key: 'frequency', label: t('framework.frequency'), children: t(FREQUENCY_LABELS[indicator.frequency]) },
          { key: 'kind', label: t('framework.valueKind'), children: t(VALUE_KIND_LABELS[indicator.valueKind]) },
          { key: 'weight', label: t('common.weight'), children: fmtNum(indicator.weight) },
          { key: 'scope', label: t('framework.scope'), children: t(SCOPE_LABELS[indicator.scope]) },
          ...(indicator.gap ? [{ key: 'gap', label: t('framework.gap'), children: t(GAP_LABELS[indicator.gap]) }] : []),
          {
            key: 'baseline',
            label: t('common.baseline'),
            children: cityBaseline ? `${fmtValue(cityBaseline.value, indicator.unit)}（${cityBaseline.year}）` : '—',
          },
          ...(indicator.formula
            ? [
                {
                  key: 'formula',
                  label: t('framework.formula'),
                  span: 2,
                  children: (
                    <pre className="formula" style={{ margin: 0 }}>
                      {indicator.formula}
                    </pre>
                  ),
                },
              ]
            : []),
          { key: 'dataSource', label: t('framework.dataSource'), span: 2, children: indicator.dataSource || '—' },
          {
            key: 'source',
            label: t('common.source'),
            span: 2,
            children: (
              <Tooltip title={indicator.source.quote ? `“${indicator.source.quote}”` : undefined}>
                <span>{indicator.source.title || '—'}</span>
              </Tooltip>
            ),
          },
        ]}
      />
    </Card>
  );
}

function UnitValues({
  detail,
  indicator,
  orgUnitId,
  onUnitChange,
}: {
  detail: FrameworkDetail;
  indicator: Indicator;
  orgUnitId: string;
  onUnitChange: (id: string) => void;
}) {
  const { t, pick } = useI18n();
  const org = useOrgUnits();
  const series = useRoute(valueRoutes.series, { query: { indicatorCode: indicator.code, orgUnitId } });
  const units = useMemo(() => {
    const list = [...(org.root ? [org.root] : []), ...(indicator.scope === 'city' ? [] : org.districts)];
    const current = org.byId.get(orgUnitId);
    if (current && !list.some((u) => u.id === current.id)) list.push(current);
    return list;
  }, [org, indicator.scope, orgUnitId]);
  const unit = org.byId.get(orgUnitId);
  const targets = detail.targets.filter((x) => x.indicatorCode === indicator.code && x.orgUnitId === orgUnitId);
  const title = `${pick(indicator.name, indicator.nameEn)} · ${unit ? pick(unit.name, unit.nameEn) : orgUnitId}`;
  const selector = (
    <Space>
      <span>{t('indicator.selectUnit')}</span>
      <Select
        style={{ width: 200 }}
        value={orgUnitId}
        onChange={onUnitChange}
        options={units.map((u) => ({ value: u.id, label: pick(u.name, u.nameEn) }))}
      />
    </Space>
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={`${t('indicator.trend')} · ${unit ? pick(unit.name, unit.nameEn) : ''}`} extra={selector}>
          {series.error ? <ErrorAlert error={series.error} onRetry={series.reload} /> : null}
          <SeriesChart points={series.data ?? []} unit={indicator.unit} targets={targets} />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('indicator.values')} styles={{ body: { padding: 0 } }} style={{ height: '100%' }}>
          <ValueList points={series.data ?? []} unit={indicator.unit} title={title} />
        </Card>
      </Col>
    </Row>
  );
}
