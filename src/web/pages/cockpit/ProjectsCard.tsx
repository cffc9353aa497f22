import { Card, Col, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useRoute } from '../../hooks/useApi.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { projectRoutes, type UnitAggregateView } from '../../../shared/api/projects.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fmtRate, fmtWan } from '../projects/common.tsx';

/** A count against its target: "17 / 43", green when met. */
function Against({ label, c }: { label: string; c: UnitAggregateView['newStarts'] }) {
  return (
    <Statistic
      title={label}
      value={c.actual}
      suffix={c.target === null ? undefined : <span style={{ fontSize: 14 }}>/ {c.target}</span>}
      valueStyle={{ color: c.met === null ? undefined : c.met ? '#389e0d' : '#d48806', fontSize: 22 }}
    />
  );
}

/**
 * 项目为王 on the cockpit: the city's investment this year against its plan and against time-elapsed progress, new
 * starts and completions against their targets, the lights; the figures are the ledger's aggregates (the same the
 * framework's indicators are computed from) and open the ledger.
 */
export function ProjectsCard() {
  const { lang, t } = useI18n();
  const { root } = useOrgUnits();
  const aggregates = useRoute(projectRoutes.aggregates, { query: {} });
  const city = aggregates.data?.units.find((u) => u.unitId === root?.id) ?? aggregates.data?.units[0];
  if (aggregates.error) return <ErrorAlert error={aggregates.error} onRetry={aggregates.reload} />;
  const points = city?.pointsAgainstTime ?? null;
  return (
    <Card
      title={t('pj.cockpitCard')}
      size="small"
      loading={!city}
      extra={<Link to="/projects">{t('pj.openLedger')}</Link>}
      data-testid="cockpit-projects"
    >
      {city ? (
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} md={10}>
            <Typography.Text type="secondary">{t('pj.cockpitInvest')}</Typography.Text>
            <div style={{ fontSize: 22, fontWeight: 600 }} data-testid="cockpit-projects-ytd">
              {fmtWan(city.ytd, lang)}
              <span style={{ fontSize: 14, fontWeight: 400 }}> / {fmtWan(city.planned, lang)}</span>
            </div>
            <Progress percent={Math.round((city.rate ?? 0) * 1000) / 10} format={() => fmtRate(city.rate)} />
            <Typography.Text type="secondary">
              {t('pj.cockpitPace', { rate: fmtRate(city.rate), time: fmtRate(city.timeElapsed) })}
            </Typography.Text>
            {points !== null ? (
              <Tag color={points < 0 ? 'red' : 'green'} style={{ marginInlineStart: 8 }}>
                {points < 0 ? t('pj.behind', { n: (-points).toFixed(1) }) : t('pj.ahead', { n: points.toFixed(1) })}
              </Tag>
            ) : null}
          </Col>
          <Col xs={8} md={4}>
            <Against label={t('pj.keyProjects')} c={city.keyProjects} />
          </Col>
          <Col xs={8} md={4}>
            <Against label={t('pj.newStarts')} c={city.newStarts} />
          </Col>
          <Col xs={8} md={3}>
            <Against label={t('pj.completions')} c={city.completions} />
          </Col>
          <Col xs={24} md={3}>
            <Typography.Text type="secondary">{t('pj.lights')}</Typography.Text>
            <div>
              {(['red', 'yellow', 'green'] as const).map((c) => (
                <Link
                  key={c}
                  to={`/projects?light=${c}`}
                  style={{
                    marginInlineEnd: 8,
                    fontWeight: 600,
                    color: { red: '#cf1322', yellow: '#d48806', green: '#389e0d' }[c],
                  }}
                >
                  {city.lights[c] ?? 0}
                </Link>
              ))}
            </div>
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
