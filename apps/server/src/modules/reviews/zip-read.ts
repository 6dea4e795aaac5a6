import { inflateRawSync } from 'node:zlib';

/**
 * A small reader for whole zip files held in memory, enough for Office documents: the central
 * directory gives each member's name, method and sizes (local headers may carry zeros when the
 * writer streamed them), then each member is read as stored or inflated. No zip64, no encryption:
 * Office documents of the sizes we accept never need either, and anything else is refused rather
 * than half-read.
 */

export interface ZipMember {
  name: string;
  /** Uncompressed bytes. */
  data: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export class ZipReadError extends Error {}

/** Every member, in central-directory order (the order the writer chose). */
export function readZip(bytes: Buffer): ZipMember[] {
  const eocd = findEndOfCentralDirectory(bytes);
  const count = bytes.readUInt16LE(eocd + 10);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (dirOffset === 0xffffffff || count === 0xffff) throw new ZipReadError('zip64 is not supported');
  const members: ZipMember[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL)
      throw new ZipReadError('broken central directory');
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const localOffset = bytes.readUInt32LE(p + 42);
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    // Folder entries ("word/", "ppt/media/") are legal in any zip, Office's own writers merely
    // omit them; they hold no data (some writers still mark them deflated with zero bytes, which
    // inflate cannot read), so they are not members.
    if (name.endsWith('/') && size === 0) continue;
    if (flags & 1) throw new ZipReadError(`encrypted member ${name}`);
    const raw = bytes.subarray(...localDataRange(bytes, localOffset, compressedSize));
    members.push({ name, data: decode(raw, method, size, name) });
  }
  return members;
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  // 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const lowest = Math.max(0, bytes.length - 22 - 65_535);
  for (let i = bytes.length - 22; i >= lowest; i--) if (bytes.readUInt32LE(i) === EOCD) return i;
  throw new ZipReadError('not a zip file');
}

/** The member's data follows its local header, whose name and extra lengths may differ from the central copy. */
function localDataRange(bytes: Buffer, offset: number, compressedSize: number): [number, number] {
  if (offset + 30 > bytes.length || bytes.readUInt32LE(offset) !== LOCAL)
    throw new ZipReadError('broken local header');
  const start = offset + 30 + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
  if (start + compressedSize > bytes.length) throw new ZipReadError('member runs past the end');
  return [start, start + compressedSize];
}

function decode(raw: Buffer, method: number, size: number, name: string): Buffer {
  let data: Buffer;
  if (size === 0 && raw.length <= 2)
    data = Buffer.alloc(0); // an empty file, with or without a deflate end block
  else if (method === STORED) data = Buffer.from(raw);
  // The bound keeps a lying size field (a zip bomb) from inflating more than it announced.
  else if (method === DEFLATED) data = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) });
  else throw new ZipReadError(`unsupported compression method ${method} for ${name}`);
  if (data.length !== size) throw new ZipReadError(`size mismatch for ${name}`);
  return data;
}
