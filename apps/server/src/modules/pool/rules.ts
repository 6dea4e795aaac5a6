import { poolProgress } from '@jiangtai/contracts';

/**
 * A pool's size target (the seed: each county ≥ 20, the city its own): the pool's own target when it
 * has one; else, for a pool whose org is a direct child of a campaign's organiser (a county under the
 * city), the largest `speakerPool.targetPerCounty` among the published campaigns that org organises;
 * else none. `inheritedByParent` maps an organiser org id to that largest target.
 */
export function effectiveTarget(
  pool: { target: number | null; org_parent_id: string | null },
  inheritedByParent: ReadonlyMap<string, number>,
): { target: number | null; source: 'pool' | 'campaign' | null } {
  if (pool.target !== null) return { target: pool.target, source: 'pool' };
  const inherited = pool.org_parent_id ? inheritedByParent.get(pool.org_parent_id) : undefined;
  return inherited ? { target: inherited, source: 'campaign' } : { target: null, source: null };
}

export interface ProgressRow {
  active: number;
  target: number | null;
  percent: number | null;
  org: { name: string };
}

/** Laggards first: the lowest share of the target, then those without a target, then by name. */
export function laggardsFirst<T extends ProgressRow>(rows: T[]): T[] {
  const rank = (r: T) => (r.percent === null ? 101 : r.percent);
  return [...rows].sort(
    (a, b) => rank(a) - rank(b) || a.active - b.active || a.org.name.localeCompare(b.org.name, 'zh-CN'),
  );
}

export { poolProgress };

/** 政治面貌 of a member of the tree, from the member record. */
export const memberPoliticalStatus = (partyStatus: 'full' | 'probationary') =>
  partyStatus === 'probationary' ? '中共预备党员' : '中共党员';

/** Specialties as typed: trimmed, blank and repeated ones dropped, order kept. */
export const cleanList = (xs: readonly string[] | undefined) => [
  ...new Set((xs ?? []).map((x) => x.trim()).filter(Boolean)),
];
