import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../lib/metrics.ts';
import { startScreensApp } from './test-screens-app.ts';
import { openSse, type SseConnection } from './test-sse.ts';

/**
 * The screens' stream under abuse: more viewers than the cap, clients that leave at awkward moments,
 * screen codes made to inject headers or walk paths.
 */
let t: Awaited<ReturnType<typeof startScreensApp>>;

beforeAll(async () => {
  t = await startScreensApp({ heartbeatMs: 100, maxViewers: 5 });
});
afterAll(async () => t?.close());

const viewers = async () =>
  (await registry.getSingleMetric('jiangtai_live_viewers')!.get()).values[0]?.value ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('screens: viewers', () => {
  it('answers 503 in Chinese beyond the cap, and takes a viewer again once one leaves', async () => {
    t.source.screen('CAP', '301', 1);
    const open: SseConnection[] = [];
    for (let i = 0; i < 5; i++) open.push(await openSse(t.stream('CAP')));
    const extra = await fetch(t.stream('CAP'));
    expect(extra.status).toBe(503);
    expect((await extra.json()).detail).toContain('观看人数已满');
    open.shift()!.close();
    await sleep(100);
    const again = await openSse(t.stream('CAP'));
    expect(again.status).toBe(200);
    await again.waitFor(1);
    for (const c of [...open, again]) c.close();
    await sleep(100);
    expect(await viewers()).toBe(0);
  });

  it('does not count a client that left while its screen code was being looked up', async () => {
    t.source.screen('GONE', '302', 1);
    const resolve = t.source.resolveScreen;
    let lookUp!: () => void;
    const looking = new Promise<void>((r) => (lookUp = r));
    t.source.resolveScreen = async (db, code) => {
      await looking;
      return resolve(db, code);
    };
    try {
      const socket = net.connect(Number(new URL(t.origin).port), '127.0.0.1');
      socket.on('error', () => {});
      socket.write(
        'GET /api/live/screens/GONE/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n',
      );
      await sleep(100);
      socket.destroy();
      await sleep(100);
      lookUp();
      // Several heartbeats later, nobody is watching: the cap is not eaten by departed clients.
      await sleep(400);
      expect(await viewers()).toBe(0);
    } finally {
      t.source.resolveScreen = resolve;
    }
  });

  it('refuses screen codes carrying line breaks, paths, spaces or too many characters (400)', async () => {
    for (const code of ['A%0d%0aSet-Cookie:%20x=1', 'A'.repeat(65), '..%2f..%2fetc', 'A%20B', '%00']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/live/screens/${code}/stream` });
      expect(res.statusCode, code).toBe(400);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.json().detail).toContain('大屏地址无效');
    }
  });
});
