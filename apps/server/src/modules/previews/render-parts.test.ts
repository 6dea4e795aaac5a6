import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagePdf, jpegSize } from './image-pdf.ts';
import { PdfShapeError, splitPdfPages } from './pdf-pages.ts';

function jpeg(size: string): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-jpeg-'));
  try {
    const file = path.join(dir, 'p.jpg');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `color=c=white:s=${size}`,
      '-frames:v',
      '1',
      file,
    ]);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the PDF a blind judge reads', () => {
  const portrait = jpeg('124x175');
  const landscape = jpeg('160x90');
  const pdf = imagePdf([
    { jpeg: portrait, width: 595.28, height: 841.89 },
    { jpeg: landscape, width: 793.7, height: 446.46 },
  ]);

  it('holds the page images and nothing else', () => {
    expect(jpegSize(landscape)).toEqual({ w: 160, h: 90 });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    const keys = new Set(text.replace(/stream\n[\s\S]*?endstream/g, '').match(/\/[A-Za-z]+/g));
    expect([...keys].sort()).toEqual(
      [
        '/BitsPerComponent',
        '/Catalog',
        '/ColorSpace',
        '/Contents',
        '/Count',
        '/DCTDecode',
        '/DeviceRGB',
        '/Filter',
        '/Height',
        '/Image',
        '/Kids',
        '/Length',
        '/MediaBox',
        '/P',
        '/Page',
        '/Pages',
        '/Parent',
        '/Resources',
        '/Root',
        '/Size',
        '/Subtype',
        '/Type',
        '/Width',
        '/XObject',
      ].sort(),
    );
  });

  it('splits into single-page PDFs that keep each page and its size', () => {
    const pages = splitPdfPages(pdf, 10);
    expect(pages.map((p) => [p.width, p.height])).toEqual([
      [595.28, 841.89],
      [793.7, 446.46],
    ]);
    for (const [i, page] of pages.entries()) {
      // The original bytes stay, an update re-points the page tree at one page.
      expect(page.bytes.subarray(0, pdf.length).equals(pdf)).toBe(true);
      const update = page.bytes.subarray(pdf.length).toString('latin1');
      expect(update).toContain(`/Kids[${3 + i * 3} 0 R]/Count 1`);
      expect(update).toMatch(/\/Prev \d+>>\nstartxref\n\d+\n%%EOF\n$/);
      // The update's own xref entry points at the new page tree object.
      const offset = Number(/\n2 1\n(\d{10}) 00000 n \n/.exec(update)![1]);
      expect(page.bytes.subarray(offset, offset + 8).toString('latin1')).toBe('2 0 obj\n');
    }
  });

  it('refuses too many pages and PDFs it was not made for', () => {
    expect(() => splitPdfPages(pdf, 1)).toThrow('too many pages');
    expect(() =>
      splitPdfPages(Buffer.from('%PDF-1.5\n1 0 obj<</Type/XRef>>\nstartxref\n9\n%%EOF\n'), 10),
    ).toThrow(PdfShapeError);
  });
});
