import { AppError } from '../../lib/errors.ts';
import { exitSignal, missingCommand, spawnTied } from '../../lib/tied-child.ts';

/**
 * Runs ffmpeg with `-progress pipe:1` and reports the share of `durationSeconds` written so far
 * (out_time_us), capped at 99 until ffmpeg exits cleanly. Aborting the signal kills ffmpeg; so
 * does the death of this process (spawnTied), so a killed server leaves no encoder running.
 */
export function runFfmpeg(
  args: string[],
  opts: { durationSeconds?: number; onProgress?: (pct: number) => void; signal?: AbortSignal } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(abortError(opts.signal));
    const child = spawnTied('ffmpeg', [
      '-hide_banner',
      '-nostdin',
      '-y',
      '-loglevel',
      'error',
      '-progress',
      'pipe:1',
      '-nostats',
      ...args,
    ]);
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^out_time_us=(\d+)/.exec(line.trim());
        if (m && opts.durationSeconds && opts.onProgress) {
          const pct = (Number(m[1]) / 1e6 / opts.durationSeconds) * 100;
          opts.onProgress(Math.max(0, Math.min(99, pct)));
        }
      }
    });
    const onAbort = () => child.killGroup();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const notInstalled = () =>
      new AppError('INTERNAL', '服务器未安装 ffmpeg，无法处理视频。请管理员安装 ffmpeg 后点击“重试”');
    child.on('error', (err) => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? notInstalled() : err);
    });
    child.on('close', (code, closeSignal) => {
      const signal = exitSignal(code, closeSignal);
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.signal?.aborted) return reject(abortError(opts.signal));
      if (code === 0) return resolve();
      if (missingCommand(code, stderr)) return reject(notInstalled());
      const detail = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 400);
      reject(
        new AppError(
          'UNSUPPORTED_FILE',
          `视频转码失败（ffmpeg ${signal ? `被信号 ${signal} 终止` : `退出码 ${code}`}）：${detail || '无详细信息'}。请确认视频能在电脑上正常播放，必要时重新导出后上传`,
        ),
      );
    });
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('已取消');
}
