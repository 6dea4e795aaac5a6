import { sql } from 'kysely';
import { childSums } from '../coverage/repository.ts';
import { addSums, ZERO_SUMS } from '../coverage/rules.ts';
import type { Db } from './repository.ts';

/** The key numbers of a season in an org's subtree, each one short query on the owning module's tables. */
export async function summaryNumbers(
  db: Db,
  s: { campaignId: string; org: { id: string; path: string }; seasonFrom: string; seasonTo: string },
) {
  const like = `${s.org.path}%`;
  const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows[0]!;
  const [plans, lectures, months, stages, pool, orders, cov] = await Promise.all([
    one(sql<{ filed: number; lines: number }>`
      SELECT count(*)::int AS filed,
             coalesce(sum((SELECT count(*) FROM lecture_plan_lines l WHERE l.plan_id = p.id AND l.removed_at IS NULL)), 0)::int AS lines
        FROM lecture_plans p
       WHERE p.campaign_id = ${s.campaignId} AND p.org_path LIKE ${like} AND p.submitted_at IS NOT NULL
         AND p.status IN ('submitted', 'accepted')`),
    one(sql<{ count: number; audience: number }>`
      SELECT count(*)::int AS count, coalesce(sum(attendance), 0)::int AS audience
        FROM lecture_records
       WHERE campaign_id = ${s.campaignId} AND org_path LIKE ${like} AND deleted_at IS NULL AND status <> 'returned'`),
    sql<{ month: string; count: number }>`
      SELECT to_char(held_on, 'YYYY-MM') AS month, count(*)::int AS count
        FROM lecture_records
       WHERE campaign_id = ${s.campaignId} AND org_path LIKE ${like} AND deleted_at IS NULL AND status <> 'returned'
       GROUP BY 1 ORDER BY 1`.execute(db),
    sql<{ stage_key: string; state: string; count: number }>`
      SELECT stage_key, state, count(*)::int AS count
        FROM entries
       WHERE campaign_id = ${s.campaignId} AND unit_org_path LIKE ${like} AND state IN ('submitted', 'recommended')
       GROUP BY 1, 2`.execute(db),
    one(sql<{ active: number; joined: number }>`
      SELECT count(*) FILTER (WHERE ps.status = 'active')::int AS active,
             count(*) FILTER (WHERE to_char(ps.joined_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')
                               BETWEEN ${s.seasonFrom} AND ${s.seasonTo})::int AS joined
        FROM pool_speakers ps JOIN speaker_pools sp ON sp.id = ps.pool_id
       WHERE sp.org_path LIKE ${like}`),
    one(sql<{ delivered: number; audience: number }>`
      SELECT count(*)::int AS delivered, coalesce(sum(lo.attendance), 0)::int AS audience
        FROM lecture_orders lo JOIN orgs o ON o.id = lo.org_id
       WHERE o.path LIKE ${like} AND lo.state IN ('delivered', 'rated')
         AND to_char(lo.delivered_on, 'YYYY-MM-DD') BETWEEN ${s.seasonFrom} AND ${s.seasonTo}`),
    childSums(db, s.campaignId, s.org),
  ]);
  // The coverage module's rollups: the org's own members plus each child's subtree.
  const self = cov.find((r) => r.self);
  const totals = cov.filter((r) => !r.self).reduce(addSums, self?.own ?? ZERO_SUMS);
  return {
    plans,
    lectures,
    months: months.rows,
    stages: stages.rows,
    pool,
    orders,
    coverage: {
      members: totals.members,
      lectured: totals.lectured,
      percent: totals.members ? Math.round((1000 * totals.lectured) / totals.members) / 10 : null,
    },
  };
}

export type SummaryNumbers = Awaited<ReturnType<typeof summaryNumbers>>;
