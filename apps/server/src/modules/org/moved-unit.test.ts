import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgTypeLabels } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { movedUnitScene, type MovedUnitScene } from './test-moved-unit-scene.ts';
import { upload, xlsx } from './test-support.ts';

/**
 * 县教育局 moves from 甲县 to 乙县. Everything that belongs to it — its entries, its own 初赛 round, the
 * judges on that round's panel, its jobs — must move with it: 甲县's admin loses them, 县教育局's own
 * admin and 乙县's admin have them. The move is made once through the org page and once by Excel import.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

const ids = (res: { json: <T>() => T }) => res.json<{ items: { id: string }[] }>().items.map((i) => i.id);

async function expectFollowedTheUnit(s: MovedUnitScene) {
  const unit = await t.db
    .selectFrom('orgs')
    .select('path')
    .where('id', '=', s.unit.id)
    .executeTakeFirstOrThrow();
  expect(unit.path).toBe(`${s.yi.path}${s.unit.id}.`);

  // 甲县's admin: the entry, the round and the job are no longer theirs, in detail or in lists.
  const jia = s.jiaAdmin.client;
  // An entry outside one's scope is answered as if it did not exist.
  expect((await jia.get(`/api/entries/${s.entryId}`)).statusCode).toBe(404);
  expect(
    (await jia.post(`/api/entries/${s.entryId}/return`, { reason: '材料不全，请补充' })).statusCode,
  ).toBe(404);
  const jiaEntries = await jia.get(`/api/campaigns/${s.campaignId}/entries`);
  expect(jiaEntries.statusCode).toBe(200);
  expect(ids(jiaEntries)).not.toContain(s.entryId);
  expect((await jia.get(`/api/rounds/${s.roundId}`)).statusCode).toBe(403);
  const jiaRounds = await jia.get(`/api/campaigns/${s.campaignId}/rounds`);
  expect(jiaRounds.statusCode).toBe(200);
  expect(ids(jiaRounds)).not.toContain(s.roundId);
  expect((await jia.get(`/api/jobs/${s.jobId}`)).statusCode).toBe(403);

  // 县教育局's own admin and 乙县's admin: all of it.
  for (const who of [s.unitAdmin.client, s.yiAdmin.client]) {
    expect((await who.get(`/api/entries/${s.entryId}`)).statusCode).toBe(200);
    const entries = await who.get(`/api/campaigns/${s.campaignId}/entries`);
    expect(entries.statusCode).toBe(200);
    expect(ids(entries)).toContain(s.entryId);
    expect((await who.get(`/api/rounds/${s.roundId}`)).statusCode).toBe(200);
    expect(ids(await who.get(`/api/campaigns/${s.campaignId}/rounds`))).toContain(s.roundId);
    expect((await who.get(`/api/jobs/${s.jobId}`)).statusCode).toBe(200);
  }

  // The judge invited from 县教育局's branch keeps that stated unit on the panel (conflicts of interest).
  const panel = await t.db
    .selectFrom('round_judges')
    .select('unit_org_path')
    .where('round_id', '=', s.roundId)
    .where('user_id', '=', s.judgeId)
    .executeTakeFirstOrThrow();
  const branch = await t.db
    .selectFrom('orgs')
    .select('path')
    .where('id', '=', s.branch.id)
    .executeTakeFirstOrThrow();
  expect(panel.unit_org_path).toBe(branch.path);
  expect(panel.unit_org_path!.startsWith(unit.path)).toBe(true);
}

describe('moving 县教育局 from 甲县 to 乙县', () => {
  it('on the org page takes its entries, unit round, panel members and jobs along', async () => {
    const s = await movedUnitScene(t, 'api');
    const moved = await s.admin.client.post(`/api/orgs/${s.unit.id}/move`, { parentId: s.yi.id });
    expect(moved.statusCode).toBe(200);
    await expectFollowedTheUnit(s);
    const [logged] = (await s.admin.client.get(`/api/orgs/${s.unit.id}/history`)).json<{
      items: { action: string; after: { followed: Record<string, number> } }[];
    }>().items;
    expect(logged!.action).toBe('org.moved');
    expect(logged!.after.followed).toMatchObject({
      'entries.unit_org_path': 1,
      'review_rounds.scope_org_path': 1,
      'round_judges.unit_org_path': 1,
      'jobs.org_path': 1,
      'campaigns.organiser_org_path': 1,
    });
  });

  it('by Excel import takes them along too', async () => {
    const s = await movedUnitScene(t, 'xls');
    const res = await upload(
      s.admin.client,
      await xlsx({ orgs: [['xls-XJY', '县教育局', orgTypeLabels.unit, 'xls-YI', 1]] }),
    );
    expect(res.statusCode).toBe(200);
    await expectFollowedTheUnit(s);
  });
});
