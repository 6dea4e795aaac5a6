import { spawn, spawnSync, type ChildProcessByStdio, type SpawnOptions } from 'node:child_process';
import os from 'node:os';
import type { Readable } from 'node:stream';
import { forgetChild, recordChild } from './child-records.ts';

/**
 * A child process (ffmpeg, LibreOffice) that must not outlive this process. It runs as the leader
 * of a process group of its own, so `kill()` stops it with everything it started (soffice is a
 * wrapper around soffice.bin). On Linux, `setpriv --pdeathsig` arms a death signal before the
 * program starts: if this process dies, even by SIGKILL, a small shell guard gets SIGTERM and kills
 * the whole group. Where setpriv is missing, the record in DATA_DIR/run lets the next runner on this
 * host stop the orphan instead (child-records.ts).
 */
export type TiedChild = ChildProcessByStdio<null, Readable, Readable> & {
  /** SIGKILL to the child's whole process group; safe to call when it has already exited. */
  killGroup(): void;
};

// $1: the pid this child must belong to. A parent that died between fork and prctl would never
// send the death signal, so the guard checks it is still the parent once the signal is armed.
const GUARD = '[ "$PPID" = "$1" ] || exit 125; shift; trap "kill -KILL 0" TERM; "$@" & wait $!';

let setprivAvailable: boolean | undefined;
function canArmDeathSignal(): boolean {
  if (process.platform !== 'linux') return false;
  setprivAvailable ??= spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
  return setprivAvailable;
}

export function spawnTied(
  command: string,
  args: string[],
  opts: Pick<SpawnOptions, 'env' | 'cwd'> = {},
): TiedChild {
  const [file, argv] = canArmDeathSignal()
    ? [
        'setpriv',
        ['--pdeathsig', 'TERM', '--', 'sh', '-c', GUARD, 'sh', String(process.pid), command, ...args],
      ]
    : [command, args];
  const child = spawn(file, argv, { ...opts, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pid = child.pid;
  if (pid) {
    recordChild(pid, command);
    child.once('exit', () => forgetChild(pid));
  }
  return Object.assign(child, {
    killGroup() {
      if (!pid) return;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    },
  });
}

/**
 * Under the guard a missing program is the shell's exit code 127 and "not found" on stderr instead
 * of spawn's ENOENT; callers check both for their "not installed" message.
 */
export function missingCommand(code: number | null, stderr: string): boolean {
  return code === 127 && /not found|No such file/.test(stderr);
}

/**
 * The signal that ended the program: under the guard a program killed by a signal (say the kernel's
 * OOM killer) shows as the shell's exit code 128 + n rather than as a signal.
 */
export function exitSignal(code: number | null, signal: NodeJS.Signals | null): NodeJS.Signals | null {
  if (signal) return signal;
  if (code === null || code <= 128) return null;
  const found = Object.entries(os.constants.signals).find(([, n]) => n === code - 128);
  return found ? (found[0] as NodeJS.Signals) : null;
}
