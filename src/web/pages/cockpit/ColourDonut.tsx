import { Card } from 'antd';
import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../components/Chart.tsx';
import { useI18n } from '../../i18n.ts';
import { COLOURS, COLOUR_ORDER } from '../../status.ts';
import type { CockpitResponse } from '../../types.ts';

/** How many indicator × unit results are green, yellow, red and grey. */
export function ColourDonut({ counts, height = 300 }: { counts: CockpitResponse['colourCounts']; height?: number }) {
  const { t } = useI18n();
  const total = counts.green + counts.yellow + counts.red + counts.grey;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      // The counts stand in the legend, where they are never cut at a narrow width; arcs big enough carry them too.
      legend: {
        bottom: 0,
        icon: 'circle',
        formatter: (name: string) =>
          `${name} ${COLOUR_ORDER.map((c) => [t(COLOURS[c].meaning), counts[c]] as const).find(([n]) => n === name)?.[1] ?? ''}`,
      },
      title: {
        text: String(total),
        subtext: t('cockpit.colourCountsTotal'),
        left: 'center',
        top: '36%',
        textStyle: { fontSize: 26, fontWeight: 600 },
        subtextStyle: { fontSize: 12 },
        itemGap: 4,
      },
      series: [
        {
          type: 'pie',
          radius: ['52%', '74%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: {
            show: true,
            position: 'inside',
            fontWeight: 600,
            color: '#fff',
            formatter: (p: { value?: unknown; percent?: number }) => ((p.percent ?? 0) >= 6 ? String(p.value) : ''),
          },
          data: COLOUR_ORDER.map((c) => ({
            name: t(COLOURS[c].meaning),
            value: counts[c],
            itemStyle: { color: COLOURS[c].solid },
          })),
        },
      ],
    }),
    [counts, total, t],
  );
  return (
    <Card title={t('cockpit.colourCounts')} style={{ height: '100%' }}>
      <Chart option={option} height={height} ariaLabel={t('cockpit.colourCounts')} />
    </Card>
  );
}
