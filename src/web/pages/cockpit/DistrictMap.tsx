import { Card, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { Chart, echarts, type ChartOption } from '../../components/Chart.tsx';
import { InfoTip } from '../../components/InfoTip.tsx';
import { fmtNum } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { COLOURS, COLOUR_ORDER } from '../../status.ts';
import type { CockpitDistrict, OrgUnit } from '../../types.ts';
import { DISTRICT_SHAPES, schematicGeoJson } from './districtShapes.ts';
import { useUnitLink } from './unitLink.ts';

const MAP_NAME = 'panzhihua-schematic';
echarts.registerMap(MAP_NAME, schematicGeoJson());

interface Props {
  districts: CockpitDistrict[];
  orgUnits: ReadonlyMap<string, OrgUnit>;
  height?: number;
}

/** The six county-level units as a schematic, coloured by composite score; click one to drill down. */
export function DistrictMap({ districts, orgUnits, height = 420 }: Props) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const unitLink = useUnitLink();
  const byShape = useMemo(() => {
    const map = new Map<string, CockpitDistrict>();
    for (const s of DISTRICT_SHAPES) {
      const d = districts.find((x) => x.code === s.code || x.orgUnitId === s.id);
      if (d) map.set(s.id, d);
    }
    return map;
  }, [districts]);

  const option = useMemo<ChartOption>(() => {
    // Units outside the user's view have no score but keep their name on the map.
    const units = [...orgUnits.values()];
    const label = (shapeId: string) => {
      const d = byShape.get(shapeId);
      const shape = DISTRICT_SHAPES.find((x) => x.id === shapeId);
      const unit = d ? orgUnits.get(d.orgUnitId) : units.find((u) => u.code === shape?.code || u.id === shapeId);
      return unit ? pick(unit.name, unit.nameEn) : (d?.name ?? shapeId);
    };
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const params = p as { name: string };
          const d = byShape.get(params.name);
          if (!d) return label(params.name);
          const colour = COLOURS[d.colour];
          return [
            `<strong>${label(params.name)}</strong>`,
            `${t('common.overall')}：<span style="color:${colour.text};font-weight:600">${fmtNum(d.overall, 1)}</span>`,
            `${t('common.rank')}：${d.rank ?? '—'}`,
            `<span style="color:rgba(0,0,0,.45)">${t('cockpit.mapHint')}</span>`,
          ].join('<br/>');
        },
      },
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          aspectScale: 1,
          roam: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '96%',
          selectedMode: false,
          itemStyle: { borderColor: '#ffffff', borderWidth: 2, areaColor: COLOURS.grey.fill },
          emphasis: {
            itemStyle: { areaColor: '#69b1ff', borderColor: '#ffffff' },
            label: { color: '#000' },
          },
          label: {
            show: true,
            formatter: (p) => {
              const params = p as { name: string };
              const d = byShape.get(params.name);
              return `{name|${label(params.name)}}\n{score|${d ? fmtNum(d.overall, 1) : '—'}}`;
            },
            rich: {
              name: { fontSize: 12, color: 'rgba(0,0,0,0.85)', fontWeight: 600, lineHeight: 18 },
              score: { fontSize: 12, color: 'rgba(0,0,0,0.65)', lineHeight: 16 },
            },
          },
          data: DISTRICT_SHAPES.map((s) => {
            const d = byShape.get(s.id);
            return {
              name: s.id,
              value: d?.overall ?? undefined,
              itemStyle: { areaColor: COLOURS[d?.colour ?? 'grey'].fill },
            };
          }),
        },
      ],
    };
  }, [byShape, orgUnits, pick, t]);

  return (
    <Card
      title={
        <Space size={6}>
          {t('cockpit.map')}
          <InfoTip title={t('cockpit.mapHint')} />
        </Space>
      }
      extra={<MapLegend />}
      style={{ height: '100%' }}
    >
      <Chart
        option={option}
        height={height}
        ariaLabel={t('cockpit.map')}
        onClick={(e) => {
          const d = byShape.get(e.name);
          if (d) void navigate(unitLink(d.orgUnitId));
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="map-schematic">
        {t('cockpit.mapSchematic')} · {t('cockpit.scoreLegend')}
      </Typography.Text>
    </Card>
  );
}

function MapLegend() {
  const { t } = useI18n();
  return (
    <Space size={10}>
      {COLOUR_ORDER.filter((c) => c !== 'grey').map((c) => (
        <span key={c} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, fontSize: 12 }}>
          <span
            style={{ width: 12, height: 12, borderRadius: 2, background: COLOURS[c].fill, display: 'inline-block' }}
          />
          {t(COLOURS[c].label)}
        </span>
      ))}
    </Space>
  );
}
