import { randomBytes } from 'node:crypto';
import type { RoleName } from '../../db/types.ts';
import type { TestContext } from '../../test/harness.ts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { insertCampaign } from '../campaigns/repository.ts';

/**
 * 讲台市委 ─ 甲局 (unit) ─ 甲局第一支部 (王书记 书记, 李一 李二 李三, 停用的赵停) · 甲局第二支部 (周书记)
 *          └ 乙局 (unit) ─ 乙局支部 (吴书记)
 * A published campaign organised by the city for the whole tree, 2026-03-01 to 2026-12-31 (the clock
 * says 2026-07-01 in Beijing). Accounts: sec (王书记), sec2 (周书记), secB (吴书记), li (李一, no
 * position), unitAdmin (甲局), unitAdminB (乙局), organiser / supervisor / admin (city).
 */
export async function lecturesScene(t: TestContext) {
  const f = t.factories;
  const city = await f.org({ name: '讲台市委', type: 'committee' });
  const unitA = await f.org({ name: '甲局', type: 'unit', parent: city });
  const unitB = await f.org({ name: '乙局', type: 'unit', parent: city });
  const branch = await f.org({ name: '甲局第一支部', type: 'branch', parent: unitA });
  const branch2 = await f.org({ name: '甲局第二支部', type: 'branch', parent: unitA });
  const branchB = await f.org({ name: '乙局支部', type: 'branch', parent: unitB });
  const secretary = await f.member(branch, { name: '王书记', positions: ['书记'] });
  const members = [
    await f.member(branch, { name: '李一' }),
    await f.member(branch, { name: '李二' }),
    await f.member(branch, { name: '李三' }),
  ];
  const inactive = await f.member(branch, { name: '赵停' });
  await t.db.updateTable('members').set({ active: false }).where('id', '=', inactive.id).execute();
  const secretary2 = await f.member(branch2, { name: '周书记', positions: ['书记'] });
  const secretaryB = await f.member(branchB, { name: '吴书记', positions: ['副书记'] });

  async function memberAccount(username: string, member: { id: string; org_id: string; org_path: string }) {
    const user = await f.user([{ role: 'member', org: { id: member.org_id, path: member.org_path } }], {
      username,
    });
    await t.db.updateTable('users').set({ member_id: member.id }).where('id', '=', user.id).execute();
    return user;
  }
  const users = {
    sec: await memberAccount('lec_sec', secretary),
    sec2: await memberAccount('lec_sec2', secretary2),
    secB: await memberAccount('lec_secb', secretaryB),
    li: await memberAccount('lec_li', members[0]!),
  };
  const grant = (role: RoleName, org: { id: string; path: string }, username: string) =>
    f.user([{ role, org }], { username });
  await grant('unit_admin', unitA, 'lec_unit');
  await grant('unit_admin', unitB, 'lec_unitb');
  await grant('organiser', city, 'lec_org');
  await grant('supervisor', city, 'lec_sup');
  await grant('platform_admin', city, 'lec_admin');

  const settings = {
    ...buildPresetSettings('yueyang', { year: 2026 }),
    startsOn: '2026-03-01',
    endsOn: '2026-12-31',
  };
  const campaignId = await insertCampaign(t.db, {
    settings,
    organiserOrgId: city.id,
    organiserOrgPath: city.path,
    status: 'published',
    presetKey: 'yueyang',
    copiedFromId: null,
    createdBy: null,
    now: t.clock.now(),
  });

  const as = {
    sec: await t.login('lec_sec'),
    sec2: await t.login('lec_sec2'),
    secB: await t.login('lec_secb'),
    li: await t.login('lec_li'),
    unitAdmin: await t.login('lec_unit'),
    unitAdminB: await t.login('lec_unitb'),
    organiser: await t.login('lec_org'),
    supervisor: await t.login('lec_sup'),
    admin: await t.login('lec_admin'),
  };
  return {
    ...{ city, unitA, unitB, branch, branch2, branchB, secretary, secretaryB, members, inactive },
    ...{ users, campaignId, as },
  };
}
export type LecturesScene = Awaited<ReturnType<typeof lecturesScene>>;

export const newClientKey = () => randomBytes(9).toString('base64url');

/** A valid record of the scene's first branch, with overrides. */
export function recordBody(s: LecturesScene, over: Record<string, unknown> = {}) {
  return {
    campaignId: s.campaignId,
    orgId: s.branch.id,
    heldOn: '2026-06-20',
    occasion: 'theme_day',
    topic: '学习党的二十届四中全会精神',
    categoryKey: 'theory',
    speaker: { kind: 'member', memberId: s.secretary.id },
    attendance: 4,
    summary: '结合本单位工作谈体会。',
    clientKey: newClientKey(),
    ...over,
  };
}

/** The editable fields of a record body (PATCH and corrections take these). */
export function fieldsOf(body: Record<string, unknown>) {
  const { campaignId: _c, orgId: _o, clientKey: _k, ...fields } = body;
  return fields;
}
