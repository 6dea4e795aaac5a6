import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { PoolOverview, PoolSpeakerDetail, PoolSummary, PoolView } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { poolScene, type PoolScene } from './test-pool-scene.ts';

let t: TestContext;
let s: PoolScene;
let cityPool: PoolSummary;
let jiaPool: PoolSummary;
let yiPool: PoolSummary;
beforeAll(async () => {
  t = await createTestContext();
  s = await poolScene(t);
  const make = async (c: PoolScene['cityOrganiser'], orgId: string, name: string, target?: number) => {
    const res = await c.post('/api/pools', { orgId, name, ...(target ? { target } : {}) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<PoolSummary>();
  };
  cityPool = await make(s.cityOrganiser, s.city.id, '焦作市师资库', 30);
  jiaPool = await make(s.jiaAdmin, s.jia.id, '甲县师资库');
  yiPool = await make(s.yiAdmin, s.yi.id, '乙县师资库', 25);
});
afterAll(async () => t.close());

const audits = async (action: string) =>
  (await t.db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

describe('POST /api/pools', () => {
  it('201 above; a county pool without its own target takes the campaign’s per-county 20', () => {
    expect(cityPool).toMatchObject({ target: 30, targetSource: 'pool', manages: true });
    expect(jiaPool).toMatchObject({ target: 20, targetSource: 'campaign', ownTarget: null });
    expect(yiPool).toMatchObject({ target: 25, targetSource: 'pool' });
  });
  it('409 a second pool for the same org; 400 bad name; 401; 403 a county admin for the city; 404 no org', async () => {
    expect(
      (await s.cityOrganiser.post('/api/pools', { orgId: s.jia.id, name: '重复师资库' })).statusCode,
    ).toBe(409);
    expect((await s.cityOrganiser.post('/api/pools', { orgId: s.branch.id, name: '' })).statusCode).toBe(400);
    expect(
      (await t.anonymous.post('/api/pools', { orgId: s.branch.id, name: '某某师资库' })).statusCode,
    ).toBe(401);
    expect((await s.jiaAdmin.post('/api/pools', { orgId: s.yi.id, name: '越界师资库' })).statusCode).toBe(
      403,
    );
    expect(
      (await s.cityOrganiser.post('/api/pools', { orgId: '999999', name: '某某师资库' })).statusCode,
    ).toBe(404);
  });
});

describe('GET/PATCH /api/pools/:id', () => {
  it('200 list: a county admin sees their pool and the city pool (to nominate), not the other county', async () => {
    const names = (await s.jiaAdmin.get('/api/pools'))
      .json<{ pools: PoolSummary[] }>()
      .pools.map((p) => p.name);
    expect(names.sort()).toEqual(['焦作市师资库', '甲县师资库'].sort());
    const city = (await s.cityOrganiser.get('/api/pools')).json<{ pools: PoolSummary[] }>().pools;
    expect(city).toHaveLength(3);
  });
  it('404 a county admin on another county’s pool; 403 a county admin editing the city pool; 400; 200', async () => {
    expect((await s.jiaAdmin.get(`/api/pools/${yiPool.id}`)).statusCode).toBe(404);
    expect((await s.jiaAdmin.patch(`/api/pools/${yiPool.id}`, { target: 3 })).statusCode).toBe(404);
    expect((await s.jiaAdmin.patch(`/api/pools/${cityPool.id}`, { target: 3 })).statusCode).toBe(403);
    expect((await s.cityOrganiser.patch(`/api/pools/${jiaPool.id}`, { target: 0 })).statusCode).toBe(400);
    expect((await s.cityOrganiser.get(`/api/pools/999999`)).statusCode).toBe(404);
    const res = await s.jiaAdmin.get(`/api/pools/${cityPool.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<PoolView>()).toMatchObject({ manages: false, mayNominate: true });
  });
});

describe('speakers enter', () => {
  let fromContest: PoolSpeakerDetail;
  it('201 from a contest entry: member details copied, phone full for the manager, masked for the supervisor', async () => {
    const res = await s.cityOrganiser.post(`/api/pools/${cityPool.id}/speakers/from-entry`, {
      entryId: s.entryId,
    });
    expect(res.statusCode, res.body).toBe(201);
    fromContest = res.json<PoolSpeakerDetail>();
    expect(fromContest).toMatchObject({
      name: '张宣讲',
      gender: 'female',
      unitTitle: '甲县东村党支部 书记',
      phone: '13912345678',
      source: 'contest',
      status: 'active',
      politicalStatus: '中共党员',
    });
    expect(fromContest.sourceEntry?.title).toBe('村里的新变化');
    expect(fromContest.events.map((e) => e.action)).toEqual(['added']);
    const list = (await s.supervisor.get(`/api/pools/${cityPool.id}`)).json<PoolView>();
    expect(list.speakers[0]!.phone).toBe('139****5678');
    expect(await audits('pool.speaker_added')).toBe(1);
  });
  it('409 the same member twice; 404 no entry; 403 a county admin adding to the city pool', async () => {
    const again = await s.cityOrganiser.post(`/api/pools/${cityPool.id}/speakers/from-entry`, {
      entryId: s.entryId,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ detail: string }>().detail).toContain('已在此师资库中');
    expect(
      (await s.cityOrganiser.post(`/api/pools/${cityPool.id}/speakers/from-entry`, { entryId: '999999' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await s.jiaAdmin.post(`/api/pools/${cityPool.id}/speakers/from-entry`, { entryId: s.entryId }))
        .statusCode,
    ).toBe(403);
  });
  it('201 direct add of an outside expert; 400 without a name or with a bad phone', async () => {
    const url = `/api/pools/${jiaPool.id}/speakers`;
    expect((await s.jiaAdmin.post(url, { name: '', unitTitle: 'x' })).statusCode).toBe(400);
    expect((await s.jiaAdmin.post(url, { name: '刘教授', phone: '123' })).statusCode).toBe(400);
    const res = await s.jiaAdmin.post(url, {
      name: '刘教授',
      gender: 'male',
      unitTitle: '焦作大学 教授',
      politicalStatus: '中共党员',
      phone: '13700001234',
      specialties: ['乡村振兴', '党史'],
      audiences: ['village', 'school'],
      bio: '长期从事党史研究。',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<PoolSpeakerDetail>()).toMatchObject({
      source: 'direct',
      memberId: null,
      status: 'active',
    });
  });
  it('nomination: 201 by the county admin, 404 another county’s member, 409 twice; decline needs a reason', async () => {
    const url = `/api/pools/${cityPool.id}/nominations`;
    // Another county's member is answered like a missing one.
    const outside = await s.jiaAdmin.post(url, { memberId: s.yiMember.id, reason: '宣讲经验丰富' });
    const missing = await s.jiaAdmin.post(url, { memberId: '987654321', reason: '宣讲经验丰富' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect(
      (await s.cityOrganiser.post(url, { memberId: s.other.id, reason: '宣讲经验丰富' })).statusCode,
    ).toBe(403);
    expect((await s.jiaAdmin.post(url, { memberId: s.other.id, reason: '短' })).statusCode).toBe(400);
    const res = await s.jiaAdmin.post(url, {
      memberId: s.other.id,
      reason: '宣讲经验丰富，群众评价高',
      specialties: ['法治'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json<PoolSpeakerDetail>();
    expect(n).toMatchObject({
      status: 'nominated',
      source: 'nomination',
      nominatedBy: '甲县',
      phone: '139****1111',
    });
    expect((await s.jiaAdmin.post(url, { memberId: s.other.id, reason: '再推荐一次试试' })).statusCode).toBe(
      409,
    );

    const decide = `/api/pool-speakers/${n.id}/decision`;
    const noReason = await s.cityOrganiser.post(decide, { approve: false });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ detail: string }>().detail).toContain('原因');
    expect((await s.jiaAdmin.post(decide, { approve: true })).statusCode).toBe(403);
    const declined = await s.cityOrganiser.post(decide, { approve: false, reason: '本年度名额已满' });
    expect(declined.json<PoolSpeakerDetail>()).toMatchObject({
      status: 'declined',
      statusReason: '本年度名额已满',
    });
    expect((await s.cityOrganiser.post(decide, { approve: true })).statusCode).toBe(409);
    // Declined, the member may be put forward again, and approved.
    const again = (
      await s.jiaAdmin.post(url, { memberId: s.other.id, reason: '补充了宣讲材料后再次推荐' })
    ).json<PoolSpeakerDetail>();
    const ok = await s.cityOrganiser.post(`/api/pool-speakers/${again.id}/decision`, { approve: true });
    expect(ok.json<PoolSpeakerDetail>().status).toBe('active');
    expect(await audits('pool.speaker_declined')).toBe(1);
    expect(await audits('pool.speaker_approved')).toBe(1);
  });
});

describe('leave, retire, edit, the speaker page', () => {
  it('the speaker reads their own page and leaves with a reason; history kept; 409 twice', async () => {
    const view = (await s.cityOrganiser.get(`/api/pools/${cityPool.id}?status=active&q=张`)).json<PoolView>();
    const id = view.speakers[0]!.id;
    const mine = await s.self.get(`/api/pool-speakers/${id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json<PoolSpeakerDetail>()).toMatchObject({
      isSelf: true,
      manages: false,
      phone: '13912345678',
    });
    expect((await s.self.get(`/api/pools/${cityPool.id}`)).statusCode).toBe(404);
    expect((await s.self.post(`/api/pool-speakers/${id}/retire`, { reason: '想退库' })).statusCode).toBe(403);
    expect((await s.self.post(`/api/pool-speakers/${id}/leave`, {})).statusCode).toBe(400);
    const left = await s.self.post(`/api/pool-speakers/${id}/leave`, { reason: '工作调动到外地' });
    expect(left.statusCode, left.body).toBe(200);
    const d = left.json<PoolSpeakerDetail>();
    expect(d.status).toBe('left');
    expect(d.events.map((e) => [e.action, e.reason])).toEqual([
      ['added', null],
      ['left', '工作调动到外地'],
    ]);
    expect((await s.self.post(`/api/pool-speakers/${id}/leave`, { reason: '再退一次' })).statusCode).toBe(
      409,
    );
    // Added again from the contest later: a new row, marked 重新入库; the old row keeps its history.
    const back = await s.cityOrganiser.post(`/api/pools/${cityPool.id}/speakers/from-entry`, {
      entryId: s.entryId,
    });
    expect(back.statusCode).toBe(201);
    expect(back.json<PoolSpeakerDetail>().events.map((e) => e.action)).toEqual(['rejoined']);
    expect((await s.cityOrganiser.get(`/api/pool-speakers/${id}`)).json<PoolSpeakerDetail>().status).toBe(
      'left',
    );
    const again = back.json<PoolSpeakerDetail>().id;
    expect(
      (await s.cityOrganiser.post(`/api/pool-speakers/${again}/retire`, { reason: '本人已调离本市' }))
        .statusCode,
    ).toBe(200);
  });
  it('a manager edits details and retires; 404 for another county; filters by audience and specialty', async () => {
    const view = (
      await s.jiaAdmin.get(`/api/pools/${jiaPool.id}?audience=school&specialty=乡村`)
    ).json<PoolView>();
    expect(view.speakers.map((x) => x.name)).toEqual(['刘教授']);
    const id = view.speakers[0]!.id;
    expect((await s.yiAdmin.get(`/api/pool-speakers/${id}`)).statusCode).toBe(404);
    expect((await s.yiAdmin.post(`/api/pool-speakers/${id}/retire`, { reason: '越界操作' })).statusCode).toBe(
      404,
    );
    expect((await s.jiaAdmin.patch(`/api/pool-speakers/${id}`, { audiences: ['moon'] })).statusCode).toBe(
      400,
    );
    const edited = await s.jiaAdmin.patch(`/api/pool-speakers/${id}`, {
      availability: '每周三下午',
      audiences: ['organ'],
    });
    expect(edited.json<PoolSpeakerDetail>()).toMatchObject({
      availability: '每周三下午',
      audiences: ['organ'],
    });
    const retired = await s.cityOrganiser.post(`/api/pool-speakers/${id}/retire`, {
      reason: '长期未参加宣讲',
    });
    expect(retired.json<PoolSpeakerDetail>().status).toBe('retired');
    expect((await s.cityOrganiser.get(`/api/pool-speakers/999999`)).statusCode).toBe(404);
  });
});

describe('overview and the 统计表', () => {
  it('200 the city sees each county’s size vs target, laggards first; a county admin cannot see the city’s', async () => {
    const o = (await s.cityOrganiser.get('/api/pools/overview')).json<PoolOverview>();
    expect(o.org.name).toBe('焦作市委');
    expect(o.children.map((c) => [c.org.name, c.active, c.target])).toEqual([
      ['甲县', 0, 20],
      ['乙县', 0, 25],
    ]);
    expect((await s.jiaAdmin.get(`/api/pools/overview?orgId=${s.city.id}`)).statusCode).toBe(404);
    expect((await s.supervisor.get(`/api/pools/overview?orgId=${s.jia.id}`)).statusCode).toBe(200);
  });
  it('200 .xlsx in the annex layout for a pool and for the city (one sheet per pool); 403 for the supervisor', async () => {
    const res = await s.cityOrganiser.get(`/api/pools/${cityPool.id}/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('焦作市委微型党课宣讲员师资库统计表');
    expect(String(sheet.getCell('A2').value)).toContain('填报单位');
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '序号',
      '姓名',
      '性别',
      '单位及职务',
      '政治面貌',
      '联系电话',
      '宣讲专长',
      '适合对象',
      '入库方式',
      '备注',
    ]);
    expect(sheet.getRow(4).getCell(2).value).toBe('李党员');
    expect(sheet.getRow(4).getCell(9).value).toBe('单位推荐');
    expect((await s.supervisor.get(`/api/pools/${cityPool.id}/export`)).statusCode).toBe(403);
    const all = await s.cityOrganiser.get(`/api/pools/overview/export`);
    expect(all.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(all.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['焦作市委', '甲县', '乙县']);
    expect(await audits('pool.exported')).toBe(2);
  });
});
