import { useQuery } from '@tanstack/react-query';
import type { CoverageView } from '@jiangtai/contracts';
import { apiGet, qs } from '../../lib/api.ts';

export const coverageKeys = {
  view: (campaignId: string, orgId: string | undefined) => ['coverage', campaignId, orgId ?? 'top'] as const,
};

/** 人人上讲台 coverage of a campaign at an org (or at the viewer's top when no org is given). */
export function useCoverage(campaignId: string, orgId: string | undefined) {
  return useQuery({
    queryKey: coverageKeys.view(campaignId, orgId),
    queryFn: ({ signal }) =>
      apiGet<CoverageView>(`/api/campaigns/${campaignId}/coverage${qs({ orgId })}`, signal),
  });
}

export const coverageExportUrl = (campaignId: string, orgId: string | undefined) =>
  `/api/campaigns/${campaignId}/coverage/export${qs({ orgId })}`;
