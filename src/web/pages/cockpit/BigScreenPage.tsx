import { CompressOutlined, ExpandOutlined, LogoutOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Empty, Space, Spin, theme as antdTheme, Tooltip } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { ChartThemeContext } from '../../components/Chart.tsx';
import { RankingChart } from '../../components/RankingChart.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { TargetText } from '../../components/TargetText.tsx';
import { fmtFigure, fmtPeriod, fmtTime, fmtValue } from '../../format.ts';
import { useRoute } from '../../hooks/useApi.ts';
import { cockpitRoutes } from '../../../shared/api/cockpit.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n, type MsgId } from '../../i18n.ts';
import { COLOURS } from '../../status.ts';
import { THEME } from '../../theme.ts';
import type { CockpitCard, CockpitResponse } from '../../types.ts';
import { ColourDonut } from './ColourDonut.tsx';
import { DistrictMap } from './DistrictMap.tsx';
import { indicatorLink } from './IndicatorCard.tsx';
import { TrendPanel } from './TrendPanel.tsx';
import { unitName } from '../../units.ts';
import { useIndicatorName, useOrgUnitName } from '../../hooks/useNames.ts';

/** How often the big screen asks again: a meeting sees an approval within a minute without anyone touching it. */
const REFRESH_SECONDS = 60;

const DARK = {
  ...THEME,
  algorithm: antdTheme.darkAlgorithm,
  token: { ...THEME.token, colorBgContainer: 'rgba(12, 32, 72, 0.72)', colorBorderSecondary: '#1d3b6e' },
  components: {},
};

const GAPS: { key: string; title: MsgId }[] = [
  { key: 'regional', title: 'cockpit.gap.regional' },
  { key: 'urbanRural', title: 'cockpit.gap.urbanRural' },
  { key: 'income', title: 'cockpit.gap.income' },
];

/** The inner height of the window, followed as it changes (entering full screen changes it). */
function useWindowHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

/**
 * 大屏: the cockpit for the meeting room's screen — full screen, dark, one 1920 × 1080 screen without scrolling:
 * the headline figures, the three gaps, the district map, the ranking, the trend, the status counts and the red
 * list; it refreshes itself every minute and says when its data are from. Every figure opens its drill-down.
 */
export function BigScreenPage() {
  const { t, lang, pick } = useI18n();
  const navigate = useNavigate();
  const { data, error, reload } = useRoute(cockpitRoutes.cockpit, { query: {} });
  const org = useOrgUnits();
  const height = useWindowHeight();
  const [refreshedAt, setRefreshedAt] = useState(() => new Date().toISOString());
  const [fullScreen, setFullScreen] = useState(() => document.fullscreenElement !== null);

  const refresh = useCallback(() => {
    reload();
    setRefreshedAt(new Date().toISOString());
  }, [reload]);
  useEffect(() => {
    const timer = window.setInterval(refresh, REFRESH_SECONDS * 1000);
    return () => window.clearInterval(timer);
  }, [refresh]);
  useEffect(() => {
    const onChange = () => setFullScreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggleFullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };

  // Rows: title 56, headline figures 150, the middle (map, gaps, ranking) takes the rest, the bottom row 280.
  const gap = 12;
  const bottom = Math.max(220, Math.round(height * 0.26));
  const middle = Math.max(260, height - 56 - 150 - bottom - gap * 3 - 24);
  const scope = data ? org.byId.get(data.scopeUnitId) : undefined;

  return (
    <ConfigProvider theme={DARK}>
      <ChartThemeContext.Provider value="dark">
        <div className="bigscreen" data-testid="bigscreen">
          <header className="bigscreen-title">
            <div className="bigscreen-name">
              {t('bigscreen.title')}
              {scope ? <span className="bigscreen-scope">{pick(scope.name, scope.nameEn)}</span> : null}
            </div>
            <Space size={16} className="bigscreen-meta">
              {data ? (
                <span data-testid="bigscreen-asof">
                  {t('common.asOfValue', { period: fmtPeriod(data.asOf, lang) })} ·{' '}
                  {t('common.computedAt', { time: fmtTime(data.computedAt) })}
                </span>
              ) : null}
              <span>{t('bigscreen.refresh', { seconds: REFRESH_SECONDS, time: fmtTime(refreshedAt, 'second') })}</span>
              <Tooltip title={t('bigscreen.refreshNow')}>
                <Button
                  type="text"
                  icon={<ReloadOutlined />}
                  onClick={refresh}
                  aria-label={t('bigscreen.refreshNow')}
                />
              </Tooltip>
              <Tooltip title={fullScreen ? t('bigscreen.exitFullScreen') : t('bigscreen.fullScreen')}>
                <Button
                  type="text"
                  icon={fullScreen ? <CompressOutlined /> : <ExpandOutlined />}
                  onClick={toggleFullScreen}
                  aria-label={fullScreen ? t('bigscreen.exitFullScreen') : t('bigscreen.fullScreen')}
                />
              </Tooltip>
              <Button icon={<LogoutOutlined />} onClick={() => void navigate('/cockpit')}>
                {t('bigscreen.exit')}
              </Button>
            </Space>
          </header>
          {error ? (
            <Empty description={error.text(lang)} />
          ) : !data ? (
            <div style={{ textAlign: 'center', paddingTop: 160 }}>
              <Spin size="large" />
            </div>
          ) : data.asOf === null ? (
            <Empty description={t('cockpit.noRun')} />
          ) : (
            <>
              <section className="bigscreen-kpis" style={{ height: 150 }}>
                {data.headline.slice(0, 8).map((card) => (
                  <Figure
                    key={card.code}
                    card={card}
                    onOpen={() => void navigate(indicatorLink(card.code, card.orgUnitId))}
                  />
                ))}
              </section>
              <section className="bigscreen-middle" style={{ height: middle }}>
                <Panel title={t('cockpit.gaps')}>
                  <div className="bigscreen-gaps">
                    {GAPS.map((g) => (
                      <div key={g.key} className="bigscreen-gap">
                        <div className="bigscreen-gap-title">{t(g.title)}</div>
                        {data.gaps
                          .filter((c) => c.gap === g.key)
                          .map((c) => (
                            <GapLine
                              key={c.code}
                              card={c}
                              onOpen={() => void navigate(indicatorLink(c.code, c.orgUnitId))}
                            />
                          ))}
                      </div>
                    ))}
                  </div>
                </Panel>
                <DistrictMap districts={data.districts} orgUnits={org.byId} height={middle - 58} />
                <Panel title={t('cockpit.ranking')} onOpen={() => void navigate('/ranking')}>
                  <RankingChart ranking={data.ranking} height={middle - 58} />
                </Panel>
              </section>
              <section className="bigscreen-bottom" style={{ height: bottom }}>
                <TrendPanel trends={data.trends} height={bottom - 110} frameworkId={data.frameworkId} />
                <Panel title={t('cockpit.redList')} onOpen={() => void navigate('/evaluation')}>
                  <RedList data={data} rows={Math.max(3, Math.floor((bottom - 46 - 12) / 33) - 1)} />
                </Panel>
                <ColourDonut counts={data.colourCounts} height={bottom - 110} />
              </section>
            </>
          )}
        </div>
      </ChartThemeContext.Provider>
    </ConfigProvider>
  );
}

function Panel({ title, children, onOpen }: { title: string; children: ReactNode; onOpen?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="bigscreen-panel">
      <div className="bigscreen-panel-title">
        <span>{title}</span>
        {onOpen ? (
          <Button type="link" size="small" onClick={onOpen}>
            {t('common.details')}
          </Button>
        ) : null}
      </div>
      <div className="bigscreen-panel-body">{children}</div>
    </div>
  );
}

/** One headline figure: name, value in its status colour, targets, status; a click opens the indicator. */
function Figure({ card, onOpen }: { card: CockpitCard; onOpen: () => void }) {
  const { t, lang, pick } = useI18n();
  const colour = COLOURS[card.colour];
  return (
    <button type="button" className="bigscreen-kpi" style={{ borderTopColor: colour.solid }} onClick={onOpen}>
      <div className="bigscreen-kpi-name">{pick(card.name, card.nameEn)}</div>
      <div className="bigscreen-kpi-value" style={{ color: card.actual === null ? undefined : colour.solid }}>
        {fmtFigure(card.actual, card.unit)}
        {card.actual !== null && card.unit ? <span className="bigscreen-kpi-unit">{unitName(card.unit)}</span> : null}
      </div>
      <div className="bigscreen-kpi-target">
        <TargetText target={card.target} unit={card.unit} />
      </div>
      <div className="bigscreen-kpi-foot">
        <StatusTag status={card.status} colour={card.colour} label={card.label} />
        <span title={t('common.asOfValue', { period: fmtPeriod(card.period, lang) })}>
          {fmtPeriod(card.period, lang)}
        </span>
      </div>
    </button>
  );
}

function GapLine({ card, onOpen }: { card: CockpitCard; onOpen: () => void }) {
  const { pick } = useI18n();
  const colour = COLOURS[card.colour];
  return (
    <button type="button" className="bigscreen-gap-line" onClick={onOpen}>
      <span className="bigscreen-gap-name">{pick(card.name, card.nameEn)}</span>
      <span className="bigscreen-gap-value" style={{ color: card.actual === null ? undefined : colour.solid }}>
        {fmtValue(card.actual, card.unit)}
      </span>
    </button>
  );
}

/** The worst red results, as many as fit; the full list is one click away. */
function RedList({ data, rows }: { data: CockpitResponse; rows: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const indicatorName = useIndicatorName(data.frameworkId);
  const orgUnitName = useOrgUnitName();
  if (data.redList.length === 0) return <Empty description={t('cockpit.redListEmpty')} />;
  const shown = data.redList.slice(0, rows);
  return (
    <table className="bigscreen-redlist">
      <tbody>
        {shown.map((r) => (
          <tr key={`${r.code}|${r.orgUnitId}`} onClick={() => void navigate(indicatorLink(r.code, r.orgUnitId))}>
            <td className="bigscreen-redlist-name">{indicatorName(r.code, r.name)}</td>
            <td>{orgUnitName(r.orgUnitId, r.orgUnitName)}</td>
            <td className="bigscreen-redlist-value">{fmtValue(r.actual, r.unit)}</td>
          </tr>
        ))}
        {data.redList.length > shown.length ? (
          <tr className="bigscreen-redlist-more">
            <td colSpan={3}>{t('bigscreen.more', { n: data.redList.length - shown.length })}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
