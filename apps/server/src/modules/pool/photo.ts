import type { FastifyReply } from 'fastify';
import { idSchema } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { audit, type AuditWho } from '../audit/service.ts';
import { speakerOnVisibleMenu } from '../orders/menu-speakers.ts';
import {
  photoUploadRules,
  reencodePhoto,
  refuseHeic,
  sendStoredPhoto,
  storePlatformPhoto,
} from '../uploads/photos.ts';
import type { UploadPurpose } from '../uploads/purpose.ts';
import { assertMayChange, assertReadsSpeaker, readsSpeaker } from './policy.ts';
import { speakerPhotoUrls } from './present.ts';
import * as repo from './repository.ts';

/**
 * A speaker's photo (the avatar on the pool's pages and the menu's cards): uploaded with tus (purpose
 * `speaker-photo`, meta speakerId) by whoever may edit the speaker, re-encoded at once
 * (uploads/photos.ts), set or replaced with an 'edited' history event and an audit row; removed the
 * same way. Served to whoever reads the speaker's page or a menu that lists them.
 */
export function speakerPhotos(deps: AppDeps) {
  const { db, clock } = deps;

  /** The speaker, for one who may change them (404 when out of sight, 403 when only reading, 409 when gone). */
  async function loadEditable(tx: repo.Db, actor: Actor, id: string, lock = false) {
    if (lock && !(await repo.lockSpeaker(tx, id))) throw notFound('宣讲员');
    const s = await repo.findSpeakerRow(tx, id);
    if (!s) throw notFound('宣讲员');
    const pool = (await repo.findPool(tx, s.pool_id))!;
    assertReadsSpeaker(actor, pool, s.member_id);
    assertMayChange(actor, pool);
    if (s.status !== 'active' && s.status !== 'nominated') throw conflict(`${s.name}已不在库中，不能修改`);
    return { s, pool };
  }

  /** Sets (or with null, removes) the photo in `tx`: the row, an 'edited' event, an audit row. */
  async function setPhoto(
    tx: repo.Db,
    actor: Actor,
    who: AuditWho,
    id: string,
    photo: { fileId: string; thumbFileId: string } | null,
  ) {
    const { s, pool } = await loadEditable(tx, actor, id, true);
    if (!photo && !s.photo_file_id) throw conflict(`${s.name}还没有照片`);
    const now = clock.now();
    await repo.updateSpeaker(
      tx,
      id,
      { photo_file_id: photo?.fileId ?? null, photo_thumb_file_id: photo?.thumbFileId ?? null },
      now,
    );
    await repo.insertEvent(tx, {
      speakerId: id,
      action: 'edited',
      reason: photo ? (s.photo_file_id ? '更换照片' : '上传照片') : '删除照片',
      actor,
      now,
    });
    await audit(tx, who, {
      action: photo ? 'pool.speaker_photo_set' : 'pool.speaker_photo_removed',
      entityType: 'pool_speaker',
      entityId: id,
      orgPath: pool.org_path,
      before: { photoFileId: s.photo_file_id },
      after: { photoFileId: photo?.fileId ?? null },
    });
    return speakerPhotoUrls({
      id,
      photo_file_id: photo?.fileId ?? null,
      photo_thumb_file_id: photo?.thumbFileId ?? null,
    });
  }

  function parseMeta(meta: Record<string, string>) {
    const id = idSchema.safeParse(meta.speakerId);
    if (!id.success)
      throw invalid('上传信息不完整：请从宣讲员的编辑页面上传照片', [
        { path: 'speakerId', message: '缺少宣讲员编号' },
      ]);
    return id.data;
  }

  // The tus request carries no audit context of its own; the account is the one who uploads.
  const purpose: UploadPurpose = {
    name: 'speaker-photo',
    ...photoUploadRules,
    async authorize(actor, meta) {
      refuseHeic(meta);
      await loadEditable(db, actor, parseMeta(meta));
    },
    async onComplete({ actor, file, meta, source }) {
      const id = parseMeta(meta);
      await loadEditable(db, actor, id);
      const photo = await reencodePhoto(await source.read(0, source.size));
      const urls = await storePlatformPhoto(deps, file, photo, (tx, thumbFileId) =>
        setPhoto(tx, actor, { actor }, id, { fileId: file.id, thumbFileId }),
      );
      return { speakerId: id, photo: urls };
    },
  };

  return {
    purpose,

    async remove(actor: Actor, id: string, who: AuditWho) {
      await db.transaction().execute((tx) => setPhoto(tx, actor, who, id, null));
      return { speakerId: id, photo: null };
    },

    /** The photo or its thumbnail, to the speaker's readers and to those who see them on a menu. */
    async send(actor: Actor, id: string, variant: 'full' | 'thumb', reply: FastifyReply, range?: string) {
      const s = await repo.findSpeakerRow(db, id);
      if (!s) throw notFound('宣讲员');
      const pool = (await repo.findPool(db, s.pool_id))!;
      if (
        !readsSpeaker(actor, pool, s.member_id) &&
        !(await speakerOnVisibleMenu(db, actor, s, pool.org_path))
      )
        throw notFound('宣讲员');
      const fileId = variant === 'thumb' ? (s.photo_thumb_file_id ?? s.photo_file_id) : s.photo_file_id;
      if (!fileId) throw notFound('照片');
      return sendStoredPhoto(deps, reply, fileId, range);
    },
  };
}
