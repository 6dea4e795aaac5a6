import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DeadlineExtension,
  DeadlineExtensionInput,
  EntryCreate,
  EntryDetail,
  EntryEvent,
  EntryListItem,
  EntryListResponse,
  EntryState,
  EntryUpdate,
} from '@jiangtai/contracts';
import { apiDelete, apiGet, apiPatch, apiPost, qs } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';

export interface EntryFilters {
  stageKey?: string;
  unitId?: string;
  /** Units in an org's subtree. */
  orgId?: string;
  categoryKey?: string;
  state?: EntryState;
}

export const entryKeys = {
  all: ['entries'] as const,
  mine: ['entries', 'mine'] as const,
  campaign: (id: string, f: EntryFilters) => ['entries', 'campaign', id, f] as const,
  detail: (id: string) => ['entries', 'detail', id] as const,
  events: (id: string) => ['entries', 'events', id] as const,
  extensions: (campaignId: string) => ['entries', 'extensions', campaignId] as const,
};

export function useMyEntries() {
  return useQuery({
    queryKey: entryKeys.mine,
    queryFn: ({ signal }) => apiGet<{ items: EntryListItem[] }>('/api/entries/mine', signal),
  });
}

export function useCampaignEntries(campaignId: string, filters: EntryFilters) {
  return useQuery({
    queryKey: entryKeys.campaign(campaignId, filters),
    queryFn: ({ signal }) =>
      apiGet<EntryListResponse>(`/api/campaigns/${campaignId}/entries${qs({ ...filters })}`, signal),
  });
}

export function useEntry(id: string) {
  return useQuery({
    queryKey: entryKeys.detail(id),
    queryFn: ({ signal }) => apiGet<EntryDetail>(`/api/entries/${id}`, signal),
  });
}

export function useEntryEvents(id: string) {
  return useQuery({
    queryKey: entryKeys.events(id),
    queryFn: ({ signal }) => apiGet<{ items: EntryEvent[] }>(`/api/entries/${id}/events`, signal),
  });
}

export function useExtensions(campaignId: string) {
  return useQuery({
    queryKey: entryKeys.extensions(campaignId),
    queryFn: ({ signal }) =>
      apiGet<{ items: DeadlineExtension[] }>(`/api/campaigns/${campaignId}/deadline-extensions`, signal),
  });
}

/** Every change answers with the fresh detail; lists and the history are refetched. */
export function useEntryMutations() {
  const qc = useQueryClient();
  const store = (detail: EntryDetail) => {
    qc.setQueryData(entryKeys.detail(detail.id), detail);
    void qc.invalidateQueries({ queryKey: ['entries', 'campaign'] });
    void qc.invalidateQueries({ queryKey: entryKeys.mine });
    void qc.invalidateQueries({ queryKey: entryKeys.events(detail.id) });
  };
  const submit = useMutation({
    mutationFn: (id: string) => apiPost<EntryDetail>(`/api/entries/${id}/submit`),
    onSuccess: store,
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => apiPost<EntryDetail>(`/api/entries/${id}/withdraw`),
    onSuccess: store,
  });
  const recommend = useMutation({
    mutationFn: (id: string) => apiPost<EntryDetail>(`/api/entries/${id}/recommend`),
    onSuccess: store,
  });
  return {
    create: useMutation({
      mutationFn: ({ campaignId, ...body }: EntryCreate & { campaignId: string }) =>
        apiPost<EntryDetail>(`/api/campaigns/${campaignId}/entries`, body),
      onSuccess: store,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: EntryUpdate & { id: string }) =>
        apiPatch<EntryDetail>(`/api/entries/${id}`, body),
      onSuccess: store,
    }),
    submit,
    withdraw,
    recommend,
    return: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        apiPost<EntryDetail>(`/api/entries/${id}/return`, { reason }),
      onSuccess: store,
    }),
    removeMaterial: useMutation({
      mutationFn: ({ id, materialId }: { id: string; materialId: string }) =>
        apiDelete<unknown>(`/api/entries/${id}/materials/${materialId}`),
      onSuccess: (_data, { id }) => void qc.invalidateQueries({ queryKey: entryKeys.detail(id) }),
    }),
    extend: useMutation({
      mutationFn: ({ campaignId, ...body }: DeadlineExtensionInput & { campaignId: string }) =>
        apiPost<{ items: DeadlineExtension[] }>(`/api/campaigns/${campaignId}/deadline-extensions`, body),
      onSuccess: (data, { campaignId }) => {
        qc.setQueryData(entryKeys.extensions(campaignId), data);
        void qc.invalidateQueries({ queryKey: ['entries', 'campaign', campaignId] });
      },
    }),
  };
}

/** GET /api/media/:fileId (the jobs/media module): processing state and HLS address. */
export interface MediaAsset {
  fileId: string;
  status: 'pending' | 'processing' | 'ready' | 'failed';
  statusLabel: string;
  progress: number;
  jobId: string | null;
  error: string | null;
  masterUrl: string | null;
  posterUrl: string | null;
}

export function useMediaAsset(fileId: string) {
  return useQuery({
    queryKey: ['media', fileId],
    queryFn: ({ signal }) => apiGet<MediaAsset>(`/api/media/${fileId}`, signal),
    // Follow the transcoding while it runs; stop once it is ready or failed.
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'ready' || q.state.data.status === 'failed') ? false : 3000,
    retry: false,
  });
}

export function useRetryJob(fileId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => apiPost<unknown>(`/api/jobs/${jobId}/retry`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['media', fileId] }),
  });
}

/**
 * A deadline instant is the end of a Beijing day (next day 00:00); show it as that day's 24:00,
 * the way notices write it (「9月15日前」).
 */
export function formatDeadline(iso: string): string {
  return `${formatDate(new Date(Date.parse(iso) - 1))} 24:00`;
}
