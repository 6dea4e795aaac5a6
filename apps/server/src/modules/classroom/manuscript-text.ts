import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import type { AppDeps } from '../../lib/deps.ts';
import { notFound } from '../../lib/errors.ts';
import { localCopy, openStoredFile } from '../uploads/stored-files.ts';

/**
 * The text of a lecture's manuscript (讲稿), for search (`manuscript_text`). DOCX: the paragraphs of
 * word/document.xml, read straight from the zip (no Office needed). PDF: `pdftotext` from
 * poppler-utils (docs/DEPLOYMENT.md). Other kinds (old .doc, slides) give no text. The text is capped:
 * a manuscript is a few thousand characters; a book-length upload must not bloat every search row.
 */
export const MANUSCRIPT_TEXT_MAX = 50_000;
/** Files larger than this are not read for text (a manuscript is well under a megabyte). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_XML_BYTES = 30 * 1024 * 1024;
const run = promisify(execFile);

type Deps = Pick<AppDeps, 'db' | 'config'>;

export async function extractManuscriptText(deps: Deps, fileId: string): Promise<string> {
  const file = await deps.db
    .selectFrom('stored_files')
    .select(['id', 'detected_type', 'storage', 'storage_key', 'size_bytes'])
    .where('id', '=', fileId)
    .executeTakeFirst();
  if (!file) throw notFound('讲稿文件');
  if (Number(file.size_bytes) > MAX_FILE_BYTES) return '';
  let text = '';
  if (file.detected_type === 'docx') {
    const source = await openStoredFile(deps, file);
    try {
      const xml = zipEntry(await source.read(0, source.size), 'word/document.xml');
      text = xml ? docxText(xml) : '';
    } finally {
      await source.close?.();
    }
  } else if (file.detected_type === 'pdf') {
    text = await pdfText(deps, file);
  }
  return tidy(text);
}

/** Collapses runs of spaces and blank lines, and cuts at the cap (never inside a surrogate pair). */
function tidy(text: string): string {
  const out = text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
  if (out.length <= MANUSCRIPT_TEXT_MAX) return out;
  const cut = /[\uD800-\uDBFF]/.test(out[MANUSCRIPT_TEXT_MAX - 1]!)
    ? MANUSCRIPT_TEXT_MAX - 1
    : MANUSCRIPT_TEXT_MAX;
  return out.slice(0, cut);
}

async function pdfText(deps: Deps, file: Parameters<typeof localCopy>[1]): Promise<string> {
  const copy = await localCopy(deps, file);
  try {
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-q', copy.path, '-'], {
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    // Form feeds separate pages.
    return stdout.replace(/\f/g, '\n');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT')
      throw new Error('未安装 pdftotext（poppler-utils），无法读取 PDF 讲稿的文字');
    // A damaged or encrypted PDF: the lecture is still published, its manuscript just not searchable.
    return '';
  } finally {
    await copy.cleanup();
  }
}

/** One entry of a zip held in memory, found through the central directory; null if absent or damaged. */
export function zipEntry(zip: Buffer, name: string): Buffer | null {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && p + 46 <= zip.length; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) return null;
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    if (zip.toString('utf8', p + 46, p + 46 + nameLength) === name) {
      if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      try {
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data, { maxOutputLength: MAX_XML_BYTES });
      } catch {
        return null;
      }
      return null;
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function character(entity: string): string {
  if (entity[0] !== '#') return ENTITIES[entity.toLowerCase()]!;
  const code =
    entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => character(e));

/** The visible text of word/document.xml: runs' text, tabs and breaks, a line per paragraph. */
export function docxText(xml: Buffer): string {
  const s = xml.toString('utf8');
  const out: string[] = [];
  const token = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<w:cr\/>|<\/w:p>/g;
  for (let m = token.exec(s); m; m = token.exec(s)) {
    if (m[1] !== undefined) out.push(decode(m[1]));
    else if (m[0] === '<w:tab/>') out.push('\t');
    else out.push('\n');
  }
  return out.join('');
}
