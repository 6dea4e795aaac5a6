import { useQuery } from '@tanstack/react-query';
import { apiGet, apiPost, qs } from '../../../lib/api.ts';

export interface Preview {
  orgId: string;
  orgName: string;
  total: number;
  willCreate: number;
  noPhone: number;
  hasAccount: number;
  phoneTaken: number;
  inactive: number;
}

export interface Run {
  id: string;
  orgId: string;
  orgName: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  statusLabel: string;
  error: string | null;
  total: number;
  processed: number;
  created: number;
  skipped: { inactive: number; hasAccount: number; noPhone: number; phoneTaken: number };
}

export interface Counts {
  members: number;
  accounts: number;
  activated: number;
  pending: number;
}

export interface Status {
  orgId: string;
  orgName: string;
  totals: Counts;
  branches: (Counts & { orgId: string; orgName: string })[];
}

export interface BranchMember {
  memberId: string;
  name: string;
  phone: string | null;
  userId: string | null;
  status: 'none' | 'pending' | 'activated';
  statusLabel: string;
  codeExpiresOn: string | null;
  codeExpired: boolean;
}

export interface Slip {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
  login: string;
  initialPassword: string;
  expiresOn: string;
}

export const base = '/api/member-accounts';
const api = <T>(path: string, body: unknown) => apiPost<T>(`${base}/${path}`, body);

export function usePreview(orgId: string | undefined) {
  return useQuery({
    queryKey: ['member-accounts', 'preview', orgId],
    queryFn: () => api<Preview>('preview', { orgId }),
    enabled: !!orgId,
  });
}

export function useRun(runId: string | undefined) {
  return useQuery({
    queryKey: ['member-accounts', 'run', runId],
    queryFn: ({ signal }) => apiGet<Run>(`${base}/runs/${runId}`, signal),
    enabled: !!runId,
    // Poll while the job runs; stop once it has finished or failed.
    refetchInterval: (q) =>
      q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 1000,
  });
}

export function useStatus(orgId: string | undefined) {
  return useQuery({
    queryKey: ['member-accounts', 'status', orgId],
    queryFn: ({ signal }) => apiGet<Status>(`${base}/orgs/${orgId}/status`, signal),
    enabled: !!orgId,
  });
}

export function useBranchMembers(orgId: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['member-accounts', 'members', orgId, page, pageSize],
    queryFn: ({ signal }) =>
      apiGet<{ orgName: string; total: number; items: BranchMember[] }>(
        `${base}/orgs/${orgId}/members${qs({ page, pageSize })}`,
        signal,
      ),
  });
}
