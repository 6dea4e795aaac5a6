import { randomBytes } from 'node:crypto';
import type { LectureEditInput, LectureProposeInput } from '@jiangtai/contracts';
import { lectureProposeSchema } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import { holdsRoleOver } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, invalid } from '../../lib/errors.ts';
import type { AuditWho } from '../audit/service.ts';
import { ensurePreview, PREVIEWABLE } from '../previews/previews-service.ts';
import { extractManuscriptText } from './manuscript-text.ts';
import { loadManaged } from './access.ts';
import { MANAGER_ROLES } from './policy.ts';
import { proposalSource } from './proposal-source.ts';
import { recordProposal } from './proposal-record.ts';
import * as repo from './repository.ts';
import { refreshSearchDoc } from './search-index.ts';
import { notify, step } from './steps.ts';
import { widensAfterConsent } from './state.ts';

/** A share code: 16 characters of base-32, unguessable, for /p/classroom/<code> and the embed. */
export const newShareCode = () =>
  [...randomBytes(16)].map((b) => 'abcdefghijklmnopqrstuvwxyz234567'[b % 32]).join('');

/** Proposing, publishing, editing, unpublishing and republishing (the organisers' side). */
export function publishingService(deps: AppDeps) {
  const { db, clock } = deps;

  /**
   * The manuscript's words for search, read after the proposal is committed: reading a PDF runs
   * pdftotext, which must not hold the proposal's transaction (and the embedded database's one
   * connection) open. A manuscript that cannot be read leaves the lecture searchable by its other text.
   */
  async function indexManuscript(lectureId: string, fileId: string | null) {
    if (!fileId) return;
    const text = await extractManuscriptText(deps, fileId).catch(() => '');
    if (!text) return;
    await db.transaction().execute(async (tx) => {
      await repo.updateLecture(tx, lectureId, { manuscript_text: text });
      await refreshSearchDoc(tx, lectureId);
    });
  }

  return {
    /**
     * 推荐到微课堂: defaults from the entry, the form's choices on top. The speaker is asked in the app
     * when they have an account; otherwise a manager records their answer later.
     */
    async propose(actor: Actor, raw: LectureProposeInput, who: AuditWho): Promise<string> {
      const input = lectureProposeSchema.parse(raw);
      const { id, manuscriptFileId } = await db.transaction().execute(async (tx) => {
        const src = await proposalSource(tx, actor, input.entryId);
        if (!src.video) throw conflict('这个作品没有宣讲视频，不能推荐到微课堂');
        if (src.video.status !== 'ready') throw conflict('作品视频还在处理，处理完成后才能推荐到微课堂');
        const org = await repo.findOrg(tx, input.orgId);
        if (!org || !org.active || !holdsRoleOver(actor, MANAGER_ROLES, org.path))
          throw invalid('请选择您管理的单位作为发布单位', [{ path: 'orgId', message: '不是您管理的单位' }]);
        if (await repo.liveLectureOfEntry(tx, input.entryId)) throw conflict('这个作品已经推荐到微课堂');
        const now = clock.now();
        const id = await recordProposal(
          tx,
          actor,
          who,
          {
            org_id: org.id,
            org_path: org.path,
            source_entry_id: src.entry.id,
            video_file_id: src.video.fileId,
            duration_seconds: src.video.durationSeconds,
            title: input.title,
            speaker_name: src.entry.speaker_name,
            speaker_member_id: src.entry.member_id,
            speaker_unit: src.entry.unit_name,
            category: input.category || src.category,
            tags: [...new Set(input.tags)],
            summary: input.summary,
            manuscript_file_id: src.manuscript?.file_id ?? null,
            courseware_file_id: src.courseware?.file_id ?? null,
            visibility: input.visibility,
          },
          now,
        );
        // The lecture page shows the documents as the platform's PDFs.
        for (const doc of [src.manuscript, src.courseware])
          if (doc && PREVIEWABLE.has(doc.detected_type))
            await ensurePreview(tx, { fileId: doc.file_id, orgPath: org.path, now });
        await notify(tx, actor, { id, title: input.title, org_id: org.id }, src.speakerAccounts, {
          kind: 'classroom_consent',
          title: `请确认是否同意把您的宣讲「${input.title}」发布到微课堂`,
          body: `${org.name}推荐您的宣讲视频到网上微课堂，请查看发布内容和范围后答复。`,
          link: `/classroom/lectures/${id}/consent`,
          now,
        });
        return { id, manuscriptFileId: src.manuscript?.file_id ?? null };
      });
      await indexManuscript(id, manuscriptFileId);
      return id;
    },

    async edit(actor: Actor, id: string, input: LectureEditInput, who: AuditWho) {
      await db.transaction().execute(async (tx) => {
        const { row } = await loadManaged(tx, actor, id);
        if (input.visibility && widensAfterConsent(row.state, row.visibility, input.visibility))
          throw conflict('宣讲人同意的是在平台内发布；公开发布需要重新征得本人同意，请下架后重新推荐');
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        const set: Record<string, unknown> = {};
        for (const key of ['title', 'category', 'tags', 'summary', 'visibility'] as const) {
          const value = key === 'tags' && input.tags ? [...new Set(input.tags)] : input[key];
          if (value === undefined || JSON.stringify(value) === JSON.stringify(row[key])) continue;
          before[key] = row[key];
          after[key] = value;
          set[key] = value;
        }
        if (Object.keys(set).length === 0) return;
        const now = clock.now();
        await step(tx, actor, who, row, 'edit', set, {
          now,
          reason: `修改了${Object.keys(set)
            .map((k) => FIELD_LABELS[k])
            .join('、')}`,
          before,
          after,
        });
      });
    },

    async publish(actor: Actor, id: string, who: AuditWho) {
      await db.transaction().execute(async (tx) => {
        const { row } = await loadManaged(tx, actor, id);
        const now = clock.now();
        await step(
          tx,
          actor,
          who,
          row,
          'publish',
          { published_by: actor.userId, published_at: now, share_code: row.share_code ?? newShareCode() },
          { now },
        );
        await notify(tx, actor, row, await repo.memberAccountIds(tx, row.speaker_member_id), {
          kind: 'classroom_published',
          title: `您的宣讲「${row.title}」已发布到微课堂`,
          now,
        });
      });
    },

    async unpublish(actor: Actor, id: string, reason: string, who: AuditWho) {
      await db.transaction().execute(async (tx) => {
        const { row } = await loadManaged(tx, actor, id);
        const now = clock.now();
        await step(
          tx,
          actor,
          who,
          row,
          'unpublish',
          { unpublished_at: now, unpublish_reason: reason },
          {
            now,
            reason,
          },
        );
        await notify(tx, actor, row, await repo.memberAccountIds(tx, row.speaker_member_id), {
          kind: 'classroom_unpublished',
          title: `您的宣讲「${row.title}」已从微课堂下架`,
          body: `下架原因：${reason}`,
          now,
        });
      });
    },

    async republish(actor: Actor, id: string, who: AuditWho) {
      await db.transaction().execute(async (tx) => {
        const { row } = await loadManaged(tx, actor, id);
        const now = clock.now();
        await step(
          tx,
          actor,
          who,
          row,
          'republish',
          {
            published_by: actor.userId,
            published_at: now,
            unpublish_reason: null,
            share_code: row.share_code ?? newShareCode(),
          },
          { now },
        );
      });
    },
  };
}

const FIELD_LABELS: Record<string, string> = {
  title: '标题',
  category: '类别',
  tags: '标签',
  summary: '内容简介',
  visibility: '发布范围',
};
