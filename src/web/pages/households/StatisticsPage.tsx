import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { INCOME_CLASS_NAMES } from '../../../domain/households/registry.ts';
import { INCOME_CLASSES } from '../../../domain/inequality.ts';
import { householdCaseRoutes } from '../../../shared/api/household-cases.ts';
import { householdStatisticsRoutes, type UnitStatisticsDto } from '../../../shared/api/household-statistics.ts';
import { fmtTime } from '../../format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { GeneratedTag } from '../../components/GeneratedTag.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useFramework, useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import type { TargetRow } from '../../types.ts';
import { OrgUnitTreeSelect } from '../workflow/OrgUnitTreeSelect.tsx';
import { fmtBracket, fmtYuan } from './common.tsx';
import './households.css';

type Range = { certain: number | null; upTo: number | null };

/** A count: the figure, "<5" for a unit hidden as too small, "—" (with the mark) for a cell hidden by suppression. */
function Cell({ value, tooSmall }: { value: number | null; tooSmall?: boolean }) {
  const { t } = useI18n();
  if (value !== null) return <>{value.toLocaleString()}</>;
  return (
    <Tooltip title={tooSmall ? t('hh.stats.tooSmallHint') : t('hh.stats.suppressedHint')}>
      <span className="hh-suppressed" data-testid="suppressed-cell">
        {tooSmall ? '<5' : '—'}
        <sup>※</sup>
      </span>
    </Tooltip>
  );
}

/** "确定 12 户，可能 37 户": certain, and possibly up to. */
function RangeCell({ range, tooSmall }: { range: Range; tooSmall?: boolean }) {
  const { t } = useI18n();
  if (range.certain === null || range.upTo === null) return <Cell value={null} tooSmall={tooSmall} />;
  if (range.certain === range.upTo) return <>{range.certain.toLocaleString()}</>;
  return (
    <span>
      {range.certain.toLocaleString()}
      <span className="hh-muted"> {t('hh.stats.upTo', { n: range.upTo })}</span>
    </span>
  );
}

function shareText(s: UnitStatisticsDto['middleShare']): string {
  if (!s || s.low === null || s.high === null) return '—';
  const p = (v: number) => `${(v * 100).toFixed(1)}%`;
  return Math.abs(s.high - s.low) < 0.0005 ? p(s.low) : `${p(s.low)}–${p(s.high)}`;
}

/** An exact figure, or its bounds with the within-bracket estimate on a line of its own (never mixed). */
function Bounded({ b }: { b: UnitStatisticsDto['medianPerCapita'] }) {
  const { lang, t } = useI18n();
  if (!b) return <>—</>;
  if (b.basis === 'exact' && b.value !== null) return <>{fmtYuan(b.value, lang)}</>;
  const range =
    b.low !== null && b.high !== null && b.low !== b.high
      ? `${fmtYuan(b.low, lang)}–${fmtYuan(b.high, lang)}`
      : b.low !== null
        ? fmtYuan(b.low, lang)
        : '—';
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {range}
      {b.value !== null ? (
        <div className="hh-muted">
          {t('hh.stats.estimate')} {fmtYuan(b.value, lang)}
        </div>
      ) : null}
    </span>
  );
}

/**
 * 低收入家庭统计: a unit and its children — households per 10,000-yuan bracket, the income classes, the middle-income
 * share against the targets, the below-10,000 and zero-employment counts (certain, and possibly up to), the clearing
 * figures. Small cells are suppressed for readers who may not see households; what is hidden says so.
 */
export function StatisticsPage() {
  const { lang, t, pick } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit') ?? undefined;
  const stats = useRoute(householdStatisticsRoutes.get, { query: unitId ? { unitId } : {} });
  const clearing = useRoute(householdCaseRoutes.clearing, {
    query: { level: 'village', ...(stats.data ? { under: stats.data.unit.unitId } : {}) },
  });
  const framework = useFramework('current');
  const org = useOrgUnits();
  const u = stats.data?.unit;

  /** D5-03 (middle-income share) targets of the unit and of the units above it. */
  const targets = useMemo(() => {
    if (!u || !framework.data) return [] as TargetRow[];
    const chain: string[] = [];
    let at: string | null | undefined = u.unitId;
    while (at) {
      chain.push(at);
      at = org.byId.get(at)?.parentId;
    }
    return framework.data.targets
      .filter((x) => x.indicatorCode === 'D5-03' && chain.includes(x.orgUnitId))
      .sort((a, b) => a.year - b.year);
  }, [u, framework.data, org.byId]);

  if (stats.error && !stats.data) return <ErrorAlert error={stats.error} onRetry={stats.reload} />;
  if (!stats.data || !u) return <FullPageSpin />;
  const data = stats.data;

  const unitName = (s: UnitStatisticsDto) => pick(s.name, s.nameEn);
  const columns: ColumnsType<UnitStatisticsDto> = [
    { title: t('hh.stats.unit'), key: 'name', fixed: 'left', width: 110, render: (_: unknown, s) => unitName(s) },
    {
      title: t('hh.stats.households'),
      key: 'h',
      width: 70,
      align: 'right',
      render: (_: unknown, s) => <Cell value={s.households} tooSmall={s.hidden} />,
    },
    {
      title: t('hh.stats.people'),
      key: 'p',
      width: 70,
      align: 'right',
      render: (_: unknown, s) => <Cell value={s.people} tooSmall={s.hidden} />,
    },
    ...INCOME_CLASSES.map((c) => ({
      title: INCOME_CLASS_NAMES[c][lang],
      key: `class-${c}`,
      width: 100,
      align: 'right' as const,
      render: (_: unknown, s: UnitStatisticsDto) => <RangeCell range={s.classes[c]} tooSmall={s.hidden} />,
    })),
    {
      title: t('hh.stats.middleShare'),
      key: 'share',
      width: 110,
      align: 'right',
      render: (_: unknown, s) => shareText(s.middleShare),
    },
    {
      title: t('hh.stats.zeroEmployment'),
      key: 'zero',
      width: 90,
      align: 'right',
      render: (_: unknown, s) => <RangeCell range={s.flags.zeroEmployment} tooSmall={s.hidden} />,
    },
    {
      title: t('hh.stats.median'),
      key: 'median',
      width: 150,
      align: 'right',
      render: (_: unknown, s) => <Bounded b={s.medianPerCapita} />,
    },
    {
      title: t('hh.stats.gini'),
      key: 'gini',
      width: 70,
      align: 'right',
      render: (_: unknown, s) =>
        s.gini?.value !== null && s.gini?.value !== undefined
          ? `${s.gini.value.toFixed(3)}${s.gini.basis === 'estimate' ? '*' : ''}`
          : '—',
    },
  ];
  const maxBracket = Math.max(1, ...u.brackets.map((b) => b.households ?? 0));
  const clearingUnit = clearing.data?.total;

  return (
    <div className="hh-page">
      <PageHeader
        title={
          <Space wrap>
            <span>{t('hh.stats.title')}</span>
            {data.generated ? <GeneratedTag /> : null}
          </Space>
        }
        subtitle={t('hh.stats.subtitle', { unit: unitName(u), at: fmtTime(data.computedAt) })}
        extra={
          <OrgUnitTreeSelect
            scope={user ? user.viewScope : null}
            excludeKinds={['department']}
            value={unitId ?? u.unitId}
            onChange={(v) => setParams(v ? { unit: v } : {}, { replace: true })}
            testId="stats-unit"
            width={220}
          />
        }
      />
      {data.suppressed ? (
        <Alert
          type="info"
          showIcon
          icon={<InfoCircleOutlined />}
          style={{ marginBottom: 12 }}
          title={t('hh.stats.suppressedNote')}
          data-testid="suppression-note"
        />
      ) : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small" title={t('hh.stats.households')}>
            <div className="hh-big">
              <Cell value={u.households} tooSmall={u.hidden} />
            </div>
            <div className="hh-muted">
              {t('hh.stats.peopleN')} <Cell value={u.people} tooSmall={u.hidden} />
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" title={t('hh.stats.middleShare')}>
            <div className="hh-big" data-testid="middle-share">
              {shareText(u.middleShare)}
            </div>
            <div className="hh-muted">
              {targets.length === 0
                ? t('hh.stats.noTarget')
                : targets.map((x) => (
                    <div key={`${x.orgUnitId}-${x.year}-${x.kind}`}>
                      {t('hh.stats.target', {
                        year: x.year,
                        unit: pick(org.byId.get(x.orgUnitId)?.name ?? x.orgUnitId, org.byId.get(x.orgUnitId)?.nameEn),
                        kind: x.floor !== null ? t('common.floor') : t('common.stretch'),
                        value: `${x.floor ?? x.stretch ?? '—'}%`,
                      })}
                    </div>
                  ))}
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" title={t('hh.stats.below10k')}>
            <div className="hh-big" data-testid="below10k">
              <RangeCell range={u.flags.below10k} tooSmall={u.hidden} />
            </div>
            <div className="hh-muted">{t('hh.stats.certainUpTo')}</div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" title={t('hh.stats.zeroEmployment')}>
            <div className="hh-big" data-testid="zero-employment">
              <RangeCell range={u.flags.zeroEmployment} tooSmall={u.hidden} />
            </div>
            <div className="hh-muted">{t('hh.stats.certainUpTo')}</div>
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('hh.stats.classes')}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {data.rule[lang]}
            </Typography.Paragraph>
            <table className="hh-class-table">
              <tbody>
                {INCOME_CLASSES.map((c) => (
                  <tr key={c}>
                    <td>{INCOME_CLASS_NAMES[c][lang]}</td>
                    <td className="hh-num">
                      <RangeCell range={u.classes[c]} tooSmall={u.hidden} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('hh.stats.incomeBasis', {
                exact: u.income.exact ?? '—',
                bracket: u.income.bracket ?? '—',
                unknown: u.income.unknown ?? '—',
              })}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('hh.stats.brackets')}>
            <div className="hh-hist" data-testid="bracket-histogram">
              {u.brackets.map((b) => (
                <Tooltip
                  key={b.low}
                  title={`${fmtBracket(b.low, b.high, lang)}：${
                    b.households === null
                      ? t(u.hidden ? 'hh.stats.tooSmallHint' : 'hh.stats.suppressedHint')
                      : t('hh.total', { n: b.households })
                  }`}
                >
                  <span className={`hh-hist-col${b.households === null ? ' hh-hist-hidden' : ''}`}>
                    <span
                      style={{ height: b.households === null ? '100%' : `${(b.households / maxBracket) * 100}%` }}
                    />
                  </span>
                </Tooltip>
              ))}
            </div>
            <div className="hh-hist-axis">
              {u.brackets
                .filter((b) => b.low % 100_000 === 0)
                .map((b) => (
                  <span
                    key={b.low}
                    style={
                      u.brackets.indexOf(b) / u.brackets.length > 0.9
                        ? { right: 0 }
                        : { left: `${(u.brackets.indexOf(b) / u.brackets.length) * 100}%` }
                    }
                  >
                    {lang === 'en' ? `${b.low / 1000}k` : fmtYuan(b.low, lang)}
                  </span>
                ))}
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('hh.stats.bracketNote')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      {clearingUnit ? (
        <Card size="small" title={t('hh.stats.clearing')} style={{ marginBottom: 12 }}>
          <Space wrap size="large">
            <span>
              {t('hh.stats.open')} <b>{clearingUnit.open}</b>
            </span>
            <span>
              {t('hh.stats.newThisMonth')} <b>{clearingUnit.newThisMonth}</b>
            </span>
            <span>
              {t('hh.stats.clearedThisMonth')} <b>{clearingUnit.clearedThisMonth}</b>
            </span>
            <span>
              {t('hh.stats.overdueCases')}{' '}
              <Tag color={clearingUnit.targetOverdue > 0 ? 'red' : 'green'}>{clearingUnit.targetOverdue}</Tag>
              <span className="hh-muted">{t('hh.stats.targetZero')}</span>
            </span>
            <span>
              {t('hh.stats.medianDays')} <b>{clearingUnit.medianDaysToClear ?? '—'}</b>
            </span>
          </Space>
        </Card>
      ) : null}
      <Card size="small" title={t('hh.stats.byUnit')}>
        <Table<UnitStatisticsDto>
          rowKey="unitId"
          size="small"
          columns={columns}
          // Departments hang under the city in the org tree but are no place: they hold no households.
          dataSource={[u, ...data.children.filter((c) => c.kind !== 'department')]}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(s) => (s.unitId === u.unitId ? 'hh-total-row' : '')}
          data-testid="stats-table"
          onRow={(s) => ({
            onClick: () => {
              if (
                s.unitId !== u.unitId &&
                data.children.some((c) => c.unitId === s.unitId) &&
                s.kind !== 'village' &&
                s.kind !== 'community'
              )
                setParams({ unit: s.unitId }, { replace: true });
            },
          })}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('hh.stats.tableNote')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
