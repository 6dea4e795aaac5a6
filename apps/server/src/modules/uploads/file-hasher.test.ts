import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileHasher } from './file-hasher.ts';
import { sha256, tempDir } from './test-support.ts';

const dir = tempDir('jt-hasher-');
const hashers: FileHasher[] = [];
const hasher = () => {
  const h = new FileHasher();
  hashers.push(h);
  return h;
};
afterAll(async () => {
  for (const h of hashers) await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SHA-256 of a growing upload file, on a worker thread', () => {
  it('follows the file while it is appended to and gives the digest of all of it', async () => {
    const file = path.join(dir, 'growing');
    const bytes = randomBytes(12 * 1024 * 1024 + 3);
    fs.writeFileSync(file, '');
    const h = hasher();
    h.follow(file);
    for (let at = 0; at < bytes.length; at += 1024 * 1024) {
      fs.appendFileSync(file, bytes.subarray(at, at + 1024 * 1024));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await h.digest(file, bytes.length)).toBe(sha256(bytes));
  });

  it('starts from the first byte when it never saw the file (after a restart)', async () => {
    const file = path.join(dir, 'existing');
    const bytes = randomBytes(3 * 1024 * 1024);
    fs.writeFileSync(file, bytes);
    expect(await hasher().digest(file, bytes.length)).toBe(sha256(bytes));
  });

  it('answers null when the file is shorter than asked or gone', async () => {
    const file = path.join(dir, 'short');
    fs.writeFileSync(file, randomBytes(1000));
    const h = hasher();
    expect(await h.digest(file, 2000)).toBeNull();
    expect(await h.digest(path.join(dir, 'missing'), 10)).toBeNull();
  });
});
