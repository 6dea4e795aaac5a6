import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tus from 'tus-js-client';
import { createTestContext } from '../../test/harness.ts';
import { testPurpose } from './test-purpose.ts';

export function tempDir(prefix: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A test app on a real port, with its own data dir and the test purpose. */
export async function listeningApp(env: Record<string, string> = {}) {
  const dataDir = tempDir('jt-uploads-');
  const t = await createTestContext({ env: { DATA_DIR: dataDir, ...env }, uploadPurposes: [testPurpose] });
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    t,
    dataDir,
    endpoint: `${address}/api/uploads`,
    async close() {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts like a PDF (so file-type says pdf), then random bytes. */
export function pdfLike(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%âãÏÓ\n', 'latin1');
  return Buffer.concat([head, randomBytes(size - head.length)]);
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface TusResult {
  url: string | null;
  status: number | null;
  body: string;
  error: Error | null;
}

export type TusOptions = Partial<tus.UploadOptions> & { cookie?: string; csrf?: string | null };

/**
 * One tus-js-client upload, resolved when it succeeds or fails (no retries, so failures surface).
 * `stopAfter` aborts once that many bytes are acknowledged, like a user pressing pause.
 */
export function runTus(
  endpoint: string,
  input: Buffer | fs.ReadStream,
  opts: TusOptions & { stopAfter?: number } = {},
): Promise<TusResult & { upload: tus.Upload }> {
  const { cookie, csrf, stopAfter, ...options } = opts;
  return new Promise((resolve) => {
    let last: { status: number; body: string } | null = null;
    const upload: tus.Upload = new tus.Upload(input, {
      endpoint,
      chunkSize: 256 * 1024,
      retryDelays: null,
      storeFingerprintForResuming: false,
      headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      metadata: { purpose: 'test-file', filename: 'test.pdf' },
      ...options,
      onAfterResponse: (req, res) => {
        last = { status: res.getStatus(), body: res.getBody() };
        return options.onAfterResponse?.(req, res);
      },
      onChunkComplete: (_size, accepted) => {
        if (stopAfter !== undefined && accepted >= stopAfter) {
          void upload.abort().then(() => resolve({ upload, url: upload.url, ...lastOf(), error: null }));
        }
      },
      onSuccess: () => resolve({ upload, url: upload.url, ...lastOf(), error: null }),
      onError: (error) => resolve({ upload, url: upload.url, ...lastOf(), error }),
    });
    const lastOf = () => ({ status: last?.status ?? null, body: last?.body ?? '' });
    upload.start();
  });
}
