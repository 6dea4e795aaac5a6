import type { ClassroomLectureStateName } from '@jiangtai/contracts';
import { scopePrefixes, type Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { contentDisposition } from '../entries/file-names.ts';
import { hlsContentType } from '../media/assets-files.ts';
import { mediaOutputFile } from '../media/output-store.ts';
import { previewFile, previewStatus } from '../previews/previews-service.ts';
import { storedFileStream } from '../uploads/stored-files.ts';
import { loadLecture } from './access.ts';
import { MANAGER_ROLES } from './policy.ts';
import { fileIdOf, presentDetail, presentManageItem, presentPublic, type DocumentKind } from './present.ts';
import { proposalDefaults } from './proposal-source.ts';
import * as repo from './repository.ts';
import type { LectureRow } from './repository.ts';

const NOT_READY = '视频还在处理中，请稍后再试';

/** Reading lectures: the page, the managers' list, the documents, and the public page's parts. */
export function lectureQueries(deps: AppDeps) {
  const { db, clock } = deps;

  /** A published public lecture by its share code; anything else is the same 404. */
  async function publicRow(code: string): Promise<LectureRow> {
    const row = await repo.findByShareCode(db, code);
    if (!row || row.state !== 'published' || row.visibility !== 'public')
      throw new AppError('NOT_FOUND', '该微课不存在或未公开发布');
    return row;
  }

  async function documentOf(row: LectureRow, kind: DocumentKind) {
    const fileId = fileIdOf(row, kind);
    const file = fileId ? await repo.storedFile(db, fileId) : undefined;
    if (!fileId || !file) throw notFound(kind === 'manuscript' ? '讲稿' : '课件');
    return file;
  }

  /** The platform's PDF of a document: 409 while it is being made or when it could not be. */
  async function preview(row: LectureRow, kind: DocumentKind) {
    const file = await documentOf(row, kind);
    const status = await previewStatus(db, file.id);
    if (status === 'failed') throw conflict('文档转换失败，请下载原文件查看');
    if (status !== 'ready') throw conflict('文档正在转换，请稍后刷新');
    return previewFile(deps.config, file.id);
  }

  async function videoFile(row: LectureRow, name: string) {
    const type = hlsContentType(name);
    if (!type) throw new AppError('BAD_REQUEST', '文件名不正确');
    const asset = await repo.mediaAsset(db, row.video_file_id);
    if (asset?.status !== 'ready') throw conflict(NOT_READY);
    return {
      file: mediaOutputFile(deps.config, row.video_file_id, name),
      type,
      playlist: name.endsWith('.m3u8'),
    };
  }

  async function poster(row: LectureRow) {
    const asset = await repo.mediaAsset(db, row.video_file_id);
    if (asset?.status !== 'ready') throw conflict(NOT_READY);
    if (!asset.poster) throw notFound('封面图');
    return mediaOutputFile(deps.config, row.video_file_id, asset.poster);
  }

  return {
    proposalDefaults: (actor: Actor, entryId: string) => proposalDefaults(db, actor, entryId),

    async detail(actor: Actor, id: string) {
      const l = await loadLecture(db, actor, id, { allowTakenDown: true });
      return presentDetail(db, l, clock.now());
    },

    /** 微课堂管理: every lecture of the managers' subtrees, in every state, with its next step. */
    async manageList(actor: Actor, state?: ClassroomLectureStateName) {
      const prefixes = scopePrefixes(actor, MANAGER_ROLES);
      if (prefixes.length === 0) throw forbidden('只有组织者和单位管理员可以管理微课堂');
      const rows = await repo.listManaged(db, prefixes, state);
      const withAccounts = await repo.membersWithAccounts(db, [
        ...new Set(rows.map((r) => r.speaker_member_id).filter((m): m is string => !!m)),
      ]);
      return {
        items: rows.map((r) =>
          presentManageItem(r, !!r.speaker_member_id && withAccounts.has(r.speaker_member_id)),
        ),
      };
    },

    /** A document's original (signed-in viewers of the whole lecture). */
    async documentFile(actor: Actor, id: string, kind: DocumentKind) {
      const { row } = await loadLecture(db, actor, id);
      const file = await documentOf(row, kind);
      return {
        stream: storedFileStream(deps, file),
        mime: file.mime,
        size: Number(file.size_bytes),
        disposition: contentDisposition('attachment', file.original_name),
      };
    },

    async documentPreview(actor: Actor, id: string, kind: DocumentKind) {
      const { row } = await loadLecture(db, actor, id);
      return preview(row, kind);
    },

    async publicDetail(code: string) {
      const row = await publicRow(code);
      const lecture = await presentPublic(db, row, clock.now());
      if (!lecture) throw conflict(NOT_READY);
      return lecture;
    },
    publicVideoFile: async (code: string, name: string) => videoFile(await publicRow(code), name),
    publicPoster: async (code: string) => poster(await publicRow(code)),
    publicPreview: async (code: string, kind: DocumentKind) => preview(await publicRow(code), kind),
  };
}
