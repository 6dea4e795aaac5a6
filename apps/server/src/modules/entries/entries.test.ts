import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryDetail, EntryListResponse } from '@jiangtai/contracts';
import type { Client, TestContext } from '../../test/harness.ts';
import { attachFile, createEntry, entriesTestContext, publishedCampaign, speaker } from './test-scene.ts';

let ctx: Awaited<ReturnType<typeof entriesTestContext>>;
let t: TestContext;
let s: Awaited<ReturnType<typeof scene>>;

/**
 * 演示市委 → 市直机关工委 (organiser of a 岳阳-style campaign, 初赛 2026-08-01..31, quota 1–2) →
 * 市教育局 and 市财政局 with a branch each. The clock stands at 2026-07-01 10:00 Beijing time.
 */
async function scene() {
  const f = t.factories;
  const city = await f.org({ name: '演示市委', type: 'committee' });
  const organs = await f.org({ name: '市直机关工委', type: 'committee', parent: city });
  const edu = await f.org({ name: '市教育局', type: 'unit', parent: organs });
  const eduBranch = await f.org({ name: '教育局第一党支部', type: 'branch', parent: edu });
  const finance = await f.org({ name: '市财政局', type: 'unit', parent: organs });
  const finBranch = await f.org({ name: '财政局第一党支部', type: 'branch', parent: finance });
  const login = async (
    username: string,
    role: Parameters<typeof f.user>[0][0]['role'],
    org: { id: string; path: string },
  ) => {
    await f.user([{ role, org }], { username });
    return t.login(username);
  };
  const campaignId = await publishedCampaign(t, organs);
  return {
    city,
    organs,
    edu,
    eduBranch,
    finance,
    finBranch,
    campaignId,
    organiser: await login('e_organiser', 'organiser', organs),
    eduAdmin: await login('e_eduadmin', 'unit_admin', edu),
    finAdmin: await login('e_finadmin', 'unit_admin', finance),
    supervisor: await login('e_supervisor', 'supervisor', city),
    judge: await login('e_judge', 'judge', organs),
    zhang: await speaker(t, eduBranch, 'e_zhang', { name: '张三', gender: 'male', phone: '13900001111' }),
    li: await speaker(t, eduBranch, 'e_li', { name: '李四' }),
    wang: await speaker(t, eduBranch, 'e_wang', { name: '王五' }),
    zhao: await speaker(t, finBranch, 'e_zhao', { name: '赵六' }),
    plain: await speaker(t, eduBranch, 'e_plain', { name: '普通党员', positions: ['党员'] }),
  };
}

beforeAll(async () => {
  ctx = await entriesTestContext();
  t = ctx.t;
  s = await scene();
});
afterAll(async () => ctx.close());

const url = (id: string, rest = '') => `/api/entries/${id}${rest}`;
const detail = (c: Client, id: string) => c.get(url(id)).then((r) => r.json<EntryDetail>());
/** Ready to submit in the 岳阳 preset: video and manuscript attached. */
async function withFiles(id: string) {
  await attachFile(t, ctx.dataDir, id, 'video');
  await attachFile(t, ctx.dataDir, id, 'manuscript');
}

describe('creating an entry', () => {
  it('lets a branch secretary enter themself, in their unit, as a draft with an event', async () => {
    const res = await s.zhang.client.post(`/api/campaigns/${s.campaignId}/entries`, {
      stageKey: 'preliminary',
      title: '  初心如磐  ',
      categoryKey: 'theory',
      outline: '一、初心\n二、使命',
    });
    expect(res.statusCode).toBe(201);
    const e = res.json<EntryDetail>();
    expect(e).toMatchObject({
      title: '初心如磐',
      state: 'draft',
      unitName: '市教育局',
      speakerName: '张三',
      stageName: '初赛',
      categoryName: '政治理论',
      can: { edit: true, submit: true, recommend: false },
    });
    expect(e.completeness.summary).toBe('还缺：宣讲视频、讲稿、推荐表（盖章扫描件）');
    expect(e.deadline).toBe('2026-08-31T16:00:00.000Z');
    const events = (await s.zhang.client.get(url(e.id, '/events'))).json<{ items: unknown[] }>();
    expect(events.items).toMatchObject([{ fromState: null, toState: 'draft', actorName: '张三' }]);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'entry.created')
      .execute();
    expect(audit.some((a) => a.entity_id === e.id)).toBe(true);
  });

  it('refuses a second live entry for the same stage (409)', async () => {
    const res = await s.zhang.client.post(`/api/campaigns/${s.campaignId}/entries`, {
      stageKey: 'preliminary',
      title: '另一篇',
      categoryKey: 'theory',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/张三在本阶段已有作品「初心如磐」/);
  });

  it('checks eligibility (422) and the fields (400)', async () => {
    const notEligible = await s.plain.client.post(`/api/campaigns/${s.campaignId}/entries`, {
      stageKey: 'preliminary',
      title: '题目',
      categoryKey: 'theory',
    });
    expect(notEligible.statusCode).toBe(422);
    expect(notEligible.json()).toMatchObject({
      code: 'NOT_ELIGIBLE',
      detail: '普通党员的职务为党员，本活动要求职务为书记或副书记；如职务有变化，请先在党员信息中更新',
    });
    const noTitle = await s.li.client.post(`/api/campaigns/${s.campaignId}/entries`, {
      stageKey: 'preliminary',
      title: ' ',
      categoryKey: 'theory',
    });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().issues).toEqual([{ path: 'title', message: '请填写作品标题' }]);
    const launch = await s.li.client.post(`/api/campaigns/${s.campaignId}/entries`, {
      stageKey: 'launch',
      title: '题目',
      categoryKey: 'theory',
    });
    expect(launch.statusCode).toBe(400);
    const badCategory = await s.li.client.post(`/api/campaigns/${s.campaignId}/entries`, {
      stageKey: 'preliminary',
      title: '题目',
      categoryKey: 'nope',
    });
    expect(badCategory.json().issues).toEqual([{ path: 'categoryKey', message: '请选择本活动的宣讲类别' }]);
  });

  it('lets the unit admin enter a member on their behalf, but not another unit (404, as if missing) or nobody (400)', async () => {
    const e = await createEntry(s.eduAdmin, s.campaignId, { memberId: s.li.member.id });
    expect(e).toMatchObject({ state: 'draft', speakerName: '李四' });
    const other = await s.finAdmin.post(`/api/campaigns/${s.campaignId}/entries`, {
      stageKey: 'preliminary',
      memberId: s.wang.member.id,
      title: '题目',
      categoryKey: 'theory',
    });
    expect(other.statusCode).toBe(404);
    const nobody = await s.organiser.post(`/api/campaigns/${s.campaignId}/entries`, {
      stageKey: 'preliminary',
      title: '题目',
      categoryKey: 'theory',
    });
    expect(nobody.statusCode).toBe(400);
  });

  it('answers 401 signed out and 404 for a missing campaign', async () => {
    expect((await t.anonymous.post(`/api/campaigns/${s.campaignId}/entries`, {})).statusCode).toBe(401);
    const missing = await s.wang.client.post('/api/campaigns/999999/entries', {
      stageKey: 'preliminary',
      title: '题目',
      categoryKey: 'theory',
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('who sees which entries', () => {
  it('lists the same entries a viewer may open', async () => {
    const zhao = await createEntry(s.zhao.client, s.campaignId, { title: '财政人讲党史' });
    const list = (c: Client) =>
      c.get(`/api/campaigns/${s.campaignId}/entries`).then((r) => r.json<EntryListResponse>());
    const edu = await list(s.eduAdmin);
    expect(edu.items.map((i) => i.unitName)).not.toContain('市财政局');
    expect(edu.canManage).toBe(false);
    expect((await s.eduAdmin.get(url(zhao.id))).statusCode).toBe(404);
    const all = await list(s.organiser);
    expect(all.canManage).toBe(true);
    expect(new Set(all.items.map((i) => i.unitName))).toEqual(new Set(['市教育局', '市财政局']));
    const own = await list(s.zhao.client);
    expect(own.items.map((i) => i.id)).toEqual([zhao.id]);
    expect((await s.zhang.client.get(url(zhao.id))).statusCode).toBe(404);
    const mine = (await s.zhao.client.get('/api/entries/mine')).json<{ items: { id: string }[] }>();
    expect(mine.items.map((i) => i.id)).toEqual([zhao.id]);
  });

  it('filters by unit, category and state', async () => {
    const res = await s.organiser.get(
      `/api/campaigns/${s.campaignId}/entries?unitId=${s.finance.id}&categoryKey=history&state=draft`,
    );
    expect(res.json<EntryListResponse>().items.map((i) => i.speakerName)).toEqual(['赵六']);
    expect((await s.organiser.get(`/api/campaigns/${s.campaignId}/entries?state=nope`)).statusCode).toBe(400);
  });

  it('shows nothing to judges and supervisors yet (403 for lists, 404 for an entry as if missing)', async () => {
    expect((await s.judge.get(`/api/campaigns/${s.campaignId}/entries`)).statusCode).toBe(403);
    expect((await s.supervisor.get(`/api/campaigns/${s.campaignId}/entries`)).statusCode).toBe(403);
    const zhang = (await s.zhang.client.get('/api/entries/mine')).json<{ items: { id: string }[] }>();
    expect((await s.supervisor.get(url(zhang.items[0]!.id))).statusCode).toBe(404);
    expect((await s.supervisor.get(url('999999'))).statusCode).toBe(404);
  });
});

describe('submitting, recommending and returning', () => {
  let zhangId: string;
  let liId: string;
  let wangId: string;

  beforeAll(async () => {
    const mine = async (c: Client) =>
      (await c.get('/api/entries/mine')).json<{ items: { id: string }[] }>().items[0]!.id;
    zhangId = await mine(s.zhang.client);
    liId = await mine(s.li.client);
    wangId = (await createEntry(s.wang.client, s.campaignId, { title: '王五的宣讲' })).id;
  });

  it('refuses to submit without the required files (422), then accepts', async () => {
    const res = await s.zhang.client.post(url(zhangId, '/submit'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'ENTRY_INCOMPLETE',
      detail: '还缺少宣讲视频、讲稿，请上传后再提交',
    });
    await withFiles(zhangId);
    const ok = await s.zhang.client.post(url(zhangId, '/submit'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'submitted', can: { edit: false } });
  });

  it('lets only the unit admin recommend, and refuses edits after submission (409)', async () => {
    expect((await s.zhang.client.post(url(zhangId, '/recommend'))).statusCode).toBe(403);
    expect((await s.finAdmin.post(url(zhangId, '/recommend'))).statusCode).toBe(404);
    expect((await s.organiser.post(url(zhangId, '/recommend'))).statusCode).toBe(403);
    const edit = await s.zhang.client.patch(url(zhangId), { title: '新标题' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toBe('作品当前为「已提交」，不能修改；如需修改，请联系单位管理员退回');
    // The campaign requires the stamped 推荐表: without it the unit cannot recommend, and nothing changes.
    const refused = await s.eduAdmin.post(url(zhangId, '/recommend'));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'ENTRY_INCOMPLETE',
      detail:
        '「初心如磐」还缺少推荐表（盖章扫描件），本活动要求推荐前上传；请打开作品页面，在「推荐表」栏下载推荐表（Word），核对、盖章后扫描上传，再推荐',
    });
    expect((await detail(s.eduAdmin, zhangId)).state).toBe('submitted');
    const events = (await s.eduAdmin.get(url(zhangId, '/events'))).json<{ items: unknown[] }>();
    expect(events.items).toHaveLength(2);
    await attachFile(t, ctx.dataDir, zhangId, 'recommendation_scan');
    const ok = await s.eduAdmin.post(url(zhangId, '/recommend'));
    expect(ok.json()).toMatchObject({ state: 'recommended' });
    expect((await s.eduAdmin.post(url(zhangId, '/recommend'))).statusCode).toBe(409);
  });

  it('keeps the 推荐表 of a recommended entry: a new scan replaces it, removing it is refused (409)', async () => {
    const scan = (await detail(s.eduAdmin, zhangId)).materials.find(
      (m) => m.material === 'recommendation_scan',
    )!;
    const res = await s.eduAdmin.delete(url(zhangId, `/materials/${scan.id}`));
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('作品已推荐，本活动要求推荐表，不能删除；如需更换，请直接上传新的扫描件');
    expect((await detail(s.eduAdmin, zhangId)).completeness.complete).toBe(true);
  });

  it('stops at the quota with how many are used of how many (409), changing nothing', async () => {
    for (const id of [liId, wangId]) {
      await withFiles(id);
      await attachFile(t, ctx.dataDir, id, 'recommendation_scan');
      expect((await s.eduAdmin.post(url(id, '/submit'))).statusCode).toBe(200);
    }
    expect((await s.eduAdmin.post(url(liId, '/recommend'))).statusCode).toBe(200);
    const over = await s.eduAdmin.post(url(wangId, '/recommend'));
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'QUOTA_FULL',
      detail: '本单位本阶段已推荐 2 名，名额为 1–2 名，不能再推荐；如需更换，请先将已推荐的作品退回',
    });
    expect((await detail(s.eduAdmin, wangId)).state).toBe('submitted');
    const list = (await s.eduAdmin.get(`/api/campaigns/${s.campaignId}/entries`)).json<EntryListResponse>();
    expect(list.quotas.find((q) => q.unitName === '市教育局')).toMatchObject({
      recommended: 2,
      min: 1,
      max: 2,
      entries: 3,
      recommendedIncomplete: 0,
      recommendedMissingScan: 0,
    });
  });

  it("shows the organiser a recommended entry without the 推荐表 as incomplete in the unit's count", async () => {
    const qian = await speaker(t, s.finBranch, 'e_qian', { name: '钱七' });
    const zhao = (await createEntry(qian.client, s.campaignId, { title: '钱七的宣讲' })).id;
    await withFiles(zhao);
    expect((await qian.client.post(url(zhao, '/submit'))).statusCode).toBe(200);
    // As a round's confirmation recommends (the judges' list, not the unit's 推荐): no scan yet.
    await t.db.updateTable('entries').set({ state: 'recommended' }).where('id', '=', zhao).execute();
    const list = (await s.organiser.get(`/api/campaigns/${s.campaignId}/entries`)).json<EntryListResponse>();
    expect(list.quotas.find((q) => q.unitName === '市财政局')).toMatchObject({
      recommended: 1,
      entries: 2,
      recommendedIncomplete: 1,
      recommendedMissingScan: 1,
    });
    const item = list.items.find((i) => i.id === zhao)!;
    expect(item.completeness).toMatchObject({ complete: false, summary: '还缺：推荐表（盖章扫描件）' });
    // The unit uploads it late but in time: complete, and the count follows.
    await attachFile(t, ctx.dataDir, zhao, 'recommendation_scan');
    const after = (await s.finAdmin.get(`/api/campaigns/${s.campaignId}/entries`)).json<EntryListResponse>();
    expect(after.quotas.find((q) => q.unitName === '市财政局')).toMatchObject({
      recommended: 1,
      recommendedIncomplete: 0,
      recommendedMissingScan: 0,
    });
  });

  it('returns with a reason (400 without), and the speaker edits and submits again', async () => {
    expect((await s.eduAdmin.post(url(liId, '/return'), { reason: '' })).statusCode).toBe(400);
    const ret = await s.eduAdmin.post(url(liId, '/return'), { reason: '讲稿提纲过于简单，请补充' });
    expect(ret.json()).toMatchObject({ state: 'returned', returnReason: '讲稿提纲过于简单，请补充' });
    const edited = await s.li.client.patch(url(liId), { outline: '一、二、三' });
    expect(edited.json()).toMatchObject({ outline: '一、二、三', state: 'returned' });
    expect((await s.li.client.post(url(liId, '/submit'))).json()).toMatchObject({
      state: 'submitted',
      returnReason: null,
    });
    const events = (await s.li.client.get(url(liId, '/events'))).json<{
      items: { toState: string; reason: string | null }[];
    }>();
    expect(events.items.map((e) => e.toState)).toEqual([
      'draft',
      'submitted',
      'recommended',
      'returned',
      'submitted',
    ]);
    expect(events.items[3]!.reason).toBe('讲稿提纲过于简单，请补充');
    // The slot freed by the return goes to 王五.
    expect((await s.eduAdmin.post(url(wangId, '/recommend'))).statusCode).toBe(200);
  });

  it('lets the speaker withdraw, after which they may enter again', async () => {
    const res = await s.wang.client.post(url(wangId, '/withdraw'));
    expect(res.json()).toMatchObject({ state: 'withdrawn' });
    expect((await s.wang.client.post(url(wangId, '/withdraw'))).statusCode).toBe(409);
    await createEntry(s.wang.client, s.campaignId, { title: '重新报送' });
  });
});

describe('materials and documents', () => {
  let id: string;
  beforeAll(async () => {
    id =
      (await createEntry(s.eduAdmin, s.campaignId, { memberId: s.plain.member.id }).catch(() => null))?.id ??
      '';
    // 普通党员 is not eligible; use 赵六's draft instead.
    id = (await s.zhao.client.get('/api/entries/mine')).json<{ items: { id: string }[] }>().items[0]!.id;
  });

  it('lists materials with history, serves PDFs inline with a safe name, and removes one', async () => {
    const first = await attachFile(t, ctx.dataDir, id, 'manuscript');
    const second = await attachFile(t, ctx.dataDir, id, 'manuscript', {
      findings: [{ code: 'x', severity: 'warn', message: '提示', found: 'a', required: 'b' }],
    });
    const list = (await s.zhao.client.get(url(id, '/materials'))).json<{
      items: { id: string; current: boolean }[];
    }>();
    expect(list.items.map((m) => [m.id, m.current])).toEqual([
      [second.materialId, true],
      [first.materialId, false],
    ]);
    const file = await s.organiser.get(url(id, `/materials/${second.materialId}/file`));
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `inline; filename="__-__.pdf"; filename*=UTF-8''${encodeURIComponent('赵六-讲稿.pdf')}`,
    );
    expect(file.rawPayload.equals(second.bytes)).toBe(true);
    expect((await s.eduAdmin.get(url(id, `/materials/${second.materialId}/file`))).statusCode).toBe(404);
    expect((await s.zhao.client.get(url(id, '/materials/999999/file'))).statusCode).toBe(404);
    const del = await s.zhao.client.delete(url(id, `/materials/${second.materialId}`));
    expect(del.statusCode).toBe(200);
    expect((await s.zhao.client.delete(url(id, `/materials/${second.materialId}`))).statusCode).toBe(409);
    expect(
      (await detail(s.zhao.client, id)).completeness.items.find((i) => i.material === 'manuscript')?.status,
    ).toBe('missing');
  });

  it('generates the 推荐表 DOCX for the unit admin only', async () => {
    const zhang = (await s.zhang.client.get('/api/entries/mine')).json<{ items: { id: string }[] }>()
      .items[0]!.id;
    const res = await s.eduAdmin.get(url(zhang, '/recommendation-form'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('推荐表-张三.docx')}`,
    );
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    for (const text of [
      '单位（盖章）：',
      '市教育局',
      '张三',
      '13900001111',
      '教育局第一党支部 书记',
      '微宣讲',
      '一、初心',
    ])
      expect(xml).toContain(text);
    expect(xml).toContain('w:eastAsia="宋体"');
    expect((await s.zhang.client.get(url(zhang, '/recommendation-form'))).statusCode).toBe(403);
  });

  it('zips a stage with folders per unit for the organiser, and a unit for its admin', async () => {
    const res = await s.organiser.get(`/api/campaigns/${s.campaignId}/entries/zip?stageKey=preliminary`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const { default: JSZip } = await import('jszip');
    const names = Object.keys((await JSZip.loadAsync(res.rawPayload)).files).sort();
    expect(names).toContain('市教育局/张三-讲稿.pdf');
    expect(names).toContain('市教育局/张三-视频.mp4');
    const unit = await s.eduAdmin.get(`/api/campaigns/${s.campaignId}/entries/zip?stageKey=preliminary`);
    const unitNames = Object.keys((await JSZip.loadAsync(unit.rawPayload)).files);
    expect(unitNames.every((n) => n.startsWith('市教育局/'))).toBe(true);
    expect(
      (await s.zhang.client.get(`/api/campaigns/${s.campaignId}/entries/zip?stageKey=preliminary`))
        .statusCode,
    ).toBe(403);
    expect(
      (await s.organiser.get(`/api/campaigns/${s.campaignId}/entries/zip?stageKey=final`)).statusCode,
    ).toBe(409);
    expect((await s.organiser.get(`/api/campaigns/${s.campaignId}/entries/zip`)).statusCode).toBe(400);
  });
});

describe('deadlines', () => {
  it('refuses late changes (409) until the organiser extends the unit deadline with a reason', async () => {
    const zhaoEntry = (await s.zhao.client.get('/api/entries/mine')).json<{ items: { id: string }[] }>()
      .items[0]!.id;
    const liEntry = (await s.li.client.get('/api/entries/mine')).json<{ items: { id: string }[] }>().items[0]!
      .id;
    t.clock.set(new Date('2026-09-01T00:30:00Z')); // 2026-09-01 08:30 Beijing, 初赛 closed on 08-31
    try {
      // Sessions last hours, so everyone signs in again on the later day.
      const [zhao, li, organiser, finAdmin, eduAdmin] = await Promise.all(
        ['e_zhao', 'e_li', 'e_organiser', 'e_finadmin', 'e_eduadmin'].map((u) => t.login(u)),
      );
      const late = await zhao!.patch(url(zhaoEntry), { title: '改个标题' });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({
        code: 'ENTRY_LATE',
        detail:
          '本阶段作品报送已于2026年8月31日截止，不能再修改作品；如确需延期，请联系活动组织者为本单位延长截止时间',
      });
      const ext = `/api/campaigns/${s.campaignId}/deadline-extensions`;
      const body = {
        stageKey: 'preliminary',
        unitId: s.finance.id,
        until: '2026-09-03',
        reason: '系统故障，补交材料',
      };
      expect((await finAdmin!.post(ext, body)).statusCode).toBe(403);
      expect((await organiser!.post(ext, { ...body, reason: '' })).statusCode).toBe(400);
      expect((await organiser!.post(ext, { ...body, until: '2026-08-30' })).statusCode).toBe(400);
      const ok = await organiser!.post(ext, body);
      expect(ok.statusCode).toBe(201);
      expect(ok.json().items[0]).toMatchObject({
        unitName: '市财政局',
        until: '2026-09-03',
        reason: '系统故障，补交材料',
      });
      expect((await zhao!.patch(url(zhaoEntry), { title: '改个标题' })).statusCode).toBe(200);
      // 教育局 got no extension: no more submitting there, but a speaker may still pull out.
      const lateReturn = await eduAdmin!.post(url(liEntry, '/return'), { reason: '请补充讲稿' });
      expect(lateReturn.json()).toMatchObject({ status: 409, code: 'ENTRY_LATE' });
      expect((await li!.post(url(liEntry, '/withdraw'))).statusCode).toBe(200);
      expect((await eduAdmin!.get(ext)).json<{ items: unknown[] }>().items).toEqual([]);
      expect((await finAdmin!.get(ext)).json<{ items: unknown[] }>().items).toHaveLength(1);
      const audit = await t.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'entry.deadline_extended')
        .execute();
      expect(audit).toHaveLength(1);
    } finally {
      t.clock.set(new Date('2026-07-01T02:00:00Z'));
    }
  });
});

describe('edge answers', () => {
  it('answers 404 for missing entries, materials and campaigns, and 400 for bad input', async () => {
    expect((await s.organiser.post(url('999999', '/recommend'))).statusCode).toBe(404);
    expect((await s.organiser.get(url('999999', '/recommendation-form'))).statusCode).toBe(404);
    expect((await s.organiser.get(url('999999', '/events'))).statusCode).toBe(404);
    expect((await s.organiser.get('/api/campaigns/999999/entries/zip?stageKey=preliminary')).statusCode).toBe(
      404,
    );
    expect((await s.organiser.get('/api/campaigns/999999/deadline-extensions')).statusCode).toBe(404);
    const zhao = (await s.zhao.client.get('/api/entries/mine')).json<{ items: { id: string }[] }>().items[0]!
      .id;
    expect((await s.zhao.client.delete(url(zhao, '/materials/999999'))).statusCode).toBe(404);
    expect((await s.zhao.client.patch(url(zhao), { title: '长'.repeat(61) })).json()).toMatchObject({
      status: 400,
      issues: [{ path: 'title', message: '作品标题不能超过 60 个字' }],
    });
    expect((await s.zhao.client.get(url('abc'))).statusCode).toBe(400);
  });

  it('keeps judges and supervisors out of extensions, and wants the unit itself, not a branch', async () => {
    expect((await s.judge.get(`/api/campaigns/${s.campaignId}/deadline-extensions`)).statusCode).toBe(403);
    const res = await s.organiser.post(`/api/campaigns/${s.campaignId}/deadline-extensions`, {
      stageKey: 'preliminary',
      unitId: s.eduBranch.id,
      until: '2026-09-05',
      reason: '补交',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe(
      '本阶段按参赛单位报送，「教育局第一党支部」不是参赛单位，请选择它所属的单位',
    );
  });
});
