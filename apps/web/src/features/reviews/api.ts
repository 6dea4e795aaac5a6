import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdvancementRule,
  AssignmentStatus,
  JudgeInvite,
  LiveSettings,
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
  /** The public 公示 address is /publicity/<noticeCode> once published. */
  noticeCode: string | null;
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
  /** The judge now belongs to the entry's unit: they cannot score it until they declare 回避. */
  unitConflict: boolean;
}

export interface RoundEntry {
  entryId: string;
  code: string;
  title: string;
  speakerName: string;
  unitName: string;
  categoryName: string;
  advanced: boolean;
  /** 已退赛: withdrawn or returned while in the round; judges no longer see it, it takes no place. */
  withdrawn: boolean;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
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
  /** A submitted score the organiser opened again, waiting for the judge (statusLabel 待重新提交). */
  reopened: boolean;
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
  /** Scores assigned and not (or no longer) submitted. */
  awaiting: number;
  needsDecision: boolean;
  tiedWith: string[];
  tiedWithIds: string[];
  note: string | null;
  /** How the tie rule separated it from an entry with the same score, e.g. 同分，按去分前平均分区分. */
  tieBreak: string | null;
  flags: string[];
  advancing: boolean;
  /** 已退赛: not ranked, never advancing (the reason is the first flag). */
  withdrawn: boolean;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  /** It had a place on the confirmed list and left afterwards: the place stays empty until reconfirmed. */
  lostPlace: boolean;
  /** pending: tied across the cut, 待定 until the organiser decides the tie. */
  advancement: 'yes' | 'no' | 'pending';
  advancementLabel: string;
  advancementNote: string | null;
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
  /** Whether 封存结果 would be accepted now, and why not (e.g. 公示期至 2026年12月20日，期满后可封存). */
  seal: { allowed: boolean; blockedReason: string | null };
  criteria: RubricCriterion[];
  decimals: number;
  dropHighest: number;
  dropLowest: number;
  missingScores: number;
  reopenedScores: number;
  /** The score log head and length the results were computed from. */
  chainHead: string;
  records: number;
  /** Where the score log and the round's data disagree; closing and confirming are refused. */
  problems: string[];
  items: ResultItem[];
  advancement: {
    rule: AdvancementRule;
    advancing: string[];
    pending: { entryId: string; reason: string }[];
    blockers: string[];
    groups: { key: string; advancing: number; candidates: number }[];
  };
  spread: JudgeSpreadRow[];
}

export type ScoreLogAction =
  | 'draft'
  | 'submit'
  | 'reopen'
  | 'judge_removed'
  | 'conflict_declared'
  | 'judge_left'
  | 'tie_decided'
  | 'rules_set'
  | 'entry_left'
  | 'entry_rejoined';

export interface ScoreLogItem {
  seq: number;
  /** null on a record about the whole round (rules, a tie decision). */
  code: string | null;
  judgeName: string | null;
  actorName: string;
  action: ScoreLogAction;
  actionLabel: string;
  /** What a fact record says, in Chinese (null on score records). */
  summary: string | null;
  total: string | null;
  reason: string | null;
  at: string;
  hash: string;
}

export interface ScoreLog {
  chainHead: string;
  records: number;
  items: ScoreLogItem[];
}

/** A copy of the head recorded outside the round row (a sign-off, an audit row) and whether it fits. */
export interface ChainAnchor {
  source: string;
  head: string;
  records: number | null;
  ok: boolean;
  problem: string | null;
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  head: string;
  checkedAt: string;
  message: string;
  brokenAt: number | null;
  anchors: ChainAnchor[];
}

/** POST /api/rounds/:id/verify/head: does today's log extend a head copied from paper? */
export interface HeadCheck {
  extends: boolean;
  found: boolean;
  position: number | null;
  records: number;
  head: string | null;
  currentHead: string;
  message: string;
}

export interface Signoff {
  id: string;
  name: string;
  comment: string;
  chainHead: string;
  records: number | null;
  at: string;
  /** Signed at today's head; otherwise the results changed after it (lapsedNote says so). */
  current: boolean;
  lapsedNote: string | null;
}

export interface Signoffs {
  chainHead: string;
  records: number;
  items: Signoff[];
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
      apiGet<RoundConfig & { liveDefaults: LiveSettings | null }>(
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
    queryFn: ({ signal }) => apiGet<Signoffs>(`/api/rounds/${id}/signoffs`, signal),
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
    void qc.invalidateQueries({ queryKey: roundKeys.signoffs(roundId) });
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
      onSuccess: () => void qc.invalidateQueries({ queryKey: roundKeys.signoffs(roundId) }),
    }),
    checkHead: useMutation({
      mutationFn: (head: string) => apiPost<HeadCheck>(`${base}/verify/head`, { head }),
    }),
    signoff: useMutation({
      mutationFn: (body: { comment: string; chainHead: string }) =>
        apiPost<Signoffs>(`${base}/signoffs`, body),
      onSuccess: (out) => qc.setQueryData(roundKeys.signoffs(roundId), out),
      // Refused because the log moved on: show the current log, so what is signed is what is seen.
      onError: () => void qc.invalidateQueries({ queryKey: roundKeys.scoreLog(roundId) }),
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
