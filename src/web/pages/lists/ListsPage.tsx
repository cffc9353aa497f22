import {
  DownloadOutlined,
  FileExcelOutlined,
  PlusOutlined,
  ReloadOutlined,
  SettingOutlined,
  ThunderboltOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { App, Badge, Button, Form, Input, Select, Space, Tabs, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { apiUrl, call, errorText, toApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useFramework, useOrgUnits, useWorkTeams } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import {
  ITEM_COLOUR_NAMES,
  ITEM_COLOURS,
  ITEM_STATUS_NAMES,
  ITEM_STATUSES,
  LIST_KIND_NAMES,
  LIST_KINDS,
  type ListKind,
} from '../../../domain/lists/types.ts';
import { listRoutes, type ListFilterQuery } from '../../../shared/api/lists.ts';
import { OrgUnitTreeSelect } from '../workflow/OrgUnitTreeSelect.tsx';
import { uploadTo } from '../workflow/upload.ts';
import '../workflow/workflow.css';
import { COLOUR_HEX } from './common.tsx';
import { ItemFormModal } from './ItemFormModal.tsx';
import { ItemTable } from './ItemTable.tsx';
import { RulesModal } from './RulesModal.tsx';
import { issueLine } from '../../apiErrors.ts';

/** The filters kept in the address, so that a link (from the cockpit, say) opens exactly this list. */
const FILTER_KEYS = ['kind', 'dimension', 'team', 'unit', 'leader', 'district', 'status', 'colour', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filter = Partial<Record<FilterKey, string>>;

/**
 * 四张清单: the four lists as filterable tables (list, dimension, team, unit, leader, district, state, colour,
 * keyword), with export of what is shown; for the coordination centre also new drafts, Excel import with its
 * template, and the warning run on demand.
 */
export function ListsPage() {
  const { lang, t } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filter: Filter = useMemo(
    () => Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : []))),
    [params],
  );
  const { kind: _kind, ...withoutKind } = filter;
  // The address bar's words as they are: the server checks them and says what is wrong.
  const list = useRoute(listRoutes.list, { query: filter as ListFilterQuery });
  const counts = useRoute(listRoutes.counts, { query: withoutKind as ListFilterQuery });
  const framework = useFramework('current');
  const teams = useWorkTeams();
  const org = useOrgUnits();
  const [creating, setCreating] = useState(false);
  const [running, setRunning] = useState(false);
  const [rulesOpen, setRulesOpen] = useState(false);
  const coordinator = user?.role === 'coordinator';
  const [keyword, setKeyword] = useState(filter.q ?? '');

  const set = (patch: Filter) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = k in patch ? patch[k] : filter[k];
      if (v) next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const reload = () => {
    list.reload();
    counts.reload();
  };

  const runWarnings = async () => {
    setRunning(true);
    try {
      const r = await call(listRoutes.runWarnings);
      void message.success(
        t('lists.warningsRun', {
          raised: r.raised,
          cleared: r.cleared,
          notices: r.noticesIssued,
          escalated: r.escalated,
        }),
      );
      reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setRunning(false);
    }
  };

  const importFile = async (file: File) => {
    try {
      const r = await uploadTo(listRoutes.import, {}, file);
      void message.success(t('lists.imported', { count: r.created }));
      set({ status: 'drafted' });
      reload();
    } catch (e) {
      const error = toApiError(e);
      const lines = error.details.slice(0, 8).map((d) => issueLine(d, lang, t));
      void message.error({
        content: [error.text(lang), ...lines].join('\n'),
        duration: 10,
        style: { whiteSpace: 'pre-line' },
      });
    }
  };

  const tabCount = (k: ListKind | 'all') => {
    const c = k === 'all' ? counts.data?.all : counts.data?.byKind.find((x) => x.kind === k);
    if (!c) return null;
    return (
      <Space size={6} style={{ marginInlineStart: 6 }}>
        <span style={{ color: 'rgba(0,0,0,0.45)' }}>{c.total}</span>
        {c.red > 0 ? <Badge count={c.red} color={COLOUR_HEX.red} size="small" /> : null}
        {c.yellow > 0 ? <Badge count={c.yellow} color={COLOUR_HEX.yellow} size="small" /> : null}
      </Space>
    );
  };

  return (
    <>
      <PageHeader
        title={t('lists.title')}
        subtitle={t('lists.subtitle')}
        extra={
          <Space wrap>
            <Link to="/lists/summary">{t('lists.summary')}</Link>
            <Button icon={<DownloadOutlined />} href={apiUrl('/lists/items/export', filter)} data-testid="lists-export">
              {t('lists.export')}
            </Button>
            {coordinator ? (
              <>
                <Button
                  href={apiUrl('/lists/import-template')}
                  icon={<FileExcelOutlined />}
                  data-testid="lists-template"
                >
                  {t('lists.template')}
                </Button>
                <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (void importFile(f), false)}>
                  <Button icon={<UploadOutlined />} data-testid="lists-import">
                    {t('lists.import')}
                  </Button>
                </Upload>
                <Button icon={<SettingOutlined />} onClick={() => setRulesOpen(true)} data-testid="lists-rules">
                  {t('rules.open')}
                </Button>
                <Button
                  icon={<ThunderboltOutlined />}
                  loading={running}
                  onClick={() => void runWarnings()}
                  data-testid="lists-run-warnings"
                >
                  {t('lists.runWarnings')}
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setCreating(true)}
                  data-testid="lists-new"
                >
                  {t('lists.new')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      <Form layout="inline" className="wf-search-form" data-testid="lists-search">
        <Form.Item label={t('lists.dimension')}>
          <Select
            style={{ width: 190 }}
            allowClear
            placeholder={t('common.all')}
            value={filter.dimension}
            onChange={(v?: string) => set({ dimension: v })}
            options={(framework.data?.dimensions ?? [])
              .filter((d) => d.parentCode === null)
              .map((d) => ({ value: d.code, label: `${d.code} ${lang === 'en' ? d.nameEn : d.name}` }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item label={t('lists.team')}>
          <Select
            style={{ width: 200 }}
            allowClear
            placeholder={t('common.all')}
            value={filter.team}
            onChange={(v?: string) => set({ team: v })}
            options={teams.map((x) => ({ value: x.id, label: lang === 'en' ? x.nameEn : x.name }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item label={t('lists.unit')}>
          <OrgUnitTreeSelect
            scope={null}
            value={filter.unit}
            onChange={(v) => set({ unit: v })}
            allowClear
            placeholder={t('common.all')}
            width={200}
            testId="lists-unit"
          />
        </Form.Item>
        <Form.Item label={t('lists.leader')}>
          <Select
            style={{ width: 200 }}
            allowClear
            showSearch
            placeholder={t('common.all')}
            value={filter.leader}
            onChange={(v?: string) => set({ leader: v })}
            options={(list.data?.leaders ?? []).map((l) => ({ value: l, label: l }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item label={t('lists.district')}>
          <Select
            style={{ width: 130 }}
            allowClear
            placeholder={t('common.all')}
            value={filter.district}
            onChange={(v?: string) => set({ district: v })}
            options={org.districts.map((d) => ({ value: d.id, label: lang === 'en' ? d.nameEn : d.name }))}
          />
        </Form.Item>
        <Form.Item label={t('lists.status')}>
          <Select
            style={{ width: 120 }}
            allowClear
            placeholder={t('common.all')}
            value={filter.status}
            onChange={(v?: string) => set({ status: v })}
            options={ITEM_STATUSES.map((s) => ({ value: s, label: ITEM_STATUS_NAMES[s][lang] }))}
            data-testid="lists-status"
          />
        </Form.Item>
        <Form.Item label={t('lists.colour')}>
          <Select
            style={{ width: 110 }}
            allowClear
            placeholder={t('common.all')}
            value={filter.colour}
            onChange={(v?: string) => set({ colour: v })}
            options={ITEM_COLOURS.filter((c) => c !== 'none').map((c) => ({
              value: c,
              label: ITEM_COLOUR_NAMES[c][lang],
            }))}
            data-testid="lists-colour"
          />
        </Form.Item>
        <Form.Item label={t('lists.keyword')}>
          <Input.Search
            style={{ width: 220 }}
            allowClear
            placeholder={t('lists.keywordHint')}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            data-testid="lists-keyword"
          />
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              setKeyword('');
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            {t('common.reset')}
          </Button>
        </Form.Item>
      </Form>
      {list.error ? <ErrorAlert error={list.error} onRetry={reload} /> : null}
      <div className="wf-panel">
        <Tabs
          activeKey={filter.kind ?? 'all'}
          onChange={(k) => set({ kind: k === 'all' ? undefined : k })}
          items={(['all', ...LIST_KINDS] as const).map((k) => ({
            key: k,
            label: (
              <span data-testid={`lists-tab-${k}`}>
                {k === 'all' ? t('lists.all') : LIST_KIND_NAMES[k][lang]}
                {tabCount(k)}
              </span>
            ),
          }))}
        />
        <div className="wf-toolbar">
          <Typography.Text type="secondary" data-testid="lists-count">
            {t('lists.count', { count: list.data?.total ?? 0 })}
          </Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('lists.refresh')}
          </Button>
        </div>
        <ItemTable rows={list.data?.rows ?? []} loading={list.loading} showKind={!filter.kind} />
      </div>
      <RulesModal
        open={rulesOpen}
        onClose={() => setRulesOpen(false)}
        onSaved={() => {
          setRulesOpen(false);
          reload();
        }}
      />
      <ItemFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          reload();
        }}
      />
    </>
  );
}
