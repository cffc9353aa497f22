import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Grid, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { apiUrl } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { GeneratedTag } from '../../components/GeneratedTag.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PreviewBanner, PreviewSwitch, UnpublishedTag } from '../../components/PreviewSwitch.tsx';
import { TargetText } from '../../components/TargetText.tsx';
import { fmtPeriod, fmtTime, fmtValue } from '../../format.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { usePreviewParam } from '../../hooks/usePreviewParam.ts';
import { useI18n } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { COLOURS } from '../../status.ts';
import type { EndOfPlanRow } from '../../../shared/api/evaluation.ts';
import { evaluationRoutes } from '../../../shared/api/evaluation.ts';

const VERDICT_COLOUR = { met: 'green', notMet: 'red', noData: 'grey' } as const;

interface Filters {
  orgUnitId?: string;
  verdict?: EndOfPlanRow['verdict'];
  dimensionCode?: string;
}

/** 终期评估: every 2025 target the plan and the seeds state, against the latest figure — met, not met, no data. */
export function EndOfPlanPage() {
  const { t, lang, pick } = useI18n();
  const [preview, setPreview, canPreview] = usePreviewParam();
  const { data, error, loading, reload } = useRoute(evaluationRoutes.endOfPlan, {
    query: { preview: preview ? 'true' : undefined },
  });
  const { user } = useSession();
  const wide = Grid.useBreakpoint().md === true;
  // The bulletin is the centre's to circulate and the leaders' to read (bulletin.routes.ts).
  const bulletin = user?.role === 'coordinator' || user?.role === 'leader';
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const rows = useMemo(
    () =>
      (data?.rows ?? []).filter(
        (r) =>
          (!filters.orgUnitId || r.orgUnitId === filters.orgUnitId) &&
          (!filters.verdict || r.verdict === filters.verdict) &&
          (!filters.dimensionCode || r.dimensionCode === filters.dimensionCode),
      ),
    [data, filters],
  );
  const unique = <T,>(xs: T[], key: (x: T) => string) => [...new Map(xs.map((x) => [key(x), x])).values()];
  const units = unique(data?.rows ?? [], (r) => r.orgUnitId);
  const dims = unique(data?.rows ?? [], (r) => r.dimensionCode);

  const columns: TableColumnsType<EndOfPlanRow> = [
    {
      title: t('common.indicator'),
      key: 'indicator',
      // On a phone a fixed column would cover the rest: it scrolls with them there (as the matrix does).
      ...(wide ? { fixed: 'left' as const } : {}),
      width: wide ? 220 : 160,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <span>{pick(r.indicatorName, r.indicatorNameEn)}</span>
          {r.generated ? <GeneratedTag /> : null}
          {r.unpublished ? <UnpublishedTag /> : null}
        </Space>
      ),
    },
    { title: t('common.orgUnit'), dataIndex: 'orgUnitName', width: 100 },
    {
      title: t('endOfPlan.verdict'),
      dataIndex: 'verdict',
      width: 100,
      render: (v: EndOfPlanRow['verdict'], r) => (
        <Space size={4} wrap>
          <Tag color={COLOURS[VERDICT_COLOUR[v]].tag} data-testid={`eop-${r.indicatorCode}-${r.orgUnitId}`}>
            {t(`endOfPlan.verdict.${v}`)}
          </Tag>
          {r.stretchMet ? <Tag color="green">{t('endOfPlan.stretchMet')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('endOfPlan.latest'),
      key: 'actual',
      width: 130,
      align: 'right',
      render: (_: unknown, r) => <strong>{fmtValue(r.actual, r.unit)}</strong>,
    },
    {
      title: t('endOfPlan.target'),
      key: 'target',
      width: 150,
      render: (_: unknown, r) => (
        <Tooltip title={`${r.source}${r.sourceQuote ? `：“${r.sourceQuote}”` : ''}`}>
          <span style={{ borderBottom: '1px dotted rgba(0,0,0,0.35)' }}>
            <TargetText target={r.target} unit={r.unit} />
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('common.period'),
      dataIndex: 'period',
      width: 110,
      render: (p: string | null) => fmtPeriod(p, lang),
    },
    {
      title: t('endOfPlan.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: EndOfPlanRow['kind']) => t(k === 'endOfPlan' ? 'endOfPlan.kindPlan' : 'endOfPlan.kindAnnual'),
    },
    { title: t('endOfPlan.dimension'), dataIndex: 'dimensionName', width: 150, ellipsis: true },
    { title: t('endOfPlan.text'), key: 'text', render: (_: unknown, r) => pick(r.text.zh, r.text.en) },
  ];

  return (
    <>
      <PageHeader
        title={t('endOfPlan.title', { year: data?.year ?? 2025 })}
        subtitle={
          data
            ? `${t('common.asOfValue', { period: fmtPeriod(data.asOf, lang) })} · ${t('common.computedAt', { time: fmtTime(data.computedAt) })}`
            : undefined
        }
        extra={
          <Space size={12} wrap>
            {canPreview ? <PreviewSwitch on={preview} onChange={setPreview} /> : null}
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl('/evaluation/end-of-plan.xlsx', { preview: preview ? 'true' : undefined })}
            >
              {t('common.exportExcel')}
            </Button>
            {bulletin && !preview ? (
              <Button
                icon={<FileWordOutlined />}
                href={apiUrl('/bulletin.docx', { endOfPlan: 1 })}
                data-testid="end-of-plan-bulletin"
              >
                {t('endOfPlan.bulletin')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {data?.preview ? <PreviewBanner /> : null}
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Typography.Paragraph type="secondary">{t('endOfPlan.intro')}</Typography.Paragraph>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {(['met', 'notMet', 'noData'] as const).map((v) => (
          <Col xs={8} md={6} lg={4} key={v}>
            <Card size="small">
              <Statistic
                title={t(`endOfPlan.verdict.${v}`)}
                value={data?.counts[v] ?? '—'}
                suffix={data ? `/ ${data.rows.length}` : undefined}
                styles={{ content: { color: COLOURS[VERDICT_COLOUR[v]].text } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters> form={form} layout="inline" onFinish={setFilters} onReset={() => setFilters({})}>
          <Form.Item name="orgUnitId" label={t('common.orgUnit')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={units.map((u) => ({ value: u.orgUnitId, label: u.orgUnitName }))}
            />
          </Form.Item>
          <Form.Item name="dimensionCode" label={t('endOfPlan.dimension')}>
            <Select
              allowClear
              style={{ width: 200 }}
              options={dims.map((d) => ({ value: d.dimensionCode, label: d.dimensionName }))}
            />
          </Form.Item>
          <Form.Item name="verdict" label={t('endOfPlan.verdict')}>
            <Select
              allowClear
              style={{ width: 120 }}
              options={(['met', 'notMet', 'noData'] as const).map((v) => ({
                value: v,
                label: t(`endOfPlan.verdict.${v}`),
              }))}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button htmlType="reset">{t('common.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<EndOfPlanRow>
          data-testid="end-of-plan-table"
          rowKey={(r) => `${r.indicatorCode}|${r.orgUnitId}`}
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1400 }}
        />
      </Card>
    </>
  );
}
