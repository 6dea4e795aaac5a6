import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { AppError } from '../../lib/errors.ts';
import { missingCommand, spawnTied } from '../../lib/tied-child.ts';

export interface SofficeRun {
  /** Files to convert in one LibreOffice start (it loads each in turn). */
  inputs: string[];
  /** `--convert-to` value: an extension, optionally with `:filter` and its options. */
  convertTo: string;
  /** Import filter to force, e.g. `draw_pdf_import` so a PDF opens as drawing pages. */
  infilter?: string;
  outDir: string;
  workDir: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * Runs LibreOffice headless once. Each run gets its own profile under `workDir` (LibreOffice refuses
 * to start twice on one profile, so parallel jobs would clash), a time limit, and is killed with its
 * whole process group on abort: `soffice` is a wrapper that starts soffice.bin, which a plain kill
 * would leave running. The group also dies with this process (spawnTied), so a killed server leaves
 * no LibreOffice behind. soffice exits 0 even when it could not load a file: callers check outputs.
 */
export function runSoffice(opts: SofficeRun): Promise<void> {
  const profile = pathToFileURL(path.join(opts.workDir, 'lo-profile')).href;
  const args = [
    `-env:UserInstallation=${profile}`,
    '--headless',
    '--norestore',
    '--nologo',
    '--nolockcheck',
    ...(opts.infilter ? [`--infilter=${opts.infilter}`] : []),
    '--convert-to',
    opts.convertTo,
    '--outdir',
    opts.outDir,
    ...opts.inputs,
  ];
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(opts.signal.reason);
    const child = spawnTied('soffice', args, { env: { ...process.env, HOME: opts.workDir } });
    let output = '';
    const keep = (d: Buffer) => void (output = (output + d.toString()).slice(-2000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const kill = () => child.killGroup();
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs ?? 120_000);
    opts.signal?.addEventListener('abort', kill, { once: true });
    const done = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', kill);
    };
    const notInstalled = () =>
      new AppError('INTERNAL', '服务器未安装 LibreOffice（soffice），无法生成在线预览');
    child.on('error', (err) => {
      done();
      reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? notInstalled() : err);
    });
    child.on('close', (code) => {
      done();
      if (opts.signal?.aborted) return reject(opts.signal.reason);
      if (missingCommand(code, output)) return reject(notInstalled());
      if (code === 0 && !timedOut) return resolve();
      reject(new Error(timedOut ? 'soffice timed out' : `soffice exited ${code}: ${output.trim()}`));
    });
  });
}

/** Converts one file to PDF in `outDir` and returns the PDF's path (which the caller must check). */
export async function convertToPdf(
  opts: Omit<SofficeRun, 'inputs' | 'convertTo'> & { input: string; convertTo?: string },
): Promise<string> {
  await runSoffice({ ...opts, inputs: [opts.input], convertTo: opts.convertTo ?? 'pdf' });
  return path.join(opts.outDir, `${path.parse(opts.input).name}.pdf`);
}
