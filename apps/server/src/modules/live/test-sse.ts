import http from 'node:http';

/** A server-sent-events client for tests: collects events and comment lines as they arrive. */
export interface SseEvent {
  event: string;
  id: string | null;
  data: string;
}

export interface SseConnection {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  comments: string[];
  closed: Promise<void>;
  isClosed(): boolean;
  /** Waits until `count` events have arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<SseEvent>;
  waitForComment(timeoutMs?: number): Promise<void>;
  close(): void;
}

export function openSse(url: string): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      let closed = false;
      const closedP = new Promise<void>((done) =>
        res.on('close', () => {
          closed = true;
          for (const w of waiters) w();
          done();
        }),
      );
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const ev: SseEvent = { event: 'message', id: null, data: '' };
          const lines = block.split('\n');
          for (const line of lines) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) ev.event = line.slice(7);
            else if (line.startsWith('id: ')) ev.id = line.slice(4);
            else if (line.startsWith('data: ')) ev.data += line.slice(6);
          }
          if (lines.some((l) => l.startsWith('data: '))) events.push(ev);
        }
        for (const w of waiters) w();
      });
      const until = (ok: () => boolean, timeoutMs: number, what: string) =>
        new Promise<void>((done, fail) => {
          if (ok()) return done();
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`timed out waiting for ${what}`));
          }, timeoutMs);
          const check = () => {
            if (!ok() && !closed) return;
            clearTimeout(timer);
            waiters.delete(check);
            if (ok()) done();
            else fail(new Error(`stream closed while waiting for ${what}`));
          };
          waiters.add(check);
        });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        closed: closedP,
        isClosed: () => closed,
        async waitFor(count, timeoutMs = 5000) {
          await until(() => events.length >= count, timeoutMs, `event ${count}`);
          return events[count - 1]!;
        },
        async waitForComment(timeoutMs = 5000) {
          const seen = comments.length;
          await until(() => comments.length > seen, timeoutMs, 'a comment line');
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
