import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { AppError } from '../../lib/errors.ts';
import { missingCommand, spawnTied } from '../../lib/tied-child.ts';

/**
 * Converts `input` to PDF in `outDir` with LibreOffice headless and returns the PDF's path. Each run
 * gets its own profile under `workDir` (LibreOffice refuses to start twice on one profile, so
 * parallel jobs would clash), a time limit, and is killed with its whole process group on abort:
 * `soffice` is a wrapper that starts soffice.bin, which a plain kill would leave running. The group
 * also dies with this process (spawnTied), so a killed server leaves no LibreOffice behind.
 */
export function convertToPdf(opts: {
  input: string;
  outDir: string;
  workDir: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}): Promise<string> {
  const profile = pathToFileURL(path.join(opts.workDir, 'lo-profile')).href;
  const args = [
    `-env:UserInstallation=${profile}`,
    '--headless',
    '--norestore',
    '--nologo',
    '--nolockcheck',
    '--convert-to',
    'pdf',
    '--outdir',
    opts.outDir,
    opts.input,
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
      const pdf = path.join(opts.outDir, `${path.parse(opts.input).name}.pdf`);
      // soffice exits 0 even when it could not load the file; the missing PDF tells.
      if (code === 0 && !timedOut) return resolve(pdf);
      reject(new Error(timedOut ? 'soffice timed out' : `soffice exited ${code}: ${output.trim()}`));
    });
  });
}
