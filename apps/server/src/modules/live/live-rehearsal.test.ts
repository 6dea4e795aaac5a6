import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { buildSnapshot, roundIdForScreen } from './snapshot.ts';
import { liveScene, liveScores, newKey, type LiveScene } from './test-live-scene.ts';

/**
 * 彩排: the whole evening on the real setup with rehearsal data, marked as such, reset afterwards;
 * the real round's log, results and lists are untouched.
 */
let t: TestContext;
let s: LiveScene;
let rehearsalId: string;

const realLog = () =>
  t.db
    .selectFrom('score_log')
    .select(['seq', 'hash'])
    .where('round_id', '=', s.roundId)
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  t = await createTestContext();
  s = await liveScene(t, 'rh');
});
afterAll(() => t.close());

describe('rehearsal', () => {
  it('copies the round: same panel and finalists, flagged, left out of the round list', async () => {
    const before = await realLog();
    const res = await s.organiser.client.post(s.live('/rehearsal'));
    expect(res.statusCode, res.body).toBe(201);
    rehearsalId = res.json<{ rehearsalRoundId: string }>().rehearsalRoundId;
    expect(rehearsalId).not.toBe(s.roundId);
    expect((await s.organiser.client.post(s.live('/rehearsal'))).statusCode).toBe(409);
    const list = await s.organiser.client.get(`/api/campaigns/${s.campaignId}/rounds`);
    expect(list.json<{ items: { id: string }[] }>().items.map((r) => r.id)).toEqual([s.roundId]);
    const view = await s.organiser.client.get(`/api/live/rounds/${rehearsalId}`);
    expect(view.json<{ round: { rehearsal: boolean; rehearsalOf: string } }>().round).toMatchObject({
      rehearsal: true,
      rehearsalOf: s.roundId,
    });
    const real = await s.organiser.client.get(s.live());
    expect(real.json<{ activeRehearsal: { roundId: string } }>().activeRehearsal).toEqual({
      roundId: rehearsalId,
    });
    expect(await realLog()).toEqual(before);
  });

  it('runs a speaker in the rehearsal; every screen says 彩排; the real round is untouched', async () => {
    const before = await realLog();
    const url = (p = '') => `/api/live/rounds/${rehearsalId}${p}`;
    const mc = s.organiser.client;
    for (const [p, body] of [
      ['/start', {}],
      ['/next', {}],
      ['/timer', { action: 'start' }],
    ] as const)
      expect((await mc.post(url(p), body)).statusCode).toBe(200);
    t.clock.advance(200_000);
    await mc.post(url('/timer'), { action: 'stop' });
    await mc.post(url('/open-scoring'));
    const view = await mc.get(url()).then((r) => r.json<{ currentEntryId: string }>());
    for (const j of s.liveJudges) {
      const mine = await j.client.get('/api/live/mine');
      expect(mine.json<{ items: { id: string; rehearsal: boolean }[] }>().items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: rehearsalId, rehearsal: true })]),
      );
      const res = await j.client.post(url('/score'), {
        key: newKey(),
        entryId: view.currentEntryId,
        scores: liveScores(s.config, 0.75),
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const snap = await buildSnapshot(t.db, rehearsalId, t.clock.now());
    expect(snap.rehearsal).toBe(true);
    expect(snap.scoring).toEqual({ open: false, submitted: 3, judges: 3 });
    expect((await buildSnapshot(t.db, s.roundId, t.clock.now())).rehearsal).toBe(false);
    expect(await realLog()).toEqual(before);
    const results = await mc.get(`/api/rounds/${s.roundId}/results`);
    expect(results.json<{ items: { score: string | null }[] }>().items.every((i) => i.score === null)).toBe(
      true,
    );
  });

  it('resets: the rehearsal is gone from every view; a new one can start; the real evening starts clean', async () => {
    const code = await t.db
      .selectFrom('live_rounds')
      .select('screen_code')
      .where('round_id', '=', rehearsalId)
      .executeTakeFirstOrThrow();
    expect(await roundIdForScreen(t.db, code.screen_code)).toBe(rehearsalId);
    const reset = await s.organiser.client.post(s.live('/rehearsal/reset'));
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await s.organiser.client.get(`/api/live/rounds/${rehearsalId}`)).statusCode).toBe(404);
    expect((await s.liveJudges[0]!.client.get(`/api/live/rounds/${rehearsalId}/judge`)).statusCode).toBe(404);
    expect(await roundIdForScreen(t.db, code.screen_code)).toBeNull();
    await expect(buildSnapshot(t.db, rehearsalId)).rejects.toThrow();
    const mine = await s.liveJudges[0]!.client.get('/api/live/mine');
    expect(mine.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([s.roundId]);
    expect((await s.organiser.client.post(s.live('/rehearsal/reset'))).statusCode).toBe(409);
    const again = await s.organiser.client.post(s.live('/rehearsal'));
    expect(again.statusCode).toBe(201);
    const real = await s.organiser.client.get(s.live());
    expect(real.json<{ state: string; speakers: unknown[] }>()).toMatchObject({
      state: 'setup',
      speakers: [],
    });
  });
});
