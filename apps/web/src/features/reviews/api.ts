import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdvancementRule,
  AssignmentStatus,
  JudgeInvite,
  RoundConfig,
  RoundCreate,
  RoundState,
  RoundUpdate,
  RubricCriterion,
} from '@jiangtai/contracts';
import { apiGet, apiPatch, apiPost, apiPut, qs } from '../../lib/api.ts';
import type { Notice, Objection } from '../publicity/api.ts';
// 公示 and objections have one shape whether the organiser or the public reads them.
export type { Notice, Objection };

/* ---------- response shapes (apps/server/src/modules/reviews/*-service.ts) ---------- */

/** presentRound() in round-service.ts. */
export interface Round {
  id: string;
  campaignId: string;
  campaignTitle: string;
  stageKey: string;
  stageName: string;
  scopeOrgId: string;
  scopeOrgName: string;
  config: RoundConfig;
  state: RoundState;
  stateLabel: string;
  scoreCount: number;
  rubricLocked: boolean;
  chainHead: string;
  closedAt: string | null;
  confirmedAt: string | null;
  publishedAt: string | null;
  noticeEndsOn: string | null;
  sealedAt: string | null;
  sealHash: string | null;
}

export interface RoundList {
  items: Round[];
  canOpenCityRound: boolean;
  /** Org paths ("1.5.23.") of the unit admin's subtrees inside the campaign. */
  unitScopes: string[];
}

export interface RoundEntryJudge {
  judgeId: string;
  name: string;
  status: AssignmentStatus;
  removedReason: string | null;
}

export interface RoundEntry {
  entryId: string;
  code: string;
  title: string;
  speakerName: string;
  unitName: string;
  categoryName: string;
  advanced: boolean;
  judges: RoundEntryJudge[];
}

export interface PanelJudge {
  userId: string;
  name: string;
  username: string;
  active: boolean;
  leftReason: string | null;
  hasUnit: boolean;
  pendingFirstLogin: boolean;
  assigned: number;
  submitted: number;
}

export interface RoundConflict {
  entryId: string;
  judgeId: string;
  judgeName: string;
  reason: string;
  at: string;
}

/** roundService.get(). */
export interface RoundDetail {
  round: Round;
  canManage: boolean;
  canSupervise: boolean;
  /** Why the viewer may not sign this round off (not a supervisor, runs it, judged in it); null if they may. */
  signOffRefusal: string | null;
  progress: { entries: number; assigned: number; submitted: number; underAssigned: number };
  entries: RoundEntry[];
  panel: PanelJudge[];
  conflicts: RoundConflict[];
}

export interface JudgeAccount {
  userId: string;
  name: string;
  username: string;
  onPanel: boolean;
}

export interface ManualWarning {
  kind: 'conflict' | 'panel_size' | 'unknown_judge' | 'unknown_entry' | 'imbalance';
  entryId?: string;
  judgeId?: string;
  message: string;
}

export interface ResultJudge {
  judgeId: string;
  name: string;
  status: AssignmentStatus;
  statusLabel: string;
  total: string | null;
  criteria: Record<string, string | null> | null;
  comment: string | null;
  dropped: 'highest' | 'lowest' | null;
  removedReason: string | null;
}

export interface ResultItem {
  entryId: string;
  code: string;
  title: string;
  speakerName: string;
  unitName: string;
  categoryName: string;
  rank: number | null;
  score: string | null;
  untrimmedMean: string | null;
  used: number;
  assigned: number;
  needsDecision: boolean;
  tiedWith: string[];
  tiedWithIds: string[];
  note: string | null;
  flags: string[];
  advancing: boolean;
  judges: ResultJudge[];
}

export interface JudgeSpreadRow {
  judgeId: string;
  name: string;
  scored: number;
  meanTotal: string | null;
  meanDeviation: string | null;
  deviationSd: string | null;
  outliers: { entryId: string; code: string; total: string; othersMean: string; deviation: string }[];
}

/** resultsService.results(). */
export interface RoundResults {
  roundId: string;
  state: RoundState;
  criteria: RubricCriterion[];
  decimals: number;
  dropHighest: number;
  dropLowest: number;
  missingScores: number;
  items: ResultItem[];
  advancement: {
    rule: AdvancementRule;
    advancing: string[];
    blockers: string[];
    groups: { key: string; advancing: number; candidates: number }[];
  };
  spread: JudgeSpreadRow[];
}

export type ScoreLogAction = 'draft' | 'submit' | 'reopen';

export interface ScoreLogItem {
  seq: number;
  code: string;
  judgeName: string;
  actorName: string;
  action: ScoreLogAction;
  total: string | null;
  reason: string | null;
  at: string;
  hash: string;
}

export interface ScoreLog {
  chainHead: string;
  items: ScoreLogItem[];
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  head: string;
  checkedAt: string;
  message: string;
  brokenAt: number | null;
}

export interface Signoff {
  id: string;
  name: string;
  comment: string;
  chainHead: string;
  at: string;
}

export type ExportKind = 'full' | 'judges' | 'summary';
export const exportUrl = (roundId: string, kind: ExportKind) =>
  `/api/rounds/${roundId}/export${qs({ kind })}`;

/* ---------- queries ---------- */

export const roundKeys = {
  all: ['rounds'] as const,
  campaign: (campaignId: string) => ['rounds', 'campaign', campaignId] as const,
  defaults: (campaignId: string, stageKey: string, scopeOrgId?: string) =>
    ['rounds', 'defaults', campaignId, stageKey, scopeOrgId ?? ''] as const,
  detail: (id: string) => ['rounds', 'detail', id] as const,
  judgeAccounts: (id: string) => ['rounds', 'judge-accounts', id] as const,
  results: (id: string) => ['rounds', 'results', id] as const,
  scoreLog: (id: string) => ['rounds', 'score-log', id] as const,
  signoffs: (id: string) => ['rounds', 'signoffs', id] as const,
  objections: (id: string) => ['rounds', 'objections', id] as const,
};

export function useCampaignRounds(campaignId: string) {
  return useQuery({
    queryKey: roundKeys.campaign(campaignId),
    queryFn: ({ signal }) => apiGet<RoundList>(`/api/campaigns/${campaignId}/rounds`, signal),
  });
}

export function useRoundDefaults(campaignId: string, stageKey: string, scopeOrgId?: string) {
  return useQuery({
    queryKey: roundKeys.defaults(campaignId, stageKey, scopeOrgId),
    queryFn: ({ signal }) =>
      apiGet<RoundConfig>(
        `/api/campaigns/${campaignId}/round-defaults${qs({ stageKey, scopeOrgId })}`,
        signal,
      ),
    enabled: !!campaignId && !!stageKey,
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function useRound(id: string) {
  return useQuery({
    queryKey: roundKeys.detail(id),
    queryFn: ({ signal }) => apiGet<RoundDetail>(`/api/rounds/${id}`, signal),
  });
}

export function useJudgeAccounts(id: string, enabled = true) {
  return useQuery({
    queryKey: roundKeys.judgeAccounts(id),
    queryFn: ({ signal }) => apiGet<{ items: JudgeAccount[] }>(`/api/rounds/${id}/judge-accounts`, signal),
    enabled,
  });
}

export function useRoundResults(id: string, enabled = true) {
  return useQuery({
    queryKey: roundKeys.results(id),
    queryFn: ({ signal }) => apiGet<RoundResults>(`/api/rounds/${id}/results`, signal),
    enabled,
  });
}

export function useScoreLog(id: string, enabled = true) {
  return useQuery({
    queryKey: roundKeys.scoreLog(id),
    queryFn: ({ signal }) => apiGet<ScoreLog>(`/api/rounds/${id}/score-log`, signal),
    enabled,
  });
}

export function useSignoffs(id: string, enabled = true) {
  return useQuery({
    queryKey: roundKeys.signoffs(id),
    queryFn: ({ signal }) => apiGet<{ items: Signoff[] }>(`/api/rounds/${id}/signoffs`, signal),
    enabled,
  });
}

export function useObjections(id: string, enabled = true) {
  return useQuery({
    queryKey: roundKeys.objections(id),
    queryFn: ({ signal }) => apiGet<{ items: Objection[] }>(`/api/rounds/${id}/objections`, signal),
    enabled,
  });
}

/* ---------- mutations ---------- */

export interface PairReason {
  entryId: string;
  judgeId: string;
  reason: string;
}

/** Every change of a round: the answer is stored where it fits and the rest refetched. */
export function useRoundMutations(roundId: string) {
  const qc = useQueryClient();
  const storeDetail = (detail: RoundDetail) => {
    qc.setQueryData(roundKeys.detail(detail.round.id), detail);
    void qc.invalidateQueries({ queryKey: roundKeys.campaign(detail.round.campaignId) });
    void qc.invalidateQueries({ queryKey: roundKeys.results(detail.round.id) });
    void qc.invalidateQueries({ queryKey: roundKeys.judgeAccounts(detail.round.id) });
  };
  const storeResults = (res: RoundResults) => {
    qc.setQueryData(roundKeys.results(roundId), res);
    void qc.invalidateQueries({ queryKey: roundKeys.detail(roundId) });
    void qc.invalidateQueries({ queryKey: roundKeys.scoreLog(roundId) });
    void qc.invalidateQueries({ queryKey: ['rounds', 'campaign'] });
  };
  const refreshAll = () => {
    void qc.invalidateQueries({ queryKey: roundKeys.detail(roundId) });
    void qc.invalidateQueries({ queryKey: roundKeys.results(roundId) });
    void qc.invalidateQueries({ queryKey: roundKeys.objections(roundId) });
    void qc.invalidateQueries({ queryKey: ['rounds', 'campaign'] });
  };
  const base = `/api/rounds/${roundId}`;
  return {
    update: useMutation({
      mutationFn: (patch: RoundUpdate) => apiPatch<RoundDetail>(base, patch),
      onSuccess: storeDetail,
    }),
    refreshEntries: useMutation({
      mutationFn: () => apiPost<{ added: number; round: RoundDetail }>(`${base}/entries/refresh`),
      onSuccess: (out) => storeDetail(out.round),
    }),
    addJudges: useMutation({
      mutationFn: (userIds: string[]) => apiPost<RoundDetail>(`${base}/judges`, { userIds }),
      onSuccess: storeDetail,
    }),
    invite: useMutation({
      mutationFn: (body: JudgeInvite) =>
        apiPost<{ round: RoundDetail; username: string; temporaryPassword: string }>(
          `${base}/judges/invite`,
          body,
        ),
      onSuccess: (out) => storeDetail(out.round),
    }),
    removeJudge: useMutation({
      mutationFn: ({ userId, reason }: { userId: string; reason: string }) =>
        apiPost<{ released: number; reassigned: number; problems: string[]; round: RoundDetail }>(
          `${base}/judges/${userId}/remove`,
          { reason },
        ),
      onSuccess: (out) => storeDetail(out.round),
    }),
    assign: useMutation({
      mutationFn: () => apiPost<{ added: number; warnings: string[]; round: RoundDetail }>(`${base}/assign`),
      onSuccess: (out) => storeDetail(out.round),
    }),
    setEntryJudges: useMutation({
      mutationFn: (body: { entryId: string; judgeIds: string[]; acceptWarnings?: boolean }) =>
        apiPut<{ saved: boolean; warnings: ManualWarning[]; round: RoundDetail }>(
          `${base}/assignments`,
          body,
        ),
      onSuccess: (out) => storeDetail(out.round),
    }),
    reopenScore: useMutation({
      mutationFn: (body: PairReason) => apiPost<RoundResults>(`${base}/scores/reopen`, body),
      onSuccess: storeResults,
    }),
    removeScore: useMutation({
      mutationFn: (body: PairReason) => apiPost<RoundResults>(`${base}/scores/remove`, body),
      onSuccess: storeResults,
    }),
    close: useMutation({
      mutationFn: () => apiPost<RoundResults>(`${base}/close`),
      onSuccess: (res) => {
        storeResults(res);
        refreshAll();
      },
    }),
    decideTie: useMutation({
      mutationFn: (body: { order: string[]; reason: string }) => apiPost<RoundResults>(`${base}/ties`, body),
      onSuccess: storeResults,
    }),
    confirm: useMutation({
      mutationFn: () => apiPost<RoundResults>(`${base}/confirm`),
      onSuccess: (res) => {
        storeResults(res);
        refreshAll();
      },
    }),
    verify: useMutation({
      mutationFn: () => apiPost<VerifyResult>(`${base}/verify`),
    }),
    signoff: useMutation({
      mutationFn: (comment: string) => apiPost<{ items: Signoff[] }>(`${base}/signoffs`, { comment }),
      onSuccess: (out) => qc.setQueryData(roundKeys.signoffs(roundId), out),
    }),
    publish: useMutation({
      mutationFn: () => apiPost<Notice>(`${base}/publish`),
      onSuccess: refreshAll,
    }),
    answerObjection: useMutation({
      mutationFn: ({
        objectionId,
        ...body
      }: {
        objectionId: string;
        outcome: 'upheld' | 'dismissed';
        reason: string;
      }) => apiPost<{ items: Objection[] }>(`${base}/objections/${objectionId}/answer`, body),
      onSuccess: (out) => qc.setQueryData(roundKeys.objections(roundId), out),
    }),
    seal: useMutation({
      mutationFn: () => apiPost<Notice>(`${base}/seal`),
      onSuccess: refreshAll,
    }),
    withdraw: useMutation({
      mutationFn: (reason: string) => apiPost<{ message: string }>(`${base}/withdraw`, { reason }),
      onSuccess: refreshAll,
    }),
  };
}

/** Opening a round (POST /api/campaigns/:id/rounds) answers with the round detail. */
export function useCreateRound(campaignId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundCreate) => apiPost<RoundDetail>(`/api/campaigns/${campaignId}/rounds`, body),
    onSuccess: (detail) => {
      qc.setQueryData(roundKeys.detail(detail.round.id), detail);
      void qc.invalidateQueries({ queryKey: roundKeys.campaign(campaignId) });
    },
  });
}
