import { useMemo } from 'react';
import type { DashboardChild } from '@jiangtai/contracts';
import { barMeasureLabels, barValue, type BarMeasure } from '../measures.ts';
import { EChart } from './EChart.tsx';
import { echarts, type ChartOption } from './echarts.ts';

/**
 * A bar per child org for one measure, lowest first; tapping a bar (or its name) opens that org. The
 * same figures follow as a table for screen readers (the tile grid carries the links).
 */
export default function ChildrenChart({
  items: children,
  measure,
  onOpen,
}: {
  items: DashboardChild[];
  measure: BarMeasure;
  onOpen: (orgId: string) => void;
}) {
  // Laggards first: the lowest bar at the top.
  const [items, values] = useMemo(() => {
    const rows = children
      .map((c) => ({ c, v: barValue(c.numbers, measure) }))
      .sort((a, b) => a.v.value - b.v.value);
    return [rows.map((r) => r.c), rows.map((r) => r.v)] as const;
  }, [children, measure]);
  const percent = measure !== 'lectures';
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: unknown) => {
          const first = (Array.isArray(p) ? p[0] : p) as { dataIndex: number };
          const c = items[first.dataIndex];
          // The tooltip is HTML: names are escaped.
          return c
            ? `${echarts.format.encodeHTML(c.org.name)}<br/>${barMeasureLabels[measure]} ${values[first.dataIndex]!.text}`
            : '';
        },
      },
      // Horizontal bars: long Chinese names stay readable on a phone.
      yAxis: {
        type: 'category',
        inverse: true,
        data: items.map((c) => c.org.name),
        axisLabel: { width: 96, overflow: 'truncate' },
        triggerEvent: true,
      },
      xAxis: percent
        ? { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }
        : { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: values.map((v) => v.value),
          barMaxWidth: 18,
          itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'right', formatter: percent ? '{c}%' : '{c}', fontSize: 11 },
        },
      ],
    }),
    [items, values, measure, percent],
  );
  const label =
    items.length > 0
      ? `各下级组织${barMeasureLabels[measure]}条形图，由低到高：最低 ${items[0]!.org.name} ${values[0]!.text}，最高 ${items.at(-1)!.org.name} ${values.at(-1)!.text}`
      : `各下级组织${barMeasureLabels[measure]}条形图：暂无下级组织`;
  return (
    <>
      <EChart
        option={option}
        height={Math.max(120, items.length * 24 + 40)}
        label={label}
        testId="dashboard-children-chart"
        onClick={(e) => {
          const c = items[e.dataIndex] ?? items.find((i) => i.org.name === e.name);
          if (c) onOpen(c.org.id);
        }}
      />
      {/* A table is never narrower than its content: the 1 px box around it clips it. */}
      <div className="jt-sr-only">
        <table>
          <caption>各下级组织{barMeasureLabels[measure]}</caption>
          <thead>
            <tr>
              <th scope="col">组织</th>
              <th scope="col">{barMeasureLabels[measure]}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c, i) => (
              <tr key={c.org.id}>
                <th scope="row">{c.org.name}</th>
                <td>{values[i]!.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
