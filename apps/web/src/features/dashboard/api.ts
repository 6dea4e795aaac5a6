import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DashboardReminder, DashboardReminderResult, DashboardView } from '@jiangtai/contracts';
import { apiGet, apiPost, qs } from '../../lib/api.ts';

export const dashboardKeys = {
  all: (campaignId: string) => ['dashboard', campaignId] as const,
  view: (campaignId: string, orgId: string | undefined) => ['dashboard', campaignId, orgId ?? 'top'] as const,
};

/** 督查看板 of a campaign at an org (or at the viewer's top when no org is given). */
export function useDashboard(campaignId: string, orgId: string | undefined) {
  return useQuery({
    queryKey: dashboardKeys.view(campaignId, orgId),
    queryFn: ({ signal }) =>
      apiGet<DashboardView>(`/api/campaigns/${campaignId}/dashboard${qs({ orgId })}`, signal),
  });
}

/** 提醒: an in-app notice to a laggard org's admins (a branch's 书记) about one measure, once a day. */
export function useDashboardReminder(campaignId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DashboardReminder) =>
      apiPost<DashboardReminderResult>(`/api/campaigns/${campaignId}/dashboard/reminders`, body),
    // The same org may be listed on the views above it too: refresh them all.
    onSettled: () => qc.invalidateQueries({ queryKey: dashboardKeys.all(campaignId) }),
  });
}
