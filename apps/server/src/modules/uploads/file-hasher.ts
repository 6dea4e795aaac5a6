import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of local uploads, computed on a worker thread that follows each file as it grows. tus only
 * ever appends (a PATCH must start at the current size), so what is on disk never changes and can
 * be hashed while the rest arrives: the request thread does no hashing at all, and the final
 * request waits only for the last few MB. After a restart the worker simply starts from byte 0.
 */
export class FileHasher {
  private worker: Worker | undefined;
  private broken = false;
  private nextRequest = 0;
  private readonly pending = new Map<number, (hex: string | null) => void>();

  /** Start (or keep) hashing this file in the background. */
  follow(path: string) {
    this.post({ op: 'follow', path });
  }

  /** The digest of the file's first `size` bytes, or null if the worker failed (hash it yourself). */
  digest(path: string, size: number): Promise<string | null> {
    if (this.broken) return Promise.resolve(null);
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ op: 'digest', path, size, id });
    });
  }

  forget(path: string) {
    if (this.worker) this.post({ op: 'drop', path });
  }

  async close() {
    this.broken = true;
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private post(message: object) {
    if (this.broken) return;
    if (!this.worker) this.worker = this.start();
    this.worker.postMessage(message);
  }

  private start() {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (m: { id: number; hex: string | null }) => {
      this.pending.get(m.id)?.(m.hex);
      this.pending.delete(m.id);
    });
    const fail = () => {
      this.broken = true;
      for (const resolve of this.pending.values()) resolve(null);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    return worker;
  }
}

/** Plain JavaScript, so the worker runs the same under tsx, vitest and plain node. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const files = new Map(); // path -> { fd, hash, pos, idleSince }
const buffer = Buffer.allocUnsafe(1024 * 1024);

function open(path) {
  let file = files.get(path);
  if (!file) files.set(path, (file = { fd: null, hash: createHash('sha256'), pos: 0, idleSince: Date.now() }));
  if (file.fd === null) file.fd = fs.openSync(path, 'r');
  return file;
}
function close(path) {
  const file = files.get(path);
  if (file && file.fd !== null) fs.closeSync(file.fd);
  files.delete(path);
}
/** Hashes what has been written since last time, up to \`limit\` bytes of work. */
function advance(file, end, limit) {
  let done = 0;
  while (file.pos < end && done < limit) {
    const n = fs.readSync(file.fd, buffer, 0, Math.min(buffer.length, end - file.pos), file.pos);
    if (n <= 0) break;
    file.hash.update(buffer.subarray(0, n));
    file.pos += n;
    done += n;
  }
  return done;
}
// Follow growing files a few MB at a time, so a digest request never waits behind a long loop.
// A paused upload keeps its hash but gives back its file descriptor after a minute.
setInterval(() => {
  const now = Date.now();
  for (const [path, file] of files) {
    if (file.fd === null) continue;
    try {
      if (advance(file, fs.fstatSync(file.fd).size, 32 * 1024 * 1024) > 0) file.idleSince = now;
      else if (now - file.idleSince > 60000) {
        fs.closeSync(file.fd);
        file.fd = null;
      }
    } catch {
      close(path);
    }
  }
}, 20).unref();
parentPort.on('message', (m) => {
  try {
    if (m.op === 'follow') open(m.path).idleSince = Date.now();
    else if (m.op === 'drop') close(m.path);
    else if (m.op === 'digest') {
      const file = open(m.path);
      advance(file, m.size, Infinity);
      const hex = file.pos === m.size ? file.hash.digest('hex') : null;
      close(m.path);
      parentPort.postMessage({ id: m.id, hex });
    }
  } catch {
    if (m.path) close(m.path);
    if (m.op === 'digest') parentPort.postMessage({ id: m.id, hex: null });
  }
});
`;
