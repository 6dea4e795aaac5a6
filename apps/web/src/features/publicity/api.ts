import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../lib/api.ts';

/** 公示 (server: modules/reviews/publicity-service.ts): open to anyone signed in. */

export interface NoticeEntry {
  entryId: string;
  /** null for an entry without a counted score (not expected in a published list). */
  rank: number | null;
  speakerName: string;
  unitName: string;
  title: string;
  /** Decimal string. */
  score: string | null;
}

export interface Notice {
  roundId: string;
  campaignTitle: string;
  roundName: string;
  stageName: string;
  scopeOrgName: string | null;
  publishedAt: string | null;
  /** YYYY-MM-DD, the last working day of the notice period. */
  noticeEndsOn: string | null;
  noticeWorkingDays: number;
  objectionsOpen: boolean;
  /** Sealed: the results are final. */
  final: boolean;
  sealedAt: string | null;
  sealHash: string | null;
  /** The score log head behind the list, to compare with the signed paper sheets. */
  chainHead: string;
  chainRecords: number;
  items: NoticeEntry[];
}

export type ObjectionOutcome = 'upheld' | 'dismissed';

export interface Objection {
  id: string;
  entryId: string | null;
  entryTitle: string | null;
  content: string;
  contactName: string;
  contactPhone: string;
  lodgedAt: string;
  outcome: ObjectionOutcome | null;
  /** 异议成立 / 异议不成立 / 待答复 */
  outcomeLabel: string;
  answer: string | null;
  answeredAt: string | null;
}

/** The body of POST /api/publicity/:id/objections (contracts: objectionCreateSchema). */
export interface ObjectionCreate {
  entryId?: string;
  content: string;
  contactName: string;
  contactPhone: string;
}

export const publicityKeys = {
  all: ['publicity'] as const,
  board: ['publicity', 'board'] as const,
  notice: (id: string) => ['publicity', 'notice', id] as const,
  mine: (id: string) => ['publicity', 'mine', id] as const,
};

export function usePublicityBoard() {
  return useQuery({
    queryKey: publicityKeys.board,
    queryFn: ({ signal }) => apiGet<{ items: Notice[] }>('/api/publicity', signal),
  });
}

export function useNotice(id: string) {
  return useQuery({
    queryKey: publicityKeys.notice(id),
    queryFn: ({ signal }) => apiGet<Notice>(`/api/publicity/${id}`, signal),
  });
}

export function useMyObjections(id: string) {
  return useQuery({
    queryKey: publicityKeys.mine(id),
    queryFn: ({ signal }) => apiGet<{ items: Objection[] }>(`/api/publicity/${id}/objections/mine`, signal),
  });
}

export function useLodgeObjection(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ObjectionCreate) =>
      apiPost<{ id: string; message: string }>(`/api/publicity/${id}/objections`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: publicityKeys.mine(id) }),
  });
}
