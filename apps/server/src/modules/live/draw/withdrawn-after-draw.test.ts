import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawCommitment, newDrawSeed, type PublicDraw } from '@jiangtai/contracts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { entryLeavesRounds } from '../../reviews/entry-departures.ts';
import { liveScene, type LiveScene } from '../test-live-scene.ts';

/**
 * A finalist who leaves after the draw's list was published (the entry withdrawn by its speaker):
 * the list and the order stay as drawn and still verify, the public record names them 已退出 with
 * the time and reason recorded, and the evening starts and skips their place.
 */
const run = promisify(execFile);
const SCRIPT = path.resolve(import.meta.dirname, '../../../../../../scripts/verify-draw.mjs');

let t: TestContext;
let s: LiveScene;
let record: PublicDraw;
let leaving: string;
const draw = (rest = '') => `/api/live/rounds/${s.roundId}/draw${rest}`;
const publicUrl = () => `/api/public/live-draws/${s.roundId}`;

interface Console {
  currentEntryId: string | null;
  nextEntryId: string | null;
  speakers: { entryId: string; status: string; statusLabel: string; leftReason: string | null }[];
}

beforeAll(async () => {
  t = await createTestContext();
  s = await liveScene(t, 'wd');
  const seed = newDrawSeed();
  const org = s.organiser.client;
  expect((await org.post(draw('/commit'), { commitment: drawCommitment(seed) })).statusCode).toBe(201);
  await s.supervisor.client.post(draw('/contributions'), { label: '监督员', value: '2718' });
  expect((await org.post(draw('/reveal'), { seed })).statusCode).toBe(200);
  const drawn = (await t.anonymous.get(publicUrl())).json<PublicDraw>();
  // The second speaker in the drawn order withdraws the entry on the afternoon of the final.
  leaving = drawn.order![1]!;
  t.clock.advance(3_600_000);
  await t.db
    .transaction()
    .execute((tx) =>
      entryLeavesRounds(
        tx,
        { actor: null },
        { entryId: leaving, reason: '作品已撤回（本人）', at: t.clock.now() },
      ),
    );
  record = (await t.anonymous.get(publicUrl())).json<PublicDraw>();
});
afterAll(() => t.close());

describe('a finalist who left after the draw', () => {
  it('stays in the published list and order, marked 已退出 with the time and the reason', () => {
    expect(record.finalists.map((f) => f.entryId)).toContain(leaving);
    expect(record.order).toHaveLength(s.entries.length);
    expect(record.withdrawn).toEqual([
      { entryId: leaving, at: t.clock.now().toISOString(), reason: '作品已撤回（本人）' },
    ]);
    expect(Object.keys(record.withdrawn[0]!).sort()).toEqual(['at', 'entryId', 'reason']);
  });

  it('does not break the verification: the script still reproduces the order and names them', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'draw-withdrawn-')), 'draw.json');
    fs.writeFileSync(file, JSON.stringify(record));
    const out = await run(process.execPath, [SCRIPT, file]);
    expect(out.stdout).toContain('结论：与公布的出场顺序完全一致');
    expect(out.stdout).toContain('已退出：作品已撤回（本人）');
  });

  it('shows on the organiser’s draw page too', async () => {
    const view = await s.organiser.client.get(draw());
    expect(view.json<{ record: PublicDraw }>().record.withdrawn.map((w) => w.entryId)).toEqual([leaving]);
  });

  it('lets the evening start with the drawn order and skips their place', async () => {
    const org = s.organiser.client;
    const started = await org.post(s.live('/start'));
    expect(started.statusCode, started.body).toBe(200);
    const view = started.json<Console>();
    expect(view.speakers.map((x) => x.entryId)).toEqual(record.order);
    const gone = view.speakers.find((x) => x.entryId === leaving)!;
    expect(gone).toMatchObject({
      status: 'withdrawn',
      statusLabel: '已退出',
      leftReason: '作品已撤回（本人）',
    });
    expect(view.nextEntryId).toBe(record.order![0]);
    // The first speaker is called, skipped as a no-show; the next one called is the third.
    await org.post(s.live('/next'));
    await org.post(s.live('/skip'), { entryId: record.order![0], reason: '未到场' });
    const next = await org.post(s.live('/next'));
    expect(next.json<Console>().currentEntryId).toBe(record.order![2]);
    // Their place cannot be called, skipped or scored.
    const skip = await org.post(s.live('/skip'), { entryId: leaving, reason: '未到场' });
    expect(skip.statusCode).toBe(409);
  });
});
