import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignDetail,
  CampaignListItem,
  CampaignPresetKey,
  CampaignPresetSummary,
  CampaignSettings,
  CampaignStatus,
} from '@jiangtai/contracts';
import { apiGet, apiPost, apiPut, qs } from '../../lib/api.ts';

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (status?: CampaignStatus) => ['campaigns', 'list', status ?? 'all'] as const,
  detail: (id: string) => ['campaigns', 'detail', id] as const,
  presets: ['campaign-presets'] as const,
};

export function useCampaigns(status?: CampaignStatus) {
  return useQuery({
    queryKey: campaignKeys.list(status),
    queryFn: ({ signal }) => apiGet<{ items: CampaignListItem[] }>(`/api/campaigns${qs({ status })}`, signal),
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => apiGet<CampaignDetail>(`/api/campaigns/${id}`, signal),
  });
}

export function useCampaignPresets() {
  return useQuery({
    queryKey: campaignKeys.presets,
    queryFn: ({ signal }) => apiGet<CampaignPresetSummary[]>('/api/campaign-presets', signal),
    staleTime: Infinity,
  });
}

export type CreateCampaignBody =
  | { organiserOrgId: string; presetKey: CampaignPresetKey; startsOn?: string }
  | { organiserOrgId: string; copyFromId: string; shiftYears?: number };

export function useCampaignMutations() {
  const qc = useQueryClient();
  const store = (detail: CampaignDetail) => {
    qc.setQueryData(campaignKeys.detail(detail.id), detail);
    void qc.invalidateQueries({ queryKey: ['campaigns', 'list'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: CreateCampaignBody) => apiPost<CampaignDetail>('/api/campaigns', body),
      onSuccess: store,
    }),
    save: useMutation({
      mutationFn: ({
        id,
        settings,
        updatedAt,
      }: {
        id: string;
        settings: CampaignSettings;
        updatedAt?: string;
      }) => apiPut<CampaignDetail>(`/api/campaigns/${id}`, { settings, updatedAt }),
      onSuccess: store,
    }),
    /** Refused with 409 STAGE_PAST when a contest stage is over, unless the organiser confirmed. */
    publish: useMutation({
      mutationFn: ({ id, confirmPastStages }: { id: string; confirmPastStages?: boolean }) =>
        apiPost<CampaignDetail>(`/api/campaigns/${id}/publish`, { confirmPastStages }),
      onSuccess: store,
    }),
    shiftDates: useMutation({
      mutationFn: ({ id, ...body }: { id: string; days: number; updatedAt?: string }) =>
        apiPost<CampaignDetail>(`/api/campaigns/${id}/shift-dates`, body),
      onSuccess: store,
    }),
    close: useMutation({
      mutationFn: (id: string) => apiPost<CampaignDetail>(`/api/campaigns/${id}/close`),
      onSuccess: store,
    }),
    copy: useMutation({
      mutationFn: ({ id, ...body }: { id: string; title?: string; shiftYears?: number }) =>
        apiPost<CampaignDetail>(`/api/campaigns/${id}/copy`, body),
      onSuccess: store,
    }),
  };
}
