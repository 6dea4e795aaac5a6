import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';

let t: TestContext;
let city: Awaited<ReturnType<TestContext['factories']['org']>>;
let edu: typeof city;
let finance: typeof city;
let admin: Client;
let eduAdmin: Client;
let member: Client;

beforeAll(async () => {
  t = await createTestContext();
  city = await t.factories.org({ name: '演示市委' });
  edu = await t.factories.org({ name: '市教育局', type: 'unit', parent: city });
  finance = await t.factories.org({ name: '市财政局', type: 'unit', parent: city });
  await t.factories.user([{ role: 'platform_admin', org: city }], { username: 'admin' });
  await t.factories.user([{ role: 'unit_admin', org: edu }], { username: 'eduadmin' });
  await t.factories.user([{ role: 'member', org: edu }], { username: 'plainmember' });
  admin = await t.login('admin');
  eduAdmin = await t.login('eduadmin');
  member = await t.login('plainmember');
});
afterAll(async () => t.close());

describe('creating accounts', () => {
  it('gives a temporary password once and forces a change at first login', async () => {
    const res = await eduAdmin.post('/api/accounts', {
      username: 'teacher1',
      displayName: '王老师',
      phone: '13800001111',
      grants: [{ role: 'member', orgId: edu.id }],
    });
    expect(res.statusCode).toBe(201);
    const { account, temporaryPassword } = res.json();
    expect(account.phone).toBe('138****1111');
    expect(account.mustChangePassword).toBe(true);
    const login = await t.anonymous.post('/api/auth/login', {
      login: '13800001111',
      password: temporaryPassword,
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
  });

  it('refuses a role the creator may not grant, or an org outside their subtree', async () => {
    const judge = await eduAdmin.post('/api/accounts', {
      username: 'judgex',
      displayName: '评委',
      grants: [{ role: 'judge', orgId: edu.id }],
    });
    expect(judge.statusCode).toBe(403);
    const other = await eduAdmin.post('/api/accounts', {
      username: 'finx',
      displayName: '财政',
      grants: [{ role: 'member', orgId: finance.id }],
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().detail).toContain('市财政局');
  });

  it('rejects a duplicate username with 409 and a bad username with 400', async () => {
    const dup = await admin.post('/api/accounts', {
      username: 'admin',
      displayName: '重复',
      grants: [{ role: 'member', orgId: city.id }],
    });
    expect(dup.statusCode).toBe(409);
    const bad = await admin.post('/api/accounts', {
      username: '1x',
      displayName: '坏',
      grants: [{ role: 'member', orgId: city.id }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('username');
  });

  it('is not open to members', async () => {
    const res = await member.post('/api/accounts', {
      username: 'sneaky',
      displayName: 'x',
      grants: [{ role: 'member', orgId: edu.id }],
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('listing and viewing accounts', () => {
  it('shows a unit admin only the accounts inside their unit', async () => {
    await t.factories.user([{ role: 'member', org: finance }], { username: 'financeclerk' });
    const res = await eduAdmin.get('/api/accounts?pageSize=200');
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((a: { username: string }) => a.username);
    expect(names).toContain('eduadmin');
    expect(names).not.toContain('financeclerk');
    expect(names).not.toContain('admin');
  });

  it('gives 404 alike for an account outside the subtree and one that does not exist', async () => {
    const fin = await t.factories.user([{ role: 'member', org: finance }], { username: 'financeclerk2' });
    expect((await eduAdmin.get(`/api/accounts/${fin.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/accounts/${fin.id}`)).statusCode).toBe(200);
    expect((await admin.get('/api/accounts/999999')).statusCode).toBe(404);
    expect((await admin.get('/api/accounts/abc')).statusCode).toBe(400);
  });

  it('needs a session', async () => {
    expect((await t.anonymous.get('/api/accounts')).statusCode).toBe(401);
  });
});

describe('administering accounts', () => {
  it("tells the detail page what the viewer may do: an organiser may not reset an administrator's password", async () => {
    const boss = await t.factories.user([{ role: 'platform_admin', org: edu }], { username: 'canboss' });
    const judge = await t.factories.user([{ role: 'judge', org: edu }], { username: 'canjudge' });
    await t.factories.user([{ role: 'organiser', org: edu }], { username: 'canorg' });
    const organiser = await t.login('canorg');
    const seen = (await organiser.get(`/api/accounts/${boss.id}`)).json();
    expect(seen.can).toEqual({
      edit: false,
      resetPassword: false,
      blockedReason: '该账号有超出您管理范围的角色，请联系上级管理员',
    });
    expect(seen.grants[0].canRevoke).toBe(false);
    // The endpoint refuses exactly what the flags say.
    expect((await organiser.post(`/api/accounts/${boss.id}/reset-password`)).statusCode).toBe(403);
    const theirs = (await organiser.get(`/api/accounts/${judge.id}`)).json();
    expect(theirs.can).toEqual({ edit: true, resetPassword: true, blockedReason: null });
    expect((await organiser.post(`/api/accounts/${judge.id}/reset-password`)).statusCode).toBe(200);
  });

  it('resets a password: old sessions end, the temporary one works once, change is forced', async () => {
    const u = await t.factories.user([{ role: 'member', org: edu }], { username: 'forgetful' });
    const session = await t.login('forgetful');
    const res = await eduAdmin.post(`/api/accounts/${u.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    const again = await t.anonymous.post('/api/auth/login', {
      login: 'forgetful',
      password: res.json().temporaryPassword,
    });
    expect(again.json().mustChangePassword).toBe(true);
  });

  it('deactivating an account ends its sessions and blocks login', async () => {
    const u = await t.factories.user([{ role: 'member', org: edu }], { username: 'leaver' });
    const session = await t.login('leaver');
    const res = await eduAdmin.patch(`/api/accounts/${u.id}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect(
      (await t.anonymous.post('/api/auth/login', { login: 'leaver', password: 'Test2026pass' })).statusCode,
    ).toBe(401);
  });

  it('grants and revokes roles, and writes each change to the audit log', async () => {
    const u = await t.factories.user([{ role: 'member', org: city }], { username: 'promoted' });
    const granted = await admin.post(`/api/accounts/${u.id}/grants`, { role: 'judge', orgId: city.id });
    expect(granted.statusCode).toBe(200);
    const grant = granted.json().grants.find((g: { role: string }) => g.role === 'judge');
    expect(
      (await admin.post(`/api/accounts/${u.id}/grants`, { role: 'judge', orgId: city.id })).statusCode,
    ).toBe(409);
    const revoked = await admin.delete(`/api/accounts/${u.id}/grants/${grant.id}`);
    expect(revoked.json().grants.map((g: { role: string }) => g.role)).toEqual(['member']);
    const log = await admin.get(`/api/audit?entityType=user&entityId=${u.id}`);
    expect(log.json().items.map((r: { action: string }) => r.action)).toEqual([
      'account.role_revoked',
      'account.role_granted',
    ]);
  });
});

describe('granting oneself a role', () => {
  it('is refused, even for an organiser who may grant 评委 to others', async () => {
    const organiser = await t.factories.user([{ role: 'organiser', org: city }], { username: 'selforg' });
    const client = await t.login('selforg');
    for (const role of ['supervisor', 'judge']) {
      const res = await client.post(`/api/accounts/${organiser.id}/grants`, { role, orgId: city.id });
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toContain('不能给自己授予角色');
    }
    const other = await t.factories.user([{ role: 'member', org: city }], { username: 'selforgpeer' });
    expect(
      (await client.post(`/api/accounts/${other.id}/grants`, { role: 'judge', orgId: city.id })).statusCode,
    ).toBe(200);
    const adminId = (await admin.get('/api/auth/me')).json().userId as string;
    expect(
      (await admin.post(`/api/accounts/${adminId}/grants`, { role: 'judge', orgId: city.id })).statusCode,
    ).toBe(403);
  });
});

describe('who makes a supervisor', () => {
  it('is a platform admin only: an organiser can neither create nor grant the 监督员 who signs their rounds off', async () => {
    await t.factories.user([{ role: 'organiser', org: city }], { username: 'suporg' });
    const organiser = await t.login('suporg');
    const created = await organiser.post('/api/accounts', {
      username: 'puppetsup',
      displayName: '自建监督员',
      grants: [{ role: 'supervisor', orgId: city.id }],
    });
    expect(created.statusCode, created.body).toBe(403);
    expect(created.json().detail).toContain('不能在「演示市委」授予该角色');
    expect((await t.db.selectFrom('users').where('username', '=', 'puppetsup').execute()).length).toBe(0);
    const peer = await t.factories.user([{ role: 'judge', org: city }], { username: 'suporgpeer' });
    const granted = await organiser.post(`/api/accounts/${peer.id}/grants`, {
      role: 'supervisor',
      orgId: city.id,
    });
    expect(granted.statusCode).toBe(403);
    expect(
      (await admin.post(`/api/accounts/${peer.id}/grants`, { role: 'supervisor', orgId: city.id }))
        .statusCode,
    ).toBe(200);
  });
});

describe('linking an account to a member', () => {
  const create = (username: string, memberId: string) =>
    eduAdmin.post('/api/accounts', {
      username,
      displayName: '关联党员',
      memberId,
      grants: [{ role: 'member', orgId: edu.id }],
    });

  it("refuses a member of another unit: the account could read and withdraw that member's entry", async () => {
    const financeMember = await t.factories.member(finance, { name: '财政党员' });
    const res = await create('linkfinance', financeMember.id);
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('所选党员不存在或不在您的管理范围内');
    expect((await admin.get('/api/accounts?q=linkfinance')).json().total).toBe(0);
  });

  it('refuses a member already linked to an account, and an unknown member', async () => {
    const eduMember = await t.factories.member(edu, { name: '教育党员' });
    const first = await create('linkedu1', eduMember.id);
    expect(first.statusCode).toBe(201);
    expect(first.json().account.memberId).toBe(eduMember.id);
    const second = await create('linkedu2', eduMember.id);
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toContain('已关联其他账号');
    const unknown = await create('linkedu3', '999999');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues[0].path).toBe('memberId');
  });
});

describe('audit log access', () => {
  it('is closed to members and limited to the subtree for unit admins', async () => {
    expect((await member.get('/api/audit')).statusCode).toBe(403);
    const rows = (await eduAdmin.get('/api/audit?pageSize=200')).json().items as {
      after: unknown;
      before: unknown;
    }[];
    expect(JSON.stringify(rows)).not.toContain('financeclerk');
    expect((await admin.get('/api/audit?from=notadate')).statusCode).toBe(400);
  });
});
