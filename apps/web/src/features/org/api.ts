import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Gender,
  MemberDetail,
  MemberListItem,
  OrgDetail,
  OrgNode,
  OrgType,
  PartyStatus,
  Position,
} from '@jiangtai/contracts';
import { apiGet, apiPatch, apiPost, qs } from '../../lib/api.ts';
import type { AuditRow } from '../../components/AuditTable.tsx';

export type { OrgNode, OrgDetail, MemberDetail, ImportResult, ImportIssue } from '@jiangtai/contracts';
export type Member = MemberListItem;

export interface MemberInput {
  orgId: string;
  name: string;
  gender: Gender;
  phone?: string | null;
  partyStatus: PartyStatus;
  positions?: Position[];
  joinedOn?: string | null;
}

export interface OrgInput {
  parentId?: string;
  name: string;
  type: OrgType;
  /** Optional; cannot be cleared once set. */
  code?: string;
  sortOrder?: number;
}

export interface MemberFilters {
  orgId?: string;
  q?: string;
  partyStatus?: PartyStatus;
  position?: Position;
  includeInactive?: boolean;
  page: number;
  pageSize: number;
}

export const orgKeys = {
  all: ['orgs'] as const,
  roots: ['orgs', 'roots'] as const,
  children: (id: string, includeInactive: boolean) => ['orgs', 'children', id, includeInactive] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
  history: (id: string) => ['orgs', 'history', id] as const,
};
export const memberKeys = {
  all: ['members'] as const,
  list: (f: MemberFilters) => ['members', 'list', f] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
  history: (id: string) => ['members', 'history', id] as const,
};

export const fetchRoots = () => apiGet<OrgNode[]>('/api/orgs/roots');
export const fetchChildren = (id: string, includeInactive: boolean) =>
  apiGet<OrgNode[]>(`/api/orgs/${id}/children${qs({ includeInactive })}`);
export const fetchOrg = (id: string) => apiGet<OrgDetail>(`/api/orgs/${id}`);

export function useOrgRoots() {
  return useQuery({ queryKey: orgKeys.roots, queryFn: fetchRoots });
}

export function useOrg(id: string | undefined) {
  return useQuery({ queryKey: orgKeys.detail(id ?? ''), queryFn: () => fetchOrg(id ?? ''), enabled: !!id });
}

export function useOrgHistory(id: string, enabled = true) {
  return useQuery({
    queryKey: orgKeys.history(id),
    queryFn: ({ signal }) => apiGet<{ items: AuditRow[] }>(`/api/orgs/${id}/history`, signal),
    enabled,
  });
}

/** Org writes; every success refreshes the tree, details and member lists. */
export function useOrgMutations() {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: orgKeys.all });
    void qc.invalidateQueries({ queryKey: memberKeys.all });
  };
  return {
    create: useMutation({
      mutationFn: (body: OrgInput) => apiPost<OrgDetail>('/api/orgs', body),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: Partial<OrgInput> & { id: string }) =>
        apiPatch<OrgDetail>(`/api/orgs/${id}`, body),
      onSuccess: refresh,
    }),
    move: useMutation({
      mutationFn: ({ id, parentId }: { id: string; parentId: string }) =>
        apiPost<OrgDetail>(`/api/orgs/${id}/move`, { parentId }),
      onSuccess: refresh,
    }),
    setActive: useMutation({
      mutationFn: ({ id, active }: { id: string; active: boolean }) =>
        apiPost<OrgDetail>(`/api/orgs/${id}/${active ? 'reactivate' : 'deactivate'}`),
      onSuccess: refresh,
    }),
  };
}

export function useMembers(filters: MemberFilters, enabled = true) {
  return useQuery({
    queryKey: memberKeys.list(filters),
    queryFn: ({ signal }) =>
      apiGet<{ total: number; items: Member[] }>(`/api/members${qs({ ...filters })}`, signal),
    placeholderData: (prev) => prev,
    enabled,
  });
}

export function useMember(id: string) {
  return useQuery({
    queryKey: memberKeys.detail(id),
    queryFn: ({ signal }) => apiGet<MemberDetail>(`/api/members/${id}`, signal),
  });
}

export function useMemberHistory(id: string) {
  return useQuery({
    queryKey: memberKeys.history(id),
    queryFn: ({ signal }) => apiGet<{ items: AuditRow[] }>(`/api/members/${id}/history`, signal),
  });
}

export function useMemberMutations() {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: memberKeys.all });
    void qc.invalidateQueries({ queryKey: orgKeys.all });
  };
  return {
    create: useMutation({
      mutationFn: (body: MemberInput) => apiPost<MemberDetail>('/api/members', body),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: Partial<MemberInput> & { id: string }) =>
        apiPatch<MemberDetail>(`/api/members/${id}`, body),
      onSuccess: refresh,
    }),
    move: useMutation({
      mutationFn: ({ id, orgId }: { id: string; orgId: string }) =>
        apiPost<MemberDetail>(`/api/members/${id}/move`, { orgId }),
      onSuccess: refresh,
    }),
    setActive: useMutation({
      mutationFn: ({ id, active }: { id: string; active: boolean }) =>
        apiPost<MemberDetail>(`/api/members/${id}/${active ? 'reactivate' : 'deactivate'}`),
      onSuccess: refresh,
    }),
  };
}
