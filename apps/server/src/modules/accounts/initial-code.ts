import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.ts';

/**
 * The one-time initial password of a member account is derived, never stored: HMAC-SHA256 of the
 * account id and its issue counter, written in an alphabet without look-alikes (no 0/O, 1/I/L). A
 * reissue bumps the counter, so every slip printed before stops working; setting one's own password
 * replaces the placeholder hash, after which no code is accepted at all.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;

/** password_hash of an account that has no password of its own yet: no password verifies against it. */
export const NO_PASSWORD_YET = 'initial-code';

export function deriveCode(key: Buffer, userId: string, issue: number): string {
  const mac = createHmac('sha256', key).update(`${userId}:${issue}`).digest();
  // 128 bits reduced to 10 symbols of 31 (≈ 49.5 bits): the bias of the modulo is below 2^-78.
  let n = BigInt(`0x${mac.subarray(0, 16).toString('hex')}`);
  const base = BigInt(CODE_ALPHABET.length);
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    out += CODE_ALPHABET[Number(n % base)];
    n /= base;
  }
  return out;
}

/** As printed: two groups of five, easier to copy from paper. */
export const formatCode = (code: string) => `${code.slice(0, 5)} ${code.slice(5)}`;

/** What a person typed: spaces and dashes dropped, lower case accepted. */
export const normalizeCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

export interface CodeAccount {
  id: string;
  password_hash: string;
  activated_at: Date | null;
  code_issue: number;
  code_issued_at: Date | null;
}

/** True when the account is waiting for its first sign-in with an initial password. */
export const awaitsInitialCode = (u: CodeAccount) =>
  u.password_hash === NO_PASSWORD_YET && u.activated_at === null && u.code_issued_at !== null;

export function codeExpiresAt(issuedAt: Date, days: number): Date {
  return new Date(issuedAt.getTime() + days * 86_400_000);
}

/**
 * The rules in one place: the account waits for a code, the typed code matches the current issue, and
 * it has not expired. A right code past its date is told apart (the person holds the slip, so the
 * answer reveals nothing) and still counts as a failed attempt.
 */
export function checkCode(
  key: Buffer,
  u: CodeAccount,
  typed: string,
  now: Date,
  days: number,
): 'ok' | 'expired' | 'wrong' {
  if (!awaitsInitialCode(u) || !u.code_issued_at) return 'wrong';
  const expected = Buffer.from(deriveCode(key, u.id, u.code_issue));
  const given = Buffer.from(normalizeCode(typed));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'wrong';
  return codeExpiresAt(u.code_issued_at, days) <= now ? 'expired' : 'ok';
}

const keys = new Map<string, Buffer>();

/**
 * ACCOUNT_CODE_SECRET when set (several instances must share it), else a random key made once at
 * DATA_DIR/secrets/account-codes.key (mode 0600). Made by writing a private file and linking it into
 * place, so two processes starting at once end up with the same key.
 */
export function codeKey(config: Pick<Config, 'ACCOUNT_CODE_SECRET' | 'dataDir'>): Buffer {
  if (config.ACCOUNT_CODE_SECRET) return Buffer.from(config.ACCOUNT_CODE_SECRET, 'utf8');
  const file = path.join(config.dataDir, 'secrets', 'account-codes.key');
  const cached = keys.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, randomBytes(32).toString('base64'), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length < 32) throw new Error(`初始密码密钥文件已损坏：${file}，请删除后重新签发未激活的账号`);
  keys.set(file, key);
  return key;
}
