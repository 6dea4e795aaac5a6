import { buildPresetSettings } from '../modules/campaigns/presets.ts';
import { insertCampaign } from '../modules/campaigns/repository.ts';
import { insertEntry } from '../modules/entries/repository.ts';
import type { Scene, Side } from './authz-scene.ts';

/**
 * For the authorisation matrices of reviews, the live final and awards: a published 岳阳-style
 * campaign organised by the side's unit, and the scene's judge account (to put on a panel).
 */
export async function matrixCampaign(s: Scene, side: Side) {
  const { db } = s.t;
  const unit = s.side[side].unit;
  const settings = buildPresetSettings('yueyang', { year: 2026 });
  const now = new Date();
  const campaignId = await insertCampaign(db, {
    settings,
    organiserOrgId: unit.id,
    organiserOrgPath: unit.path,
    status: 'published',
    presetKey: 'yueyang',
    copiedFromId: null,
    createdBy: null,
    now,
  });
  const judgeId = (
    await db.selectFrom('users').select('id').where('username', '=', 'm_judge').executeTakeFirstOrThrow()
  ).id;
  return { settings, campaignId, judgeId, now };
}

/** An entry of a new 书记 of the side's branch, recommended into `stageKey`. */
export async function matrixEntry(
  s: Scene,
  side: Side,
  e: { campaignId: string; stageKey: string; title: string; now: Date },
) {
  const { db } = s.t;
  const member = await s.t.factories.member(s.side[side].branch, { positions: ['书记'] });
  const entryId = await insertEntry(db, {
    campaignId: e.campaignId,
    stageKey: e.stageKey,
    memberId: member.id,
    unit: { id: s.side[side].branch.id, path: s.side[side].branch.path },
    title: e.title,
    categoryKey: 'theory',
    outline: '',
    createdBy: null,
    now: e.now,
  });
  await db.updateTable('entries').set({ state: 'recommended' }).where('id', '=', entryId).execute();
  return entryId;
}
