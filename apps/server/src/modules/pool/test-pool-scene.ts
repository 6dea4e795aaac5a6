import { buildPresetSettings } from '../campaigns/presets.ts';
import { insertCampaign } from '../campaigns/repository.ts';
import { insertEntry } from '../entries/repository.ts';
import type { TestContext } from '../../test/harness.ts';

/**
 * A 焦作-like tree for the pool's API tests: the city with two counties (甲县 with a branch, 乙县), a
 * published 焦作-preset campaign organised by the city (targetPerCounty 20) with one entry by a
 * member of 甲县's branch; accounts: the city's organiser, each county's unit admin, the city's
 * supervisor, and the branch member's own account.
 */
export async function poolScene(t: TestContext) {
  const f = t.factories;
  const city = await f.org({ name: '焦作市委', type: 'committee' });
  const jia = await f.org({ name: '甲县', type: 'unit', parent: city });
  const yi = await f.org({ name: '乙县', type: 'unit', parent: city });
  const branch = await f.org({ name: '甲县东村党支部', type: 'branch', parent: jia });
  const yiBranch = await f.org({ name: '乙县西村党支部', type: 'branch', parent: yi });
  const speaker = await f.member(branch, {
    name: '张宣讲',
    gender: 'female',
    positions: ['书记'],
    phone: '13912345678',
  });
  const other = await f.member(branch, { name: '李党员', phone: '13900001111' });
  const yiMember = await f.member(yiBranch, { name: '王乙', phone: '13900002222' });
  await f.user([{ role: 'organiser', org: city }], { username: 'p_city' });
  await f.user([{ role: 'supervisor', org: city }], { username: 'p_sup' });
  await f.user([{ role: 'unit_admin', org: jia }], { username: 'p_jia' });
  await f.user([{ role: 'unit_admin', org: yi }], { username: 'p_yi' });
  const self = await f.user([{ role: 'member', org: branch }], { username: 'p_self' });
  await t.db.updateTable('users').set({ member_id: speaker.id }).where('id', '=', self.id).execute();
  const now = new Date();
  const campaignId = await insertCampaign(t.db, {
    settings: buildPresetSettings('jiaozuo', { year: 2026 }),
    organiserOrgId: city.id,
    organiserOrgPath: city.path,
    status: 'published',
    presetKey: 'jiaozuo',
    copiedFromId: null,
    createdBy: null,
    now,
  });
  const entryId = await insertEntry(t.db, {
    campaignId,
    stageKey: 'city_final',
    memberId: speaker.id,
    unit: { id: branch.id, path: branch.path },
    title: '村里的新变化',
    categoryKey: 'theory',
    outline: '',
    createdBy: null,
    now,
  });
  return {
    city,
    jia,
    yi,
    branch,
    speaker,
    other,
    yiMember,
    campaignId,
    entryId,
    cityOrganiser: await t.login('p_city'),
    supervisor: await t.login('p_sup'),
    jiaAdmin: await t.login('p_jia'),
    yiAdmin: await t.login('p_yi'),
    self: await t.login('p_self'),
  };
}
export type PoolScene = Awaited<ReturnType<typeof poolScene>>;
