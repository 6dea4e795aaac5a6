import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoundConfig } from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { openSemifinal } from '../reviews/test-scene.ts';
import { liveScene, liveScores, newKey, setOrder, type LiveScene } from './test-live-scene.ts';

/** Each live endpoint's answers: 200/201, 400 (bad input), 401, 403, 404, 409. */
let t: TestContext;
let s: LiveScene;
let plainRoundId: string;
let first: string;

const code = async (p: Promise<{ statusCode: number; body: string }>) => (await p).statusCode;

beforeAll(async () => {
  t = await createTestContext();
  s = await liveScene(t, 'ap');
  await setOrder(
    s,
    s.entries.map((e) => e.id),
  );
  first = s.entries[0]!.id;
  // A review round that is not live: the same campaign's 复赛.
  plainRoundId = (await openSemifinal(s.organiser.client, s.campaignId)).round.id;
});
afterAll(() => t.close());

const url = (p = '') => s.live(p);

describe('authentication and authorisation', () => {
  it('401 without a session on every endpoint', async () => {
    const anon = t.anonymous;
    expect(await code(anon.get(url()))).toBe(401);
    expect(await code(anon.get('/api/live/mine'))).toBe(401);
    expect(await code(anon.get(url('/judge')))).toBe(401);
    expect(await code(anon.get(url('/supervision')))).toBe(401);
    for (const p of [
      '/start',
      '/next',
      '/open-scoring',
      '/timer',
      '/skip',
      '/undo',
      '/announce',
      '/rehearsal',
      '/rehearsal/reset',
      '/score',
      '/confirm',
      '/signoff',
    ])
      expect(await code(anon.post(url(p), {})), p).toBe(401);
  });

  it('403 for those who do not run the evening; judges see no such round on the MC and supervisor pages', async () => {
    const member = s.member.client;
    const judge = s.liveJudges[0]!.client;
    expect(await code(member.get(url()))).toBe(403);
    expect(await code(s.supervisor.client.get(url()))).toBe(403);
    expect(await code(s.supervisor.client.post(url('/start')))).toBe(403);
    expect(await code(member.post(url('/timer'), { action: 'start' }))).toBe(403);
    expect(await code(member.post(url('/rehearsal')))).toBe(403);
    expect(await code(judge.get(url()))).toBe(403);
    expect(await code(judge.get(url('/supervision')))).toBe(403);
    expect(await code(member.get(url('/supervision')))).toBe(403);
    // Confirming and signing are the supervisor's, not the organiser's.
    expect(await code(s.organiser.client.post(url('/confirm'), { entryId: first }))).toBe(403);
    expect(await code(s.organiser.client.post(url('/signoff'), { comment: '' }))).toBe(403);
  });

  it('404 for an unknown round, a round that is not live, and someone not on the panel', async () => {
    expect(await code(s.organiser.client.get('/api/live/rounds/999999'))).toBe(404);
    expect(await code(s.organiser.client.post('/api/live/rounds/999999/start'))).toBe(404);
    expect(await code(s.supervisor.client.get('/api/live/rounds/999999/supervision'))).toBe(404);
    expect(await code(s.liveJudges[0]!.client.get(`/api/live/rounds/${plainRoundId}/judge`))).toBe(404);
    expect(await code(s.member.client.get(url('/judge')))).toBe(404);
    expect(await code(s.judges[0]!.client.get(url('/judge')))).toBe(404); // 周评委: not on this panel
    expect(
      await code(s.member.client.post(url('/score'), { key: newKey(), entryId: first, scores: {} })),
    ).toBe(404);
  });

  it('400 for malformed ids', async () => {
    expect(await code(s.organiser.client.get('/api/live/rounds/abc'))).toBe(400);
  });
});

describe('setting up', () => {
  it('live settings only on a 决赛 stage, never blind, the penalty limit equal to the speaking limit', async () => {
    const org = s.organiser.client;
    const defaults = await org.get(`/api/campaigns/${s.campaignId}/round-defaults?stageKey=semifinal`);
    const semi = defaults.json<RoundConfig & { liveDefaults: unknown }>();
    expect(semi.liveDefaults).toBeNull();
    const res = await org.post(`/api/campaigns/${s.campaignId}/rounds`, {
      ...semi,
      live: s.config.live,
      blind: false,
      stageKey: 'semifinal',
    });
    expect(res.statusCode).toBe(400);
    expect((await org.patch(`/api/rounds/${s.roundId}`, { blind: true })).statusCode).toBe(400);
    const live = s.config.live!;
    const bad = { ...live, timePenalty: { ...live.timePenalty!, limitSeconds: live.speakingSeconds + 1 } };
    expect((await org.patch(`/api/rounds/${s.roundId}`, { live: bad })).statusCode).toBe(400);
  });

  it('judges do not score a live round through the review pages', async () => {
    const rows = await t.db
      .selectFrom('round_entries')
      .select('code')
      .where('round_id', '=', s.roundId)
      .execute();
    const res = await s.liveJudges[0]!.client.put(
      `/api/judging/rounds/${s.roundId}/items/${rows[0]!.code}/score`,
      {
        scores: {},
        comment: '',
        submit: false,
      },
    );
    expect([404, 409]).toContain(res.statusCode);
  });
});

describe('the MC console', () => {
  it('GET: the console, the screen code', async () => {
    const res = await s.organiser.client.get(url());
    expect(res.statusCode).toBe(200);
    const v = res.json<{ state: string; screenCode: string; orderReady: boolean; judges: unknown[] }>();
    expect(v).toMatchObject({ state: 'setup', orderReady: true });
    expect(v.screenCode).toMatch(/^[a-z2-9]{16}$/);
    expect(v.judges).toHaveLength(3);
  });

  it('409 for steps out of order before the start', async () => {
    const mc = s.organiser.client;
    expect(await code(mc.post(url('/next')))).toBe(409);
    expect(await code(mc.post(url('/timer'), { action: 'start' }))).toBe(409);
    expect(await code(mc.post(url('/open-scoring')))).toBe(409);
    expect(await code(mc.post(url('/undo'), { reason: '测试撤销' }))).toBe(409);
  });

  it('200 start; 400 bad bodies; 404 unknown speaker; 409 wrong moments', async () => {
    const mc = s.organiser.client;
    expect(await code(mc.post(url('/start')))).toBe(200);
    expect(await code(mc.post(url('/timer'), { action: 'jump' }))).toBe(400);
    expect(await code(mc.post(url('/skip'), { entryId: first }))).toBe(400);
    expect(await code(mc.post(url('/skip'), { entryId: first, reason: '缺' }))).toBe(400);
    expect(await code(mc.post(url('/undo'), {}))).toBe(400);
    expect(await code(mc.post(url('/announce'), { entryId: 'x' }))).toBe(400);
    expect(await code(mc.post(url('/skip'), { entryId: '999999', reason: '没有这位选手' }))).toBe(404);
    expect(await code(mc.post(url('/announce'), { entryId: '999999' }))).toBe(404);
    expect(await code(mc.post(url('/timer'), { action: 'start' }))).toBe(409); // nobody on stage
    expect(await code(mc.post(url('/next')))).toBe(200);
    expect(await code(mc.post(url('/timer'), { action: 'pause' }))).toBe(409); // not running
    expect(await code(mc.post(url('/timer'), { action: 'resume' }))).toBe(409); // never started
    expect(await code(mc.post(url('/timer'), { action: 'stop' }))).toBe(409);
    expect(await code(mc.post(url('/open-scoring')))).toBe(409); // timer not stopped
    expect(await code(mc.post(url('/timer'), { action: 'start' }))).toBe(200);
    expect(await code(mc.post(url('/timer'), { action: 'start' }))).toBe(409);
    expect(await code(mc.post(url('/skip'), { entryId: first, reason: '已经开始宣讲' }))).toBe(409);
    t.clock.advance(400_000);
    expect(await code(mc.post(url('/timer'), { action: 'stop' }))).toBe(200);
    expect(await code(mc.post(url('/timer'), { action: 'resume' }))).toBe(409); // stopped: undo first
    expect(await code(mc.post(url('/open-scoring')))).toBe(200);
    expect(await code(mc.post(url('/announce'), { entryId: first }))).toBe(409); // not scored
    expect(await code(mc.post(url('/rehearsal')))).toBe(409); // the real evening has started
  });
});

describe('judges', () => {
  const score = (j: Client, body: object) => j.post(url('/score'), body);

  it('GET /api/live/mine and the phone state', async () => {
    const j = s.liveJudges[0]!.client;
    const mine = await j.get('/api/live/mine');
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ items: { id: string; state: string }[] }>().items).toEqual([
      expect.objectContaining({ id: s.roundId, state: 'running' }),
    ]);
    const view = await j.get(url('/judge'));
    expect(view.statusCode).toBe(200);
    expect(view.json<{ round: { criteria: unknown[] }; toScore: { entryId: string }[] }>()).toMatchObject({
      toScore: [expect.objectContaining({ entryId: first })],
    });
  });

  it('400 for a bad key, a missing criterion, a score over the maximum or with 3 decimals', async () => {
    const j = s.liveJudges[0]!.client;
    const full = liveScores(s.config, 0.8);
    const [k0, k1] = Object.keys(full) as [string, string];
    expect(await code(score(j, { key: 'short', entryId: first, scores: full }))).toBe(400);
    expect(await code(score(j, { key: newKey(), entryId: first, scores: { [k0]: 1 } }))).toBe(400);
    const max = s.config.criteria.find((c) => c.key === k1)!.max;
    expect(await code(score(j, { key: newKey(), entryId: first, scores: { ...full, [k1]: max + 1 } }))).toBe(
      400,
    );
    expect(await code(score(j, { key: newKey(), entryId: first, scores: { ...full, [k1]: 1.234 } }))).toBe(
      400,
    );
    // Nothing was counted.
    const rows = await t.db
      .selectFrom('score_log')
      .select('seq')
      .where('round_id', '=', s.roundId)
      .where('action', '=', 'submit')
      .execute();
    expect(rows).toHaveLength(0);
    // The key of a refused attempt is free to use.
  });

  it('404 for a speaker not in the round; 409 for one not being scored', async () => {
    const j = s.liveJudges[0]!.client;
    expect(
      await code(score(j, { key: newKey(), entryId: '999999', scores: liveScores(s.config, 0.8) })),
    ).toBe(404);
    expect(
      await code(score(j, { key: newKey(), entryId: s.entries[1]!.id, scores: liveScores(s.config, 0.8) })),
    ).toBe(409);
  });

  it('200 for each judge; the slot is then scored', async () => {
    for (const [i, j] of s.liveJudges.entries())
      expect(
        await code(
          score(j.client, { key: newKey(), entryId: first, scores: liveScores(s.config, 0.7 + i / 10) }),
        ),
      ).toBe(200);
    const sv = await s.supervisor.client.get(url('/supervision'));
    expect(sv.statusCode).toBe(200);
    const body = sv.json<{
      canConfirm: boolean;
      speakers: { entryId: string; status: string; result: { judges: { name: string; total: string }[] } }[];
    }>();
    expect(body.canConfirm).toBe(true);
    const slot = body.speakers.find((x) => x.entryId === first)!;
    expect(slot.status).toBe('scored');
    expect(slot.result.judges.map((j) => j.name).sort()).toEqual(['冯评委', '吴评委', '郑评委']);
  });
});

describe('the supervisor', () => {
  it('confirm: 400, 404, 409, 200, 409 again', async () => {
    const sup = s.supervisor.client;
    expect(await code(sup.post(url('/confirm'), {}))).toBe(400);
    expect(await code(sup.post(url('/confirm'), { entryId: '999999' }))).toBe(404);
    expect(await code(sup.post(url('/confirm'), { entryId: s.entries[1]!.id }))).toBe(409);
    expect(await code(sup.post(url('/confirm'), { entryId: first }))).toBe(200);
    expect(await code(sup.post(url('/confirm'), { entryId: first }))).toBe(409);
  });

  it('announce after confirmation: 200, then 409', async () => {
    expect(await code(s.organiser.client.post(url('/announce'), { entryId: first }))).toBe(200);
    expect(await code(s.organiser.client.post(url('/announce'), { entryId: first }))).toBe(409);
  });

  it('sign-off: 400 bad head, 409 while speakers remain', async () => {
    const sup = s.supervisor.client;
    expect(await code(sup.post(url('/signoff'), { comment: '', chainHead: 'xyz' }))).toBe(400);
    expect(await code(sup.post(url('/signoff'), { comment: '' }))).toBe(409);
  });

  it('rehearsal reset without a rehearsal: 409', async () => {
    expect(await code(s.organiser.client.post(url('/rehearsal/reset')))).toBe(409);
  });
});

describe('a judge joining the panel during the evening', () => {
  it('scores the speakers whose scoring opens from then on', async () => {
    const mc = s.organiser.client;
    const u = await t.factories.user([{ role: 'judge', org: s.organs }], {
      username: 'ap_late',
      displayName: '晚到评委',
    });
    const late = await t.login('ap_late');
    expect((await mc.post(`/api/rounds/${s.roundId}/judges`, { userIds: [u.id] })).statusCode).toBe(200);
    for (const [p, body] of [
      ['/next', {}],
      ['/timer', { action: 'start' }],
    ] as const)
      expect((await mc.post(url(p), body)).statusCode).toBe(200);
    t.clock.advance(100_000);
    expect((await mc.post(url('/timer'), { action: 'stop' })).statusCode).toBe(200);
    expect((await mc.post(url('/open-scoring'))).statusCode).toBe(200);
    const second = s.entries[1]!.id;
    const view = await late.get(url('/judge'));
    expect(view.json<{ toScore: { entryId: string }[] }>().toScore.map((x) => x.entryId)).toEqual([second]);
    const pairs = await t.db
      .selectFrom('round_assignments')
      .select('entry_id')
      .where('round_id', '=', s.roundId)
      .where('judge_user_id', '=', u.id)
      .execute();
    // Only the speaker whose scoring opened after they joined.
    expect(pairs.map((p) => p.entry_id)).toEqual([second]);
  });
});
