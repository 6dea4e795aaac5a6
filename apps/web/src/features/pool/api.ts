import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MySpeakerRow,
  PoolCreate,
  PoolOverview,
  PoolSpeakerDetail,
  PoolSpeakerListQuery,
  PoolSummary,
  PoolUpdate,
  PoolView,
  SpeakerDecision,
  SpeakerDetails,
  SpeakerDirect,
  SpeakerNominate,
} from '@jiangtai/contracts';
import { apiGet, apiPatch, apiPost, qs } from '../../lib/api.ts';

export const poolKeys = {
  all: ['pools'] as const,
  list: () => ['pools', 'list'] as const,
  pool: (id: string, f: PoolSpeakerListQuery) => ['pools', 'pool', id, f] as const,
  speaker: (id: string) => ['pools', 'speaker', id] as const,
  overview: (orgId: string | undefined) => ['pools', 'overview', orgId ?? 'top'] as const,
  mine: () => ['pools', 'mine'] as const,
};

/** 我的师资库: the pools where the signed-in member is an active speaker. */
export function useMySpeakerRows() {
  return useQuery({
    queryKey: poolKeys.mine(),
    queryFn: ({ signal }) => apiGet<{ items: MySpeakerRow[] }>('/api/pool-speakers/mine', signal),
  });
}

export function usePools(enabled = true) {
  return useQuery({
    queryKey: poolKeys.list(),
    queryFn: ({ signal }) => apiGet<{ pools: PoolSummary[] }>('/api/pools', signal),
    enabled,
  });
}

export function usePool(id: string, f: PoolSpeakerListQuery) {
  return useQuery({
    queryKey: poolKeys.pool(id, f),
    queryFn: ({ signal }) => apiGet<PoolView>(`/api/pools/${id}${qs({ ...f })}`, signal),
    placeholderData: (prev) => prev,
  });
}

export function useSpeaker(id: string) {
  return useQuery({
    queryKey: poolKeys.speaker(id),
    queryFn: ({ signal }) => apiGet<PoolSpeakerDetail>(`/api/pool-speakers/${id}`, signal),
  });
}

export function usePoolOverview(orgId: string | undefined) {
  return useQuery({
    queryKey: poolKeys.overview(orgId),
    queryFn: ({ signal }) => apiGet<PoolOverview>(`/api/pools/overview${qs({ orgId })}`, signal),
  });
}

export const poolExportUrl = (id: string) => `/api/pools/${id}/export`;
export const overviewExportUrl = (orgId: string | undefined) => `/api/pools/overview/export${qs({ orgId })}`;

/** Every change refreshes all pool queries: sizes, lists and speaker pages move together. */
export function usePoolMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: poolKeys.all });
  return {
    create: useMutation({ mutationFn: (b: PoolCreate) => apiPost<PoolView>('/api/pools', b), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, ...b }: PoolUpdate & { id: string }) => apiPatch<PoolView>(`/api/pools/${id}`, b),
      onSuccess,
    }),
    addDirect: useMutation({
      mutationFn: ({ poolId, ...b }: SpeakerDirect & { poolId: string }) =>
        apiPost<PoolSpeakerDetail>(`/api/pools/${poolId}/speakers`, b),
      onSuccess,
    }),
    addFromEntry: useMutation({
      mutationFn: ({ poolId, entryId }: { poolId: string; entryId: string }) =>
        apiPost<PoolSpeakerDetail>(`/api/pools/${poolId}/speakers/from-entry`, { entryId }),
      onSuccess,
    }),
    nominate: useMutation({
      mutationFn: ({ poolId, ...b }: SpeakerNominate & { poolId: string }) =>
        apiPost<PoolSpeakerDetail>(`/api/pools/${poolId}/nominations`, b),
      onSuccess,
    }),
    decide: useMutation({
      mutationFn: ({ id, ...b }: SpeakerDecision & { id: string }) =>
        apiPost<PoolSpeakerDetail>(`/api/pool-speakers/${id}/decision`, b),
      onSuccess,
    }),
    edit: useMutation({
      mutationFn: ({ id, ...b }: SpeakerDetails & { id: string }) =>
        apiPatch<PoolSpeakerDetail>(`/api/pool-speakers/${id}`, b),
      onSuccess,
    }),
    leave: useMutation({
      mutationFn: ({ id, reason, kind }: { id: string; reason: string; kind: 'leave' | 'retire' }) =>
        apiPost<PoolSpeakerDetail>(`/api/pool-speakers/${id}/${kind}`, { reason }),
      onSuccess,
    }),
  };
}
