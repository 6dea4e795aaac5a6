import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.ts';
import { currentRequestPriority, withRequestPriority } from './priority-gate.ts';

/** A batch runner whose batches finish only when the test says so. */
function controlled<I>() {
  const batches: { items: I[]; finish: (results?: unknown[]) => void; fail: (e: Error) => void }[] = [];
  const run = (items: I[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({
        items,
        finish: (results) => resolve((results as string[]) ?? items.map((i) => `r:${String(i)}`)),
        fail: reject,
      });
    });
  return { batches, run };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('coalesce', () => {
  it('puts calls of the same tick in one batch and answers each its own result', async () => {
    const { batches, run } = controlled<string>();
    const load = coalesce(run);
    const answers = Promise.all([load('a'), load('b'), load('c')]);
    await tick();
    expect(batches.map((b) => b.items)).toEqual([['a', 'b', 'c']]);
    batches[0]!.finish();
    expect(await answers).toEqual(['r:a', 'r:b', 'r:c']);
  });

  it('never answers a call from a batch that started before it (no stale reads)', async () => {
    const { batches, run } = controlled<string>();
    const load = coalesce(run);
    const first = load('session-1');
    await tick();
    expect(batches).toHaveLength(1);
    // Made while the first batch is in flight (say, right after a logout committed): same key.
    const second = load('session-1');
    batches[0]!.finish(['before logout']);
    expect(await first).toBe('before logout');
    await tick();
    expect(batches).toHaveLength(2);
    expect(batches[1]!.items).toEqual(['session-1']);
    batches[1]!.finish(['after logout']);
    expect(await second).toBe('after logout');
  });

  it('runs one batch at a time; the calls that waited go together in the next', async () => {
    const { batches, run } = controlled<number>();
    const load = coalesce(run);
    const a = load(1);
    await tick();
    const rest = [load(2), load(3), load(4)];
    await tick();
    expect(batches).toHaveLength(1);
    batches[0]!.finish();
    await a;
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4]]);
    batches[1]!.finish();
    expect(await Promise.all(rest)).toEqual(['r:2', 'r:3', 'r:4']);
  });

  it('keeps items of the same key in separate batches, and caps a batch', async () => {
    const { batches, run } = controlled<{ member: string; n: number }>();
    const save = coalesce(run, { key: (i) => i.member, maxBatch: 2 });
    const all = [
      save({ member: 'm1', n: 1 }),
      save({ member: 'm1', n: 2 }),
      save({ member: 'm2', n: 3 }),
      save({ member: 'm3', n: 4 }),
    ];
    await tick();
    batches[0]!.finish([1, 3]);
    await tick();
    batches[1]!.finish([2, 4]);
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4]);
    expect(batches.map((b) => b.items.map((i) => i.n))).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('fails every call of a failed batch, and carries on with the next', async () => {
    const { batches, run } = controlled<string>();
    const load = coalesce(run);
    const failed = [load('a'), load('b')].map((p) => p.catch((e: Error) => e.message));
    await tick();
    batches[0]!.fail(new Error('connection lost'));
    expect(await Promise.all(failed)).toEqual(['connection lost', 'connection lost']);
    const next = load('c');
    await tick();
    batches[1]!.finish();
    expect(await next).toBe('r:c');
  });

  it("runs a batch with its earliest request's priority (the embedded database's queue order)", async () => {
    const seen: unknown[] = [];
    const load = coalesce(async (items: number[]) => {
      seen.push(currentRequestPriority());
      return items;
    });
    const answers = Promise.all([
      withRequestPriority({ startedAt: 50, long: false }, () => load(1)),
      withRequestPriority({ startedAt: 10, long: true }, () => load(2)),
      withRequestPriority({ startedAt: 20, long: false }, () => load(3)),
    ]);
    expect(await answers).toEqual([1, 2, 3]);
    expect(seen).toEqual([{ startedAt: 20, long: false }]);
  });
});
