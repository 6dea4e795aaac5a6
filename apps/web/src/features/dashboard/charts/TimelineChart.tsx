import { useMemo } from 'react';
import type { DashboardMilestone, DashboardWeek } from '@jiangtai/contracts';
import { formatDate } from '../../../lib/format.ts';
import { EChart } from './EChart.tsx';
import type { ChartOption } from './echarts.ts';

const short = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;

/**
 * Progress against the season's timeline: cumulative plans filed and lectures at each week's end, the
 * campaign's milestones as vertical lines at the week they fall in. A table with the same numbers
 * follows for screen readers.
 */
export default function TimelineChart({
  weeks,
  milestones,
}: {
  weeks: DashboardWeek[];
  milestones: DashboardMilestone[];
}) {
  const option = useMemo<ChartOption>(() => {
    const labels = weeks.map((w) => short(w.weekEnding));
    // A milestone's line stands on the first week ending on or after it.
    const marks = milestones.flatMap((m) => {
      const i = weeks.findIndex((w) => w.weekEnding >= m.date);
      return i < 0 ? [] : [{ xAxis: labels[i]!, name: m.label }];
    });
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, data: ['已报计划', '宣讲场次'] },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: '已报计划',
          type: 'line',
          data: weeks.map((w) => w.plansFiled),
          symbolSize: 4,
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#8c8c8c', type: 'dashed' },
            label: { formatter: '{b}', fontSize: 10, color: '#595959', position: 'insideEndTop' },
            data: marks,
          },
        },
        { name: '宣讲场次', type: 'line', data: weeks.map((w) => w.lectures), symbolSize: 4 },
      ],
    };
  }, [weeks, milestones]);

  const last = weeks.at(-1);
  const label = last
    ? `活动进度折线图：截至${formatDate(last.weekEnding)}，累计报送宣讲计划 ${last.plansFiled} 份，开展宣讲 ${last.lectures} 场` +
      (milestones.length
        ? `；节点：${milestones.map((m) => `${formatDate(m.date)}${m.label}`).join('，')}`
        : '')
    : '活动进度折线图：暂无数据';
  return (
    <>
      <EChart option={option} height={260} label={label} testId="dashboard-timeline" />
      {/* A table is never narrower than its content: the 1 px box around it clips it. */}
      <div className="jt-sr-only">
        <table>
          <caption>各周累计进度</caption>
          <thead>
            <tr>
              <th scope="col">截至</th>
              <th scope="col">已报计划</th>
              <th scope="col">宣讲场次</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekEnding}>
                <th scope="row">{formatDate(w.weekEnding)}</th>
                <td>{w.plansFiled}</td>
                <td>{w.lectures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
