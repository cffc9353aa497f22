/** The other pages of the lists: my to-dos, the leaders' view, unit records, the monthly summary. */
import {
  Card,
  Col,
  Collapse,
  Empty,
  Input,
  InputNumber,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { shortOrgName } from '../../format.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { ITEM_COLOURS, ITEM_COLOUR_NAMES, ITEM_STATUS_NAMES } from '../../../domain/lists/types.ts';
import { listRoutes, type ColourCounts, type UnitRecordResponse } from '../../../shared/api/lists.ts';
import '../workflow/workflow.css';
import { ColourTag, COLOUR_HEX, KindTag } from './common.tsx';
import { ItemTable } from './ItemTable.tsx';
import { TodosTable } from './MyTodos.tsx';

export function TodosPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('todos.title')} subtitle={t('todos.subtitle')} />
      <div className="wf-panel">
        <TodosTable />
      </div>
    </>
  );
}

/** A bar of the colours of a group of items. */
function ColourBar({ counts }: { counts: ColourCounts }) {
  const { lang } = useI18n();
  if (counts.total === 0) return null;
  return (
    <div style={{ display: 'flex', height: 10, borderRadius: 5, overflow: 'hidden', width: 220 }}>
      {ITEM_COLOURS.map((c) =>
        counts[c] > 0 ? (
          <div
            key={c}
            title={`${ITEM_COLOUR_NAMES[c][lang]} ${counts[c]}`}
            style={{ width: `${(counts[c] / counts.total) * 100}%`, background: COLOUR_HEX[c] }}
          />
        ) : null,
      )}
    </div>
  );
}

function CountTags({ counts }: { counts: ColourCounts }) {
  const { lang } = useI18n();
  if (counts.red + counts.yellow + counts.blue + counts.green === 0)
    return <span style={{ color: 'rgba(0,0,0,0.25)' }}>—</span>;
  return (
    <Space size={4}>
      {(['red', 'yellow', 'blue', 'green'] as const).map((c) =>
        counts[c] > 0 ? (
          <Tag key={c} color={COLOUR_HEX[c]} style={{ marginInlineEnd: 0 }}>
            {ITEM_COLOUR_NAMES[c][lang]} {counts[c]}
          </Tag>
        ) : null,
      )}
    </Space>
  );
}

/** 责任领导视图: each responsible leader's items by colour, the most red first. */
export function LeaderViewPage() {
  const t = useT();
  const view = useRoute(listRoutes.leaderView, { query: {} });
  const groups = view.data?.groups ?? [];
  return (
    <>
      <PageHeader title={t('leaders.title')} subtitle={t('leaders.subtitle')} />
      {view.error ? <ErrorAlert error={view.error} onRetry={view.reload} /> : null}
      <div className="wf-panel" data-testid="leader-view">
        {groups.length === 0 && !view.loading ? <Empty /> : null}
        <Collapse
          defaultActiveKey={groups.slice(0, 1).map((g) => g.leaderName)}
          items={groups.map((g) => ({
            key: g.leaderName,
            label: (
              <Space wrap size={12}>
                <strong style={{ minWidth: 200, display: 'inline-block' }}>{g.leaderName}</strong>
                <span>{t('lists.count', { count: g.counts.total })}</span>
                <ColourBar counts={g.counts} />
                <CountTags counts={g.counts} />
              </Space>
            ),
            children: <ItemTable rows={g.items} pageSize={10} />,
          }))}
        />
      </div>
    </>
  );
}

function RecordCard({ record }: { record: UnitRecordResponse }) {
  const t = useT();
  const { lang } = useI18n();
  const rules = useRoute(listRoutes.rules, {}, { cache: true });
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="unit-record">
      <Row gutter={16}>
        <Col span={4}>
          <Statistic
            title={t('units.score')}
            value={record.score}
            valueStyle={{ color: record.score >= 90 ? '#389e0d' : record.score >= 75 ? '#d48806' : '#cf1322' }}
          />
        </Col>
        <Col span={3}>
          <Statistic title={t('units.items')} value={record.items} />
        </Col>
        <Col span={3}>
          <Statistic title={t('units.closedOnTime')} value={record.closedOnTime} />
        </Col>
        <Col span={3}>
          <Statistic title={t('units.completedLate')} value={record.completedLate} />
        </Col>
        <Col span={3}>
          <Statistic
            title={t('units.overdue')}
            value={record.overdue}
            valueStyle={{ color: record.overdue > 0 ? '#cf1322' : undefined }}
          />
        </Col>
        <Col span={4}>
          <Statistic
            title={t('lists.colour')}
            valueRender={() => <CountTags counts={{ total: 0, none: 0, green: 0, ...record.warnings }} />}
          />
        </Col>
        <Col span={4}>
          <Statistic
            title={`${t('units.noticesCount')} / ${t('units.escalations')}`}
            value={`${record.notices} / ${record.escalations}`}
          />
        </Col>
      </Row>
      {record.deductions.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('units.deductions')}：
          {record.deductions.map((d) => `${d.reason[lang]} ${d.count} × → −${d.points}`).join('；')}
        </Typography.Paragraph>
      ) : null}
      {rules.data ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
          {t('units.rule', rules.data.score)}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** 单位履责记录: one unit's items and record (its own, for a unit's reporters), and the scores of all units. */
export function UnitRecordPage() {
  const t = useT();
  const { lang } = useI18n();
  const { user } = useSession();
  const org = useOrgUnits();
  const [params, setParams] = useSearchParams();
  const reporter = user?.role === 'districtReporter' || user?.role === 'departmentReporter';
  const [year, setYear] = useState<number>(Number(params.get('year')) || 2024);
  const unit = params.get('unit') ?? (reporter ? user?.entryScope[0] : undefined) ?? null;
  const records = useRoute(listRoutes.records, { query: { year } });
  const view = useRoute(listRoutes.unitView, unit ? { params: { id: unit }, query: { year } } : null);
  useEffect(() => {
    if (!unit && records.data && records.data.length > 0 && !reporter)
      setParams({ unit: records.data[0]?.unitId ?? '', year: String(year) }, { replace: true });
  }, [unit, records.data, reporter, setParams, year]);
  const options = useMemo(
    () =>
      (records.data ?? []).map((r) => ({
        value: r.unitId,
        label: lang === 'en' ? (org.byId.get(r.unitId)?.nameEn ?? r.unitName) : r.unitName,
      })),
    [records.data, lang, org.byId],
  );
  return (
    <>
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        extra={
          <Space wrap>
            <span>{t('units.year')}</span>
            <InputNumber min={2020} max={2030} value={year} onChange={(v) => v && setYear(v)} />
            <span>{t('units.choose')}</span>
            <Select
              style={{ width: 260, maxWidth: 'calc(100vw - 40px)' }}
              value={unit ?? undefined}
              options={options}
              onChange={(v: string) => setParams({ unit: v, year: String(year) })}
              showSearch
              optionFilterProp="label"
              data-testid="unit-select"
            />
          </Space>
        }
      />
      {view.error ? <ErrorAlert error={view.error} onRetry={view.reload} /> : null}
      {view.data ? (
        <>
          <Typography.Title level={5}>{view.data.record.unitName}</Typography.Title>
          <RecordCard record={view.data.record} />
          <div className="wf-panel" style={{ marginBottom: 16 }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('units.ownItems')}
            </Typography.Title>
            <ItemTable rows={view.data.items} pageSize={10} />
          </div>
        </>
      ) : null}
      <div className="wf-panel">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('units.ranking')}
        </Typography.Title>
        <Table<UnitRecordResponse>
          rowKey="unitId"
          size="small"
          loading={records.loading}
          dataSource={records.data ?? []}
          pagination={false}
          data-testid="unit-ranking"
          columns={[
            { title: '#', key: 'rank', width: 50, render: (_: unknown, _r, n) => n + 1 },
            {
              title: t('lists.unit'),
              dataIndex: 'unitName',
              render: (v: string, r) => (
                <Link to={`/lists/units?unit=${r.unitId}&year=${year}`}>{shortOrgName(v)}</Link>
              ),
            },
            {
              title: t('units.score'),
              dataIndex: 'score',
              width: 160,
              render: (v: number) => (
                <Progress
                  percent={v}
                  size="small"
                  format={(p) => p}
                  strokeColor={v >= 90 ? '#52c41a' : v >= 75 ? '#faad14' : '#f5222d'}
                />
              ),
            },
            { title: t('units.items'), dataIndex: 'items', width: 80 },
            { title: t('units.closedOnTime'), dataIndex: 'closedOnTime', width: 90 },
            { title: t('units.overdue'), dataIndex: 'overdue', width: 90 },
            {
              title: t('lists.colour'),
              key: 'w',
              width: 220,
              render: (_: unknown, r) => <CountTags counts={{ total: 0, none: 0, green: 0, ...r.warnings }} />,
            },
            { title: t('units.noticesCount'), dataIndex: 'notices', width: 80 },
          ]}
        />
      </div>
    </>
  );
}

/** 月度进展汇总: what the bulletin says of the lists for a month, the items behind first. */
export function SummaryPage() {
  const t = useT();
  const { lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const todos = useRoute(listRoutes.todos, {});
  const period = params.get('period') ?? todos.data?.today.slice(0, 7) ?? null;
  const summary = useRoute(listRoutes.monthlySummary, period ? { query: { period } } : null);
  return (
    <>
      <PageHeader
        title={t('summary.title')}
        subtitle={t('summary.subtitle')}
        extra={
          <Input
            type="month"
            value={period ?? ''}
            onChange={(e) => e.target.value && setParams({ period: e.target.value })}
            style={{ width: 160 }}
          />
        }
      />
      {summary.error ? <ErrorAlert error={summary.error} onRetry={summary.reload} /> : null}
      <div className="wf-panel">
        <Table
          rowKey="itemId"
          size="small"
          loading={summary.loading}
          dataSource={summary.data?.rows ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="summary-table"
          columns={[
            {
              title: t('lists.colour'),
              dataIndex: 'colour',
              width: 80,
              render: (_: unknown, r) => <ColourTag colour={r.colour} />,
            },
            {
              title: t('lists.item'),
              key: 'item',
              render: (_: unknown, r) => <Link to={`/lists/items/${r.itemId}`}>{`${r.code} ${r.title}`}</Link>,
            },
            { title: t('lists.kind'), key: 'kind', width: 96, render: (_: unknown, r) => <KindTag kind={r.kind} /> },
            {
              title: t('common.leadUnit'),
              dataIndex: 'leadUnitName',
              width: 150,
              render: (v: string) => shortOrgName(v),
            },
            { title: t('lists.leader'), dataIndex: 'leaderName', width: 160 },
            {
              title: t('lists.status'),
              dataIndex: 'status',
              width: 90,
              render: (v: keyof typeof ITEM_STATUS_NAMES) => ITEM_STATUS_NAMES[v][lang],
            },
            {
              title: t('lists.progress'),
              dataIndex: 'percent',
              width: 80,
              render: (v: number | null) => (v === null ? '—' : `${v}%`),
            },
            {
              title: t('item.reports'),
              key: 'reported',
              width: 100,
              render: (_: unknown, r) =>
                r.reported ? (
                  <Tag color={r.reportLate ? 'warning' : 'success'}>
                    {r.reportLate ? t('item.lateReport') : t('summary.reported')}
                  </Tag>
                ) : (
                  <Tag color={r.reportLate ? 'error' : 'default'}>{t('summary.notReported')}</Tag>
                ),
            },
            { title: t('item.warnings'), dataIndex: 'warnings', render: (v: string[]) => v.join('；') || '—' },
            { title: t('summary.openProblems'), dataIndex: 'openProblems', width: 90 },
          ]}
        />
      </div>
    </>
  );
}
