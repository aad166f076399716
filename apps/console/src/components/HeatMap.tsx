import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([HeatmapChart, GridComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

/** A heat map of x × y cells (ECharts); the values are also in the accessible label. */
export default function HeatMap({
  title,
  xName,
  yName,
  xs,
  ys,
  cells,
}: {
  title: string;
  xName: string;
  yName: string;
  xs: string[];
  ys: string[];
  cells: Array<[number, number, number]>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const max = Math.max(1, ...cells.map((c) => c[2]));
    chart.setOption({
      title: { text: title, textStyle: { fontSize: 14 } },
      tooltip: {},
      grid: { left: 60, right: 16, top: 40, bottom: 70 },
      xAxis: { type: 'category', data: xs, name: xName, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: ys, name: yName, nameLocation: 'middle', nameGap: 36 },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fff0f6', '#ad1f6a'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: true } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [title, xName, yName, xs, ys, cells]);
  const summary = `${title}: ${cells.map(([x, y, v]) => `${xName} ${xs[x]} ${yName} ${ys[y]} ${v}`).join(', ')}`;
  return <div ref={ref} role="img" aria-label={summary} style={{ width: '100%', height: 360 }} />;
}
