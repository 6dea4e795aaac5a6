/**
 * HLS remux speed for a compliant file, in multiples of real time (media duration / wall time).
 *
 *   npm run bench:remux -w bench [-- --iterations 3]
 *
 * Generates once a 60 s 1080p25 H.264 (8 Mbps) + AAC MP4 into bench/.data. Then, in the same run:
 *   ours    — transcodeToHls() on it: the remux path (stream copy into 6 s MPEG-TS segments, master
 *             playlist, and the poster frame from the same ffmpeg process, atomic publish);
 *   segment — the HLS stream copy alone (no poster, no publish);
 *   floor   — plain `ffmpeg -i in -c copy out.mp4`: the least any stream copy can cost;
 *   ladder  — what a file that cannot be remuxed costs: the 1080/720/480 ladder encode of the same
 *             file's first 10 s, in one ffmpeg process, as transcodeToHls does it.
 * Prints the median of each and the ratios; the target for ours is ≥ 200x real time.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { probeForTranscode } from '../apps/server/src/modules/media/transcode-probe.ts';
import { transcodeToHls } from '../apps/server/src/modules/media/transcode.ts';
import { runFfmpeg } from '../apps/server/src/modules/media/transcode-ffmpeg.ts';
import { ladderArgs, ladderRungs, remuxArgs } from '../apps/server/src/modules/media/transcode-plan.ts';

const TARGET = 200;
const run = promisify(execFile);
const { values } = parseArgs({ options: { iterations: { type: 'string', default: '3' } } });
const iterations = Number(process.env.BENCH_ITERATIONS ?? values.iterations);

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '.data');
const source = path.join(dataDir, 'remux-1080p25-60s.mp4');
if (!fs.existsSync(source)) {
  fs.mkdirSync(dataDir, { recursive: true });
  console.log(`generating ${path.relative(process.cwd(), source)} (once) …`);
  const partial = `${source}.partial.mp4`;
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1920x1080:rate=25:duration=60',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000:duration=60',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-b:v',
    '8M',
    '-maxrate',
    '8M',
    '-bufsize',
    '16M',
    '-pix_fmt',
    'yuv420p',
    '-g',
    '50',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-movflags',
    '+faststart',
    partial,
  ]);
  fs.renameSync(partial, source);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-remux-bench-'));
const info = await probeForTranscode(source);
const duration = info.durationSeconds;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function median(label: string, fn: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) times.push(await time(() => fn(i)));
  times.sort((a, b) => a - b);
  const m = times[Math.floor(times.length / 2)]!;
  console.log(`  ${label.padEnd(44)} ${(m * 1000).toFixed(0).padStart(7)} ms`);
  return m;
}

console.log(
  `\nsource: ${info.video?.width}x${info.video?.height} ${info.video?.frameRate}fps ${info.video?.codecLabel}` +
    ` + ${info.audio?.codecLabel}, ${duration.toFixed(1)} s, ${(fs.statSync(source).size / 1e6).toFixed(1)} MB; ` +
    `median of ${iterations}, ${os.cpus().length} CPU(s), load average ${os.loadavg()[0]!.toFixed(1)}\n`,
);

let mode = '';
const ours = await median('ours: transcodeToHls (remux + poster)', async (i) => {
  const out = path.join(work, `hls-${i}`);
  mode = (await transcodeToHls({ input: source, outDir: out, info })).mode;
  fs.rmSync(out, { recursive: true, force: true });
});
if (mode !== 'remux') throw new Error(`expected the remux path, got ${mode}`);
const segment = await median('segment: HLS stream copy alone (no poster)', async (i) => {
  const out = path.join(work, `seg-${i}`);
  fs.mkdirSync(out);
  await runFfmpeg(remuxArgs(source, out, info, { segmentType: 'mpegts', segmentSeconds: 6 }), {
    durationSeconds: duration,
    onProgress: () => {},
  });
  fs.rmSync(out, { recursive: true, force: true });
});
const floor = await median('floor: ffmpeg -c copy to one MP4', async (i) => {
  const out = path.join(work, `copy-${i}.mp4`);
  await runFfmpeg(['-i', source, '-map', '0', '-c', 'copy', out]);
  fs.rmSync(out, { force: true });
});
const ladderSeconds = Math.min(10, duration);
const rungs = ladderRungs(info);
const ladder = await median(
  `ladder: ${rungs.map((r) => r.name).join('+')} encode of first ${ladderSeconds} s`,
  async (i) => {
    const out = path.join(work, `ladder-${i}`);
    fs.mkdirSync(out);
    await runFfmpeg([
      '-t',
      String(ladderSeconds),
      ...ladderArgs(source, out, info, rungs, { segmentType: 'mpegts', segmentSeconds: 6 }),
    ]);
    fs.rmSync(out, { recursive: true, force: true });
  },
);
const startup = await median('ffmpeg start-up alone (-version)', () =>
  runFfmpeg(['-version']).catch(() => {}),
);
fs.rmSync(work, { recursive: true, force: true });

const x = (media: number, wall: number) => `${(media / wall).toFixed(1)}x real time`;
const oursX = duration / ours;
console.log(`
  ours    ${x(duration, ours).padStart(18)}   (target ≥ ${TARGET}x: ${oursX >= TARGET ? 'met' : 'NOT met'})
  segment ${x(duration, segment).padStart(18)}   (stream copy alone; one ffmpeg start costs ${(startup * 1000).toFixed(0)} ms here)
  floor   ${x(duration, floor).padStart(18)}   ours/floor = ${(floor / ours).toFixed(2)} (1.00 = as fast as a bare stream copy)
  ladder  ${x(ladderSeconds, ladder).padStart(18)}   ours/ladder = ${(oursX / (ladderSeconds / ladder)).toFixed(0)}x faster than re-encoding
`);
