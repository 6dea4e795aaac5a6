import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DrawView, PublicDraw } from '@jiangtai/contracts';
import { apiGet, apiPost } from '../../lib/api.ts';

/** The live final's draw (server: modules/live/draw). */

export const drawKeys = {
  view: (roundId: string) => ['live-draw', roundId] as const,
  public: (roundId: string) => ['live-draw', 'public', roundId] as const,
};

export const publicDrawUrl = (roundId: string) => `/api/public/live-draws/${roundId}`;

export function useDraw(roundId: string) {
  return useQuery({
    queryKey: drawKeys.view(roundId),
    queryFn: ({ signal }) => apiGet<DrawView>(`/api/live/rounds/${roundId}/draw`, signal),
  });
}

export function usePublicDraw(roundId: string) {
  return useQuery({
    queryKey: drawKeys.public(roundId),
    queryFn: ({ signal }) => apiGet<PublicDraw>(publicDrawUrl(roundId), signal),
    retry: false,
  });
}

export function useDrawMutations(roundId: string) {
  const qc = useQueryClient();
  const base = `/api/live/rounds/${roundId}/draw`;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['live-draw'] });
    void qc.invalidateQueries({ queryKey: ['rounds'] });
  };
  return {
    commit: useMutation({
      mutationFn: (commitment: string) => apiPost(`${base}/commit`, { commitment }),
      onSuccess: refresh,
    }),
    contribute: useMutation({
      mutationFn: (c: { label: string; value: string }) => apiPost(`${base}/contributions`, c),
      onSuccess: refresh,
    }),
    reveal: useMutation({
      mutationFn: (seed: string) =>
        apiPost<{ finalSeed: string; order: string[] }>(`${base}/reveal`, { seed }),
      onSuccess: refresh,
    }),
    manual: useMutation({
      mutationFn: (m: { order: string[]; note: string }) => apiPost(`${base}/manual`, m),
      onSuccess: refresh,
    }),
    withdraw: useMutation({
      mutationFn: (w: { entryId: string; reason: string }) => apiPost(`${base}/withdraw`, w),
      onSuccess: refresh,
    }),
  };
}
