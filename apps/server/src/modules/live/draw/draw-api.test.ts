import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawCommitment, drawOrder, newDrawSeed, type DrawView, type PublicDraw } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { reviewScene, type ReviewScene } from '../../reviews/test-scene.ts';
import * as reviews from '../../reviews/repository.ts';
import { drawnOrder } from './service.ts';
import { roundWithEntries } from './test-draw-scene.ts';

const run = promisify(execFile);
const SCRIPT = path.resolve(import.meta.dirname, '../../../../../../scripts/verify-draw.mjs');

let t: TestContext;
let s: ReviewScene;
let roundId: string;
const url = (id: string, rest = '') => `/api/live/rounds/${id}/draw${rest}`;

const newFinal = async (stageKey: 'final' | 'semifinal' = 'final') =>
  (
    await roundWithEntries(t.db, {
      scope: s.organs,
      entryIds: s.entries.map((e) => e.id),
      createdBy: s.organiser.id,
      stageKey,
    })
  ).roundId;

const auditActions = async (id: string) =>
  (
    await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'review_round')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'draw');
  roundId = await newFinal();
});
afterAll(async () => t.close());

describe('the draw of a live final', () => {
  const seed = newDrawSeed();

  it('shows the organiser and the supervisor the list that will be drawn; no one else', async () => {
    const res = await s.organiser.client.get(url(roundId));
    expect(res.statusCode).toBe(200);
    const view = res.json<DrawView>();
    expect(view.status).toBe('none');
    expect(view.record).toBeNull();
    expect(view.finalists.map((f) => f.entryId)).toEqual(s.entries.map((e) => e.id));
    expect(view.finalists[0]).toEqual({
      entryId: s.entries[0]!.id,
      speakerName: '张三',
      unitName: '市教育局',
      title: '从红船精神说起',
    });
    expect(view.can).toEqual({ manage: true, contribute: true });
    const sup = await s.supervisor.client.get(url(roundId));
    expect(sup.statusCode).toBe(200);
    expect(sup.json<DrawView>().can).toEqual({ manage: false, contribute: true });

    expect((await t.anonymous.get(url(roundId))).statusCode).toBe(401);
    expect((await s.member.client.get(url(roundId))).statusCode).toBe(403);
    expect((await s.eduAdmin.client.get(url(roundId))).statusCode).toBe(403);
    expect((await s.organiser.client.get(url('999999'))).statusCode).toBe(404);
    expect((await s.organiser.client.get(url('abc'))).statusCode).toBe(400);
    // Only a final is drawn.
    const semi = await newFinal('semifinal');
    const notFinal = await s.organiser.client.get(url(semi));
    expect(notFinal.statusCode).toBe(409);
    expect(notFinal.json().detail).toContain('决赛');
  });

  it('refuses a judge of the round, whatever else they hold', async () => {
    const other = await newFinal();
    // An organiser of the campaign who also sits on this round's panel.
    const u = await t.factories.user([{ role: 'organiser', org: s.organs }], {
      username: 'draw_judging_org',
    });
    await reviews.upsertPanelMember(t.db, { roundId: other, userId: u.id, unitPath: null, now: new Date() });
    const judge = await t.login('draw_judging_org');
    expect((await s.organiser.client.get(url(other))).statusCode).toBe(200);
    const res = await judge.get(url(other));
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('评委');
  });

  it('has no public record before the commitment', async () => {
    const res = await t.anonymous.get(`/api/public/live-draws/${roundId}`);
    expect(res.statusCode).toBe(404);
    expect((await t.anonymous.get('/api/public/live-draws/x1')).statusCode).toBe(400);
  });

  it('records a withdrawal before the draw with its reason', async () => {
    const leaving = s.entries[5]!.id;
    const body = { entryId: leaving, reason: '身体原因，无法参加决赛' };
    expect((await s.organiser.client.post(url(roundId, '/withdraw'), { entryId: leaving })).statusCode).toBe(
      400,
    );
    expect((await t.anonymous.post(url(roundId, '/withdraw'), body)).statusCode).toBe(401);
    expect((await s.supervisor.client.post(url(roundId, '/withdraw'), body)).statusCode).toBe(403);
    expect(
      (await s.organiser.client.post(url(roundId, '/withdraw'), { ...body, entryId: '999999' })).statusCode,
    ).toBe(404);
    const res = await s.organiser.client.post(url(roundId, '/withdraw'), body);
    expect(res.statusCode).toBe(200);
    const again = await s.organiser.client.post(url(roundId, '/withdraw'), body);
    expect(again.statusCode).toBe(409);

    const view = (await s.organiser.client.get(url(roundId))).json<DrawView>();
    expect(view.finalists.map((f) => f.entryId)).not.toContain(leaving);
    expect(view.finalists).toHaveLength(5);
    expect(view.departed).toEqual([
      expect.objectContaining({ entryId: leaving, reason: '抽签前退出：身体原因，无法参加决赛' }),
    ]);
    const log = await t.db
      .selectFrom('score_log')
      .select(['action', 'reason'])
      .where('round_id', '=', roundId)
      .where('entry_id', '=', leaving)
      .execute();
    expect(log).toEqual([{ action: 'entry_left', reason: '抽签前退出：身体原因，无法参加决赛' }]);
    expect(await auditActions(roundId)).toContain('round.entry_left');
  });

  it('publishes the commitment once, with the list it will shuffle', async () => {
    const commitment = drawCommitment(seed);
    expect((await s.organiser.client.post(url(roundId, '/commit'), { commitment: 'abc' })).statusCode).toBe(
      400,
    );
    expect((await t.anonymous.post(url(roundId, '/commit'), { commitment })).statusCode).toBe(401);
    expect((await s.supervisor.client.post(url(roundId, '/commit'), { commitment })).statusCode).toBe(403);
    expect((await s.organiser.client.post(url('999999', '/commit'), { commitment })).statusCode).toBe(404);
    // Before the commitment no one can contribute or reveal.
    const early = await s.supervisor.client.post(url(roundId, '/contributions'), {
      label: '监督员',
      value: '1234',
    });
    expect(early.statusCode).toBe(409);
    expect((await s.organiser.client.post(url(roundId, '/reveal'), { seed })).statusCode).toBe(409);

    const res = await s.organiser.client.post(url(roundId, '/commit'), {
      commitment: commitment.toUpperCase(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().commitment).toBe(commitment);
    const twice = await s.organiser.client.post(url(roundId, '/commit'), { commitment });
    expect(twice.statusCode).toBe(409);

    const pub = (await t.anonymous.get(`/api/public/live-draws/${roundId}`)).json<PublicDraw>();
    expect(pub).toMatchObject({
      status: 'committed',
      commitment,
      seed: null,
      order: null,
      committedByName: '组织者',
    });
    expect(pub.finalists).toHaveLength(5);
    expect(JSON.stringify(pub)).not.toContain('139000');
  });

  it('refuses a withdrawal once the list is committed', async () => {
    const res = await s.organiser.client.post(url(roundId, '/withdraw'), {
      entryId: s.entries[0]!.id,
      reason: '临时有事',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('主持人');
  });

  it('takes contributions from the supervisor and the organiser, shown with who typed them', async () => {
    expect(
      (await s.supervisor.client.post(url(roundId, '/contributions'), { label: '监督员', value: '12' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await s.supervisor.client.post(url(roundId, '/contributions'), { label: '', value: '1234' }))
        .statusCode,
    ).toBe(400);
    const body = { label: '监督员 监督员', value: '90210' };
    expect((await t.anonymous.post(url(roundId, '/contributions'), body)).statusCode).toBe(401);
    expect((await s.member.client.post(url(roundId, '/contributions'), body)).statusCode).toBe(403);
    expect((await s.supervisor.client.post(url('999999', '/contributions'), body)).statusCode).toBe(404);
    expect((await s.supervisor.client.post(url(roundId, '/contributions'), body)).statusCode).toBe(201);
    const finalist = await s.organiser.client.post(url(roundId, '/contributions'), {
      label: '1号选手 张三',
      value: '5566',
    });
    expect(finalist.statusCode).toBe(201);
    const pub = (await t.anonymous.get(`/api/public/live-draws/${roundId}`)).json<PublicDraw>();
    expect(pub.contributions).toEqual([
      expect.objectContaining({
        label: '监督员 监督员',
        value: '90210',
        enteredByName: '监督员',
        enteredByOrganiser: false,
      }),
      expect.objectContaining({
        label: '1号选手 张三',
        value: '5566',
        enteredByName: '组织者',
        enteredByOrganiser: true,
      }),
    ]);
  });

  it('reveals with the committed seed only, and the order follows from the published inputs', async () => {
    expect((await s.organiser.client.post(url(roundId, '/reveal'), { seed: 'xyz' })).statusCode).toBe(400);
    expect((await t.anonymous.post(url(roundId, '/reveal'), { seed })).statusCode).toBe(401);
    expect((await s.supervisor.client.post(url(roundId, '/reveal'), { seed })).statusCode).toBe(403);
    expect((await s.organiser.client.post(url('999999', '/reveal'), { seed })).statusCode).toBe(404);
    const wrong = await s.organiser.client.post(url(roundId, '/reveal'), { seed: newDrawSeed() });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().detail).toContain('承诺值不一致');
    expect(await drawnOrder(t.db, roundId)).toBeNull();
    // The organiser's side typed the last value (the finalist's): knowing the seed, it could have
    // tried values until the order suited. The supervisor's own value must come last.
    const organiserLast = await s.organiser.client.post(url(roundId, '/reveal'), { seed });
    expect(organiserLast.statusCode).toBe(409);
    expect(organiserLast.json().detail).toContain('监督员用自己的账号');
    const everyone = s.entries.map((e) => e.id);
    const manualNow = await s.organiser.client.post(url(roundId, '/manual'), { order: everyone, note: '' });
    expect(manualNow.statusCode).toBe(409);
    expect(manualNow.json().detail).toContain('不能再改为人工抽签');
    const last = await s.supervisor.client.post(url(roundId, '/contributions'), {
      label: '监督员 监督员',
      value: '31415',
    });
    expect(last.statusCode).toBe(201);

    const res = await s.organiser.client.post(url(roundId, '/reveal'), { seed });
    expect(res.statusCode).toBe(200);
    const pub = (await t.anonymous.get(`/api/public/live-draws/${roundId}`)).json<PublicDraw>();
    const expected = drawOrder(
      seed,
      pub.contributions,
      pub.finalists.map((f) => f.entryId),
    );
    expect(res.json()).toEqual(expected);
    expect(pub).toMatchObject({
      status: 'revealed',
      method: 'random',
      seed,
      ...expected,
      revealedByName: '组织者',
    });
    expect(drawCommitment(pub.seed!)).toBe(pub.commitment);
    expect(await drawnOrder(t.db, roundId)).toEqual(expected.order);
    expect(await auditActions(roundId)).toEqual(
      expect.arrayContaining(['live.draw_committed', 'live.draw_contributed', 'live.draw_revealed']),
    );
  });

  it('refuses a second draw, a late contribution, a manual order and a commitment after the reveal', async () => {
    const again = await s.organiser.client.post(url(roundId, '/reveal'), { seed });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('不能再改变');
    const late = await s.supervisor.client.post(url(roundId, '/contributions'), {
      label: '监督员',
      value: '7777',
    });
    expect(late.statusCode).toBe(409);
    const order = (await drawnOrder(t.db, roundId))!;
    expect(
      (await s.organiser.client.post(url(roundId, '/manual'), { order: [...order].reverse() })).statusCode,
    ).toBe(409);
    expect(
      (await s.organiser.client.post(url(roundId, '/commit'), { commitment: drawCommitment(newDrawSeed()) }))
        .statusCode,
    ).toBe(409);
  });

  it('the standalone script prints the same order as the server', async () => {
    const pub = (await t.anonymous.get(`/api/public/live-draws/${roundId}`)).json<PublicDraw>();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'draw-')), 'draw.json');
    fs.writeFileSync(file, JSON.stringify(pub));
    const { stdout } = await run(process.execPath, [SCRIPT, file]);
    const printed = [...stdout.matchAll(/\[(\d+)\] ✓/g)].map((m) => m[1]);
    expect(printed).toEqual(pub.order);
    expect(stdout).toContain('完全一致');

    // A record whose order was changed afterwards is caught (exit code 1).
    const forged = { ...pub, order: [...pub.order!].reverse() };
    fs.writeFileSync(file, JSON.stringify(forged));
    const failed = await run(process.execPath, [SCRIPT, file]).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1 });
  });
});

describe('a reveal needs a contribution, and the round must be open', () => {
  it('refuses to reveal with no contribution made after the commitment', async () => {
    const id = await newFinal();
    const seed = newDrawSeed();
    await s.organiser.client.post(url(id, '/commit'), { commitment: drawCommitment(seed) });
    const res = await s.organiser.client.post(url(id, '/reveal'), { seed });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('至少需要一份');
  });

  it('refuses the draw in a round whose scoring is over', async () => {
    const id = await newFinal();
    await reviews.updateRound(t.db, id, { state: 'closed' }, new Date());
    const res = await s.organiser.client.post(url(id, '/commit'), {
      commitment: drawCommitment(newDrawSeed()),
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('an order drawn by hand on stage', () => {
  let id: string;
  const ids = () => s.entries.map((e) => e.id);

  beforeAll(async () => {
    id = await newFinal();
  });

  it('must name every finalist exactly once', async () => {
    const [a, b, c, d, e, f] = ids();
    const missing = await s.organiser.client.post(url(id, '/manual'), { order: [a, b, c, d, e], note: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('缺少：孙八');
    const doubled = await s.organiser.client.post(url(id, '/manual'), { order: [a, a, b, c, d, e, f] });
    expect(doubled.statusCode).toBe(400);
    expect(doubled.json().detail).toContain('重复排列了：张三');
    const stranger = await s.organiser.client.post(url(id, '/manual'), {
      order: [a, b, c, d, e, f, '999999'],
    });
    expect(stranger.statusCode).toBe(400);
    expect((await s.organiser.client.post(url(id, '/manual'), { order: [] })).statusCode).toBe(400);
    expect((await t.anonymous.post(url(id, '/manual'), { order: ids() })).statusCode).toBe(401);
    expect((await s.supervisor.client.post(url(id, '/manual'), { order: ids() })).statusCode).toBe(403);
    expect((await s.organiser.client.post(url('999999', '/manual'), { order: ids() })).statusCode).toBe(404);
    expect(await drawnOrder(t.db, id)).toBeNull();
  });

  it('is recorded with who entered it, and then no random draw is possible', async () => {
    const order = [...ids()].reverse();
    const res = await s.organiser.client.post(url(id, '/manual'), { order, note: '现场抽取号签' });
    expect(res.statusCode).toBe(200);
    expect(await drawnOrder(t.db, id)).toEqual(order);
    const pub = (await t.anonymous.get(`/api/public/live-draws/${id}`)).json<PublicDraw>();
    expect(pub).toMatchObject({
      status: 'manual',
      method: 'manual',
      order,
      commitment: null,
      manual: { note: '现场抽取号签', enteredByName: '组织者' },
    });
    const commit = await s.organiser.client.post(url(id, '/commit'), {
      commitment: drawCommitment(newDrawSeed()),
    });
    expect(commit.statusCode).toBe(409);
    expect((await s.organiser.client.post(url(id, '/manual'), { order: ids() })).statusCode).toBe(409);
    expect(await auditActions(id)).toContain('live.draw_manual');
  });

  it('may replace a commitment never revealed, keeping the published list', async () => {
    const other = await newFinal();
    await s.organiser.client.post(url(other, '/commit'), { commitment: drawCommitment(newDrawSeed()) });
    const res = await s.organiser.client.post(url(other, '/manual'), {
      order: ids(),
      note: '种子丢失，改为现场抽签',
    });
    expect(res.statusCode).toBe(200);
    const pub = (await t.anonymous.get(`/api/public/live-draws/${other}`)).json<PublicDraw>();
    expect(pub.status).toBe('manual');
    expect(pub.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(pub.seed).toBeNull();
    const seedReveal = await s.organiser.client.post(url(other, '/reveal'), { seed: newDrawSeed() });
    expect(seedReveal.statusCode).toBe(409);
  });
});
