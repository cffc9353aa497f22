import { Card, Col, Empty, Form, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { PROJECT_LEVELS, PROJECT_STAGE_NAMES, PROJECT_STAGES } from '../../../domain/projects/types.ts';
import { projectRoutes, type ProjectFilter, type ProjectRow } from '../../../shared/api/projects.ts';
import '../workflow/workflow.css';
import './projects.css';
import { fmtWan, levelName, LightBadge, useDistrictName } from './common.tsx';

/** How many cards a stage column shows before "n more" (a link to the ledger filtered to that stage). */
const PER_COLUMN = 30;

/**
 * 阶段看板: the projects as columns by stage (储备 → 投产), each card with its light; and 挂图作战, the planned and
 * actual starts and completions of the year month by month.
 */
export function BoardPage() {
  const { lang, t } = useI18n();
  const org = useOrgUnits();
  const [districtId, setDistrictId] = useState<string | undefined>();
  const [level, setLevel] = useState<string | undefined>();
  const query = { districtId, level, pageSize: 500, sort: 'light' } as ProjectFilter;
  const list = useRoute(projectRoutes.search, { query });
  const rows = list.data?.rows ?? [];
  const year = list.data?.year ?? new Date().getFullYear();

  return (
    <>
      <PageHeader title={t('pj.boardTitle')} subtitle={t('pj.boardSubtitle')} />
      <Form layout="inline" className="wf-search-form">
        <Form.Item label={t('pj.district')}>
          <Select
            style={{ width: 130 }}
            allowClear
            placeholder={t('common.all')}
            value={districtId}
            onChange={(v?: string) => setDistrictId(v)}
            options={org.districts.map((d) => ({ value: d.id, label: lang === 'en' ? d.nameEn : d.name }))}
            data-testid="board-district"
          />
        </Form.Item>
        <Form.Item label={t('pj.level')}>
          <Select
            style={{ width: 130 }}
            allowClear
            placeholder={t('common.all')}
            value={level}
            onChange={(v?: string) => setLevel(v)}
            options={PROJECT_LEVELS.map((l) => ({ value: l, label: levelName(l, lang) }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      </Form>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <StageColumns rows={rows} districtId={districtId} />
      <ScheduleChart rows={rows} year={year} />
    </>
  );
}

function StageColumns({ rows, districtId }: { rows: readonly ProjectRow[]; districtId: string | undefined }) {
  const { lang, t } = useI18n();
  const districtName = useDistrictName();
  return (
    <div className="pj-board" data-testid="stage-board">
      {PROJECT_STAGES.map((stage) => {
        const inStage = rows.filter((r) => r.stage === stage);
        const total = inStage.reduce((s, r) => s + r.totalInvestment, 0);
        const more = inStage.length - PER_COLUMN;
        const ledger = `/projects?stage=${stage}${districtId ? `&districtId=${districtId}` : ''}`;
        return (
          <div className="pj-board-column" key={stage} data-testid={`stage-${stage}`}>
            <div className="pj-board-head">
              <Typography.Text strong>{PROJECT_STAGE_NAMES[stage][lang]}</Typography.Text>
              <Typography.Text type="secondary">
                {inStage.length} · {fmtWan(total, lang)}
              </Typography.Text>
            </div>
            {inStage.slice(0, PER_COLUMN).map((r) => (
              <Card key={r.id} size="small" className="pj-board-card">
                <Link to={`/projects/${r.id}`}>{r.name}</Link>
                <div className="pj-board-meta">
                  <LightBadge colour={r.light} lights={r.lights} testId={`board-light-${r.code}`} />
                  <span>{districtName(r.districtId, r.districtName)}</span>
                </div>
              </Card>
            ))}
            {more > 0 ? <Link to={ledger}>{t('pj.more', { n: more })}</Link> : null}
            {inStage.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pj.none')} /> : null}
          </div>
        );
      })}
    </div>
  );
}

/** Starts and completions of the year by month: planned (by the planned date) and actual (by the actual one). */
function ScheduleChart({ rows, year }: { rows: readonly ProjectRow[]; year: number }) {
  const { lang, t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const count = (pick: (r: ProjectRow) => string | null) =>
      months.map((m) => rows.filter((r) => pick(r)?.startsWith(m)).length);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => (lang === 'en' ? m : `${Number(m.slice(5))}月`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('pj.plannedStarts'),
          type: 'bar',
          data: count((r) => r.plannedStart),
          itemStyle: { color: '#91caff' },
        },
        { name: t('pj.actualStarts'), type: 'bar', data: count((r) => r.actualStart), itemStyle: { color: '#1677ff' } },
        {
          name: t('pj.plannedCompletions'),
          type: 'bar',
          data: count((r) => r.plannedCompletion),
          itemStyle: { color: '#b7eb8f' },
        },
        {
          name: t('pj.actualCompletions'),
          type: 'bar',
          data: count((r) => r.actualCompletion),
          itemStyle: { color: '#389e0d' },
        },
      ],
    };
  }, [rows, year, lang, t]);
  const sum = (pick: (r: ProjectRow) => string | null) => rows.filter((r) => pick(r)?.startsWith(`${year}-`)).length;
  return (
    <Card
      title={`${t('pj.schedule')} · ${lang === 'en' ? year : `${year}年`}`}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="schedule-chart"
    >
      <Row gutter={16} style={{ marginBottom: 8 }}>
        <Col>
          <Space>
            <span>
              {t('pj.newStarts')}：{sum((r) => r.actualStart)} / {sum((r) => r.plannedStart)}
            </span>
            <span>
              {t('pj.completions')}：{sum((r) => r.actualCompletion)} / {sum((r) => r.plannedCompletion)}
            </span>
          </Space>
        </Col>
      </Row>
      <Chart option={option} height={300} ariaLabel={t('pj.schedule')} />
    </Card>
  );
}
