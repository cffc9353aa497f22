import { AppstoreOutlined, BarChartOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Form, Grid, Input, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { apiUrl } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProjectImportButtons } from './ProjectImports.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { fmtPeriod } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import {
  LIGHT_COLOUR_NAMES,
  PROJECT_LEVELS,
  PROJECT_STAGE_NAMES,
  PROJECT_STAGES,
} from '../../../domain/projects/types.ts';
import { projectRoutes, type ProjectFilter, type ProjectRow } from '../../../shared/api/projects.ts';
import '../workflow/workflow.css';
import { fmtRate, fmtWan, levelName, LightBadge, StageTag, useChains, useDistrictName } from './common.tsx';

/** The filters kept in the address, so that a link (from the cockpit or the district view) opens this ledger. */
const FILTER_KEYS = ['stage', 'level', 'chain', 'districtId', 'light', 'owner', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filter = Partial<Record<FilterKey, string>>;

/**
 * 项目台账: the ledger as a search form (stage, level, chain, district, light, owner, keyword) over a table whose
 * light says why on hover; the filtered ledger exports to Excel.
 */
export function LedgerPage() {
  const { lang, t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter: Filter = useMemo(
    () => Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : []))),
    [params],
  );
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const query = { ...filter, page, pageSize } as ProjectFilter;
  const list = useRoute(projectRoutes.search, { query });
  const org = useOrgUnits();
  const { chains } = useChains();
  const districtName = useDistrictName();
  const [keyword, setKeyword] = useState(filter.q ?? '');
  const [owner, setOwner] = useState(filter.owner ?? '');
  const wide = Grid.useBreakpoint().md === true;

  const set = (patch: Filter) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = k in patch ? patch[k] : filter[k];
      if (v) next.set(k, v);
    }
    setPage(1);
    setParams(next, { replace: true });
  };

  const chainName = (r: ProjectRow) => r.chainName[lang] || r.chain;
  const columns: TableColumnsType<ProjectRow> = [
    {
      title: t('pj.name'),
      dataIndex: 'name',
      ...(wide ? { fixed: 'left' as const } : {}),
      width: 220,
      render: (_: unknown, r) => (
        <Space direction="vertical" size={0}>
          <Space size={4}>
            <Link to={`/projects/${r.id}`} data-testid={`project-link-${r.code}`}>
              {r.name}
            </Link>
            {r.generated ? (
              <Tooltip title={t('pj.generatedHint')}>
                <ExperimentOutlined style={{ color: '#722ed1' }} data-testid="generated-mark" />
              </Tooltip>
            ) : null}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('pj.owner'),
      dataIndex: 'owner',
      width: 170,
      ellipsis: { showTitle: true },
      // The owner is a filter of its own; below 1600 px the table keeps the figures instead.
      responsive: ['xxl'],
    },
    { title: t('pj.level'), dataIndex: 'level', width: 96, render: (_: unknown, r) => levelName(r.level, lang) },
    { title: t('pj.chain'), dataIndex: 'chain', width: 96, render: (_: unknown, r) => chainName(r) },
    {
      title: t('pj.district'),
      dataIndex: 'districtName',
      width: 86,
      render: (_: unknown, r) => districtName(r.districtId, r.districtName),
    },
    { title: t('pj.stage'), dataIndex: 'stage', width: 96, render: (_: unknown, r) => <StageTag stage={r.stage} /> },
    {
      title: t('pj.total'),
      dataIndex: 'totalInvestment',
      width: 104,
      align: 'right',
      render: (_: unknown, r) => fmtWan(r.totalInvestment, lang),
    },
    {
      title: t('pj.planned'),
      dataIndex: 'planned',
      width: 104,
      align: 'right',
      render: (_: unknown, r) => fmtWan(r.planned, lang),
    },
    {
      title: t('pj.ytd'),
      dataIndex: 'ytd',
      width: 104,
      align: 'right',
      render: (_: unknown, r) => fmtWan(r.ytd, lang),
    },
    { title: t('pj.rate'), dataIndex: 'rate', width: 76, align: 'right', render: (_: unknown, r) => fmtRate(r.rate) },
    {
      title: t('pj.light'),
      dataIndex: 'light',
      width: 92,
      ...(wide ? { fixed: 'right' as const } : {}),
      render: (_: unknown, r) => <LightBadge colour={r.light} lights={r.lights} testId={`light-${r.code}`} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('pj.title')}
        subtitle={t('pj.subtitle')}
        extra={
          <Space wrap>
            <Link to="/projects/board">
              <Button icon={<AppstoreOutlined />}>{t('pj.board')}</Button>
            </Link>
            <Link to="/projects/districts">
              <Button icon={<BarChartOutlined />}>{t('pj.districts')}</Button>
            </Link>
            <Button icon={<DownloadOutlined />} href={apiUrl('/projects/export', filter)} data-testid="projects-export">
              {t('pj.export')}
            </Button>
            <ProjectImportButtons onImported={list.reload} />
          </Space>
        }
      />
      <Form layout="inline" className="wf-search-form" data-testid="projects-search">
        <Form.Item label={t('pj.stage')}>
          <Select
            style={{ width: 120 }}
            allowClear
            placeholder={t('common.all')}
            value={filter.stage}
            onChange={(v?: string) => set({ stage: v })}
            options={PROJECT_STAGES.map((s) => ({ value: s, label: PROJECT_STAGE_NAMES[s][lang] }))}
            data-testid="projects-stage"
          />
        </Form.Item>
        <Form.Item label={t('pj.level')}>
          <Select
            style={{ width: 130 }}
            allowClear
            placeholder={t('common.all')}
            value={filter.level}
            onChange={(v?: string) => set({ level: v })}
            options={PROJECT_LEVELS.map((l) => ({ value: l, label: levelName(l, lang) }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item label={t('pj.chain')}>
          <Select
            style={{ width: 130 }}
            allowClear
            placeholder={t('common.all')}
            value={filter.chain}
            onChange={(v?: string) => set({ chain: v })}
            options={chains.map((c) => ({ value: c.code, label: c.name[lang] }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item label={t('pj.district')}>
          <Select
            style={{ width: 130 }}
            allowClear
            placeholder={t('common.all')}
            value={filter.districtId}
            onChange={(v?: string) => set({ districtId: v })}
            options={org.districts.map((d) => ({ value: d.id, label: lang === 'en' ? d.nameEn : d.name }))}
            data-testid="projects-district"
          />
        </Form.Item>
        <Form.Item label={t('pj.light')}>
          <Select
            style={{ width: 110 }}
            allowClear
            placeholder={t('common.all')}
            value={filter.light}
            onChange={(v?: string) => set({ light: v })}
            options={(['red', 'yellow', 'green'] as const).map((c) => ({
              value: c,
              label: LIGHT_COLOUR_NAMES[c][lang],
            }))}
            data-testid="projects-light"
          />
        </Form.Item>
        <Form.Item label={t('pj.owner')}>
          <Input.Search
            style={{ width: 180 }}
            allowClear
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            onSearch={(v) => set({ owner: v.trim() || undefined })}
          />
        </Form.Item>
        <Form.Item label={t('pj.keyword')}>
          <Input.Search
            style={{ width: 200 }}
            allowClear
            placeholder={t('pj.keywordHint')}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            data-testid="projects-keyword"
          />
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              setKeyword('');
              setOwner('');
              setPage(1);
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            {t('common.reset')}
          </Button>
        </Form.Item>
      </Form>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <div className="wf-panel">
        <div className="wf-toolbar">
          <Space wrap>
            <Typography.Text type="secondary" data-testid="projects-count">
              {t('pj.count', { count: list.data?.total ?? 0 })}
            </Typography.Text>
            {list.data ? (
              <Typography.Text type="secondary">
                {t('pj.judged', { month: fmtPeriod(list.data.month, lang) })}
              </Typography.Text>
            ) : null}
          </Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('lists.refresh')}
          </Button>
        </div>
        <Table<ProjectRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.rows ?? []}
          loading={list.loading}
          // 1004 px of fixed widths (1174 with the owner from 1600 px): fits the card from 1440, scrolls below.
          scroll={{ x: 1004 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            hideOnSinglePage: true,
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
          data-testid="projects-table"
        />
      </div>
    </>
  );
}
