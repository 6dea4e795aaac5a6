/**
 * Uploads through our server's tus endpoint, each against a baseline measured in the same run.
 *
 *   npm run bench:upload -w bench [-- --gigabytes 1 --concurrent 10 --each-mb 500 --rounds 2]
 *
 * (a) Throughput: one file (default 1 GB, generated on the fly, never held in memory) sent to our
 *     server — tus POST, then PATCH requests of --chunk-mb (default: the whole file in one PATCH),
 *     the last one answered only after the type check, SHA-256 and move into place — versus a plain
 *     node:http server that pipes one PUT to a file. Prints MB/s for each and the ratio (target ≥ 0.75).
 * (b) Memory: the server process's resident memory (VmRSS from /proc, sampled every 50 ms) while
 *     --concurrent uploads of --each-mb run at once, versus the same process idle. Target: at most
 *     64 MB + 2 MB per upload above idle.
 * Both servers run as child processes on bench/.data/upload (removed afterwards); the server is
 * apps/server/src/modules/uploads/test-server.ts: the app as main.ts builds it, plus a test purpose.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FAULT_PASSWORD, FAULT_USER } from '../apps/server/src/modules/uploads/test-purpose.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverEntry = path.join(here, '../apps/server/src/modules/uploads/test-server.ts');
const MB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    gigabytes: { type: 'string', default: '1' },
    'chunk-mb': { type: 'string', default: '0' },
    concurrent: { type: 'string', default: '10' },
    'each-mb': { type: 'string', default: '500' },
    rounds: { type: 'string', default: '2' },
  },
});
const totalBytes = Math.round(Number(values.gigabytes) * 1024 * MB);
const chunkBytes = Number(values['chunk-mb']) * MB || totalBytes;
const concurrent = Number(values.concurrent);
const eachBytes = Number(values['each-mb']) * MB;
const rounds = Number(values.rounds);
const dataRoot = path.join(here, '.data', 'upload');

/** `size` bytes that start like a PDF (the test purpose accepts PDF), from one random block varied per MB. */
function generated(size: number, from = 0): Readable {
  const block = randomBytes(MB);
  Buffer.from('%PDF-1.4\n').copy(block, 0);
  let offset = from;
  return new Readable({
    highWaterMark: MB,
    read() {
      if (offset >= size) return this.push(null);
      const n = Math.min(MB - (offset % MB), size - offset);
      const chunk = Buffer.from(block.subarray(offset % MB, (offset % MB) + n));
      if (offset >= MB && offset % MB === 0) chunk.writeUInt32LE(offset / MB, 0);
      offset += n;
      this.push(chunk);
    },
  });
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

function request(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: Readable,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body) body.pipe(req);
    else req.end();
  });
}

async function waitFor(url: string, child: ChildProcess, output: () => string) {
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output()}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output()}`);
}

async function startOurs(dataDir: string) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    PORT: String(port),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    UPLOAD_MAX_BYTES: String(Math.max(totalBytes, eachBytes) + MB),
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, child, () => out);
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: FAULT_USER, password: FAULT_PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('jt_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { child, base, auth: { cookie, 'x-csrf-token': csrfToken }, output: () => out };
}

/** The baseline: node:http, one PUT piped to a file, nothing else. */
async function startBaseline(dir: string) {
  const port = await freePort();
  const script = `
    const http = require('node:http'); const fs = require('node:fs'); const path = require('node:path');
    let n = 0;
    http.createServer((req, res) => {
      if (req.method !== 'PUT') { res.end('ok'); return; }
      const out = fs.createWriteStream(path.join(${JSON.stringify(dir)}, 'put-' + (n++)));
      req.pipe(out).on('finish', () => { res.statusCode = 201; res.end(); });
    }).listen(${port}, '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'inherit' });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(base, child, () => '');
  return { child, base };
}

async function tusUpload(base: string, auth: Record<string, string>, size: number, chunk: number) {
  const meta = `purpose ${Buffer.from('test-file').toString('base64')},filename ${Buffer.from('bench.pdf').toString('base64')}`;
  const created = await request(`${base}/api/uploads`, 'POST', {
    ...auth,
    'tus-resumable': '1.0.0',
    'upload-length': String(size),
    'upload-metadata': meta,
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.body}`);
  const url = new URL(created.headers.location!, base).toString();
  let offset = 0;
  let last = created;
  while (offset < size) {
    const n = Math.min(chunk, size - offset);
    last = await request(
      url,
      'PATCH',
      {
        ...auth,
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        'content-length': String(n),
      },
      generated(offset + n, offset),
    );
    if (last.status !== 204 && last.status !== 200) throw new Error(`patch: ${last.status} ${last.body}`);
    offset += n;
  }
  if (last.status !== 200) throw new Error(`final: ${last.status} ${last.body}`);
  return JSON.parse(last.body) as { key: string };
}

/** CPU seconds (user + system, all threads) a process has used so far. */
const cpuSeconds = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100)
};

const rssMb = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
};

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function main() {
  fs.rmSync(dataRoot, { recursive: true, force: true });
  const baselineDir = path.join(dataRoot, 'baseline');
  fs.mkdirSync(baselineDir, { recursive: true });
  const ours = await startOurs(path.join(dataRoot, 'server'));
  const baseline = await startBaseline(baselineDir);
  try {
    // Memory first, on a server that has handled one small upload (code loaded, store created).
    console.log(`(b) server memory, ${concurrent} concurrent uploads of ${eachBytes / MB} MB`);
    const warm = await tusUpload(ours.base, ours.auth, MB, MB);
    fs.rmSync(path.join(dataRoot, 'server', 'files', warm.key));
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssMb(ours.child.pid!);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(ours.child.pid!))), 50);
    let t = performance.now();
    const keys = await Promise.all(
      Array.from({ length: concurrent }, () => tusUpload(ours.base, ours.auth, eachBytes, eachBytes)),
    );
    clearInterval(sampler);
    const seconds = (performance.now() - t) / 1000;
    for (const k of keys) fs.rmSync(path.join(dataRoot, 'server', 'files', k.key));
    const allowed = 64 + 2 * concurrent;
    console.log(`  idle RSS               ${idle.toFixed(0).padStart(6)} MB`);
    console.log(
      `  peak RSS during        ${peak.toFixed(0).padStart(6)} MB  (${((concurrent * eachBytes) / MB / seconds).toFixed(0)} MB/s in total)`,
    );
    console.log(
      `  above idle             ${(peak - idle).toFixed(0).padStart(6)} MB  (target ≤ ${allowed} MB) ${peak - idle <= allowed ? 'OK' : 'MISSED'}`,
    );

    const gb = (totalBytes / 1024 / MB).toFixed(2);
    console.log(
      `(a) throughput, ${gb} GB, ${chunkBytes === totalBytes ? 'one PATCH' : `PATCH ${chunkBytes / MB} MB`}, best of ${rounds} rounds each (alternating)`,
    );
    let baseSeconds = Infinity;
    let ourSeconds = Infinity;
    let baseCpu = Infinity;
    let ourCpu = Infinity;
    for (let round = 0; round < rounds; round++) {
      let cpu = cpuSeconds(baseline.child.pid!);
      t = performance.now();
      const put = await request(
        `${baseline.base}/file`,
        'PUT',
        { 'content-length': String(totalBytes) },
        generated(totalBytes),
      );
      if (put.status !== 201) throw new Error(`baseline PUT ${put.status}`);
      baseSeconds = Math.min(baseSeconds, (performance.now() - t) / 1000);
      baseCpu = Math.min(baseCpu, cpuSeconds(baseline.child.pid!) - cpu);
      for (const f of fs.readdirSync(baselineDir)) fs.rmSync(path.join(baselineDir, f));
      cpu = cpuSeconds(ours.child.pid!);
      t = performance.now();
      const stored = await tusUpload(ours.base, ours.auth, totalBytes, chunkBytes);
      ourSeconds = Math.min(ourSeconds, (performance.now() - t) / 1000);
      ourCpu = Math.min(ourCpu, cpuSeconds(ours.child.pid!) - cpu);
      fs.rmSync(path.join(dataRoot, 'server', 'files', stored.key));
    }
    const mbs = (sec: number) => totalBytes / MB / sec;
    console.log(
      `  node:http PUT to disk  ${mbs(baseSeconds).toFixed(0).padStart(6)} MB/s  (${baseSeconds.toFixed(2)} s)`,
    );
    console.log(
      `  ours (tus, checked)    ${mbs(ourSeconds).toFixed(0).padStart(6)} MB/s  (${ourSeconds.toFixed(2)} s)`,
    );
    // On a busy machine the wall clock mostly measures the neighbours; CPU used per GB does not.
    const perGb = (cpu: number) => (cpu / totalBytes) * 1024 * MB;
    console.log(
      `  server CPU per GB      baseline ${perGb(baseCpu).toFixed(2)} s, ours ${perGb(ourCpu).toFixed(2)} s (user+system, all threads; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} CPUs)`,
    );
    const ratio = mbs(ourSeconds) / mbs(baseSeconds);
    console.log(
      `  ratio ours/baseline    ${ratio.toFixed(2)}x  (target ≥ 0.75x) ${ratio >= 0.75 ? 'OK' : 'MISSED'}`,
    );
  } finally {
    await stop(baseline.child);
    await stop(ours.child);
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }
}

await main();
