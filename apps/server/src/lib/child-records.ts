import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One small file per running child process (DATA_DIR/run/<host>.<pid>.json), so a runner that
 * starts after a crash can find and stop what the dead process left running. The death signal in
 * tied-child.ts normally does this already; the records cover systems without setpriv and a child
 * whose guard was killed on its own. Processes are identified by pid and start time (from /proc),
 * so a reused pid is never killed.
 */
interface ChildRecord {
  host: string;
  owner: number;
  ownerStart: string;
  pid: number;
  start: string;
  command: string;
}

let recordsDir: string | null = null;

/** Where this process records its children (the runner sets DATA_DIR/run). */
export function useChildRecords(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  recordsDir = dir;
}

export function childRecordsDir(dataDir: string) {
  return path.join(dataDir, 'run');
}

const fileFor = (dir: string, pid: number) => path.join(dir, `${os.hostname()}.${pid}.json`);

/** Start time in clock ticks since boot (field 22 of /proc/<pid>/stat); null when not running or no /proc. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; count fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export function recordChild(pid: number, command: string) {
  if (!recordsDir) return;
  const start = processStartTime(pid);
  const ownerStart = processStartTime(process.pid);
  if (start === null || ownerStart === null) return; // no /proc: nothing we could verify later
  const record: ChildRecord = { host: os.hostname(), owner: process.pid, ownerStart, pid, start, command };
  try {
    fs.writeFileSync(fileFor(recordsDir, pid), JSON.stringify(record));
  } catch {
    // A missing record only loses the fallback; the child itself is still tied to us.
  }
}

export function forgetChild(pid: number) {
  if (!recordsDir) return;
  fs.rm(fileFor(recordsDir, pid), { force: true }, () => {});
}

/**
 * Stops the process groups that dead processes on this host left running (their owner is gone or
 * is another process with a reused pid), and removes their records. Returns what it killed.
 */
export function reapOrphans(dir: string): { pid: number; command: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const prefix = `${os.hostname()}.`;
  const reaped: { pid: number; command: string }[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.json')) continue;
    const file = path.join(dir, name);
    let record: ChildRecord;
    try {
      record = JSON.parse(fs.readFileSync(file, 'utf8')) as ChildRecord;
    } catch {
      continue; // being written right now, or not ours to judge
    }
    if (processStartTime(record.owner) === record.ownerStart) continue; // its owner still runs it
    if (processStartTime(record.pid) === record.start) {
      try {
        process.kill(-record.pid, 'SIGKILL');
        reaped.push({ pid: record.pid, command: record.command });
      } catch {
        // exited meanwhile
      }
    }
    fs.rmSync(file, { force: true });
  }
  return reaped;
}
