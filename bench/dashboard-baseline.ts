import { sql, type Kysely } from 'kysely';
import type { DB } from '../apps/server/src/db/types.ts';
import { lowest } from '../apps/server/src/modules/dashboard/laggards.ts';
import { weekEnding } from '../apps/server/src/modules/dashboard/timeline.ts';

/** The numbers the bench compares: totals, each child's, the branch laggards, the last week. */
export interface Compared {
  totals: string;
  children: string[];
  laggards: string[];
  lastWeek: string;
}

const BRANCH = ['branch', 'general_branch'];
const MEASURES = ['plans', 'lectures', 'coverage'] as const;
type Sums = {
  branches: number;
  filed: number;
  records: number;
  lectured_orgs: number;
  members: number;
  lectured: number;
};
const zero = (): Sums => ({ branches: 0, filed: 0, records: 0, lectured_orgs: 0, members: 0, lectured: 0 });

/**
 * The dashboard's numbers counted from the raw rows per request (orgs, lecture_plans, lecture_records,
 * members): what the page would cost without the rollups. Each org path's counts are added to every
 * ancestor path, so the subtree of any org is one lookup.
 */
export async function rawDashboard(
  db: Kysely<DB>,
  campaignId: string,
  org: { id: string; path: string },
): Promise<Compared> {
  const like = `${org.path}%`;
  const [orgs, planned, plans, lectures, members, weeks] = await Promise.all([
    db
      .selectFrom('orgs')
      .select(['id', 'name', 'type', 'path', 'parent_id', 'sort_order'])
      .where('path', 'like', like)
      .where('active', '=', true)
      .execute(),
    db.selectFrom('lecture_plans').select('org_id').where('campaign_id', '=', campaignId).execute(),
    sql<{ org_path: string; n: number }>`SELECT org_path, count(*)::int AS n FROM lecture_plans
      WHERE campaign_id = ${campaignId} AND org_path LIKE ${like} AND status IN ('submitted', 'accepted') GROUP BY 1`.execute(
      db,
    ),
    sql<{ org_path: string; n: number }>`SELECT org_path, count(*)::int AS n FROM lecture_records
      WHERE campaign_id = ${campaignId} AND org_path LIKE ${like} AND status <> 'returned' AND deleted_at IS NULL GROUP BY 1`.execute(
      db,
    ),
    sql<{ org_path: string; members: number; lectured: number }>`
      SELECT m.org_path, count(*)::int AS members,
             (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM lecture_records l WHERE l.speaker_member_id = m.id
               AND l.campaign_id = ${campaignId} AND l.status <> 'returned' AND l.deleted_at IS NULL)))::int AS lectured
        FROM members m WHERE m.active AND m.org_path LIKE ${like} GROUP BY 1`.execute(db),
    sql<{ d: string; plans: number; lectures: number }>`
      SELECT d::text, sum(plans)::int AS plans, sum(lectures)::int AS lectures FROM (
        SELECT ((coalesce(submitted_at, updated_at) AT TIME ZONE 'UTC') + interval '8 hours')::date AS d, 1 AS plans, 0 AS lectures
          FROM lecture_plans WHERE campaign_id = ${campaignId} AND org_path LIKE ${like} AND status IN ('submitted', 'accepted')
        UNION ALL
        SELECT held_on, 0, 1 FROM lecture_records
         WHERE campaign_id = ${campaignId} AND org_path LIKE ${like} AND status <> 'returned' AND deleted_at IS NULL) x
      GROUP BY d`.execute(db),
  ]);
  const at = new Map<string, Sums>();
  const add = (path: string, f: (s: Sums) => void) => {
    for (let i = path.indexOf('.'); i >= 0; i = path.indexOf('.', i + 1)) {
      const p = path.slice(0, i + 1);
      if (!at.has(p)) at.set(p, zero());
      f(at.get(p)!);
    }
  };
  // The branches expected to file a plan: 党支部, and 党总支 with members of their own or a plan.
  const hasPlan = new Set(planned.map((p) => p.org_id));
  const hasMembers = new Set(members.rows.filter((r) => r.members > 0).map((r) => r.org_path));
  const files = (o: { id: string; type: string; path: string }) =>
    o.type === 'branch' || (BRANCH.includes(o.type) && (hasPlan.has(o.id) || hasMembers.has(o.path)));
  for (const o of orgs) if (files(o)) add(o.path, (s) => (s.branches += 1));
  for (const r of plans.rows) add(r.org_path, (s) => (s.filed += r.n));
  for (const r of lectures.rows) add(r.org_path, (s) => ((s.records += r.n), (s.lectured_orgs += 1)));
  for (const r of members.rows)
    add(r.org_path, (s) => ((s.members += r.members), (s.lectured += r.lectured)));
  const of = (path: string) => at.get(path) ?? zero();
  const line = (s: Sums) =>
    `${s.filed}/${s.branches} ${s.records} ${s.lectured_orgs} ${s.lectured}/${s.members}`;
  const kids = orgs
    .filter((o) => o.parent_id === org.id)
    .sort((a, b) => a.sort_order - b.sort_order || Number(a.id) - Number(b.id));
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const branches = orgs.filter((o) => files(o) && o.id !== org.id);
  const laggards = MEASURES.map((m) => {
    const pick = (s: Sums) =>
      m === 'plans'
        ? { done: s.filed, of: s.branches }
        : m === 'lectures'
          ? { done: s.lectured_orgs, of: s.branches }
          : { done: s.lectured, of: s.members };
    const list = branches.map((b) => ({
      org: { id: b.id, name: b.name, type: b.type },
      isBranch: true,
      parentName: b.parent_id ? (names.get(b.parent_id) ?? null) : null,
      ...pick(of(b.path)),
    }));
    return `${m}: ${lowest(list, m, 10, new Map())
      .map((l) => `${l.org.id}=${l.done}/${l.of}`)
      .join(' ')}`;
  });
  const total = { plans: 0, lectures: 0 };
  let last = '';
  for (const w of weeks.rows) {
    total.plans += w.plans;
    total.lectures += w.lectures;
    const e = weekEnding(w.d);
    if (e > last) last = e;
  }
  return {
    totals: line(of(org.path)),
    children: kids.map((k) => line(of(k.path))),
    laggards,
    lastWeek: `${last} ${total.plans} ${total.lectures}`,
  };
}
