import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '@jiangtai/contracts';
import { registry } from '../../lib/metrics.ts';
import { startScreensApp } from './test-screens-app.ts';
import { openSse } from './test-sse.ts';

/**
 * The JSON snapshot (phones polling, a screen's first paint): one build per round and change, shared
 * by every request, and never stale once the bus told of a change. Builds are counted by the test's
 * snapshot source, not timed; the timer is stopped, so a snapshot in hand stays right however old.
 */
let t: Awaited<ReturnType<typeof startScreensApp>>;

beforeAll(async () => {
  t = await startScreensApp();
  t.source.timerRunning = false;
});
afterAll(async () => t?.close());

const poll = async (code: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/live/screens/${code}` });
  return { status: res.statusCode, body: res.json<LiveSnapshot & { detail?: string }>() };
};
const viewers = async () =>
  (await registry.getSingleMetric('jiangtai_live_viewers')!.get()).values[0]?.value ?? 0;

describe('screens: the JSON snapshot of a round nobody streams', () => {
  it('builds once for many requests, sequential and concurrent', async () => {
    t.source.screen('POLL1', '201', 3);
    const builds = t.source.builds;
    for (let i = 0; i < 5; i++) expect((await poll('POLL1')).body.version).toBe(3);
    const together = await Promise.all(Array.from({ length: 20 }, () => poll('POLL1')));
    expect(together.every((r) => r.status === 200 && r.body.version === 3)).toBe(true);
    expect(t.source.builds).toBe(builds + 1);
    // Polling is not watching: no stream viewer is counted.
    expect(await viewers()).toBe(0);
  });

  it('answers the change right after the bus event, then caches again', async () => {
    t.source.screen('POLL2', '202', 1);
    expect((await poll('POLL2')).body.version).toBe(1);
    const builds = t.source.builds;
    t.source.bump('202');
    t.app.liveBus.changed('202');
    expect((await poll('POLL2')).body.version).toBe(2);
    expect((await poll('POLL2')).body.version).toBe(2);
    expect(t.source.builds).toBe(builds + 1);
  });

  it('builds concurrent requests during a change once more, not once each', async () => {
    t.source.screen('POLL3', '203', 1);
    await poll('POLL3');
    const builds = t.source.builds;
    t.source.hold();
    t.source.bump('203');
    t.app.liveBus.changed('203');
    const waiting = Promise.all(Array.from({ length: 10 }, () => poll('POLL3')));
    t.source.release();
    expect((await waiting).map((r) => r.body.version)).toEqual(Array(10).fill(2));
    expect(t.source.builds).toBe(builds + 1);
  });

  it('does not keep a failed build: the request reports it, the next one builds again', async () => {
    t.source.screen('POLL4', '204', 5);
    t.source.failing = true;
    try {
      expect((await poll('POLL4')).status).toBe(500);
    } finally {
      t.source.failing = false;
    }
    const res = await poll('POLL4');
    expect(res).toMatchObject({ status: 200, body: { version: 5 } });
  });

  it('shares the snapshot with the push stream of the same round', async () => {
    t.source.screen('POLL5', '205', 1);
    await poll('POLL5');
    const builds = t.source.builds;
    const v = await openSse(t.stream('POLL5'));
    expect((await v.waitFor(1)).id).toBe('1');
    t.source.bump('205');
    t.app.liveBus.changed('205');
    expect((await v.waitFor(2)).id).toBe('2');
    expect((await poll('POLL5')).body.version).toBe(2);
    expect(t.source.builds).toBe(builds + 1);
    v.close();
  });
});
