import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import * as reviewsRepo from '../reviews/repository.ts';
import { buildSnapshot } from './snapshot.ts';
import { liveScene, liveScores, newKey, setOrder } from './test-live-scene.ts';

/**
 * 撤销 of opening scoring and of an announcement, through the API: what the console, the judges'
 * phones and the screens show afterwards, the audit row with the reason, the bus told, and the
 * refusals (a judge has scored; nothing left to take back).
 */
/** The test context of the evening running now (the review scene's people exist once per database). */
let t: TestContext;
const contexts: TestContext[] = [];

interface Console {
  currentEntryId: string | null;
  timer: { stopped: boolean; elapsedMs: number };
  undo: { kind: string; label: string; refusal: string | null } | null;
  speakers: { entryId: string; status: string; announced: boolean }[];
}
interface JudgeView {
  current: { entryId: string; canScore: boolean } | null;
}

afterAll(async () => {
  for (const c of contexts) await c.close();
});

/** A started evening (order by entry) with the first speaker's time stopped at 5 minutes. */
async function evening(prefix: string) {
  const ctx = await createTestContext();
  contexts.push(ctx);
  t = ctx;
  const s = await liveScene(ctx, prefix);
  const order = await setOrder(
    s,
    s.entries.map((e) => e.id),
  );
  const post = async (path: string, body: object = {}) => {
    const res = await s.organiser.client.post(s.live(path), body);
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    return res.json<Console>();
  };
  await post('/start');
  await post('/next');
  await post('/timer', { action: 'start' });
  ctx.clock.advance(300_000);
  await post('/timer', { action: 'stop' });
  const judgeView = (i: number) =>
    s.liveJudges[i]!.client.get(s.live('/judge')).then((r) => r.json<JudgeView>());
  const score = (i: number, entryId: string, fraction = 0.8) =>
    s.liveJudges[i]!.client.post(s.live('/score'), {
      key: newKey(),
      entryId,
      scores: liveScores(s.config, fraction),
    });
  const snapshot = (): Promise<LiveSnapshot> => buildSnapshot(ctx.db, s.roundId, ctx.clock.now());
  const heard: string[] = [];
  ctx.app.liveBus.subscribe(s.roundId, (id) => heard.push(id));
  const undoes = async () =>
    (
      await ctx.db
        .selectFrom('audit_log')
        .select('after')
        .where('entity_id', '=', s.roundId)
        .where('action', '=', 'live.undone')
        .orderBy('id')
        .execute()
    ).map((r) => r.after as { kind: string; entryId: string; reason: string });
  return { s, order, post, judgeView, score, snapshot, heard, undoes };
}

describe('undoing 开始评分', () => {
  let e: Awaited<ReturnType<typeof evening>>;
  beforeAll(async () => {
    e = await evening('uo');
  });

  it('goes back to "time stopped" while no judge has scored: phones and screens follow', async () => {
    const first = e.order[0]!;
    let view = await e.post('/open-scoring');
    expect(view.undo).toMatchObject({ kind: 'open', refusal: null });
    expect((await e.judgeView(0)).current).toMatchObject({ entryId: first, canScore: true });
    expect((await e.snapshot()).scoring).toMatchObject({ open: true, submitted: 0 });

    const heard = e.heard.length;
    view = await e.post('/undo', { reason: '评委还没有就位' });
    expect(e.heard.length).toBe(heard + 1);
    expect(view.speakers.find((x) => x.entryId === first)!.status).toBe('speaking');
    expect(view.timer).toMatchObject({ stopped: true, elapsedMs: 300_000 });
    // The step before (stopping the timer) can be taken back in turn.
    expect(view.undo?.kind).toBe('stop');
    expect((await e.judgeView(0)).current).toMatchObject({ entryId: first, canScore: false });
    expect((await e.snapshot()).scoring).toBeNull();
    // A phone that still sends a score is told scoring has not started.
    const late = await e.score(0, first);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('评分还没有开始');
    expect(await e.undoes()).toEqual([
      expect.objectContaining({ kind: 'open', entryId: first, reason: '评委还没有就位' }),
    ]);
  });

  it('is refused with a clear message once a judge has scored, nothing changed', async () => {
    const first = e.order[0]!;
    await e.post('/open-scoring');
    expect((await e.score(0, first)).statusCode).toBe(200);
    const view = await e.s.organiser.client.get(e.s.live()).then((r) => r.json<Console>());
    expect(view.undo?.refusal).toContain('重新打开评分');
    const res = await e.s.organiser.client.post(e.s.live('/undo'), { reason: '想重新开始评分' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('已有评委提交了该选手的评分');
    const after = await e.s.organiser.client.get(e.s.live()).then((r) => r.json<Console>());
    expect(after.speakers.find((x) => x.entryId === first)!.status).toBe('scoring');
    expect(await e.undoes()).toHaveLength(1);
    // A reason is still required (400 before anything else).
    expect((await e.s.organiser.client.post(e.s.live('/undo'), { reason: '' })).statusCode).toBe(400);
  });
});

describe('undoing 公布成绩', () => {
  let e: Awaited<ReturnType<typeof evening>>;
  beforeAll(async () => {
    e = await evening('ua');
  });

  it('takes the result off the screens until it is announced again', async () => {
    const first = e.order[0]!;
    await e.post('/open-scoring');
    for (const i of [0, 1, 2]) expect((await e.score(i, first, 0.6 + i / 10)).statusCode).toBe(200);
    expect((await e.s.supervisor.client.post(e.s.live('/confirm'), { entryId: first })).statusCode).toBe(200);
    let view = await e.post('/announce', { entryId: first });
    expect(view.undo).toMatchObject({ kind: 'announce', refusal: null });
    let snap = await e.snapshot();
    expect(snap.lastResult?.entryId).toBe(first);
    expect(snap.ranking.map((r) => r.entryId)).toEqual([first]);

    const heard = e.heard.length;
    view = await e.post('/undo', { reason: '成绩公布早了，等主持人念完串词' });
    expect(e.heard.length).toBe(heard + 1);
    expect(view.speakers.find((x) => x.entryId === first)!.announced).toBe(false);
    snap = await e.snapshot();
    expect(snap.lastResult).toBeNull();
    expect(snap.ranking).toEqual([]);
    // The scores stay: the supervisor's confirmation too.
    expect(view.speakers.find((x) => x.entryId === first)!.status).toBe('confirmed');
    expect(await e.undoes()).toEqual([expect.objectContaining({ kind: 'announce', entryId: first })]);

    await e.post('/announce', { entryId: first });
    snap = await e.snapshot();
    expect(snap.lastResult?.entryId).toBe(first);
  });

  it('shows the result announced before, and the undo before it comes back', async () => {
    const [first, second] = [e.order[0]!, e.order[1]!];
    await e.post('/next');
    await e.post('/timer', { action: 'start' });
    t.clock.advance(200_000);
    await e.post('/timer', { action: 'stop' });
    await e.post('/open-scoring');
    for (const i of [0, 1, 2]) expect((await e.score(i, second, 0.9)).statusCode).toBe(200);
    await e.s.supervisor.client.post(e.s.live('/confirm'), { entryId: second });
    await e.post('/announce', { entryId: second });
    expect((await e.snapshot()).lastResult?.entryId).toBe(second);
    const view = await e.post('/undo', { reason: '顺序念错' });
    expect((await e.snapshot()).lastResult?.entryId).toBe(first);
    // Opening scoring was the step before: judges have scored, so it says why it cannot be undone.
    expect(view.undo).toMatchObject({ kind: 'open', refusal: expect.stringContaining('重新打开评分') });
  });

  it('refuses when there is nothing left to take back', async () => {
    const second = e.order[1]!;
    await e.post('/announce', { entryId: second });
    await e.post('/next');
    await e.post('/timer', { action: 'start' });
    const res = await e.s.organiser.client.post(e.s.live('/undo'), { reason: '想撤销公布' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('没有可以撤销的操作');
    expect((await e.snapshot()).lastResult?.entryId).toBe(second);
  });
});

describe('an announcement made by itself (公布：评委全部提交后)', () => {
  it('can be taken off the screens, and a reopened score does not put it back', async () => {
    const e = await evening('ub');
    const r = (await reviewsRepo.findRound(t.db, e.s.roundId))!;
    await reviewsRepo.updateRound(
      t.db,
      r.id,
      { config: { ...r.config, live: { ...r.config.live!, announce: 'before_confirm' } } },
      t.clock.now(),
    );
    const first = e.order[0]!;
    await e.post('/open-scoring');
    for (const i of [0, 1, 2]) expect((await e.score(i, first, 0.7)).statusCode).toBe(200);
    expect((await e.snapshot()).lastResult?.entryId).toBe(first);
    let view = await e.s.organiser.client.get(e.s.live()).then((x) => x.json<Console>());
    expect(view.undo).toMatchObject({ kind: 'announce', refusal: null });
    view = await e.post('/undo', { reason: '等监督员核对后再公布' });
    expect((await e.snapshot()).lastResult).toBeNull();
    expect(view.undo).toBeNull();

    const judge = e.s.liveJudges[1]!;
    const reopened = await e.s.organiser.client.post(`/api/rounds/${e.s.roundId}/scores/reopen`, {
      entryId: first,
      judgeId: judge.id,
      reason: '评委录入有误',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect((await e.score(1, first, 0.75)).statusCode).toBe(200);
    expect((await e.snapshot()).lastResult).toBeNull();
    await e.post('/announce', { entryId: first });
    expect((await e.snapshot()).lastResult?.entryId).toBe(first);
  });
});
