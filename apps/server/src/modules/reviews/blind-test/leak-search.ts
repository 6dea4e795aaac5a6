import { inflateSync } from 'node:zlib';
import { readZip } from '../zip-read.ts';

/**
 * Looks for a person in what a judge received, the way someone determined to find them would:
 * in every text encoding a file format uses (UTF-8, UTF-16 in both byte orders, and each of those
 * as hex, upper and lower case), and inside containers — zip members (an Office file, and an Office
 * file embedded in one), and every compressed PDF stream — since compression hides bytes from a
 * plain search.
 */

export function encodings(text: string): Buffer[] {
  const utf8 = Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  const hex = [utf8, le, be].flatMap((b) => [b.toString('hex'), b.toString('hex').toUpperCase()]);
  return [utf8, le, be, ...hex.map((h) => Buffer.from(h, 'latin1'))];
}

/** The bytes themselves and, recursively, whatever is packed inside them. */
export function unpack(bytes: Buffer, where = 'body', depth = 0): { where: string; bytes: Buffer }[] {
  const out = [{ where, bytes }];
  if (depth > 4) return out;
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    try {
      for (const m of readZip(bytes)) out.push(...unpack(m.data, `${where} › ${m.name}`, depth + 1));
    } catch {
      // not a zip after all: the raw bytes were searched
    }
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const raw = bytes.toString('latin1');
    for (const m of raw.matchAll(/stream\r?\n/g)) {
      const end = raw.indexOf('endstream', m.index);
      if (end < 0) break;
      try {
        const data = inflateSync(bytes.subarray(m.index + m[0].length, end));
        out.push(...unpack(data, `${where} › stream@${m.index}`, depth + 1));
      } catch {
        // not Flate (images, or already plain): the raw bytes were searched
      }
    }
  }
  return out;
}

/** Which of `needles` appear anywhere in `bytes` (unpacked), with where. */
export function findIdentity(bytes: Buffer, needles: string[]): string[] {
  const found: string[] = [];
  const parts = unpack(bytes);
  for (const text of needles)
    for (const b of encodings(text))
      for (const p of parts) if (p.bytes.includes(b)) found.push(`${text} in ${p.where}`);
  return [...new Set(found)];
}
