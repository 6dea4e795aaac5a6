import type { Readable } from 'node:stream';
import { entryMaterialLabels, type ReviewMaterialKind } from '@jiangtai/contracts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { storedFileStream } from '../uploads/stored-files.ts';
import {
  BLIND_PREVIEW_FAILED,
  BLIND_PREVIEW_PENDING,
  ensurePreview,
  PREVIEW_FAILED,
  PREVIEWABLE,
  previewFile as publishedPreview,
  previewStatus,
} from '../previews/previews-service.ts';
import type { DocumentPreviewStatus } from '../../db/types.ts';
import { blindContentDisposition, blindDownloadName } from './blind-files.ts';
import * as repo from './repository.ts';
import type { RoundRow } from './repository.ts';

const EXT: Record<string, string> = {
  pdf: 'pdf',
  docx: 'docx',
  pptx: 'pptx',
  doc: 'doc',
  ppt: 'ppt',
  jpeg: 'jpg',
  png: 'png',
};
const INLINE = new Set(['pdf', 'jpeg', 'png']);

type DocumentKind = Exclude<ReviewMaterialKind, 'video'>;
type Material = Awaited<ReturnType<typeof repo.currentMaterials>>[number];

/** What a judge gets for a document: a file on disk (the platform's PDF) or the stored original. */
export type JudgeFile =
  | { kind: 'path'; path: string; mime: string; disposition: string }
  | { kind: 'stream'; stream: Readable; mime: string; disposition: string };

/**
 * Documents as a judge receives them. In a blind round that is only ever the platform's own PDF
 * (previews/render.ts: pixels in a PDF the platform wrote), named by the entry code; until it is
 * ready, or if it could not be made, the judge gets a status, never the original. Open rounds keep
 * the original file, with the platform PDF as an in-browser preview.
 */
export function judgingDocuments(deps: AppDeps) {
  const { db, clock } = deps;

  /** The rendering's state, queued on first sight (the upload usually did it long before). */
  async function renderingStatus(f: Material, orgPath: string): Promise<DocumentPreviewStatus> {
    let status = await previewStatus(db, f.file_id);
    if (!status) {
      await ensurePreview(db, { fileId: f.file_id, orgPath, now: clock.now() });
      status = 'pending';
    }
    return status;
  }

  /** The documents block of a judge's item page. */
  async function documents(r: RoundRow, code: string, files: Material[], orgPath: string, base: string) {
    const out = [];
    for (const m of r.config.materials.filter((x): x is DocumentKind => x !== 'video')) {
      const f = files.find((x) => x.material === m);
      const label = entryMaterialLabels[m];
      const url = `${base}/materials/${m}`;
      if (!f) {
        out.push({
          material: m,
          label,
          present: false,
          detectedType: null,
          inline: false,
          url: null,
          downloadName: null,
          preview: null,
        });
        continue;
      }
      const renderable = PREVIEWABLE.has(f.detected_type);
      const status = renderable ? await renderingStatus(f, orgPath) : null;
      const ready = status === 'ready';
      if (r.config.blind) {
        // Nothing here says what the speaker uploaded (not even its type): only the platform PDF.
        const failed = !renderable || status === 'failed';
        out.push({
          material: m,
          label,
          present: true,
          detectedType: 'pdf',
          inline: true,
          url: ready ? url : null,
          downloadName: blindDownloadName(code, label, 'pdf'),
          preview: {
            status: failed ? ('failed' as const) : (status ?? 'pending'),
            url: ready ? `${url}/preview` : null,
            error: failed ? BLIND_PREVIEW_FAILED : null,
          },
        });
        continue;
      }
      const office = renderable && !INLINE.has(f.detected_type);
      out.push({
        material: m,
        label,
        present: true,
        detectedType: f.detected_type,
        inline: INLINE.has(f.detected_type),
        url,
        downloadName: blindDownloadName(code, label, EXT[f.detected_type] ?? 'bin'),
        // In open rounds PDFs and images open as they are; Office files get the platform PDF to read.
        preview: office
          ? {
              status,
              url: ready ? `${url}/preview` : null,
              error: status === 'failed' ? PREVIEW_FAILED : null,
            }
          : { status: 'not_needed' as const, url: null },
      });
    }
    return out;
  }

  async function material(r: RoundRow, entryId: string, kind: string): Promise<Material> {
    if (kind === 'video' || !r.config.materials.includes(kind as ReviewMaterialKind))
      throw forbidden('本轮评审不提供该材料');
    const f = (await repo.currentMaterials(db, entryId)).find((x) => x.material === kind);
    if (!f) throw notFound('材料');
    return f;
  }

  /** The platform PDF, or why there is none yet (in the words a blind round's judge should read). */
  async function rendering(r: RoundRow, f: Material, orgPath: string, code: string, kind: DocumentKind) {
    const blind = r.config.blind;
    if (!PREVIEWABLE.has(f.detected_type)) {
      if (blind) throw new AppError('UNSUPPORTED_FILE', BLIND_PREVIEW_FAILED);
      throw notFound('在线预览');
    }
    const status = await renderingStatus(f, orgPath);
    if (status === 'failed') throw conflict(blind ? BLIND_PREVIEW_FAILED : PREVIEW_FAILED);
    if (status !== 'ready') throw conflict(blind ? BLIND_PREVIEW_PENDING : '在线预览还在生成中，请稍后再试');
    // On disk, or in the bucket with S3 storage (the worker that made it may be another machine).
    const file = publishedPreview(deps.config, f.file_id);
    if ((await file.size()) === null) throw notFound('在线预览');
    return {
      kind: 'stream' as const,
      stream: file.stream(),
      mime: 'application/pdf',
      disposition: blindContentDisposition(code, entryMaterialLabels[kind], 'pdf', 'inline'),
    };
  }

  /** `materials/:kind`: the platform PDF in a blind round, the original file in an open one. */
  async function materialFile(
    r: RoundRow,
    entryId: string,
    orgPath: string,
    code: string,
    kind: string,
  ): Promise<JudgeFile> {
    const f = await material(r, entryId, kind);
    if (r.config.blind) return rendering(r, f, orgPath, code, kind as DocumentKind);
    return {
      kind: 'stream',
      stream: storedFileStream(deps, f),
      mime: f.mime,
      disposition: blindContentDisposition(
        code,
        entryMaterialLabels[kind as DocumentKind],
        EXT[f.detected_type] ?? 'bin',
        INLINE.has(f.detected_type) ? 'inline' : 'attachment',
      ),
    };
  }

  /** `materials/:kind/preview`: the platform PDF, in any round. */
  async function previewFile(
    r: RoundRow,
    entryId: string,
    orgPath: string,
    code: string,
    kind: string,
  ): Promise<JudgeFile> {
    const f = await material(r, entryId, kind);
    return rendering(r, f, orgPath, code, kind as DocumentKind);
  }

  return { documents, materialFile, previewFile };
}
