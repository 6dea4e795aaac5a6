/**
 * Starts the server the way `npm start` runs it (`node scripts/start.mjs`: the server compiled once
 * by `scripts/build-server.mjs`, then `apps/server/dist/main.js` imported in the same process), on a fresh embedded data directory or a fresh PostgreSQL
 * database created for the run and dropped after, seeded with the demo. Only 127.0.0.1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export type DbKind = 'pglite' | 'postgres';
export const DEMO_PASSWORD = process.env.BENCH_DEMO_PASSWORD ?? 'Bench2026load';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function buildServer() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-server.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('服务端编译失败');
}

export interface Target {
  kind: DbKind;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function makeTarget(kind: DbKind): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `jt-load-${kind}-`));
  const base = { DATA_DIR: dataDir };
  if (kind === 'pglite')
    return { kind, env: base, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const name = `jt_load_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    env: { ...base, DATABASE_URL: url.toString() },
    drop: async () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface RunningServer {
  url: string;
  pid: number;
  /** Resident set size of the server process, in MB (Linux /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

export async function startServer(target: Target, port: number, timeoutMs = 600_000): Promise<RunningServer> {
  const emptyWeb = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-load-web-'));
  // Exactly `npm start`: scripts/start.mjs finds the compiled server fresh and imports it in-process.
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      // As `npm start` sets it (package.json): one glibc malloc arena.
      MALLOC_ARENA_MAX: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD,
      // Each simulated user comes from its own address (X-Forwarded-For), as behind nginx; the
      // login rate limit is per address, and only a named proxy's header is believed.
      TRUST_PROXY: '127.0.0.1',
      // The API alone: the web app's files are not what is measured.
      WEB_DIST_DIR: emptyWeb,
      ...target.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!log.includes('讲台已启动')) {
    if (child.exitCode !== null) throw new Error(`服务启动失败：\n${log}`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`服务 ${timeoutMs / 1000} 秒内未启动：\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid!;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    rssMb() {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(emptyWeb, { recursive: true, force: true });
    },
  };
}
