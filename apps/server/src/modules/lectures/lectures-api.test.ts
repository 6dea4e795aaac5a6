import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LectureRecordDetail } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import {
  fieldsOf,
  lecturesScene,
  newClientKey,
  recordBody,
  type LecturesScene,
} from './test-lectures-scene.ts';

let t: TestContext;
let s: LecturesScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await lecturesScene(t);
});
afterAll(async () => t.close());

const URL = '/api/lectures/records';
async function record(over: Record<string, unknown> = {}, as = s.as.sec) {
  const res = await as.post(URL, recordBody(s, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LectureRecordDetail>();
}
const messageOf = (res: { json: () => unknown }) => (res.json() as { detail?: string }).detail ?? '';

describe('recording a lecture', () => {
  it('saves the secretary’s record once, however often the submit is retried', async () => {
    const body = recordBody(s, { attendeeMemberIds: [s.members[0]!.id, s.members[1]!.id] });
    const first = await s.as.sec.post(URL, body);
    expect(first.statusCode, first.body).toBe(201);
    const saved = first.json<LectureRecordDetail & { replayed: boolean }>();
    expect(saved).toMatchObject({
      status: 'recorded',
      speakerName: '王书记',
      isGuest: false,
      categoryName: '政治理论',
      attendance: 4,
      orgName: '甲局第一支部',
      replayed: false,
    });
    expect(saved.attendees.map((a) => a.name)).toEqual(['李一', '李二']);
    const again = await s.as.sec.post(URL, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: saved.id, replayed: true });
    const count = await t.db
      .selectFrom('lecture_records')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('client_key', '=', body.clientKey)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    // The same key from someone else is a conflict, not their record.
    const other = await s.as.unitAdmin.post(URL, body);
    expect(other.statusCode).toBe(409);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_type', '=', 'lecture_record')
      .where('entity_id', '=', saved.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['lecture.recorded']);
  });

  it('takes a guest speaker by name, who is not a member', async () => {
    const r = await record({ speaker: { kind: 'guest', name: '市委党校张教授' } });
    expect(r).toMatchObject({ speakerName: '市委党校张教授', isGuest: true, speakerMemberId: null });
  });

  it('lets a unit admin record on the branch’s behalf', async () => {
    await record({}, s.as.unitAdmin);
    await record({}, s.as.admin);
  });

  it.each([
    ['a date after today', { heldOn: '2026-07-02' }, '不能晚于今天'],
    ['a date before the campaign', { heldOn: '2026-02-01' }, '不在活动时间内'],
    ['a speaker of another branch', { speaker: { kind: 'member', memberId: '0' } }, '编号格式不正确'],
    ['a category of no campaign', { categoryKey: 'sports' }, '宣讲类别不在本活动的类别中'],
    ['attendance above the active members', { attendance: 5 }, '超过本支部在册党员人数（4）'],
    ['no topic', { topic: ' ' }, '请填写宣讲主题'],
    ['an unknown occasion', { occasion: 'party' }, '宣讲场合无效'],
    ['a plan line the plans module does not know', { planLineId: '12345' }, '计划条目不存在'],
    ['an attachment that is no upload', { fileIds: ['999999'] }, '有附件不存在'],
  ])('refuses %s with a clear message and saves nothing', async (_name, over, message) => {
    const body = recordBody(s, over);
    const res = await s.as.sec.post(URL, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.body).toContain(message);
    const saved = await t.db
      .selectFrom('lecture_records')
      .select('id')
      .where('client_key', '=', body.clientKey)
      .execute();
    expect(saved).toEqual([]);
  });

  it('refuses a speaker from another branch and an inactive member', async () => {
    const other = await s.as.sec.post(
      URL,
      recordBody(s, { speaker: { kind: 'member', memberId: s.secretaryB.id } }),
    );
    expect(other.statusCode).toBe(400);
    expect(messageOf(other)).toContain('不是本支部的在册党员');
    const gone = await s.as.sec.post(
      URL,
      recordBody(s, { speaker: { kind: 'member', memberId: s.inactive.id } }),
    );
    expect(gone.statusCode).toBe(400);
  });

  it('401 without a session, 403 for another branch’s secretary and a plain member, 404 for no branch or campaign', async () => {
    expect((await t.anonymous.post(URL, recordBody(s))).statusCode).toBe(401);
    expect((await s.as.secB.post(URL, recordBody(s))).statusCode).toBe(403);
    expect((await s.as.sec2.post(URL, recordBody(s))).statusCode).toBe(403);
    expect((await s.as.li.post(URL, recordBody(s))).statusCode).toBe(403);
    expect((await s.as.unitAdminB.post(URL, recordBody(s))).statusCode).toBe(403);
    expect((await s.as.organiser.post(URL, recordBody(s))).statusCode).toBe(403);
    expect((await s.as.sec.post(URL, recordBody(s, { orgId: '987654' }))).statusCode).toBe(404);
    expect((await s.as.sec.post(URL, recordBody(s, { campaignId: '987654' }))).statusCode).toBe(404);
    // A unit is not a branch.
    expect((await s.as.unitAdmin.post(URL, recordBody(s, { orgId: s.unitA.id }))).statusCode).toBe(404);
  });

  it('gives the form its choices: the campaign, active members, today', async () => {
    const res = await s.as.sec.get(`/api/lectures/branches/${s.branch.id}/form`);
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form).toMatchObject({
      branch: { id: s.branch.id, name: '甲局第一支部' },
      activeMemberCount: 4,
      selfMemberId: s.secretary.id,
      today: '2026-07-01',
    });
    expect(form.campaigns.map((c: { id: string }) => c.id)).toContain(s.campaignId);
    expect((await s.as.secB.get(`/api/lectures/branches/${s.branch.id}/form`)).statusCode).toBe(403);
    expect((await s.as.sec.get(`/api/lectures/branches/987654/form`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/lectures/branches/${s.branch.id}/form`)).statusCode).toBe(401);
    expect((await s.as.sec.get(`/api/lectures/branches/x/form`)).statusCode).toBe(400);
    const mine = (await s.as.sec.get('/api/lectures/branches')).json();
    expect(mine.items).toEqual([{ orgId: s.branch.id, orgPath: s.branch.path, orgName: '甲局第一支部' }]);
    expect((await s.as.li.get('/api/lectures/branches')).json().items).toEqual([]);
  });
});

describe('confirming, returning, editing, correcting, deleting', () => {
  it('the unit confirms one record and returns another with a reason; the secretary resubmits', async () => {
    const a = await record({ topic: '第一讲' });
    const b = await record({ topic: '第二讲' });
    // Sibling unit's admin and the organiser may not decide; the secretary neither.
    expect((await s.as.unitAdminB.post(`${URL}/${a.id}/confirm`)).statusCode).toBe(404);
    expect((await s.as.organiser.post(`${URL}/${a.id}/confirm`)).statusCode).toBe(403);
    expect((await s.as.sec.post(`${URL}/${a.id}/confirm`)).statusCode).toBe(403);
    expect((await t.anonymous.post(`${URL}/${a.id}/confirm`)).statusCode).toBe(401);
    expect((await s.as.unitAdmin.post(`${URL}/987654/confirm`)).statusCode).toBe(404);

    const confirmed = await s.as.unitAdmin.post(`${URL}/${a.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', can: { edit: false, correct: true } });
    expect((await s.as.unitAdmin.post(`${URL}/${a.id}/confirm`)).statusCode).toBe(409);
    expect((await s.as.unitAdmin.post(`${URL}/${a.id}/return`, { reason: '照片不清楚' })).statusCode).toBe(
      409,
    );

    expect((await s.as.unitAdmin.post(`${URL}/${b.id}/return`, { reason: '' })).statusCode).toBe(400);
    const returned = await s.as.unitAdmin.post(`${URL}/${b.id}/return`, { reason: '请补充活动照片' });
    expect(returned.statusCode).toBe(200);
    const seen = (await s.as.sec.get(`${URL}/${b.id}`)).json<LectureRecordDetail>();
    expect(seen).toMatchObject({ status: 'returned', returnReason: '请补充活动照片', can: { edit: true } });

    // Locked once confirmed: the secretary can neither edit nor delete it.
    const edit = await s.as.sec.patch(`${URL}/${a.id}`, fieldsOf(recordBody(s, { topic: '改' })));
    expect(edit.statusCode).toBe(409);
    expect((await s.as.sec.post(`${URL}/${a.id}/delete`, {})).statusCode).toBe(409);

    const resubmitted = await s.as.sec.patch(
      `${URL}/${b.id}`,
      fieldsOf(recordBody(s, { topic: '第二讲（补）' })),
    );
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json()).toMatchObject({
      status: 'recorded',
      topic: '第二讲（补）',
      returnReason: null,
    });
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', b.id)
      .where('entity_type', '=', 'lecture_record')
      .orderBy('id')
      .execute();
    expect(actions.map((x) => x.action)).toEqual([
      'lecture.recorded',
      'lecture.returned',
      'lecture.resubmitted',
    ]);
  });

  it('PATCH: 400 bad input, 401, 403 other branch and readers, 404 unknown', async () => {
    const r = await record();
    const url = `${URL}/${r.id}`;
    expect((await s.as.sec.patch(url, fieldsOf(recordBody(s, { attendance: 50 })))).statusCode).toBe(400);
    expect((await t.anonymous.patch(url, fieldsOf(recordBody(s)))).statusCode).toBe(401);
    expect((await s.as.organiser.patch(url, fieldsOf(recordBody(s)))).statusCode).toBe(403);
    expect((await s.as.secB.patch(url, fieldsOf(recordBody(s)))).statusCode).toBe(404);
    expect((await s.as.sec.patch(`${URL}/987654`, fieldsOf(recordBody(s)))).statusCode).toBe(404);
    const ok = await s.as.sec.patch(url, fieldsOf(recordBody(s, { occasion: 'party_lecture' })));
    expect(ok.json()).toMatchObject({ occasion: 'party_lecture' });
  });

  it('a confirmed record changes only through a logged correction, visible on the record', async () => {
    const r = await record({ attendance: 3 });
    await s.as.unitAdmin.post(`${URL}/${r.id}/confirm`);
    const url = `${URL}/${r.id}/corrections`;
    const body = { ...fieldsOf(recordBody(s, { attendance: 4 })), reason: '人数登记有误' };
    expect((await s.as.sec.post(url, body)).statusCode).toBe(403);
    expect((await s.as.unitAdminB.post(url, body)).statusCode).toBe(404);
    expect((await t.anonymous.post(url, body)).statusCode).toBe(401);
    expect((await s.as.unitAdmin.post(url, { ...body, reason: '' })).statusCode).toBe(400);
    const same = await s.as.unitAdmin.post(url, {
      ...fieldsOf(recordBody(s, { attendance: 3 })),
      reason: '无',
    });
    expect(same.statusCode, same.body).toBe(400);
    expect(messageOf(same)).toContain('没有需要更正的内容');
    const res = await s.as.unitAdmin.post(url, body);
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await s.as.sec.get(`${URL}/${r.id}`)).json<LectureRecordDetail>();
    expect(detail.attendance).toBe(4);
    expect(detail.corrections).toHaveLength(1);
    expect(detail.corrections[0]).toMatchObject({
      reason: '人数登记有误',
      before: { attendance: '3 人' },
      after: { attendance: '4 人' },
    });
    // Not yet confirmed: corrections are not the way.
    const open = await record();
    expect((await s.as.unitAdmin.post(`${URL}/${open.id}/corrections`, body)).statusCode).toBe(409);
  });

  it('deleting leaves a trace: the secretary before confirmation, an admin any time with a reason', async () => {
    const mine = await record({ topic: '将删除' });
    expect((await s.as.secB.post(`${URL}/${mine.id}/delete`, {})).statusCode).toBe(404);
    expect((await t.anonymous.post(`${URL}/${mine.id}/delete`, {})).statusCode).toBe(401);
    expect((await s.as.supervisor.post(`${URL}/${mine.id}/delete`, {})).statusCode).toBe(403);
    expect((await s.as.sec.post(`${URL}/${mine.id}/delete`, {})).statusCode).toBe(200);
    expect((await s.as.sec.get(`${URL}/${mine.id}`)).statusCode).toBe(404);
    expect((await s.as.sec.post(`${URL}/${mine.id}/delete`, {})).statusCode).toBe(404);
    const trace = (await s.as.unitAdmin.get(`${URL}/${mine.id}`)).json<LectureRecordDetail>();
    expect(trace).toMatchObject({ deleted: true, can: { edit: false, delete: false } });
    expect((await s.as.unitAdmin.post(`${URL}/${mine.id}/delete`, { reason: '再删' })).statusCode).toBe(409);
    const list = (await s.as.unitAdmin.get(`${URL}?status=deleted`)).json<{ items: { id: string }[] }>();
    expect(list.items.map((i) => i.id)).toContain(mine.id);
    const secList = (await s.as.sec.get(`${URL}?status=deleted`)).json<{ items: unknown[] }>();
    expect(secList.items).toEqual([]);

    const confirmed = await record({ topic: '已确认后删除' });
    await s.as.unitAdmin.post(`${URL}/${confirmed.id}/confirm`);
    expect((await s.as.unitAdmin.post(`${URL}/${confirmed.id}/delete`, { reason: '' })).statusCode).toBe(400);
    const res = await s.as.unitAdmin.post(`${URL}/${confirmed.id}/delete`, { reason: '重复登记' });
    expect(res.statusCode).toBe(200);
    const row = await t.db
      .selectFrom('lecture_records')
      .select(['deleted_at', 'delete_reason', 'status'])
      .where('id', '=', confirmed.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ delete_reason: '重复登记', status: 'confirmed' });
    expect(row.deleted_at).not.toBeNull();
  });
});

describe('who reads what', () => {
  it('lists never wider than details; members see their own lectures', async () => {
    const r = await record({ topic: '李一讲党史', speaker: { kind: 'member', memberId: s.members[0]!.id } });
    const inList = async (as: typeof s.as.sec, query = '') =>
      (await as.get(`${URL}?pageSize=100${query}`))
        .json<{ items: { id: string }[] }>()
        .items.some((i) => i.id === r.id);
    for (const who of [s.as.sec, s.as.unitAdmin, s.as.organiser, s.as.supervisor, s.as.admin]) {
      expect(await inList(who)).toBe(true);
      expect((await who.get(`${URL}/${r.id}`)).statusCode).toBe(200);
    }
    for (const who of [s.as.sec2, s.as.secB, s.as.unitAdminB]) {
      expect(await inList(who)).toBe(false);
      expect((await who.get(`${URL}/${r.id}`)).statusCode).toBe(404);
    }
    // The member who spoke reads it (我的宣讲) but it is not in a branch list for them.
    expect(await inList(s.as.li)).toBe(false);
    expect((await s.as.li.get(`${URL}/${r.id}`)).statusCode).toBe(200);
    const mine = (await s.as.li.get('/api/lectures/mine')).json<{ items: { id: string }[] }>();
    expect(mine.items.map((i) => i.id)).toEqual([r.id]);
    expect((await s.as.unitAdmin.get('/api/lectures/mine')).json()).toEqual({ items: [] });
    expect((await t.anonymous.get('/api/lectures/mine')).statusCode).toBe(401);
    // Organiser reads only.
    const detail = (await s.as.organiser.get(`${URL}/${r.id}`)).json<LectureRecordDetail>();
    expect(detail.can).toMatchObject({ edit: false, decide: false, delete: false });

    expect(await inList(s.as.unitAdmin, '&status=recorded')).toBe(true);
    expect(await inList(s.as.unitAdmin, '&status=confirmed')).toBe(false);
    expect(await inList(s.as.unitAdmin, `&orgId=${s.branch2.id}`)).toBe(false);
    expect((await s.as.unitAdmin.get(`${URL}?status=lost`)).statusCode).toBe(400);
    expect((await t.anonymous.get(URL)).statusCode).toBe(401);
    expect((await s.as.sec.get(`${URL}/abc`)).statusCode).toBe(400);
    expect((await t.anonymous.get(`${URL}/${r.id}`)).statusCode).toBe(401);
  });

  it('a new client key each time makes a new record', async () => {
    const body = recordBody(s);
    const a = await s.as.sec.post(URL, body);
    const b = await s.as.sec.post(URL, { ...body, clientKey: newClientKey() });
    expect(a.json().id).not.toBe(b.json().id);
  });
});
