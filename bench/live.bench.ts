/**
 * The live final's push channel under a hall's load: 1,000 big-screen / audience viewers connected
 * by server-sent events while judges submit their scores. For each speaker, the time from the last
 * judge's submit response to the result event at every viewer; the same measured in the same run
 * against a bare Node http server that writes the same kind of serialized event to as many SSE
 * sockets (the floor); and the server's memory with the viewers connected.
 *
 *   npm run bench:live [-- --viewers 1000 --speakers 5]
 *
 * Target: p99 ≤ 100 ms. Servers run as processes of their own on 127.0.0.1, the viewers in this one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BenchEvening } from './live/evening.ts';
import { Viewers } from './live/viewers.ts';

const { values } = parseArgs({
  options: {
    viewers: { type: 'string', default: '1000' },
    speakers: { type: 'string', default: '5' },
  },
});
const VIEWERS = Number(values.viewers);
const SPEAKERS = Number(values.speakers);
const TARGET_P99_MS = 100;
const here = path.dirname(fileURLToPath(import.meta.url));

interface Server {
  child: ChildProcess;
  origin: string;
  exited: Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function start(script: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'live', script), String(port)], {
    env: { ...process.env, MALLOC_ARENA_MAX: '1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('listening')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`${script} exited:\n${output.join('')}`)));
  });
  return { child, origin: `http://127.0.0.1:${port}`, exited };
}

async function stop(server: Server) {
  server.child.kill('SIGTERM');
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

function rssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
}

const submit = async (origin: string) => {
  const res = await fetch(`${origin}/bench/submit`, { method: 'POST' });
  const body = (await res.json()) as { version: number; result: boolean };
  return { ...body, at: performance.now() };
};

interface Run {
  label: string;
  samples: number[];
  early: number;
  idleRss: number;
  viewersRss: number;
  failed: number;
}

/** Connects the viewers, has the judges score SPEAKERS speakers, measures each result's delivery. */
async function measure(label: string, script: string): Promise<Run> {
  const server = await start(script);
  const viewers = new Viewers(VIEWERS);
  try {
    const idleRss = rssMb(server.child.pid!);
    const connectStarted = performance.now();
    await viewers.connect(`${server.origin}/api/live/screens/${BenchEvening.CODE}/stream`);
    console.log(
      `  [${label}] ${VIEWERS} 个观众已连接（${((performance.now() - connectStarted) / 1000).toFixed(1)} 秒）`,
    );
    await new Promise((r) => setTimeout(r, 500));
    const viewersRss = rssMb(server.child.pid!);
    const samples: number[] = [];
    let early = 0;
    for (let s = 0; s < SPEAKERS; s++) {
      for (let j = 0; j < BenchEvening.JUDGES; j++) {
        const sent = await submit(server.origin);
        const arrivals = await viewers.all(sent.version);
        if (sent.result) {
          for (const at of arrivals) {
            // Pushed before the judge's phone had its answer: counted as 0 ms.
            if (at < sent.at) early++;
            samples.push(Math.max(0, at - sent.at));
          }
        }
        viewers.forget(sent.version);
        // Judges do not submit in the same millisecond.
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    return { label, samples, early, idleRss, viewersRss, failed: viewers.failed };
  } finally {
    viewers.close();
    await stop(server);
  }
}

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

console.log(
  `现场推送：${VIEWERS} 个大屏 / 观众连接，${SPEAKERS} 位选手 × ${BenchEvening.JUDGES} 位评委；` +
    '计时从最后一位评委提交的响应到每个观众收到成绩事件',
);
console.log(
  '  推送服务：完整应用（buildApp，内置数据库）+ 大屏推送路由，快照由基准程序自带的数据源生成（现场模块合并后换成真实快照）',
);
const runs = [await measure('推送服务', 'screens-server.ts'), await measure('裸广播基线', 'bare-server.ts')];

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
