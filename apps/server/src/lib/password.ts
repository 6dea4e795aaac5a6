import { passwordProblem as sharedPasswordProblem } from '@jiangtai/contracts';
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

// OWASP's scrypt floor (N=2^17, r=8, p=1) costs ~128 MB and ~250 ms per login on these machines;
// N=2^15 keeps a login under 100 ms while staying far above brute-force comfort. Stored per hash,
// so it can be raised later without breaking old hashes.
const N = 2 ** 15;
const r = 8;
const p = 1;
const KEY_LEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LEN, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
    maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

/**
 * Password rules (shared with the web form): null when acceptable, else the words shown beside the
 * field. `admin` asks for the longer administrator minimum.
 */
export function passwordProblem(password: string, username?: string, admin = false): string | null {
  return sharedPasswordProblem(password, { username, admin });
}

/** A temporary password for new accounts and resets: readable, no ambiguous characters. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return /\d/.test(out) && /[a-zA-Z]/.test(out) ? out : temporaryPassword();
}
