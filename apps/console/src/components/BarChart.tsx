import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as EBar } from 'echarts/charts';
import { GridComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([EBar, GridComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** A bar chart (ECharts, only the parts used); the numbers are also in the accessible label. */
export default function BarChart({ title, categories, values }: { title: string; categories: string[]; values: number[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      title: { text: title, textStyle: { fontSize: 14 } },
      tooltip: {},
      grid: { left: 40, right: 16, top: 40, bottom: 24 },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#ad1f6a' } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [title, categories, values]);
  const summary = `${title}: ${categories.map((c, i) => `${c} ${values[i] ?? 0}`).join(', ')}`;
  return <div ref={ref} role="img" aria-label={summary} style={{ width: '100%', height: 260 }} />;
}
