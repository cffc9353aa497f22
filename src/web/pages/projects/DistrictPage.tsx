import { Alert, Progress, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { fmtPeriod } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { projectRoutes, type UnitAggregateView } from '../../../shared/api/projects.ts';
import '../workflow/workflow.css';
import { fmtRate, fmtWan, LIGHT_HEX, useDistrictName } from './common.tsx';
import { ReturnImportBar } from './ProjectImports.tsx';

type Check = UnitAggregateView['newStarts'];

/** "17/43" with a tag when a target is set: met or not. */
function TargetCell({ c, money }: { c: Check; money?: boolean }) {
  const { lang, t } = useI18n();
  const actual = money ? fmtWan(c.actual, lang) : String(c.actual);
  if (c.target === null) return <span>{actual}</span>;
  const target = money ? fmtWan(c.target, lang) : String(c.target);
  return (
    <Tooltip title={c.met ? undefined : t('pj.ofTarget', { actual, target })}>
      <Tag color={c.met ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }}>
        {t('pj.ofTarget', { actual, target })}
      </Tag>
    </Tooltip>
  );
}

/**
 * 项目分区汇总: per district and for the city, the key projects, the year's plan and investment to date against the
 * plan and against time-elapsed progress, new starts, completions and the reserve against their targets, and the
 * lights; each district opens the ledger filtered to it. The figures the city published stay beside them.
 */
export function DistrictPage() {
  const { lang, t } = useI18n();
  const aggregates = useRoute(projectRoutes.aggregates, { query: {} });
  const districtName = useDistrictName();
  const columns: TableColumnsType<UnitAggregateView> = [
    {
      title: t('pj.unitName'),
      dataIndex: 'unitName',
      width: 90,
      fixed: 'left',
      render: (_: unknown, u) => (
        <Link to={`/projects?districtId=${u.unitId}`} data-testid={`district-${u.unitId}`}>
          {districtName(u.unitId, u.unitName)}
        </Link>
      ),
    },
    { title: t('pj.keyProjects'), width: 100, render: (_: unknown, u) => <TargetCell c={u.keyProjects} /> },
    { title: t('pj.planned'), width: 96, align: 'right', render: (_: unknown, u) => fmtWan(u.planned, lang) },
    { title: t('pj.ytd'), width: 96, align: 'right', render: (_: unknown, u) => fmtWan(u.ytd, lang) },
    {
      title: t('pj.rate'),
      width: 130,
      render: (_: unknown, u) => (
        <Tooltip title={`${t('pj.timeElapsed')} ${fmtRate(u.timeElapsed)}`}>
          <Progress
            percent={Math.round((u.rate ?? 0) * 1000) / 10}
            strokeColor={
              (u.pointsAgainstTime ?? 0) < -30 ? '#f5222d' : (u.pointsAgainstTime ?? 0) < -10 ? '#faad14' : '#52c41a'
            }
            size="small"
            format={() => fmtRate(u.rate)}
          />
        </Tooltip>
      ),
    },
    {
      title: t('pj.points'),
      width: 110,
      render: (_: unknown, u) =>
        u.pointsAgainstTime === null ? (
          '—'
        ) : (
          <Typography.Text type={u.pointsAgainstTime < 0 ? 'danger' : 'success'}>
            {u.pointsAgainstTime < 0
              ? t('pj.behind', { n: (-u.pointsAgainstTime).toFixed(1) })
              : t('pj.ahead', { n: u.pointsAgainstTime.toFixed(1) })}
          </Typography.Text>
        ),
    },
    { title: t('pj.newStarts'), width: 84, render: (_: unknown, u) => <TargetCell c={u.newStarts} /> },
    { title: t('pj.completions'), width: 84, render: (_: unknown, u) => <TargetCell c={u.completions} /> },
    {
      title: t('pj.reserve'),
      width: 150,
      render: (_: unknown, u) => (
        <Space size={4}>
          <span>{t('pj.reserveCount', { n: u.reserve.count })}</span>
          <TargetCell c={u.reserve} money />
        </Space>
      ),
    },
    {
      title: t('pj.lights'),
      width: 96,
      render: (_: unknown, u) => (
        <Space size={6}>
          {(['red', 'yellow', 'green'] as const).map((c) => (
            <span key={c} style={{ color: LIGHT_HEX[c], fontWeight: 600 }}>
              {u.lights[c] ?? 0}
            </span>
          ))}
        </Space>
      ),
    },
  ];
  const data = aggregates.data;
  return (
    <>
      <PageHeader title={t('pj.districtTitle')} subtitle={t('pj.districtSubtitle')} />
      <ReturnImportBar onImported={aggregates.reload} />
      {aggregates.error ? <ErrorAlert error={aggregates.error} onRetry={aggregates.reload} /> : null}
      {data ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${t('pj.judged', { month: fmtPeriod(data.month, lang) })}${lang === 'zh' ? '。' : '. '}${data.definitions[lang]}`}
        />
      ) : null}
      <div className="wf-panel">
        <Table<UnitAggregateView>
          rowKey="unitId"
          size="middle"
          columns={columns}
          dataSource={data?.units ?? []}
          loading={aggregates.loading}
          scroll={{ x: 1036 }}
          pagination={false}
          data-testid="district-table"
        />
      </div>
      {data && data.published.length > 0 ? (
        <div className="wf-panel" style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{t('pj.published')}</Typography.Title>
          {data.published.map((p) => (
            <div key={`${p.year}-${p.unitId}`}>
              {lang === 'en' ? p.year : `${p.year}年`}：{t('pj.keyProjects')} {p.keyProjects ?? '—'}，{t('pj.planned')}{' '}
              {fmtWan(p.planned, lang)}，{t('pj.ytd')} {fmtWan(p.ytd, lang)}（{fmtRate(p.rate)}）
              {p.reserve !== null ? `，${t('pj.reserve')} ${p.reserveCount ?? '—'} · ${fmtWan(p.reserve, lang)}` : ''}
              <Typography.Text type="secondary">（{p.source}）</Typography.Text>
            </div>
          ))}
        </div>
      ) : null}
    </>
  );
}
