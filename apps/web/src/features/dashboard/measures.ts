import { coverageRate, type DashboardMeasure, type DashboardNumbers } from '@jiangtai/contracts';

/** done of due as a percentage with one decimal, rounded down (100% only when all is done); null: nothing due. */
export function rateOf(done: number, of: number): number | null {
  if (of <= 0) return null;
  return Math.floor((done * 1000) / of) / 10;
}

export const formatRate = (r: number | null) => (r === null ? '—' : `${r.toFixed(1)}%`);

/** The measures a bar per child org can show (the segmented control's options). */
export const barMeasures = ['coverage', 'plans', 'lectures', 'learning'] as const;
export type BarMeasure = (typeof barMeasures)[number];

export const barMeasureLabels: Record<BarMeasure, string> = {
  coverage: '覆盖率',
  plans: '计划报送',
  lectures: '宣讲场次',
  learning: '学习完成',
};

/** Short labels for the laggard lists' control (the long ones are in dashboardMeasureLabels). */
export const measureShortLabels: Record<DashboardMeasure, string> = {
  plans: '计划',
  lectures: '宣讲',
  coverage: '覆盖',
  learning: '学习',
};

export interface BarValue {
  /** The bar's length: a percentage, or a count for 宣讲场次. */
  value: number;
  /** The figure in words for the tooltip and the text table. */
  text: string;
}

export function barValue(n: DashboardNumbers, m: BarMeasure): BarValue {
  switch (m) {
    case 'coverage': {
      const r = coverageRate(n.coverage);
      return { value: r ?? 0, text: `${formatRate(r)}（${n.coverage.lectured}/${n.coverage.members} 人）` };
    }
    case 'plans': {
      const r = rateOf(n.plans.filed, n.plans.branches);
      return { value: r ?? 0, text: `${formatRate(r)}（${n.plans.filed}/${n.plans.branches} 个支部）` };
    }
    case 'lectures':
      return { value: n.lectures.records, text: `${n.lectures.records} 场` };
    case 'learning': {
      const r = rateOf(n.learning.completed, n.learning.assigned);
      return { value: r ?? 0, text: `${formatRate(r)}（${n.learning.completed}/${n.learning.assigned}）` };
    }
  }
}

/** Coverage colour bands of the tile grid (light fills: dark text on them stays readable). */
export const coverageBands = [
  { min: 90, color: '#95de64', label: '90% 及以上' },
  { min: 60, color: '#d9f7be', label: '60%–90%' },
  { min: 30, color: '#ffe7ba', label: '30%–60%' },
  { min: 0, color: '#ffccc7', label: '低于 30%' },
] as const;
export const noMembersColor = '#f0f0f0';

export function coverageColor(rate: number | null): string {
  if (rate === null) return noMembersColor;
  return coverageBands.find((b) => rate >= b.min)?.color ?? noMembersColor;
}
