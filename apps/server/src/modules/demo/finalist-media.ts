import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { imagePdf } from '../previews/image-pdf.ts';

const run = promisify(execFile);
const FONT = 'Noto Sans CJK SC';
/** A4 at 150 dpi, as an office scanner saves a page. */
const PAGE = { width: 1240, height: 1754 };
const A4_POINTS = { width: 595.28, height: 841.89 };

/**
 * What the demo's 复赛 finalists carry besides the manuscript, made with ffmpeg at seed time (never
 * shipped): a short 720p/25p H.264 + AAC lecture video, and each entry's 推荐表 drawn as a scanned
 * A4 page inside a PDF. Null when ffmpeg is missing: the demo then goes without them. The video is
 * 720p, not the spec's 1080p: within the hard limits (its size and 5-second length are noted as
 * warnings), and six of them transcode at first start in seconds instead of a minute, ahead of
 * whatever a person queues next.
 */
export interface FinalistMedia {
  /** A temporary MP4 to copy per entry. */
  videoPath: string;
  scan: (form: ScanFields) => Promise<Buffer>;
  dispose: () => Promise<void>;
}

export interface ScanFields {
  campaignTitle: string;
  unitName: string;
  name: string;
  gender: string;
  orgAndPosition: string;
  title: string;
}

/** The demo video's length; the classroom seed records it before the transcode measures it. */
export const FINALIST_VIDEO_SECONDS = 5;
const SECONDS = FINALIST_VIDEO_SECONDS;

export async function prepareFinalistMedia(log: (line: string) => void): Promise<FinalistMedia | null> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jt-demo-media-'));
  const dispose = () => fs.rm(dir, { recursive: true, force: true });
  const videoPath = path.join(dir, 'lecture.mp4');
  try {
    await encodeVideo(dir, videoPath);
  } catch (error) {
    await dispose();
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    log(
      missing
        ? '未找到 ffmpeg：演示数据中的复赛作品不生成宣讲视频和推荐表扫描件（安装 ffmpeg 后，清空数据目录重新启动即可生成）'
        : `演示视频生成失败，复赛作品不带宣讲视频和推荐表扫描件：${(error as Error).message}`,
    );
    return null;
  }
  let n = 0;
  return {
    videoPath,
    dispose,
    scan: async (form) => {
      const jpeg = await drawScan(dir, `scan-${++n}`, form);
      return imagePdf([{ jpeg, ...A4_POINTS }]);
    },
  };
}

/** testsrc2 picture with a caption and a 440 Hz tone; without the caption if drawtext is unavailable. */
async function encodeVideo(dir: string, out: string) {
  const caption = path.join(dir, 'caption.txt');
  await fs.writeFile(caption, '演示市 微宣讲 · 演示视频');
  const args = (vf: string[]) => [
    ...['-y', '-loglevel', 'error', '-nostdin'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=25:duration=${SECONDS}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`],
    ...vf,
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '8M', '-maxrate', '8M', '-bufsize', '16M'],
    ...['-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', '-shortest', out],
  ];
  const text = `drawtext=font=${FONT}:textfile=${caption}:fontsize=48:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=16:x=(w-text_w)/2:y=h-130`;
  try {
    await run('ffmpeg', args(['-vf', text]));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    await run('ffmpeg', args([]));
  }
}

/** One white A4 page with the form's fields, table lines and a red stamp, as a JPEG. */
async function drawScan(dir: string, name: string, f: ScanFields): Promise<Buffer> {
  const lines: { text: string; x: number; y: number; size: number; color?: string }[] = [
    { text: `${f.campaignTitle}`, x: 120, y: 150, size: 34 },
    { text: '决赛推荐表', x: 520, y: 210, size: 48 },
    { text: `推荐单位：${f.unitName}`, x: 140, y: 330, size: 30 },
    { text: `姓名：${f.name}`, x: 140, y: 430, size: 30 },
    { text: `性别：${f.gender}`, x: 700, y: 430, size: 30 },
    { text: `所在基层党组织及职务：${f.orgAndPosition}`, x: 140, y: 530, size: 30 },
    { text: `宣讲题目：${f.title}`, x: 140, y: 630, size: 30 },
    { text: '讲稿提纲：一、故事  二、道理  三、行动', x: 140, y: 730, size: 30 },
    { text: '推荐单位意见：同意推荐。', x: 140, y: 1300, size: 30 },
    { text: '（盖章）', x: 820, y: 1420, size: 30 },
    { text: `${f.unitName}`, x: 760, y: 1370, size: 30, color: 'red@0.75' },
  ];
  const filters: string[] = [];
  for (const [i, l] of lines.entries()) {
    const file = path.join(dir, `${name}-${i}.txt`);
    await fs.writeFile(file, l.text);
    filters.push(
      `drawtext=font=${FONT}:textfile=${file}:fontsize=${l.size}:fontcolor=${l.color ?? 'black'}:x=${l.x}:y=${l.y}`,
    );
  }
  // The form's table, and the stamp's ring over the unit's name.
  for (const y of [300, 400, 500, 600, 700, 1250])
    filters.push(`drawbox=x=110:y=${y}:w=1020:h=3:color=black:t=fill`);
  filters.push(
    'drawbox=x=110:y=300:w=3:h=1250:color=black:t=fill',
    'drawbox=x=1127:y=300:w=3:h=1250:color=black:t=fill',
  );
  filters.push(
    'drawbox=x=110:y=1550:w=1020:h=3:color=black:t=fill',
    'drawbox=x=730:y=1330:w=340:h=120:color=red@0.6:t=6',
  );
  // A scanner's slight grey and noise.
  filters.push('noise=alls=6:allf=t', 'eq=brightness=-0.03');
  const out = path.join(dir, `${name}.jpg`);
  await run('ffmpeg', [
    ...['-y', '-loglevel', 'error', '-nostdin', '-f', 'lavfi'],
    ...['-i', `color=c=white:s=${PAGE.width}x${PAGE.height}:d=1`],
    ...['-vf', filters.join(','), '-frames:v', '1', '-q:v', '4', out],
  ]);
  return fs.readFile(out);
}
