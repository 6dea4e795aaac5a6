import type { AudienceType, OrderState, OrderStatsRow } from '@jiangtai/contracts';
import { scopePrefixes, type Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { forbidden, invalid, notVisible } from '../../lib/errors.ts';
import { loadVisiblePool } from './menu-service.ts';
import { POOL_MANAGERS } from './policy.ts';
import { findOrg, type Db } from './repository.ts';

interface OrderFact {
  state: OrderState;
  audience: string;
  attendance: number | null;
  rating_content: number | null;
  rating_delivery: number | null;
}

/** One row of numbers over some orders; the rating average is of (content + delivery) / 2, one decimal. */
export function summarise(orgId: string, orgName: string, facts: OrderFact[]): OrderStatsRow {
  const byState: OrderStatsRow['byState'] = {};
  const byAudience: OrderStatsRow['byAudience'] = {};
  let delivered = 0;
  let reached = 0;
  let ratingSum = 0;
  let rated = 0;
  for (const f of facts) {
    byState[f.state] = (byState[f.state] ?? 0) + 1;
    byAudience[f.audience as AudienceType] = (byAudience[f.audience as AudienceType] ?? 0) + 1;
    if (f.state === 'delivered' || f.state === 'rated') {
      delivered += 1;
      reached += f.attendance ?? 0;
    }
    if (f.rating_content !== null && f.rating_delivery !== null) {
      ratingSum += f.rating_content + f.rating_delivery;
      rated += 2;
    }
  }
  return {
    orgId,
    orgName,
    orders: facts.length,
    byState,
    byAudience,
    delivered,
    audienceReached: reached,
    ratingAverage: rated ? Math.round((ratingSum / rated) * 10) / 10 : null,
  };
}

function facts(db: Db) {
  return db
    .selectFrom('lecture_orders as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .innerJoin('speaker_pools as p', 'p.id', 'r.pool_id')
    .innerJoin('orgs as po', 'po.id', 'p.org_id')
    .select([
      'r.pool_id',
      'r.state',
      'r.audience',
      'r.attendance',
      'r.rating_content',
      'r.rating_delivery',
      'o.path as org_path',
    ]);
}

/**
 * 点单统计 for the pools' managers: without a pool, one row per pool they manage (over the orders an
 * org's subtree placed when `orgId` is given, as the dashboard counts an org's orders); with a pool, one row
 * per child org of `orgId` (the pool's org by default) over the orders its subtree placed — drill down by
 * passing a child's id.
 */
export function orderStats({ db }: AppDeps) {
  return {
    async rows(actor: Actor, q: { poolId?: string; orgId?: string }) {
      if (!q.poolId) {
        const prefixes = scopePrefixes(actor, POOL_MANAGERS);
        // An org narrows every pool's numbers to the orders its subtree placed; it must lie in a
        // subtree the actor manages pools of (one outside answers as one that does not exist).
        const under = q.orgId ? await findOrg(db, q.orgId) : undefined;
        if (q.orgId && (!under || !prefixes.some((p) => under.path.startsWith(p))))
          throw notVisible('组织', '查看');
        const org = under ? { id: under.id, name: under.name } : null;
        if (prefixes.length === 0) return { org, rows: [], total: summarise('', '合计', []) };
        const pools = await db
          .selectFrom('speaker_pools as p')
          .innerJoin('orgs as o', 'o.id', 'p.org_id')
          .select(['p.id', 'p.name', 'o.path'])
          .where((eb) => eb.or(prefixes.map((p) => eb('o.path', 'like', `${p}%`))))
          .orderBy('o.path')
          .execute();
        let found = facts(db).where(
          'r.pool_id',
          'in',
          pools.map((p) => p.id),
        );
        if (under) found = found.where('o.path', 'like', `${under.path}%`);
        const all = pools.length ? await found.execute() : [];
        return {
          org,
          rows: pools.map((p) =>
            summarise(
              p.id,
              p.name,
              all.filter((f) => f.pool_id === p.id),
            ),
          ),
          total: summarise('', '合计', all),
        };
      }
      const { pool, manage } = await loadVisiblePool(db, actor, q.poolId);
      if (!manage) throw forbidden('点单统计只对师资库的组织者、管理员开放');
      const org = await db
        .selectFrom('orgs')
        .select(['id', 'name', 'path'])
        .where('id', '=', q.orgId ?? pool.org_id)
        .executeTakeFirst();
      // A missing org answers like one outside the pool: two answers would tell which org ids exist.
      if (!org || !org.path.startsWith(pool.org_path)) throw invalid('该组织不在这个师资库的服务范围内');
      const children = await db
        .selectFrom('orgs')
        .select(['id', 'name', 'path'])
        .where('parent_id', '=', org.id)
        .orderBy('path')
        .execute();
      const all = await facts(db)
        .where('r.pool_id', '=', pool.id)
        .where('o.path', 'like', `${org.path}%`)
        .execute();
      return {
        org: { id: org.id, name: org.name },
        rows: children.map((c) =>
          summarise(
            c.id,
            c.name,
            all.filter((f) => f.org_path.startsWith(c.path)),
          ),
        ),
        total: summarise(org.id, org.name, all),
      };
    },
  };
}
