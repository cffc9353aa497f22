import { BranchesOutlined, CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Popconfirm, Row, Select, Skeleton, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, call } from '../api.ts';
import { frameworkRoutes } from '../../shared/api/frameworks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useRoute } from '../hooks/useApi.ts';
import { useFramework, useOrgUnits } from '../hooks/useReference.ts';
import { useI18n } from '../i18n.ts';
import { useSession } from '../session.tsx';
import type { FrameworkDetail, FrameworkSummary, Indicator, TargetRow } from '../types.ts';
import { FrameworkTree } from './framework/FrameworkTree.tsx';
import { IndicatorEditDrawer } from './framework/IndicatorEditDrawer.tsx';
import { IndicatorTable } from './framework/IndicatorTable.tsx';

/** Every indicator code under a dimension, its sub-dimensions included. */
function codesUnder(detail: FrameworkDetail, dimensionCode: string): Set<string> {
  const dims = new Set([dimensionCode]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of detail.dimensions) {
      if (d.parentCode && dims.has(d.parentCode) && !dims.has(d.code)) {
        dims.add(d.code);
        grew = true;
      }
    }
  }
  return new Set(detail.indicators.filter((i) => dims.has(i.dimensionCode)).map((i) => i.code));
}

export function StatusBadge({ status }: { status: FrameworkSummary['status'] }) {
  const { t } = useI18n();
  return status === 'published' ? (
    <Tag color="success">{t('framework.published')}</Tag>
  ) : (
    <Tag color="processing">{t('framework.draft')}</Tag>
  );
}

/** 指标体系: versions, the dimension tree and the indicator table; coordinators edit drafts and open new versions. */
export function FrameworkPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ?? 'current';
  const versions = useRoute(frameworkRoutes.list, {});
  const { data, error, reload } = useFramework(id);
  const org = useOrgUnits();
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState<{ indicator: Indicator | null } | null>(null);
  const [busy, setBusy] = useState(false);

  const fw = data?.framework;
  const canEdit = user?.role === 'coordinator' && fw?.status === 'draft';
  const canVersion = user?.role === 'coordinator' && fw?.status === 'published';

  const cityTargets = useMemo(() => {
    const map = new Map<string, TargetRow>();
    const rootId = org.root?.id;
    for (const x of data?.targets ?? []) {
      if (x.orgUnitId === rootId && x.kind === 'annual' && x.year === fw?.year) map.set(x.indicatorCode, x);
    }
    return map;
  }, [data, org.root, fw?.year]);

  const shown = useMemo(() => {
    if (!data) return [];
    const sorted = [...data.indicators].sort((a, b) => a.sort - b.sort);
    if (!selected) return sorted;
    if (selected.startsWith('ind:')) return sorted.filter((i) => i.code === selected.slice(4));
    const codes = codesUnder(data, selected.slice(4));
    return sorted.filter((i) => codes.has(i.code));
  }, [data, selected]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError) void message.error(e.text(lang));
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  const newVersion = () =>
    run(async () => {
      if (!fw) return;
      const created = await call(frameworkRoutes.newVersion, { params: { id: fw.id } });
      void message.success(t('framework.newVersionDone'));
      versions.reload();
      setParams({ id: created.id });
    });
  const publish = () =>
    run(async () => {
      if (!fw) return;
      await call(frameworkRoutes.publish, { params: { id: fw.id }, body: { rowVersion: fw.rowVersion } });
      void message.success(t('framework.publishDone'));
      versions.reload();
      reload();
    });

  return (
    <>
      <PageHeader
        title={t('framework.title')}
        subtitle={
          fw ? `${fw.name} · ${t('framework.indicatorCount', { count: data?.indicators.length ?? 0 })}` : undefined
        }
        extra={
          <>
            <Space>
              <span>{t('framework.version')}</span>
              <Select
                style={{ width: 230 }}
                value={fw?.id}
                onChange={(v: string) => {
                  setSelected(undefined);
                  setParams({ id: v });
                }}
                options={(versions.data ?? []).map((v) => ({
                  value: v.id,
                  title: v.name,
                  label: (
                    <Space size={6}>
                      <span>{t('framework.versionLabel', { year: v.year, version: v.version })}</span>
                      <StatusBadge status={v.status} />
                    </Space>
                  ),
                }))}
              />
            </Space>
            {canEdit ? (
              <>
                <Button icon={<PlusOutlined />} onClick={() => setEditing({ indicator: null })}>
                  {t('framework.addIndicator')}
                </Button>
                <Popconfirm title={t('framework.publishConfirm')} onConfirm={() => void publish()}>
                  <Button type="primary" icon={<CloudUploadOutlined />} loading={busy}>
                    {t('framework.publish')}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
            {canVersion ? (
              <Popconfirm title={t('framework.newVersionConfirm')} onConfirm={() => void newVersion()}>
                <Button type="primary" icon={<BranchesOutlined />} loading={busy}>
                  {t('framework.newVersion')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {fw?.status === 'published' ? (
        <Alert type="info" showIcon title={t('framework.frozenHint')} style={{ marginBottom: 16 }} />
      ) : null}
      {!data ? (
        error ? null : (
          <Skeleton active paragraph={{ rows: 12 }} />
        )
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={7} xxl={5}>
            <Card
              title={t('framework.tree')}
              styles={{ body: { maxHeight: 'calc(100vh - 260px)', overflow: 'auto', padding: 12 } }}
            >
              <FrameworkTree
                dimensions={data.dimensions}
                indicators={data.indicators}
                selected={selected}
                onSelect={(key) => {
                  if (key?.startsWith('ind:'))
                    void navigate(
                      `/indicators/${encodeURIComponent(key.slice(4))}?frameworkId=${encodeURIComponent(data.framework.id)}`,
                    );
                  else setSelected(key);
                }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={17} xxl={19}>
            <Card
              title={t('framework.indicators')}
              extra={fw ? <StatusBadge status={fw.status} /> : null}
              styles={{ body: { padding: 0 } }}
            >
              <IndicatorTable
                indicators={shown}
                cityTargets={cityTargets}
                orgUnits={org.byId}
                frameworkId={data.framework.id}
                {...(canEdit ? { onEdit: (i: Indicator) => setEditing({ indicator: i }) } : {})}
              />
            </Card>
          </Col>
        </Row>
      )}
      {data && canEdit ? (
        <IndicatorEditDrawer
          open={editing !== null}
          framework={data}
          indicator={editing?.indicator ?? null}
          onClose={() => setEditing(null)}
          onSaved={reload}
        />
      ) : null}
    </>
  );
}
