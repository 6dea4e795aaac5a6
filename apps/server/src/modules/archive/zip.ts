import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { archiveCategoryLabels, formatBeijingDate } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { storedFileStream } from '../uploads/stored-files.ts';
import { contentDisposition, materialFileName, safeSegment } from '../entries/file-names.ts';
import { cjkFonts, renderCertificate } from '../awards/certificate-pdf.ts';
import { verifyUrl } from '../awards/service.ts';
import { readSeal } from '../awards/repository.ts';
import type { ArchiveScope } from './service.ts';
import * as repo from './repository.ts';
import { archiveFolders } from './folders.ts';
import { csvCell, itemText, planSheet } from './texts.ts';

type FileRef = Parameters<typeof storedFileStream>[1];
/** What goes into the zip: bytes from storage, a small text made now, or a certificate drawn when read. */
export type Part =
  | { path: string; kind: 'stream'; open: () => Readable; size: number; compress: boolean }
  | { path: string; kind: 'text'; body: Buffer }
  | { path: string; kind: 'lazy'; make: () => Promise<Buffer> };

const EXT: Record<string, string> = { jpeg: 'jpg' };
const ext = (t: string) => EXT[t] ?? t;
const VIDEO = new Set(['mp4', 'mov', 'mkv', 'webm', 'avi']);
const COMPRESSED = new Set([...VIDEO, 'jpeg', 'png', 'docx', 'pptx']);

/** The zip's entries in order: 目录.csv first, then each item's folder. Nothing read from storage yet. */
export async function archiveParts(
  deps: Pick<AppDeps, 'db' | 'config'>,
  scope: ArchiveScope,
  origin: string,
) {
  const { db } = deps;
  const { org, campaign, season } = scope;
  const rows = await repo.listItems(db, {
    campaignId: campaign.id,
    path: org.path,
    seasonFrom: season.from,
    seasonTo: season.to,
  });
  rows.reverse(); // oldest first reads like a season
  const ids = (c: string) => rows.filter((r) => r.category === c).map((r) => r.id);
  const [orgs, lectureFiles, entryFiles, lines, texts, awards] = await Promise.all([
    repo.subtreeOrgs(db, org.path),
    repo.lectureFiles(db, ids('lecture')),
    repo.entryFiles(db, ids('entry')),
    repo.planLines(db, ids('plan')),
    repo.lectureTexts(db, ids('lecture')),
    repo.awardItems(db, ids('result')),
  ]);
  let fonts = true;
  try {
    if (awards.length) cjkFonts();
  } catch {
    fonts = false;
  }
  const folderOf = archiveFolders(org, orgs);
  const parts: Part[] = [];
  const index: string[][] = [];
  const group = <T>(list: T[], key: (x: T) => string | null) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(key(x) ?? '', [...(m.get(key(x) ?? '') ?? []), x]);
    return m;
  };
  const lf = group(lectureFiles, (f) => f.record_id);
  const ef = group(entryFiles, (f) => f.entry_id);
  const pl = group(lines, (l) => l.plan_id);
  const tx = new Map(texts.map((t) => [t.id, t]));
  const aw = new Map(awards.map((a) => [a.id, a]));

  for (const r of rows) {
    const dir = folderOf(r, archiveCategoryLabels[r.category]);
    const row = (name: string, size: number | string) => index.push([...dir.columns, name, String(size)]);
    const text = (name: string, body: string) => {
      const buf = Buffer.from(body, 'utf8');
      parts.push({ path: `${dir.path}/${name}`, kind: 'text', body: buf });
      row(name, buf.length);
    };
    // Ids are per table: look an item up only among its own category's rows.
    const is = (c: string) => r.category === c;
    text('说明.txt', itemText(r, is('lecture') ? tx.get(r.id) : undefined));
    if (is('plan')) text('宣讲计划.csv', planSheet(pl.get(r.id) ?? []));
    const stored = (name: string, f: FileRef & { detected_type: string; size_bytes: string }) => {
      parts.push({
        path: `${dir.path}/${name}`,
        kind: 'stream',
        open: () => storedFileStream(deps, f),
        size: Number(f.size_bytes),
        compress: !COMPRESSED.has(f.detected_type),
      });
      row(name, f.size_bytes);
    };
    const count: Record<string, number> = {};
    for (const f of is('lecture') ? (lf.get(r.id) ?? []) : []) {
      const label = { photo: '照片', video: '视频', manuscript: '讲稿' }[f.kind];
      count[label] = (count[label] ?? 0) + 1;
      stored(`${label}-${count[label]}.${ext(f.detected_type)}`, f);
    }
    const names = new Set<string>();
    for (const f of is('entry') ? (ef.get(r.id) ?? []) : []) {
      let name = materialFileName(f.speaker_name, f.material, f.detected_type);
      for (let i = 2; names.has(name); i++) name = name.replace(/(\.[^.]+)$/, `(${i})$1`);
      names.add(name);
      stored(name, f);
    }
    const a = is('result') ? aw.get(r.id) : undefined;
    if (a && fonts) {
      const certDir = folderOf(r, archiveCategoryLabels.certificate);
      const name = `${a.certificate_no}-${safeSegment(a.kind === 'person' ? (a.speaker_name ?? '') : a.unit_name)}.pdf`;
      const date = a.issued_on ?? (a.published_at ? a.published_at.toISOString().slice(0, 10) : null);
      parts.push({
        path: `${certDir.path}/${name}`,
        kind: 'lazy',
        make: async () =>
          renderCertificate({
            kind: a.kind,
            campaignTitle: campaign.title,
            name: a.kind === 'person' ? (a.speaker_name ?? '') : a.unit_name,
            unitName: a.unit_name,
            title: a.title,
            award: a.tier,
            issuer: a.issuer,
            dateText: date ? formatBeijingDate(date) : '',
            number: a.certificate_no,
            verifyUrl: verifyUrl(origin, a.verify_code),
            seal: await readSeal(db, a.list_id),
          }),
      });
      index.push([...certDir.columns, name, '']);
    }
  }
  if (!fonts && awards.length) index.push(['', '获奖证书', '', '服务器缺少中文字体，本次未生成证书', '', '']);
  const csv = [['单位', '类别', '日期', '标题', '文件', '大小（字节）'], ...index]
    .map((cols) => cols.map(csvCell).join(','))
    .join('\r\n');
  // A BOM so that Excel opens the Chinese text as UTF-8.
  parts.unshift({ path: '目录.csv', kind: 'text', body: Buffer.from(`\ufeff${csv}\r\n`, 'utf8') });
  return { parts, rows };
}

/**
 * The zip as a stream, one stored file open at a time: yazl asks for the next file's stream only when
 * the previous one is written, and backpressure from the client paces the reads. When the client goes
 * away the open file stream is destroyed and no further file is opened.
 */
export function streamParts(parts: Part[]): Readable {
  const zip = new ZipFile();
  let current: Readable | null = null;
  let aborted = false;
  for (const p of parts) {
    if (p.kind === 'text') {
      zip.addBuffer(p.body, p.path, { compress: true });
      continue;
    }
    zip.addReadStreamLazy(p.path, { compress: p.kind === 'stream' ? p.compress : false }, (cb) => {
      if (aborted) return cb(new Error('下载已中止'), undefined as never);
      if (p.kind === 'lazy') {
        p.make().then(
          (buf) => cb(null, (current = Readable.from([buf]))),
          (error: Error) => cb(error, undefined as never),
        );
        return;
      }
      try {
        cb(null, (current = p.open()));
      } catch (error) {
        cb(error as Error, undefined as never);
      }
    });
  }
  zip.end();
  const out = zip.outputStream as Readable;
  out.on('close', () => {
    aborted = true;
    current?.destroy();
  });
  return out;
}

/** The download: parts, audit row (what was packed), the stream. */
export async function archiveZip(deps: AppDeps, scope: ArchiveScope, who: AuditWho, origin: string) {
  const { parts, rows } = await archiveParts(deps, scope, origin);
  if (rows.length === 0) throw conflict('该组织在本活动中还没有可归档的材料');
  const bytes = parts.reduce((n, p) => n + (p.kind === 'stream' ? p.size : 0), 0);
  await audit(deps.db, who, {
    action: 'archive.downloaded',
    entityType: 'campaign',
    entityId: scope.campaign.id,
    orgPath: scope.org.path,
    after: { orgId: scope.org.id, items: rows.length, files: parts.length, bytes },
  });
  const name = `${safeSegment(scope.org.name)}-${safeSegment(scope.campaign.title)}-活动档案.zip`;
  return { stream: streamParts(parts), disposition: contentDisposition('attachment', name) };
}
