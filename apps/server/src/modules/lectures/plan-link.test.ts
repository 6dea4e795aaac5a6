import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LectureFormOptions, LectureRecordDetail, NoticeList, PlanDetail } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { line, saveKey } from '../plans/test-plans-scene.ts';
import { fieldsOf, lecturesScene, recordBody, type LecturesScene } from './test-lectures-scene.ts';

/** A lecture record and the branch's plan (modules/plans), and the notice a returned record sends. */

let t: TestContext;
let s: LecturesScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await lecturesScene(t);
});
afterAll(async () => t.close());

const planUrl = (org: string) => `/api/campaigns/${s.campaignId}/plans/${org}`;
const detail = (res: { json: () => unknown }) => res.json() as { detail?: string };

async function filePlan(as: LecturesScene['as']['sec'], org: string, lines: ReturnType<typeof line>[]) {
  const res = await as.put(planUrl(org), { saveKey: saveKey(), version: null, lines });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PlanDetail>();
}

describe('a lecture record and its plan line', () => {
  it('offers the branch’s plan lines on the form and links a record to one of them', async () => {
    const plan = await filePlan(s.as.sec, s.branch.id, [
      line({ topic: '学习身边的榜样', speakerMemberId: s.secretary.id, month: '2026-06' }),
      line({ topic: '党史中的青年', guestSpeakerName: '市委党校张老师', month: '2026-07' }),
    ]);
    const [first, second] = plan.lines;
    const options = (
      await s.as.sec.get(`/api/lectures/branches/${s.branch.id}/form`)
    ).json<LectureFormOptions>();
    const campaign = options.campaigns.find((c) => c.id === s.campaignId)!;
    expect(campaign.planLines.map((l) => l.topic)).toEqual(['学习身边的榜样', '党史中的青年']);
    expect(campaign.planLines[0]!.label).toContain('主题党日');

    const res = await s.as.sec.post('/api/lectures/records', recordBody(s, { planLineId: first!.id }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<LectureRecordDetail>().planLineId).toBe(first!.id);

    // Another branch's line is refused, with the field named.
    const other = await filePlan(s.as.sec2, s.branch2.id, [
      line({ topic: '二支部的计划', guestSpeakerName: '外请老师' }),
    ]);
    const wrong = await s.as.sec.post(
      '/api/lectures/records',
      recordBody(s, { planLineId: other.lines[0]!.id }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(detail(wrong).detail).toContain('计划条目');

    // The plan takes the first line out: a new record cannot name it, the linked record keeps it.
    const saved = await s.as.sec.put(planUrl(s.branch.id), {
      saveKey: saveKey(),
      version: plan.version,
      lines: [
        {
          key: second!.key,
          month: second!.month,
          topic: second!.topic,
          categoryKey: second!.categoryKey,
          speakerMemberId: null,
          guestSpeakerName: '市委党校张老师',
          occasion: second!.occasion,
        },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const refused = await s.as.sec.post('/api/lectures/records', recordBody(s, { planLineId: first!.id }));
    expect(refused.statusCode).toBe(400);
    const linked = res.json<LectureRecordDetail>();
    const edited = await s.as.sec.patch(`/api/lectures/records/${linked.id}`, {
      ...fieldsOf(recordBody(s, { planLineId: first!.id })),
      topic: '学习身边的榜样（修改）',
    });
    expect(edited.statusCode, edited.body).toBe(200);
  });
});

describe('a returned record', () => {
  it('sends its recorder an in-app notice with the reason and a link to the record', async () => {
    const created = await s.as.sec.post('/api/lectures/records', recordBody(s, { topic: '待退回的记录' }));
    const id = created.json<LectureRecordDetail>().id;
    const before = (await s.as.sec.get('/api/notices')).json<NoticeList>().unread;
    const res = await s.as.unitAdmin.post(`/api/lectures/records/${id}/return`, {
      reason: '照片看不清，请补拍',
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = (await s.as.sec.get('/api/notices')).json<NoticeList>();
    expect(list.unread).toBe(before + 1);
    expect(list.items[0]).toMatchObject({
      kind: 'lecture_returned',
      title: '宣讲记录「待退回的记录」被退回',
      link: `/lectures/${id}`,
      read: false,
    });
    expect(list.items[0]!.body).toContain('照片看不清，请补拍');
    // Nobody else hears of it.
    expect((await s.as.sec2.get('/api/notices')).json<NoticeList>().total).toBe(0);
  });
});

describe('who the app offers the branch season to', () => {
  it('names the branches a secretary leads in /api/auth/me, and none for a member without a position', async () => {
    const me = (await s.as.sec.get('/api/auth/me')).json<{ ledBranches: unknown[] }>();
    expect(me.ledBranches).toEqual([{ orgId: s.branch.id, orgName: '甲局第一支部' }]);
    const li = (await s.as.li.get('/api/auth/me')).json<{ ledBranches: unknown[] }>();
    expect(li.ledBranches).toEqual([]);
    const admin = (await s.as.unitAdmin.get('/api/auth/me')).json<{ ledBranches: unknown[] }>();
    expect(admin.ledBranches).toEqual([]);
  });
});
