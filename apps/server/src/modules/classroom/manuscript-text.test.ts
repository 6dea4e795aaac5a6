import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import type { DetectedFileType } from '../../db/types.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { cjkFonts } from '../awards/certificate-pdf.ts';
import { insertPlatformFile, platformStorage, writePlatformBytes } from '../uploads/platform-files.ts';
import { docxText, extractManuscriptText, MANUSCRIPT_TEXT_MAX } from './manuscript-text.ts';

/** Manuscripts' text from real DOCX and PDF files stored through the uploads module. */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

async function store(bytes: Buffer, detectedType: DetectedFileType, mime: string) {
  const storage = platformStorage(t.deps);
  const key = await writePlatformBytes(t.deps, storage, { bytes, mime });
  return insertPlatformFile(
    t.db,
    { storage, key, uploadedBy: null },
    { bytes, name: `讲稿.${detectedType}`, mime, detectedType },
  );
}

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function docx(paragraphs: string[]) {
  const doc = new Document({
    sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

async function pdf(lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font(cjkFonts().serif, 'NotoSerifCJKsc-Regular').fontSize(14);
  for (const line of lines) doc.text(line);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('extractManuscriptText', () => {
  it('reads the paragraphs of a DOCX, markup characters included as text', async () => {
    const id = await store(
      await docx(['学习焦裕禄精神', '兰考的泡桐树 & 风沙 <治理>', '第三段']),
      'docx',
      DOCX_MIME,
    );
    expect(await extractManuscriptText(t.deps, id)).toBe(
      '学习焦裕禄精神\n兰考的泡桐树 & 风沙 <治理>\n第三段',
    );
  });

  it('reads the text of a PDF with pdftotext', async () => {
    const id = await store(await pdf(['塞罕坝的林海', '三代人的绿色接力']), 'pdf', 'application/pdf');
    const text = await extractManuscriptText(t.deps, id);
    expect(text).toContain('塞罕坝的林海');
    expect(text).toContain('三代人的绿色接力');
  });

  it('caps a very long manuscript', async () => {
    const id = await store(await docx(['长'.repeat(MANUSCRIPT_TEXT_MAX + 500)]), 'docx', DOCX_MIME);
    expect(await extractManuscriptText(t.deps, id)).toHaveLength(MANUSCRIPT_TEXT_MAX);
  });

  it('gives no text for kinds it cannot read and for damaged files; 404 for a missing file', async () => {
    const slides = await store(Buffer.from('PK not really'), 'pptx', 'application/octet-stream');
    expect(await extractManuscriptText(t.deps, slides)).toBe('');
    const broken = await store(Buffer.from('PK broken zip'), 'docx', DOCX_MIME);
    expect(await extractManuscriptText(t.deps, broken)).toBe('');
    const badPdf = await store(Buffer.from('%PDF-1.4 broken'), 'pdf', 'application/pdf');
    expect(await extractManuscriptText(t.deps, badPdf)).toBe('');
    await expect(extractManuscriptText(t.deps, '999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('decodes character references and keeps tabs', () => {
    const xml = Buffer.from(
      '<w:p><w:r><w:t>A&#x4E2D;&#22269;</w:t><w:tab/><w:t xml:space="preserve"> B</w:t></w:r></w:p>',
    );
    expect(docxText(xml)).toBe('A中国\t B\n');
  });
});
