import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../lib/api.ts';

/** 公示 (server: modules/reviews/publicity-service.ts): open to everyone, signed in or not. */

export interface NoticeEntry {
  /** The item's code on this notice (used to name it in an objection). */
  ref: string;
  /** null for an entry without a counted score (not expected in a published list). */
  rank: number | null;
  speakerName: string;
  unitName: string;
  title: string;
  /** Decimal string. */
  score: string | null;
}

export interface Notice {
  /** The notice's public code: its address is /publicity/<code>. */
  code: string;
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
  entryCode?: string;
  content: string;
  contactName: string;
  contactPhone: string;
}

export const publicityKeys = {
  all: ['publicity'] as const,
  board: ['publicity', 'board'] as const,
  notice: (code: string) => ['publicity', 'notice', code] as const,
  mine: (code: string) => ['publicity', 'mine', code] as const,
};

export function usePublicityBoard() {
  return useQuery({
    queryKey: publicityKeys.board,
    queryFn: ({ signal }) => apiGet<{ items: Notice[] }>('/api/publicity', signal),
  });
}

export function useNotice(code: string) {
  return useQuery({
    queryKey: publicityKeys.notice(code),
    queryFn: ({ signal }) => apiGet<Notice>(`/api/publicity/${code}`, signal),
  });
}

/** Only for a signed-in person (`enabled`): objections lodged without an account are not listed back. */
export function useMyObjections(code: string, enabled: boolean) {
  return useQuery({
    queryKey: publicityKeys.mine(code),
    enabled,
    queryFn: ({ signal }) => apiGet<{ items: Objection[] }>(`/api/publicity/${code}/objections/mine`, signal),
  });
}

export function useLodgeObjection(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ObjectionCreate) =>
      apiPost<{ id: string; message: string }>(`/api/publicity/${code}/objections`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: publicityKeys.mine(code) }),
  });
}
