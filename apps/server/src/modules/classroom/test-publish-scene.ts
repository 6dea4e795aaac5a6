import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import type { Insertable } from 'kysely';
import type { ClassroomLectureState, DB } from '../../db/types.ts';
import type { TestContext } from '../../test/harness.ts';
import { insertMaterial } from '../entries/repository.ts';
import { previewPath } from '../previews/previews-service.ts';
import { localFilePath } from '../uploads/stored-files.ts';

type Org = { id: string; path: string };
let n = 0;

/** A stored file with its bytes under DATA_DIR/files. */
export async function storedFile(t: TestContext, type: 'mp4' | 'docx' | 'pdf', bytes: string | Buffer = 'x') {
  n += 1;
  const key = `classroom-test/${Date.now()}-${n}.${type}`;
  const file = localFilePath(t.deps, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  const mime = { mp4: 'video/mp4', pdf: 'application/pdf', docx: 'application/octet-stream' }[type];
  const row = await t.db
    .insertInto('stored_files')
    .values({
      detected_type: type,
      mime,
      size_bytes: Buffer.byteLength(bytes),
      sha256: '0'.repeat(64),
      original_name: `讲稿${n}.${type}`,
      storage: 'local',
      storage_key: key,
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A transcoded video: a media asset ready to play with a master playlist and a poster on disk. */
export async function readyVideo(t: TestContext, status: 'ready' | 'processing' = 'ready') {
  const fileId = await storedFile(t, 'mp4');
  const dir = path.join(t.deps.config.dataDir, 'media', fileId);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'master.m3u8'), '#EXTM3U\n');
  fs.writeFileSync(path.join(dir, 'poster.jpg'), 'jpeg');
  const now = new Date();
  await t.db
    .insertInto('media_assets')
    .values({
      file_id: fileId,
      status,
      mode: 'remux',
      renditions: JSON.stringify([]),
      poster: 'poster.jpg',
      duration_seconds: 312.4,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return fileId;
}

/** The platform PDF of a document, made. */
export async function readyPreview(t: TestContext, fileId: string) {
  const file = previewPath(t.deps.config, fileId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '%PDF-1.4\n');
  const now = new Date();
  await t.db
    .insertInto('document_previews')
    .values({ file_id: fileId, status: 'ready', error: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('file_id').doUpdateSet({ status: 'ready' }))
    .execute();
}

/** Gives an entry a current video (ready unless told) and a manuscript; returns the video's file id. */
export async function equipEntry(t: TestContext, entryId: string, video: 'ready' | 'processing' = 'ready') {
  const now = new Date();
  const fileId = await readyVideo(t, video);
  await insertMaterial(t.db, { entryId, material: 'video', fileId, findings: [], createdBy: null, now });
  const doc = new Document({
    sections: [{ children: [new Paragraph('同志们：初心不是口号，而是每一天的坚守。')] }],
  });
  const manuscript = await storedFile(t, 'docx', Buffer.from(await Packer.toBuffer(doc)));
  await insertMaterial(t.db, {
    entryId,
    material: 'manuscript',
    fileId: manuscript,
    findings: [],
    createdBy: null,
    now,
  });
  return fileId;
}

/** A lecture published by `org` in `state`, with a video ready to play and a manuscript whose PDF is made. */
export async function lecture(
  t: TestContext,
  org: Org,
  over: Partial<Insertable<DB['classroom_lectures']>> & { state?: ClassroomLectureState } = {},
) {
  const video = await readyVideo(t);
  const manuscript = await storedFile(t, 'docx', 'manuscript bytes');
  await readyPreview(t, manuscript);
  const now = new Date();
  const published = over.state === 'published' || over.state === 'unpublished';
  const row = await t.db
    .insertInto('classroom_lectures')
    .values({
      org_id: org.id,
      org_path: org.path,
      video_file_id: video,
      duration_seconds: 300,
      title: `微党课${++n}`,
      speaker_name: '张老师',
      speaker_unit: '测试单位',
      visibility: 'internal',
      state: 'published',
      manuscript_file_id: manuscript,
      proposed_at: now,
      published_at: published ? now : null,
      consent_at: over.state && over.state !== 'awaiting_consent' ? now : null,
      share_code: over.visibility === 'public' ? `code${Date.now()}${n}`.slice(0, 32) : null,
      ...over,
    })
    .returning(['id', 'share_code', 'video_file_id', 'manuscript_file_id'])
    .executeTakeFirstOrThrow();
  return row;
}
