import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyPlanItem, NoticeList, PlanDetail } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { line, plansScene, saveKey, type PlansScene } from './test-plans-scene.ts';

let t: TestContext;
let s: PlansScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await plansScene(t);
});
afterAll(async () => t.close());

const url = (c: string, org: string) => `/api/campaigns/${c}/plans/${org}`;

describe('a branch files its lecture plan', () => {
  it('saves a draft, answers a retried save once, and refuses a stale version (409)', async () => {
    const c = await s.campaign();
    const empty = await s.as.secretary.get(url(c, s.a1.id));
    expect(empty.statusCode).toBe(200);
    const shell = empty.json<PlanDetail>();
    expect(shell).toMatchObject({
      status: 'none',
      version: null,
      required: true,
      dueOn: '2026-07-31',
      canEdit: true,
    });
    expect(shell.months).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
    expect(shell.members.map((m) => m.name)).toEqual(
      ['王书记', '李党员', '赵党员'].sort((a, b) =>
        a === '王书记' ? -1 : b === '王书记' ? 1 : a.localeCompare(b),
      ),
    );

    const body = {
      saveKey: saveKey(),
      version: null,
      lines: [
        line({ speakerMemberId: s.wang.id, occasion: 'party_lecture' }),
        line({ guestSpeakerName: '特邀 张教授', month: '2026-09' }),
      ],
    };
    const first = await s.as.secretary.put(url(c, s.a1.id), body);
    expect(first.statusCode, first.body).toBe(200);
    const saved = first.json<PlanDetail>();
    expect(saved).toMatchObject({ status: 'draft', version: 1 });
    expect(saved.lines.map((l) => l.speakerName)).toEqual(['王书记', '特邀 张教授']);

    // The answer was lost and the phone sends the same save again: same plan, no second copy.
    const retry = await s.as.secretary.put(url(c, s.a1.id), body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json<PlanDetail>().lines).toHaveLength(2);
    expect(retry.json<PlanDetail>().version).toBe(1);

    // Someone else saved meanwhile: a save from the old version is refused.
    const stale = await s.as.unitAdmin.put(url(c, s.a1.id), { ...body, saveKey: saveKey(), version: null });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain('已被他人修改');
  });

  it('refuses bad lines with a Chinese message naming the line, and saves nothing (400)', async () => {
    const c = await s.campaign();
    const bad = async (l: Record<string, unknown>) => {
      const res = await s.as.secretary.put(url(c, s.a1.id), {
        saveKey: saveKey(),
        version: null,
        lines: [line({ guestSpeakerName: '甲' }), l],
      });
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ detail: string }>().detail;
    };
    expect(await bad(line({ month: '2026-12', guestSpeakerName: '甲' }))).toContain(
      '第 2 条的月份（2026年12月）不在活动期间',
    );
    expect(await bad(line({ speakerMemberId: s.outsider.id }))).toContain('不是本支部的在册党员');
    expect(await bad(line({ speakerMemberId: s.wang.id, guestSpeakerName: '甲' }))).toContain('二选一');
    expect(await bad(line({ categoryKey: 'cooking', guestSpeakerName: '甲' }))).toContain(
      '不是本活动设置的类别',
    );
    expect(await bad(line({ occasion: 'picnic', guestSpeakerName: '甲' }))).toContain('宣讲场合无效');
    const noSpeaker = await s.as.secretary.put(url(c, s.a1.id), {
      saveKey: saveKey(),
      version: null,
      lines: [line()],
    });
    expect(noSpeaker.statusCode).toBe(400);
    expect((await s.as.secretary.get(url(c, s.a1.id))).json<PlanDetail>().status).toBe('none');
  });

  it('answers who may see and file: 401, 403, 404', async () => {
    const c = await s.campaign();
    const put = { saveKey: saveKey(), version: null, lines: [line({ guestSpeakerName: '甲' })] };
    expect((await t.anonymous.get(url(c, s.a1.id))).statusCode).toBe(401);
    expect((await s.as.member.get(url(c, s.a1.id))).statusCode, 'a member without a position').toBe(403);
    expect((await s.as.judge.get(url(c, s.a1.id))).statusCode).toBe(403);
    expect((await s.as.secretary2.get(url(c, s.a1.id))).statusCode, "another branch's secretary").toBe(404);
    expect((await s.as.siblingAdmin.get(url(c, s.a1.id))).statusCode, "a sibling unit's admin").toBe(404);
    expect((await s.as.secretary.get(url(c, s.unit.id))).statusCode, 'a unit is not a branch').toBe(404);
    expect((await s.as.secretary.get(url('999999', s.a1.id))).statusCode).toBe(404);
    expect((await s.as.secretary.get(url(c, '999999'))).statusCode).toBe(404);
    expect((await s.as.secretary.get(url('abc', s.a1.id))).statusCode).toBe(400);
    // The organiser and the supervisor read, and file nothing.
    expect((await s.as.organiser.get(url(c, s.a1.id))).json<PlanDetail>()).toMatchObject({ canEdit: false });
    expect((await s.as.supervisor.get(url(c, s.a1.id))).statusCode).toBe(200);
    expect((await s.as.organiser.put(url(c, s.a1.id), put)).statusCode).toBe(403);
    expect((await s.as.secretary2.put(url(c, s.a1.id), put)).statusCode).toBe(404);
    // The unit admin and a branch admin file for the branch.
    expect((await s.as.branchAdmin.put(url(c, s.a1.id), put)).statusCode).toBe(200);
    // A draft campaign is not the branches' to see; a closed one is read-only.
    const draft = await s.campaign('yueyang', 'draft');
    expect((await s.as.secretary.get(url(draft, s.a1.id))).statusCode).toBe(404);
    const closed = await s.campaign('yueyang', 'closed');
    const late = await s.as.secretary.put(url(closed, s.a1.id), { ...put, saveKey: saveKey() });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('活动已结束');
  });
});

describe('the unit reviews the plan', () => {
  it('submit → return with a reason (notice to the secretary) → resubmit → accept; history kept', async () => {
    const c = await s.campaign();
    const saved = (
      await s.as.secretary.put(url(c, s.a1.id), {
        saveKey: saveKey(),
        version: null,
        lines: [line({ speakerMemberId: s.wang.id })],
      })
    ).json<PlanDetail>();
    const submitted = await s.as.secretary.post(`${url(c, s.a1.id)}/submit`, { version: saved.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const sub = submitted.json<PlanDetail>();
    expect(sub.status).toBe('submitted');
    expect(
      (await s.as.secretary.post(`${url(c, s.a1.id)}/submit`, { version: sub.version })).statusCode,
    ).toBe(409);

    // Not the secretary, not a branch admin on the branch itself, not a sibling unit: the unit above.
    expect(
      (await s.as.secretary.post(`${url(c, s.a1.id)}/accept`, { version: sub.version })).statusCode,
    ).toBe(403);
    expect(
      (await s.as.branchAdmin.post(`${url(c, s.a1.id)}/accept`, { version: sub.version })).statusCode,
    ).toBe(403);
    expect(
      (await s.as.organiser.post(`${url(c, s.a1.id)}/accept`, { version: sub.version })).statusCode,
    ).toBe(403);
    expect(
      (await s.as.siblingAdmin.post(`${url(c, s.a1.id)}/accept`, { version: sub.version })).statusCode,
    ).toBe(404);
    expect((await t.anonymous.post(`${url(c, s.a1.id)}/accept`, { version: sub.version })).statusCode).toBe(
      401,
    );
    expect(
      (await s.as.unitAdmin.post(`${url(c, s.a1.id)}/return`, { version: sub.version })).statusCode,
    ).toBe(400);
    expect((await s.as.unitAdmin.post(`${url(c, s.a1.id)}/accept`, { version: 99 })).statusCode).toBe(409);

    const returned = await s.as.unitAdmin.post(`${url(c, s.a1.id)}/return`, {
      version: sub.version,
      reason: '请把九月的宣讲安排给支部委员',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json<PlanDetail>()).toMatchObject({
      status: 'returned',
      returnReason: '请把九月的宣讲安排给支部委员',
    });
    expect((await s.as.unitAdmin.post(`${url(c, s.a1.id)}/accept`, { version: 3 })).statusCode).toBe(409);

    const notices = (await s.as.secretary.get('/api/notices')).json<NoticeList>();
    expect(notices.unread).toBeGreaterThan(0);
    expect(notices.items[0]).toMatchObject({
      kind: 'plan_returned',
      link: `/plans/${c}/${s.a1.id}`,
      read: false,
    });
    expect(notices.items[0]!.body).toContain('请把九月的宣讲安排给支部委员');

    const fixed = (
      await s.as.secretary.put(url(c, s.a1.id), {
        saveKey: saveKey(),
        version: returned.json<PlanDetail>().version,
        lines: [line({ speakerMemberId: s.wang.id }), line({ speakerMemberId: s.zhao.id, month: '2026-09' })],
      })
    ).json<PlanDetail>();
    expect(fixed.status).toBe('returned');
    const again = (
      await s.as.secretary.post(`${url(c, s.a1.id)}/submit`, { version: fixed.version })
    ).json<PlanDetail>();
    expect(again).toMatchObject({ status: 'submitted', returnReason: null });
    const accepted = await s.as.unitAdmin.post(`${url(c, s.a1.id)}/accept`, { version: again.version });
    expect(accepted.statusCode).toBe(200);
    const done = accepted.json<PlanDetail>();
    expect(done.status).toBe('accepted');
    expect(done.revisions.map((r) => r.kind)).toEqual(['accepted', 'submitted', 'returned', 'submitted']);
    expect(done.revisions[2]!.reason).toBe('请把九月的宣讲安排给支部委员');
    expect(done.revisions[3]!.lines).toHaveLength(1);
    expect(done.revisions[0]!.lines).toHaveLength(2);

    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'lecture_plan')
      .where(
        'entity_id',
        '=',
        (
          await t.db
            .selectFrom('lecture_plans')
            .select('id')
            .where('campaign_id', '=', c)
            .executeTakeFirstOrThrow()
        ).id,
      )
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'plans.saved',
      'plans.submitted',
      'plans.returned',
      'plans.saved',
      'plans.submitted',
      'plans.accepted',
    ]);
  });

  it('a change after acceptance needs a reason and keeps its history; the branch’s change goes back to 已提交', async () => {
    const c = await s.campaign();
    const first = line({ speakerMemberId: s.wang.id });
    let plan = (
      await s.as.secretary.put(url(c, s.a1.id), { saveKey: saveKey(), version: null, lines: [first] })
    ).json<PlanDetail>();
    plan = (
      await s.as.secretary.post(`${url(c, s.a1.id)}/submit`, { version: plan.version })
    ).json<PlanDetail>();
    plan = (
      await s.as.unitAdmin.post(`${url(c, s.a1.id)}/accept`, { version: plan.version })
    ).json<PlanDetail>();

    const change = { saveKey: saveKey(), version: plan.version, lines: [{ ...first, month: '2026-10' }] };
    const noReason = await s.as.secretary.put(url(c, s.a1.id), change);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().detail).toContain('请说明原因');
    const byBranch = await s.as.secretary.put(url(c, s.a1.id), { ...change, reason: '王书记八月外出学习' });
    expect(byBranch.statusCode, byBranch.body).toBe(200);
    plan = byBranch.json<PlanDetail>();
    expect(plan.status).toBe('submitted');
    expect(plan.revisions[0]).toMatchObject({
      kind: 'changed',
      reason: '王书记八月外出学习',
      statusBefore: 'accepted',
      statusAfter: 'submitted',
    });

    plan = (
      await s.as.unitAdmin.post(`${url(c, s.a1.id)}/accept`, { version: plan.version })
    ).json<PlanDetail>();
    // The unit itself changes an accepted plan: it stays accepted, and the change is recorded too.
    const byUnit = await s.as.unitAdmin.put(url(c, s.a1.id), {
      saveKey: saveKey(),
      version: plan.version,
      lines: [{ ...first, month: '2026-10', topic: '学习新思想' }],
      reason: '统一调整题目',
    });
    expect(byUnit.json<PlanDetail>()).toMatchObject({ status: 'accepted' });
    expect(byUnit.json<PlanDetail>().revisions[0]).toMatchObject({
      kind: 'changed',
      statusAfter: 'accepted',
    });
  });

  it('takes a removed line out of the plan without deleting it (a lecture record may link it)', async () => {
    const c = await s.campaign();
    const [keep, drop] = [line({ guestSpeakerName: '甲' }), line({ guestSpeakerName: '乙' })];
    const plan = (
      await s.as.secretary.put(url(c, s.a1.id), { saveKey: saveKey(), version: null, lines: [keep, drop] })
    ).json<PlanDetail>();
    const dropId = plan.lines[1]!.id;
    await t.db
      .insertInto('lecture_records')
      .values({
        campaign_id: c,
        org_id: s.a1.id,
        org_path: s.a1.path,
        held_on: '2026-08-10',
        occasion: 'theme_day',
        topic: '学习身边的榜样',
        category_key: 'theory',
        guest_speaker_name: '乙',
        attendance: 10,
        plan_line_id: dropId,
        created_by: s.users.secretary.id,
      })
      .execute();
    const after = (
      await s.as.secretary.put(url(c, s.a1.id), { saveKey: saveKey(), version: plan.version, lines: [keep] })
    ).json<PlanDetail>();
    expect(after.lines.map((l) => l.key)).toEqual([keep.key]);
    const row = await t.db
      .selectFrom('lecture_plan_lines')
      .select(['removed_at', 'removed_by'])
      .where('id', '=', dropId)
      .executeTakeFirstOrThrow();
    expect(row.removed_at).not.toBeNull();
    expect(row.removed_by).toBe(s.users.secretary.id);
    await expect(t.db.deleteFrom('lecture_plan_lines').where('id', '=', dropId).execute()).rejects.toThrow();
    await expect(
      t.db
        .updateTable('lecture_records')
        .set({ plan_line_id: '999999999' })
        .where('plan_line_id', '=', dropId)
        .execute(),
    ).rejects.toThrow();
  });
});

describe('my plans and the edges of submitting', () => {
  it('lists the secretary’s branch in each running campaign; nothing for others (200, 401)', async () => {
    const c = await s.campaign();
    await s.campaign('yueyang', 'draft');
    const mine = await s.as.secretary.get('/api/plans/mine');
    expect(mine.statusCode).toBe(200);
    const item = mine.json<MyPlanItem[]>().find((p) => p.campaignId === c);
    expect(item).toMatchObject({
      branchId: s.a1.id,
      branchName: '甲一支部',
      status: 'none',
      required: true,
      late: false,
    });
    expect(mine.json<MyPlanItem[]>().every((p) => p.branchId === s.a1.id)).toBe(true);
    expect((await s.as.member.get('/api/plans/mine')).json()).toEqual([]);
    expect((await s.as.unitAdmin.get('/api/plans/mine')).json()).toEqual([]);
    expect((await t.anonymous.get('/api/plans/mine')).statusCode).toBe(401);
  });

  it('refuses to submit nothing (409 without a plan, 400 with no lines) and a body without a version (400)', async () => {
    const c = await s.campaign();
    const submit = (body: object) => s.as.secretary.post(`${url(c, s.a1.id)}/submit`, body);
    expect((await submit({ version: 1 })).statusCode, 'no plan yet').toBe(409);
    const plan = (
      await s.as.secretary.put(url(c, s.a1.id), { saveKey: saveKey(), version: null, lines: [] })
    ).json<PlanDetail>();
    expect(plan.status).toBe('draft');
    const empty = await submit({ version: plan.version });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toContain('请至少添加一条');
    expect((await submit({})).statusCode).toBe(400);
    expect((await s.as.unitAdmin.post(`${url(c, s.a1.id)}/accept`, {})).statusCode).toBe(400);
    expect(
      (await s.as.unitAdmin.post(`${url(c, s.a1.id)}/accept`, { version: plan.version })).statusCode,
      'a draft',
    ).toBe(409);
    expect((await t.anonymous.post(`${url(c, s.a1.id)}/submit`, { version: 1 })).statusCode).toBe(401);
    expect((await s.as.member.post(`${url(c, s.a1.id)}/submit`, { version: 1 })).statusCode).toBe(403);
    expect((await s.as.secretary2.post(`${url(c, s.a1.id)}/submit`, { version: 1 })).statusCode).toBe(404);
  });

  it('a secretary who is also an admin of the unit still cannot accept their own branch’s plan', async () => {
    const c = await s.campaign();
    await t.db
      .insertInto('role_grants')
      .values({ user_id: s.users.secretary.id, role: 'unit_admin', org_id: s.unit.id, org_path: s.unit.path })
      .execute();
    try {
      const both = await t.login(s.users.secretary.username);
      let plan = (
        await both.put(url(c, s.a1.id), {
          saveKey: saveKey(),
          version: null,
          lines: [line({ guestSpeakerName: '甲' })],
        })
      ).json<PlanDetail>();
      plan = (await both.post(`${url(c, s.a1.id)}/submit`, { version: plan.version })).json<PlanDetail>();
      expect(plan.canDecide).toBe(false);
      const self = await both.post(`${url(c, s.a1.id)}/accept`, { version: plan.version });
      expect(self.statusCode).toBe(403);
      expect(self.json().detail).toContain('不能审核本支部自己的计划');
      // …but decides for another branch of the unit.
      let other = (
        await s.as.secretary2.put(url(c, s.a2.id), {
          saveKey: saveKey(),
          version: null,
          lines: [line({ guestSpeakerName: '乙' })],
        })
      ).json<PlanDetail>();
      other = (
        await s.as.secretary2.post(`${url(c, s.a2.id)}/submit`, { version: other.version })
      ).json<PlanDetail>();
      expect((await both.post(`${url(c, s.a2.id)}/accept`, { version: other.version })).statusCode).toBe(200);
    } finally {
      await t.db
        .deleteFrom('role_grants')
        .where('user_id', '=', s.users.secretary.id)
        .where('role', '=', 'unit_admin')
        .execute();
    }
  });
});
