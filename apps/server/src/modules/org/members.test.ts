import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { buildCity, countsDrift, type City } from './test-support.ts';

let t: TestContext;
let c: City;
let secretary: Awaited<ReturnType<TestContext['factories']['member']>>;

beforeAll(async () => {
  t = await createTestContext();
  c = await buildCity(t);
  secretary = await t.factories.member(c.edu1, { name: '张书记', phone: '13912345678', positions: ['书记'] });
  await t.factories.member(c.edu1, { name: '李预备', phone: '13700001111', partyStatus: 'probationary' });
  for (let i = 0; i < 8; i++) await t.factories.member(c.edu2, { name: `教育党员${i}` });
  await t.factories.member(c.fin1, { name: '财政党员', phone: '13611112222' });
});
afterAll(async () => t.close());

type Item = { id: string; name: string; phone: string | null; orgName: string; active: boolean };
const names = (body: { items: Item[] }) => body.items.map((i) => i.name);

describe('member list', () => {
  it('defaults to the viewer’s scope, masks phones and pages with a total', async () => {
    const res = await c.as.eduAdmin.get('/api/members?pageSize=4');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(10);
    expect(body.items).toHaveLength(4);
    expect(body.items[0]).toMatchObject({
      name: '张书记',
      phone: '139****5678',
      orgName: '教育局第一党支部',
      positions: ['书记'],
      partyStatus: 'full',
      active: true,
    });
    const page3 = (await c.as.eduAdmin.get('/api/members?pageSize=4&page=3')).json();
    expect(page3.items).toHaveLength(2);
    expect(names(page3)).not.toContain('张书记');
    expect(JSON.stringify(body)).not.toContain('13912345678');
    expect(names((await c.as.eduAdmin.get('/api/members?pageSize=200')).json())).not.toContain('财政党员');
    expect((await c.as.admin.get('/api/members')).json().total).toBe(11);
  });

  it('filters by name, phone digits, status, position and subtree', async () => {
    const get = async (qs: string) => (await c.as.admin.get(`/api/members?${qs}`)).json();
    expect(names(await get(`q=${encodeURIComponent('书记')}`))).toEqual(['张书记']);
    expect(names(await get('q=5678'))).toEqual(['张书记']);
    expect(await get('partyStatus=probationary')).toMatchObject({ total: 1, items: [{ name: '李预备' }] });
    expect(names(await get(`position=${encodeURIComponent('书记')}`))).toEqual(['张书记']);
    expect((await get(`orgId=${c.edu2.id}`)).total).toBe(8);
    expect((await get(`orgId=${c.edu.id}&q=${encodeURIComponent('教育党员')}&pageSize=3`)).total).toBe(8);
    expect((await get(`q=${encodeURIComponent('%')}`)).total).toBe(0);
  });

  it('answers 400 for bad filters, 403 outside the scope or without a viewing role, 401 anonymously', async () => {
    expect((await c.as.admin.get('/api/members?partyStatus=maybe')).statusCode).toBe(400);
    expect((await c.as.admin.get(`/api/members?position=${encodeURIComponent('队长')}`)).statusCode).toBe(
      400,
    );
    expect((await c.as.admin.get('/api/members?pageSize=500')).statusCode).toBe(400);
    expect((await c.as.admin.get('/api/members?orgId=abc')).statusCode).toBe(400);
    expect((await c.as.eduAdmin.get(`/api/members?orgId=${c.fin.id}`)).statusCode).toBe(403);
    expect((await c.as.admin.get('/api/members?orgId=99999999')).statusCode).toBe(404);
    expect((await c.as.member.get('/api/members')).statusCode).toBe(403);
    expect((await c.as.judge.get('/api/members')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/members')).statusCode).toBe(401);
  });
});

describe('member detail', () => {
  it('shows the full phone only to admins over the member’s org', async () => {
    const edu = (await c.as.eduAdmin.get(`/api/members/${secretary.id}`)).json();
    expect(edu).toMatchObject({
      phone: '13912345678',
      canEdit: true,
      orgPathNames: '演示市委 / 市教育局 / 教育局第一党支部',
    });
    expect((await c.as.admin.get(`/api/members/${secretary.id}`)).json().phone).toBe('13912345678');
    expect((await c.as.supervisor.get(`/api/members/${secretary.id}`)).json()).toMatchObject({
      phone: '139****5678',
      canEdit: false,
    });
    expect((await c.as.organiser.get(`/api/members/${secretary.id}`)).json().phone).toBe('139****5678');
  });

  it('answers 404 outside the scope as for a missing member, 403 without a viewing role, 400 and 401', async () => {
    const fin = await t.db
      .selectFrom('members')
      .select('id')
      .where('name', '=', '财政党员')
      .executeTakeFirstOrThrow();
    expect((await c.as.eduAdmin.get(`/api/members/${fin.id}`)).statusCode).toBe(404);
    expect((await c.as.admin.get('/api/members/99999999')).statusCode).toBe(404);
    expect((await c.as.admin.get('/api/members/-1')).statusCode).toBe(400);
    expect((await t.anonymous.get(`/api/members/${secretary.id}`)).statusCode).toBe(401);
    expect((await c.as.member.get(`/api/members/${secretary.id}/history`)).statusCode).toBe(403);
  });
});

describe('changing members', () => {
  let created: { id: string };

  it('registers a member with validated fields and an audit row without the full phone', async () => {
    const res = await c.as.eduAdmin.post('/api/members', {
      orgId: c.edu2.id,
      name: '  王新 ',
      gender: 'female',
      phone: '15800001234',
      partyStatus: 'probationary',
      positions: ['宣传委员', '书记'],
      joinedOn: '2025-06-30',
    });
    expect(res.statusCode).toBe(201);
    created = res.json();
    expect(created).toMatchObject({
      name: '王新',
      phone: '15800001234',
      positions: ['书记', '宣传委员'],
      joinedOn: '2025-06-30',
      orgId: c.edu2.id,
    });
    const [row] = (await c.as.eduAdmin.get(`/api/members/${created.id}/history`)).json().items;
    expect(row).toMatchObject({ action: 'member.created', after: { name: '王新', phone: '158****1234' } });
    const plain = await c.as.eduAdmin.post('/api/members', {
      orgId: c.edu2.id,
      name: '赵无职',
      gender: 'male',
      partyStatus: 'full',
    });
    expect(plain.json()).toMatchObject({ positions: ['党员'], phone: null, joinedOn: null });
  });

  it('refuses a phone already registered, naming the other member’s org only to those who may see it', async () => {
    const body = {
      orgId: c.edu2.id,
      name: '重号',
      gender: 'male',
      phone: '13611112222',
      partyStatus: 'full',
    };
    const res = await c.as.eduAdmin.post('/api/members', body);
    expect(res.statusCode).toBe(409);
    // Where a person outside the caller's scope is registered is not the caller's to learn.
    expect(res.json().detail).not.toContain('财政局');
    expect(res.json().detail).toContain('管理范围以外');
    const byAdmin = await c.as.admin.post('/api/members', body);
    expect(byAdmin.statusCode).toBe(409);
    expect(byAdmin.json().detail).toContain('财政局党支部');
    const sameUnit = await c.as.eduAdmin.patch(`/api/members/${created.id}`, { phone: '13912345678' });
    expect(sameUnit.statusCode).toBe(409);
    expect(sameUnit.json().detail).toContain('教育局第一党支部');
  });

  it('validates phone format, positions, status, gender and dates', async () => {
    const base = { orgId: c.edu2.id, name: '甲', gender: 'male', partyStatus: 'full' };
    const issues = async (extra: object) =>
      (await c.as.eduAdmin.post('/api/members', { ...base, ...extra })).json().issues?.[0]?.path;
    expect(await issues({ phone: '12345' })).toBe('phone');
    expect(await issues({ positions: ['队长'] })).toBe('positions.0');
    expect(await issues({ positions: ['书记', '书记'] })).toBe('positions');
    expect(await issues({ partyStatus: 'candidate' })).toBe('partyStatus');
    expect(await issues({ gender: 'x' })).toBe('gender');
    expect(await issues({ joinedOn: '2023-02-30' })).toBe('joinedOn');
    expect((await c.as.eduAdmin.post('/api/members', { ...base, orgId: '99999999' })).statusCode).toBe(400);
  });

  it('lets only admins over the org register or edit', async () => {
    const base = { name: '甲', gender: 'male', partyStatus: 'full' };
    expect((await c.as.eduAdmin.post('/api/members', { ...base, orgId: c.fin1.id })).statusCode).toBe(403);
    expect((await c.as.supervisor.post('/api/members', { ...base, orgId: c.edu1.id })).statusCode).toBe(403);
    expect((await c.as.organiser.patch(`/api/members/${created.id}`, { name: '乙' })).statusCode).toBe(403);
    expect((await c.as.admin.patch('/api/members/99999999', { name: '乙' })).statusCode).toBe(404);
  });

  it('edits, moves, deactivates and reactivates, with history', async () => {
    const edited = await c.as.eduAdmin.patch(`/api/members/${created.id}`, {
      partyStatus: 'full',
      positions: ['副书记'],
    });
    expect(edited.json()).toMatchObject({ partyStatus: 'full', positions: ['副书记'] });
    expect(
      (await c.as.eduAdmin.post(`/api/members/${created.id}/move`, { orgId: c.fin1.id })).statusCode,
    ).toBe(403);
    const moved = await c.as.eduAdmin.post(`/api/members/${created.id}/move`, { orgId: c.edu1.id });
    expect(moved.json()).toMatchObject({ orgId: c.edu1.id, orgName: '教育局第一党支部' });
    expect((await c.as.eduAdmin.post(`/api/members/${created.id}/deactivate`)).json().active).toBe(false);
    expect((await c.as.eduAdmin.post(`/api/members/${created.id}/deactivate`)).statusCode).toBe(409);
    expect(
      (await c.as.eduAdmin.get('/api/members?pageSize=200')).json().items.map((i: Item) => i.id),
    ).not.toContain(created.id);
    const withInactive = (await c.as.eduAdmin.get('/api/members?pageSize=200&includeInactive=true')).json();
    expect(withInactive.items.find((i: Item) => i.id === created.id).active).toBe(false);
    expect(withInactive.total).toBe(withInactive.items.length);
    expect((await c.as.eduAdmin.post(`/api/members/${created.id}/reactivate`)).json().active).toBe(true);
    const actions = (await c.as.supervisor.get(`/api/members/${created.id}/history`))
      .json()
      .items.map((r: { action: string }) => r.action);
    expect(actions).toEqual([
      'member.reactivated',
      'member.deactivated',
      'member.moved',
      'member.updated',
      'member.created',
    ]);
    expect((await c.as.eduAdmin.post('/api/members/99999999/move', { orgId: c.edu1.id })).statusCode).toBe(
      404,
    );
    expect((await c.as.eduAdmin.post(`/api/members/${created.id}/move`, { orgId: 'x' })).statusCode).toBe(
      400,
    );
    expect(await countsDrift(t)).toEqual([]);
  });

  it('keeps the fast total equal to a real count as members come and go', async () => {
    const fast = (await c.as.admin.get('/api/members?pageSize=1')).json().total;
    const filtered =
      (await c.as.admin.get('/api/members?pageSize=1&partyStatus=full')).json().total +
      (await c.as.admin.get('/api/members?pageSize=1&partyStatus=probationary')).json().total;
    expect(fast).toBe(filtered);
  });
});
