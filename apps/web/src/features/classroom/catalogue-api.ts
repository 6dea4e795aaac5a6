import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ClassroomHome, ClassroomList } from '@jiangtai/contracts';
import { apiGet, qs } from '../../lib/api.ts';

export interface CatalogueFilters {
  q?: string;
  category?: string;
  tag?: string;
  page?: number;
}

export const catalogueKeys = {
  home: ['classroom', 'home'] as const,
  list: (f: CatalogueFilters) => ['classroom', 'lectures', f] as const,
};

export const useClassroomHome = () =>
  useQuery({
    queryKey: catalogueKeys.home,
    queryFn: ({ signal }) => apiGet<ClassroomHome>('/api/classroom/home', signal),
  });

/** The catalogue's list or search; off while nothing is searched or chosen (the home page shows 最新). */
export const useClassroomLectures = (f: CatalogueFilters, enabled: boolean) =>
  useQuery({
    queryKey: catalogueKeys.list(f),
    queryFn: ({ signal }) =>
      apiGet<ClassroomList>(
        `/api/classroom/lectures${qs({ q: f.q, category: f.category, tag: f.tag, page: f.page })}`,
        signal,
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
