/**
 * The live final's push channel under a hall's load: 1,000 big-screen / audience viewers connected
 * by server-sent events to /api/live/screens/<code>/stream while judges score. The real server (the
 * production build, `apps/server/dist/main.js`, on a data directory of its own with the demo city)
 * runs a live final set up through the API: finalists from a scored 复赛, a panel of 7 judges, the
 * order entered by hand, then for each speaker the MC's next, timer and open scoring, and the 7
 * judges' POST /api/live/rounds/:id/score. Measured: from the last judge's submit response to each
 * viewer's receipt of the snapshot carrying that speaker's result. In the same run, the floor: a
 * bare Node http server writing a serialized snapshot of the same size to as many SSE sockets. And
 * the server's memory with the viewers connected.
 *
 *   npm run build && npm run bench:live [-- --viewers 1000 --speakers 5]
 *
 * Target: p99 ≤ 100 ms. Servers run as processes of their own on 127.0.0.1, the viewers in this one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BenchEvening } from './live/evening.ts';
import { DEMO_PASSWORD, scoreKey, scoresFor, setUpEvening } from './live/real-evening.ts';
import { Viewers } from './live/viewers.ts';

const { values } = parseArgs({
  options: {
    viewers: { type: 'string', default: '1000' },
    speakers: { type: 'string', default: '5' },
  },
});
const VIEWERS = Number(values.viewers);
const JUDGES = BenchEvening.JUDGES;
const TARGET_P99_MS = 100;
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const serverMain = path.join(repoRoot, 'apps', 'server', 'dist', 'main.js');

interface Server {
  child: ChildProcess;
  origin: string;
  exited: Promise<void>;
  cleanup?: () => void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function spawned(args: string[], env: NodeJS.ProcessEnv, port: number) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const output: string[] = [];
  child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
  return { child, exited, output, origin: `http://127.0.0.1:${port}` };
}

/** The bare baseline: a script of bench/live that prints "listening" when ready. */
async function startBare(): Promise<Server> {
  const port = await freePort();
  const s = spawned(
    ['--import', 'tsx', path.join(here, 'live', 'bare-server.ts'), String(port)],
    { ...process.env, MALLOC_ARENA_MAX: '1', NODE_ENV: 'production' },
    port,
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (s.output.join('').includes('listening')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    void s.exited.then(() => {
      clearInterval(timer);
      reject(new Error(`bare-server.ts exited:\n${s.output.join('')}`));
    });
  });
  return s;
}

/** The real server as production runs it, on a fresh data directory with the demo city. */
async function startReal(): Promise<Server> {
  if (!fs.existsSync(serverMain)) throw new Error(`找不到 ${serverMain}：请先运行 npm run build`);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-bench-live-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    MALLOC_ARENA_MAX: '1',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  const s = spawned([serverMain], env, port);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (s.child.exitCode !== null) throw new Error(`服务器启动失败：\n${s.output.join('')}`);
    if (Date.now() > deadline) throw new Error(`服务器 120 秒内没有就绪：\n${s.output.join('')}`);
    const ok = await fetch(`${s.origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { ...s, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

async function stop(server: Server) {
  server.child.kill('SIGTERM');
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  server.cleanup?.();
}

function rssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One speaker on a target: the judges score; returns when the last judge had the answer. */
interface Target {
  label: string;
  server: Server;
  streamUrl: string;
  speakers: number;
  /** The text in the snapshot event that carries speaker s's result. */
  resultMark(s: number): string;
  /** Moves the evening to speaker s (MC), if the target has an MC. */
  callSpeaker(s: number): Promise<void>;
  /** One judge's submit of speaker s; resolves with the response. */
  submit(s: number, judge: number): Promise<void>;
}

async function realTarget(): Promise<Target> {
  const server = await startReal();
  const t0 = performance.now();
  const ev = await setUpEvening(server.origin, JUDGES).catch(async (e: unknown) => {
    await stop(server);
    throw e;
  });
  console.log(
    `  [推送服务] 演示数据就绪，经接口布置决赛：${ev.order.length} 位选手、${ev.judges.length} 位评委（${((performance.now() - t0) / 1000).toFixed(1)} 秒）`,
  );
  const live = `/api/live/rounds/${ev.roundId}`;
  return {
    label: '推送服务',
    server,
    streamUrl: `${server.origin}/api/live/screens/${ev.screenCode}/stream`,
    speakers: ev.order.length,
    resultMark: (s) => `"lastResult":{"entryId":"${ev.order[s]}"`,
    callSpeaker: async () => {
      await ev.mc.post(`${live}/next`);
      await ev.mc.post(`${live}/timer`, { action: 'start' });
      await ev.mc.post(`${live}/timer`, { action: 'stop' });
      await ev.mc.post(`${live}/open-scoring`);
    },
    submit: async (s, judge) => {
      await ev.judges[judge]!.post(`${live}/score`, {
        key: scoreKey(),
        entryId: ev.order[s],
        scores: scoresFor(ev.criteria, judge),
      });
    },
  };
}

async function bareTarget(): Promise<Target> {
  const server = await startBare();
  return {
    label: '裸广播基线',
    server,
    streamUrl: `${server.origin}/api/live/screens/${BenchEvening.CODE}/stream`,
    speakers: 14,
    resultMark: (s) => `"lastResult":{"entryId":"${100 + s}"`,
    callSpeaker: async () => {},
    submit: async () => {
      const res = await fetch(`${server.origin}/bench/submit`, { method: 'POST' });
      await res.json();
    },
  };
}

interface Run {
  label: string;
  samples: number[];
  early: number;
  idleRss: number;
  viewersRss: number;
  failed: number;
}

/** Connects the viewers, has the judges score the speakers, measures each result's delivery. */
async function measure(target: Target, speakers: number): Promise<Run> {
  const { server, label } = target;
  const viewers = new Viewers(VIEWERS);
  try {
    const idleRss = rssMb(server.child.pid!);
    const connectStarted = performance.now();
    await viewers.connect(target.streamUrl);
    console.log(
      `  [${label}] ${VIEWERS} 个观众已连接（${((performance.now() - connectStarted) / 1000).toFixed(1)} 秒）`,
    );
    await pause(500);
    const viewersRss = rssMb(server.child.pid!);
    const samples: number[] = [];
    let early = 0;
    for (let s = 0; s < speakers; s++) {
      await target.callSpeaker(s);
      const arrivals = viewers.watch(target.resultMark(s));
      let answeredAt = 0;
      for (let j = 0; j < JUDGES; j++) {
        await target.submit(s, j);
        answeredAt = performance.now();
        // Judges do not submit in the same millisecond.
        if (j < JUDGES - 1) await pause(20);
      }
      for (const at of await arrivals) {
        // Pushed before the last judge's phone had its answer: counted as 0 ms.
        if (at < answeredAt) early++;
        samples.push(Math.max(0, at - answeredAt));
      }
      await pause(200);
    }
    return { label, samples, early, idleRss, viewersRss, failed: viewers.failed };
  } finally {
    viewers.close();
    await stop(server);
  }
}

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const real = await realTarget();
const SPEAKERS = Math.min(Number(values.speakers), real.speakers);
console.log(
  `现场推送：${VIEWERS} 个大屏 / 观众连接，${SPEAKERS} 位选手 × ${JUDGES} 位评委；` +
    '计时从最后一位评委提交的响应到每个观众收到带该选手成绩的快照',
);
console.log(
  '  推送服务：生产构建的服务进程（内置数据库、演示数据），决赛经接口布置，评委经 POST /api/live/rounds/:id/score 提交',
);
const runs = [await measure(real, SPEAKERS), await measure(await bareTarget(), SPEAKERS)];

console.log('');
console.log('                  p50        p99       最大   提前到达   服务进程 RSS（空闲 → 连满）');
for (const r of runs) {
  const sorted = [...r.samples].sort((a, b) => a - b);
  console.log(
    `  ${r.label.padEnd(6, '　')} ${pct(sorted, 0.5).toFixed(1).padStart(7)} ms ${pct(sorted, 0.99)
      .toFixed(1)
      .padStart(7)} ms ${sorted.at(-1)!.toFixed(1).padStart(7)} ms ${String(r.early).padStart(8)}   ` +
      `${r.idleRss.toFixed(0)} MB → ${r.viewersRss.toFixed(0)} MB（+${(r.viewersRss - r.idleRss).toFixed(0)} MB）` +
      (r.failed ? `（${r.failed} 个连接出错）` : ''),
  );
}
const [app, bare] = runs.map((r) => [...r.samples].sort((a, b) => a - b)) as [number[], number[]];
const ratio = (q: number) => pct(app, q) / Math.max(0.1, pct(bare, q));
console.log(`  推送服务 / 基线：p50 ${ratio(0.5).toFixed(1)} 倍，p99 ${ratio(0.99).toFixed(1)} 倍`);
console.log('');
const p99 = pct(app, 0.99);
const ok = p99 <= TARGET_P99_MS && runs.every((r) => r.failed === 0);
console.log(
  `目标：p99 ≤ ${TARGET_P99_MS} ms（${VIEWERS} 个观众）  ${ok ? '✓' : '✗'}  实测 ${p99.toFixed(1)} ms`,
);
if (!ok) process.exitCode = 1;
