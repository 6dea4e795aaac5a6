import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  LectureDetail,
  LectureManageItem,
  LectureProposalDefaults,
  PublicLecture,
} from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { insertEntry } from '../entries/repository.ts';
import { publishedCampaign, speaker } from '../entries/test-scene.ts';
import { equipEntry, readyPreview } from './test-publish-scene.ts';

let t: TestContext;
const as = {} as Record<
  'organiser' | 'adminA' | 'adminB' | 'judge' | 'speaker' | 'memberA' | 'memberB',
  Client
>;
const entries = {} as Record<'withAccount' | 'noAccount' | 'processing' | 'noVideo' | 'second', string>;
let unitA = { id: '', path: '', depth: 0 };
let unitB = { id: '', path: '', depth: 0 };
let speakerUserId = '';
let organiserUserId = '';

beforeAll(async () => {
  t = await createTestContext();
  const f = t.factories;
  const city = await f.org({ name: '测试市委', type: 'committee' });
  unitA = await f.org({ name: '甲局', type: 'unit', parent: city });
  unitB = await f.org({ name: '乙局', type: 'unit', parent: city });
  const branchA = await f.org({ name: '甲局第一支部', type: 'branch', parent: unitA });
  const branchB = await f.org({ name: '乙局第一支部', type: 'branch', parent: unitB });
  organiserUserId = (await f.user([{ role: 'organiser', org: city }], { username: 'c_org' })).id;
  await f.user([{ role: 'unit_admin', org: unitA }], { username: 'c_admin_a' });
  await f.user([{ role: 'unit_admin', org: unitB }], { username: 'c_admin_b' });
  await f.user([{ role: 'judge', org: city }], { username: 'c_judge' });
  as.organiser = await t.login('c_org');
  as.adminA = await t.login('c_admin_a');
  as.adminB = await t.login('c_admin_b');
  as.judge = await t.login('c_judge');
  const sp = await speaker(t, branchA, 'c_speaker', { name: '李宣讲' });
  as.speaker = sp.client;
  speakerUserId = (
    await t.db.selectFrom('users').select('id').where('username', '=', 'c_speaker').executeTakeFirstOrThrow()
  ).id;
  as.memberA = (await speaker(t, branchA, 'c_member_a')).client;
  as.memberB = (await speaker(t, branchB, 'c_member_b')).client;
  const noAccount = await f.member(branchA, { name: '王无号' });
  const campaignId = await publishedCampaign(t, city);
  const entry = async (memberId: string, title: string, stageKey = 'semifinal') =>
    insertEntry(t.db, {
      campaignId,
      stageKey,
      memberId,
      unit: unitA,
      title,
      categoryKey: 'theory',
      outline: '',
      createdBy: null,
      now: new Date(),
    });
  entries.withAccount = await entry(sp.member.id, '焦裕禄精神代代传');
  entries.noAccount = await entry(noAccount.id, '一封家书');
  entries.processing = await entry((await f.member(branchA)).id, '还在转码');
  entries.noVideo = await entry((await f.member(branchA)).id, '没有视频');
  entries.second = await entry(sp.member.id, '初赛作品', 'preliminary');
  await equipEntry(t, entries.second);
  await equipEntry(t, entries.withAccount);
  await equipEntry(t, entries.noAccount);
  await equipEntry(t, entries.processing, 'processing');
});
afterAll(async () => t.close());

const propose = (c: Client, over: Record<string, unknown> = {}) =>
  c.post('/api/classroom/lectures', {
    entryId: entries.withAccount,
    orgId: unitA.id,
    title: '焦裕禄精神代代传',
    tags: ['焦裕禄', '党史'],
    summary: '讲述焦裕禄的故事',
    visibility: 'internal',
    ...over,
  });
const detail = (c: Client, id: string) => c.get(`/api/classroom/lectures/${id}`);
let internalId = '';
let publicId = '';

describe('推荐到微课堂', () => {
  it('offers the entry’s defaults to the managers who see the entry, and nobody else', async () => {
    const url = `/api/classroom/entries/${entries.withAccount}/proposal`;
    const res = await as.adminA.get(url);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<LectureProposalDefaults>();
    expect(d).toMatchObject({
      title: '焦裕禄精神代代传',
      speakerName: '李宣讲',
      speakerUnit: '甲局',
      hasAccount: true,
      videoReady: true,
      durationSeconds: 312,
      existing: null,
    });
    expect(d.category).not.toBe('theory');
    expect(d.orgs.map((o) => o.id)).toContain(unitA.id);
    expect((await t.anonymous.get(url)).statusCode).toBe(401);
    expect((await as.adminB.get(url)).statusCode, 'another unit').toBe(404);
    expect((await as.judge.get(url)).statusCode, 'a judge').toBe(404);
    expect((await as.speaker.get(url)).statusCode, 'the speaker sees the entry but does not propose').toBe(
      403,
    );
    expect((await as.adminA.get('/api/classroom/entries/99999999/proposal')).statusCode).toBe(404);
    expect((await as.adminA.get('/api/classroom/entries/abc/proposal')).statusCode).toBe(400);
    const processing = await as.adminA.get(`/api/classroom/entries/${entries.processing}/proposal`);
    expect(processing.json<LectureProposalDefaults>().videoReady).toBe(false);
  });

  it('refuses bad input, another unit as publisher, unready or missing video; then proposes once', async () => {
    expect((await propose(as.adminA, { title: '' })).statusCode).toBe(400);
    expect((await propose(as.adminA, { visibility: 'everyone' })).statusCode).toBe(400);
    expect((await propose(as.adminA, { tags: ['一个非常非常非常长的标签名字'] })).statusCode).toBe(400);
    const other = await propose(as.adminA, { orgId: unitB.id });
    expect(other.statusCode).toBe(400);
    expect(other.json<{ issues: { path: string }[] }>().issues[0]!.path).toBe('orgId');
    expect((await propose(as.adminA, { entryId: entries.processing })).statusCode).toBe(409);
    expect((await propose(as.adminA, { entryId: entries.noVideo })).statusCode).toBe(409);
    expect((await propose(as.judge)).statusCode).toBe(404);
    expect((await propose(as.speaker)).statusCode).toBe(403);
    expect((await t.anonymous.post('/api/classroom/lectures', {})).statusCode).toBe(401);
    const before = await t.db.selectFrom('classroom_lectures').select('id').execute();
    expect(before).toHaveLength(0);

    const res = await propose(as.adminA);
    expect(res.statusCode, res.body).toBe(201);
    const l = res.json<LectureDetail>();
    internalId = l.id;
    expect(l).toMatchObject({ state: 'awaiting_consent', durationSeconds: 312, speakerHasAccount: true });
    expect(l.documents.map((d) => d.kind)).toEqual(['manuscript']);
    expect((await propose(as.organiser)).statusCode, 'one live lecture per entry').toBe(409);
    const row = await t.db
      .selectFrom('classroom_lectures')
      .select(['search_tokens', 'speaker_member_id', 'proposed_by'])
      .where('id', '=', internalId)
      .executeTakeFirstOrThrow();
    expect(row.search_tokens).toContain('焦裕禄');
    expect(row.search_tokens, 'the manuscript’s words').toContain('口号');
    const notices = await t.db
      .selectFrom('user_notices')
      .select(['kind', 'link'])
      .where('user_id', '=', speakerUserId)
      .execute();
    expect(notices).toEqual([
      { kind: 'classroom_consent', link: `/classroom/lectures/${internalId}/consent` },
    ]);
  });
});

describe('consent', () => {
  it('is the speaker’s own answer in the app; a manager may not answer for a speaker with an account', async () => {
    const onBehalf = await as.adminA.post(`/api/classroom/lectures/${internalId}/consent-on-behalf`, {
      agree: true,
      note: '书面授权书已存档',
    });
    expect(onBehalf.statusCode).toBe(409);
    expect(
      (await as.adminA.post(`/api/classroom/lectures/${internalId}/consent`, { agree: true })).statusCode,
    ).toBe(403);
    expect(
      (await as.memberA.post(`/api/classroom/lectures/${internalId}/consent`, { agree: true })).statusCode,
    ).toBe(404);
    const mine = (await detail(as.speaker, internalId)).json<LectureDetail>();
    expect(mine).toMatchObject({ isSpeaker: true, mayAnswerConsent: true, canManage: false, events: [] });
    expect(
      (await as.speaker.post(`/api/classroom/lectures/${internalId}/consent`, { agree: false })).statusCode,
    ).toBe(400);
    expect(
      (await as.adminA.post(`/api/classroom/lectures/${internalId}/publish`)).statusCode,
      'not yet',
    ).toBe(409);
    const ok = await as.speaker.post(`/api/classroom/lectures/${internalId}/consent`, { agree: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<LectureDetail>().state).toBe('consented');
    expect(
      (await as.speaker.post(`/api/classroom/lectures/${internalId}/consent`, { agree: true })).statusCode,
    ).toBe(409);
    const managed = (await detail(as.adminA, internalId)).json<LectureDetail>();
    expect(managed.consent).toMatchObject({ onBehalf: false, byName: '李宣讲' });
    expect(managed.events.map((e) => e.action)).toEqual(['propose', 'consent']);
    expect(managed.nextAction).toBe('发布');
    const told = await t.db
      .selectFrom('user_notices')
      .select('kind')
      .where('user_id', '=', organiserUserId)
      .execute();
    expect(told, 'the proposer was another manager').toEqual([]);
  });

  it('is recorded by a manager with a note when the speaker has no account', async () => {
    const res = await propose(as.organiser, {
      entryId: entries.noAccount,
      title: '一封家书',
      visibility: 'public',
    });
    expect(res.statusCode, res.body).toBe(201);
    publicId = res.json<LectureDetail>().id;
    expect(res.json<LectureDetail>().mayRecordConsent).toBe(true);
    const url = `/api/classroom/lectures/${publicId}/consent-on-behalf`;
    expect((await as.adminA.post(url, { agree: true })).statusCode).toBe(400);
    expect((await as.adminB.post(url, { agree: true, note: '已存档' })).statusCode).toBe(404);
    const ok = await as.adminA.post(url, { agree: true, note: '书面授权书已存档' });
    expect(ok.statusCode, ok.body).toBe(200);
    const l = ok.json<LectureDetail>();
    expect(l.consent).toMatchObject({ onBehalf: true, note: '书面授权书已存档' });
    expect(l.events.at(-1)!.actionLabel).toBe('本人同意（管理员代为登记）');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'classroom_lecture')
      .where('entity_id', '=', publicId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['classroom.proposed', 'classroom.consent_recorded']);
  });
});

describe('publishing and who sees it', () => {
  it('an internal lecture: its subtree’s members and managers, not another unit, a judge or the public', async () => {
    expect((await as.adminB.post(`/api/classroom/lectures/${internalId}/publish`)).statusCode).toBe(404);
    expect((await t.anonymous.post(`/api/classroom/lectures/${internalId}/publish`)).statusCode).toBe(401);
    expect((await detail(as.memberA, internalId)).statusCode, 'not yet published').toBe(404);
    const res = await as.adminA.post(`/api/classroom/lectures/${internalId}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<LectureDetail>()).toMatchObject({ state: 'published', sharePath: null });
    const seen = await detail(as.memberA, internalId);
    expect(seen.statusCode).toBe(200);
    const l = seen.json<LectureDetail>();
    expect(l.video?.masterUrl).toMatch(/^\/api\/media\/\d+\/hls\/master\.m3u8$/);
    expect(l).toMatchObject({ canManage: false, events: [], sourceEntryId: null });
    expect(
      (await as.memberA.get(l.video!.masterUrl)).statusCode,
      'the media routes let the viewer play',
    ).toBe(200);
    expect(
      (await as.memberA.get(`/api/entries/${entries.withAccount}`)).statusCode,
      'entries not widened',
    ).toBe(404);
    for (const c of [as.memberB, as.judge, as.adminB]) {
      expect((await detail(c, internalId)).statusCode).toBe(404);
      expect((await c.get(l.video!.masterUrl)).statusCode).toBe(403);
    }
    expect((await detail(t.anonymous, internalId)).statusCode).toBe(401);
    const code = (
      await t.db
        .selectFrom('classroom_lectures')
        .select('share_code')
        .where('id', '=', internalId)
        .executeTakeFirstOrThrow()
    ).share_code!;
    expect(
      (await t.anonymous.get(`/api/public/classroom/${code}`)).statusCode,
      'internal is not public',
    ).toBe(404);
    const speakerNotices = await t.db
      .selectFrom('user_notices')
      .select('kind')
      .where('user_id', '=', speakerUserId)
      .execute();
    expect(speakerNotices.map((n) => n.kind)).toContain('classroom_published');
  });

  it('a public lecture plays without signing in, with its share link and embed for the managers', async () => {
    const res = await as.adminA.post(`/api/classroom/lectures/${publicId}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json<LectureDetail>();
    expect(l.sharePath).toMatch(/^\/p\/classroom\/[a-z0-9]{16}$/);
    expect(l.embedPath).toBe(l.sharePath!.replace('/p/', '/embed/'));
    const code = l.sharePath!.split('/').pop()!;
    const pub = await t.anonymous.get(`/api/public/classroom/${code}`);
    expect(pub.statusCode, pub.body).toBe(200);
    const p = pub.json<PublicLecture>();
    expect(p).toMatchObject({ title: '一封家书', speakerName: '王无号' });
    expect(JSON.stringify(p)).not.toMatch(/entry|consent|org_path/i);
    expect((await t.anonymous.get(p.video.masterUrl)).statusCode).toBe(200);
    expect((await t.anonymous.get(p.video.posterUrl!)).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/public/classroom/${code}/hls/..%2Fx.m3u8`)).statusCode).toBe(400);
    expect((await t.anonymous.get(`/api/public/classroom/${code}/files/manuscript/preview`)).statusCode).toBe(
      409,
    );
    const manuscript = (
      await t.db
        .selectFrom('classroom_lectures')
        .select('manuscript_file_id')
        .where('id', '=', publicId)
        .executeTakeFirstOrThrow()
    ).manuscript_file_id!;
    await readyPreview(t, manuscript);
    expect((await t.anonymous.get(`/api/public/classroom/${code}/files/manuscript/preview`)).statusCode).toBe(
      200,
    );
    expect((await t.anonymous.get(`/api/public/classroom/${code}/files/courseware/preview`)).statusCode).toBe(
      404,
    );
    expect((await t.anonymous.get('/api/public/classroom/nosuchcode0')).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/public/classroom/BAD!')).statusCode).toBe(400);
    // A signed-in judge reads a public lecture like anyone.
    expect((await detail(as.judge, publicId)).statusCode).toBe(200);
  });

  it('edits are logged; widening to the public after consent is refused', async () => {
    const url = `/api/classroom/lectures/${internalId}`;
    expect((await as.adminA.patch(url, {})).statusCode).toBe(400);
    expect((await as.adminA.patch(url, { title: '' })).statusCode).toBe(400);
    expect((await as.adminA.patch(url, { visibility: 'public' })).statusCode).toBe(409);
    expect((await as.memberA.patch(url, { title: '新标题' })).statusCode).toBe(403);
    expect((await as.adminB.patch(url, { title: '新标题' })).statusCode).toBe(404);
    const res = await as.adminA.patch(url, { title: '焦裕禄精神永放光芒', tags: ['焦裕禄'] });
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json<LectureDetail>();
    expect(l.title).toBe('焦裕禄精神永放光芒');
    expect(l.events.at(-1)).toMatchObject({ action: 'edit', reason: '修改了标题、标签' });
    const row = await t.db
      .selectFrom('classroom_lectures')
      .select('search_text')
      .where('id', '=', internalId)
      .executeTakeFirstOrThrow();
    expect(row.search_text).toContain('永放光芒');
  });

  it('unpublishing needs a reason, tells the speaker, and leaves viewers a note instead of nothing', async () => {
    const url = `/api/classroom/lectures/${internalId}/unpublish`;
    expect((await as.adminA.post(url, {})).statusCode).toBe(400);
    expect((await as.memberA.post(url, { reason: '过时' })).statusCode).toBe(403);
    const res = await as.adminA.post(url, { reason: '内容需要更新' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await as.adminA.post(url, { reason: '再来' })).statusCode).toBe(409);
    const seen = (await detail(as.memberA, internalId)).json<LectureDetail>();
    expect(seen).toMatchObject({
      state: 'unpublished',
      unpublishReason: '内容需要更新',
      video: null,
      documents: [],
    });
    expect((await as.memberB.get(`/api/classroom/lectures/${internalId}`)).statusCode).toBe(404);
    const master = (await detail(as.adminA, internalId)).json<LectureDetail>().video!.masterUrl;
    expect((await as.memberA.get(master)).statusCode, 'the video closes').toBe(403);
    expect((await as.memberA.get(`/api/classroom/lectures/${internalId}/files/manuscript`)).statusCode).toBe(
      404,
    );
    const notice = await t.db
      .selectFrom('user_notices')
      .select(['body'])
      .where('user_id', '=', speakerUserId)
      .where('kind', '=', 'classroom_unpublished')
      .executeTakeFirstOrThrow();
    expect(notice.body).toContain('内容需要更新');

    const pubUrl = `/api/classroom/lectures/${publicId}`;
    const code = (await detail(as.adminA, publicId)).json<LectureDetail>().sharePath!.split('/').pop()!;
    await as.adminA.post(`${pubUrl}/unpublish`, { reason: '暂停公开' });
    expect((await t.anonymous.get(`/api/public/classroom/${code}`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/public/classroom/${code}/hls/master.m3u8`)).statusCode).toBe(404);
    const again = await as.adminA.post(`${pubUrl}/republish`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<LectureDetail>().sharePath, 'the same link works again').toBe(`/p/classroom/${code}`);
    expect((await t.anonymous.get(`/api/public/classroom/${code}`)).statusCode).toBe(200);
    expect((await as.adminA.post(`${pubUrl}/republish`)).statusCode).toBe(409);
    expect((await as.adminB.post(`${pubUrl}/republish`)).statusCode, 'sees it, may not manage it').toBe(403);
  });

  it('the documents: the original for signed-in viewers, the PDF once made', async () => {
    const url = `/api/classroom/lectures/${publicId}/files`;
    const original = await as.memberA.get(`${url}/manuscript`);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-disposition']).toMatch(/^attachment/);
    expect((await as.memberA.get(`${url}/manuscript/preview`)).statusCode).toBe(200);
    expect((await as.memberA.get(`${url}/courseware`)).statusCode).toBe(404);
    expect((await as.memberA.get(`${url}/video`)).statusCode).toBe(400);
    expect((await t.anonymous.get(`${url}/manuscript`)).statusCode).toBe(401);
  });
});

describe('微课堂管理', () => {
  it('lists every lecture of the manager’s subtree in every state with the next step', async () => {
    const list = async (c: Client, q = '') => c.get(`/api/classroom/manage/lectures${q}`);
    const a = (await list(as.adminA)).json<{ items: LectureManageItem[] }>().items;
    expect(a.map((i) => [i.id, i.state])).toEqual([
      [publicId, 'published'],
      [internalId, 'unpublished'],
    ]);
    expect(a[1]!.nextAction).toBe('可重新发布');
    expect((await list(as.adminB)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await list(as.organiser)).json<{ items: unknown[] }>().items).toHaveLength(2);
    expect((await list(as.adminA, '?state=unpublished')).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await list(as.adminA, '?state=gone')).statusCode).toBe(400);
    expect((await list(as.memberA)).statusCode).toBe(403);
    expect((await list(as.judge)).statusCode).toBe(403);
    expect((await list(t.anonymous)).statusCode).toBe(401);
  });

  it('a speaker who declines says why; the entry may then be proposed again', async () => {
    const res = await propose(as.organiser, { entryId: entries.second, title: '初赛作品' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<LectureDetail>().id;
    const answer = await as.speaker.post(`/api/classroom/lectures/${id}/consent`, {
      agree: false,
      reason: '视频里有家人的镜头',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json<LectureDetail>().state).toBe('consent_declined');
    const told = await t.db
      .selectFrom('user_notices')
      .select(['kind', 'title'])
      .where('user_id', '=', organiserUserId)
      .execute();
    expect(told).toEqual([{ kind: 'classroom_consent_answered', title: '李宣讲不同意发布微课「初赛作品」' }]);
    expect((await as.organiser.post(`/api/classroom/lectures/${id}/publish`)).statusCode).toBe(409);
    expect((await as.organiser.patch(`/api/classroom/lectures/${id}`, { title: '改' })).statusCode).toBe(409);
    expect((await propose(as.organiser, { entryId: entries.second, title: '初赛作品' })).statusCode).toBe(
      201,
    );
  });
});
