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
  // The legend (two rows when the card is narrow) has the bottom of the card; the ring and the total in its middle
  // share what is left above it, so that a short card (the big screen's) never draws the ring under the legend.
  // A short card (the big screen's bottom row) puts the legend beside the ring instead, one count a line.
  const beside = height < 260;
  const legendSpace = beside ? 0 : 56;
  const middle = Math.max(0, (height - legendSpace) / 2);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      // The counts stand in the legend, where they are never cut at a narrow width; arcs big enough carry them too.
      legend: {
        ...(beside ? { orient: 'vertical' as const, right: 0, top: 'middle' } : { bottom: 0 }),
        icon: 'circle',
        formatter: (name: string) =>
          `${name} ${COLOUR_ORDER.map((c) => [t(COLOURS[c].meaning), counts[c]] as const).find(([n]) => n === name)?.[1] ?? ''}`,
      },
      title: {
        text: String(total),
        subtext: t('cockpit.colourCountsTotal'),
        left: beside ? '27%' : 'center',
        textAlign: 'center',
        top: Math.max(0, middle - 22),
        textStyle: { fontSize: 26, fontWeight: 600 },
        subtextStyle: { fontSize: 12 },
        itemGap: 4,
      },
      series: [
        {
          type: 'pie',
          top: 0,
          bottom: legendSpace,
          radius: beside ? ['62%', '92%'] : ['58%', '84%'],
          center: [beside ? '28%' : '50%', '50%'],
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
    [counts, total, t, middle, beside, legendSpace],
  );
  return (
    <Card title={t('cockpit.colourCounts')} style={{ height: '100%' }}>
      <Chart option={option} height={height} ariaLabel={t('cockpit.colourCounts')} />
    </Card>
  );
}
