import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { memberAccountsScene, type MemberAccountsScene } from './test-member-accounts-scene.ts';
import { SLIP_COLUMNS } from './slips-xlsx.ts';
import { createJobRunner } from '../../jobs/runner.ts';
import { jobHandlers } from '../../jobs/handlers.ts';

let t: TestContext;
let s: MemberAccountsScene;
beforeAll(async () => {
  t = await createTestContext();
  s = await memberAccountsScene(t);
});
afterAll(async () => t.close());

interface Slip {
  userId: string;
  name: string;
  login: string;
  initialPassword: string;
  expiresOn: string;
  orgName: string;
}
const login = (name: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: name, password } });

async function slipsOf(orgId: string) {
  const res = await s.as.eduAdmin.get(`/api/member-accounts/orgs/${orgId}/slips`);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: Slip[]; expired: number }>();
}

describe('POST /api/member-accounts/preview', () => {
  it('counts what a run would do for the branch', async () => {
    const res = await s.as.eduAdmin.post('/api/member-accounts/preview', { orgId: s.edu1.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      orgName: '教育局第一党支部',
      total: 6,
      willCreate: 3,
      noPhone: 1,
      inactive: 1,
      phoneTaken: 1,
      hasAccount: 0,
    });
  });

  it('400 for a malformed org id or an empty member list, 401 signed out, 403 for a plain member', async () => {
    expect((await s.as.eduAdmin.post('/api/member-accounts/preview', { orgId: 'abc' })).statusCode).toBe(400);
    const empty = await s.as.eduAdmin.post('/api/member-accounts/preview', {
      orgId: s.edu1.id,
      memberIds: [],
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toContain('请至少选择一名党员');
    expect((await t.anonymous.post('/api/member-accounts/preview', { orgId: s.edu1.id })).statusCode).toBe(
      401,
    );
    expect((await s.as.member.post('/api/member-accounts/preview', { orgId: s.edu1.id })).statusCode).toBe(
      403,
    );
  });

  it('404 for another unit’s org, a missing org, or a chosen member outside the subtree', async () => {
    expect((await s.as.finAdmin.post('/api/member-accounts/preview', { orgId: s.edu1.id })).statusCode).toBe(
      404,
    );
    expect((await s.as.eduAdmin.post('/api/member-accounts/preview', { orgId: '999999' })).statusCode).toBe(
      404,
    );
    const mixed = await s.as.eduAdmin.post('/api/member-accounts/preview', {
      orgId: s.edu.id,
      memberIds: [s.ready[0]!.id, s.finMembers[0]!.id],
    });
    expect(mixed.statusCode).toBe(404);
    // A branch admin sees only their branch, not the sibling branch.
    expect(
      (await s.as.branchAdmin.post('/api/member-accounts/preview', { orgId: s.edu2.id })).statusCode,
    ).toBe(404);
  });
});

describe('bulk creation and first sign-in', () => {
  let runId: string;

  it('creates the accounts of chosen members only', async () => {
    const res = await s.as.eduAdmin.post('/api/member-accounts/runs', {
      orgId: s.edu.id,
      memberIds: [s.edu2Members[0]!.id],
    });
    expect(res.statusCode).toBe(202);
    await s.runner.drain();
    const run = (await s.as.eduAdmin.get(`/api/member-accounts/runs/${res.json().id}`)).json();
    expect(run).toMatchObject({ status: 'succeeded', total: 1, processed: 1, created: 1 });
  });

  it('runs as a job with progress, counts each reason and audits by batch', async () => {
    const res = await s.as.branchAdmin.post('/api/member-accounts/runs', { orgId: s.edu1.id });
    expect(res.statusCode).toBe(202);
    runId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'queued', total: 6, processed: 0 });
    expect(await s.runner.drain()).toBe(1);
    const run = await s.as.branchAdmin.get(`/api/member-accounts/runs/${runId}`);
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({
      status: 'succeeded',
      total: 6,
      processed: 6,
      created: 3,
      skipped: { noPhone: 1, inactive: 1, phoneTaken: 1, hasAccount: 0 },
    });
    const users = await t.db
      .selectFrom('users')
      .select(['username', 'display_name', 'must_change_password', 'activated_at'])
      .where(
        'member_id',
        'in',
        s.ready.map((m) => m.id),
      )
      .orderBy('username')
      .execute();
    expect(users.map((u) => u.username)).toEqual(['13800000001', '13800000002', '13800000003']);
    expect(users.every((u) => u.must_change_password && u.activated_at === null)).toBe(true);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('action', '=', 'member_accounts.batch_created')
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(1);
  });

  it('is idempotent: a second run finds nothing to do, a new member is the only one created', async () => {
    const again = await s.as.eduAdmin.post('/api/member-accounts/runs', { orgId: s.edu1.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('没有需要开通账号的党员');
    const newcomer = await t.factories.member(s.edu1, { name: '周新', phone: '13800000007' });
    const res = await s.as.eduAdmin.post('/api/member-accounts/runs', { orgId: s.edu1.id });
    expect(res.statusCode).toBe(202);
    await s.runner.drain();
    const run = (await s.as.eduAdmin.get(`/api/member-accounts/runs/${res.json().id}`)).json();
    expect(run).toMatchObject({ created: 1, skipped: { hasAccount: 3 } });
    expect(
      await t.db.selectFrom('users').select('id').where('member_id', '=', newcomer.id).executeTakeFirst(),
    ).toBeTruthy();
  });

  it('run: 401 signed out, 403 for a member, 404 for another unit’s admin and a missing run', async () => {
    expect((await t.anonymous.get(`/api/member-accounts/runs/${runId}`)).statusCode).toBe(401);
    expect((await s.as.member.get(`/api/member-accounts/runs/${runId}`)).statusCode).toBe(403);
    expect((await s.as.finAdmin.get(`/api/member-accounts/runs/${runId}`)).statusCode).toBe(404);
    expect((await s.as.eduAdmin.get('/api/member-accounts/runs/999999')).statusCode).toBe(404);
    expect((await s.as.finAdmin.post('/api/member-accounts/runs', { orgId: s.edu1.id })).statusCode).toBe(
      404,
    );
    expect((await s.as.member.post('/api/member-accounts/runs', { orgId: s.edu1.id })).statusCode).toBe(403);
    expect((await t.anonymous.post('/api/member-accounts/runs', { orgId: s.edu1.id })).statusCode).toBe(401);
    expect((await s.as.eduAdmin.post('/api/member-accounts/runs', {})).statusCode).toBe(400);
  });

  it('the member signs in with phone and slip password, must set a password, then the code is dead', async () => {
    const slip = (await slipsOf(s.edu1.id)).items.find((i) => i.login === '13800000001')!;
    expect(slip).toMatchObject({ name: '张一', orgName: '教育局第一党支部', expiresOn: '2026-07-31' });
    const res = await login('13800000001', slip.initialPassword.toLowerCase());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mustChangePassword: true, displayName: '张一' });
    const cookie = res.cookies.find((c) => c.name === 'jt_session')!;
    const headers = { cookie: `jt_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken };
    const blocked = await t.app.inject({ method: 'GET', url: '/api/campaigns', headers });
    expect(blocked.statusCode).toBe(403);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: slip.initialPassword, newPassword: 'Zhang2026yi' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await login('13800000001', slip.initialPassword)).statusCode).toBe(401);
    expect((await login('13800000001', 'Zhang2026yi')).statusCode).toBe(200);
    // An activated account gets no slip any more.
    expect((await slipsOf(s.edu1.id)).items.map((i) => i.login)).not.toContain('13800000001');
  });

  it('wrong codes count toward the lockout, and then even the right code is refused', async () => {
    const slip = (await slipsOf(s.edu1.id)).items.find((i) => i.login === '13800000002')!;
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login('13800000002', 'ABCDE FGHJK')).statusCode);
    expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(codes[4]).toBe(423);
    expect((await login('13800000002', slip.initialPassword)).statusCode).toBe(423);
  });
});

describe('GET /api/member-accounts/orgs/:orgId/status and /members', () => {
  it('shows per branch members, accounts, activated and pending', async () => {
    const res = await s.as.eduAdmin.get(`/api/member-accounts/orgs/${s.edu.id}/status`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const edu1 = body.branches.find((b: { orgId: string }) => b.orgId === s.edu1.id);
    expect(edu1).toMatchObject({
      orgName: '教育局第一党支部',
      members: 6,
      accounts: 4,
      activated: 1,
      pending: 3,
    });
    expect(body.branches.map((b: { orgId: string }) => b.orgId)).not.toContain(s.fin1.id);
    expect(body.totals.members).toBe(8);
  });

  it('lists a branch’s members with status and masked phones', async () => {
    const res = await s.as.branchAdmin.get(`/api/member-accounts/orgs/${s.edu1.id}/members`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; phone: string | null; statusLabel: string }[];
    expect(items.find((i) => i.name === '张一')).toMatchObject({
      phone: '138****0001',
      statusLabel: '已激活',
    });
    expect(items.find((i) => i.name === '张三')).toMatchObject({ statusLabel: '未激活' });
    expect(items.find((i) => i.name === '李无号')).toMatchObject({ phone: null, statusLabel: '未开通' });
    expect(items.map((i) => i.name)).not.toContain('王停用');
  });

  it('401, 403, 404 and 400 like every other endpoint', async () => {
    for (const path of ['status', 'members']) {
      expect((await t.anonymous.get(`/api/member-accounts/orgs/${s.edu1.id}/${path}`)).statusCode).toBe(401);
      expect((await s.as.member.get(`/api/member-accounts/orgs/${s.edu1.id}/${path}`)).statusCode).toBe(403);
      expect((await s.as.finAdmin.get(`/api/member-accounts/orgs/${s.edu1.id}/${path}`)).statusCode).toBe(
        404,
      );
      expect((await s.as.eduAdmin.get(`/api/member-accounts/orgs/x/${path}`)).statusCode).toBe(400);
    }
    expect(
      (await s.as.eduAdmin.get(`/api/member-accounts/orgs/${s.edu1.id}/members?pageSize=500`)).statusCode,
    ).toBe(400);
  });
});

describe('slips', () => {
  it('a unit’s .xlsx has one sheet per branch and one row per waiting member; reading it is audited', async () => {
    const before = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'member_accounts.slips_downloaded')
      .execute();
    const res = await s.as.eduAdmin.get(`/api/member-accounts/orgs/${s.edu.id}/slips.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['教育局第一党支部', '教育局第二党支部']);
    const sheet = wb.getWorksheet('教育局第一党支部')!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(SLIP_COLUMNS);
    const logins = sheet.getColumn(3).values.slice(2);
    expect(logins).toEqual(['13800000002', '13800000003', '13800000007']);
    expect(String(sheet.getRow(2).getCell(4).value)).toMatch(/^[2-9A-HJKMNP-Z]{5} [2-9A-HJKMNP-Z]{5}$/);
    const after = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'member_accounts.slips_downloaded')
      .execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('only for admins whose subtree holds the branch', async () => {
    for (const path of ['slips', 'slips.xlsx']) {
      expect((await s.as.finAdmin.get(`/api/member-accounts/orgs/${s.edu1.id}/${path}`)).statusCode).toBe(
        404,
      );
      expect((await s.as.branchAdmin.get(`/api/member-accounts/orgs/${s.edu2.id}/${path}`)).statusCode).toBe(
        404,
      );
      expect((await s.as.member.get(`/api/member-accounts/orgs/${s.edu1.id}/${path}`)).statusCode).toBe(403);
      expect((await t.anonymous.get(`/api/member-accounts/orgs/${s.edu1.id}/${path}`)).statusCode).toBe(401);
      expect((await s.as.eduAdmin.get(`/api/member-accounts/orgs/0x/${path}`)).statusCode).toBe(400);
    }
  });

  it('leaves out expired passwords and says how many; the login says it expired', async () => {
    const slip = (await slipsOf(s.edu1.id)).items.find((i) => i.login === '13800000003')!;
    // Issued 31 days ago: a day past the 30 days a slip is valid.
    const issued = new Date(t.clock.now().getTime() - 31 * 86_400_000);
    await t.db
      .updateTable('users')
      .set({ code_issued_at: issued })
      .where('username', '=', '13800000003')
      .execute();
    const res = await login('13800000003', slip.initialPassword);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toContain('已于 2026年6月30日 过期');
    const slips = await slipsOf(s.edu1.id);
    expect(slips.items.map((i) => i.login)).not.toContain('13800000003');
    expect(slips.expired).toBe(1);
  });
});

describe('POST /api/member-accounts/users/:userId/reissue', () => {
  const userOf = async (phone: string) =>
    (await t.db.selectFrom('users').select('id').where('username', '=', phone).executeTakeFirstOrThrow()).id;

  it('gives a new slip; the old code stops working, the new one signs in; an own password is cleared', async () => {
    const id = await userOf('13800000001'); // activated above with an own password
    const res = await s.as.branchAdmin.post(`/api/member-accounts/users/${id}/reissue`);
    expect(res.statusCode).toBe(200);
    const { slip } = res.json<{ slip: Slip }>();
    expect(slip).toMatchObject({ name: '张一', login: '13800000001' });
    expect((await login('13800000001', 'Zhang2026yi')).statusCode).toBe(401);
    const again = (await s.as.branchAdmin.post(`/api/member-accounts/users/${id}/reissue`)).json<{
      slip: Slip;
    }>();
    expect(again.slip.initialPassword).not.toBe(slip.initialPassword);
    expect((await login('13800000001', slip.initialPassword)).statusCode).toBe(401);
    expect((await login('13800000001', again.slip.initialPassword)).statusCode).toBe(200);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'member_accounts.code_reissued')
      .where('entity_id', '=', id)
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('unlocks a locked account', async () => {
    const id = await userOf('13800000002');
    const { slip } = (await s.as.eduAdmin.post(`/api/member-accounts/users/${id}/reissue`)).json<{
      slip: Slip;
    }>();
    expect((await login('13800000002', slip.initialPassword)).statusCode).toBe(200);
  });

  it('404 outside the subtree or missing, 403 for a member or an account with other roles, 401, 400', async () => {
    const id = await userOf('13800000003');
    expect((await s.as.finAdmin.post(`/api/member-accounts/users/${id}/reissue`)).statusCode).toBe(404);
    expect((await s.as.eduAdmin.post('/api/member-accounts/users/999999/reissue')).statusCode).toBe(404);
    expect((await s.as.member.post(`/api/member-accounts/users/${id}/reissue`)).statusCode).toBe(403);
    expect((await t.anonymous.post(`/api/member-accounts/users/${id}/reissue`)).statusCode).toBe(401);
    expect((await s.as.eduAdmin.post('/api/member-accounts/users/abc/reissue')).statusCode).toBe(400);
    // A member account that also administers something is reset in 账号管理, not here.
    await t.db
      .insertInto('role_grants')
      .values({ user_id: id, role: 'unit_admin', org_id: s.edu2.id, org_path: s.edu2.path })
      .execute();
    const res = await s.as.eduAdmin.post(`/api/member-accounts/users/${id}/reissue`);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('账号管理');
    await t.db.deleteFrom('role_grants').where('user_id', '=', id).where('role', '=', 'unit_admin').execute();
  });

  it('a member who moved to another unit belongs to the new unit’s admin', async () => {
    const id = await userOf('13800000011');
    const member = s.edu2Members[0]!;
    await t.db
      .updateTable('members')
      .set({ org_id: s.fin1.id, org_path: s.fin1.path })
      .where('id', '=', member.id)
      .execute();
    expect((await s.as.eduAdmin.post(`/api/member-accounts/users/${id}/reissue`)).statusCode).toBe(404);
    const members = (await s.as.eduAdmin.get(`/api/member-accounts/orgs/${s.edu2.id}/members`)).json();
    expect(members.items.map((i: { name: string }) => i.name)).not.toContain('钱一');
    expect((await s.as.finAdmin.post(`/api/member-accounts/users/${id}/reissue`)).statusCode).toBe(200);
    const finSlips = (await s.as.finAdmin.get(`/api/member-accounts/orgs/${s.fin.id}/slips`)).json();
    expect(finSlips.items.map((i: Slip) => i.name)).toContain('钱一');
  });

  it('moving a member on the member page takes their 党员 role along: the old unit can no longer reset it', async () => {
    const member = s.edu2Members[1]!;
    const run = await s.as.eduAdmin.post('/api/member-accounts/runs', {
      orgId: s.edu2.id,
      memberIds: [member.id],
    });
    expect(run.statusCode).toBe(202);
    await s.runner.drain();
    const id = await userOf('13800000012');
    expect((await s.as.eduAdmin.get(`/api/accounts/${id}`)).statusCode).toBe(200);
    const moved = await s.as.admin.post(`/api/members/${member.id}/move`, { orgId: s.fin1.id });
    expect(moved.statusCode).toBe(200);
    const grants = await t.db
      .selectFrom('role_grants')
      .select(['role', 'org_id', 'org_path'])
      .where('user_id', '=', id)
      .execute();
    expect(grants).toEqual([{ role: 'member', org_id: s.fin1.id, org_path: s.fin1.path }]);
    expect((await s.as.eduAdmin.get(`/api/accounts/${id}`)).statusCode).toBe(404);
    expect((await s.as.eduAdmin.post(`/api/accounts/${id}/reset-password`)).statusCode).toBe(404);
    expect((await s.as.finAdmin.get(`/api/accounts/${id}`)).statusCode).toBe(200);
  });
});

describe('requests sent twice at once', () => {
  it('two runs for the same branch started together create each account once', async () => {
    const branch = await t.factories.org({ name: '并发党支部', parent: s.edu });
    for (let i = 0; i < 7; i++) await t.factories.member(branch, { phone: `1370000000${i}` });
    const [a, b] = await Promise.all([
      s.as.eduAdmin.post('/api/member-accounts/runs', { orgId: branch.id }),
      s.as.eduAdmin.post('/api/member-accounts/runs', { orgId: branch.id }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    await createJobRunner(t.deps, jobHandlers(t.deps), { concurrency: 2 }).drain();
    const runs = await Promise.all(
      [a, b].map(async (r) => (await s.as.eduAdmin.get(`/api/member-accounts/runs/${r.json().id}`)).json()),
    );
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(runs[0].created + runs[1].created).toBe(7);
    const status = (await s.as.eduAdmin.get(`/api/member-accounts/orgs/${branch.id}/status`)).json();
    expect(status.totals).toMatchObject({ members: 7, accounts: 7 });
  });

  it('two reissues at once leave exactly one working slip', async () => {
    const id = (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', '13800000007')
        .executeTakeFirstOrThrow()
    ).id;
    const both = await Promise.all([
      s.as.eduAdmin.post(`/api/member-accounts/users/${id}/reissue`),
      s.as.branchAdmin.post(`/api/member-accounts/users/${id}/reissue`),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    const codes = both.map((r) => r.json<{ slip: Slip }>().slip.initialPassword);
    expect(codes[0]).not.toBe(codes[1]);
    const results = [];
    for (const code of codes) results.push((await login('13800000007', code)).statusCode);
    expect(results.sort()).toEqual([200, 401]);
  });
});
