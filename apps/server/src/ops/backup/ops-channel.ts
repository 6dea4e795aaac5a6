import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { isAlive } from '../../db/lock.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { createBackup } from './backup.ts';

/**
 * The embedded database can be opened by one process only, so `npm run backup` asks the running
 * server to make the backup. The server writes DATA_DIR/ops.json (owner-only) with its port and a
 * random token at start; only a caller on this machine that can read the data directory can use it.
 */
interface OpsFile {
  pid: number;
  port: number;
  host: string;
  token: string;
}

const opsFile = (dataDir: string) => path.join(dataDir, 'ops.json');

export function writeOpsFile(dataDir: string, where: { port: number; host: string }) {
  const file = opsFile(dataDir);
  const content: OpsFile = { pid: process.pid, ...where, token: randomBytes(24).toString('hex') };
  fs.writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
  return () => fs.rmSync(file, { force: true });
}

function readOpsFile(dataDir: string): OpsFile | null {
  try {
    return JSON.parse(fs.readFileSync(opsFile(dataDir), 'utf8')) as OpsFile;
  } catch {
    return null;
  }
}

export function isLockedByServer(dataDir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'jiangtai.lock'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 && isAlive(pid);
  } catch {
    return false;
  }
}

export async function backupThroughServer(dataDir: string, outDir: string): Promise<{ archive: string }> {
  const ops = readOpsFile(dataDir);
  if (!ops || !isAlive(ops.pid))
    throw new Error('数据目录正被另一个进程使用，但它没有提供备份通道。请停止该进程后再运行 npm run backup');
  const host = ops.host === '0.0.0.0' || ops.host === '::' ? '127.0.0.1' : ops.host;
  const res = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${ops.port}/api/ops/backup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ops-token': ops.token },
    body: JSON.stringify({ outDir }),
  });
  const body = (await res.json()) as { archive?: string; detail?: string };
  if (!res.ok || !body.archive) throw new Error(body.detail ?? `服务返回 ${res.status}`);
  return { archive: body.archive };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function opsRoutes(deps: AppDeps, dbKind: 'pglite' | 'postgres'): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: { outDir?: unknown } }>(
      '/api/ops/backup',
      { config: { auth: 'public' }, schema: { hide: true } },
      async (req) => {
        const ops = readOpsFile(deps.config.dataDir);
        const given = Buffer.from(String(req.headers['x-ops-token'] ?? ''));
        const ok =
          !!ops &&
          LOOPBACK.has(req.socket.remoteAddress ?? '') &&
          given.length === Buffer.byteLength(ops.token) &&
          timingSafeEqual(given, Buffer.from(ops.token));
        if (!ok) throw forbidden('只有本机的备份命令可以调用');
        const outDir = req.body?.outDir;
        if (typeof outDir !== 'string' || !path.isAbsolute(outDir))
          throw new AppError('VALIDATION_FAILED', '请给出备份目录的绝对路径');
        const out = await createBackup({
          db: deps.db,
          dbKind,
          dataDir: deps.config.dataDir,
          outDir,
          now: deps.clock.now(),
          log: (line) => req.log.info(line),
        });
        return { archive: out.archive };
      },
    );
  };
}
