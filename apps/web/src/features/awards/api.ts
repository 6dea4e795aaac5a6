import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AwardListState, OrgAwardRule, RoundState } from '@jiangtai/contracts';
import { apiDelete, apiGet, apiPatch, apiPost, uploadWithProgress } from '../../lib/api.ts';

/** Awards of a final round (server: modules/awards). */

export interface AwardFlag {
  kind: 'person' | 'unit';
  ids: string[];
  /** The tiers the tied group straddles; null = no award. */
  tiers: (string | null)[];
  from: number;
  to: number;
  message: string;
}

export interface DraftPerson {
  entryId: string;
  code: string;
  rank: number | null;
  score: string | null;
  speakerName: string;
  unitId: string;
  unitName: string;
  title: string;
  tier: string | null;
  position: number | null;
  /** The reason of the organiser's tie decision that placed this entry. */
  decidedBy: string | null;
  flagged: boolean;
}

export interface DraftUnit {
  orgId: string;
  name: string;
  /** Decimal string. */
  points: string;
  finalists: number;
  awards: Record<string, number>;
  rank: number | null;
  tier: string | null;
  /** What the rule alone gives. */
  ruleTier: string | null;
  adjusted: { tier: string | null; reason: string; at: string } | null;
  flagged: boolean;
}

export interface AwardItem {
  id: string;
  /** A person's entry; null for a unit's award. */
  entryId: string | null;
  kind: 'person' | 'unit';
  tier: string;
  position: number;
  rank: number | null;
  points: string | null;
  name: string;
  unitName: string;
  title: string | null;
  adjustedReason: string | null;
  certificateNo: string;
  verifyCode: string;
}

export interface AwardList {
  id: string;
  state: AwardListState;
  stateLabel: string;
  issuer: string;
  issuedOn: string | null;
  certificateDate: string | null;
  noticeWorkingDays: number;
  noticeCode: string | null;
  noticeEndsOn: string | null;
  publishedAt: string | null;
  finalisedAt: string | null;
  hasSeal: boolean;
  pendingObjections: number;
  orgRule: OrgAwardRule;
  finaliseBlockedReason: string | null;
  awardTiers: { name: string; places: number }[];
  orgAwards: { name: string; places: number | null }[];
}

export interface AwardsView {
  round: {
    id: string;
    name: string;
    state: RoundState;
    stageName: string;
    campaignId: string;
    campaignTitle: string;
  };
  canManage: boolean;
  ineligibleReason: string | null;
  list: AwardList | null;
  draft: null | {
    persons: DraftPerson[];
    units: DraftUnit[];
    orgAwardPlaces: { name: string; places: number; open: boolean }[];
    flags: AwardFlag[];
    blockers: string[];
  };
  items: AwardItem[];
}

export interface AwardNotice {
  code: string;
  campaignTitle: string;
  stageName: string;
  issuer: string;
  publishedAt: string | null;
  noticeEndsOn: string | null;
  noticeWorkingDays: number;
  final: boolean;
  finalisedAt: string | null;
  objectionsOpen: boolean;
  persons: { tier: string; name: string; unitName: string; title: string | null }[];
  units: { tier: string; name: string }[];
}

export interface CertificateCheck {
  valid: boolean;
  state: AwardListState;
  stateLabel: string;
  noticeEndsOn: string | null;
  kind: 'person' | 'unit';
  name: string;
  unitName: string;
  title: string | null;
  award: string;
  campaignTitle: string;
  issuer: string;
  date: string | null;
  dateText: string;
  certificateNo: string;
}

export interface AwardObjection {
  id: string;
  content: string;
  contactName: string;
  contactPhone: string;
  lodgedByName: string;
  lodgedAt: string;
  outcome: 'upheld' | 'dismissed' | null;
  /** 异议成立 / 异议不成立 / 待答复 */
  outcomeLabel: string;
  answer: string | null;
  answeredAt: string | null;
}

export const awardKeys = {
  round: (id: string) => ['awards', 'round', id] as const,
  notice: (code: string) => ['awards', 'notice', code] as const,
  certificate: (code: string) => ['awards', 'certificate', code] as const,
  objections: (id: string) => ['awards', 'objections', id] as const,
  mine: (code: string) => ['awards', 'mine', code] as const,
};

export const awardsUrl = (roundId: string, rest = '') => `/api/rounds/${roundId}/awards${rest}`;

export function useAwards(roundId: string) {
  return useQuery({
    queryKey: awardKeys.round(roundId),
    queryFn: ({ signal }) => apiGet<AwardsView>(awardsUrl(roundId), signal),
  });
}

export function useAwardMutations(roundId: string) {
  const qc = useQueryClient();
  const store = (v: AwardsView) => qc.setQueryData(awardKeys.round(roundId), v);
  const usePost = <B>(rest: string) =>
    useMutation({
      mutationFn: (body: B) => apiPost<AwardsView>(awardsUrl(roundId, rest), body),
      onSuccess: store,
    });
  return {
    create: usePost<{ issuer?: string }>(''),
    update: useMutation({
      mutationFn: (body: {
        issuer?: string;
        issuedOn?: string | null;
        noticeWorkingDays?: number;
        orgRule?: OrgAwardRule;
      }) => apiPatch<AwardsView>(awardsUrl(roundId), body),
      onSuccess: store,
    }),
    decideTie: usePost<{ kind: 'person' | 'unit'; order: string[]; reason: string }>('/ties'),
    adjustUnit: usePost<{ orgId: string; tier: string | null; reset?: boolean; reason: string }>(
      '/unit-adjustments',
    ),
    publish: usePost<undefined>('/publish'),
    withdraw: usePost<{ reason: string }>('/withdraw'),
    answer: useMutation({
      mutationFn: (a: { objectionId: string; outcome: 'upheld' | 'dismissed'; reason: string }) =>
        apiPost<{ items: AwardObjection[] }>(awardsUrl(roundId, `/objections/${a.objectionId}/answer`), {
          outcome: a.outcome,
          reason: a.reason,
        }),
      onSuccess: (out) => {
        qc.setQueryData(awardKeys.objections(roundId), out);
        void qc.invalidateQueries({ queryKey: awardKeys.round(roundId) });
      },
    }),
    finalise: usePost<undefined>('/finalise'),
    uploadSeal: useMutation({
      mutationFn: (file: File) => {
        const form = new FormData();
        form.append('file', file);
        return uploadWithProgress<AwardsView>(awardsUrl(roundId, '/seal'), form, () => undefined);
      },
      onSuccess: store,
    }),
    removeSeal: useMutation({
      mutationFn: () => apiDelete<AwardsView>(awardsUrl(roundId, '/seal')),
      onSuccess: store,
    }),
  };
}

export function useAwardNotice(code: string) {
  return useQuery({
    queryKey: awardKeys.notice(code),
    queryFn: ({ signal }) => apiGet<AwardNotice>(`/api/awards/notice/${encodeURIComponent(code)}`, signal),
    retry: false,
  });
}

export function useCertificateCheck(code: string) {
  return useQuery({
    queryKey: awardKeys.certificate(code),
    queryFn: ({ signal }) =>
      apiGet<CertificateCheck>(`/api/certificates/${encodeURIComponent(code)}`, signal),
    retry: false,
  });
}

export function useAwardObjections(roundId: string, enabled: boolean) {
  return useQuery({
    queryKey: awardKeys.objections(roundId),
    queryFn: ({ signal }) => apiGet<{ items: AwardObjection[] }>(awardsUrl(roundId, '/objections'), signal),
    enabled,
  });
}

export function useMyAwardObjections(code: string, enabled: boolean) {
  return useQuery({
    queryKey: awardKeys.mine(code),
    queryFn: ({ signal }) =>
      apiGet<{ items: AwardObjection[] }>(
        `/api/awards/notice/${encodeURIComponent(code)}/objections/mine`,
        signal,
      ),
    enabled,
  });
}

export function useLodgeAwardObjection(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { content: string; contactName: string; contactPhone: string }) =>
      apiPost<{ id: string; message: string }>(
        `/api/awards/notice/${encodeURIComponent(code)}/objections`,
        body,
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: awardKeys.mine(code) }),
  });
}
