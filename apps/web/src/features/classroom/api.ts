import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ClassroomLectureStateName,
  LectureConsentInput,
  LectureDetail,
  LectureEditInput,
  LectureManageItem,
  LectureOnBehalfInput,
  LectureProposalDefaults,
  LectureProposeInput,
  PublicLecture,
} from '@jiangtai/contracts';
import { apiGet, apiPatch, apiPost, qs } from '../../lib/api.ts';

export const classroomKeys = {
  all: ['classroom'] as const,
  proposal: (entryId: string) => ['classroom', 'proposal', entryId] as const,
  lecture: (id: string) => ['classroom', 'lecture', id] as const,
  manage: (state?: string) => ['classroom', 'manage', state ?? 'all'] as const,
  public: (code: string) => ['classroom', 'public', code] as const,
};

export const useProposalDefaults = (entryId: string, enabled: boolean) =>
  useQuery({
    queryKey: classroomKeys.proposal(entryId),
    queryFn: ({ signal }) =>
      apiGet<LectureProposalDefaults>(`/api/classroom/entries/${entryId}/proposal`, signal),
    enabled,
  });

export const useLecture = (id: string) =>
  useQuery({
    queryKey: classroomKeys.lecture(id),
    queryFn: ({ signal }) => apiGet<LectureDetail>(`/api/classroom/lectures/${id}`, signal),
  });

export const useManagedLectures = (state?: ClassroomLectureStateName) =>
  useQuery({
    queryKey: classroomKeys.manage(state),
    queryFn: ({ signal }) =>
      apiGet<{ items: LectureManageItem[] }>(`/api/classroom/manage/lectures${qs({ state })}`, signal),
  });

export const usePublicLecture = (code: string) =>
  useQuery({
    queryKey: classroomKeys.public(code),
    queryFn: ({ signal }) => apiGet<PublicLecture>(`/api/public/classroom/${code}`, signal),
    retry: false,
  });

/** Every step answers with the lecture as it now is; the lists are refetched. */
export function useLectureMutations(id?: string) {
  const qc = useQueryClient();
  const done = (l: LectureDetail) => {
    qc.setQueryData(classroomKeys.lecture(l.id), l);
    void qc.invalidateQueries({ queryKey: ['classroom', 'manage'] });
    void qc.invalidateQueries({ queryKey: ['classroom', 'proposal'] });
  };
  const post = (path: string) => (body: unknown) =>
    apiPost<LectureDetail>(`/api/classroom/lectures/${id}/${path}`, body);
  return {
    propose: useMutation({
      mutationFn: (body: LectureProposeInput) => apiPost<LectureDetail>('/api/classroom/lectures', body),
      onSuccess: done,
    }),
    edit: useMutation({
      mutationFn: (body: LectureEditInput) => apiPatch<LectureDetail>(`/api/classroom/lectures/${id}`, body),
      onSuccess: done,
    }),
    consent: useMutation({
      mutationFn: (body: LectureConsentInput) =>
        apiPost<LectureDetail>(`/api/classroom/lectures/${id}/consent`, body),
      onSuccess: done,
    }),
    onBehalf: useMutation({
      mutationFn: (body: LectureOnBehalfInput) =>
        apiPost<LectureDetail>(`/api/classroom/lectures/${id}/consent-on-behalf`, body),
      onSuccess: done,
    }),
    publish: useMutation({ mutationFn: post('publish'), onSuccess: done }),
    unpublish: useMutation({ mutationFn: post('unpublish'), onSuccess: done }),
    republish: useMutation({ mutationFn: post('republish'), onSuccess: done }),
  };
}
