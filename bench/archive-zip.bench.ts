/**
 * The season's archive zip of one unit with ~2 GB of media, downloaded over HTTP, against a baseline
 * measured in the same run.
 *
 *   npm run bench:archive [-- --files 20 --file-mb 100]
 *
 * Ours: bench/archive/server.ts (the app as main.ts builds it, PGlite; seeded first by a run of its own) with --files videos of
 * --file-mb MB and 40 lectures with a 2 MB photo; GET /api/archive/zip is read to nothing. The server
 * process's resident memory (VmRSS from /proc, every 50 ms) is sampled idle and during the download.
 * Baseline: `zip -0` (Info-ZIP) writing the same files to stdout, read to nothing, its VmRSS sampled
 * the same way. Prints MB/s and peak RSS of each and the ratios. Data lives in bench/.data/archive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const MB = 1024 * 1024;
const { values } = parseArgs({
  options: { files: { type: 'string', default: '20' }, 'file-mb': { type: 'string', default: '100' } },
});
const dataDir = path.join(here, '.data', 'archive');

const rssOf = (pid: number) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};
/** Samples a process's RSS every 50 ms until stopped; returns the peak. */
function sampler(pid: number) {
  let peak = rssOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssOf(pid));
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(seedOnly = false) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    PORT: String(port),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '1',
    ARCHIVE_BENCH_FILES: values.files,
    ARCHIVE_BENCH_FILE_MB: values['file-mb'],
    ...(seedOnly ? { ARCHIVE_BENCH_SEED_ONLY: '1' } : {}),
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'archive/server.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  if (seedOnly) {
    const code = await new Promise((r) => child.on('exit', r));
    if (code !== 0) throw new Error(`seeding failed: ${out}`);
    return null;
  }
  const info = await new Promise<{ unitId: string; campaignId: string; password: string; files: string[] }>(
    (resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (c: Buffer) => {
        buf += c.toString();
        const line = buf.split('\n').find((l) => l.startsWith('{"listening"'));
        if (line) resolve(JSON.parse(line));
      });
      child.on('exit', () => reject(new Error(`server exited: ${out}`)));
    },
  );
  return { child, base: `http://127.0.0.1:${port}`, ...info };
}

/** Reads a response to nothing; resolves with bytes and seconds. */
function download(url: string, headers: Record<string, string>) {
  const started = performance.now();
  return new Promise<{ bytes: number; seconds: number; status: number }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () =>
          resolve({ bytes, seconds: (performance.now() - started) / 1000, status: res.statusCode ?? 0 }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function runZip(files: string[]) {
  const started = performance.now();
  const child: ChildProcess = spawn('zip', ['-0', '-q', '-', ...files], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = sampler(child.pid!);
  let bytes = 0;
  child.stdout!.on('data', (c: Buffer) => (bytes += c.length));
  return new Promise<{ bytes: number; seconds: number; peak: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve({ bytes, seconds: (performance.now() - started) / 1000, peak: stop() }));
  });
}

const fmt = (b: number) => `${(b / MB).toFixed(0)} MB`;
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`Seeding one unit: ${values.files} videos × ${values['file-mb']} MB + 40 photos × 2 MB …`);
await startServer(true);
const server = (await startServer())!;
try {
  const login = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'bench_admin', password: server.password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('jt_session='))!
    .split(';')[0]!;
  const pid = server.child.pid!;
  // Idle: after seeding, a few seconds for the runtime to settle.
  await new Promise((r) => setTimeout(r, 3000));
  const idle = rssOf(pid);
  const stop = sampler(pid);
  const ours = await download(
    `${server.base}/api/archive/zip?orgId=${server.unitId}&campaignId=${server.campaignId}`,
    { cookie },
  );
  const peak = stop();
  if (ours.status !== 200) throw new Error(`zip answered ${ours.status}`);
  const base = await runZip(server.files);

  const rate = (r: { bytes: number; seconds: number }) => r.bytes / MB / r.seconds;
  console.log('');
  console.log(`                 size      time     MB/s   peak RSS`);
  console.log(
    `ours (HTTP)  ${fmt(ours.bytes).padStart(8)} ${ours.seconds.toFixed(1).padStart(7)} s ${rate(ours).toFixed(0).padStart(7)} ${fmt(peak).padStart(9)}  (idle ${fmt(idle)}, +${fmt(peak - idle)} while zipping)`,
  );
  console.log(
    `zip -0 CLI   ${fmt(base.bytes).padStart(8)} ${base.seconds.toFixed(1).padStart(7)} s ${rate(base).toFixed(0).padStart(7)} ${fmt(base.peak).padStart(9)}`,
  );
  console.log('');
  console.log(`throughput ratio ours / zip CLI: ${(rate(ours) / rate(base)).toFixed(2)}`);
  console.log(
    `memory: ours grows ${fmt(peak - idle)} above idle while sending ${fmt(ours.bytes)} (${(((peak - idle) / ours.bytes) * 100).toFixed(2)} % of the archive); ` +
      `growth ours / zip CLI's whole process: ${((peak - idle) / base.peak).toFixed(1)} (idle ours ${fmt(idle)}: server + embedded database)`,
  );
} finally {
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
