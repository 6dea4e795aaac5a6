import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignmentStatus,
  ReviewMaterialKind,
  RoundState,
  RubricCriterion,
  ScoreInput,
} from '@jiangtai/contracts';
import { apiGet, apiPost, apiPut } from '../../lib/api.ts';

/**
 * The judge's side of a review round (server: modules/reviews/judging-routes.ts). In a blind round
 * the server sends only the entry's random code: title, speaker and unit are null.
 */

export interface JudgeRound {
  id: string;
  name: string;
  campaignTitle: string;
  stageName: string;
  blind: boolean;
  /** A live final: scored on the live page (/live/:id/judge). */
  live: boolean;
  materials: ReviewMaterialKind[];
  criteria: RubricCriterion[];
  /** YYYY-MM-DD (Beijing), the last day judges may save scores. */
  deadline: string;
  state: RoundState;
  stateLabel: string;
  /** Scores may be saved (state is 'open'). */
  open: boolean;
}

export interface MyRound extends JudgeRound {
  assigned: number;
  submitted: number;
}

export interface QueueItem {
  code: string;
  categoryName: string;
  title: string | null;
  speakerName: string | null;
  unitName: string | null;
  status: AssignmentStatus;
  statusLabel: string;
  /** Decimal string; null until every criterion has a score. */
  total: string | null;
}

export interface JudgeQueue {
  round: JudgeRound;
  items: QueueItem[];
  progress: { assigned: number; submitted: number };
}

export interface JudgeDocument {
  material: Exclude<ReviewMaterialKind, 'video'>;
  /** 讲稿 / 课件 */
  label: string;
  present: boolean;
  detectedType: string | null;
  /** PDF and images open in the browser; Word and PowerPoint files are downloaded. */
  inline: boolean;
  /** Blind rounds: null until the platform's PDF is ready (the original is never sent). */
  url: string | null;
  downloadName: string | null;
  /**
   * The platform's PDF of the document, for reading in the browser; null when absent. In a blind
   * round it is the only form a judge gets, and its status says when it is not ready yet.
   */
  preview: DocumentPreview | null;
}

export interface DocumentPreview {
  /** not_needed: the original (a PDF or image) already opens in the browser (open rounds). */
  status: 'ready' | 'pending' | 'processing' | 'failed' | 'not_needed';
  url: string | null;
  error?: string | null;
}

const previewBusy = (item: JudgeItem | undefined) =>
  !!item?.documents.some((d) => d.preview?.status === 'pending' || d.preview?.status === 'processing');

export interface JudgeVideo {
  present: boolean;
  ready: boolean;
  masterUrl: string | null;
  posterUrl: string | null;
}

export interface SavedScore {
  /** Decimal strings by criterion key; null = not scored yet. */
  scores: Record<string, string | null>;
  comment: string;
  total: string | null;
  savedAt: string;
}

export interface JudgeItem {
  round: JudgeRound;
  code: string;
  categoryName: string;
  title: string | null;
  outline: string | null;
  speakerName: string | null;
  unitName: string | null;
  status: AssignmentStatus;
  statusLabel: string;
  /** Submitted, or the round no longer takes scores. */
  locked: boolean;
  score: SavedScore | null;
  /** Set when the organiser reopened a submitted score (the reason they gave). */
  reopenReason: string | null;
  documents: JudgeDocument[];
  /** null when the round does not show videos. */
  video: JudgeVideo | null;
}

export interface ConflictResult {
  replacement: boolean;
  message: string;
}

export const judgingKeys = {
  all: ['judging'] as const,
  rounds: ['judging', 'rounds'] as const,
  queue: (roundId: string) => ['judging', 'queue', roundId] as const,
  item: (roundId: string, code: string) => ['judging', 'item', roundId, code] as const,
};

const base = (roundId: string) => `/api/judging/rounds/${roundId}`;

export function useMyRounds() {
  return useQuery({
    queryKey: judgingKeys.rounds,
    queryFn: ({ signal }) => apiGet<{ items: MyRound[] }>('/api/judging/rounds', signal),
  });
}

export function useJudgeQueue(roundId: string) {
  return useQuery({
    queryKey: judgingKeys.queue(roundId),
    queryFn: ({ signal }) => apiGet<JudgeQueue>(base(roundId), signal),
  });
}

export function useJudgeItem(roundId: string, code: string) {
  return useQuery({
    queryKey: judgingKeys.item(roundId, code),
    queryFn: ({ signal }) => apiGet<JudgeItem>(`${base(roundId)}/items/${code}`, signal),
    // Office previews are made in the background: look again until they are done.
    refetchInterval: (query) => (previewBusy(query.state.data) ? 3000 : false),
  });
}

/** Saving answers with the fresh item; the queue and the round list (progress) are refetched. */
export function useJudgingMutations(roundId: string) {
  const qc = useQueryClient();
  const refreshLists = () => {
    void qc.invalidateQueries({ queryKey: judgingKeys.queue(roundId) });
    void qc.invalidateQueries({ queryKey: judgingKeys.rounds });
  };
  return {
    score: useMutation({
      mutationFn: ({ code, ...body }: ScoreInput & { code: string }) =>
        apiPut<JudgeItem>(`${base(roundId)}/items/${code}/score`, body),
      onSuccess: (item) => {
        qc.setQueryData(judgingKeys.item(roundId, item.code), item);
        refreshLists();
      },
    }),
    conflict: useMutation({
      mutationFn: ({ code, reason }: { code: string; reason: string }) =>
        apiPost<ConflictResult>(`${base(roundId)}/items/${code}/conflict`, { reason }),
      onSuccess: (_out, { code }) => {
        qc.removeQueries({ queryKey: judgingKeys.item(roundId, code) });
        refreshLists();
      },
    }),
  };
}
