import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sealImageType } from './seal-image.ts';
import { sealPng } from './test-seal.ts';

/** A 16×16 red JPEG (baseline, as a camera or an editor saves it). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgUFBcUFxsbGxsbGyAeICEhISAgICAhISEkJCQqKiokJCQhISQkKCgqKi4vLisrKisvLzIyMjw8OTlGRkhWVmf/xABMAAEBAAAAAAAAAAAAAAAAAAAABgEBAQAAAAAAAAAAAAAAAAAABgcQAQAAAAAAAAAAAAAAAAAAAAARAQAAAAAAAAAAAAAAAAAAAAD/wAARCAAQABADASIAAhEAAxEA/9oADAMBAAIRAxEAPwCLAFF/f//Z',
  'base64',
);

/** The chunks of a PNG, to rebuild one with a chunk changed. */
function chunks(png: Buffer) {
  const out: { type: string; body: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    out.push({ type: png.toString('latin1', at + 4, at + 8), body: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}
function png(parts: { type: string; body: Buffer }[]) {
  return Buffer.concat([
    sealPng().subarray(0, 8),
    ...parts.map((c) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(c.body.length, 0);
      head.write(c.type, 4, 'latin1');
      return Buffer.concat([head, c.body, Buffer.alloc(4)]);
    }),
  ]);
}

describe('seal image check', () => {
  it('takes a whole PNG and a whole JPEG', () => {
    expect(sealImageType(sealPng())).toBe('image/png');
    expect(sealImageType(JPEG)).toBe('image/jpeg');
  });

  it('refuses a program renamed with a PNG or JPEG start', () => {
    const exe = Buffer.from('MZ\x90\x00 This program cannot be run in DOS mode.'.repeat(20), 'latin1');
    expect(sealImageType(Buffer.concat([sealPng().subarray(0, 8), exe]))).toBeNull();
    expect(sealImageType(Buffer.concat([JPEG.subarray(0, 3), exe]))).toBeNull();
    expect(sealImageType(exe)).toBeNull();
  });

  it('refuses a cut-off image', () => {
    const whole = sealPng();
    expect(sealImageType(whole.subarray(0, whole.length - 20))).toBeNull();
    expect(sealImageType(JPEG.subarray(0, 120))).toBeNull();
  });

  it('refuses pixel data that does not decompress, or not to the size the header says', () => {
    const parts = chunks(sealPng());
    const garbled = parts.map((c) => (c.type === 'IDAT' ? { ...c, body: Buffer.from('not zlib data') } : c));
    expect(sealImageType(png(garbled))).toBeNull();
    const short = parts.map((c) => (c.type === 'IDAT' ? { ...c, body: deflateSync(Buffer.alloc(10)) } : c));
    expect(sealImageType(png(short))).toBeNull();
  });

  it('refuses an absurd size (a decompression bomb)', () => {
    const parts = chunks(sealPng());
    const huge = parts.map((c) => {
      if (c.type !== 'IHDR') return c;
      const body = Buffer.from(c.body);
      body.writeUInt32BE(50_000, 0);
      body.writeUInt32BE(50_000, 4);
      return { ...c, body };
    });
    expect(sealImageType(png(huge))).toBeNull();
  });

  it('refuses SVG and empty files', () => {
    expect(
      sealImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
    ).toBeNull();
    expect(sealImageType(Buffer.alloc(0))).toBeNull();
  });
});
