import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Form, Select, Skeleton, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { apiUrl } from '../api.ts';
import { ColourLegend } from '../components/ColourLegend.tsx';
import { CoverageTag } from '../components/CoverageTag.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ExplainDrawer, type ExplainTarget, type IndicatorLabel } from '../components/ExplainDrawer.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useFrameworkParam, YearSelect } from '../components/YearSelect.tsx';
import { PreviewBanner, PreviewSwitch } from '../components/PreviewSwitch.tsx';
import { fmtPeriod, fmtTime } from '../format.ts';
import { useRoute } from '../hooks/useApi.ts';
import { usePreviewParam } from '../hooks/usePreviewParam.ts';
import { useI18n } from '../i18n.ts';
import type { MatrixCell } from '../types.ts';
import { MatrixTable } from './evaluation/MatrixTable.tsx';
import { evaluationRoutes } from '../../shared/api/evaluation.ts';

interface Filters {
  dimensionCode?: string;
  asOf?: string;
}

/** 评价结果: the evaluation matrix with a search form (dimension, as-of month), export and per-cell explanations. */
export function EvaluationPage() {
  const { t, lang, pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const dimensionCode = params.get('dimension') ?? undefined;
  const [preview, setPreview, canPreview] = usePreviewParam();
  const [frameworkId, setFrameworkId] = useFrameworkParam();
  const { data, error, loading, reload } = useRoute(evaluationRoutes.matrix, {
    query: { frameworkId, asOf, dimensionCode, preview: preview ? 'true' : undefined },
  });
  const [form] = Form.useForm<Filters>();
  const [explain, setExplain] = useState<ExplainTarget | null>(null);

  const apply = (f: Filters) => {
    const next = new URLSearchParams();
    if (preview) next.set('preview', '1');
    if (frameworkId) next.set('frameworkId', frameworkId);
    if (f.asOf) next.set('asOf', f.asOf);
    if (f.dimensionCode) next.set('dimension', f.dimensionCode);
    setParams(next, { replace: true });
  };
  const open = useCallback(
    (cell: MatrixCell) =>
      setExplain({
        indicatorCode: cell.indicatorCode,
        orgUnitId: cell.orgUnitId,
        asOf: data?.asOf,
        ...(frameworkId ? { frameworkId } : {}),
        ...(data?.preview ? { preview: true } : {}),
      }),
    [data?.asOf, data?.preview, frameworkId],
  );
  const labels = useMemo(
    () =>
      new Map<string, IndicatorLabel>(
        (data?.indicators ?? []).map((i) => [i.code, { name: i.name, nameEn: i.nameEn, unit: i.unit }]),
      ),
    [data?.indicators],
  );
  const asOfOptions = [...(data?.availableAsOf ?? [])].sort().reverse();

  return (
    <>
      <PageHeader
        title={t('evaluation.title')}
        subtitle={
          data
            ? `${t('common.asOfValue', { period: fmtPeriod(data.asOf, lang) })} · ${t('common.computedAt', { time: fmtTime(data.computedAt) })}`
            : undefined
        }
        extra={
          <Space size={12} wrap>
            <YearSelect
              value={data?.frameworkId}
              onChange={(id) => {
                form.setFieldsValue({ asOf: undefined });
                setFrameworkId(id);
              }}
            />
            {data ? <CoverageTag coverage={data.coverage} /> : null}
            {canPreview ? <PreviewSwitch on={preview} onChange={setPreview} /> : null}
          </Space>
        }
      />
      {data?.preview ? <PreviewBanner /> : null}
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: '16px 24px' } }}>
        <Form<Filters>
          form={form}
          layout="inline"
          initialValues={{ asOf, dimensionCode }}
          onFinish={apply}
          style={{ rowGap: 16 }}
        >
          <Form.Item name="dimensionCode" label={t('common.dimension')}>
            <Select
              allowClear
              style={{ width: 260 }}
              placeholder={t('evaluation.dimensionAll')}
              options={(data?.dimensions ?? []).map((d) => ({ value: d.code, label: pick(d.name, d.nameEn) }))}
            />
          </Form.Item>
          <Form.Item name="asOf" label={t('common.asOf')}>
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={data?.asOf ? fmtPeriod(data.asOf, lang) : undefined}
              options={asOfOptions.map((p) => {
                const c = data?.availableCoverage.find((x) => x.asOf === p);
                const label = fmtPeriod(p, lang);
                return {
                  value: p,
                  label: c
                    ? t('coverage.option', { period: label, reported: c.reported, expected: c.expected })
                    : label,
                };
              })}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ asOf: undefined, dimensionCode: undefined });
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Card
        title={
          <Space size={16} wrap>
            <ColourLegend />
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
              {t('evaluation.cellHint')}
            </Typography.Text>
          </Space>
        }
        extra={
          data?.preview ? undefined : (
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl('/evaluation/matrix.xlsx', { frameworkId, asOf: data?.asOf ?? asOf })}
            >
              {t('common.exportExcel')}
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        {data ? (
          <MatrixTable matrix={data} loading={loading} onOpen={open} />
        ) : (
          <Skeleton active style={{ padding: 24 }} paragraph={{ rows: 10 }} />
        )}
      </Card>
      <ExplainDrawer target={explain} indicators={labels} onClose={() => setExplain(null)} />
    </>
  );
}
