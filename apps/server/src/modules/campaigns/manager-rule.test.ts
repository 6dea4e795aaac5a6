import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { insertEntry } from '../entries/repository.ts';
import { attachFile, publishedCampaign } from '../entries/test-scene.ts';
import { openSemifinal } from '../reviews/test-scene.ts';

/**
 * "Who manages a campaign" is one rule (campaigns/policy.ts canManageCampaign), used by campaigns, entries
 * and reviews alike. A platform admin at the top of another tree has no role over this campaign: the
 * campaign, its entries and its rounds are all closed to them — before, the entry list and the rounds
 * answered 200 while the campaign answered 403.
 */

let t: TestContext;
let campaignId: string;
let entryId: string;
let roundId: string;
let fileId: string;
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-manager-rule-'));
const as: Record<'organiser' | 'cityAdmin' | 'otherTreeAdmin' | 'unitOrganiser', Client> = {} as never;

beforeAll(async () => {
  t = await createTestContext();
  const f = t.factories;
  const city = await f.org({ name: '演示市委', type: 'committee' });
  const organs = await f.org({ name: '市直机关工委', type: 'committee', parent: city });
  const unit = await f.org({ name: '市教育局', type: 'unit', parent: organs });
  const branch = await f.org({ name: '教育局机关党支部', type: 'branch', parent: unit });
  const otherRoot = await f.org({ name: '邻市市委', type: 'committee' });
  await f.user([{ role: 'organiser', org: organs }], { username: 'organiser' });
  await f.user([{ role: 'platform_admin', org: city }], { username: 'cityadmin' });
  await f.user([{ role: 'platform_admin', org: otherRoot }], { username: 'otheradmin' });
  await f.user([{ role: 'organiser', org: unit }], { username: 'unitorganiser' });
  as.organiser = await t.login('organiser');
  as.cityAdmin = await t.login('cityadmin');
  as.otherTreeAdmin = await t.login('otheradmin');
  as.unitOrganiser = await t.login('unitorganiser');

  campaignId = await publishedCampaign(t, organs);
  const speaker = await f.member(branch, { positions: ['书记'] });
  entryId = await insertEntry(t.db, {
    campaignId,
    stageKey: 'preliminary',
    memberId: speaker.id,
    unit: { id: unit.id, path: unit.path },
    title: '从红船精神说起',
    categoryKey: 'history',
    outline: '提纲',
    createdBy: null,
    now: new Date(),
  });
  roundId = (await openSemifinal(as.organiser, campaignId)).round.id;
  fileId = (await attachFile(t, filesDir, entryId, 'video')).fileId;
  // A video still waiting for its transcode: the media route answers those who may see the entry.
  const now = new Date();
  await t.db
    .insertInto('media_assets')
    .values({ file_id: fileId, renditions: '[]', created_at: now, updated_at: now })
    .execute();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('who manages a campaign', () => {
  it('keeps the top-level admin of another tree out of the campaign, its entries and its rounds', async () => {
    const other = as.otherTreeAdmin;
    expect((await other.get(`/api/campaigns/${campaignId}`)).statusCode).toBe(403);
    expect((await other.get(`/api/campaigns/${campaignId}/entries`)).statusCode).toBe(403);
    expect((await other.get(`/api/entries/${entryId}`)).statusCode).toBe(404);
    expect((await other.get(`/api/campaigns/${campaignId}/rounds`)).statusCode).toBe(403);
    expect((await other.get(`/api/rounds/${roundId}`)).statusCode).toBe(403);
    expect((await other.get(`/api/media/${fileId}`)).statusCode).toBe(403);
  });

  it('lets the organiser and the admin above the organiser org manage all three', async () => {
    for (const who of [as.organiser, as.cityAdmin]) {
      const campaign = await who.get(`/api/campaigns/${campaignId}`);
      expect(campaign.statusCode).toBe(200);
      const entries = await who.get(`/api/campaigns/${campaignId}/entries`);
      expect(entries.statusCode).toBe(200);
      expect(entries.json<{ items: { id: string }[] }>().items.map((e) => e.id)).toContain(entryId);
      expect((await who.get(`/api/entries/${entryId}`)).statusCode).toBe(200);
      const rounds = await who.get(`/api/campaigns/${campaignId}/rounds`);
      expect(rounds.statusCode).toBe(200);
      expect(rounds.json<{ items: { id: string }[] }>().items.map((r) => r.id)).toContain(roundId);
      expect((await who.get(`/api/rounds/${roundId}`)).statusCode).toBe(200);
      expect((await who.get(`/api/media/${fileId}`)).statusCode).toBe(200);
    }
  });

  it('gives the same answer on the campaign, its entry list and its round list', async () => {
    for (const [name, who] of Object.entries(as)) {
      const campaign = await who.get(`/api/campaigns/${campaignId}`);
      const entries = await who.get(`/api/campaigns/${campaignId}/entries`);
      const rounds = await who.get(`/api/campaigns/${campaignId}/rounds`);
      const manages = {
        campaign: campaign.statusCode === 200 && campaign.json<{ canEdit: boolean }>().canEdit,
        entries: entries.statusCode === 200 && entries.json<{ canManage: boolean }>().canManage,
        rounds: rounds.statusCode === 200 && rounds.json<{ canOpenCityRound: boolean }>().canOpenCityRound,
      };
      const expected = name === 'organiser' || name === 'cityAdmin';
      expect(manages, name).toEqual({ campaign: expected, entries: expected, rounds: expected });
    }
  });
});
