import { Card, Select } from 'antd';
import { useMemo, useState } from 'react';
import { Chart, paddedRange, type ChartOption } from '../../components/Chart.tsx';
import { fmtPeriod, fmtValue } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import type { CockpitTrend } from '../../types.ts';
import { unitName } from '../../units.ts';
import { useIndicatorName } from '../../hooks/useNames.ts';

/** 走势: one headline indicator over the as-of months, actual against the floor target (dashed). */
export function TrendPanel({
  trends,
  height = 300,
  frameworkId,
}: {
  trends: CockpitTrend[];
  height?: number;
  frameworkId?: string;
}) {
  const indicatorName = useIndicatorName(frameworkId);
  const { t, lang } = useI18n();
  const [code, setCode] = useState<string | undefined>(undefined);
  const trend = trends.find((x) => x.code === code) ?? trends[0];
  const option = useMemo<ChartOption>(() => {
    if (!trend) return {};
    const unit = trend.unit;
    const hasFloor = trend.points.some((p) => p.floor !== null);
    return {
      grid: { left: 8, right: 36, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, right: 0, data: [t('cockpit.trendActual'), ...(hasFloor ? [t('cockpit.trendFloor')] : [])] },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => (typeof v === 'number' ? fmtValue(v, unit) : '—'),
      },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: trend.points.map((p) => fmtPeriod(p.asOf, lang)),
      },
      yAxis: {
        type: 'value',
        name: unit,
        nameTextStyle: { align: 'right' },
        splitLine: { lineStyle: { type: 'dashed' } },
        ...paddedRange(trend.points.flatMap((p) => [p.actual, p.floor])),
      },
      series: [
        {
          type: 'line',
          name: t('cockpit.trendActual'),
          data: trend.points.map((p) => p.actual),
          smooth: true,
          symbolSize: 6,
          connectNulls: false,
          lineStyle: { width: 3, color: '#1668dc' },
          itemStyle: { color: '#1668dc' },
          areaStyle: {
            color: {
              type: 'linear',
              x: 0,
              y: 0,
              x2: 0,
              y2: 1,
              colorStops: [
                { offset: 0, color: 'rgba(22,104,220,0.22)' },
                { offset: 1, color: 'rgba(22,104,220,0.02)' },
              ],
            },
          },
        },
        ...(hasFloor
          ? [
              {
                type: 'line' as const,
                name: t('cockpit.trendFloor'),
                data: trend.points.map((p) => p.floor),
                symbol: 'none',
                lineStyle: { type: 'dashed' as const, width: 2, color: '#fa541c' },
                itemStyle: { color: '#fa541c' },
              },
            ]
          : []),
      ],
    };
  }, [trend, t, lang]);
  return (
    <Card
      title={t('cockpit.trends')}
      style={{ height: '100%' }}
      extra={
        <Select
          style={{ width: 260 }}
          size="small"
          value={trend?.code}
          onChange={setCode}
          options={trends.map((x) => ({
            value: x.code,
            label: `${indicatorName(x.code, x.name)}（${unitName(x.unit)}）`,
          }))}
          aria-label={t('common.indicator')}
        />
      }
    >
      <Chart option={option} height={height} ariaLabel={t('cockpit.trends')} />
    </Card>
  );
}
