import { createHash, type Hash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import type { DataStore } from '@tus/utils';

/**
 * SHA-256 computed while the bytes stream through to S3, so completing an upload does not download
 * it again. Only valid when this process saw every byte in order from offset 0; after a restart (or
 * any gap) the state is dropped and the caller hashes the stored object instead. (Local uploads are
 * hashed from the growing file on a worker thread instead: file-hasher.ts.)
 */
export class RunningHashes {
  private readonly states = new Map<string, { hash: Hash; upTo: number }>();

  /** Wraps store.write so each write also feeds the upload's hash. */
  attach<T extends DataStore>(store: T): T {
    const write = store.write.bind(store);
    store.write = async (readable: Readable, id: string, offset: number) => {
      if (offset === 0) this.states.set(id, { hash: createHash('sha256'), upTo: 0 });
      const state = this.states.get(id);
      if (!state || state.upTo !== offset) {
        this.states.delete(id);
        return write(readable, id, offset);
      }
      let seen = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          state.hash.update(chunk);
          seen += chunk.length;
          done(null, chunk);
        },
      });
      // The callback form of pipeline returns the last stream, with errors passed along to it.
      const tapped = pipeline(readable, tap, () => undefined);
      try {
        const newOffset = await write(tapped, id, offset);
        // Every byte hashed was written, and nothing else: otherwise the hash is worthless.
        if (newOffset - offset === seen) state.upTo = newOffset;
        else this.states.delete(id);
        return newOffset;
      } catch (error) {
        this.states.delete(id);
        throw error;
      }
    };
    return store;
  }

  /** The hex digest if this process hashed exactly `size` bytes of the upload; forgets the state. */
  take(id: string, size: number): string | null {
    const state = this.states.get(id);
    this.states.delete(id);
    return state && state.upTo === size ? state.hash.digest('hex') : null;
  }

  forget(id: string) {
    this.states.delete(id);
  }
}
