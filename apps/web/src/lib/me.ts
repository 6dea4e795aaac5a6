import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoleName } from '@jiangtai/contracts';
import { api, setCsrfToken } from './api.ts';

export interface Grant {
  id: string;
  role: RoleName;
  orgId: string;
  orgName: string;
}

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  memberId: string | null;
  mustChangePassword: boolean;
  isDemo: boolean;
  csrfToken: string;
  grants: Grant[];
  /** Branches this person leads as 书记/副书记 (they file its plan and record its lectures). */
  ledBranches: { orgId: string; orgName: string }[];
}

export const ME_KEY = ['me'] as const;

export async function fetchMe(): Promise<Me> {
  const me = await api<Me>('/api/auth/me', { noAuthRedirect: true });
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in person; `data` is undefined while loading or when signed out (error 401). */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/**
 * For pages anyone may read (公示): the signed-in person if the public frame found one (PublicOrShell
 * asks once and fills the cache); never fetches by itself, so a signed-out visitor is not asked again.
 */
export function useMeIfSignedIn() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, enabled: false });
}

/** For pages inside the authenticated shell, where Me is always loaded. */
export function useCurrentMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentMe used outside the authenticated shell');
  return data;
}

export function useSetMe() {
  const qc = useQueryClient();
  return (me: Me | null) => {
    setCsrfToken(me?.csrfToken ?? null);
    if (me) qc.setQueryData(ME_KEY, me);
    else qc.clear();
  };
}

export function hasRole(me: Me | undefined, roles: readonly RoleName[]): boolean {
  return !!me && me.grants.some((g) => roles.includes(g.role));
}

/** Who sees which part of the app (the server checks again on every request). */
export const ACCESS = {
  org: ['platform_admin', 'organiser', 'unit_admin', 'supervisor'],
  orgEdit: ['platform_admin', 'unit_admin'],
  memberAccounts: ['platform_admin', 'unit_admin'],
  accounts: ['platform_admin', 'unit_admin', 'organiser'],
  audit: ['platform_admin', 'supervisor', 'unit_admin', 'organiser'],
  campaignCreate: ['platform_admin', 'organiser'],
  judging: ['judge'],
  planOverview: ['platform_admin', 'unit_admin', 'organiser', 'supervisor'],
  dashboard: ['platform_admin', 'unit_admin', 'organiser', 'supervisor'],
} as const satisfies Record<string, readonly RoleName[]>;
