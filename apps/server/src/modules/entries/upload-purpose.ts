import {
  entryMaterialKindSchema,
  entryMaterialLabels,
  idSchema,
  type EntryMaterialKind,
  type MaterialFinding,
  type MaterialUploadResult,
} from '@jiangtai/contracts';
import type { DetectedFileType } from '../../db/types.ts';
import type { AppDeps } from '../../lib/deps.ts';
import type { Actor } from '../../lib/actor.ts';
import { AppError, invalid } from '../../lib/errors.ts';
import { audit } from '../audit/service.ts';
import { enqueueTranscode } from '../media/assets-service.ts';
import { probeMedia } from '../media/probe.ts';
import { ensurePreview, PREVIEWABLE } from '../previews/previews-service.ts';
import { checkMediaSpec } from '../media/spec-check.ts';
import type { UploadPurpose } from '../uploads/purpose.ts';
import * as repo from './repository.ts';
import { entryService } from './service.ts';
import { entryFilesService } from './files-service.ts';

const MB = 1024 * 1024;

/**
 * Types by content. Videos in other containers are let through so the spec check can say in plain
 * Chinese what the file really is (「文件不是 MP4 格式（实际为 Matroska/MKV）」) instead of a bare refusal.
 */
const ACCEPTS: Record<EntryMaterialKind, DetectedFileType[]> = {
  video: ['mp4', 'mov', 'mkv', 'webm'],
  manuscript: ['docx', 'pdf', 'doc'],
  courseware: ['pptx', 'pdf', 'ppt'],
  recommendation_scan: ['pdf', 'jpeg', 'png'],
};

/** Lectures are 8 Mbps × up to ~10 minutes ≈ 600 MB; 2 GB leaves room. UPLOAD_MAX_BYTES caps all. */
const MAX_BYTES: Record<EntryMaterialKind, number> = {
  video: 2048 * MB,
  manuscript: 50 * MB,
  courseware: 300 * MB,
  recommendation_scan: 20 * MB,
};

function parseMeta(meta: Record<string, string>) {
  const entryId = idSchema.safeParse(meta.entryId);
  const material = entryMaterialKindSchema.safeParse(meta.material);
  if (!entryId.success || !material.success)
    throw invalid('上传信息不完整：请从作品页面的材料栏上传', [
      ...(entryId.success ? [] : [{ path: 'entryId', message: '缺少作品编号' }]),
      ...(material.success ? [] : [{ path: 'material', message: '材料类型无效' }]),
    ]);
  return { entryId: entryId.data, material: material.data };
}

/**
 * The 'entry-material' upload: a video, manuscript, courseware or stamped 推荐表 for one entry.
 * Metadata: entryId, material, filename. Allowed while the entry may be changed (see
 * files-service assertMayChangeMaterial: state, role, deadline), checked again once complete.
 * A video is probed at once (moov box only) and compared with the campaign's media spec: hard-limit
 * findings refuse it (nothing is kept), soft ones are stored on the material for everyone to see;
 * then it is queued for HLS transcoding.
 */
export function entryMaterialPurpose(deps: AppDeps): UploadPurpose {
  const entries = entryService(deps);
  const files = entryFilesService(deps, entries);
  const { db, clock } = deps;

  async function check(actor: Actor, meta: Record<string, string>) {
    const { entryId, material } = parseMeta(meta);
    const row = await entries.loadVisible(db, actor, entryId);
    await files.assertMayChangeMaterial(db, actor, row, material);
    return { row, material };
  }

  return {
    name: 'entry-material',
    maxBytes: (meta) => MAX_BYTES[entryMaterialKindSchema.safeParse(meta.material).data ?? 'video'],
    accepts: (meta) => ACCEPTS[entryMaterialKindSchema.safeParse(meta.material).data ?? 'video'],
    async authorize(actor, meta) {
      await check(actor, meta);
    },
    async onComplete({ actor, file, meta, source, localPath }): Promise<MaterialUploadResult> {
      const { row, material } = await check(actor, meta);
      let findings: MaterialFinding[] = [];
      if (material === 'video') {
        const info = await probeMedia(source, localPath ?? undefined);
        findings = checkMediaSpec(info, row.campaign_settings.mediaSpec);
        const rejects = findings.filter((f) => f.severity === 'reject');
        if (rejects.length)
          throw new AppError(
            'MEDIA_SPEC_REJECTED',
            `视频不符合要求，未保存：${rejects.map((f) => f.message).join('；')}`,
            { findings },
          );
      }
      const materialId = await db.transaction().execute(async (tx) => {
        const locked = await entries.loadVisible(tx, actor, row.id, true);
        await files.assertMayChangeMaterial(tx, actor, locked, material);
        const now = clock.now();
        const id = await repo.insertMaterial(tx, {
          entryId: row.id,
          material,
          fileId: file.id,
          findings,
          createdBy: actor.userId,
          now,
        });
        await audit(
          tx,
          { actor },
          {
            action: 'entry.material_uploaded',
            entityType: 'entry',
            entityId: row.id,
            orgPath: row.unit_org_path,
            after: {
              material: entryMaterialLabels[material],
              fileId: file.id,
              name: file.original_name,
              warnings: findings.map((f) => f.message),
            },
          },
        );
        // Queued in the same transaction: the job exists exactly when the material does.
        if (material === 'video')
          await enqueueTranscode(tx, { fileId: file.id, orgPath: row.unit_org_path, now });
        // Documents get the platform PDF (what blind judges read), made before judging starts.
        else if (PREVIEWABLE.has(file.detected_type))
          await ensurePreview(tx, { fileId: file.id, orgPath: row.unit_org_path, now });
        return id;
      });
      return { materialId, findings };
    },
  };
}
