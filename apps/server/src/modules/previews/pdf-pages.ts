/**
 * Splits a PDF that LibreOffice wrote (classic xref table, plain page tree) into one PDF per page,
 * so each page can be rendered to an image on its own: LibreOffice's image export renders only the
 * first page of a document. Each single-page file is the original plus a small incremental update
 * that points the page tree's root at that one page. Only PDFs the platform made itself come here
 * (the upload is always opened and saved by LibreOffice first), so the reader can stay this small
 * and refuses anything else.
 */

export interface PdfPage {
  /** A complete PDF showing only this page. */
  bytes: Buffer;
  /** The page's size in points (1/72 inch), rotation applied. */
  width: number;
  height: number;
}

export class PdfShapeError extends Error {}

/** Page-tree keys a page inherits from its ancestors (PDF 32000-1, 7.7.3.4). */
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

export function splitPdfPages(pdf: Buffer, maxPages: number): PdfPage[] {
  const raw = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(raw)?.[1] ?? NaN);
  if (!Number.isFinite(startxref)) throw new PdfShapeError('no startxref');
  const offsets = readXrefTable(raw, startxref);
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(raw.slice(startxref))?.[1] ?? '';
  const root = ref(trailer, 'Root');
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1] ?? NaN);
  if (root === null || !Number.isFinite(size)) throw new PdfShapeError('no trailer');

  const object = (num: number): string => {
    const at = offsets.get(num);
    if (at === undefined) throw new PdfShapeError(`object ${num} missing`);
    const text = raw.slice(at, raw.indexOf('endobj', at));
    if (!new RegExp(`^${num}\\s+\\d+\\s+obj`).test(text)) throw new PdfShapeError(`object ${num} misplaced`);
    return text;
  };
  const pagesRoot = ref(object(root), 'Pages');
  if (pagesRoot === null) throw new PdfShapeError('no page tree');

  const leaves: { num: number; inherited: Map<string, string> }[] = [];
  const walk = (num: number, inherited: Map<string, string>, depth: number) => {
    if (depth > 32 || leaves.length > maxPages) return;
    const dict = object(num);
    const own = new Map(inherited);
    for (const key of INHERITED) {
      const value = entry(dict, key);
      if (value !== null) own.set(key, value);
    }
    if (/\/Type\s*\/Pages\b/.test(dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
      for (const m of kids.matchAll(/(\d+)\s+\d+\s+R/g)) walk(Number(m[1]), own, depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(dict)) {
      leaves.push({ num, inherited: own });
    }
  };
  walk(pagesRoot, new Map(), 0);
  if (leaves.length === 0) throw new PdfShapeError('no pages');
  if (leaves.length > maxPages) throw new PdfShapeError('too many pages');

  return leaves.map(({ num, inherited }) => {
    // The new root carries what the page inherited, so the page looks exactly as it did.
    const carried = [...inherited].map(([k, v]) => `/${k} ${v}`).join('');
    const body = `${pagesRoot} 0 obj\n<</Type/Pages/Kids[${num} 0 R]/Count 1${carried}>>\nendobj\n`;
    const head = Buffer.concat([pdf, Buffer.from('\n', 'latin1')]);
    const xrefAt = head.length + Buffer.byteLength(body, 'latin1');
    const update =
      body +
      `xref\n0 1\n0000000000 65535 f \n${pagesRoot} 1\n${String(head.length).padStart(10, '0')} 00000 n \n` +
      `trailer\n<</Size ${size}/Root ${root} 0 R/Prev ${startxref}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const box = numbers(inherited.get('CropBox') ?? inherited.get('MediaBox') ?? '[0 0 595 842]');
    const rotate = Number(inherited.get('Rotate') ?? 0);
    const [x0 = 0, y0 = 0, x1 = 595, y1 = 842] = box;
    const w = Math.abs(x1 - x0);
    const h = Math.abs(y1 - y0);
    const turned = Math.abs(rotate) % 180 === 90;
    return {
      bytes: Buffer.concat([head, Buffer.from(update, 'latin1')]),
      width: turned ? h : w,
      height: turned ? w : h,
    };
  });
}

function readXrefTable(raw: string, at: number): Map<number, number> {
  if (!raw.startsWith('xref', at)) throw new PdfShapeError('not a classic xref table');
  const offsets = new Map<number, number>();
  const section = /(\d+)\s+(\d+)\s*[\r\n]+/y;
  let p = at + 4;
  while (/\s/.test(raw[p] ?? '')) p++;
  for (;;) {
    section.lastIndex = p;
    const m = section.exec(raw);
    if (!m) break;
    const first = Number(m[1]);
    const count = Number(m[2]);
    p = section.lastIndex;
    for (let i = 0; i < count; i++) {
      const row = /^(\d{10}) (\d{5}) ([nf])/.exec(raw.slice(p, p + 20));
      if (!row) throw new PdfShapeError('broken xref row');
      if (row[3] === 'n') offsets.set(first + i, Number(row[1]));
      p += 20;
      while (/[\r\n ]/.test(raw[p] ?? '') && !/\d/.test(raw[p] ?? '')) p++;
    }
  }
  return offsets;
}

function ref(dict: string, key: string): number | null {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict);
  return m ? Number(m[1]) : null;
}

/** A page-tree entry's value as text: an array, a reference or a number (dictionaries included). */
function entry(dict: string, key: string): string | null {
  const at = new RegExp(`/${key}(?![A-Za-z])\\s*`).exec(dict);
  if (!at) return null;
  const rest = dict.slice(at.index + at[0].length);
  if (rest.startsWith('[')) return rest.slice(0, rest.indexOf(']') + 1);
  if (rest.startsWith('<<')) return balancedDict(rest);
  const m = /^(\d+\s+\d+\s+R|-?[\d.]+)/.exec(rest);
  return m ? m[1]! : null;
}

function balancedDict(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (text.startsWith('<<', i)) {
      depth++;
      i++;
    } else if (text.startsWith('>>', i)) {
      depth--;
      i++;
      if (depth === 0) return text.slice(0, i + 1);
    }
  }
  throw new PdfShapeError('unbalanced dictionary');
}

function numbers(array: string): number[] {
  return (array.match(/-?\d+(?:\.\d+)?|-?\.\d+/g) ?? []).map(Number);
}
