import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MyPlanItem,
  PlanDetail,
  PlanLineInput,
  PlanOverview,
  PlanReminderResult,
} from '@jiangtai/contracts';
import { apiGet, apiPost, apiPut, qs } from '../../lib/api.ts';

/** 宣讲计划 (server: modules/plans). */
export const planKeys = {
  all: ['plans'] as const,
  mine: ['plans', 'mine'] as const,
  detail: (campaignId: string, orgId: string) => ['plans', 'detail', campaignId, orgId] as const,
  overview: (campaignId: string, orgId: string, late: boolean) =>
    ['plans', 'overview', campaignId, orgId, late] as const,
};

const planUrl = (campaignId: string, orgId: string) => `/api/campaigns/${campaignId}/plans/${orgId}`;

export function useMyPlans() {
  return useQuery({
    queryKey: planKeys.mine,
    queryFn: ({ signal }) => apiGet<MyPlanItem[]>('/api/plans/mine', signal),
  });
}

export function usePlan(campaignId: string, orgId: string) {
  return useQuery({
    queryKey: planKeys.detail(campaignId, orgId),
    queryFn: ({ signal }) => apiGet<PlanDetail>(planUrl(campaignId, orgId), signal),
  });
}

export function usePlanOverview(campaignId: string | undefined, orgId: string | undefined, late: boolean) {
  return useQuery({
    queryKey: planKeys.overview(campaignId ?? '', orgId ?? '', late),
    queryFn: ({ signal }) =>
      apiGet<PlanOverview>(
        `/api/campaigns/${campaignId}/plan-overview${qs({ orgId, late: late ? 'true' : undefined })}`,
        signal,
      ),
    enabled: !!campaignId && !!orgId,
  });
}

export interface SaveInput {
  saveKey: string;
  version: number | null;
  lines: PlanLineInput[];
  reason?: string;
}

/** Every change answers the whole plan, which replaces the cached one. */
export function usePlanMutations(campaignId: string, orgId: string) {
  const qc = useQueryClient();
  const put = (plan: PlanDetail) => {
    qc.setQueryData(planKeys.detail(campaignId, orgId), plan);
    void qc.invalidateQueries({ queryKey: planKeys.mine });
    void qc.invalidateQueries({ queryKey: ['plans', 'overview'] });
  };
  const url = planUrl(campaignId, orgId);
  return {
    save: useMutation({
      mutationFn: (body: SaveInput) => apiPut<PlanDetail>(url, body),
      onSuccess: put,
    }),
    submit: useMutation({
      mutationFn: (version: number) => apiPost<PlanDetail>(`${url}/submit`, { version }),
      onSuccess: put,
    }),
    accept: useMutation({
      mutationFn: (version: number) => apiPost<PlanDetail>(`${url}/accept`, { version }),
      onSuccess: put,
    }),
    giveBack: useMutation({
      mutationFn: (b: { version: number; reason: string }) => apiPost<PlanDetail>(`${url}/return`, b),
      onSuccess: put,
    }),
  };
}

export function useRemind(campaignId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { orgId: string; branchId?: string }) =>
      apiPost<PlanReminderResult>(`/api/campaigns/${campaignId}/plan-reminders`, b),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notices'] }),
  });
}

/** A key made in the browser (works without a secure context, unlike crypto.randomUUID). */
export function browserKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
