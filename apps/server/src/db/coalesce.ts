import { currentRequestPriority, LONG_READ_HANDICAP_MS, withRequestPriority } from './priority-gate.ts';

/**
 * Runs many small, identical statements as one: calls made while the previous batch is in flight
 * wait and go together in the next one. At the evening peak every request resolves its session and
 * every progress report reads and writes its row; one statement per request was the limit (each is a
 * round trip, and on the embedded database a turn of its single connection), one per batch is not.
 *
 * Never a cache: a call is answered only by a batch that started after the call was made, so it sees
 * every change committed before it (a logout, a new password, a disabled account) exactly as a
 * statement of its own would. When idle a call starts its batch at once (after the current tick, so
 * that calls of the same tick share it): no added latency at low load.
 *
 * `run` gets the items in call order and answers one result per item, in the same order. Items with
 * the same `key` never share a batch (a later one waits for the next): a statement may then write each
 * key's row at most once.
 */
export function coalesce<I, O>(
  run: (items: I[]) => Promise<O[]>,
  options: { maxBatch?: number; key?: (item: I) => string } = {},
): (item: I) => Promise<O> {
  const maxBatch = options.maxBatch ?? 256;
  interface Pending {
    item: I;
    priority: ReturnType<typeof currentRequestPriority>;
    resolve: (o: O) => void;
    reject: (e: unknown) => void;
  }
  let queue: Pending[] = [];
  let running = false;
  let scheduled = false;

  function take(): Pending[] {
    if (!options.key) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      return batch;
    }
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const keys = new Set<string>();
    for (const p of queue) {
      const k = options.key(p.item);
      if (batch.length < maxBatch && !keys.has(k)) {
        keys.add(k);
        batch.push(p);
      } else rest.push(p);
    }
    queue = rest;
    return batch;
  }

  /** The batch's statements queue for the embedded database's connection as its earliest request. */
  function earliest(batch: Pending[]) {
    let best: Pending['priority'];
    const at = (p: NonNullable<Pending['priority']>) => p.startedAt + (p.long ? LONG_READ_HANDICAP_MS : 0);
    for (const { priority } of batch) if (priority && (!best || at(priority) < at(best))) best = priority;
    return best;
  }

  function flush() {
    scheduled = false;
    if (running || queue.length === 0) return;
    const batch = take();
    running = true;
    // Always set: flush runs in whatever context scheduled it, which must not lend the batch its priority.
    const priority = earliest(batch) ?? { startedAt: performance.now(), long: false };
    withRequestPriority(priority, () => run(batch.map((p) => p.item)))
      .then(
        (results) => {
          if (results.length !== batch.length) throw new Error('coalesce: one result per item expected');
          batch.forEach((p, i) => p.resolve(results[i]!));
        },
        (err: unknown) => batch.forEach((p) => p.reject(err)),
      )
      // A result-count mismatch above is a programming error: fail the batch rather than hang it.
      .catch((err: unknown) => batch.forEach((p) => p.reject(err)))
      .finally(() => {
        running = false;
        flush();
      });
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, priority: currentRequestPriority(), resolve, reject });
      if (!running && !scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
