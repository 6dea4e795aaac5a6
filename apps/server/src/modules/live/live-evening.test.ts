import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { buildSnapshot } from './snapshot.ts';
import { liveScene, liveScores, newKey, setOrder, type LiveScene } from './test-live-scene.ts';

/**
 * A whole evening through the API: the order, speakers called, the timer with an overtime penalty,
 * scores from every judge, the supervisor's confirmation, the announcement, a no-show, undo, the
 * final sign-off; and the results (reviews) with the penalty taken off once.
 */
let t: TestContext;
let s: LiveScene;

interface Console {
  state: string;
  version: number;
  currentEntryId: string | null;
  nextEntryId: string | null;
  timer: { running: boolean; elapsedMs: number; stopped: boolean };
  undo: { kind: string } | null;
  speakers: {
    entryId: string;
    status: string;
    announced: boolean;
    result: {
      submitted: number;
      score: string | null;
      average: string | null;
      penalty: string;
      overtimeSeconds: number;
    };
  }[];
}

const mc = () => s.organiser.client;
const sup = () => s.supervisor.client;
const post = async (path: string, body: object = {}) => {
  const res = await mc().post(s.live(path), body);
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  return res.json<Console>();
};
let drawn: string[] = [];
const order = () => drawn;
const scoreAll = async (entryId: string, fractions: number[]) => {
  for (const [i, j] of s.liveJudges.entries()) {
    const res = await j.client.post(s.live('/score'), {
      key: newKey(),
      entryId,
      scores: liveScores(s.config, fractions[i]!),
    });
    expect(res.statusCode, res.body).toBe(200);
  }
};

beforeAll(async () => {
  t = await createTestContext();
  s = await liveScene(t, 'ev');
});
afterAll(() => t.close());

describe('the evening', () => {
  it('refuses to start before the order is drawn', async () => {
    const res = await mc().post(s.live('/start'));
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toContain('出场顺序');
    const view = await mc().get(s.live());
    expect(view.json<{ orderReady: boolean; state: string }>()).toMatchObject({
      orderReady: false,
      state: 'setup',
    });
  });

  it('starts with the drawn order, every judge assigned every speaker', async () => {
    drawn = await setOrder(s, [...s.entries.map((e) => e.id)].reverse());
    const view = await post('/start');
    expect(view.state).toBe('running');
    expect(view.speakers.map((x) => x.entryId)).toEqual(order());
    expect(view.nextEntryId).toBe(order()[0]);
    const pairs = await t.db
      .selectFrom('round_assignments')
      .selectAll()
      .where('round_id', '=', s.roundId)
      .execute();
    expect(pairs).toHaveLength(6 * 3);
    expect((await mc().post(s.live('/start'))).statusCode).toBe(409);
  });

  it('runs a speaker: timer, overtime penalty, scoring, confirmation, announcement', async () => {
    const first = order()[0]!;
    let view = await post('/next');
    expect(view.currentEntryId).toBe(first);
    await post('/timer', { action: 'start' });
    t.clock.advance(100_000);
    await post('/timer', { action: 'pause' });
    t.clock.advance(30_000); // paused: not counted
    await post('/timer', { action: 'resume' });
    t.clock.advance(475_000); // 575 s spoken: 35 s over 8 min + 1 min grace → 2 steps × 0.5
    view = await post('/timer', { action: 'stop' });
    expect(view.timer).toMatchObject({ running: false, elapsedMs: 575_000, stopped: true });
    // Scoring is not open yet: a judge is refused.
    const early = await s.liveJudges[0]!.client.post(s.live('/score'), {
      key: newKey(),
      entryId: first,
      scores: liveScores(s.config, 0.9),
    });
    expect(early.statusCode).toBe(409);
    await post('/open-scoring');
    expect((await mc().post(s.live('/next'))).statusCode).toBe(409);
    await scoreAll(first, [0.9, 0.8, 0.7]);
    view = await mc()
      .get(s.live())
      .then((r) => r.json<Console>());
    const slot = view.speakers.find((x) => x.entryId === first)!;
    expect(slot.status).toBe('scored');
    // Totals 90, 80, 70: drop 90 and 70, mean 80, less 1 point.
    expect(slot.result).toMatchObject({
      submitted: 3,
      average: '80.00',
      penalty: '1',
      overtimeSeconds: 35,
      score: '79.00',
    });
    // after_confirm (the preset's default): no announcement before the supervisor confirms.
    expect((await mc().post(s.live('/announce'), { entryId: first })).statusCode).toBe(409);
    let snap: LiveSnapshot = await buildSnapshot(t.db, s.roundId, t.clock.now());
    expect(snap.lastResult).toBeNull();
    expect(snap.scoring).toEqual({ open: false, submitted: 3, judges: 3 });
    const confirmed = await sup().post(s.live('/confirm'), { entryId: first });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    await post('/announce', { entryId: first });
    snap = await buildSnapshot(t.db, s.roundId, t.clock.now());
    expect(snap.lastResult).toMatchObject({
      entryId: first,
      average: '80.00',
      penalty: '1',
      score: '79.00',
      confirmed: true,
    });
    expect(snap.lastResult!.judges.map((j) => [j.label, j.total, j.dropped])).toEqual([
      ['评委1', '90', 'high'],
      ['评委2', '80', null],
      ['评委3', '70', 'low'],
    ]);
    expect(snap.ranking).toEqual([expect.objectContaining({ rank: 1, entryId: first, score: '79.00' })]);
  });

  it('reviews results take the penalty off once', async () => {
    const res = await mc().get(`/api/rounds/${s.roundId}/results`);
    const item = res
      .json<{
        items: {
          entryId: string;
          score: string | null;
          penalty: string;
          overtimeSeconds: number;
          flags: string[];
        }[];
      }>()
      .items.find((i) => i.entryId === order()[0]);
    expect(item).toMatchObject({ score: '79.00', penalty: '1', overtimeSeconds: 35 });
    expect(item!.flags).toContain('超时 35 秒，扣 1 分');
    const log = await sup().get(`/api/rounds/${s.roundId}/score-log`);
    expect(log.statusCode).toBe(200);
    expect(log.json<{ items: { action: string; summary: string | null }[] }>().items).toContainEqual(
      expect.objectContaining({
        action: 'time_recorded',
        summary: expect.stringContaining('超时 35 秒，扣 1 分'),
      }),
    );
  });

  it('undoes a call, a stop (a new time record) and a no-show, each with a reason', async () => {
    const second = order()[1]!;
    let view = await post('/next');
    expect(view.undo?.kind).toBe('call');
    expect((await mc().post(s.live('/undo'), { reason: '' })).statusCode).toBe(400);
    view = await post('/undo', { reason: '叫错了选手' });
    expect(view.currentEntryId).toBe(order()[0]);
    expect(view.speakers.find((x) => x.entryId === second)!.status).toBe('waiting');
    await post('/next');
    await post('/timer', { action: 'start' });
    t.clock.advance(60_000);
    await post('/timer', { action: 'stop' });
    view = await post('/undo', { reason: '误按停止' });
    expect(view.timer).toMatchObject({ stopped: false, elapsedMs: 60_000, running: false });
    await post('/timer', { action: 'resume' });
    t.clock.advance(240_000);
    view = await post('/timer', { action: 'stop' });
    expect(view.timer.elapsedMs).toBe(300_000);
    const times = await t.db
      .selectFrom('score_log')
      .select(['data'])
      .where('round_id', '=', s.roundId)
      .where('entry_id', '=', second)
      .where('action', '=', 'time_recorded')
      .orderBy('seq')
      .execute();
    expect(times.map((x) => (x.data as { spokenSeconds: number }).spokenSeconds)).toEqual([60, 300]);
    await post('/open-scoring');
    await scoreAll(second, [0.6, 0.6, 0.6]);
    // The judges have scored: opening scoring can no longer be taken back (live-undo.test.ts).
    expect((await mc().post(s.live('/undo'), { reason: '想撤销' })).statusCode).toBe(409);
    // The third is absent.
    const third = order()[2]!;
    await post('/next');
    view = await post('/skip', { entryId: third, reason: '选手因病缺席' });
    expect(view.speakers.find((x) => x.entryId === third)!.status).toBe('no_show');
    view = await post('/undo', { reason: '选手已到场' });
    expect(view.speakers.find((x) => x.entryId === third)!.status).toBe('speaking');
    await post('/skip', { entryId: third, reason: '选手因病缺席' });
    const pairs = await t.db
      .selectFrom('round_assignments')
      .select('judge_user_id')
      .where('round_id', '=', s.roundId)
      .where('entry_id', '=', third)
      .execute();
    expect(pairs).toHaveLength(0);
  });

  it('a confirmed result reopened by the organiser is scored again and confirmed again', async () => {
    const first = order()[0]!;
    const judge = s.liveJudges[1]!;
    const reopened = await mc().post(`/api/rounds/${s.roundId}/scores/reopen`, {
      entryId: first,
      judgeId: judge.id,
      reason: '评委录入有误',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const view = await mc()
      .get(s.live())
      .then((r) => r.json<Console>());
    expect(view.speakers.find((x) => x.entryId === first)!.status).toBe('scoring');
    let snap = await buildSnapshot(t.db, s.roundId, t.clock.now());
    expect(snap.ranking.map((r) => r.entryId)).not.toContain(first);
    expect((await sup().post(s.live('/confirm'), { entryId: first })).statusCode).toBe(409);
    const again = await judge.client.post(s.live('/score'), {
      key: newKey(),
      entryId: first,
      scores: liveScores(s.config, 0.8),
    });
    expect(again.statusCode, again.body).toBe(200);
    expect((await sup().post(s.live('/confirm'), { entryId: first })).statusCode).toBe(200);
    snap = await buildSnapshot(t.db, s.roundId, t.clock.now());
    expect(snap.ranking.map((r) => [r.entryId, r.score])).toContainEqual([first, '79.00']);
  });

  it('finishes, and the supervisor signs off: the review round is closed with the head pinned', async () => {
    for (const e of order().slice(3)) await post('/skip', { entryId: e, reason: '未到场' });
    let sv = await sup().get(s.live('/supervision'));
    expect(sv.json<{ signOff: { allowed: boolean } }>().signOff.allowed).toBe(false);
    expect((await sup().post(s.live('/signoff'), { comment: '' })).statusCode).toBe(409);
    await sup().post(s.live('/confirm'), { entryId: order()[1] });
    sv = await sup().get(s.live('/supervision'));
    const body = sv.json<{ state: string; chainHead: string; signOff: { allowed: boolean } }>();
    expect(body).toMatchObject({ state: 'finished', signOff: { allowed: true } });
    const signed = await sup().post(s.live('/signoff'), {
      comment: '现场监督无异议',
      chainHead: body.chainHead,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const round = await t.db
      .selectFrom('review_rounds')
      .select('state')
      .where('id', '=', s.roundId)
      .executeTakeFirstOrThrow();
    expect(round.state).toBe('closed');
    const offs = await sup().get(`/api/rounds/${s.roundId}/signoffs`);
    expect(offs.json<{ items: { current: boolean }[] }>().items).toEqual([
      expect.objectContaining({ current: true }),
    ]);
    const results = await mc().get(`/api/rounds/${s.roundId}/results`);
    const ranked = results.json<{ items: { entryId: string; rank: number | null; score: string | null }[] }>()
      .items;
    expect(ranked.slice(0, 2).map((i) => [i.entryId, i.score])).toEqual([
      [order()[0], '79.00'],
      [order()[1], '60.00'],
    ]);
    expect((await sup().post(s.live('/signoff'), { comment: '' })).statusCode).toBe(409);
    const sheet = await mc().get(`/api/rounds/${s.roundId}/export?kind=full`);
    expect(sheet.statusCode).toBe(200);
  });

  it('every step is in the audit log', async () => {
    const rows = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'review_round')
      .where('entity_id', '=', s.roundId)
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'live.started',
      'live.speaker_called',
      'live.timer',
      'live.time_recorded',
      'live.scoring_opened',
      'live.score_submitted',
      'live.speaker_skipped',
      'live.undone',
      'live.result_announced',
      'live.result_confirmed',
      'live.signed_off',
    ])
      expect(actions, a).toContain(a);
  });
});
