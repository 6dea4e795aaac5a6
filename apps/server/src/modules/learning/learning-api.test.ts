import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LEARNING_RULE,
  type LearningProgressView,
  type LearningReportResult,
  type LearningSessionStarted,
} from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { BUDGET_TOLERANCE_SECONDS } from './intervals.ts';
import { Factories } from '../../test/factories.ts';
import { learningScene, type LearningScene } from './test-learning-scene.ts';
import { linkMember } from './test-learning-support.ts';

let t: TestContext;
let s: LearningScene;
let li: Client;
let zhao: Client;
let wang: Client;
let admin: Client;
beforeAll(async () => {
  t = await createTestContext();
  s = await learningScene(t, 'la');
  [li, zhao, wang, admin] = [
    await s.login('li'),
    await s.login('zhao'),
    await s.login('wang'),
    await s.login('admin'),
  ];
});
afterAll(async () => t.close());

const start = async (c: Client, lectureId: string) => {
  const res = await c.post(`/api/learning/lectures/${lectureId}/sessions`);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<LearningSessionStarted>();
};
const ok = { rate: 1, visible: true, muted: false };
const report = (c: Client, sessionId: string, body: object) =>
  c.post(`/api/learning/sessions/${sessionId}/reports`, body);
const reported = async (c: Client, sessionId: string, body: object) => {
  const res = await report(c, sessionId, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<LearningReportResult>();
};

describe('POST /api/learning/lectures/:id/sessions', () => {
  it('201: a member starts a lecture of their subtree (or a public one) and gets the rule', async () => {
    const started = await start(li, s.lectures.city);
    expect(started.progress).toMatchObject({
      watchedSeconds: 0,
      percent: 0,
      completed: false,
      rule: LEARNING_RULE,
    });
    expect((await start(li, s.lectures.yiPublic)).progress.durationSeconds).toBe(300);
  });
  it('400 / 401 / 403 / 404 / 409', async () => {
    expect((await li.post('/api/learning/lectures/abc/sessions')).statusCode).toBe(400);
    expect((await t.anonymous.post(`/api/learning/lectures/${s.lectures.city}/sessions`)).statusCode).toBe(
      401,
    );
    const noMember = await admin.post(`/api/learning/lectures/${s.lectures.city}/sessions`);
    expect(noMember.statusCode).toBe(403);
    expect(noMember.json<{ detail: string }>().detail).toContain('党员账号');
    const outside = await wang.post(`/api/learning/lectures/${s.lectures.jia}/sessions`);
    const missing = await wang.post('/api/learning/lectures/987654321/sessions');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    // The speaker sees the lecture awaiting consent, but nothing is learnt before it is published.
    expect((await li.post(`/api/learning/lectures/${s.lectures.draft}/sessions`)).statusCode).toBe(409);
  });
});

describe('POST /api/learning/sessions/:id/reports', () => {
  it('200: counts unique seconds within the time budget; a whole-lecture claim gets only what time allows', async () => {
    const { sessionId } = await start(li, s.lectures.jia);
    t.clock.advance(10_000);
    let r = await reported(li, sessionId, { ...ok, intervals: [[0, 10.2]], position: 10 });
    expect(r).toMatchObject({ counted: true, creditedSeconds: 10, reason: null });
    t.clock.advance(10_000);
    r = await reported(li, sessionId, { ...ok, intervals: [[0, 600]], position: 600 });
    expect(r.progress.watchedSeconds).toBe(10 + 15 + BUDGET_TOLERANCE_SECONDS);
    expect(r.reason).toContain('超过了实际经过的时间');
    expect(r.progress).toMatchObject({ completed: false, resumeSeconds: 600 });
    // Duplicates add nothing.
    t.clock.advance(10_000);
    r = await reported(li, sessionId, {
      ...ok,
      intervals: [
        [0, 10],
        [5, 10],
      ],
    });
    expect(r).toMatchObject({ creditedSeconds: 0 });
  });

  it('200: too fast, hidden or muted counts as nothing and says why', async () => {
    const { sessionId } = await start(zhao, s.lectures.city);
    for (const [patch, words] of [
      [{ rate: 2 }, '倍速'],
      [{ visible: false }, '前台'],
      [{ muted: true }, '静音'],
    ] as const) {
      t.clock.advance(10_000);
      const r = await reported(zhao, sessionId, { ...ok, ...patch, intervals: [[0, 10]] });
      expect(r).toMatchObject({ counted: false, creditedSeconds: 0 });
      expect(r.reason).toContain(words);
    }
    expect((await zhao.get(`/api/learning/lectures/${s.lectures.city}/progress`)).json()).toMatchObject({
      watchedSeconds: 0,
    });
  });

  it('200: watching through (1.5× included) completes the lecture at 90 %', async () => {
    const { sessionId } = await start(zhao, s.lectures.city);
    let last: LearningReportResult | undefined;
    for (let at = 0; at < 270; at += 15) {
      t.clock.advance(10_000);
      last = await reported(zhao, sessionId, { ...ok, rate: 1.5, intervals: [[at, at + 15]] });
    }
    expect(last!.progress).toMatchObject({ watchedSeconds: 270, percent: 90, completed: true });
    expect(last!.progress.completedAt).not.toBeNull();
  });

  it('409: a second page supersedes the first, which is told why', async () => {
    const first = await start(wang, s.lectures.yiPublic);
    const second = await start(wang, s.lectures.yiPublic);
    t.clock.advance(10_000);
    const old = await report(wang, first.sessionId, { ...ok, intervals: [[0, 10]] });
    expect(old.statusCode).toBe(409);
    expect(old.json<{ detail: string }>().detail).toContain('已在其他页面学习');
    expect((await reported(wang, second.sessionId, { ...ok, intervals: [[0, 10]] })).creditedSeconds).toBe(
      10,
    );
  });

  it('409: a lecture unpublished during the session stops counting', async () => {
    const lectureId = s.lectures.branch;
    const { sessionId } = await start(li, lectureId);
    await t.db
      .updateTable('classroom_lectures')
      .set({ state: 'unpublished', unpublish_reason: '内容更新' })
      .where('id', '=', lectureId)
      .execute();
    t.clock.advance(10_000);
    expect((await report(li, sessionId, { ...ok, intervals: [[0, 10]] })).statusCode).toBe(409);
    await t.db
      .updateTable('classroom_lectures')
      .set({ state: 'published', unpublish_reason: null })
      .where('id', '=', lectureId)
      .execute();
  });

  it('200: reports of one page sent at once are applied one after the other, within one budget', async () => {
    const { sessionId } = await start(wang, s.lectures.yiPublic);
    t.clock.advance(20_000);
    const both = await Promise.all([
      reported(wang, sessionId, { ...ok, intervals: [[100, 110]] }),
      reported(wang, sessionId, { ...ok, intervals: [[110, 120]] }),
    ]);
    // The first saved takes the 20 s; the second finds only the tolerance left since the first.
    const credited = (xs: LearningReportResult[]) => xs.map((x) => x.creditedSeconds).sort((a, b) => a - b);
    expect(credited(both)).toEqual([BUDGET_TOLERANCE_SECONDS, 10]);
    t.clock.advance(10_000);
    const greedy = await Promise.all(
      [0, 1, 2].map(() => reported(wang, sessionId, { ...ok, intervals: [[150, 300]] })),
    );
    // One report got the 10 s budget; the others only the tolerance since the one before.
    expect(credited(greedy)).toEqual([
      BUDGET_TOLERANCE_SECONDS,
      BUDGET_TOLERANCE_SECONDS,
      15 + BUDGET_TOLERANCE_SECONDS,
    ]);
  });

  it('401 on the very next report after a logout, a password change elsewhere or a disabled account', async () => {
    // Reports share their session lookups (db/coalesce.ts); none may be answered from before the change.
    const u = await t.factories.user([{ role: 'member', org: s.b1 }], { username: 'la_zhou' });
    await linkMember(t.db, u.id, s.people.zhou.id);
    const lectureId = s.lectures.branch;
    const busy = async (c: Client, sessionId: string) => {
      t.clock.advance(10_000);
      // Reports in flight while the account changes, as on a busy evening.
      return Promise.all([0, 1, 2].map(() => report(c, sessionId, { ...ok, intervals: [[0, 10]] })));
    };

    const phone = await s.login('zhou');
    const { sessionId } = await start(phone, lectureId);
    expect((await busy(phone, sessionId)).map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect((await phone.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await report(phone, sessionId, { ...ok, intervals: [[10, 20]] })).statusCode).toBe(401);

    const [desk, tablet] = [await s.login('zhou'), await s.login('zhou')];
    const second = await start(tablet, lectureId);
    await busy(tablet, second.sessionId);
    const changed = await desk.post('/api/auth/password', {
      currentPassword: Factories.PASSWORD,
      newPassword: 'Zhou2026study',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await report(tablet, second.sessionId, { ...ok, intervals: [[10, 20]] })).statusCode).toBe(401);

    const third = await start(desk, lectureId);
    await busy(desk, third.sessionId);
    expect((await admin.patch(`/api/accounts/${u.id}`, { active: false })).statusCode).toBe(200);
    expect((await report(desk, third.sessionId, { ...ok, intervals: [[10, 20]] })).statusCode).toBe(401);
  });

  it('400 / 401 / 403 / 404', async () => {
    const { sessionId } = await start(li, s.lectures.city);
    for (const bad of [
      { ...ok, intervals: [[10, 5]] },
      { ...ok, intervals: [[0, -1]] },
      { visible: true, muted: false, intervals: [] },
      { ...ok, intervals: 'all' },
    ])
      expect((await report(li, sessionId, bad)).statusCode).toBe(400);
    expect((await report(li, 'x', { ...ok, intervals: [] })).statusCode).toBe(400);
    expect((await report(t.anonymous, sessionId, { ...ok, intervals: [] })).statusCode).toBe(401);
    expect((await report(admin, sessionId, { ...ok, intervals: [] })).statusCode).toBe(403);
    const other = await report(wang, sessionId, { ...ok, intervals: [[0, 5]] });
    const missing = await report(wang, '987654321', { ...ok, intervals: [[0, 5]] });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(missing.json());
  });
});

describe('GET /api/learning/lectures/:id/progress', () => {
  it('200: the member’s own progress with the resume position', async () => {
    const p = (
      await li.get(`/api/learning/lectures/${s.lectures.jia}/progress`)
    ).json<LearningProgressView>();
    expect(p).toMatchObject({
      watchedSeconds: 28,
      durationSeconds: 600,
      percent: 4,
      resumeSeconds: 600,
      completed: false,
    });
  });
  it('400 / 401 / 403 / 404', async () => {
    expect((await li.get('/api/learning/lectures/x/progress')).statusCode).toBe(400);
    expect((await t.anonymous.get(`/api/learning/lectures/${s.lectures.jia}/progress`)).statusCode).toBe(401);
    expect((await admin.get(`/api/learning/lectures/${s.lectures.jia}/progress`)).statusCode).toBe(403);
    expect((await wang.get(`/api/learning/lectures/${s.lectures.jia}/progress`)).statusCode).toBe(404);
    expect((await wang.get('/api/learning/lectures/987654321/progress')).statusCode).toBe(404);
  });
});
