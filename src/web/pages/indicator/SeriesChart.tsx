import { useMemo } from 'react';
import { Chart, paddedRange, type ChartOption } from '../../components/Chart.tsx';
import { fmtPeriod, fmtValue } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import type { SeriesPoint, TargetRow } from '../../types.ts';

interface Props {
  points: SeriesPoint[];
  unit: string;
  /** Annual targets of the unit, drawn as dashed floor lines over their year. */
  targets: TargetRow[];
  height?: number;
}

/** The values of one indicator and unit over time, with each year's floor target as a dashed line. */
export function SeriesChart({ points, unit, targets, height = 300 }: Props) {
  const { t, lang } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const sorted = [...points].sort((a, b) => a.period.localeCompare(b.period));
    const floorOf = (period: string) =>
      targets.find((x) => x.kind === 'annual' && String(x.year) === period.slice(0, 4))?.floor ?? null;
    const floors = sorted.map((p) => floorOf(p.period));
    const hasFloor = floors.some((f) => f !== null);
    return {
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, right: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? fmtValue(v, unit) : '—') },
      xAxis: { type: 'category', data: sorted.map((p) => fmtPeriod(p.period, lang)), boundaryGap: false },
      yAxis: {
        type: 'value',
        name: unit,
        splitLine: { lineStyle: { type: 'dashed' } },
        ...paddedRange([...sorted.map((p) => p.value), ...floors]),
      },
      series: [
        {
          type: 'line',
          name: t('cockpit.trendActual'),
          data: sorted.map((p) => ({
            value: p.value ?? undefined,
            // Generated demo values are drawn hollow, reported and published ones solid.
            itemStyle:
              p.origin === 'generated'
                ? { color: '#fff', borderColor: '#1668dc', borderWidth: 2 }
                : { color: '#1668dc' },
          })),
          symbolSize: 7,
          lineStyle: { width: 3, color: '#1668dc' },
          itemStyle: { color: '#1668dc' },
        },
        ...(hasFloor
          ? [
              {
                type: 'line' as const,
                name: t('cockpit.trendFloor'),
                data: floors,
                symbol: 'none',
                step: 'middle' as const,
                lineStyle: { type: 'dashed' as const, width: 2, color: '#fa541c' },
                itemStyle: { color: '#fa541c' },
              },
            ]
          : []),
      ],
    };
  }, [points, unit, targets, t, lang]);
  return <Chart option={option} height={height} ariaLabel={t('indicator.trend')} />;
}
