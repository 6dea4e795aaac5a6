import http from 'node:http';

/**
 * Many SSE viewers on raw http connections (cheaper than EventSource): each parses the events it
 * receives and records, per snapshot version, when the whole event had arrived.
 */
export class Viewers {
  private readonly requests: http.ClientRequest[] = [];
  private readonly arrivals = new Map<number, number[]>();
  private readonly waiters = new Map<number, () => void>();
  private errors = 0;

  constructor(readonly count: number) {}

  get failed() {
    return this.errors;
  }

  /** Opens `count` streams, `batch` at a time; resolves when each has its first snapshot. */
  async connect(url: string, batch = 100) {
    for (let i = 0; i < this.count; i += batch) {
      const n = Math.min(batch, this.count - i);
      await Promise.all(Array.from({ length: n }, () => this.open(url)));
    }
  }

  private open(url: string) {
    return new Promise<void>((resolve, reject) => {
      let first = true;
      const req = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          this.errors++;
          reject(new Error(`stream answered ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const now = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: (\d+)$/m.exec(block);
            if (!id) continue;
            this.arrived(Number(id[1]), now);
            if (first) {
              first = false;
              resolve();
            }
          }
        });
        res.on('error', () => this.errors++);
      });
      req.on('error', (err) => {
        this.errors++;
        reject(err);
      });
      this.requests.push(req);
    });
  }

  private arrived(version: number, at: number) {
    let list = this.arrivals.get(version);
    if (!list) this.arrivals.set(version, (list = []));
    list.push(at);
    if (list.length === this.count) this.waiters.get(version)?.();
  }

  /** Resolves with every viewer's arrival time of `version` (fails after `timeoutMs`). */
  all(version: number, timeoutMs = 15_000): Promise<number[]> {
    const done = () => this.arrivals.get(version)!;
    if ((this.arrivals.get(version)?.length ?? 0) === this.count) return Promise.resolve(done());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `version ${version}: ${this.arrivals.get(version)?.length ?? 0} / ${this.count} viewers`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.set(version, () => {
        clearTimeout(timer);
        this.waiters.delete(version);
        resolve(done());
      });
    });
  }

  /** Forgets a version's arrivals once measured (no growth over a long run). */
  forget(version: number) {
    this.arrivals.delete(version);
  }

  close() {
    for (const req of this.requests) req.destroy();
    this.requests.length = 0;
  }
}
