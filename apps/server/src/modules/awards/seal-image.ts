import { inflateSync } from 'node:zlib';

/**
 * What a seal image is, read from its bytes (the declared type and the file name are not trusted),
 * and whether it is whole: a file that only starts like a PNG or JPEG (a renamed program, a cut-off
 * download) is refused at upload, so no certificate fails to draw later.
 */
export type SealMime = 'image/png' | 'image/jpeg';

/** Larger than any seal needs, small enough to decode at once. */
export const SEAL_MAX_SIDE = 4000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG or JPEG by their signatures, before any check of the rest. */
export function imageType(b: Buffer): SealMime | null {
  if (b.length > 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  return null;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** A PNG whose chunks are all there, whose header is sound and whose pixel data decompresses. */
function pngIsWhole(b: Buffer): boolean {
  let at = 8;
  let header: { width: number; height: number; depth: number; color: number; interlaced: boolean } | null =
    null;
  const data: Buffer[] = [];
  let ended = false;
  while (at + 12 <= b.length) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > b.length) return false;
    const body = b.subarray(at + 8, at + 8 + length);
    if (!header && (type !== 'IHDR' || length !== 13)) return false;
    if (type === 'IHDR')
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8]!,
        color: body[9]!,
        interlaced: body[12] === 1,
      };
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    at += 12 + length;
  }
  if (!header || !ended || !data.length) return false;
  const { width, height, depth, color, interlaced } = header;
  const channels = CHANNELS[color];
  if (!channels || ![1, 2, 4, 8, 16].includes(depth)) return false;
  if (width < 1 || height < 1 || width > SEAL_MAX_SIDE || height > SEAL_MAX_SIDE) return false;
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(data));
  } catch {
    return false;
  }
  // Interlaced rows come in seven passes of varying width: only a non-interlaced size is exact.
  const rowBytes = 1 + Math.ceil((width * channels * depth) / 8);
  return interlaced ? pixels.length > 0 : pixels.length === rowBytes * height;
}

/** A JPEG with a frame header of a sensible size before its scan, and an end marker. */
function jpegIsWhole(b: Buffer): boolean {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return false;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = b.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > b.length) return false;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): the frame header with the size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      if (length < 8) return false;
      const height = b.readUInt16BE(at + 5);
      const width = b.readUInt16BE(at + 7);
      const sane = width >= 1 && height >= 1 && width <= SEAL_MAX_SIDE && height <= SEAL_MAX_SIDE;
      return sane && b.includes(Buffer.from([0xff, 0xd9]), at + 2 + length);
    }
    if (marker === 0xda) return false;
    at += 2 + length;
  }
  return false;
}

/** The image's type when it is a whole PNG or JPEG, else null. */
export function sealImageType(b: Buffer): SealMime | null {
  const mime = imageType(b);
  if (mime === 'image/png') return pngIsWhole(b) ? mime : null;
  if (mime === 'image/jpeg') return jpegIsWhole(b) ? mime : null;
  return null;
}
