import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../test/harness.ts';
import { deleteStoredFile, localCopy, openStoredFile, storedFileStream } from './stored-files.ts';
import { createUploadStore } from './store.ts';
import { sweepExpiredUploads } from './sweep.ts';
import { listeningApp, pdfLike, runTus, sha256 } from './test-support.ts';

let s: Awaited<ReturnType<typeof listeningApp>>;
let alice: Client;
let bob: Client;
const as = (c: Client) => ({ cookie: c.cookie!, csrf: c.csrf! });
const uploadsDir = () => path.join(s.dataDir, 'uploads');
const leftovers = () => fs.readdirSync(uploadsDir());

beforeAll(async () => {
  s = await listeningApp();
  const org = await s.t.factories.org();
  await s.t.factories.user([{ role: 'member', org }], { username: 'alice' });
  await s.t.factories.user([{ role: 'member', org }], { username: 'bob' });
  alice = await s.t.login('alice');
  bob = await s.t.login('bob');
});
afterAll(async () => s.close());

function docx(): Promise<Buffer> {
  // [Content_Types].xml deliberately not first: detection reads the central directory.
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('<w:document/>'), 'word/document.xml');
  zip.addBuffer(Buffer.from('<Types/>'), '[Content_Types].xml');
  zip.addBuffer(Buffer.from('<Relationships/>'), '_rels/.rels');
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

describe('tus uploads', () => {
  it('uploads a file in chunks, checks it and records it as a stored file', async () => {
    const bytes = pdfLike(3 * 1024 * 1024 + 17);
    const res = await runTus(s.endpoint, bytes, { ...as(alice), chunkSize: 1024 * 1024 });
    expect(res.error).toBeNull();
    expect(res.status).toBe(200);
    const result = JSON.parse(res.body) as { fileId: string; head: string; local: boolean };
    expect(result).toMatchObject({ head: '%PDF-', local: true });
    const file = await s.t.db
      .selectFrom('stored_files')
      .selectAll()
      .where('id', '=', result.fileId)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({
      detected_type: 'pdf',
      mime: 'application/pdf',
      storage: 'local',
      original_name: 'test.pdf',
      sha256: sha256(bytes),
    });
    expect(Number(file.size_bytes)).toBe(bytes.length);
    expect(file.storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}$/);
    expect(sha256(fs.readFileSync(path.join(s.dataDir, 'files', file.storage_key)))).toBe(sha256(bytes));
    expect(leftovers()).toEqual([]);

    // The answer was lost? Asking again gives the same result, not a second file.
    const id = res.url!.split('/').pop()!;
    const again = await alice.inject({
      method: 'PATCH',
      url: `/api/uploads/${id}`,
      headers: {
        'tus-resumable': '1.0.0',
        'upload-offset': String(bytes.length),
        'content-type': 'application/offset+octet-stream',
      },
      payload: Buffer.alloc(0),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(result);
  });

  it('pauses and resumes from where the server stopped', async () => {
    const bytes = pdfLike(2 * 1024 * 1024);
    const first = await runTus(s.endpoint, bytes, { ...as(alice), stopAfter: 512 * 1024 });
    expect(first.error).toBeNull();
    const url = first.url!;
    const head = await alice.inject({
      method: 'HEAD',
      url: new URL(url).pathname,
      headers: { 'tus-resumable': '1.0.0' },
    });
    const offset = Number(head.headers['upload-offset']);
    const expires = new Date(String(head.headers['upload-expires']));
    expect(expires.getTime() - s.t.clock.now().getTime()).toBeGreaterThan(47 * 3600_000);
    expect(offset).toBeGreaterThanOrEqual(512 * 1024);
    expect(offset).toBeLessThan(bytes.length);

    let firstProgress: number | null = null;
    const second = await runTus(s.endpoint, bytes, {
      ...as(alice),
      uploadUrl: url,
      onProgress: (sent) => (firstProgress ??= sent),
    });
    expect(second.error).toBeNull();
    expect(second.url).toBe(url);
    expect(firstProgress).toBeGreaterThanOrEqual(offset);
    const { fileId } = JSON.parse(second.body) as { fileId: string };
    const file = await s.t.db
      .selectFrom('stored_files')
      .select('sha256')
      .where('id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(file.sha256).toBe(sha256(bytes));
  });

  it('refuses a file whose content is not an accepted type, whatever its name, and keeps nothing', async () => {
    const before = await s.t.db.selectFrom('stored_files').select('id').execute();
    const res = await runTus(s.endpoint, await docx(), {
      ...as(alice),
      metadata: { purpose: 'test-file', filename: '讲稿.pdf', accept: 'pdf' },
    });
    expect(res.status).toBe(422);
    const problem = JSON.parse(res.body) as { code: string; detail: string };
    expect(problem.code).toBe('FILE_TYPE_MISMATCH');
    expect(problem.detail).toBe('文件类型不符：「讲稿.pdf」实际为Word 文档（DOCX），请上传PDF 文档');
    expect(await s.t.db.selectFrom('stored_files').select('id').execute()).toEqual(before);
    expect(leftovers()).toEqual([]);
    const url = new URL(res.url!).pathname;
    const head = await alice.inject({ method: 'HEAD', url, headers: { 'tus-resumable': '1.0.0' } });
    expect(head.statusCode).toBe(404);
  });

  it('accepts the same docx where the purpose allows it', async () => {
    const res = await runTus(s.endpoint, await docx(), {
      ...as(alice),
      metadata: { purpose: 'test-file', filename: '讲稿.docx', accept: 'pdf,docx' },
    });
    expect(res.error).toBeNull();
  });

  it('removes the stored file when the purpose refuses it on completion', async () => {
    const before = await s.t.db.selectFrom('stored_files').select('id').execute();
    const res = await runTus(s.endpoint, pdfLike(10_000), {
      ...as(alice),
      metadata: { purpose: 'test-file', filename: 'a.pdf', refuse: '1' },
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ detail: '测试：内容不合格，请修改后重新上传' });
    expect(await s.t.db.selectFrom('stored_files').select('id').execute()).toEqual(before);
    const files = fs.readdirSync(path.join(s.dataDir, 'files'), { recursive: true, withFileTypes: true });
    const names = files.filter((f) => f.isFile()).length;
    expect(names).toBe(before.length);
  });

  it('refuses an upload over the size limit with 413 before storing anything', async () => {
    const res = await runTus(s.endpoint, pdfLike(5000), {
      ...as(alice),
      metadata: { purpose: 'test-file', maxBytes: '4096' },
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      detail: '文件大小 4.9 KB，超过上限 4 KB，请压缩或裁剪后再上传',
    });
    expect(res.url).toBeNull();
    expect(leftovers()).toEqual([]);
  });

  it('refuses creation when the purpose is missing, unknown or does not authorise', async () => {
    for (const [metadata, status] of [
      [{ filename: 'x.pdf' }, 400],
      [{ purpose: 'nope' }, 400],
      [{ purpose: 'test-file', deny: '1' }, 403],
    ] as const) {
      const res = await runTus(s.endpoint, pdfLike(1000), { ...as(alice), metadata });
      expect(res.status, JSON.stringify(metadata)).toBe(status);
      expect(JSON.parse(res.body).detail).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(leftovers()).toEqual([]);
  });

  it('says what it supports (OPTIONS)', async () => {
    const res = await alice.inject({ method: 'OPTIONS', url: '/api/uploads' });
    expect(res.statusCode).toBe(204);
    expect(res.headers).toMatchObject({ 'tus-version': '1.0.0', 'tus-max-size': String(2 * 1024 ** 3) });
    expect(res.headers['tus-extension']).toContain('creation');
  });

  it('needs a session (401) and the CSRF token (403)', async () => {
    const anonymous = await runTus(s.endpoint, pdfLike(1000), {});
    expect(anonymous.status).toBe(401);
    const noCsrf = await runTus(s.endpoint, pdfLike(1000), { cookie: alice.cookie!, csrf: null });
    expect(noCsrf.status).toBe(403);
    expect(JSON.parse(noCsrf.body).code).toBe('CSRF_FAILED');
    expect(leftovers()).toEqual([]);
  });

  it("lets nobody else continue, inspect or delete someone's upload", async () => {
    const bytes = pdfLike(1024 * 1024);
    const started = await runTus(s.endpoint, bytes, { ...as(alice), stopAfter: 256 * 1024 });
    const url = new URL(started.url!).pathname;
    const tusHeaders = { 'tus-resumable': '1.0.0' };
    expect((await bob.inject({ method: 'HEAD', url, headers: tusHeaders })).statusCode).toBe(403);
    const patch = await bob.inject({
      method: 'PATCH',
      url,
      headers: { ...tusHeaders, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: Buffer.from('x'),
    });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().detail).toBe('这是其他用户的上传，您不能继续或删除它');
    expect((await bob.inject({ method: 'DELETE', url, headers: tusHeaders })).statusCode).toBe(403);
    // tus-js-client, refused on its HEAD, starts a fresh upload of its own instead.
    const statuses: number[] = [];
    const resumed = await runTus(s.endpoint, bytes, {
      cookie: bob.cookie!,
      csrf: bob.csrf!,
      uploadUrl: started.url,
      onAfterResponse: (_req, res) => void statuses.push(res.getStatus()),
    });
    expect(statuses[0]).toBe(403);
    expect(resumed.url).not.toBe(started.url);
    // The owner can still cancel it; the bytes go.
    expect((await alice.inject({ method: 'DELETE', url, headers: tusHeaders })).statusCode).toBe(204);
    expect(leftovers()).toEqual([]);
  });

  it('expires unfinished uploads and sweeps their bytes away', async () => {
    const bytes = pdfLike(1024 * 1024);
    const started = await runTus(s.endpoint, bytes, { ...as(alice), stopAfter: 256 * 1024 });
    const url = new URL(started.url!).pathname;
    const stale = await runTus(s.endpoint, bytes, { ...as(alice), stopAfter: 256 * 1024 });
    expect(leftovers().length).toBe(4); // two uploads, data + .json each

    s.t.clock.advance(47 * 3600_000);
    const store = createUploadStore(s.t.deps);
    expect(await sweepExpiredUploads(s.t.deps, store)).toBe(0);
    s.t.clock.advance(2 * 3600_000);
    // Touched after expiry: refused as gone, its bytes removed at once.
    const later = await s.t.login('alice'); // the old session has expired too
    const head = await later.inject({ method: 'HEAD', url, headers: { 'tus-resumable': '1.0.0' } });
    expect(head.statusCode).toBe(410);
    expect(head.headers['content-type']).toMatch(/problem\+json/);
    // Never touched again: the sweep removes it.
    expect(await sweepExpiredUploads(s.t.deps, store)).toBe(1);
    expect(leftovers()).toEqual([]);
    const rows = await s.t.db
      .selectFrom('upload_sessions')
      .select('id')
      .where('status', '!=', 'complete')
      .execute();
    expect(rows).toEqual([]);
    expect(stale.url).not.toBe(started.url);
  });

  it('starts the final checks again when the process that ran them died', async () => {
    const bytes = pdfLike(300 * 1024);
    const me = as(await s.t.login('alice')); // the clock has moved past the earlier session
    const started = await runTus(s.endpoint, bytes, { ...me, stopAfter: 256 * 1024 });
    const url = new URL(started.url!).pathname;
    const id = url.split('/').pop()!;
    // As a crash in the middle of the checks leaves it.
    await s.t.db.updateTable('upload_sessions').set({ status: 'finishing' }).where('id', '=', id).execute();
    const resumed = await runTus(s.endpoint, bytes, { ...me, uploadUrl: started.url });
    expect(resumed.error).toBeNull();
    const { sha256: stored } = JSON.parse(resumed.body) as { sha256: string };
    expect(stored).toBe(sha256(bytes));
  });

  it('gives other modules the stored bytes: positional reads, ranges, a local path, deletion', async () => {
    const bytes = pdfLike(200_000);
    const res = await runTus(s.endpoint, bytes, { ...as(await s.t.login('alice')) });
    const { fileId } = JSON.parse(res.body) as { fileId: string };
    const file = await s.t.db
      .selectFrom('stored_files')
      .selectAll()
      .where('id', '=', fileId)
      .executeTakeFirstOrThrow();

    const source = await openStoredFile(s.t.deps, file);
    expect(source.size).toBe(bytes.length);
    expect(await source.read(150_000, 16)).toEqual(bytes.subarray(150_000, 150_016));
    await source.close?.();
    const chunks: Buffer[] = [];
    for await (const c of storedFileStream(s.t.deps, file, { start: 100, end: 199 }))
      chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes.subarray(100, 200));
    const copy = await localCopy(s.t.deps, file);
    expect(sha256(fs.readFileSync(copy.path))).toBe(sha256(bytes));
    await copy.cleanup();

    const onDisk = path.join(s.dataDir, 'files', file.storage_key);
    await deleteStoredFile(s.t.deps, file);
    expect(fs.existsSync(onDisk)).toBe(false);
    expect(await s.t.db.selectFrom('stored_files').select('id').where('id', '=', fileId).execute()).toEqual(
      [],
    );
  });
});
