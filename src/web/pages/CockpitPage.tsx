import { DesktopOutlined, ExperimentOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Grid, Row, Skeleton, Tag, Tooltip } from 'antd';
import { useNavigate } from 'react-router-dom';
import { AsOfSelect } from '../components/AsOfSelect.tsx';
import { CoverageTag } from '../components/CoverageTag.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useFrameworkParam, YearSelect } from '../components/YearSelect.tsx';
import { PreviewBanner, PreviewSwitch } from '../components/PreviewSwitch.tsx';
import { fmtPeriod, fmtShare, fmtTime } from '../format.ts';
import { useRoute } from '../hooks/useApi.ts';
import { cockpitRoutes } from '../../shared/api/cockpit.ts';
import { useAsOfParam } from '../hooks/useAsOfParam.ts';
import { usePreviewParam } from '../hooks/usePreviewParam.ts';
import { useOrgUnits } from '../hooks/useReference.ts';
import { useI18n } from '../i18n.ts';
import { useSession } from '../session.tsx';
import type { CockpitResponse } from '../types.ts';
import { ColourDonut } from './cockpit/ColourDonut.tsx';
import { DistrictMap } from './cockpit/DistrictMap.tsx';
import { GapsPanel } from './cockpit/GapsPanel.tsx';
import { IncomeGapBoundsCard } from './cockpit/IncomeGapBoundsCard.tsx';
import { IndicatorCard } from './cockpit/IndicatorCard.tsx';
import { RankingPanel } from './cockpit/RankingPanel.tsx';
import { ListCountsPanel } from './cockpit/ListCountsPanel.tsx';
import { ProjectsCard } from './cockpit/ProjectsCard.tsx';
import { RedListTable } from './cockpit/RedListTable.tsx';
import { TrendPanel } from './cockpit/TrendPanel.tsx';

/** 驾驶舱: the leaders' page — headline figures, the three gaps, districts, trends and the red list. */
export function CockpitPage() {
  const { t, lang, pick } = useI18n();
  const [asOf, setAsOf] = useAsOfParam();
  const [preview, setPreview, canPreview] = usePreviewParam();
  const [frameworkId, setFrameworkId] = useFrameworkParam();
  const { data, error, reload } = useRoute(cockpitRoutes.cockpit, {
    query: { frameworkId, asOf, preview: preview ? 'true' : undefined },
  });
  const org = useOrgUnits();
  const { user } = useSession();
  // The coordination centre circulates the monthly bulletin; leaders read it.
  const bulletin = user?.role === 'coordinator' || user?.role === 'leader';

  const scope = data ? org.byId.get(data.scopeUnitId) : undefined;
  const navigate = useNavigate();
  // The big screen is for the meeting room's display, not a phone.
  const wide = Grid.useBreakpoint().lg === true;
  return (
    <>
      <PageHeader
        title={
          <span>
            {t('cockpit.title')}
            {scope ? (
              <span style={{ fontWeight: 400, fontSize: 15, marginInlineStart: 10 }}>
                {pick(scope.name, scope.nameEn)}
              </span>
            ) : null}
          </span>
        }
        subtitle={
          data ? (
            <span>
              {lang === 'en' ? t('framework.nameOfYear', { year: data.year }) : data.frameworkName} ·{' '}
              {t('common.asOfValue', { period: fmtPeriod(data.asOf, lang) })} ·{' '}
              {t('common.computedAt', { time: fmtTime(data.computedAt) })}
            </span>
          ) : (
            t('cockpit.subtitle')
          )
        }
        extra={
          data ? (
            <>
              {data.demoDataShare > 0 ? (
                <Tooltip title={t('common.generatedHint')}>
                  <Tag color="purple" icon={<ExperimentOutlined />}>
                    {t('cockpit.demoShare', { share: fmtShare(data.demoDataShare, 0) })}
                  </Tag>
                </Tooltip>
              ) : null}
              {canPreview ? <PreviewSwitch on={preview} onChange={setPreview} /> : null}
              <CoverageTag coverage={data.coverage} />
              <YearSelect value={data.frameworkId} onChange={setFrameworkId} />
              <AsOfSelect
                options={data.availableAsOf}
                value={data.asOf}
                onChange={setAsOf}
                coverage={data.availableCoverage}
              />
              {wide ? (
                <Button
                  icon={<DesktopOutlined />}
                  onClick={() => void navigate('/cockpit/screen')}
                  data-testid="cockpit-bigscreen"
                >
                  {t('cockpit.bigScreen')}
                </Button>
              ) : null}
              {/* The monthly bulletin is the current year's; another year is read on the page. */}
              {bulletin && data.asOf && !data.preview && !frameworkId ? (
                <>
                  <Button
                    icon={<FileWordOutlined />}
                    href={`/api/v1/bulletin.docx?asOf=${data.asOf}`}
                    data-testid="bulletin-docx"
                  >
                    {t('cockpit.bulletinWord')}
                  </Button>
                  <Button
                    icon={<FileExcelOutlined />}
                    href={`/api/v1/bulletin.xlsx?asOf=${data.asOf}`}
                    data-testid="bulletin-xlsx"
                  >
                    {t('cockpit.bulletinExcel')}
                  </Button>
                </>
              ) : null}
            </>
          ) : null
        }
      />
      {data?.preview ? <PreviewBanner /> : null}
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {!data ? (
        error ? null : (
          <Skeleton active paragraph={{ rows: 12 }} />
        )
      ) : data.asOf === null ? (
        <Empty description={t('cockpit.noRun')} />
      ) : (
        <CockpitBody data={data} orgUnits={org.byId} />
      )}
    </>
  );
}

function CockpitBody({ data, orgUnits }: { data: CockpitResponse; orgUnits: ReturnType<typeof useOrgUnits>['byId'] }) {
  const { t } = useI18n();
  return (
    <>
      <div className="section-title">{t('cockpit.headline')}</div>
      <Row gutter={[16, 16]}>
        {data.headline.map((card) => (
          <Col key={card.code} xs={24} sm={12} xl={6}>
            <IndicatorCard card={card} />
          </Col>
        ))}
      </Row>
      <div style={{ height: 16 }} />
      <GapsPanel gaps={data.gaps} />
      <IncomeGapBoundsCard />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={10}>
          <DistrictMap districts={data.districts} orgUnits={orgUnits} />
        </Col>
        <Col xs={24} xl={14}>
          <RankingPanel ranking={data.ranking} />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={10}>
          <TrendPanel trends={data.trends} frameworkId={data.frameworkId} />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <ColourDonut counts={data.colourCounts} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <ListCountsPanel />
        </Col>
      </Row>
      <div style={{ marginTop: 16 }}>
        <ProjectsCard />
      </div>
      <div style={{ marginTop: 16 }}>
        <RedListTable items={data.redList} asOf={data.asOf} frameworkId={data.frameworkId} />
      </div>
    </>
  );
}
