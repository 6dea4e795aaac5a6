import type { RoundConfig } from '@jiangtai/contracts';
import type { Client, TestContext } from '../../test/harness.ts';
import { insertEntry } from '../entries/repository.ts';
import { publishedCampaign } from '../entries/test-scene.ts';

/**
 * A 岳阳-style campaign (2026) organised by 市直机关工委 with three units, two entries each that their
 * units recommended into 复赛, four judges (one of them a member of 市教育局, the others outside
 * experts), an organiser, a supervisor and a 市教育局 unit admin — all logged in.
 */
export async function reviewScene(t: TestContext, prefix: string) {
  const f = t.factories;
  const city = await f.org({ name: '演示市委', type: 'committee' });
  const organs = await f.org({ name: '市直机关工委', type: 'committee', parent: city });
  const units = {
    edu: await f.org({ name: '市教育局', type: 'unit', parent: organs }),
    finance: await f.org({ name: '市财政局', type: 'unit', parent: organs }),
    culture: await f.org({ name: '市文旅局', type: 'unit', parent: organs }),
  };
  const branches = {
    edu: await f.org({ name: '教育局机关党支部', type: 'branch', parent: units.edu }),
    finance: await f.org({ name: '财政局机关党支部', type: 'branch', parent: units.finance }),
    culture: await f.org({ name: '文旅局机关党支部', type: 'branch', parent: units.culture }),
  };
  const campaignId = await publishedCampaign(t, organs);
  const user = (await t.db.selectFrom('users').select('id').executeTakeFirst())?.id ?? null;

  const speakers = [
    { unit: 'edu', name: '张三', phone: '13900001111', title: '从红船精神说起', category: 'history' },
    { unit: 'edu', name: '李四', phone: '13900002222', title: '学思践悟新思想', category: 'theory' },
    { unit: 'finance', name: '王五', phone: '13900003333', title: '算好民生账', category: 'models' },
    { unit: 'finance', name: '赵六', phone: '13900004444', title: '党章里的初心', category: 'regulations' },
    { unit: 'culture', name: '钱七', phone: '13900005555', title: '红色文物会说话', category: 'history' },
    { unit: 'culture', name: '孙八', phone: '13900006666', title: '身边的榜样', category: 'models' },
  ] as const;
  const entries: { id: string; name: string; phone: string; unitName: string; title: string }[] = [];
  for (const s of speakers) {
    const member = await f.member(branches[s.unit], { name: s.name, phone: s.phone, positions: ['书记'] });
    const unit = units[s.unit];
    const id = await insertEntry(t.db, {
      campaignId,
      stageKey: 'preliminary',
      memberId: member.id,
      unit: { id: unit.id, path: unit.path },
      title: s.title,
      categoryKey: s.category,
      outline: `${unit.name} ${s.name} 的宣讲提纲`,
      createdBy: user,
      now: new Date(),
    });
    await t.db.updateTable('entries').set({ state: 'recommended' }).where('id', '=', id).execute();
    entries.push({ id, name: s.name, phone: s.phone, unitName: unit.name, title: s.title });
  }

  const login = async (
    suffix: string,
    role: Parameters<typeof f.user>[0][0]['role'],
    org: { id: string; path: string },
    displayName?: string,
  ) => {
    const u = await f.user([{ role, org }], { username: `${prefix}_${suffix}`, displayName });
    return { id: u.id, client: await t.login(`${prefix}_${suffix}`) };
  };
  // Judge 1 is a member of a 市教育局 branch: never scores 市教育局's entries.
  const eduJudgeMember = await f.member(branches.edu, { name: '周评委' });
  const j1 = await login('j1', 'judge', organs, '周评委');
  await t.db.updateTable('users').set({ member_id: eduJudgeMember.id }).where('id', '=', j1.id).execute();
  const judges = [
    j1,
    await login('j2', 'judge', organs, '吴评委'),
    await login('j3', 'judge', organs, '郑评委'),
    await login('j4', 'judge', organs, '冯评委'),
  ];
  return {
    city,
    organs,
    units,
    branches,
    campaignId,
    entries,
    judges,
    organiser: await login('org', 'organiser', organs, '组织者'),
    supervisor: await login('sup', 'supervisor', city, '监督员'),
    eduAdmin: await login('eduadmin', 'unit_admin', units.edu, '教育局管理员'),
    member: await login('member', 'member', branches.culture, '普通党员'),
  };
}
export type ReviewScene = Awaited<ReturnType<typeof reviewScene>>;

/** One more entry of a scene's unit, in the given state (as if entered, submitted and so on). */
export async function extraEntry(
  t: TestContext,
  s: ReviewScene,
  unit: keyof ReviewScene['units'],
  name: string,
  state: 'submitted' | 'recommended' = 'submitted',
) {
  const member = await t.factories.member(s.branches[unit], { name, positions: ['书记'] });
  const id = await insertEntry(t.db, {
    campaignId: s.campaignId,
    stageKey: 'preliminary',
    memberId: member.id,
    unit: { id: s.units[unit].id, path: s.units[unit].path },
    title: `${name}的微宣讲`,
    categoryKey: 'theory',
    outline: `${name} 的宣讲提纲`,
    createdBy: null,
    now: new Date(),
  });
  await t.db.updateTable('entries').set({ state }).where('id', '=', id).execute();
  return id;
}

/** The 复赛 round's setup as the tests use it: 3 judges per entry, drop 1 highest and 1 lowest. */
export async function openSemifinal(organiser: Client, campaignId: string, patch: Partial<RoundConfig> = {}) {
  const defaults = await organiser.get(`/api/campaigns/${campaignId}/round-defaults?stageKey=semifinal`);
  if (defaults.statusCode !== 200) throw new Error(`defaults: ${defaults.statusCode} ${defaults.body}`);
  const res = await organiser.post(`/api/campaigns/${campaignId}/rounds`, {
    ...defaults.json<RoundConfig>(),
    judgesPerEntry: 3,
    dropHighest: 1,
    dropLowest: 1,
    ...patch,
    stageKey: 'semifinal',
  });
  if (res.statusCode !== 201) throw new Error(`open round: ${res.statusCode} ${res.body}`);
  return res.json<RoundView>();
}

export interface RoundView {
  round: { id: string; state: string; chainHead: string; config: RoundConfig; rubricLocked: boolean };
  entries: {
    entryId: string;
    code: string;
    speakerName: string;
    judges: { judgeId: string; status: string }[];
  }[];
  panel: { userId: string; active: boolean; assigned: number; submitted: number }[];
  progress: { entries: number; assigned: number; submitted: number; underAssigned: number };
}

/** Full marks scaled: every criterion gets `fraction` of its maximum (two decimals at most). */
export function scoresAt(config: RoundConfig, fraction: number) {
  return Object.fromEntries(config.criteria.map((c) => [c.key, Math.round(c.max * fraction * 2) / 2]));
}
