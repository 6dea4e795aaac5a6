import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoleName } from '@jiangtai/contracts';
import { apiDelete, apiGet, apiPatch, apiPost, qs } from '../../lib/api.ts';
import type { Grant, Me } from '../../lib/me.ts';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  memberId: string | null;
  active: boolean;
  isDemo: boolean;
  mustChangePassword: boolean;
  locked: boolean;
  createdAt: string;
  /** canRevoke: only on the detail page's account (the list leaves it out). */
  grants: (Grant & { canRevoke?: boolean })[];
  /** What the signed-in person may do to this account (the server's own rules); detail page only. */
  can?: { edit: boolean; resetPassword: boolean; blockedReason: string | null };
}

export interface AccountList {
  total: number;
  items: Account[];
}

export interface NewAccount {
  username: string;
  displayName: string;
  phone?: string | null;
  grants: { role: RoleName; orgId: string }[];
}

export function useAccounts(params: { q: string; role?: RoleName; page: number; pageSize: number }) {
  const query = qs(params);
  return useQuery({
    queryKey: ['accounts', 'list', query],
    queryFn: ({ signal }) => apiGet<AccountList>(`/api/accounts${query}`, signal),
    placeholderData: (prev) => prev,
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: ['accounts', id],
    queryFn: ({ signal }) => apiGet<Account>(`/api/accounts/${id}`, signal),
  });
}

export function useAccountMutations(id: string) {
  const qc = useQueryClient();
  const refresh = (account: Account) => {
    qc.setQueryData(['accounts', id], account);
    void qc.invalidateQueries({ queryKey: ['accounts', 'list'] });
  };
  return {
    update: useMutation({
      mutationFn: (patch: { displayName?: string; active?: boolean }) =>
        apiPatch<Account>(`/api/accounts/${id}`, patch),
      onSuccess: refresh,
    }),
    addGrant: useMutation({
      mutationFn: (grant: { role: RoleName; orgId: string }) =>
        apiPost<Account>(`/api/accounts/${id}/grants`, grant),
      onSuccess: refresh,
    }),
    removeGrant: useMutation({
      mutationFn: (grantId: string) => apiDelete<Account>(`/api/accounts/${id}/grants/${grantId}`),
      onSuccess: refresh,
    }),
    resetPassword: useMutation({
      mutationFn: () => apiPost<{ temporaryPassword: string }>(`/api/accounts/${id}/reset-password`),
      onSuccess: () => void qc.invalidateQueries({ queryKey: ['accounts', id] }),
    }),
  };
}

export function useCreateAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAccount) =>
      apiPost<{ account: Account; temporaryPassword: string }>('/api/accounts', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['accounts', 'list'] }),
  });
}

/** Which roles each administering role may hand out (mirrors the server's policy; it checks again). */
const GRANTABLE: Partial<Record<RoleName, readonly RoleName[]>> = {
  platform_admin: ['platform_admin', 'organiser', 'unit_admin', 'judge', 'supervisor', 'member'],
  unit_admin: ['unit_admin', 'member'],
  // Not 监督员: a supervisor's sign-off checks the organisers' work, so an organiser may not make
  // (or create) the supervisor who signs their own round; only a platform admin grants that role.
  organiser: ['judge'],
};

export function grantableRoles(me: Me): RoleName[] {
  const set = new Set<RoleName>();
  for (const g of me.grants) for (const r of GRANTABLE[g.role] ?? []) set.add(r);
  return [...set];
}
