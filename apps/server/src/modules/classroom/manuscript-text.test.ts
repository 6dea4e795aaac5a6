import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxText } from './manuscript-text.ts';

describe('a manuscript’s text for search', () => {
  it('reads the paragraphs of a DOCX, one a line', async () => {
    const doc = new Document({
      sections: [{ children: [new Paragraph('焦裕禄精神代代传'), new Paragraph('同志们：A & B <好>')] }],
    });
    const text = docxText(Buffer.from(await Packer.toBuffer(doc)));
    expect(text).toBe('焦裕禄精神代代传\n同志们：A & B <好>');
  });

  it('gives nothing for what is not a DOCX', () => {
    expect(docxText(Buffer.from('%PDF-1.4 not a zip'))).toBe('');
    expect(docxText(Buffer.alloc(0))).toBe('');
  });
});
