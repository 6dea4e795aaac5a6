/**
 * Probe time per file: our moov-only probe (positional reads + mp4box) against spawning ffprobe.
 *
 *   npm run bench:probe -w bench [-- --iterations 200 --ffprobe-iterations 30 --seconds 60]
 *
 * Files (generated once with ffmpeg into the OS temp dir, cached): a 1080p25 8 Mbps H.264/AAC MP4
 * of `--seconds` with the moov in front (+faststart) and the same with the moov at the end, plus a
 * 10-minute 160×120 clip whose moov has the sample tables of a full 10-minute lecture.
 * Each run of ours opens the file, probes and closes it; ffprobe is run as the fallback would run it.
 * Prints p50/p95 for both, the bytes we read, the bytes ffprobe reports reading, and the ratio.
 * Targets: ≤ 10 ms and ≤ 1 MB read per file, for moov-front and moov-end files.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { parseArgs, promisify } from 'node:util';
import { probeMedia } from '../apps/server/src/modules/media/probe.ts';
import { ffprobeBin, ffprobeFile } from '../apps/server/src/modules/media/probe-ffprobe.ts';
import { fileSource } from '../apps/server/src/modules/media/source.ts';
import { makeTestVideo, type TestVideoOptions } from '../apps/server/src/modules/media/test-media.ts';
import { time } from './timing.ts';

const TARGET_MS = 10;
const TARGET_BYTES = 1024 * 1024;
const run = promisify(execFile);

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '200' },
    'ffprobe-iterations': { type: 'string', default: '30' },
    seconds: { type: 'string', default: '60' },
  },
});
const iterations = Number(values.iterations);
const ffIterations = Number(values['ffprobe-iterations']);
const seconds = Number(values.seconds);

async function ours(file: string) {
  const source = await fileSource(file);
  try {
    return await probeMedia(source);
  } finally {
    await source.close?.();
  }
}

/** ffprobe's own I/O statistics ("Statistics: N bytes read, M seeks"), logged at verbose level. */
async function ffprobeBytesRead(file: string): Promise<number | null> {
  const args = ['-v', 'verbose', '-print_format', 'json', '-show_format', '-show_streams', file];
  const { stderr } = await run(ffprobeBin(), args, { maxBuffer: 16 * 1024 * 1024 });
  const counts = [...stderr.matchAll(/Statistics: (\d+) bytes read/g)].map((m) => Number(m[1]));
  return counts.length ? counts.reduce((a, b) => a + b, 0) : null;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const fullHd: TestVideoOptions = { width: 1920, height: 1080, fps: 25, bitrateKbps: 8000, seconds };
  const files: [string, TestVideoOptions][] = [
    [`1080p ${seconds}s moov front`, { ...fullHd, faststart: true }],
    [`1080p ${seconds}s moov end`, { ...fullHd, faststart: false }],
    ['160×120 10min moov end', { width: 160, height: 120, bitrateKbps: 100, seconds: 600, faststart: false }],
  ];
  console.log(`生成/读取测试文件（首次需要用 ffmpeg 编码，之后走缓存）…`);
  const paths = [];
  for (const [, options] of files) paths.push(await makeTestVideo(options));
  console.log(`ours ×${iterations}, ffprobe ×${ffIterations}\n`);
  console.log(
    'file                       size      ours p50/p95 ms   ffprobe p50/p95 ms   ratio p50   ours read   ffprobe read   check',
  );
  let worstMs = 0;
  let worstBytes = 0;
  for (const [i, [label]] of files.entries()) {
    const file = paths[i]!;
    const info = await ours(file);
    const theirs = await ffprobeFile(file);
    const same =
      theirs?.video?.width === info.video?.width &&
      theirs?.video?.frameRate === info.video?.frameRate &&
      Math.abs((theirs?.durationSeconds ?? 0) - info.durationSeconds) < 0.1;
    const o = await time(() => ours(file), iterations);
    const f = await time(() => ffprobeFile(file), ffIterations);
    const ffRead = await ffprobeBytesRead(file);
    const { size } = await fs.stat(file);
    worstMs = Math.max(worstMs, o.p95);
    worstBytes = Math.max(worstBytes, info.bytesRead);
    console.log(
      [
        label.padEnd(26),
        mb(size).padEnd(9),
        `${o.p50.toFixed(2)} / ${o.p95.toFixed(2)}`.padEnd(17),
        `${f.p50.toFixed(1)} / ${f.p95.toFixed(1)}`.padEnd(20),
        `${(f.p50 / o.p50).toFixed(0)}x`.padEnd(11),
        kb(info.bytesRead).padEnd(11),
        (ffRead === null ? 'n/a' : kb(ffRead)).padEnd(14),
        same
          ? `${info.video?.width}×${info.video?.height} ${info.video?.frameRate}fps ${info.durationSeconds}s ✓`
          : 'MISMATCH',
      ].join(' '),
    );
  }
  const ok = worstMs <= TARGET_MS && worstBytes <= TARGET_BYTES;
  console.log(
    `\n最慢 p95 = ${worstMs.toFixed(2)} ms（目标 ≤ ${TARGET_MS} ms），最多读取 ${kb(worstBytes)}（目标 ≤ 1 MB）：${ok ? '达标' : '未达标'}`,
  );
}

await main();
