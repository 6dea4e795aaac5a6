import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NoticeList } from '@jiangtai/contracts';
import { apiGet, apiPost, qs } from '../../lib/api.ts';

/** 站内通知 (server: modules/notices). */
export const noticeKeys = {
  all: ['notices'] as const,
  unread: ['notices', 'unread'] as const,
  page: (page: number) => ['notices', 'page', page] as const,
};

/** The bell's count: asked every minute and when the window comes back into focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: noticeKeys.unread,
    queryFn: ({ signal }) => apiGet<{ unread: number }>('/api/notices/unread-count', signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    retry: false,
  });
}

export function useNotices(page: number, pageSize = 20) {
  return useQuery({
    queryKey: noticeKeys.page(page),
    queryFn: ({ signal }) => apiGet<NoticeList>(`/api/notices${qs({ page, pageSize })}`, signal),
  });
}

export function useNoticeMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: noticeKeys.all });
  return {
    read: useMutation({
      mutationFn: (id: string) => apiPost<{ unread: number }>(`/api/notices/${id}/read`),
      onSuccess: refresh,
    }),
    readAll: useMutation({
      mutationFn: () => apiPost<{ updated: number }>('/api/notices/read-all'),
      onSuccess: refresh,
    }),
  };
}
