import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  LectureFormOptions,
  LectureRecordCreate,
  LectureRecordDetail,
  LectureRecordFields,
  LectureRecordList,
  LectureRecordSummary,
} from '@jiangtai/contracts';
import { apiGet, apiPatch, apiPost, qs } from '../../lib/api.ts';

export type LectureStatusFilter = 'recorded' | 'confirmed' | 'returned' | 'deleted' | 'counted';
export interface LectureFilters {
  orgId?: string;
  /** Records of an org's subtree. */
  underOrgId?: string;
  campaignId?: string;
  status?: LectureStatusFilter;
  page?: number;
}

export const lectureKeys = {
  all: ['lectures'] as const,
  branches: ['lectures', 'branches'] as const,
  form: (orgId: string) => ['lectures', 'form', orgId] as const,
  list: (f: LectureFilters) => ['lectures', 'list', f] as const,
  mine: ['lectures', 'mine'] as const,
  detail: (id: string) => ['lectures', 'detail', id] as const,
};

export interface LedBranch {
  orgId: string;
  orgName: string;
}

export function useLedBranches() {
  return useQuery({
    queryKey: lectureKeys.branches,
    queryFn: ({ signal }) => apiGet<{ items: LedBranch[] }>('/api/lectures/branches', signal),
  });
}

export function useLectureForm(orgId: string | null) {
  return useQuery({
    queryKey: lectureKeys.form(orgId ?? ''),
    queryFn: ({ signal }) => apiGet<LectureFormOptions>(`/api/lectures/branches/${orgId}/form`, signal),
    enabled: !!orgId,
  });
}

export function useLectureList(f: LectureFilters) {
  return useQuery({
    queryKey: lectureKeys.list(f),
    queryFn: ({ signal }) =>
      apiGet<LectureRecordList>(
        `/api/lectures/records${qs({
          orgId: f.orgId,
          underOrgId: f.underOrgId,
          campaignId: f.campaignId,
          status: f.status,
          page: f.page,
          pageSize: 20,
        })}`,
        signal,
      ),
  });
}

export function useMyLectures() {
  return useQuery({
    queryKey: lectureKeys.mine,
    queryFn: ({ signal }) => apiGet<{ items: LectureRecordSummary[] }>('/api/lectures/mine', signal),
  });
}

export function useLecture(id: string) {
  return useQuery({
    queryKey: lectureKeys.detail(id),
    queryFn: ({ signal }) => apiGet<LectureRecordDetail>(`/api/lectures/records/${id}`, signal),
  });
}

export function useLectureMutations() {
  const qc = useQueryClient();
  const done = (record: LectureRecordDetail) => {
    qc.setQueryData(lectureKeys.detail(record.id), record);
    void qc.invalidateQueries({ queryKey: ['lectures', 'list'] });
    void qc.invalidateQueries({ queryKey: lectureKeys.mine });
  };
  const url = (id: string) => `/api/lectures/records/${id}`;
  return {
    create: useMutation({
      mutationFn: (body: LectureRecordCreate) => apiPost<LectureRecordDetail>('/api/lectures/records', body),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, fields }: { id: string; fields: LectureRecordFields }) =>
        apiPatch<LectureRecordDetail>(url(id), fields),
      onSuccess: done,
    }),
    correct: useMutation({
      mutationFn: ({ id, fields }: { id: string; fields: LectureRecordFields & { reason: string } }) =>
        apiPost<LectureRecordDetail>(`${url(id)}/corrections`, fields),
      onSuccess: done,
    }),
    confirm: useMutation({
      mutationFn: (id: string) => apiPost<LectureRecordDetail>(`${url(id)}/confirm`),
      onSuccess: done,
    }),
    return: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        apiPost<LectureRecordDetail>(`${url(id)}/return`, { reason }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        apiPost<{ id: string }>(`${url(id)}/delete`, { reason }),
      onSuccess: (_r, v) => {
        void qc.invalidateQueries({ queryKey: lectureKeys.all });
        void qc.invalidateQueries({ queryKey: lectureKeys.detail(v.id) });
      },
    }),
  };
}
