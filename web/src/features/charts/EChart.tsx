'use client';

import { useEffect, useRef, useState } from 'react';
import { echarts, type EChartsCoreOption } from './echarts';

export interface EChartProps {
  option: EChartsCoreOption;
  /** What the chart shows, for screen readers (ECharts' aria module adds a data description). */
  label: string;
  className?: string;
  testId?: string;
}

/**
 * One ECharts instance on a canvas, created when the component mounts. ECharts (the tree-shaken
 * slice in echarts.ts) is imported statically: it travels in the JavaScript of the pages that draw
 * charts, downloaded and parsed while the HTML streams in, instead of being requested only after
 * hydration (on a model page that wait was ~0.3 s before the first chart could start); pages
 * without charts don't import this module and don't load it. `data-rendered` and
 * `data-chart-ready` turn "true" once ECharts has emitted 'finished' for the first frame (every
 * progressive chunk drawn, no animation running): the e2e tests and the browser benchmark
 * (bench/model-page.bench.ts) wait for them.
 */
export function EChart({ option, label, className = 'chart', testId = 'chart' }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof echarts.init> | null>(null);
  /** The option the chart shows (so that mounting does not draw the same option twice). */
  const appliedRef = useRef<EChartsCoreOption | null>(null);
  const [rendered, setRendered] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let chart: ReturnType<typeof echarts.init>;
    try {
      chart = echarts.init(element, undefined, { renderer: 'canvas' });
      chart.on('finished', () => setRendered(true));
      chart.setOption(option, { notMerge: true });
      appliedRef.current = option;
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
      return;
    }
    chartRef.current = chart;
    // Redraw when the container's size changes (not for the observer's first report of the size
    // the chart was just drawn at).
    let size = `${element.clientWidth}x${element.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const next = `${element.clientWidth}x${element.clientHeight}`;
      if (next === size) return;
      size = next;
      chart.resize();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
    // The instance lives as long as the element; option changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!chartRef.current || appliedRef.current === option) return;
    chartRef.current.setOption(option, { notMerge: true, lazyUpdate: true });
    appliedRef.current = option;
  }, [option]);

  if (failed) {
    return (
      <div className={className} role="alert">
        Could not draw the chart: {failed}
      </div>
    );
  }
  return <div ref={ref} className={className} role="img" aria-label={label} data-testid={testId} data-rendered={rendered} data-chart-ready={rendered ? 'true' : 'false'} />;
}
