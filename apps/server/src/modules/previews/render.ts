import fsp from 'node:fs/promises';
import path from 'node:path';
import { missingCommand, spawnTied } from '../../lib/tied-child.ts';
import { AppError } from '../../lib/errors.ts';
import { imagePdf, jpegSize, type ImagePage } from './image-pdf.ts';
import { PdfShapeError, splitPdfPages } from './pdf-pages.ts';
import { convertToPdf, runSoffice } from './soffice.ts';

/**
 * The platform's own rendering of a document, the only form in which a judge of a blind round
 * receives it. Rather than cleaning the upload and hoping the list of places to clean is complete
 * (document properties, embedded images' EXIF and XMP, embedded workbooks, custom XML, alt text,
 * PDF attachments and annotations…), the document is printed to pixels and a new PDF is written
 * around JPEGs the platform encoded: only what a reader sees on the page can survive.
 *
 *   Office file → LibreOffice → PDF;  PDF → LibreOffice Draw → PDF (so the next step reads only PDFs
 *   LibreOffice wrote) → one PDF per page → LibreOffice → PNG per page → ffmpeg → JPEG → imagePdf.
 *   Images skip straight to ffmpeg.
 */

export const RENDERABLE = new Set(['docx', 'pptx', 'doc', 'ppt', 'pdf', 'jpeg', 'png']);

/** Pages beyond this are refused: manuscripts and courseware are far shorter, and each costs a render. */
export const MAX_PAGES = 200;
/** Rendering resolution, and a cap on the longer side so a poster-sized page stays a sane image. */
const DPI = 150;
const MAX_SIDE = 2400;

export interface RenderOptions {
  input: string;
  type: string;
  workDir: string;
  signal?: AbortSignal;
  /** Limit for each LibreOffice run. */
  timeoutMs?: number;
}

export async function renderPlatformPdf(opts: RenderOptions): Promise<Buffer> {
  if (opts.type === 'jpeg' || opts.type === 'png') {
    const jpeg = await reencode(opts.input, path.join(opts.workDir, 'image.jpg'), opts.signal);
    const { w, h } = jpegSize(jpeg);
    return imagePdf([{ jpeg, width: (w * 72) / DPI, height: (h * 72) / DPI }]);
  }
  const pdf = await libreOfficePdf(opts);
  let pages;
  try {
    pages = splitPdfPages(pdf, MAX_PAGES);
  } catch (err) {
    if (err instanceof PdfShapeError && err.message === 'too many pages')
      throw new AppError('UNSUPPORTED_FILE', `文档超过 ${MAX_PAGES} 页，无法生成评审用 PDF`);
    throw err;
  }
  const pagesDir = path.join(opts.workDir, 'pages');
  await fsp.mkdir(pagesDir);
  const pixels = pages.map((p) => {
    const scale = Math.min(DPI / 72, MAX_SIDE / Math.max(p.width, p.height));
    return { w: Math.max(1, Math.round(p.width * scale)), h: Math.max(1, Math.round(p.height * scale)) };
  });
  const names = pages.map((_, i) => `p${String(i + 1).padStart(4, '0')}`);
  await Promise.all(pages.map((p, i) => fsp.writeFile(path.join(pagesDir, `${names[i]}.pdf`), p.bytes)));
  // One LibreOffice start per distinct page size (the pixel size is an option of the whole run).
  const groups = new Map<string, number[]>();
  pixels.forEach((px, i) => groups.set(`${px.w}x${px.h}`, [...(groups.get(`${px.w}x${px.h}`) ?? []), i]));
  const pngDir = path.join(opts.workDir, 'png');
  await fsp.mkdir(pngDir);
  for (const indexes of groups.values()) {
    const { w, h } = pixels[indexes[0]!]!;
    await runSoffice({
      inputs: indexes.map((i) => path.join(pagesDir, `${names[i]}.pdf`)),
      infilter: 'draw_pdf_import',
      convertTo: `png:draw_png_Export:${JSON.stringify({
        PixelWidth: { type: 'long', value: w },
        PixelHeight: { type: 'long', value: h },
      })}`,
      outDir: pngDir,
      workDir: opts.workDir,
      signal: opts.signal,
      timeoutMs: (opts.timeoutMs ?? 120_000) + indexes.length * 2_000,
    });
  }
  const out: ImagePage[] = [];
  for (const [i, page] of pages.entries()) {
    const png = path.join(pngDir, `${names[i]}.png`);
    const jpeg = await reencode(png, path.join(pngDir, `${names[i]}.jpg`), opts.signal);
    out.push({ jpeg, width: page.width, height: page.height });
  }
  return imagePdf(out);
}

/** The document as a PDF written by LibreOffice (never the upload's own PDF bytes). */
async function libreOfficePdf(opts: RenderOptions): Promise<Buffer> {
  const outDir = path.join(opts.workDir, 'lo');
  await fsp.mkdir(outDir);
  const pdf = await convertToPdf({
    input: opts.input,
    outDir,
    workDir: opts.workDir,
    signal: opts.signal,
    timeoutMs: opts.timeoutMs,
    ...(opts.type === 'pdf' ? { infilter: 'draw_pdf_import', convertTo: 'pdf:draw_pdf_Export' } : {}),
  });
  const bytes = await fsp.readFile(pdf).catch(() => null);
  if (!bytes || !bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('soffice wrote no PDF');
  return bytes;
}

/**
 * Decodes an image to pixels and encodes a fresh baseline JPEG: on white (transparency would turn
 * black), at most MAX_SIDE pixels, no metadata of any kind (`+bitexact` also drops ffmpeg's own
 * JFIF and comment segments).
 */
async function reencode(input: string, output: string, signal?: AbortSignal): Promise<Buffer> {
  const fit = `min(1\\,${MAX_SIDE}/max(iw\\,ih))`;
  await run(
    'ffmpeg',
    [
      '-hide_banner',
      '-nostdin',
      '-y',
      '-loglevel',
      'error',
      '-i',
      input,
      '-filter_complex',
      `[0:v]scale='trunc(${fit}*iw/2)*2':'trunc(${fit}*ih/2)*2',format=rgba,split[a][b];` +
        '[a]drawbox=c=white:t=fill[bg];[bg][b]overlay=format=auto,format=yuvj420p[out]',
      '-map',
      '[out]',
      '-frames:v',
      '1',
      '-map_metadata',
      '-1',
      '-flags',
      '+bitexact',
      '-q:v',
      '3',
      output,
    ],
    signal,
  );
  return fsp.readFile(output);
}

function run(cmd: string, args: string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    // Tied to this process like every ffmpeg the platform runs: a killed server leaves none behind.
    const child = spawnTied(cmd, args);
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-1000)));
    const kill = () => child.killGroup();
    signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (err) => {
      signal?.removeEventListener('abort', kill);
      reject(
        (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? new AppError('INTERNAL', `服务器未安装 ${cmd}，无法生成评审用 PDF`)
          : err,
      );
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', kill);
      if (signal?.aborted) return reject(signal.reason);
      if (missingCommand(code, stderr))
        return reject(new AppError('INTERNAL', `服务器未安装 ${cmd}，无法生成评审用 PDF`));
      if (code === 0) resolve();
      else reject(new Error(`${cmd} exited ${code}: ${stderr.trim()}`));
    });
  });
}
