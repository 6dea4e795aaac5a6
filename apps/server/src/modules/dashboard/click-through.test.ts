import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  entryStates,
  type DashboardNumbers,
  type EntryListResponse,
  type EntryState,
  type LearningTaskList,
  type LectureRecordList,
  type OrderStatsRow,
} from '@jiangtai/contracts';
import type { LectureOrderState } from '../../db/types.ts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { coverageCampaign, lecture } from '../coverage/test-coverage-support.ts';
import { insertEntry } from '../entries/repository.ts';
import { classroomLecture, finished, learningTask } from '../learning/test-learning-support.ts';
import { dashboardOf, dashboardScene, type DashboardScene } from './test-dashboard-scene.ts';

/**
 * Every number of the dashboard opens the list behind it: each list narrowed to the dashboard's org
 * (and campaign) shows as many rows as the card counts, for the city's admin and the county's; an org
 * outside the viewer's scope is refused like one that does not exist, a malformed id is a 400.
 */

let t: TestContext;
let s: DashboardScene;
let c: Awaited<ReturnType<DashboardScene['dashboardOthers']>>;
let otherCampaign: string;

type Org = { id: string; path: string };

async function pool(org: Org, name: string) {
  return (
    await t.db
      .insertInto('speaker_pools')
      .values({ org_id: org.id, org_path: org.path, name })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function order(poolId: string, org: Org, state: LectureOrderState) {
  const dispatched = state !== 'ordered' && state !== 'cancelled';
  const speaker = dispatched
    ? (
        await t.db
          .insertInto('pool_speakers')
          .values({ pool_id: poolId, name: '专家', source: 'direct', status: 'active' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    : null;
  const now = t.clock.now();
  await t.db
    .insertInto('lecture_orders')
    .values({
      pool_id: poolId,
      org_id: org.id,
      topic: '点单主题',
      audience: 'village',
      preferred_dates: ['2026-07-10'],
      place: '会议室',
      audience_size: 30,
      contact_name: '联系人',
      contact_phone: '13912345678',
      state,
      speaker_id: speaker,
      dispatched_at: dispatched ? now : null,
      reply_due_at: dispatched ? new Date(now.getTime() + 3 * 86_400_000) : null,
      attendance: state === 'delivered' ? 25 : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

async function entry(campaignId: string, unit: Org, memberId: string, state: EntryState) {
  const id = await insertEntry(t.db, {
    campaignId,
    stageKey: 'preliminary',
    memberId,
    unit,
    title: '作品',
    categoryKey: 'theory',
    outline: '',
    createdBy: s.adminId,
    now: t.clock.now(),
  });
  if (state !== 'draft') await t.db.updateTable('entries').set({ state }).where('id', '=', id).execute();
}

beforeAll(async () => {
  t = await createTestContext();
  s = await dashboardScene(t, 'clk');
  c = await s.dashboardOthers();
  const p = s.people;
  otherCampaign = await coverageCampaign(t, s.city);
  // Lectures: 2 counting in 一支部 (one confirmed), a returned and a deleted one in 二支部, one in
  // 乙县, and one of another campaign in 一支部.
  await s.record(p.zhao, s.b1);
  await lecture(t, {
    campaignId: s.campaignId,
    org: s.b1,
    speaker: p.li,
    status: 'confirmed',
    createdBy: s.adminId,
  });
  await s.record(p.zheng, s.b2, { status: 'returned' });
  await s.record(p.wu, s.b2, { deleted: true });
  await s.record(p.wang, s.b3);
  await lecture(t, { campaignId: otherCampaign, org: s.b1, speaker: p.sun, createdBy: s.adminId });
  // Entries of 甲县's branches in several states, one of 乙县, one of the other campaign.
  await entry(s.campaignId, s.b1, p.zhao.id, 'submitted');
  await entry(s.campaignId, s.b1, p.li.id, 'recommended');
  await entry(s.campaignId, s.b2, p.zheng.id, 'draft');
  await entry(s.campaignId, s.b2, p.wu.id, 'withdrawn');
  await entry(s.campaignId, s.b3, p.wang.id, 'submitted');
  await entry(otherCampaign, s.b1, p.qian.id, 'submitted');
  // Orders: 甲县's pool gets 甲县's orders (one cancelled), the city's pool one of 乙县.
  const jiaPool = await pool(s.jia, '甲县师资库');
  const cityPool = await pool(s.city, '市委师资库');
  await order(jiaPool, s.b1, 'delivered');
  await order(jiaPool, s.b2, 'ordered');
  await order(jiaPool, s.b2, 'cancelled');
  await order(cityPool, s.b3, 'delivered');
  // Study tasks: the city's, 东镇's, and a cancelled one of 甲县; two members completed the city's.
  const cityLecture = await classroomLecture(t.db, s.city);
  await learningTask(t.db, s.city, [cityLecture]);
  await learningTask(t.db, s.town, [await classroomLecture(t.db, s.town)]);
  const cancelled = await learningTask(t.db, s.jia, [await classroomLecture(t.db, s.jia)]);
  await t.db
    .updateTable('learning_tasks')
    .set({ cancelled_at: new Date(), cancel_reason: '重复' })
    .where('id', '=', cancelled)
    .execute();
  await finished(t.db, p.zhao.id, cityLecture);
  await finished(t.db, p.wang.id, cityLecture);
});
afterAll(async () => t.close());

const lectures = (client: Client, query: string) => client.get(`/api/lectures/records?pageSize=100&${query}`);
const entries = (client: Client, query: string) =>
  client.get(`/api/campaigns/${s.campaignId}/entries?${query}`);
const orderStats = (client: Client, query: string) => client.get(`/api/orders/stats?${query}`);
const tasks = (client: Client, query: string) => client.get(`/api/learning/tasks?${query}`);

/** What each list narrowed to `orgId` shows, in the dashboard's measures. */
async function listed(client: Client, orgId: string) {
  const scope = `campaignId=${s.campaignId}&underOrgId=${orgId}`;
  const counted = (await lectures(client, `${scope}&status=counted`)).json<LectureRecordList>();
  const confirmed = (await lectures(client, `${scope}&status=confirmed`)).json<LectureRecordList>();
  const e = (await entries(client, `orgId=${orgId}`)).json<EntryListResponse>();
  const byState = Object.fromEntries(entryStates.map((st) => [st, 0])) as Record<EntryState, number>;
  for (const x of e.items) byState[x.state] += 1;
  const o = (await orderStats(client, `orgId=${orgId}`)).json<{ total: OrderStatsRow }>();
  const l = (await tasks(client, `orgId=${orgId}`)).json<LearningTaskList>();
  return {
    lectures: { records: counted.total, confirmed: confirmed.total },
    entries: byState,
    orders: { placed: o.total.orders - (o.total.byState.cancelled ?? 0), delivered: o.total.delivered },
    learning: { assigned: l.org!.assigned, completed: l.org!.completed },
    names: [counted.org?.name, e.org?.name, l.org?.name],
  };
}

const measures = (n: DashboardNumbers) => ({
  lectures: { records: n.lectures.records, confirmed: n.lectures.confirmed },
  entries: n.entries,
  orders: n.orders,
  learning: n.learning,
});

describe('the lists behind the dashboard’s numbers', () => {
  it('200: narrowed to an org, each list counts what its card counts (city admin and county admin)', async () => {
    for (const [client, orgId, name] of [
      [s.admin, s.jia.id, '甲县'],
      [s.admin, s.town.id, '东镇'],
      [s.admin, s.city.id, '市委'],
      [c.jiaAdmin, s.jia.id, '甲县'],
    ] as const) {
      const dash = await dashboardOf(client, s.campaignId, orgId);
      const got = await listed(client, orgId);
      expect({ ...got, names: undefined }).toEqual(measures(dash.totals));
      expect(got.names).toEqual([name, name, name]);
    }
    // Spelled out for 甲县, so the numbers above are not all zero.
    const jia = await listed(s.admin, s.jia.id);
    expect(jia.lectures).toEqual({ records: 2, confirmed: 1 });
    expect(jia.entries).toMatchObject({ submitted: 1, recommended: 1, draft: 1, withdrawn: 1 });
    expect(jia.orders).toEqual({ placed: 2, delivered: 1 });
    expect(jia.learning.completed).toBe(1);
  });

  it("200: a county's supervisor opens the county's records of the city's campaign, as many as the card says", async () => {
    await t.factories.user([{ role: 'supervisor', org: s.jia }], { username: 'ct_jia_sup' });
    const sup = await t.login('ct_jia_sup');
    const dash = await dashboardOf(sup, s.campaignId, s.jia.id);
    const scope = `campaignId=${s.campaignId}&underOrgId=${s.jia.id}`;
    const counted = (await lectures(sup, `${scope}&status=counted`)).json<LectureRecordList>();
    expect(counted.total).toBe(dash.totals.lectures.records);
    expect(counted.total).toBeGreaterThan(0);
    // Nothing of the sibling county, and no org beyond the county to narrow to.
    expect((await lectures(sup, `campaignId=${s.campaignId}&underOrgId=${s.yi.id}`)).statusCode).toBe(404);
    const all = (await lectures(sup, `campaignId=${s.campaignId}&status=counted`)).json<LectureRecordList>();
    expect(all.total).toBe(counted.total);
  });

  it('200: without the org the lists are wider, and keep their old answers', async () => {
    const all = (
      await lectures(s.admin, `campaignId=${s.campaignId}&status=counted`)
    ).json<LectureRecordList>();
    expect(all.total).toBe(3);
    expect(all.org).toBeNull();
    const allEntries = (await entries(s.admin, '')).json<EntryListResponse>();
    expect(allEntries.items).toHaveLength(5);
    expect(allEntries.org).toBeNull();
    const pools = (await orderStats(s.admin, '')).json<{ org: null; rows: OrderStatsRow[] }>();
    expect(pools.org).toBeNull();
    expect(pools.rows.map((r) => [r.orgName, r.orders])).toEqual([
      ['市委师资库', 1],
      ['甲县师资库', 3],
    ]);
    const allTasks = (await tasks(s.admin, '')).json<LearningTaskList>();
    expect(allTasks.org).toBeNull();
    expect(allTasks.items).toHaveLength(3);
    expect(allTasks.items.every((x) => x.inOrg === null)).toBe(true);
    // Narrowed to 乙县 the county's task list leaves out 东镇's task; the cancelled one has no numbers.
    const yi = (await tasks(s.admin, `orgId=${s.yi.id}`)).json<LearningTaskList>();
    expect(yi.items).toHaveLength(1);
    const jia = (await tasks(s.admin, `orgId=${s.jia.id}`)).json<LearningTaskList>();
    expect(jia.items).toHaveLength(3);
    expect(jia.items.filter((x) => x.inOrg === null).map((x) => x.cancelled)).toEqual([true]);
  });

  it('400 for a malformed org id', async () => {
    for (const res of [
      await lectures(s.admin, 'underOrgId=abc'),
      await lectures(s.admin, 'status=lost'),
      await entries(s.admin, 'orgId=0'),
      await orderStats(s.admin, 'orgId=x1'),
      await tasks(s.admin, 'orgId=-5'),
    ])
      expect(res.statusCode, res.body).toBe(400);
  });

  it('404 for an org outside the viewer’s scope or none at all; 403 where the list itself is closed', async () => {
    const none = '999999999';
    for (const orgId of [s.yi.id, s.b3.id, s.city.id, none]) {
      expect((await lectures(c.jiaAdmin, `underOrgId=${orgId}`)).statusCode).toBe(404);
      expect((await entries(c.jiaAdmin, `orgId=${orgId}`)).statusCode).toBe(404);
      expect((await orderStats(c.jiaAdmin, `orgId=${orgId}`)).statusCode).toBe(404);
      expect((await tasks(c.jiaAdmin, `orgId=${orgId}`)).statusCode).toBe(404);
    }
    for (const res of [
      await lectures(s.admin, `underOrgId=${none}`),
      await entries(s.admin, `orgId=${none}`),
      await orderStats(s.admin, `orgId=${none}`),
      await tasks(s.admin, `orgId=${none}`),
    ])
      expect(res.statusCode).toBe(404);
    // 二支部's secretary lists their branch's records only: 一支部 is not theirs.
    const wu = await t.login('clk_wu');
    expect((await lectures(wu, `underOrgId=${s.b2.id}`)).statusCode).toBe(200);
    expect((await lectures(wu, `underOrgId=${s.b1.id}`)).statusCode).toBe(404);
    // Nothing more than the list shows without the filter: the secretary's 二支部 has no counting record.
    expect((await lectures(wu, `underOrgId=${s.b2.id}&status=counted`)).json<LectureRecordList>().total).toBe(
      0,
    );
    // The study-task list stays closed to a judge, the order statistics give a plain member nothing.
    expect((await tasks(c.judge, `orgId=${s.jia.id}`)).statusCode).toBe(403);
    expect((await orderStats(c.plain, `orgId=${s.b2.id}`)).statusCode).toBe(404);
  });
});
