import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { processStartTime, reapOrphans, useChildRecords } from './child-records.ts';
import { exitSignal, spawnTied } from './tied-child.ts';

const TIED = fileURLToPath(new URL('./tied-child.ts', import.meta.url));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-tied-'));
const started: number[] = [];
const parents: number[] = [];
afterAll(() => {
  for (const pgid of started) killGroup(pgid);
  for (const pid of parents) {
    try {
      process.kill(pid, 'SIGKILL'); // only left when a test failed before killing it
    } catch {
      // already gone
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
});

function killGroup(pgid: number) {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Pids in process group `pgid` (field 5 of /proc/<pid>/stat). */
function groupMembers(pgid: number): number[] {
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[2] === String(pgid) && fields[0] !== 'Z') found.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe.runIf(process.platform === 'linux')('child processes tied to this process', () => {
  it('die with everything they started when only their parent is SIGKILLed', async () => {
    // A parent that starts a shell which starts two sleeps (like soffice starting soffice.bin).
    const script = path.join(work, 'parent.ts');
    fs.writeFileSync(
      script,
      `import { spawnTied } from ${JSON.stringify(TIED)};
       const child = spawnTied('sh', ['-c', 'sleep 300 & sleep 300; wait']);
       console.log(child.pid);
       setInterval(() => {}, 1000);`,
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    parents.push(parent.pid!);
    const pgid = await new Promise<number>((resolve) =>
      parent.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
    );
    started.push(pgid);
    expect(await until(() => groupMembers(pgid).length >= 3)).toBe(true); // guard, sh and the sleeps

    const exited = new Promise((r) => parent.once('exit', r));
    process.kill(parent.pid!, 'SIGKILL');
    await exited;
    expect(await until(() => groupMembers(pgid).length === 0)).toBe(true);
  });

  it('keeps exit codes and output, and killGroup() stops the whole group', async () => {
    const ok = spawnTied('sh', ['-c', 'echo 讲台; exit 3']);
    let out = '';
    ok.stdout.on('data', (d: Buffer) => (out += d.toString()));
    expect(await new Promise((r) => ok.on('close', r))).toBe(3);
    expect(out.trim()).toBe('讲台');

    // Killed by a signal: the guard reports 128 + n, read back as the signal.
    const killed = spawnTied('sh', ['-c', 'kill -KILL $$']);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) =>
      killed.on('close', (c, s) => r([c, s])),
    );
    expect(exitSignal(code, signal)).toBe('SIGKILL');

    const long = spawnTied('sh', ['-c', 'sleep 300 & sleep 300; wait']);
    started.push(long.pid!);
    expect(await until(() => groupMembers(long.pid!).length >= 3)).toBe(true);
    long.killGroup();
    expect(await until(() => groupMembers(long.pid!).length === 0)).toBe(true);
  });
});

describe.runIf(process.platform === 'linux')(
  'orphans left by a dead process (records in DATA_DIR/run)',
  () => {
    it('are stopped by the next runner on this host; live owners and reused pids are left alone', async () => {
      const dir = path.join(work, 'run');
      useChildRecords(dir);
      const host = os.hostname();
      const deadOwner = spawnSync('true').pid!; // has exited: its children are orphans
      const orphan = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
      const mine = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
      const reused = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
      started.push(orphan.pid!, mine.pid!, reused.pid!);
      await until(() => [orphan, mine, reused].every((c) => processStartTime(c.pid!) !== null));
      const write = (pid: number, owner: number, ownerStart: string, start: string) =>
        fs.writeFileSync(
          path.join(dir, `${host}.${pid}.json`),
          JSON.stringify({ host, owner, ownerStart, pid, start, command: 'sleep' }),
        );
      const self = processStartTime(process.pid)!;
      write(orphan.pid!, deadOwner, '1', processStartTime(orphan.pid!)!);
      write(mine.pid!, process.pid, self, processStartTime(mine.pid!)!);
      write(reused.pid!, deadOwner, '1', '1'); // the recorded child is gone; this pid is someone else now

      expect(reapOrphans(dir)).toEqual([{ pid: orphan.pid, command: 'sleep' }]);
      expect(await until(() => processStartTime(orphan.pid!) === null)).toBe(true);
      expect(processStartTime(mine.pid!)).not.toBeNull();
      expect(processStartTime(reused.pid!)).not.toBeNull();
      expect(fs.readdirSync(dir).sort()).toEqual([`${host}.${mine.pid}.json`]);
    });
  },
);
