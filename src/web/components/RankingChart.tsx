import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { Chart, type ChartOption } from './Chart.tsx';
import { fmtNum } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { COLOURS, scoreColour } from '../status.ts';
import type { RankingRow } from '../types.ts';

/** Horizontal bars of the overall score, best on top, coloured like the map; click a bar to drill down. */
export function RankingChart({ ranking, height }: { ranking: RankingRow[]; height: number }) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const rows = useMemo(() => [...ranking].reverse(), [ranking]);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 48, top: 22, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'value',
        min: 0,
        max: (v: { max: number }) => Math.max(120, Math.ceil(v.max / 10) * 10),
        splitLine: { lineStyle: { type: 'dashed' } },
      },
      yAxis: { type: 'category', data: rows.map((r) => pick(r.name, r.nameEn)), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: t('common.overall'),
          barMaxWidth: 18,
          data: rows.map((r) => ({
            value: r.overall ?? 0,
            itemStyle: { color: COLOURS[scoreColour(r.overall)].solid, borderRadius: [0, 3, 3, 0] },
          })),
          label: { show: true, position: 'right', formatter: (p) => fmtNum((p as { value: number }).value, 1) },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: 'rgba(0,0,0,0.35)', type: 'dashed' },
            label: { formatter: '100', position: 'end' },
            data: [{ xAxis: 100 }],
          },
        },
      ],
    }),
    [rows, pick, t],
  );
  return (
    <Chart
      option={option}
      height={height}
      ariaLabel={t('ranking.chart')}
      onClick={(e) => {
        const r = rows[e.dataIndex];
        if (r) void navigate(`/cockpit/unit/${encodeURIComponent(r.orgUnitId)}`);
      }}
    />
  );
}
