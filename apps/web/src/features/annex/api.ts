import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActivityTable, AnnexSubmissionItem, AnnexSubmissions } from '@jiangtai/contracts';
import { apiGet, apiPost, qs } from '../../lib/api.ts';

export interface AnnexParams {
  campaignId: string;
  orgId: string;
  from?: string;
  to?: string;
}

export const annexKeys = {
  activity: (p: AnnexParams) => ['annex', 'activity', p] as const,
  submissions: (campaignId: string, orgId: string) => ['annex', 'submissions', campaignId, orgId] as const,
};

/** 活动统计表 of an org for a period (the campaign's season when no period is given). */
export function useActivityTable(p: AnnexParams | null) {
  return useQuery({
    queryKey: annexKeys.activity(p ?? { campaignId: '', orgId: '' }),
    queryFn: ({ signal }) => apiGet<ActivityTable>(`/api/annex/activity${qs({ ...p })}`, signal),
    enabled: !!p,
  });
}

export function useAnnexSubmissions(campaignId: string, orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: annexKeys.submissions(campaignId, orgId),
    queryFn: ({ signal }) =>
      apiGet<AnnexSubmissions>(`/api/annex/submissions${qs({ campaignId, orgId })}`, signal),
    enabled,
  });
}

export function useSubmitAnnex() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AnnexParams & { note: string }) =>
      apiPost<AnnexSubmissionItem>('/api/annex/submissions', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['annex', 'submissions'] }),
  });
}

export function useRemindAnnex() {
  return useMutation({
    mutationFn: (body: { campaignId: string; orgId: string }) =>
      apiPost<{ reminded: string[]; noAccount: string[] }>('/api/annex/reminders', body),
  });
}

export const activityExportUrl = (p: AnnexParams) => `/api/annex/activity/export${qs({ ...p })}`;
export const poolExportUrl = (p: AnnexParams) => `/api/annex/pool/export${qs({ ...p })}`;
export const rubricExportUrl = (campaignId: string, format: 'xlsx' | 'docx' = 'xlsx') =>
  `/api/annex/rubric/export${qs({ campaignId, format })}`;
export const submissionFileUrl = (id: string) => `/api/annex/submissions/${id}/file`;
