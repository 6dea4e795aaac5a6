import fs from 'node:fs/promises';

/**
 * Random access to a stored file's bytes. The probe reads a few box headers and the moov box at
 * known offsets, so a local file, an S3 object (range GETs) or a test buffer all fit behind this.
 */
export interface RandomAccessSource {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  close?(): Promise<void>;
}

/** A source that also says how many bytes it has handed out (for the "≤ 1 MB read" target). */
export interface CountingSource extends RandomAccessSource {
  readonly bytesRead: number;
}

/** Positional reads on a local file: no stream, no read-ahead, only the bytes asked for. */
export async function fileSource(path: string): Promise<CountingSource> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    let bytesRead = 0;
    return {
      size,
      get bytesRead() {
        return bytesRead;
      },
      async read(offset, length) {
        const want = Math.max(0, Math.min(length, size - offset));
        const buffer = Buffer.alloc(want);
        let done = 0;
        // handle.read may return fewer bytes than asked; loop until the range is filled or EOF.
        while (done < want) {
          const { bytesRead: n } = await handle.read(buffer, done, want - done, offset + done);
          if (n === 0) break;
          done += n;
        }
        bytesRead += done;
        return done === want ? buffer : buffer.subarray(0, done);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** An in-memory source, for tests and for bytes that are already in memory. */
export function bufferSource(bytes: Buffer): CountingSource {
  let bytesRead = 0;
  return {
    size: bytes.length,
    get bytesRead() {
      return bytesRead;
    },
    async read(offset, length) {
      const slice = bytes.subarray(offset, Math.min(bytes.length, offset + length));
      bytesRead += slice.length;
      return slice;
    },
  };
}
