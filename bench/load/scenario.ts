/** One database's run: fresh server, seed, restart, scene, load; and the targets over both runs. */
import net from 'node:net';
import { setupScene } from './mix.ts';
import { runLoad, type LoadOptions } from './run.ts';
import { makeTarget, startServer, type DbKind } from './server.ts';
import { Recorder } from './stats.ts';

export interface ScenarioResult {
  kind: DbKind;
  rec: Recorder;
  arrivals: Recorder;
  rssSeeded: number;
  rssIdle: number;
  /** RSS after the first minute of load (caches, JIT and heap sized for the load), or at its end if shorter. */
  rssWarm: number;
  /** RSS late in the load: the median of the last three minute samples (one sample can catch an export mid-way). */
  rssLate: number;
  rssAfter: number;
}

const WARM_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const IDLE_SETTLE_MS = 5000;

export async function runScenario(
  kind: DbKind,
  opts: LoadOptions,
  onProgress?: (rssMb: number, elapsedS: number) => void,
): Promise<ScenarioResult> {
  const target = await makeTarget(kind);
  try {
    const port = await freePort();
    console.log(`\n[${kind}] 首次启动：迁移并生成演示数据…`);
    let server = await startServer(target, port);
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    const rssSeeded = server.rssMb();
    await server.stop();
    server = await startServer(target, port);
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    const rssIdle = server.rssMb();
    console.log(
      `[${kind}] RSS：生成演示数据后 ${rssSeeded.toFixed(0)} MB，重启后空闲 ${rssIdle.toFixed(0)} MB`,
    );
    try {
      const scene = await setupScene(server.url, new Recorder());
      console.log(`[${kind}] 复赛评审已开启（${scene.codes.length} 件作品，3 位评委），开始施压…`);
      const started = Date.now();
      const samples: number[] = [];
      const timer = setInterval(() => {
        const rss = server.rssMb();
        samples.push(rss);
        onProgress?.(rss, (Date.now() - started) / 1000);
      }, WARM_MS);
      const { rec, arrivals } = await runLoad(server.url, scene, opts);
      clearInterval(timer);
      const rssAfter = server.rssMb();
      if (samples.length === 0) samples.push(rssAfter);
      const rssWarm = samples[0]!;
      const late = samples.slice(-3).sort((a, b) => a - b);
      const rssLate = late[Math.floor(late.length / 2)]!;
      const all = rec.stats();
      console.log(`[${kind}] 完成：${all.n} 个请求，${all.errors} 个错误，RSS ${rssAfter.toFixed(0)} MB`);
      for (const line of [...rec.errorSummary(), ...arrivals.errorSummary()]) console.log(`  ${line}`);
      return { kind, rec, arrivals, rssSeeded, rssIdle, rssWarm, rssLate, rssAfter };
    } finally {
      await server.stop();
    }
  } finally {
    await target.drop();
  }
}

const IDLE_LIMIT_MB: Record<DbKind, number> = { pglite: 350, postgres: 150 };
const WRITES = ['score draft', 'login'];

/** Prints each target with ✓/✗; true when all hold. */
export function printTargets(results: ScenarioResult[], { latency = true } = {}): boolean {
  let allOk = true;
  const check = (ok: boolean, text: string) => {
    allOk &&= ok;
    console.log(`${ok ? '✓' : '✗'} ${text}`);
  };
  const by = Object.fromEntries(results.map((r) => [r.kind, r])) as Partial<Record<DbKind, ScenarioResult>>;
  for (const r of results) {
    const s = r.rec.stats();
    if (latency) {
      check(s.errors === 0, `${r.kind}：错误 ${s.errors} 个（目标 0）`);
      for (const op of WRITES) {
        const w = r.rec.stats(op);
        check(
          w.n > 0 && w.p99 <= 1000,
          `${r.kind}：${op} p99 ${w.n ? `${w.p99.toFixed(0)} ms` : '无样本'}（目标 ≤ 1000 ms）`,
        );
      }
    }
    check(
      r.rssIdle <= IDLE_LIMIT_MB[r.kind],
      `${r.kind}：启动后空闲 RSS ${r.rssIdle.toFixed(0)} MB（目标 ≤ ${IDLE_LIMIT_MB[r.kind]} MB）`,
    );
    // Growth over the load: from the first minute (the working set for this many users) to its last
    // minutes (the median of three samples, so an export in flight at one sample does not decide).
    // A leak keeps growing after that; caches and the heap sized for 200 users do not.
    const growth = (r.rssLate / r.rssWarm - 1) * 100;
    check(
      growth <= 20,
      `${r.kind}：负载期间 RSS 增长 ${growth.toFixed(0)}%（第 1 分钟 ${r.rssWarm.toFixed(0)} MB → 最后 3 分钟的中位数 ${r.rssLate.toFixed(0)} MB，目标 ≤ 20%；结束那一刻 ${r.rssAfter.toFixed(0)} MB）`,
    );
    console.log(
      `  ${r.kind}：相对启动后空闲（${r.rssIdle.toFixed(0)} MB），负载结束时 +${((r.rssAfter / r.rssIdle - 1) * 100).toFixed(0)}%（负载本身的工作内存，仅供参考）`,
    );
  }
  if (latency && by.pglite) {
    const e = by.pglite.rec.stats();
    check(e.max <= 5000, `pglite：最慢请求 ${(e.max / 1000).toFixed(2)} s（目标 ≤ 5 s）`);
    if (by.postgres) {
      const p = by.postgres.rec.stats();
      check(
        e.p99 <= 2 * p.p99,
        `pglite p99 ${e.p99.toFixed(0)} ms / postgres p99 ${p.p99.toFixed(0)} ms = ${(e.p99 / p.p99).toFixed(2)}x（目标 ≤ 2x）`,
      );
    }
  }
  return allOk;
}
