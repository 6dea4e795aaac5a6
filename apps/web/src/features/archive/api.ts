import { useInfiniteQuery } from '@tanstack/react-query';
import type { ArchiveCategory, ArchiveTimeline } from '@jiangtai/contracts';
import { apiGet, qs } from '../../lib/api.ts';

export interface ArchiveFilters {
  orgId: string;
  campaignId: string;
  category?: ArchiveCategory;
  from?: string;
  to?: string;
}

const PAGE_SIZE = 30;

/** 活动档案 timeline, page by page (加载更多). */
export function useArchiveTimeline(f: ArchiveFilters | null) {
  return useInfiniteQuery({
    queryKey: ['archive', 'timeline', f],
    enabled: !!f,
    initialPageParam: 1,
    queryFn: ({ pageParam, signal }) =>
      apiGet<ArchiveTimeline>(
        `/api/archive/timeline${qs({ ...f!, page: String(pageParam), pageSize: String(PAGE_SIZE) })}`,
        signal,
      ),
    getNextPageParam: (last) => (last.hasMore ? last.page + 1 : undefined),
  });
}

const scope = (f: Pick<ArchiveFilters, 'orgId' | 'campaignId'>) =>
  qs({ orgId: f.orgId, campaignId: f.campaignId });
/** A plain link: the browser writes the (possibly very large) zip straight to disk. */
export const archiveZipUrl = (f: Pick<ArchiveFilters, 'orgId' | 'campaignId'>) =>
  `/api/archive/zip${scope(f)}`;
export const archiveSummaryUrl = (f: Pick<ArchiveFilters, 'orgId' | 'campaignId'>) =>
  `/api/archive/summary.docx${scope(f)}`;
