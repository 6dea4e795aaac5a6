import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignableLecture,
  LearningTaskCreate,
  LearningTaskDetail,
  LearningTaskList,
  LearningTaskSummary,
  LearningUnfinished,
  MyLearningTask,
} from '@jiangtai/contracts';
import { apiGet, apiPost, qs } from '../../lib/api.ts';
import { useDebounced } from '../../lib/useDebounced.ts';

export const learningKeys = {
  all: ['learning'] as const,
  tasks: ['learning', 'tasks'] as const,
  mine: ['learning', 'mine'] as const,
  task: (id: string, orgId?: string) => ['learning', 'task', id, orgId ?? 'top'] as const,
  unfinished: (id: string, orgId?: string) => ['learning', 'unfinished', id, orgId ?? 'first'] as const,
};

/** The task list, narrowed to an org's subtree (with its numbers) when `orgId` is given. */
export const useLearningTasks = (orgId?: string, enabled = true) =>
  useQuery({
    queryKey: [...learningKeys.tasks, orgId ?? 'all'],
    queryFn: ({ signal }) => apiGet<LearningTaskList>(`/api/learning/tasks${qs({ orgId })}`, signal),
    enabled,
  });

export const useMyLearningTasks = () =>
  useQuery({
    queryKey: learningKeys.mine,
    queryFn: ({ signal }) => apiGet<MyLearningTask[]>('/api/learning/tasks/mine', signal),
  });

export const useLearningTask = (id: string, orgId?: string) =>
  useQuery({
    queryKey: learningKeys.task(id, orgId),
    queryFn: ({ signal }) => apiGet<LearningTaskDetail>(`/api/learning/tasks/${id}${qs({ orgId })}`, signal),
  });

export const useUnfinished = (id: string, orgId?: string) =>
  useQuery({
    queryKey: learningKeys.unfinished(id, orgId),
    queryFn: ({ signal }) =>
      apiGet<LearningUnfinished>(`/api/learning/tasks/${id}/unfinished${qs({ orgId })}`, signal),
  });

/** Published lectures open to the whole subtree of `orgId`, searched by title as the person types. */
export function useAssignableLectures(orgId: string | undefined, q: string) {
  const term = useDebounced(q.trim(), 300);
  return useQuery({
    queryKey: ['learning', 'assignable', orgId, term],
    queryFn: ({ signal }) =>
      apiGet<AssignableLecture[]>(`/api/learning/assignable-lectures${qs({ orgId, q: term })}`, signal),
    enabled: !!orgId,
  });
}

export function useCreateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LearningTaskCreate) => apiPost<LearningTaskSummary>('/api/learning/tasks', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: learningKeys.all }),
  });
}

export function useCancelTask(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      apiPost<LearningTaskSummary>(`/api/learning/tasks/${id}/cancel`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: learningKeys.all }),
  });
}
