import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { buildCity, countsDrift, type City } from './test-support.ts';

let t: TestContext;
let c: City;

beforeAll(async () => {
  t = await createTestContext();
  c = await buildCity(t);
  for (let i = 0; i < 3; i++) await t.factories.member(c.edu1);
  await t.factories.member(c.edu2);
  await t.factories.member(c.fin1);
});
afterAll(async () => t.close());

const orgRow = (id: string) =>
  t.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('reading the tree', () => {
  it('needs a session for every org endpoint', async () => {
    for (const url of [
      '/api/orgs/roots',
      `/api/orgs/${c.edu.id}`,
      `/api/orgs/${c.edu.id}/children`,
      '/api/orgs/search?q=局',
      `/api/orgs/${c.edu.id}/history`,
    ]) {
      expect((await t.anonymous.get(url)).statusCode, url).toBe(401);
    }
    expect(
      (await t.anonymous.post('/api/orgs', { parentId: c.edu.id, name: 'x', type: 'branch' })).statusCode,
    ).toBe(401);
  });

  it('starts each viewer at their grant roots, with child and member counts', async () => {
    const admin = (await c.as.admin.get('/api/orgs/roots')).json();
    expect(admin).toEqual([
      expect.objectContaining({
        id: c.city.id,
        name: '演示市委',
        childCount: 2,
        memberCount: 5,
        code: 'CITY',
      }),
    ]);
    const edu = (await c.as.eduAdmin.get('/api/orgs/roots')).json();
    expect(edu).toEqual([expect.objectContaining({ id: c.edu.id, childCount: 2, memberCount: 4 })]);
    expect((await c.as.supervisor.get('/api/orgs/roots')).json()[0].id).toBe(c.edu.id);
  });

  it('is closed to members and judges', async () => {
    expect((await c.as.member.get('/api/orgs/roots')).statusCode).toBe(403);
    expect((await c.as.judge.get(`/api/orgs/${c.city.id}`)).statusCode).toBe(403);
  });

  it('shows details with ancestors, counts and what the viewer may do', async () => {
    const res = await c.as.eduAdmin.get(`/api/orgs/${c.edu1.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: c.edu1.id,
      parentId: c.edu.id,
      depth: 2,
      ancestors: [
        { id: c.city.id, name: '演示市委' },
        { id: c.edu.id, name: '市教育局' },
      ],
      childCount: 0,
      memberCount: 3,
      directMemberCount: 3,
      canEdit: true,
      canRestructure: true,
    });
    const own = (await c.as.eduAdmin.get(`/api/orgs/${c.edu.id}`)).json();
    expect(own).toMatchObject({ canEdit: true, canRestructure: false, memberCount: 4, directMemberCount: 0 });
    expect((await c.as.supervisor.get(`/api/orgs/${c.edu.id}`)).json().canEdit).toBe(false);
  });

  it('answers 403 outside the subtree, 404 for a missing org, 400 for a malformed id', async () => {
    const outside = await c.as.eduAdmin.get(`/api/orgs/${c.fin.id}`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().detail).toContain('市财政局');
    expect((await c.as.eduAdmin.get(`/api/orgs/${c.city.id}/children`)).statusCode).toBe(403);
    expect((await c.as.admin.get('/api/orgs/99999999')).statusCode).toBe(404);
    expect((await c.as.admin.get('/api/orgs/abc')).statusCode).toBe(400);
    expect((await c.as.admin.get('/api/orgs/0/children')).statusCode).toBe(400);
  });

  it('lists children in sort order with their own counts', async () => {
    const res = await c.as.admin.get(`/api/orgs/${c.city.id}/children`);
    expect(
      res
        .json()
        .map((n: { name: string; memberCount: number; childCount: number }) => [
          n.name,
          n.childCount,
          n.memberCount,
        ]),
    ).toEqual([
      ['市教育局', 2, 4],
      ['市财政局', 1, 1],
    ]);
    expect((await c.as.admin.get(`/api/orgs/${c.city.id}/children?includeInactive=maybe`)).statusCode).toBe(
      400,
    );
  });

  it('searches names inside the scope only, with the ancestor path', async () => {
    const res = await c.as.eduAdmin.get(`/api/orgs/search?q=${encodeURIComponent('支部')}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; pathNames: string }[];
    expect(items.map((i) => i.name).sort()).toEqual(['教育局第一党支部', '教育局第二党支部']);
    expect(items.find((i) => i.name === '教育局第一党支部')!.pathNames).toBe(
      '演示市委 / 市教育局 / 教育局第一党支部',
    );
    const all = (await c.as.admin.get(`/api/orgs/search?q=${encodeURIComponent('支部')}`)).json().items;
    expect(all).toHaveLength(3);
    expect((await c.as.admin.get('/api/orgs/search?q=FIN-1')).json().items[0].name).toBe('财政局党支部');
    expect((await c.as.admin.get('/api/orgs/search?q=%25')).json().items).toEqual([]);
    expect((await c.as.admin.get('/api/orgs/search?q=')).statusCode).toBe(400);
  });

  it('returns at most 50 search results', async () => {
    const parent = await t.factories.org({ name: '大单位', type: 'unit', parent: c.city });
    for (let i = 0; i < 55; i++) await t.factories.org({ name: `大单位第${i}支部`, parent });
    expect(
      (await c.as.admin.get(`/api/orgs/search?q=${encodeURIComponent('大单位第')}`)).json().items,
    ).toHaveLength(50);
  });
});

describe('changing the tree', () => {
  it('creates a child with a generated code and an audit row', async () => {
    const res = await c.as.eduAdmin.post('/api/orgs', {
      parentId: c.edu.id,
      name: '教育局第三党支部',
      type: 'branch',
      sortOrder: 3,
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      parentId: c.edu.id,
      depth: 2,
      sortOrder: 3,
      active: true,
      memberCount: 0,
    });
    expect(created.code).toMatch(/^JT\d{6}$/);
    expect((await orgRow(created.id)).path).toBe(`${c.edu.path}${created.id}.`);
    const history = (await c.as.eduAdmin.get(`/api/orgs/${created.id}/history`)).json().items;
    expect(history).toEqual([expect.objectContaining({ action: 'org.created', actorName: '教育局管理员' })]);
  });

  it('validates input: 400 for bad fields or a missing parent, 409 for a used code', async () => {
    const bad = await c.as.admin.post('/api/orgs', { parentId: c.edu.id, name: ' ', type: 'club' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['name', 'type']);
    expect(
      (await c.as.admin.post('/api/orgs', { parentId: '99999999', name: '甲', type: 'branch' })).statusCode,
    ).toBe(400);
    const dup = await c.as.admin.post('/api/orgs', {
      parentId: c.edu.id,
      name: '甲',
      type: 'branch',
      code: 'FIN',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toContain('市财政局');
    expect(
      (await c.as.admin.post('/api/orgs', { parentId: c.edu.id, name: '甲', type: 'branch', code: '示例1' }))
        .statusCode,
    ).toBe(400);
  });

  it('lets only admins over the parent add or edit', async () => {
    expect(
      (await c.as.eduAdmin.post('/api/orgs', { parentId: c.fin.id, name: '甲', type: 'branch' })).statusCode,
    ).toBe(403);
    expect(
      (await c.as.supervisor.post('/api/orgs', { parentId: c.edu.id, name: '甲', type: 'branch' }))
        .statusCode,
    ).toBe(403);
    expect((await c.as.organiser.patch(`/api/orgs/${c.edu.id}`, { name: '改名' })).statusCode).toBe(403);
    expect((await c.as.eduAdmin.patch(`/api/orgs/${c.city.id}`, { name: '改名' })).statusCode).toBe(403);
  });

  it('edits name, type, code and order, recording before and after', async () => {
    const res = await c.as.eduAdmin.patch(`/api/orgs/${c.edu2.id}`, {
      name: '教育局机关第二党支部',
      code: 'EDU-02',
      sortOrder: 9,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '教育局机关第二党支部', code: 'EDU-02', sortOrder: 9 });
    const [row] = (await c.as.eduAdmin.get(`/api/orgs/${c.edu2.id}/history`)).json().items;
    expect(row).toMatchObject({
      action: 'org.updated',
      before: { name: '教育局第二党支部', code: 'EDU-2' },
      after: { name: '教育局机关第二党支部', code: 'EDU-02' },
    });
    expect((await c.as.eduAdmin.patch(`/api/orgs/${c.edu2.id}`, { code: 'CITY' })).statusCode).toBe(409);
    expect((await c.as.admin.patch('/api/orgs/99999999', { name: '无' })).statusCode).toBe(404);
    expect((await c.as.admin.patch(`/api/orgs/${c.edu2.id}`, { sortOrder: -1 })).statusCode).toBe(400);
  });
});

describe('moving a subtree', () => {
  it('rewrites paths and depths of the whole subtree, member paths and role grants, in one go', async () => {
    const unit = await t.factories.org({ name: '市科技局', type: 'unit', parent: c.city });
    const party = await t.factories.org({ name: '科技局机关党委', type: 'party_committee', parent: unit });
    const branch = await t.factories.org({ name: '科技局第一党支部', parent: party });
    const m = await t.factories.member(branch);
    await t.factories.user([{ role: 'unit_admin', org: party }], { username: 'techadmin' });
    const res = await c.as.admin.post(`/api/orgs/${party.id}/move`, { parentId: c.edu.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ parentId: c.edu.id, depth: 2, memberCount: 1 });
    expect(await orgRow(branch.id)).toMatchObject({
      path: `${c.edu.path}${party.id}.${branch.id}.`,
      depth: 3,
    });
    const member = await t.db
      .selectFrom('members')
      .select('org_path')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(member.org_path).toBe(`${c.edu.path}${party.id}.${branch.id}.`);
    const grant = await t.db
      .selectFrom('role_grants')
      .select('org_path')
      .where('org_id', '=', party.id)
      .executeTakeFirstOrThrow();
    expect(grant.org_path).toBe(`${c.edu.path}${party.id}.`);
    const techAdmin = await t.login('techadmin');
    expect((await techAdmin.get(`/api/orgs/${branch.id}`)).statusCode).toBe(200);
    expect((await c.as.eduAdmin.get('/api/orgs/roots')).json()[0].memberCount).toBe(5);
    expect(await countsDrift(t)).toEqual([]);
    const [row] = (await c.as.admin.get(`/api/orgs/${party.id}/history`)).json().items;
    expect(row).toMatchObject({
      action: 'org.moved',
      before: { parentId: unit.id },
      after: { parentId: c.edu.id },
    });
  });

  it('refuses to move a node under itself or its own descendant', async () => {
    const self = await c.as.admin.post(`/api/orgs/${c.edu.id}/move`, { parentId: c.edu.id });
    expect(self.statusCode).toBe(409);
    const below = await c.as.admin.post(`/api/orgs/${c.edu.id}/move`, { parentId: c.edu1.id });
    expect(below.statusCode).toBe(409);
    expect(below.json().detail).toBe(
      '不能把「市教育局」移动到它的下级组织「教育局第一党支部」之下，这会形成循环',
    );
  });

  it('keeps unit admins inside their subtree', async () => {
    const ownRoot = await c.as.eduAdmin.post(`/api/orgs/${c.edu.id}/move`, { parentId: c.fin.id });
    expect(ownRoot.statusCode).toBe(403);
    expect(ownRoot.json().detail).toContain('演示市委');
    expect((await c.as.eduAdmin.post(`/api/orgs/${c.edu1.id}/move`, { parentId: c.fin.id })).statusCode).toBe(
      403,
    );
    expect(
      (await c.as.supervisor.post(`/api/orgs/${c.edu1.id}/move`, { parentId: c.edu2.id })).statusCode,
    ).toBe(403);
    const inside = await c.as.eduAdmin.post(`/api/orgs/${c.edu1.id}/move`, { parentId: c.edu2.id });
    expect(inside.statusCode).toBe(200);
    expect((await c.as.eduAdmin.post(`/api/orgs/${c.edu1.id}/move`, { parentId: c.edu.id })).statusCode).toBe(
      200,
    );
    expect((await c.as.admin.post(`/api/orgs/${c.edu1.id}/move`, { parentId: '99999999' })).statusCode).toBe(
      400,
    );
    expect((await c.as.admin.post('/api/orgs/99999999/move', { parentId: c.edu.id })).statusCode).toBe(404);
  });
});

describe('deactivating and reactivating', () => {
  it('refuses while active members or children remain, saying how many', async () => {
    const res = await c.as.admin.post(`/api/orgs/${c.fin.id}/deactivate`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe(
      '「市财政局」下还有 1 个未停用的下级组织和 1 名在册党员，请先移走或停用，再停用此组织',
    );
    const branch = await c.as.admin.post(`/api/orgs/${c.fin1.id}/deactivate`);
    expect(branch.statusCode).toBe(409);
    expect(branch.json().detail).toContain('1 名在册党员');
  });

  it('deactivates an emptied subtree bottom-up and reactivates top-down; nothing is deleted', async () => {
    const [m] = await t.db.selectFrom('members').select('id').where('org_id', '=', c.fin1.id).execute();
    expect((await c.as.admin.post(`/api/members/${m!.id}/deactivate`)).statusCode).toBe(200);
    expect((await c.as.admin.post(`/api/orgs/${c.fin1.id}/deactivate`)).json().active).toBe(false);
    expect((await c.as.admin.post(`/api/orgs/${c.fin1.id}/deactivate`)).statusCode).toBe(409);
    expect((await c.as.admin.post(`/api/orgs/${c.fin.id}/deactivate`)).statusCode).toBe(200);
    expect(
      (await c.as.admin.get(`/api/orgs/${c.city.id}/children`)).json().map((n: { name: string }) => n.name),
    ).not.toContain('市财政局');
    expect(
      (await c.as.admin.get(`/api/orgs/${c.city.id}/children?includeInactive=true`))
        .json()
        .map((n: { name: string }) => n.name),
    ).toContain('市财政局');
    expect(
      (await c.as.admin.post('/api/orgs', { parentId: c.fin.id, name: '甲', type: 'branch' })).statusCode,
    ).toBe(409);
    expect((await c.as.admin.post(`/api/orgs/${c.edu1.id}/move`, { parentId: c.fin.id })).statusCode).toBe(
      409,
    );
    const early = await c.as.admin.post(`/api/orgs/${c.fin1.id}/reactivate`);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('请先启用');
    expect((await c.as.admin.post(`/api/orgs/${c.fin.id}/reactivate`)).statusCode).toBe(200);
    expect((await c.as.admin.post(`/api/orgs/${c.fin1.id}/reactivate`)).json().active).toBe(true);
    expect((await orgRow(c.fin1.id)).active).toBe(true);
    const actions = (await c.as.admin.get(`/api/orgs/${c.fin1.id}/history`))
      .json()
      .items.map((r: { action: string }) => r.action);
    expect(actions).toEqual(['org.reactivated', 'org.deactivated']);
  });

  it('keeps structural changes to a unit admin’s own root with the level above', async () => {
    expect((await c.as.eduAdmin.post(`/api/orgs/${c.edu.id}/deactivate`)).statusCode).toBe(403);
    expect((await c.as.admin.post('/api/orgs/99999999/deactivate')).statusCode).toBe(404);
    expect((await c.as.admin.post('/api/orgs/x/reactivate')).statusCode).toBe(400);
    expect((await c.as.supervisor.get(`/api/orgs/${c.fin.id}/history`)).statusCode).toBe(403);
    expect((await c.as.admin.get('/api/orgs/99999999/history')).statusCode).toBe(404);
  });
});
