import type { RandomAccessSource } from './source.ts';

export interface TopLevelBox {
  type: string;
  offset: number;
  size: number;
}

export interface BoxLayout {
  boxes: TopLevelBox[];
  moov: TopLevelBox | null;
  /** An mdat came before the moov (not "fast start"). */
  moovAtEnd: boolean;
  /** A box claims more bytes than the file has, or the headers stop making sense. */
  damaged: boolean;
}

/** Fragmented files have a moof per fragment; past this many boxes we stop (moov is up front there). */
const MAX_TOP_LEVEL_BOXES = 64;
const BOX_TYPE = /^[\x20-\x7e]{4}$/;

/**
 * Walk the top-level ISO BMFF boxes by reading only their 8–16 byte headers at known offsets, so
 * a moov at the end of a 2 GB file costs a handful of small reads, not a scan.
 */
export async function walkTopLevelBoxes(source: RandomAccessSource): Promise<BoxLayout> {
  const layout: BoxLayout = { boxes: [], moov: null, moovAtEnd: false, damaged: false };
  let offset = 0;
  while (offset + 8 <= source.size && layout.boxes.length < MAX_TOP_LEVEL_BOXES) {
    const box = await readBoxHeader(source, offset);
    if (!box) {
      layout.damaged = true;
      break;
    }
    layout.boxes.push(box);
    if (offset + box.size > source.size) layout.damaged = true;
    if (box.type === 'moov' && !layout.moov) {
      layout.moov = box;
      layout.moovAtEnd = layout.boxes.some((b) => b.type === 'mdat');
    }
    if (layout.damaged) break;
    offset += box.size;
  }
  return layout;
}

async function readBoxHeader(source: RandomAccessSource, offset: number): Promise<TopLevelBox | null> {
  const head = await source.read(offset, 16);
  if (head.length < 8) return null;
  const type = head.toString('latin1', 4, 8);
  if (!BOX_TYPE.test(type)) return null;
  const size32 = head.readUInt32BE(0);
  let size: number;
  if (size32 === 1) {
    // 64-bit "largesize" follows the type (files over 4 GB, or muxers that always use it).
    if (head.length < 16) return null;
    size = Number(head.readBigUInt64BE(8));
  } else if (size32 === 0) {
    size = source.size - offset; // "extends to the end of the file"
  } else {
    size = size32;
  }
  const headerSize = size32 === 1 ? 16 : 8;
  return size < headerSize ? null : { type, offset, size };
}
