import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MenuLectureChoice,
  DispatchCandidate,
  MenuItem,
  MenuItemInput,
  MenuItemUpdate,
  OrderBranch,
  OrderCreate,
  OrderDetail,
  OrderPool,
  OrderStatsRow,
  OrderSummary,
} from '@jiangtai/contracts';
import { apiGet, apiPatch, apiPost, qs } from '../../lib/api.ts';

export type OrderView = 'branch' | 'manage' | 'tasks';
export interface MenuFilters {
  q?: string;
  audience?: string;
  format?: string;
}

export const orderKeys = {
  all: ['orders'] as const,
  pools: ['orders', 'pools'] as const,
  menu: (poolId: string, f: MenuFilters) => ['orders', 'menu', poolId, f] as const,
  speakers: (poolId: string) => ['orders', 'speakers', poolId] as const,
  branches: ['orders', 'branches'] as const,
  list: (view: OrderView) => ['orders', 'list', view] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
  candidates: (id: string) => ['orders', 'candidates', id] as const,
  stats: (poolId?: string, orgId?: string) => ['orders', 'stats', poolId, orgId] as const,
};

export const usePools = () =>
  useQuery({
    queryKey: orderKeys.pools,
    queryFn: ({ signal }) => apiGet<OrderPool[]>('/api/orders/pools', signal),
  });

export const useMenu = (poolId: string | undefined, f: MenuFilters) =>
  useQuery({
    queryKey: orderKeys.menu(poolId ?? '', f),
    queryFn: ({ signal }) =>
      apiGet<{ pool: OrderPool; items: MenuItem[] }>(
        `/api/orders/pools/${poolId}/menu${qs({ ...f })}`,
        signal,
      ),
    enabled: !!poolId,
  });

/** Published classroom lectures an item may point at, the item's speakers' first. */
export const useLectureChoices = (poolId: string, speakerIds: string[], enabled: boolean) =>
  useQuery({
    queryKey: ['orders', 'lecture-choices', poolId, speakerIds.join(',')],
    queryFn: ({ signal }) =>
      apiGet<{ items: MenuLectureChoice[] }>(
        `/api/orders/pools/${poolId}/lecture-choices${qs({ speakerIds: speakerIds.join(',') || undefined })}`,
        signal,
      ),
    enabled,
  });

export const usePoolSpeakers = (poolId: string, enabled: boolean) =>
  useQuery({
    queryKey: orderKeys.speakers(poolId),
    queryFn: ({ signal }) =>
      apiGet<{ items: { id: string; name: string; unitTitle: string }[] }>(
        `/api/orders/pools/${poolId}/speakers`,
        signal,
      ),
    enabled,
  });

export const useOrderBranches = () =>
  useQuery({
    queryKey: orderKeys.branches,
    queryFn: ({ signal }) => apiGet<{ items: OrderBranch[] }>('/api/orders/branches', signal),
  });

export const useOrders = (view: OrderView) =>
  useQuery({
    queryKey: orderKeys.list(view),
    queryFn: ({ signal }) => apiGet<{ items: OrderSummary[] }>(`/api/orders${qs({ view })}`, signal),
  });

export const useOrder = (id: string) =>
  useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: ({ signal }) => apiGet<OrderDetail>(`/api/orders/${id}`, signal),
  });

export const useCandidates = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: orderKeys.candidates(id),
    queryFn: ({ signal }) => apiGet<{ items: DispatchCandidate[] }>(`/api/orders/${id}/candidates`, signal),
    enabled,
  });

export const useOrderStats = (poolId?: string, orgId?: string) =>
  useQuery({
    queryKey: orderKeys.stats(poolId, orgId),
    queryFn: ({ signal }) =>
      apiGet<{ org: { id: string; name: string } | null; rows: OrderStatsRow[]; total: OrderStatsRow }>(
        `/api/orders/stats${qs({ poolId, orgId })}`,
        signal,
      ),
  });

export function useMenuMutations(poolId: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['orders', 'menu', poolId] });
  return {
    create: useMutation({
      mutationFn: (body: MenuItemInput) => apiPost<{ id: string }>(`/api/orders/pools/${poolId}/menu`, body),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: MenuItemUpdate }) =>
        apiPatch<MenuItem>(`/api/orders/menu/${id}`, body),
      onSuccess: done,
    }),
  };
}

export function useCreateOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OrderCreate) => apiPost<OrderDetail>('/api/orders', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.all }),
  });
}

export type OrderStep =
  | { action: 'dispatch'; body: { speakerId: string } }
  | { action: 'answer'; body: { accept: boolean; reason?: string } }
  | {
      action: 'deliver';
      body: { deliveredOn: string; attendance: number; summary: string; photoIds: string[] };
    }
  | { action: 'rate'; body: { content: number; delivery: number; comment: string } }
  | { action: 'cancel'; body: { reason: string } };

/** One step of an order; refreshes the order and the lists. */
export function useOrderStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: OrderStep) => apiPost<OrderDetail>(`/api/orders/${id}/${s.action}`, s.body),
    onSuccess: (d) => {
      qc.setQueryData(orderKeys.detail(id), d);
      void qc.invalidateQueries({ queryKey: ['orders', 'list'] });
    },
  });
}
