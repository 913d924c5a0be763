'use client';

import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption } from './echarts';

export interface EChartProps {
  option: EChartsCoreOption;
  /** What the chart shows, for screen readers (ECharts' aria module adds a data description). */
  label: string;
  className?: string;
  testId?: string;
}

/**
 * One ECharts instance on a canvas. ECharts is loaded in the browser only (dynamic import, so
 * pages that have no chart don't pay for it). `data-rendered` turns true once the first frame is
 * drawn, which tests and the benchmark wait for.
 */
export function EChart({ option, label, className = 'chart', testId = 'chart' }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<import('echarts/core').ECharts | null>(null);
  const [rendered, setRendered] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('./echarts')
      .then(({ echarts }) => {
        if (disposed) return;
        const chart = echarts.init(element, undefined, { renderer: 'canvas' });
        chartRef.current = chart;
        chart.on('finished', () => setRendered(true));
        chart.setOption(option, { notMerge: true });
        observer = new ResizeObserver(() => chart.resize());
        observer.observe(element);
      })
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    return () => {
      disposed = true;
      observer?.disconnect();
      chartRef.current?.dispose();
      chartRef.current = null;
    };
    // The instance lives as long as the element; option changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  if (failed) {
    return (
      <div className={className} role="alert">
        Could not draw the chart: {failed}
      </div>
    );
  }
  return <div ref={ref} className={className} role="img" aria-label={label} data-testid={testId} data-rendered={rendered} />;
}
