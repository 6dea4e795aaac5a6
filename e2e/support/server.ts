import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDist = path.join(repoRoot, 'apps', 'web', 'dist');
export const serverMain = path.join(repoRoot, 'apps', 'server', 'dist', 'main.js');

/** Every demo account gets this password in e2e runs (the server's DEMO_PASSWORD). */
export const DEMO_PASSWORD = 'Demo2026pass';

/** Names the seeded data directory every journey's server starts from (set by global-setup.ts). */
export const TEMPLATE_ENV = 'JIANGTAI_E2E_TEMPLATE_DIR';

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  /** Stops the process and removes its data directory unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /**
   * Stops the process and starts it again on the same port and data, with `env` added (e.g.
   * CLOCK_OFFSET_DAYS); `whileStopped` runs in between (e.g. writing rows into its data directory).
   */
  restart(env: Record<string, string>, whileStopped?: () => Promise<void>): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts the real server as production runs it (the compiled `apps/server/dist/main.js`) on a free
 * port with a fresh data directory,
 * the demo city seeded and the built web app served, and waits until /api/health answers.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`找不到构建好的前端 ${webDist}：请先运行 npm run build`);
  }
  if (!fs.existsSync(serverMain))
    throw new Error(`找不到编译好的服务端 ${serverMain}：请先运行 npm run build`);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiangtai-e2e-'));
  // The demo city seeded once for the whole run (global-setup.ts): each journey starts from its own copy.
  const template = process.env[TEMPLATE_ENV];
  if (template) fs.cpSync(template, dataDir, { recursive: true, filter: (src) => !src.endsWith('.lock') });
  const baseUrl = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    WEB_DIST_DIR: webDist,
    LOG_LEVEL: 'warn',
    ...env,
  };
  // Journeys use the embedded database; a developer's DATABASE_URL must not leak in.
  delete childEnv.DATABASE_URL;
  delete childEnv.TEST_DATABASE_URL;

  let child: ChildProcess;
  let output = '';
  const spawnServer = (extra: Record<string, string>) => {
    child = spawn(process.execPath, [serverMain], {
      cwd: repoRoot,
      env: { ...childEnv, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  };

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
  };
  const stop = async (options: { keepData?: boolean } = {}) => {
    await kill();
    if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const waitReady = async () => {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        await stop();
        throw new Error(`服务器启动失败（退出码 ${child.exitCode ?? child.signalCode}）：\n${output}`);
      }
      try {
        const res = await fetch(`${baseUrl}/api/health`);
        if (res.ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await stop();
    throw new Error(`服务器 90 秒内没有就绪：\n${output}`);
  };

  spawnServer({});
  await waitReady();
  return {
    baseUrl,
    dataDir,
    output: () => output,
    stop,
    restart: async (extra, whileStopped) => {
      await kill();
      await whileStopped?.();
      spawnServer(extra);
      await waitReady();
    },
  };
}
