import type { RoleName } from '../../db/types.ts';
import type { TestContext } from '../../test/harness.ts';

type Org = { id: string; path: string };

/** A pool row for `org`, inserted directly (the pool module owns the table; tests only need rows). */
export async function insertPool(t: TestContext, org: Org & { name?: string }, name = '师资库') {
  const row = await t.db
    .insertInto('speaker_pools')
    .values({ org_id: org.id, org_path: org.path, name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An active speaker of a pool: a member of the tree (memberId) or an outside expert. */
export async function insertSpeaker(
  t: TestContext,
  poolId: string,
  v: { name: string; memberId?: string | null; status?: 'active' | 'left'; phone?: string },
) {
  const row = await t.db
    .insertInto('pool_speakers')
    .values({
      pool_id: poolId,
      member_id: v.memberId ?? null,
      name: v.name,
      phone: v.phone ?? '13800000000',
      source: 'direct',
      status: v.status ?? 'active',
      audiences: ['village', 'enterprise'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * 讲台市 ─ 甲县 ─ 甲县一村支部 (王书记) · 甲县二支部 (宣讲人刘讲 is a member here, with an account)
 *        └ 乙县 ─ 乙县支部 (吴书记)
 * Pools: the city's, 甲县's (刘讲 with an account, 外请专家张教授 without), 乙县's (乙讲).
 * Accounts: secA, secB (secretaries), speaker (刘讲), orgA / orgB (organisers of the counties),
 * unitA (unit admin of 甲县), cityOrg (the city's organiser), plain (a member of 甲县一村 without a position).
 */
export async function ordersScene(t: TestContext) {
  const f = t.factories;
  const city = await f.org({ name: '讲台市', type: 'committee' });
  const countyA = await f.org({ name: '甲县', type: 'unit', parent: city });
  const countyB = await f.org({ name: '乙县', type: 'unit', parent: city });
  const branchA = await f.org({ name: '甲县一村支部', type: 'branch', parent: countyA });
  const branchA2 = await f.org({ name: '甲县二支部', type: 'branch', parent: countyA });
  const branchB = await f.org({ name: '乙县支部', type: 'branch', parent: countyB });
  const secA = await f.member(branchA, { name: '王书记', positions: ['书记'] });
  const plain = await f.member(branchA, { name: '李党员' });
  const secB = await f.member(branchB, { name: '吴书记', positions: ['书记'] });
  const lecturer = await f.member(branchA2, { name: '刘讲' });

  async function memberAccount(username: string, member: { id: string; org_id: string; org_path: string }) {
    const user = await f.user([{ role: 'member', org: { id: member.org_id, path: member.org_path } }], {
      username,
    });
    await t.db.updateTable('users').set({ member_id: member.id }).where('id', '=', user.id).execute();
    return user;
  }
  const users = {
    secA: await memberAccount('ord_seca', secA),
    secB: await memberAccount('ord_secb', secB),
    speaker: await memberAccount('ord_speaker', lecturer),
    plain: await memberAccount('ord_plain', plain),
  };
  const grant = (role: RoleName, org: Org, username: string) => f.user([{ role, org }], { username });
  await grant('organiser', countyA, 'ord_orga');
  await grant('organiser', countyB, 'ord_orgb');
  await grant('unit_admin', countyA, 'ord_unita');
  await grant('organiser', city, 'ord_city');

  const pools = {
    city: await insertPool(t, city, '讲台市师资库'),
    a: await insertPool(t, countyA, '甲县师资库'),
    b: await insertPool(t, countyB, '乙县师资库'),
  };
  const speakers = {
    liu: await insertSpeaker(t, pools.a, { name: '刘讲', memberId: lecturer.id }),
    zhang: await insertSpeaker(t, pools.a, { name: '张教授' }),
    gone: await insertSpeaker(t, pools.a, { name: '退库者', status: 'left' }),
    bSpeaker: await insertSpeaker(t, pools.b, { name: '乙讲' }),
  };
  const as = {
    secA: await t.login('ord_seca'),
    secB: await t.login('ord_secb'),
    speaker: await t.login('ord_speaker'),
    plain: await t.login('ord_plain'),
    orgA: await t.login('ord_orga'),
    orgB: await t.login('ord_orgb'),
    unitA: await t.login('ord_unita'),
    cityOrg: await t.login('ord_city'),
  };
  return { city, countyA, countyB, branchA, branchA2, branchB, users, pools, speakers, as };
}
export type OrdersScene = Awaited<ReturnType<typeof ordersScene>>;

export const menuItemBody = (speakerIds: string[], over: Record<string, unknown> = {}) => ({
  title: '学习二十届四中全会精神',
  summary: '结合乡村振兴讲透全会精神',
  category: '理论宣讲',
  speakerIds,
  durationMinutes: 45,
  format: 'onsite',
  audiences: ['village', 'community'],
  ...over,
});

export const orderBody = (poolId: string, orgId: string, over: Record<string, unknown> = {}) => ({
  poolId,
  orgId,
  topic: '乡村振兴政策解读',
  audience: 'village',
  preferredDates: ['2026-07-10', '2026-07-12'],
  place: '村党群服务中心',
  audienceSize: 40,
  contactName: '王书记',
  contactPhone: '13912345678',
  ...over,
});
