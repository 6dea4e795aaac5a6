import type { FastifyReply } from 'fastify';
import { idSchema, ORDER_PHOTOS_MAX, type OrderPhoto } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { conflict, forbidden, invalid, notVisible } from '../../lib/errors.ts';
import {
  photoUploadRules,
  reencodePhoto,
  refuseHeic,
  sendStoredPhoto,
  storePlatformPhoto,
} from '../uploads/photos.ts';
import type { UploadPurpose } from '../uploads/purpose.ts';
import { loadOrder } from './access.ts';
import * as photos from './photo-repository.ts';
import type { Db } from './repository.ts';

/** Waiting photos an order may hold at once: the form's nine, and as many retries. */
const PENDING_MAX = ORDER_PHOTOS_MAX * 2;

export const presentPhoto = (p: { id: string; width: number | null; height: number | null }): OrderPhoto => ({
  id: p.id,
  url: `/api/order-photos/${p.id}`,
  thumbUrl: `/api/order-photos/${p.id}?variant=thumb`,
  width: p.width,
  height: p.height,
});

/** An order the actor may record the delivery of: the dispatched speaker or the ordering branch, once accepted. */
async function loadForPhotos(db: Db, actor: Actor, orderId: string) {
  const { row, access } = await loadOrder(db, actor, orderId);
  if (!access.speaker && !access.orderer) throw forbidden('只有宣讲人或点单的支部可以上传宣讲照片');
  if (row.state !== 'accepted') throw conflict('只有已接单、尚未登记宣讲情况的点单可以上传照片');
  return row;
}

/**
 * The 'order-photo' upload (meta orderId): a photo of a lecture given for an order, uploaded while the
 * deliver form is open, re-encoded at once (uploads/photos.ts). It waits for the deliver step, which
 * attaches those it names (attachOrderPhotos).
 */
export function orderPhotoPurpose(deps: AppDeps): UploadPurpose {
  const { db, clock } = deps;
  function parseMeta(meta: Record<string, string>) {
    const id = idSchema.safeParse(meta.orderId);
    if (!id.success)
      throw invalid('上传信息不完整：请从点单的「登记宣讲」表单上传照片', [
        { path: 'orderId', message: '缺少点单编号' },
      ]);
    return id.data;
  }
  return {
    name: 'order-photo',
    ...photoUploadRules,
    async authorize(actor, meta) {
      refuseHeic(meta);
      const row = await loadForPhotos(db, actor, parseMeta(meta));
      if ((await photos.pendingCount(db, row.id)) >= PENDING_MAX)
        throw conflict('待登记的照片过多，请先提交已上传的照片');
    },
    async onComplete({ actor, file, meta, source }): Promise<OrderPhoto> {
      const row = await loadForPhotos(db, actor, parseMeta(meta));
      const photo = await reencodePhoto(await source.read(0, source.size));
      return storePlatformPhoto(deps, file, photo, async (tx, thumbFileId) => {
        const id = await photos.insertPhoto(tx, {
          orderId: row.id,
          fileId: file.id,
          thumbFileId,
          width: photo.width,
          height: photo.height,
          uploadedBy: actor.userId,
          now: clock.now(),
        });
        return presentPhoto({ id, width: photo.width, height: photo.height });
      });
    },
  };
}

/** The deliver step's photos: the actor's own waiting uploads of this order (400 otherwise). */
export async function attachOrderPhotos(tx: Db, actor: Actor, orderId: string, ids: string[], now: Date) {
  const wanted = [...new Set(ids)];
  const found = await photos.pendingOf(tx, orderId, actor.userId, wanted);
  if (found.length !== wanted.length)
    throw invalid('有照片无效或已失效，请重新上传', [{ path: 'photoIds', message: '照片无效，请重新上传' }]);
  await photos.attach(tx, orderId, wanted, now);
  return wanted.length;
}

export const orderPhotos = (db: Db, orderId: string) =>
  photos.attachedPhotos(db, orderId).then((rows) => rows.map(presentPhoto));

/**
 * A photo to whoever may see its order once attached; while it waits, only to its uploader (the form's
 * preview). A removed photo is gone.
 */
export async function sendOrderPhoto(
  deps: AppDeps,
  actor: Actor,
  id: string,
  variant: 'full' | 'thumb',
  reply: FastifyReply,
  range?: string,
) {
  const p = await photos.findPhoto(deps.db, id);
  if (!p || p.removed_at) throw notVisible('照片', '查看');
  await loadOrder(deps.db, actor, p.order_id);
  if (!p.attached_at && p.uploaded_by !== actor.userId) throw notVisible('照片', '查看');
  return sendStoredPhoto(
    deps,
    reply,
    variant === 'thumb' ? (p.thumb_file_id ?? p.file_id) : p.file_id,
    range,
  );
}
