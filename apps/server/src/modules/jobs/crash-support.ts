import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { migrate, openDatabase, type Database } from '../../db/database.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/**
 * A database that a test and its runner child processes share: a private schema on
 * TEST_DATABASE_URL's server, or else a PGlite data directory (one process at a time: the test
 * closes it before starting a child and reopens it after the child has exited).
 */
export async function sharedDatabase() {
  const url = process.env.TEST_DATABASE_URL;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-crash-'));
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const open = () => openDatabase({ databaseUrl: url, schema, dataDir });
  const first = await open();
  await migrate(first.db, schema);
  let current: Database | null = first;
  return {
    dataDir,
    kind: first.kind,
    /** The open connection (reopened if a child had the PGlite directory). */
    async db() {
      current ??= await open();
      return current.db;
    },
    /** PGlite: let a child process have the data directory. */
    async release() {
      if (url || !current) return;
      await current.close();
      current = null;
    },
    async close() {
      current ??= await open();
      if (schema) await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(current.db);
      await current.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
      return {
        ...process.env,
        JT_DATA_DIR: dataDir,
        ...(url ? { JT_DB_URL: url, JT_DB_SCHEMA: schema } : {}),
        ...extra,
      };
    },
  };
}

/** Starts crash-child.ts as the leader of its own process group, so killGroup() stops it and nothing of the test. */
export function startRunnerChild(env: NodeJS.ProcessEnv): ChildProcess & { exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return Object.assign(child, { exited });
}

/** Polls until `file` exists or the child exits first (then the test fails with a clear message). */
export async function waitForFile(file: string, child: { exited: Promise<number | null> }) {
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (!fs.existsSync(file)) {
    if (exited) throw new Error(`runner child exited before writing ${file}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function killGroup(child: ChildProcess & { exited: Promise<number | null> }) {
  process.kill(-child.pid!, 'SIGKILL');
  await child.exited;
}

/** Pids of running processes whose command line names `program` and mentions `text` (Linux /proc). */
export function processesOf(program: string, text: string): number[] {
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let argv: string[];
    try {
      argv = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    if (path.basename(argv[0] ?? '') === program && argv.some((a) => a.includes(text)))
      found.push(Number(name));
  }
  return found;
}

/** Polls until `check` returns an empty list or `ms` pass; returns the last list. */
export async function waitUntilNone(check: () => number[], ms = 5000): Promise<number[]> {
  const until = Date.now() + ms;
  let left = check();
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = check();
  }
  return left;
}
