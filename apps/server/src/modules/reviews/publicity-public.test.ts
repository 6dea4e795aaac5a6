import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import type { Actor } from '../../lib/actor.ts';
import { assertMayObject, OWN_LIST_OBJECTION } from './objector-rule.ts';
import { loadRound } from './round-context.ts';
import { openSemifinal, reviewScene, scoresAt, type ReviewScene, type RoundView } from './test-scene.ts';

/**
 * 公示 is for the public (公众): the board and a notice are read without an account, objections come
 * from anyone (rate-limited, name and contact required), and nothing on them reveals phone numbers,
 * entry ids or which rounds exist unpublished.
 */
let t: TestContext;
let s: ReviewScene;
let round: RoundView;
let code = '';

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'pp');
  round = await openSemifinal(s.organiser.client, s.campaignId);
  const url = (rest: string) => `/api/rounds/${round.round.id}${rest}`;
  const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
    const res = await p;
    if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
  };
  await ok(s.organiser.client.post(url('/judges'), { userIds: s.judges.map((j) => j.id) }));
  await ok(s.organiser.client.post(url('/assign')));
  for (const [i, j] of s.judges.entries()) {
    const queue = (await j.client.get(`/api/judging/rounds/${round.round.id}`)).json<{
      items: { code: string }[];
    }>();
    for (const item of queue.items)
      await ok(
        j.client.put(`/api/judging/rounds/${round.round.id}/items/${item.code}/score`, {
          scores: scoresAt(round.round.config, 0.6 + i * 0.1),
          submit: true,
        }),
      );
  }
  await ok(s.organiser.client.post(url('/close')));
  await ok(s.organiser.client.post(url('/confirm')));
  const published = await s.organiser.client.post(url('/publish'));
  code = published.json<{ code: string }>().code;
});
afterAll(async () => t.close());

const objection = {
  content: '第三名的讲稿与网上文章雷同，请核实',
  contactName: '王群众',
  contactPhone: '13800009999',
};

describe('the public 公示', () => {
  it('shows the board and a notice without an account, with no phone numbers or ids', async () => {
    const board = await t.anonymous.get('/api/publicity');
    expect(board.statusCode).toBe(200);
    const notice = await t.anonymous.get(`/api/publicity/${code}`);
    expect(notice.statusCode).toBe(200);
    const body = notice.json<{ code: string; items: Record<string, unknown>[] }>();
    expect(body.code).toBe(code);
    expect(body.items.length).toBe(6);
    expect(Object.keys(body.items[0]!).sort()).toEqual([
      'rank',
      'ref',
      'score',
      'speakerName',
      'title',
      'unitName',
    ]);
    for (const text of [board.body, notice.body]) {
      expect(text).not.toMatch(/1[3-9]\d{9}/);
      expect(text).not.toContain('"roundId"');
      expect(text).not.toContain('"entryId"');
    }
  });

  it('answers an unpublished round and an unknown code with the same 404', async () => {
    const unpublished = await s.organiser.client.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...(
        await s.organiser.client.get(`/api/campaigns/${s.campaignId}/round-defaults?stageKey=final`)
      ).json<object>(),
      stageKey: 'final',
    });
    expect(unpublished.statusCode).toBe(201);
    const id = unpublished.json<RoundView>().round.id;
    const byId = await t.anonymous.get(`/api/publicity/${id}`);
    const unknown = await t.anonymous.get('/api/publicity/ZZZZZZZZZZZZ');
    expect(byId.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(byId.json().detail).toBe(unknown.json().detail);
    expect((await t.anonymous.get(`/api/publicity/${round.round.id}`)).statusCode).toBe(404);
  });

  it('takes an objection from the public with a name and contact, on record without an account', async () => {
    const noName = await t.anonymous.post(`/api/publicity/${code}/objections`, {
      ...objection,
      contactName: '',
    });
    expect(noName.statusCode).toBe(400);
    const notOnList = await t.anonymous.post(`/api/publicity/${code}/objections`, {
      ...objection,
      entryCode: 'QQQQQQ',
    });
    expect(notOnList.statusCode).toBe(400);
    expect(notOnList.json().detail).toContain('不在公示名单中');
    const ref = (await t.anonymous.get(`/api/publicity/${code}`)).json<{ items: { ref: string }[] }>()
      .items[2]!.ref;
    const res = await t.anonymous.post(`/api/publicity/${code}/objections`, { ...objection, entryCode: ref });
    expect(res.statusCode).toBe(201);
    const list = (await s.organiser.client.get(`/api/rounds/${round.round.id}/objections`)).json<{
      items: { contactName: string; entryId: string | null; entryTitle: string | null }[];
    }>();
    expect(list.items.map((o) => o.contactName)).toContain('王群众');
    const row = await t.db
      .selectFrom('round_objections')
      .select(['lodged_by', 'lodged_ip', 'entry_id'])
      .where('id', '=', res.json<{ id: string }>().id)
      .executeTakeFirstOrThrow();
    expect(row.lodged_by).toBeNull();
    expect(row.lodged_ip).toBeTruthy();
    expect(row.entry_id).not.toBeNull();
  });

  it('keeps a signed-in objector on record under their account', async () => {
    const res = await s.member.client.post(`/api/publicity/${code}/objections`, objection);
    expect(res.statusCode).toBe(201);
    const mine = (await s.member.client.get(`/api/publicity/${code}/objections/mine`)).json<{
      items: unknown[];
    }>();
    expect(mine.items).toHaveLength(1);
    expect((await t.anonymous.get(`/api/publicity/${code}/objections/mine`)).statusCode).toBe(401);
  });

  it('refuses an objection from the list’s own organisers (403), on record or not, nothing stored', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('round_objections')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('round_id', '=', round.round.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const res = await s.organiser.client.post(`/api/publicity/${code}/objections`, objection);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe(OWN_LIST_OBJECTION);
    // Without the CSRF token the objection would not be on their record: still their session, still refused.
    const unsigned = await s.organiser.client.post(`/api/publicity/${code}/objections`, objection, {
      'x-csrf-token': 'not-the-token',
    });
    expect(unsigned.statusCode).toBe(403);
    expect(await count()).toBe(before);
    // The supervisor does not answer objections: they may object like anyone else.
    expect((await s.supervisor.client.post(`/api/publicity/${code}/objections`, objection)).statusCode).toBe(
      201,
    );
  });

  it('refuses whoever published the list even once no longer an organiser (the rule itself)', async () => {
    const r = await loadRound(t.db, round.round.id);
    const bare = (userId: string) => ({ userId, grants: [] }) as unknown as Actor;
    await expect(assertMayObject(t.db, bare(s.organiser.id), r, 'round.published')).rejects.toThrow(
      OWN_LIST_OBJECTION,
    );
    // Publishing another kind of list (the 表彰名单) is not publishing this one.
    await expect(assertMayObject(t.db, bare(s.organiser.id), r, 'awards.published')).resolves.toBeUndefined();
    await expect(assertMayObject(t.db, bare(s.member.id), r, 'round.published')).resolves.toBeUndefined();
    await expect(assertMayObject(t.db, null, r, 'round.published')).resolves.toBeUndefined();
  });

  it('limits how many objections one address may lodge, with a Chinese message and nothing stored', async () => {
    const before = await t.db
      .selectFrom('round_objections')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1)
      statuses.push((await t.anonymous.post(`/api/publicity/${code}/objections`, objection)).statusCode);
    // Ten requests an hour from one address without an account (the ones above count too).
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429)).every((x) => x === 429)).toBe(true);
    const limited = await t.anonymous.post(`/api/publicity/${code}/objections`, objection);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().detail).toContain('操作太频繁');
    const after = await t.db
      .selectFrom('round_objections')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(statuses.filter((x) => x === 201).length);
  });
});
