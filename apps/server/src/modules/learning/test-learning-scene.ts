import type { TestContext } from '../../test/harness.ts';
import { classroomLecture, linkMember } from './test-learning-support.ts';

/**
 *   市委 ─ 甲县 ─ 一支部: 书记 老赵 (account), 党员 小李 (account), 小周
 *             └ 二支部: 小郑
 *        └ 乙县 ─ 三支部: 小王 (account)
 * Lectures: `city` (市委, internal), `jia` (甲县, internal), `branch` (一支部, internal), `yiPublic`
 * (乙县, public), `draft` (市委, awaiting consent, 小李 its speaker). Accounts: the platform admin of 市委,
 * the unit admin of 甲县, a supervisor of 市委, a judge, and three member accounts.
 * `p` keeps user names apart when a file builds the scene twice.
 */
export async function learningScene(t: TestContext, p: string) {
  const f = t.factories;
  const city = await f.org({ name: '市委', type: 'committee' });
  const jia = await f.org({ name: '甲县', type: 'county', parent: city });
  const yi = await f.org({ name: '乙县', type: 'county', parent: city });
  const b1 = await f.org({ name: '一支部', type: 'branch', parent: jia });
  const b2 = await f.org({ name: '二支部', type: 'branch', parent: jia });
  const b3 = await f.org({ name: '三支部', type: 'branch', parent: yi });
  const m = (org: typeof b1, name: string, positions = ['党员']) =>
    f.member(org, { name, positions, phone: null });
  const people = {
    zhao: await m(b1, '老赵', ['书记']),
    li: await m(b1, '小李'),
    zhou: await m(b1, '小周'),
    zheng: await m(b2, '小郑'),
    wang: await m(b3, '小王'),
  };
  const user = (
    role: 'platform_admin' | 'unit_admin' | 'supervisor' | 'judge' | 'member',
    org: typeof b1,
    name: string,
  ) => f.user([{ role, org }], { username: `${p}_${name}`, displayName: name });
  const adminUser = await user('platform_admin', city, 'admin');
  await user('unit_admin', jia, 'jia');
  await user('supervisor', city, 'sup');
  await user('judge', city, 'judge');
  for (const [name, org] of [
    ['zhao', b1],
    ['li', b1],
    ['wang', b3],
  ] as const) {
    const u = await user('member', org, name);
    await linkMember(t.db, u.id, people[name].id);
  }
  const lectures = {
    city: await classroomLecture(t.db, city, { title: '市委微党课' }),
    jia: await classroomLecture(t.db, jia, { title: '甲县微党课', duration: 600 }),
    branch: await classroomLecture(t.db, b1, { title: '一支部微党课' }),
    yiPublic: await classroomLecture(t.db, yi, { title: '乙县公开课', visibility: 'public' }),
    draft: await classroomLecture(t.db, city, {
      title: '待确认微课',
      state: 'awaiting_consent',
      speakerMemberId: people.li.id,
    }),
  };
  const login = (name: string) => t.login(`${p}_${name}`);
  return { city, jia, yi, b1, b2, b3, people, lectures, adminUserId: adminUser.id, login };
}

export type LearningScene = Awaited<ReturnType<typeof learningScene>>;
