import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../lib/password.ts';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  NO_PASSWORD_YET,
  checkCode,
  codeKey,
  deriveCode,
  formatCode,
  type CodeAccount,
} from './initial-code.ts';

const key = Buffer.alloc(32, 7);
const issuedAt = new Date('2026-07-01T02:00:00Z');
const day = 86_400_000;
const waiting = (over: Partial<CodeAccount> = {}): CodeAccount => ({
  id: '42',
  password_hash: NO_PASSWORD_YET,
  activated_at: null,
  code_issue: 1,
  code_issued_at: issuedAt,
  ...over,
});

describe('initial password derivation', () => {
  it('is ten characters of the alphabet without look-alikes, the same each time', () => {
    const code = deriveCode(key, '42', 1);
    expect(code).toHaveLength(CODE_LENGTH);
    expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(deriveCode(key, '42', 1)).toBe(code);
  });

  it('differs per account, per issue and per key', () => {
    const code = deriveCode(key, '42', 1);
    expect(deriveCode(key, '43', 1)).not.toBe(code);
    expect(deriveCode(key, '42', 2)).not.toBe(code);
    expect(deriveCode(Buffer.alloc(32, 8), '42', 1)).not.toBe(code);
  });

  it('no password verifies against the placeholder hash', async () => {
    expect(await verifyPassword('', NO_PASSWORD_YET)).toBe(false);
    expect(await verifyPassword(NO_PASSWORD_YET, NO_PASSWORD_YET)).toBe(false);
  });
});

describe('initial password check', () => {
  const code = deriveCode(key, '42', 1);
  const now = new Date(issuedAt.getTime() + day);

  it('accepts the code as printed (grouped), in lower case, or with a dash', () => {
    expect(checkCode(key, waiting(), code, now, 30)).toBe('ok');
    expect(checkCode(key, waiting(), formatCode(code), now, 30)).toBe('ok');
    expect(checkCode(key, waiting(), `${code.slice(0, 5)}-${code.slice(5)}`.toLowerCase(), now, 30)).toBe(
      'ok',
    );
  });

  it('refuses a wrong code and a code of another length', () => {
    expect(checkCode(key, waiting(), deriveCode(key, '43', 1), now, 30)).toBe('wrong');
    expect(checkCode(key, waiting(), code.slice(0, 9), now, 30)).toBe('wrong');
  });

  it('a reissue invalidates the old code', () => {
    expect(checkCode(key, waiting({ code_issue: 2 }), code, now, 30)).toBe('wrong');
    expect(checkCode(key, waiting({ code_issue: 2 }), deriveCode(key, '42', 2), now, 30)).toBe('ok');
  });

  it('expires the given number of days after issue', () => {
    const lastMoment = new Date(issuedAt.getTime() + 30 * day - 1);
    expect(checkCode(key, waiting(), code, lastMoment, 30)).toBe('ok');
    expect(checkCode(key, waiting(), code, new Date(issuedAt.getTime() + 30 * day), 30)).toBe('expired');
    // A wrong code past the date is just wrong: the answer tells nothing to someone without the slip.
    expect(
      checkCode(key, waiting(), deriveCode(key, '43', 1), new Date(issuedAt.getTime() + 31 * day), 30),
    ).toBe('wrong');
  });

  it('an activated account, or one with its own password, accepts no code', () => {
    expect(checkCode(key, waiting({ activated_at: now }), code, now, 30)).toBe('wrong');
    expect(checkCode(key, waiting({ password_hash: 'scrypt$32768$8$1$AA==$AA==' }), code, now, 30)).toBe(
      'wrong',
    );
    expect(checkCode(key, waiting({ code_issued_at: null }), code, now, 30)).toBe('wrong');
  });
});

describe('the key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-key-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is made once in the data directory, readable by the owner only, and kept', () => {
    const first = codeKey({ dataDir: dir, ACCOUNT_CODE_SECRET: undefined });
    const file = path.join(dir, 'secrets', 'account-codes.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(codeKey({ dataDir: dir, ACCOUNT_CODE_SECRET: undefined }).equals(first)).toBe(true);
  });

  it('comes from ACCOUNT_CODE_SECRET when set, so several instances agree', () => {
    const secret = 'x'.repeat(40);
    const a = codeKey({ dataDir: path.join(dir, 'a'), ACCOUNT_CODE_SECRET: secret });
    const b = codeKey({ dataDir: path.join(dir, 'b'), ACCOUNT_CODE_SECRET: secret });
    expect(a.equals(b)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'a'))).toBe(false);
  });
});
