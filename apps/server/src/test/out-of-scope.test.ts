import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundConfig } from '@jiangtai/contracts';
import { reviewScene, type ReviewScene, type RoundView } from '../modules/reviews/test-scene.ts';
import { createTestContext, type Client, type TestContext } from './harness.ts';

/**
 * A record outside the caller's scope is answered exactly like an id that does not exist: same
 * status, same body, nothing of the record named. Otherwise walking ids (1, 2, 3, …) lists which
 * members, accounts and entries exist and, where a refusal named them, who they are and where.
 * Those who may see the record still get the specific refusals that help them.
 */

let t: TestContext;
let s: ReviewScene;
let edu: Client;
const MISSING = '987654321';

/** The same request for an out-of-scope id and a missing one; both answers, for comparison. */
async function pair(send: (id: string) => ReturnType<Client['get']>, outsideId: string) {
  const outside = await send(outsideId);
  const missing = await send(MISSING);
  return {
    outside: { status: outside.statusCode, body: outside.json<Record<string, unknown>>() },
    missing: { status: missing.statusCode, body: missing.json<Record<string, unknown>>() },
  };
}

function expectSameAnswer(p: Awaited<ReturnType<typeof pair>>, detail: string, unnamed: string[]) {
  expect(p.outside).toEqual(p.missing);
  expect(p.outside.status).toBe(404);
  expect(p.outside.body.detail).toBe(detail);
  for (const word of unnamed) expect(JSON.stringify(p.outside.body)).not.toContain(word);
}

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'os');
  edu = s.eduAdmin.client;
});
afterAll(async () => t.close());

describe('members outside the scope', () => {
  it('answer GET, history, PATCH, move, deactivate and reactivate like a missing member, naming no branch', async () => {
    const outsider = await t.factories.member(s.branches.finance, { name: '财政外人' });
    const hidden = ['财政', '外人'];
    const detail = '党员不存在或不在您的管理范围内';
    const target = s.branches.edu.id;
    expectSameAnswer(await pair((id) => edu.get(`/api/members/${id}`), outsider.id), detail, hidden);
    expectSameAnswer(await pair((id) => edu.get(`/api/members/${id}/history`), outsider.id), detail, hidden);
    expectSameAnswer(
      await pair((id) => edu.patch(`/api/members/${id}`, { name: '改名' }), outsider.id),
      detail,
      hidden,
    );
    expectSameAnswer(
      await pair((id) => edu.post(`/api/members/${id}/move`, { orgId: target }), outsider.id),
      detail,
      hidden,
    );
    for (const action of ['deactivate', 'reactivate'])
      expectSameAnswer(
        await pair((id) => edu.post(`/api/members/${id}/${action}`), outsider.id),
        detail,
        hidden,
      );
    const unchanged = await t.db
      .selectFrom('members')
      .select(['name', 'org_id', 'active'])
      .where('id', '=', outsider.id)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ name: '财政外人', org_id: s.branches.finance.id, active: true });
  });

  it('still tells someone who may see the member but not edit them which org it is', async () => {
    const member = await t.factories.member(s.branches.finance, { name: '财政可见' });
    const got = await s.supervisor.client.get(`/api/members/${member.id}`);
    expect(got.statusCode).toBe(200);
    const res = await s.supervisor.client.patch(`/api/members/${member.id}`, { name: '改名' });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('您只能查看「财政局机关党支部」，不能修改');
    const own = await t.factories.member(s.branches.edu, { name: '教育本人' });
    expect((await edu.get(`/api/members/${own.id}`)).statusCode).toBe(200);
  });

  it('answers a member link or an on-behalf entry for an outside member like a missing member', async () => {
    const outsider = await t.factories.member(s.branches.finance, { name: '财政关联' });
    const link = await pair(
      (memberId) =>
        edu.post('/api/accounts', {
          username: `os_link_${memberId}`,
          displayName: '关联党员',
          memberId,
          grants: [{ role: 'member', orgId: s.units.edu.id }],
        }),
      outsider.id,
    );
    expect(link.outside).toEqual(link.missing);
    expect(link.outside.status).toBe(400);
    expect(link.outside.body.detail).toBe('所选党员不存在或不在您的管理范围内');
    const entry = await pair(
      (memberId) =>
        edu.post(`/api/campaigns/${s.campaignId}/entries`, {
          memberId,
          stageKey: 'preliminary',
          title: '代报作品',
          categoryKey: 'history',
          outline: '提纲',
        }),
      outsider.id,
    );
    expectSameAnswer(entry, '党员不存在或不在您的管理范围内', ['财政', '关联']);
  });
});

describe('accounts outside the scope', () => {
  it('answer GET /api/accounts/:id like a missing account; an account in scope is shown', async () => {
    expectSameAnswer(
      await pair((id) => edu.get(`/api/accounts/${id}`), s.organiser.id),
      '账号不存在或不在您的管理范围内',
      ['组织者'],
    );
    const inside = await t.factories.user([{ role: 'member', org: s.units.edu }], {
      displayName: '教育账号',
    });
    const res = await edu.get(`/api/accounts/${inside.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().displayName).toBe('教育账号');
  });

  it("cannot be walked through a unit round's judge picker: out of scope, disabled and missing read alike", async () => {
    const url = `/api/campaigns/${s.campaignId}/round-defaults?stageKey=preliminary&scopeOrgId=${s.units.edu.id}`;
    const defaults = (await edu.get(url)).json<RoundConfig>();
    const opened = await edu.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...defaults,
      judgesPerEntry: 1,
      dropHighest: 0,
      dropLowest: 0,
      stageKey: 'preliminary',
      scopeOrgId: s.units.edu.id,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const round = opened.json<RoundView>().round.id;
    const add = (userId: string) => edu.post(`/api/rounds/${round}/judges`, { userIds: [userId] });
    const detail = '所选评委账号不存在或不在您的管理范围内';
    expectSameAnswer(await pair(add, s.judges[1]!.id), detail, ['吴评委']);
    expectSameAnswer(await pair(add, s.organiser.id), detail, ['组织者']);
    const disabled = await t.factories.user([{ role: 'judge', org: s.units.edu }], {
      displayName: '停用评委',
    });
    await t.db.updateTable('users').set({ active: false }).where('id', '=', disabled.id).execute();
    expectSameAnswer(await pair(add, disabled.id), detail, ['停用评委']);

    // Inside the scope the answers stay specific: a non-judge is named, a judge is added.
    const plain = await t.factories.user([{ role: 'member', org: s.units.edu }], { displayName: '教育干部' });
    const refused = await add(plain.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('「教育干部」没有评委角色');
    const expert = await t.factories.user([{ role: 'judge', org: s.units.edu }], { displayName: '教育评委' });
    expect((await add(expert.id)).statusCode).toBe(200);
  });
});

describe('entries outside the scope', () => {
  it('answer GET /api/entries/:id like a missing entry; the unit still sees its own', async () => {
    const financeEntry = s.entries.find((e) => e.unitName === '市财政局')!;
    const eduEntry = s.entries.find((e) => e.unitName === '市教育局')!;
    expectSameAnswer(
      await pair((id) => edu.get(`/api/entries/${id}`), financeEntry.id),
      '作品不存在或不在您的查看范围内',
      [financeEntry.title, financeEntry.name],
    );
    expectSameAnswer(
      await pair((id) => edu.get(`/api/entries/${id}/materials`), financeEntry.id),
      '作品不存在或不在您的查看范围内',
      [financeEntry.title],
    );
    const own = await edu.get(`/api/entries/${eduEntry.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().title).toBe(eduEntry.title);
  });
});
