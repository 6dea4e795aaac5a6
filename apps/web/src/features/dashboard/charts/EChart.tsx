import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts.ts';

export interface ChartClick {
  dataIndex: number;
  name: string;
}

/**
 * One ECharts instance in a div: created on mount, resized whenever its container changes size (a
 * phone turning, the menu opening), given each new option whole, and disposed on unmount. The div is
 * an image to assistive technology with `label` as its text; put the figures in words beside it too.
 */
export function useEChart(option: ChartOption, onClick?: (e: ChartClick) => void) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // A bar's click carries its index; an axis label's (triggerEvent) only its text.
    instance.on('click', (e) => {
      const p = e as { dataIndex?: number; name?: string; value?: unknown };
      click.current?.({ dataIndex: p.dataIndex ?? -1, name: p.name ?? String(p.value ?? '') });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}

export function EChart({
  option,
  height,
  label,
  onClick,
  testId,
}: {
  option: ChartOption;
  height: number;
  /** What the chart shows, in words (its accessible name). */
  label: string;
  onClick?: (e: ChartClick) => void;
  testId?: string;
}) {
  const ref = useEChart(option, onClick);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }}
    />
  );
}
