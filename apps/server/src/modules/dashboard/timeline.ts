import {
  shiftDateDays,
  type CampaignSettings,
  type DashboardMilestone,
  type DashboardWeek,
} from '@jiangtai/contracts';

/** The Sunday that ends a date's week (weeks run Monday to Sunday), as the rollup's season_week_ending. */
export function weekEnding(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return shiftDateDays(date, (7 - day) % 7);
}

/** At most two years of weeks: a campaign spans a season; a longer series is unreadable as a chart. */
const MAX_WEEKS = 104;

/**
 * Cumulative plans filed and lectures at the end of every week from the campaign's start (or the first
 * week with data, if earlier) to today's week (or the campaign's end, if earlier; or the last week with
 * data, if later, so the series always ends at the totals).
 */
export function cumulativeWeeks(
  rows: readonly { week: string; plans: number; lectures: number }[],
  season: { startsOn: string | null; endsOn: string | null },
  today: string,
): DashboardWeek[] {
  const firstData = rows[0]?.week ?? null;
  const lastData = rows.at(-1)?.week ?? null;
  const starts = [season.startsOn, firstData].filter((d): d is string => !!d).sort();
  if (starts.length === 0) return [];
  let last = weekEnding(season.endsOn && season.endsOn < today ? season.endsOn : today);
  if (lastData && lastData > last) last = lastData;
  let week = weekEnding(starts[0]!);
  if (last < week) last = week;
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const out: DashboardWeek[] = [];
  let plans = 0;
  let lectures = 0;
  // Weeks before a long series' window are not shown but still count towards the cumulative numbers.
  const from = shiftDateDays(last, -7 * (MAX_WEEKS - 1));
  for (; week <= last; week = shiftDateDays(week, 7)) {
    const r = byWeek.get(week);
    plans += r?.plans ?? 0;
    lectures += r?.lectures ?? 0;
    if (week >= from) out.push({ weekEnding: week, plansFiled: plans, lectures });
  }
  return out;
}

/** The season's dates from the campaign's settings, in date order. */
export function milestones(s: CampaignSettings): DashboardMilestone[] {
  const out: DashboardMilestone[] = [];
  if (s.startsOn) out.push({ date: s.startsOn, label: '活动开始' });
  if (s.lecturePlan?.dueOn) out.push({ date: s.lecturePlan.dueOn, label: '宣讲计划报送截止' });
  for (const st of s.stages) {
    out.push({ date: st.startsOn, label: `${st.name}开始` });
    if (st.submissionDeadline) out.push({ date: st.submissionDeadline, label: `${st.name}报送截止` });
    out.push({ date: st.endsOn, label: `${st.name}结束` });
  }
  if (s.endsOn) out.push({ date: s.endsOn, label: '活动结束' });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
