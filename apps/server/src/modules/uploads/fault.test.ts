import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './s3rver.test-support.ts';
import { FAULT_PASSWORD, FAULT_USER } from './test-purpose.ts';
import { pdfLike, runTus, sha256, tempDir } from './test-support.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'test-server.ts');
const dataDir = tempDir('jt-fault-');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The real server process on the shared data dir (PGlite, files), waiting until it answers. */
async function startServer() {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    PORT: String(port),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  };
  // The crash test is about the upload store; it runs on the embedded database like e2e does.
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start: ${output}`);
}

async function login(base: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: FAULT_USER, password: FAULT_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('jt_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

describe('an upload survives the server being killed', () => {
  it(
    'resumes after SIGKILL and a restart, and stores exactly the original bytes',
    { timeout: 180_000 },
    async () => {
      const bytes = pdfLike(50 * 1024 * 1024);
      const first = await startServer();
      const auth = await login(first.base);

      // Kill the server (no shutdown of any kind) while a chunk is on its way.
      let killedAt = 0;
      const broken = await runTus(`${first.base}/api/uploads`, bytes, {
        ...auth,
        chunkSize: 4 * 1024 * 1024,
        onProgress: (sent) => {
          if (!killedAt && sent >= 22 * 1024 * 1024) {
            killedAt = sent;
            first.child.kill('SIGKILL');
          }
        },
      });
      expect(broken.error).not.toBeNull();
      expect(killedAt).toBeGreaterThan(0);
      const id = new URL(broken.url!).pathname.split('/').pop()!;

      const second = await startServer();
      // Sessions live in the database, so the same sign-in still works after the restart.
      const endpoint = `${second.base}/api/uploads`;
      const head = await fetch(`${endpoint}/${id}`, {
        method: 'HEAD',
        headers: { cookie: auth.cookie, 'tus-resumable': '1.0.0' },
      });
      expect(head.status).toBe(200);
      const offset = Number(head.headers.get('upload-offset'));
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeLessThan(bytes.length);

      const resumed = await runTus(endpoint, bytes, {
        ...auth,
        chunkSize: 4 * 1024 * 1024,
        uploadUrl: `${endpoint}/${id}`,
      });
      expect(resumed.error).toBeNull();
      const result = JSON.parse(resumed.body) as { sha256: string; key: string };
      expect(result.sha256).toBe(sha256(bytes));
      expect(sha256(fs.readFileSync(path.join(dataDir, 'files', result.key)))).toBe(sha256(bytes));
      second.child.kill('SIGTERM');
    },
  );
});
