import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  LiveSettings,
  LiveSlotStatus,
  LiveState,
  RoundState,
  RubricCriterion,
  TimerAction,
} from '@jiangtai/contracts';
import { apiGet, apiPost } from '../../lib/api.ts';

/**
 * The live final's pages (server: modules/live/routes.ts): the MC console, the judges' phones and
 * the supervisor. They poll the round's state every second or two; the big screens get pushes.
 */

export interface SpeakerJudge {
  judgeId: string;
  name: string;
  submitted: boolean;
  total: string | null;
  criteria: Record<string, string | null> | null;
  at: string | null;
  dropped: 'high' | 'low' | null;
}

export interface SpeakerResult {
  judges: SpeakerJudge[];
  submitted: number;
  complete: boolean;
  /** Trimmed mean before the penalty. */
  average: string | null;
  spokenSeconds: number | null;
  overtimeSeconds: number;
  penalty: string;
  score: string | null;
}

export interface LiveSpeakerRow {
  entryId: string;
  position: number;
  speakerName: string;
  unitName: string;
  title: string;
  status: LiveSlotStatus;
  statusLabel: string;
  skipReason: string | null;
  /** Why a finalist left the contest (已退出), as recorded then. */
  leftReason: string | null;
  announced: boolean;
  confirmed: boolean;
  result: SpeakerResult;
}

export interface LiveConsole {
  round: {
    id: string;
    name: string;
    campaignTitle: string;
    reviewState: RoundState;
    rehearsal: boolean;
    rehearsalOf: string | null;
    settings: LiveSettings;
    criteria: RubricCriterion[];
  };
  state: LiveState;
  stateLabel: string;
  orderReady: boolean;
  version: number;
  screenCode: string;
  serverNow: string;
  currentEntryId: string | null;
  nextEntryId: string | null;
  timer: { running: boolean; elapsedMs: number; stopped: boolean; limitSeconds: number; warnSeconds: number };
  /** The step 撤销 takes back; `refusal` says why it can no longer be taken back. */
  undo: { kind: string; label: string; refusal: string | null } | null;
  activeRehearsal: { roundId: string } | null;
  judges: { userId: string; name: string }[];
  speakers: LiveSpeakerRow[];
}

const consoleKey = (id: string) => ['live', id, 'console'] as const;

export function useLiveConsole(id: string) {
  return useQuery({
    queryKey: consoleKey(id),
    queryFn: ({ signal }) => apiGet<LiveConsole>(`/api/live/rounds/${id}`, signal),
    refetchInterval: 1500,
  });
}

/** An MC step; the console is replaced by the server's answer. */
export function useMcAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      apiPost<LiveConsole>(`/api/live/rounds/${id}/${path}`, body),
    onSuccess: (data) => qc.setQueryData(consoleKey(id), data),
  });
}

export const timerBody = (action: TimerAction) => ({ action });

export function useStartRehearsal(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ rehearsalRoundId: string }>(`/api/live/rounds/${id}/rehearsal`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: consoleKey(id) }),
  });
}

export function useResetRehearsal(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<{ rehearsalRoundId: string }>(`/api/live/rounds/${id}/rehearsal/reset`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: consoleKey(id) }),
  });
}

// ---------- judges ----------

export interface MyLiveRound {
  id: string;
  name: string;
  campaignTitle: string;
  rehearsal: boolean;
  state: LiveState;
  stateLabel: string;
}

export function useMyLiveRounds() {
  return useQuery({
    queryKey: ['live', 'mine'],
    queryFn: ({ signal }) => apiGet<{ items: MyLiveRound[] }>('/api/live/mine', signal),
  });
}

export interface JudgeSpeaker {
  entryId: string;
  position: number;
  speakerName: string;
  unitName: string;
  title: string;
  status: LiveSlotStatus;
  statusLabel: string;
  canScore: boolean;
  reopened: boolean;
  reopenReason: string | null;
  submitted: boolean;
  myScores: Record<string, string | null> | null;
  submittedAt: string | null;
}

export interface JudgeView {
  round: { id: string; name: string; campaignTitle: string; rehearsal: boolean; criteria: RubricCriterion[] };
  state: LiveState;
  stateLabel: string;
  version: number;
  current: JudgeSpeaker | null;
  toScore: JudgeSpeaker[];
  submitted: JudgeSpeaker[];
}

export function useJudgeView(id: string) {
  return useQuery({
    queryKey: ['live', id, 'judge'],
    queryFn: ({ signal }) => apiGet<JudgeView>(`/api/live/rounds/${id}/judge`, signal),
    refetchInterval: 2000,
    // The hall's Wi-Fi drops: keep showing the last state and keep trying.
    retry: true,
  });
}

export interface ScoreOutcome {
  entryId: string;
  status: 'submitted';
  total: string;
  submittedAt: string;
  seq: number;
}

export const postLiveScore = (
  id: string,
  body: { key: string; entryId: string; scores: Record<string, number> },
) => apiPost<ScoreOutcome>(`/api/live/rounds/${id}/score`, body);

// ---------- supervisor ----------

export interface Supervision {
  round: {
    id: string;
    name: string;
    campaignTitle: string;
    rehearsal: boolean;
    settings: LiveSettings;
    criteria: RubricCriterion[];
    dropHighest: number;
    dropLowest: number;
    decimals: number;
  };
  state: LiveState;
  stateLabel: string;
  version: number;
  currentEntryId: string | null;
  chainHead: string;
  records: number;
  problems: string[];
  canConfirm: boolean;
  confirmRefusal: string | null;
  signOff: { allowed: boolean; signed: boolean; blockedReason: string | null };
  speakers: LiveSpeakerRow[];
}

const supervisionKey = (id: string) => ['live', id, 'supervision'] as const;

export function useSupervision(id: string) {
  return useQuery({
    queryKey: supervisionKey(id),
    queryFn: ({ signal }) => apiGet<Supervision>(`/api/live/rounds/${id}/supervision`, signal),
    refetchInterval: 1500,
  });
}

export function useSupervisorAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: 'confirm' | 'signoff'; body: unknown }) =>
      apiPost<Supervision>(`/api/live/rounds/${id}/${path}`, body),
    onSuccess: (data) => qc.setQueryData(supervisionKey(id), data),
  });
}
