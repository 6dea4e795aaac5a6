import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { up } from '../../db/migrations/015_platform_pdf_previews.ts';
import { previewStatus } from './previews-service.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

describe('migration 015: previews made by the old pipeline', () => {
  it('are no longer served: back to pending and queued for the platform PDF', async () => {
    const file = await t.db
      .insertInto('stored_files')
      .values({
        detected_type: 'docx',
        mime: 'application/octet-stream',
        size_bytes: 10,
        sha256: 'x'.repeat(64),
        original_name: 'upload.docx',
        storage: 'local',
        storage_key: 'test/old-preview',
        uploaded_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = new Date();
    await t.db
      .insertInto('document_previews')
      .values({ file_id: file.id, status: 'ready', created_at: now, updated_at: now })
      .execute();
    expect(await previewStatus(t.db, file.id)).toBe('ready');

    await up(t.db as unknown as Kysely<unknown>);

    expect(await previewStatus(t.db, file.id)).toBe('pending');
    const jobs = await t.db.selectFrom('jobs').selectAll().where('type', '=', 'document.preview').execute();
    expect(jobs.map((j) => [j.payload, j.status, j.max_attempts])).toEqual([
      [{ fileId: file.id }, 'queued', 2],
    ]);
  });
});
