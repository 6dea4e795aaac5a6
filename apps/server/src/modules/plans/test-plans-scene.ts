import type { CampaignPresetKey } from '@jiangtai/contracts';
import type { TestContext } from '../../test/harness.ts';
import { buildPresetSettings } from '../campaigns/presets.ts';
import { insertCampaign } from '../campaigns/repository.ts';

let made = 0;

/**
 * 计划市委 ─ 甲单位 (unit) ─ 甲一支部 (王书记 with an account, 李党员 with an account, 赵党员),
 *                          甲二支部 (钱书记 with an account), 甲三支部 (孙书记, no account)
 *          └ 乙单位 (unit) ─ 乙一支部
 * Accounts: secretary (甲一), secretary2 (甲二), member (甲一, no position), unitAdmin (甲单位),
 * branchAdmin (unit admin granted on 甲一 itself), siblingAdmin (乙单位), organiser and supervisor
 * (city), judge (甲单位). Campaigns are published 岳阳-style (plan due 2026-07-31) organised by the city.
 */
export async function plansScene(t: TestContext) {
  const f = t.factories;
  const n = ++made;
  const city = await f.org({ name: `计划市委${n}` });
  const unit = await f.org({ name: '甲单位', type: 'unit', parent: city });
  const sibling = await f.org({ name: '乙单位', type: 'unit', parent: city });
  const a1 = await f.org({ name: '甲一支部', parent: unit });
  const a2 = await f.org({ name: '甲二支部', parent: unit });
  const a3 = await f.org({ name: '甲三支部', parent: unit });
  const b1 = await f.org({ name: '乙一支部', parent: sibling });

  const wang = await f.member(a1, { name: '王书记', positions: ['书记'] });
  const li = await f.member(a1, { name: '李党员' });
  const zhao = await f.member(a1, { name: '赵党员' });
  const qian = await f.member(a2, { name: '钱书记', positions: ['书记'] });
  await f.member(a3, { name: '孙书记', positions: ['书记'] });
  const outsider = await f.member(b1, { name: '乙党员' });

  async function memberAccount(name: string, member: { id: string }, org: { id: string; path: string }) {
    const u = await f.user([{ role: 'member', org }], { username: name, displayName: name });
    await t.db.updateTable('users').set({ member_id: member.id }).where('id', '=', u.id).execute();
    return u;
  }
  const users = {
    secretary: await memberAccount(`p${n}_sec`, wang, a1),
    secretary2: await memberAccount(`p${n}_sec2`, qian, a2),
    member: await memberAccount(`p${n}_li`, li, a1),
    unitAdmin: await f.user([{ role: 'unit_admin', org: unit }], { username: `p${n}_unit` }),
    branchAdmin: await f.user([{ role: 'unit_admin', org: a1 }], { username: `p${n}_badmin` }),
    siblingAdmin: await f.user([{ role: 'unit_admin', org: sibling }], { username: `p${n}_sib` }),
    organiser: await f.user([{ role: 'organiser', org: city }], { username: `p${n}_org` }),
    supervisor: await f.user([{ role: 'supervisor', org: city }], { username: `p${n}_sup` }),
    judge: await f.user([{ role: 'judge', org: unit }], { username: `p${n}_judge` }),
  };
  const as = {
    secretary: await t.login(users.secretary.username),
    secretary2: await t.login(users.secretary2.username),
    member: await t.login(users.member.username),
    unitAdmin: await t.login(users.unitAdmin.username),
    branchAdmin: await t.login(users.branchAdmin.username),
    siblingAdmin: await t.login(users.siblingAdmin.username),
    organiser: await t.login(users.organiser.username),
    supervisor: await t.login(users.supervisor.username),
    judge: await t.login(users.judge.username),
  };

  /** A campaign of 2026 (岳阳's plan due 2026-07-31, after the test clock's 2026-07-01), or one starting on `startsOn`. */
  async function campaign(
    preset: CampaignPresetKey = 'yueyang',
    status: 'published' | 'draft' | 'closed' = 'published',
    startsOn?: string,
  ) {
    const settings = buildPresetSettings(preset, startsOn ? { startsOn } : { year: 2026 });
    return insertCampaign(t.db, {
      settings,
      organiserOrgId: city.id,
      organiserOrgPath: city.path,
      status,
      presetKey: preset,
      copiedFromId: null,
      createdBy: null,
      now: t.clock.now(),
    });
  }

  return { city, unit, sibling, a1, a2, a3, b1, wang, li, zhao, qian, outsider, users, as, campaign };
}

export type PlansScene = Awaited<ReturnType<typeof plansScene>>;

let key = 0;
/** A plan line as the form sends it, with a fresh browser key. */
export function line(over: Partial<Record<string, unknown>> = {}) {
  return {
    key: `line-key-${++key}-${Math.random().toString(36).slice(2, 8)}`,
    month: '2026-08',
    topic: '学习身边的榜样',
    categoryKey: 'theory',
    speakerMemberId: null as string | null,
    guestSpeakerName: null as string | null,
    occasion: 'theme_day',
    ...over,
  };
}

let save = 0;
export const saveKey = () => `save-key-${++save}-${Math.random().toString(36).slice(2, 8)}`;
