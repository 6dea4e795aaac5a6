import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '@jiangtai/contracts';
import { registry } from '../../lib/metrics.ts';
import { startScreensApp } from './test-screens-app.ts';
import { openSse, type SseConnection } from './test-sse.ts';

const METRICS_TOKEN = 'screens-metrics-token-0123456789';
let t: Awaited<ReturnType<typeof startScreensApp>>;

beforeAll(async () => {
  t = await startScreensApp({ heartbeatMs: 300, maxBufferedBytes: 64 * 1024 }, { METRICS_TOKEN });
});
afterAll(async () => t?.close());

const snap = (c: SseConnection, n: number) => JSON.parse(c.events[n - 1]!.data) as LiveSnapshot;
const viewers = async () =>
  (await registry.getSingleMetric('jiangtai_live_viewers')!.get()).values[0]?.value ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('screens: JSON snapshot', () => {
  it('answers the round of a screen code (200), without caching', async () => {
    t.source.screen('JSON1', '101', 4);
    const res = await fetch(`${t.origin}/api/live/screens/JSON1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ roundId: '101', version: 4, roundName: '决赛' });
  });

  it('answers 404 with a Chinese message for an unknown code, 400 for a malformed one', async () => {
    for (const url of ['/api/live/screens/NOPE', '/api/live/screens/NOPE/stream']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toContain('没有找到这个大屏');
    }
    const bad = await t.app.inject({ method: 'GET', url: '/api/live/screens/%E5%A4%A7%E5%B1%8F/stream' });
    expect(bad.statusCode).toBe(400);
  });

  it('hears changes within the process when no DATABASE_URL is configured (embedded database)', () => {
    expect(t.app.liveBus.mode).toBe('process');
  });

  it('needs no account (public)', async () => {
    const route = t.app.apiRoutes.filter((r) => r.url.startsWith('/api/live/screens'));
    expect(route.map((r) => r.auth)).toEqual(['public', 'public']);
  });
});

describe('screens: push stream', () => {
  it('sends the current snapshot at once, then one shared snapshot per change to every viewer', async () => {
    t.source.screen('ROUND2', '102', 1);
    // Timer stopped: a snapshot in hand is right however old (the running case is tested below).
    t.source.timerRunning = false;
    const builds = t.source.builds;
    const a = await openSse(t.stream('ROUND2'));
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toContain('text/event-stream');
    expect(a.headers['x-accel-buffering']).toBe('no');
    const first = await a.waitFor(1);
    expect(first).toMatchObject({ event: 'snapshot', id: '1' });
    expect(snap(a, 1)).toMatchObject({ roundId: '102', version: 1 });

    const b = await openSse(t.stream('ROUND2'));
    const c = await openSse(t.stream('ROUND2'));
    await Promise.all([b.waitFor(1), c.waitFor(1)]);
    // Joining a watched round reuses the snapshot already built.
    expect(t.source.builds).toBe(builds + 1);

    t.source.bump('102');
    t.app.liveBus.changed('102');
    for (const v of [a, b, c]) expect((await v.waitFor(2)).id).toBe('2');
    expect(t.source.builds).toBe(builds + 2);
    expect(a.events[1]!.data).toBe(c.events[1]!.data);
    expect(await viewers()).toBe(3);
    for (const v of [a, b, c]) v.close();
    t.source.timerRunning = true;
    await sleep(50);
    expect(await viewers()).toBe(0);
  });

  it('builds once more, not once per change, for a burst during a build', async () => {
    t.source.screen('BURST', '103', 1);
    const v = await openSse(t.stream('BURST'));
    await v.waitFor(1);
    const before = t.source.builds;
    t.source.hold();
    t.source.bump('103');
    t.app.liveBus.changed('103');
    await sleep(20);
    for (let i = 0; i < 10; i++) {
      t.source.bump('103');
      t.app.liveBus.changed('103');
    }
    t.source.release();
    // The build that was running sends version 2; one more build catches up with the ten changes.
    expect((await v.waitFor(2)).id).toBe('2');
    expect((await v.waitFor(3)).id).toBe('12');
    expect(t.source.builds).toBe(before + 2);
    await sleep(50);
    expect(v.events).toHaveLength(3);
    v.close();
  });

  it('gives a newcomer a fresh snapshot while the timer runs, without resending it to the others', async () => {
    t.source.screen('FRESH', '109', 3);
    const a = await openSse(t.stream('FRESH'));
    await a.waitFor(1);
    const builds = t.source.builds;
    await sleep(1100);
    const b = await openSse(t.stream('FRESH'));
    expect((await b.waitFor(1)).id).toBe('3');
    expect(t.source.builds).toBe(builds + 1);
    // With the timer stopped, the snapshot in hand stays right however old it is.
    t.source.timerRunning = false;
    t.source.bump('109');
    t.app.liveBus.changed('109');
    await a.waitFor(2);
    await sleep(1100);
    const c = await openSse(t.stream('FRESH'));
    expect((await c.waitFor(1)).id).toBe('4');
    expect(t.source.builds).toBe(builds + 2);
    await sleep(50);
    expect(a.events.map((e) => e.id)).toEqual(['3', '4']);
    t.source.timerRunning = true;
    for (const v of [a, b, c]) v.close();
  });

  it('ignores a change that leaves the version unchanged', async () => {
    t.source.screen('SAME', '104', 7);
    const v = await openSse(t.stream('SAME'));
    await v.waitFor(1);
    t.app.liveBus.changed('104');
    await sleep(100);
    expect(v.events).toHaveLength(1);
    v.close();
  });

  it('keeps an idle stream open with a comment line', async () => {
    t.source.screen('BEAT', '105', 1);
    const v = await openSse(t.stream('BEAT'));
    await v.waitFor(1);
    await v.waitForComment(2000);
    expect(v.comments).toContain('ping');
    expect(v.isClosed()).toBe(false);
    v.close();
  });

  it('counts connected viewers in /api/metrics', async () => {
    t.source.screen('COUNT', '106', 1);
    const v = await openSse(t.stream('COUNT'));
    await v.waitFor(1);
    const res = await fetch(`${t.origin}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const text = await res.text();
    expect(text).toMatch(new RegExp(`^jiangtai_live_viewers ${await viewers()}$`, 'm'));
    expect(await viewers()).toBeGreaterThan(0);
    // The stream's hours-long duration is not a request latency.
    expect(text).not.toContain('/stream"');
    v.close();
  });

  it('retries a snapshot that could not be built while someone watches', async () => {
    t.source.screen('RETRY', '107', 1);
    t.source.failing = true;
    const v = await openSse(t.stream('RETRY'));
    await sleep(100);
    expect(v.events).toHaveLength(0);
    t.source.failing = false;
    // The first retry comes after a second.
    expect((await v.waitFor(1, 3000)).id).toBe('1');
    v.close();
  });

  it('drops a viewer that does not read, without holding up the others', async () => {
    t.source.screen('SLOW', '108', 1);
    t.source.padding = 'x'.repeat(100_000);
    try {
      const healthy = await openSse(t.stream('SLOW'));
      await healthy.waitFor(1);
      // A client that sends its request and then never reads a byte.
      const slow = net.connect(Number(new URL(t.origin).port), '127.0.0.1');
      slow.write(
        `GET /api/live/screens/SLOW/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n`,
      );
      slow.pause();
      let slowClosed = false;
      slow.on('error', () => {});
      slow.on('close', () => (slowClosed = true));
      await sleep(100);
      expect(await viewers()).toBe(2);
      const dropped = registry.getSingleMetric('jiangtai_live_viewers_dropped_total')!;
      const droppedBefore = (await dropped.get()).values[0]?.value ?? 0;
      for (let i = 0; i < 300 && (await viewers()) > 1; i++) {
        t.source.bump('108');
        t.app.liveBus.changed('108');
        await sleep(15);
      }
      expect(await viewers()).toBe(1);
      expect((await dropped.get()).values[0]?.value).toBe(droppedBefore + 1);
      const version = t.source.versions.get('108')!;
      // The healthy viewer got every change, up to the last.
      await healthy.waitFor(version, 5000);
      expect(healthy.events.at(-1)!.id).toBe(String(version));
      expect(healthy.isClosed()).toBe(false);
      slow.resume();
      await sleep(100);
      expect(slowClosed).toBe(true);
      healthy.close();
    } finally {
      t.source.padding = '';
    }
  });
});
