import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawCommitment, drawOrder, newDrawSeed, type PublicDraw } from '@jiangtai/contracts';
import { createTestContext, type Client, type TestContext } from '../../../test/harness.ts';
import { reviewScene, type ReviewScene } from '../../reviews/test-scene.ts';
import { entryRejoinsRounds } from '../../reviews/entry-departures.ts';
import { drawnOrder } from './service.ts';
import { roundWithEntries, speakersIn } from './test-draw-scene.ts';

/**
 * The draw under attack: every kind of account trying what only the organiser may do, steps fired
 * at once, the finalists changed behind the commitment, the public record read for what it must not
 * say, and forged records handed to the verify script.
 */
const run = promisify(execFile);
const SCRIPT = path.resolve(import.meta.dirname, '../../../../../../scripts/verify-draw.mjs');

let t: TestContext;
let s: ReviewScene;
const url = (id: string, rest = '') => `/api/live/rounds/${id}/draw${rest}`;
const publicUrl = (id: string) => `/api/public/live-draws/${id}`;
const newRound = async (stageKey: 'final' | 'semifinal' = 'final') =>
  (
    await roundWithEntries(t.db, {
      scope: s.organs,
      entryIds: s.entries.map((e) => e.id),
      createdBy: s.organiser.id,
      stageKey,
    })
  ).roundId;
const ids = () => s.entries.map((e) => e.id);

beforeAll(async () => {
  t = await createTestContext();
  s = await reviewScene(t, 'dx');
});
afterAll(async () => t.close());

describe('who may draw', () => {
  it('lets no one but the organiser commit, reveal or enter an order, and no outsider contribute', async () => {
    const id = await newRound();
    const f = t.factories;
    const elsewhere = await f.org({ name: '外市委', type: 'committee' });
    await f.user([{ role: 'supervisor', org: elsewhere }], { username: 'dx_far_sup' });
    await f.user([{ role: 'unit_admin', org: elsewhere }], { username: 'dx_far_admin' });
    const outsiders: [string, Client][] = [
      ['supervisor of another campaign', await t.login('dx_far_sup')],
      ['admin of another unit', await t.login('dx_far_admin')],
      ['unit admin below the organiser', s.eduAdmin.client],
      ['member', s.member.client],
    ];
    const seed = newDrawSeed();
    const tries = (c: Client) => [
      c.post(url(id, '/commit'), { commitment: drawCommitment(seed) }),
      c.post(url(id, '/manual'), { order: ids(), note: '' }),
      c.post(url(id, '/withdraw'), { entryId: ids()[0], reason: '临时有事' }),
    ];
    for (const [who, c] of [...outsiders, ['supervisor', s.supervisor.client] as [string, Client]])
      for (const res of await Promise.all(tries(c))) expect(res.statusCode, who).toBe(403);
    for (const res of await Promise.all(tries(t.anonymous))) expect(res.statusCode).toBe(401);

    expect(
      (await s.organiser.client.post(url(id, '/commit'), { commitment: drawCommitment(seed) })).statusCode,
    ).toBe(201);
    for (const [who, c] of outsiders) {
      const res = await c.post(url(id, '/contributions'), { label: who, value: '1234' });
      expect(res.statusCode, who).toBe(403);
      expect((await c.post(url(id, '/reveal'), { seed })).statusCode, who).toBe(403);
    }
    expect((await s.supervisor.client.post(url(id, '/reveal'), { seed })).statusCode).toBe(403);
    const judge = s.judges[0]!.client;
    expect((await judge.post(url(id, '/reveal'), { seed })).statusCode).toBe(403);
    expect((await judge.post(url(id, '/contributions'), { label: '评委', value: '1234' })).statusCode).toBe(
      403,
    );
    const pub = (await t.anonymous.get(publicUrl(id))).json<PublicDraw>();
    expect(pub.contributions).toEqual([]);
  });
});

describe('steps fired at once', () => {
  it('lets exactly one of two reveals and a hand-drawn order win', async () => {
    for (let k = 0; k < 3; k++) {
      const id = await newRound();
      const seed = newDrawSeed();
      await s.organiser.client.post(url(id, '/commit'), { commitment: drawCommitment(seed) });
      await s.supervisor.client.post(url(id, '/contributions'), { label: '监督员', value: '2718' });
      const order = [...ids()].reverse();
      const results = await Promise.all([
        s.organiser.client.post(url(id, k === 1 ? '/manual' : '/reveal'), k === 1 ? { order } : { seed }),
        s.organiser.client.post(url(id, '/reveal'), { seed }),
        s.organiser.client.post(url(id, k === 1 ? '/reveal' : '/manual'), k === 1 ? { seed } : { order }),
      ]);
      const codes = results.map((r) => r.statusCode);
      expect(
        codes.filter((c) => c === 200),
        codes.join(),
      ).toHaveLength(1);
      expect(
        codes.filter((c) => c === 409),
        codes.join(),
      ).toHaveLength(2);
      const pub = (await t.anonymous.get(publicUrl(id))).json<PublicDraw>();
      const winner = results.find((r) => r.statusCode === 200)!.json<{ order: string[] }>();
      expect(pub.order).toEqual(winner.order);
      expect(await drawnOrder(t.db, id)).toEqual(winner.order);
      if (pub.method === 'random')
        expect(pub.order).toEqual(
          drawOrder(
            seed,
            pub.contributions,
            pub.finalists.map((x) => x.entryId),
          ).order,
        );
    }
  });
});

describe('commitments fired at once', () => {
  it('publishes exactly one of two commitments sent together', async () => {
    const id = await newRound();
    const [a, b] = [newDrawSeed(), newDrawSeed()];
    const results = await Promise.all([
      s.organiser.client.post(url(id, '/commit'), { commitment: drawCommitment(a) }),
      s.organiser.client.post(url(id, '/commit'), { commitment: drawCommitment(b) }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const won = results.find((r) => r.statusCode === 201)!.json<{ commitment: string }>().commitment;
    expect((await t.anonymous.get(publicUrl(id))).json<PublicDraw>().commitment).toBe(won);
  });
});

describe('the finalists behind the commitment', () => {
  it('takes no new entry into the round once the list is published with the commitment (409)', async () => {
    const { roundId } = await roundWithEntries(t.db, {
      scope: s.organs,
      entryIds: (c) => speakersIn(t, c, s.units.edu, s.branches.edu, 3),
      createdBy: s.organiser.id,
    });
    const seed = newDrawSeed();
    await s.organiser.client.post(url(roundId, '/commit'), { commitment: drawCommitment(seed) });
    const { campaign_id } = await t.db
      .selectFrom('review_rounds')
      .select('campaign_id')
      .where('id', '=', roundId)
      .executeTakeFirstOrThrow();
    // An entry that became eligible after the commitment (recommended by the 复赛 late).
    const [late] = await speakersIn(t, campaign_id, s.units.finance, s.branches.finance, 1);
    await t.db.updateTable('entries').set({ stage_key: 'semifinal' }).where('id', '=', late!).execute();

    const res = await s.organiser.client.post(`/api/rounds/${roundId}/entries/refresh`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('抽签');
    const competing = await t.db
      .selectFrom('round_entries')
      .select('entry_id')
      .where('round_id', '=', roundId)
      .where('left_at', 'is', null)
      .execute();
    const pub = (await t.anonymous.get(publicUrl(roundId))).json<PublicDraw>();
    expect(competing.map((e) => e.entry_id).sort()).toEqual(pub.finalists.map((x) => x.entryId).sort());
  });

  it('does not take back, after the commitment, a finalist who withdrew before it', async () => {
    const { roundId, entryIds } = await roundWithEntries(t.db, {
      scope: s.organs,
      entryIds: (c) => speakersIn(t, c, s.units.edu, s.branches.edu, 3),
      createdBy: s.organiser.id,
    });
    // Recommended by the 复赛, as the final's pool takes them.
    await t.db
      .updateTable('entries')
      .set({ stage_key: 'semifinal' })
      .where('id', 'in', [...entryIds])
      .execute();
    const leaving = entryIds[0]!;
    const out = await s.organiser.client.post(url(roundId, '/withdraw'), {
      entryId: leaving,
      reason: '身体原因',
    });
    expect(out.statusCode).toBe(200);
    await s.organiser.client.post(url(roundId, '/commit'), { commitment: drawCommitment(newDrawSeed()) });
    // Its unit returns it and recommends it again: the entries module asks the rounds to take it back.
    const back = await t.db
      .transaction()
      .execute((tx) => entryRejoinsRounds(tx, { actor: null }, { entryId: leaving, at: new Date() }));
    expect(back).toEqual([]);
    const row = await t.db
      .selectFrom('round_entries')
      .select('left_at')
      .where('round_id', '=', roundId)
      .where('entry_id', '=', leaving)
      .executeTakeFirstOrThrow();
    expect(row.left_at).not.toBeNull();
  });

  it('still takes new entries before the commitment', async () => {
    const { roundId } = await roundWithEntries(t.db, {
      scope: s.organs,
      entryIds: (c) => speakersIn(t, c, s.units.edu, s.branches.edu, 2),
      createdBy: s.organiser.id,
    });
    const { campaign_id } = await t.db
      .selectFrom('review_rounds')
      .select('campaign_id')
      .where('id', '=', roundId)
      .executeTakeFirstOrThrow();
    const [late] = await speakersIn(t, campaign_id, s.units.finance, s.branches.finance, 1);
    await t.db.updateTable('entries').set({ stage_key: 'semifinal' }).where('id', '=', late!).execute();
    const res = await s.organiser.client.post(`/api/rounds/${roundId}/entries/refresh`);
    expect(res.statusCode).toBe(200);
    expect(res.json().added).toBe(1);
  });
});

describe('the public record', () => {
  it('names speakers, units and titles only: no phones, accounts or user ids', async () => {
    const id = await newRound();
    const seed = newDrawSeed();
    await s.organiser.client.post(url(id, '/commit'), { commitment: drawCommitment(seed) });
    await s.supervisor.client.post(url(id, '/contributions'), { label: '监督员', value: '31415' });
    await s.organiser.client.post(url(id, '/reveal'), { seed });
    const res = await t.anonymous.get(publicUrl(id));
    expect(res.statusCode).toBe(200);
    const pub = res.json<PublicDraw>();
    for (const f of pub.finalists)
      expect(Object.keys(f).sort()).toEqual(['entryId', 'speakerName', 'title', 'unitName']);
    for (const c of pub.contributions)
      expect(Object.keys(c).sort()).toEqual(['at', 'enteredByName', 'enteredByOrganiser', 'label', 'value']);
    for (const e of s.entries) expect(res.body).not.toContain(e.phone);
    expect(res.body).not.toContain('dx_');
    expect(res.body).not.toMatch(/"(userId|memberId|username|committedBy|revealedBy|phone)"/);
  });

  it('answers 404 for a round that is not a final, and for an unknown one', async () => {
    const semi = await newRound('semifinal');
    expect(
      (await s.organiser.client.post(url(semi, '/commit'), { commitment: drawCommitment(newDrawSeed()) }))
        .statusCode,
    ).toBe(409);
    expect((await t.anonymous.get(publicUrl(semi))).statusCode).toBe(404);
    expect((await t.anonymous.get(publicUrl('987654'))).statusCode).toBe(404);
  });
});

describe('the verify script and forged records', () => {
  let record: PublicDraw;
  const check = async (r: unknown) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'draw-forged-')), 'draw.json');
    fs.writeFileSync(file, JSON.stringify(r));
    return run(process.execPath, [SCRIPT, file]).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
  };

  beforeAll(async () => {
    const id = await newRound();
    const seed = newDrawSeed();
    await s.organiser.client.post(url(id, '/commit'), { commitment: drawCommitment(seed) });
    await s.supervisor.client.post(url(id, '/contributions'), { label: '监督员', value: '1618' });
    await s.organiser.client.post(url(id, '/reveal'), { seed });
    record = (await t.anonymous.get(publicUrl(id))).json<PublicDraw>();
  });

  it('accepts the record as published', async () => {
    expect(await check(record)).toBe(0);
  });

  it('rejects an order with a speaker added at the end', async () => {
    expect(await check({ ...record, order: [...record.order!, '999999'] })).toBe(1);
  });

  it('rejects a changed seed, a changed contribution, a swapped order and a missing order', async () => {
    expect(await check({ ...record, seed: newDrawSeed() })).toBe(1);
    expect(await check({ ...record, contributions: [{ ...record.contributions[0]!, value: '1619' }] })).toBe(
      1,
    );
    const swapped = [...record.order!];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(await check({ ...record, order: swapped })).toBe(1);
    expect(await check({ ...record, order: null })).toBe(1);
    expect(await check({ ...record, algorithm: 'other' })).toBe(2);
  });
});
