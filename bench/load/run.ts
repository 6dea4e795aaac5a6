/** Drives the mix with N virtual users for a bounded time against one running server. */
import { Session } from './client.ts';
import { EXPORTERS, RELOGIN_SHARE, chooseStep, personaFor, type Ctx, type Scene } from './mix.ts';
import { DEMO_PASSWORD } from './server.ts';
import { Recorder } from './stats.ts';

export interface LoadOptions {
  users: number;
  durationMs: number;
  /** Mean pause between one user's steps (uniform 0.5x–1.5x). */
  thinkMs: number;
  seed: number;
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A distinct loopback address per user for X-Forwarded-For (the login rate limit is per address). */
const addressOf = (i: number) => `127.2.${Math.floor(i / 250)}.${(i % 250) + 1}`;

export interface LoadResult {
  /** The measured window: the mix, re-logins included. */
  rec: Recorder;
  /** Everyone signing in before the window (arrivals over rampMs), reported apart. */
  arrivals: Recorder;
}

export async function runLoad(base: string, scene: Scene, o: LoadOptions): Promise<LoadResult> {
  const rec = new Recorder();
  const arrivals = new Recorder();
  // Users arrive over 20 s (each login costs a deliberately slow password hash) before the measured
  // window, as people open the site one by one; the window then has all of them at work.
  const rampMs = 20_000;
  const think = (rand: () => number) => sleep(o.thinkMs * (0.5 + rand()));

  const sessions = await Promise.all(
    Array.from({ length: o.users }, async (_, i) => {
      const persona = personaFor(i, o.users);
      const account = persona.accounts[i % persona.accounts.length]!;
      await sleep((rampMs * i) / o.users);
      const s = new Session(base, arrivals, addressOf(i));
      for (let attempt = 0; attempt < 5; attempt++) {
        if (
          await s.login(account, DEMO_PASSWORD).then(
            () => true,
            () => false,
          )
        )
          break;
        await sleep(1000);
      }
      return { s, persona, account };
    }),
  );
  const deadline = performance.now() + o.durationMs;

  const user = async (i: number) => {
    const rand = mulberry32(o.seed * 1000 + i);
    const { persona, account } = sessions[i]!;
    const c: Ctx = { s: sessions[i]!.s.recordingTo(rec), scene, rand, memberIds: [] };
    while (performance.now() < deadline) {
      await think(rand);
      if (performance.now() >= deadline) break;
      if (rand() < RELOGIN_SHARE) {
        await c.s.login(account, DEMO_PASSWORD).catch(() => undefined);
        continue;
      }
      const [, step] = chooseStep(persona, rand);
      await step(c).catch(() => undefined);
    }
  };

  const exporter = async (e: (typeof EXPORTERS)[number], i: number) => {
    const rand = mulberry32(o.seed * 7919 + i);
    const s = new Session(base, arrivals, addressOf(o.users + i));
    await s.login(e.account, DEMO_PASSWORD).catch(() => undefined);
    const measured = s.recordingTo(rec);
    while (performance.now() < deadline) {
      await measured.call(e.op, 'GET', e.url(scene)).catch(() => undefined);
      await think(rand);
    }
  };

  await Promise.all([
    ...Array.from({ length: o.users }, (_, i) => user(i)),
    ...EXPORTERS.map((e, i) => exporter(e, i)),
  ]);
  return { rec, arrivals };
}
