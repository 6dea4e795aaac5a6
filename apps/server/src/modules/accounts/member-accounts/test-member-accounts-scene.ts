import type { TestContext } from '../../../test/harness.ts';
import { createJobRunner } from '../../jobs/runner.ts';
import { jobHandlers } from '../../jobs/handlers.ts';

/**
 * 演示市委 ─ 市教育局 (unit) ─ 教育局第一党支部 (branch, 6 members: 3 ready, 1 without phone, 1 inactive,
 *                            1 whose phone is already another account's login), 教育局第二党支部 (2 members)
 *          └ 市财政局 (unit) ─ 财政局党支部 (branch, 2 members)
 * Accounts: admin (platform), eduadmin (unit admin @ 市教育局), branchadmin (unit admin @ 第一党支部),
 * finadmin (unit admin @ 市财政局), plain (member).
 */
export async function memberAccountsScene(t: TestContext) {
  const f = t.factories;
  const city = await f.org({ name: '演示市委' });
  const edu = await f.org({ name: '市教育局', type: 'unit', parent: city });
  const edu1 = await f.org({ name: '教育局第一党支部', parent: edu });
  const edu2 = await f.org({ name: '教育局第二党支部', parent: edu });
  const fin = await f.org({ name: '市财政局', type: 'unit', parent: city });
  const fin1 = await f.org({ name: '财政局党支部', parent: fin });
  const ready = [
    await f.member(edu1, { name: '张一', phone: '13800000001' }),
    await f.member(edu1, { name: '张二', phone: '13800000002' }),
    await f.member(edu1, { name: '张三', phone: '13800000003' }),
  ];
  const noPhone = await f.member(edu1, { name: '李无号', phone: null });
  const inactive = await f.member(edu1, { name: '王停用', phone: '13800000005' });
  await t.db.updateTable('members').set({ active: false }).where('id', '=', inactive.id).execute();
  const taken = await f.member(edu1, { name: '赵占用', phone: '13800000006' });
  await f.user([{ role: 'member', org: edu1 }], { username: '13800000006' });
  const edu2Members = [
    await f.member(edu2, { name: '钱一', phone: '13800000011' }),
    await f.member(edu2, { name: '钱二', phone: '13800000012' }),
  ];
  const finMembers = [
    await f.member(fin1, { name: '孙一', phone: '13800000021' }),
    await f.member(fin1, { name: '孙二', phone: '13800000022' }),
  ];
  await f.user([{ role: 'platform_admin', org: city }], { username: 'admin' });
  await f.user([{ role: 'unit_admin', org: edu }], { username: 'eduadmin' });
  await f.user([{ role: 'unit_admin', org: edu1 }], { username: 'branchadmin' });
  await f.user([{ role: 'unit_admin', org: fin }], { username: 'finadmin' });
  await f.user([{ role: 'member', org: edu }], { username: 'plain' });
  const as = {
    admin: await t.login('admin'),
    eduAdmin: await t.login('eduadmin'),
    branchAdmin: await t.login('branchadmin'),
    finAdmin: await t.login('finadmin'),
    member: await t.login('plain'),
  };
  const runner = createJobRunner(t.deps, jobHandlers(t.deps));
  return {
    city,
    edu,
    edu1,
    edu2,
    fin,
    fin1,
    ready,
    noPhone,
    inactive,
    taken,
    edu2Members,
    finMembers,
    as,
    runner,
  };
}

export type MemberAccountsScene = Awaited<ReturnType<typeof memberAccountsScene>>;
