/**
 * A minimal React binding for ECharts (tree-shaken core): one instance per element, resized with its container,
 * option replaced on change, click events forwarded. Only the chart types and components the app uses are loaded.
 */
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, MapSeriesOption, PieSeriesOption } from 'echarts/charts';
import {
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import type {
  GraphicComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption, ECElementEvent } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { createContext, useContext, useEffect, useRef, type CSSProperties } from 'react';

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  PieChart,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | PieSeriesOption
  | GraphicComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

export { echarts };

/** A y-axis range with some air above and below the data, so a line never sits on the frame. */
export function paddedRange(values: (number | null)[]): { min?: number; max?: number } {
  const xs = values.filter((v): v is number => v !== null);
  if (xs.length === 0) return {};
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = hi > lo ? (hi - lo) * 0.25 : Math.abs(hi) * 0.1 || 1;
  const step = 10 ** Math.floor(Math.log10(pad));
  // toPrecision: 58 × 0.1 is 5.800000000000001 in binary floating point.
  const tidy = (x: number) => Number(x.toPrecision(12));
  return { min: tidy(Math.floor((lo - pad) / step) * step), max: tidy(Math.ceil((hi + pad) / step) * step) };
}

/**
 * The ECharts theme of the charts below: ECharts' own 'dark' on the big screen (with a transparent background, so
 * the cards show through), its default elsewhere.
 */
export const ChartThemeContext = createContext<'light' | 'dark'>('light');

interface Props {
  option: ChartOption;
  height: number | string;
  onClick?: (event: ECElementEvent) => void;
  style?: CSSProperties;
  ariaLabel?: string;
}

export function Chart({ option, height, onClick, style, ariaLabel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const theme = useContext(ChartThemeContext);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (e) => clickRef.current?.(e));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption(theme === 'dark' ? { backgroundColor: 'transparent', ...option } : option, {
      notMerge: true,
    });
  }, [option, theme]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height, ...style }} />;
}
