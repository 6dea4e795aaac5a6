import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataStore } from '@tus/utils';
import { describe, expect, it } from 'vitest';
import { RunningHashes } from './running-hash.ts';
import { sha256 } from './test-support.ts';

/** A store that keeps what it is given; `failAfter` makes a write fail part-way. */
function memoryStore(failAfter?: number) {
  const stored: Buffer[] = [];
  const store = {
    async write(readable: Readable, _id: string, offset: number) {
      let n = 0;
      for await (const chunk of readable) {
        n += (chunk as Buffer).length;
        if (failAfter !== undefined && n > failAfter) throw new Error('disk full');
        stored.push(chunk as Buffer);
      }
      return offset + n;
    },
  };
  return { store: store as unknown as DataStore, stored };
}

const hashes = new RunningHashes();
const chunks = (bytes: Buffer, size: number) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  );

describe('running SHA-256 of what streams through to S3', () => {
  it('equals the hash of all bytes written in order over several requests', async () => {
    const { store } = memoryStore();
    hashes.attach(store);
    const bytes = randomBytes(9 * 1024 * 1024 + 5);
    await store.write(chunks(bytes.subarray(0, 7 * 1024 * 1024), 64 * 1024), 'a', 0);
    await store.write(chunks(bytes.subarray(7 * 1024 * 1024), 1024 * 1024), 'a', 7 * 1024 * 1024);
    expect(hashes.take('a', bytes.length)).toBe(sha256(bytes));
  });

  it('gives up (null) after a gap, a failed write or for a size it has not seen', async () => {
    const { store } = memoryStore();
    hashes.attach(store);
    const bytes = randomBytes(4096);
    await store.write(chunks(bytes.subarray(0, 1000), 100), 'gap', 0);
    await store.write(chunks(bytes.subarray(2000), 100), 'gap', 2000); // as after a restart
    expect(hashes.take('gap', bytes.length)).toBeNull();

    await store.write(chunks(bytes, 100), 'short', 0);
    expect(hashes.take('short', bytes.length + 1)).toBeNull();

    const failing = memoryStore(500);
    hashes.attach(failing.store);
    await expect(failing.store.write(chunks(bytes, 100), 'broken', 0)).rejects.toThrow('disk full');
    expect(hashes.take('broken', bytes.length)).toBeNull();
  });
});
