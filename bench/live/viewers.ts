import http from 'node:http';

/**
 * Many SSE viewers on raw http connections (cheaper than EventSource): each splits the events it
 * receives and records when the first whole event holding a watched text (a speaker's result) had
 * arrived.
 */
export class Viewers {
  private readonly requests: http.ClientRequest[] = [];
  private errors = 0;
  /** Text to look for in events: the first event of each viewer holding it is timed. */
  private readonly watches = new Map<string, { seen: Set<number>; times: number[]; done: () => void }>();

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
    const viewer = this.requests.length;
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
            for (const [text, w] of this.watches) {
              if (w.seen.has(viewer) || !block.includes(text)) continue;
              w.seen.add(viewer);
              w.times.push(now);
              if (w.times.length === this.count) w.done();
            }
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

  /**
   * Starts watching for `text` in the events (before the change that brings it is made); the
   * promise resolves with each viewer's arrival time of the first event holding it.
   */
  watch(text: string, timeoutMs = 15_000): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.watches.delete(text);
        reject(new Error(`「${text}」：${w.times.length} / ${this.count} 个观众收到`));
      }, timeoutMs);
      const w = {
        seen: new Set<number>(),
        times: [] as number[],
        done: () => {
          clearTimeout(timer);
          this.watches.delete(text);
          resolve(w.times);
        },
      };
      this.watches.set(text, w);
    });
  }

  close() {
    for (const req of this.requests) req.destroy();
    this.requests.length = 0;
  }
}
