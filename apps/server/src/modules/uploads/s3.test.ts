import fs from 'node:fs';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../test/harness.ts';
import { s3Client } from './s3.ts';
import { localCopy, openStoredFile, storedFileStream } from './stored-files.ts';
import { startS3rver } from './s3rver.test-support.ts';
import { listeningApp, pdfLike, runTus, sha256, tempDir } from './test-support.ts';

const BUCKET = 'jiangtai-test';
let s3dir: string;
let s3: Awaited<ReturnType<typeof startS3rver>>;
let s: Awaited<ReturnType<typeof listeningApp>>;
let alice: Client;

beforeAll(async () => {
  s3dir = tempDir('jt-s3rver-');
  s3 = await startS3rver(s3dir, BUCKET);
  s = await listeningApp({
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
  });
  const org = await s.t.factories.org();
  await s.t.factories.user([{ role: 'member', org }], { username: 's3user' });
  alice = await s.t.login('s3user');
});
afterAll(async () => {
  await s?.close();
  await s3?.close();
  fs.rmSync(s3dir, { recursive: true, force: true });
});

describe('uploads to S3-compatible storage', () => {
  it('stores a resumed multi-part upload as one object under its final key', async () => {
    // More than one 8 MiB part, paused after the first part and resumed.
    const bytes = pdfLike(9 * 1024 * 1024 + 123);
    const auth = { cookie: alice.cookie!, csrf: alice.csrf! };
    const first = await runTus(s.endpoint, bytes, {
      ...auth,
      chunkSize: 4 * 1024 * 1024,
      stopAfter: 4 * 1024 * 1024,
    });
    expect(first.error).toBeNull();
    const res = await runTus(s.endpoint, bytes, {
      ...auth,
      chunkSize: 4 * 1024 * 1024,
      uploadUrl: first.url,
    });
    expect(res.error).toBeNull();
    expect(res.status).toBe(200);
    const { fileId, head, local } = JSON.parse(res.body) as { fileId: string; head: string; local: boolean };
    expect(head).toBe('%PDF-');
    expect(local).toBe(false);

    const file = await s.t.db
      .selectFrom('stored_files')
      .selectAll()
      .where('id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ storage: 's3', detected_type: 'pdf', sha256: sha256(bytes) });
    expect(file.storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}$/);

    const { client } = s3Client(s.t.deps.config);
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: file.storage_key }));
    expect(sha256(Buffer.from(await object.Body!.transformToByteArray()))).toBe(sha256(bytes));
    // The tus object and its .info are gone: only the final object remains.
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual([file.storage_key]);

    // The helpers other modules use read the same bytes.
    const source = await openStoredFile(s.t.deps, file);
    expect(await source.read(bytes.length - 10, 10)).toEqual(bytes.subarray(bytes.length - 10));
    const chunks: Buffer[] = [];
    for await (const c of storedFileStream(s.t.deps, file, { start: 5, end: 14 })) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes.subarray(5, 15));
    const copy = await localCopy(s.t.deps, file);
    expect(sha256(fs.readFileSync(copy.path))).toBe(sha256(bytes));
    await copy.cleanup();
    expect(fs.existsSync(copy.path)).toBe(false);
  });

  it('deletes a refused upload from the bucket', async () => {
    const res = await runTus(s.endpoint, Buffer.from('plain text is not a pdf'.repeat(100)), {
      cookie: alice.cookie!,
      csrf: alice.csrf!,
    });
    expect(res.status).toBe(422);
    const id = new URL(res.url!).pathname.split('/').pop()!;
    const { client } = s3Client(s.t.deps.config);
    await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: id }))).rejects.toThrow();
    await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${id}.info` }))).rejects.toThrow();
  });
});
