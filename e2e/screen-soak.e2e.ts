import type { LiveSnapshot } from '@jiangtai/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newContext, screenshot, useJourney } from './support/browser.ts';

/**
 * The big screen through a four-hour evening, without waiting four hours: the page's clock is
 * Playwright's (timers, Date and performance.now advance as fast as we ask), and the screen's data
 * comes from a scripted evening served on its own address — each stream answer carries a burst of
 * snapshots and ends, so the browser reconnects all evening long as it would on poor Wi-Fi. After a
 * warm-up hour, four hours of ticking timer, results, rankings and reconnections must leave the
 * JavaScript heap and the page's element count where they were.
 */
const j = useJourney();
const CODE = 'soak-evening';
const SPEAKERS = 20;

/** The evening at `version`: odd versions a speaker on stage, even ones that speaker's result. */
function snapshotAt(version: number): LiveSnapshot {
  const current = Math.floor(version / 2) % SPEAKERS;
  const result = version % 2 === 0;
  const speakers = Array.from({ length: SPEAKERS }, (_, i) => ({
    entryId: String(1000 + i),
    position: i + 1,
    speakerName: `选手${i + 1}`,
    unitName: `第${(i % 7) + 1}党支部`,
    title: `微党课第${i + 1}讲：把党的创新理论讲到群众心坎上`,
    status:
      i < current || (i === current && result)
        ? ('confirmed' as const)
        : i === current
          ? ('speaking' as const)
          : ('waiting' as const),
  }));
  const score = (i: number) => (90 - ((i * 7) % 13) / 2).toFixed(2);
  const announced = result ? current : current - 1;
  return {
    roundId: '1',
    version,
    campaignTitle: '千名支部书记微宣讲',
    roundName: '决赛',
    rehearsal: false,
    state: 'running',
    serverNow: new Date().toISOString(),
    speakers,
    currentEntryId: speakers[current]!.entryId,
    nextEntryId: speakers[current + 1]?.entryId ?? null,
    timer: { running: !result, elapsedMs: (version % 9) * 50_000, limitSeconds: 480, warnSeconds: 60 },
    scoring: null,
    lastResult:
      announced >= 0
        ? {
            ...speakers[announced]!,
            judges: Array.from({ length: 7 }, (_, k) => ({
              label: `评委${k + 1}`,
              total: (88 + k).toFixed(2),
              dropped: k === 0 ? ('low' as const) : k === 6 ? ('high' as const) : null,
            })),
            average: '91.00',
            overtimeSeconds: version % 4 === 0 ? 35 : 0,
            penalty: version % 4 === 0 ? '0.50' : '0',
            score: score(announced),
            confirmed: true,
          }
        : null,
    // A full table all evening (its length is not what this test is about).
    ranking: speakers.slice(0, 10).map((x, k) => ({
      rank: k + 1,
      entryId: x.entryId,
      speakerName: x.speakerName,
      unitName: x.unitName,
      score: score(k),
    })),
    judgeDisplay: 'numbered',
  };
}

/** The same view each measurement: one result (speaker 3's), whatever version carries it. */
const PINNED = 6;

/**
 * Serves the scripted evening: the JSON snapshot, and streams of eleven snapshots that then end.
 * While `pin` is on, every new version carries the pinned view, so two measurements compare the
 * same page.
 */
async function scriptEvening(page: Page) {
  let version = 1;
  const state = { pin: false };
  const at = (v: number) => ({ ...snapshotAt(state.pin ? PINNED : v), version: v });
  await page.route(`**/api/live/screens/${CODE}`, (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(at(version)) }),
  );
  await page.route(`**/api/live/screens/${CODE}/stream`, (route) => {
    let body = 'retry: 200\n\n';
    for (let i = 0; i < 11; i += 1) {
      version += 1;
      body += `event: snapshot\nid: ${version}\ndata: ${JSON.stringify(at(version))}\n\n`;
    }
    return route.fulfill({ contentType: 'text/event-stream', body });
  });
  return { versions: () => version, state };
}

/** The heap after a full collection and the element count, on the pinned result. */
async function measure(page: Page, evening: Awaited<ReturnType<typeof scriptEvening>>) {
  evening.state.pin = true;
  const from = evening.versions();
  // A new stream (after the current one ends) brings the pinned view: speaker 3's result.
  await expect
    .poll(async () => {
      await page.clock.runFor(1000);
      return evening.versions() > from + 11 ? page.locator('.jt-live-dropped s').count() : -1;
    })
    .toBe(2);
  await expect.poll(() => page.locator('body').innerText()).toContain('选手4');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  evening.state.pin = false;
  return { heapMb: usedSize / 1048576, elements };
}

/** `hours` of the evening in five-minute steps, with a moment of real time for the streams each step. */
async function runEvening(page: Page, hours: number) {
  for (let step = 0; step < hours * 12; step += 1) {
    await page.clock.runFor(5 * 60_000);
    await page.waitForTimeout(250);
  }
}

describe('the big screen through a four-hour evening', () => {
  it('keeps its memory and its page size while the timer ticks, results arrive and the stream reconnects', async () => {
    const context = await newContext(j.browser, j.server.baseUrl);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.clock.install({ time: new Date('2026-10-20T11:00:00Z') });
    const evening = await scriptEvening(page);
    await page.goto(`/screen/${CODE}`);
    await page.getByText('千名支部书记微宣讲').first().waitFor();

    await runEvening(page, 1);
    const warm = await measure(page, evening);
    const seenWarm = evening.versions();
    await runEvening(page, 4);
    const after = await measure(page, evening);
    await screenshot(page, 'live-screen-after-four-hours');

    // The evening really went on: many more snapshots arrived (and `measure` saw a result with the
    // dropped scores struck through).
    expect(evening.versions() - seenWarm).toBeGreaterThan(200);
    expect(after.elements).toBe(warm.elements);
    expect(after.heapMb).toBeLessThan(warm.heapMb * 1.2 + 1);
    await context.close();
  });
});
