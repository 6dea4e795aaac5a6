import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own: two processes on one data directory would corrupt it.
 * A lock file holding our pid is created exclusively; a stale one (dead pid) is replaced.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'jiangtai.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return {
        release: () => {
          try {
            if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `数据目录 ${dataDir} 正被另一个讲台进程（PID ${pid}）使用。` +
            `请先停止该进程，或用 DATA_DIR 指定另一个数据目录。`,
        );
      }
      fs.unlinkSync(file); // stale lock from a crashed process
    }
  }
  throw new Error(`无法锁定数据目录 ${dataDir}`);
}
