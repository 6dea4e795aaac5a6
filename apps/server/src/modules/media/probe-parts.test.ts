import { describe, expect, it } from 'vitest';
import { detectContainer } from './detect-container.ts';
import { walkTopLevelBoxes } from './probe-boxes.ts';
import { frameTiming, matrixRotation } from './probe-timing.ts';
import { bufferSource } from './source.ts';

/** An ISO BMFF box: 32-bit size + type + body. */
function box(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}
const ftyp = (brand: string) => box('ftyp', Buffer.from(`${brand}\0\0\0\0isomiso2mp41`, 'latin1'));

describe('detectContainer (first bytes only)', () => {
  it('tells MP4 from QuickTime by the ftyp brand, and QuickTime without ftyp by its first atom', () => {
    expect(detectContainer(ftyp('isom'))).toBe('mp4');
    expect(detectContainer(ftyp('mp42'))).toBe('mp4');
    expect(detectContainer(ftyp('qt  '))).toBe('mov');
    expect(detectContainer(box('moov'))).toBe('mov');
    expect(detectContainer(box('mdat'))).toBe('mov');
  });

  it('tells Matroska from WebM by the EBML DocType, and finds AVI', () => {
    const ebml = (docType: string) =>
      Buffer.concat([
        Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x80 | docType.length]),
        Buffer.from(docType),
      ]);
    expect(detectContainer(ebml('matroska'))).toBe('mkv');
    expect(detectContainer(ebml('webm'))).toBe('webm');
    expect(detectContainer(Buffer.from('RIFF\x10\0\0\0AVI LIST', 'latin1'))).toBe('avi');
    expect(detectContainer(Buffer.from('RIFF\x10\0\0\0WAVEfmt ', 'latin1'))).toBe('unknown');
    expect(detectContainer(Buffer.from('%PDF-1.7'))).toBe('unknown');
  });
});

describe('walkTopLevelBoxes', () => {
  it('finds the moov after the mdat, reading only headers and counting the bytes', async () => {
    const file = Buffer.concat([
      ftyp('isom'),
      box('mdat', Buffer.alloc(100_000)),
      box('moov', Buffer.alloc(50)),
    ]);
    const source = bufferSource(file);
    const layout = await walkTopLevelBoxes(source);
    expect(layout.boxes.map((b) => b.type)).toEqual(['ftyp', 'mdat', 'moov']);
    expect(layout).toMatchObject({ moovAtEnd: true, damaged: false, moov: { offset: 100_036, size: 58 } });
    expect(source.bytesRead).toBeLessThanOrEqual(3 * 16);
  });

  it('follows a 64-bit largesize and a size-0 box that runs to the end', async () => {
    const large = Buffer.alloc(16 + 1000);
    large.writeUInt32BE(1, 0);
    large.write('mdat', 4, 'latin1');
    large.writeBigUInt64BE(BigInt(large.length), 8);
    const toEnd = box('moov', Buffer.alloc(40));
    toEnd.writeUInt32BE(0, 0);
    const layout = await walkTopLevelBoxes(bufferSource(Buffer.concat([ftyp('isom'), large, toEnd])));
    expect(layout.boxes.map((b) => [b.type, b.size])).toEqual([
      ['ftyp', 28],
      ['mdat', 1016],
      ['moov', 48],
    ]);
    expect(layout.damaged).toBe(false);
  });

  it('marks a box that runs past the end of the file (a truncated copy) as damaged', async () => {
    const mdat = box('mdat', Buffer.alloc(1000));
    const layout = await walkTopLevelBoxes(
      bufferSource(Buffer.concat([ftyp('isom'), mdat.subarray(0, 500)])),
    );
    expect(layout).toMatchObject({ damaged: true, moov: null });
  });

  it('stops at garbage instead of wandering through it', async () => {
    const layout = await walkTopLevelBoxes(
      bufferSource(Buffer.concat([ftyp('isom'), Buffer.alloc(64, 0xff)])),
    );
    expect(layout).toMatchObject({ damaged: true, moov: null });
    expect(layout.boxes).toHaveLength(1);
  });
});

describe('frameTiming', () => {
  it('gives the exact constant rate, ignoring the shorter last frame', () => {
    expect(frameTiming([99, 1], [512, 256], 12800)).toEqual({ frameRate: 25, variableFrameRate: false });
    expect(frameTiming([300], [1001], 30000).frameRate).toBeCloseTo(29.97, 2);
  });

  it('tolerates 90 kHz rounding and one odd frame, but not a rate that changes', () => {
    expect(frameTiming([50, 50], [3600, 3601], 90000).variableFrameRate).toBe(false);
    expect(frameTiming([200, 1, 200], [3600, 7200, 3600], 90000).variableFrameRate).toBe(false);
    const vfr = frameTiming([60, 20], [3000, 9000], 90000);
    expect(vfr.variableFrameRate).toBe(true);
    expect(vfr.frameRate).toBeCloseTo((80 * 90000) / (60 * 3000 + 20 * 9000), 5);
  });

  it('returns 0 for an empty table', () => {
    expect(frameTiming([], [], 90000)).toEqual({ frameRate: 0, variableFrameRate: false });
  });
});

describe('matrixRotation', () => {
  const one = 0x10000;
  it('reads the quarter turns a phone writes', () => {
    expect(matrixRotation([one, 0, 0, 0, one, 0, 0, 0, 0x40000000])).toBe(0);
    expect(matrixRotation([0, one, 0, -one, 0, 0, 0, 0, 0x40000000])).toBe(90);
    expect(matrixRotation([-one, 0, 0, 0, -one, 0, 0, 0, 0x40000000])).toBe(180);
    expect(matrixRotation([0, -one, 0, one, 0, 0, 0, 0, 0x40000000])).toBe(270);
  });
});
