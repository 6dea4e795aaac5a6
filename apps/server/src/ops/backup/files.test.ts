import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeKey } from '../../modules/accounts/initial-code.ts';
import { collectFiles } from './files.ts';

describe('files in a backup', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-backup-files-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('carries derived artefacts but never the key of the initial passwords', async () => {
    codeKey({ dataDir: dir, ACCOUNT_CODE_SECRET: undefined });
    expect(fs.existsSync(path.join(dir, 'secrets', 'account-codes.key'))).toBe(true);
    fs.mkdirSync(path.join(dir, 'previews'));
    fs.writeFileSync(path.join(dir, 'previews', '1.pdf'), '%PDF-1.7');
    const files = (await collectFiles(dir, [])).map((f) => f.path);
    expect(files).toEqual(['previews/1.pdf']);
  });
});
