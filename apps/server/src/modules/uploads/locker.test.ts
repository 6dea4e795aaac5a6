import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Client } from '../../test/harness.ts';
import { listeningApp, pdfLike, runTus, sha256 } from './test-support.ts';
import { testPurpose } from './test-purpose.ts';
import { createUploadStore, uploadsDir } from './store.ts';
import { sweepExpiredUploads } from './sweep.ts';
import { sql } from 'kysely';

/**
 * Two app instances on one database and one upload folder (as on a shared disk; with S3 the bucket
 * plays that part): a client whose PATCH to instance A stalls retries on instance B. B must not
 * work on the upload while A still holds it, and A must give it up when B asks.
 */
let a: Awaited<ReturnType<typeof listeningApp>>;
let b: FastifyInstance;
let bOrigin: string;
let user: Client;

beforeAll(async () => {
  a = await listeningApp();
  b = await buildApp({ ...a.t.deps, dbKind: a.t.kind, extraUploadPurposes: [testPurpose] });
  bOrigin = await b.listen({ host: '127.0.0.1', port: 0 });
  const org = await a.t.factories.org();
  await a.t.factories.user([{ role: 'member', org }], { username: 'lockuser' });
  user = await a.t.login('lockuser');
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const tusHeaders = () => ({ cookie: user.cookie!, 'x-csrf-token': user.csrf!, 'tus-resumable': '1.0.0' });

describe('uploads across instances', () => {
  it('makes a stalled PATCH on one instance give way to the same upload on another', async () => {
    const bytes = pdfLike(512 * 1024);
    const aOrigin = new URL(a.endpoint).origin;
    const created = await fetch(a.endpoint, {
      method: 'POST',
      headers: {
        ...tusHeaders(),
        'upload-length': String(bytes.length),
        'upload-metadata': `purpose ${Buffer.from('test-file').toString('base64')}`,
      },
    });
    expect(created.status).toBe(201);
    const uploadPath = created.headers.get('location')!;
    const id = uploadPath.split('/').pop()!;

    // A PATCH to A that sends 64 KiB of the whole file, then stalls (a phone losing signal).
    const sent = 64 * 1024;
    const stalled = http.request(`${aOrigin}${uploadPath}`, {
      method: 'PATCH',
      headers: {
        ...tusHeaders(),
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'content-length': String(bytes.length),
      },
    });
    const aEnded = new Promise<string>((resolve) => {
      stalled.on('response', (res) => resolve(`response ${res.statusCode}`));
      stalled.on('error', (err) => resolve(`error ${err.message}`));
    });
    stalled.write(bytes.subarray(0, sent));
    const onDisk = path.join(uploadsDir(a.t.deps), id);
    for (let i = 0; i < 100 && (fs.existsSync(onDisk) ? fs.statSync(onDisk).size : 0) < sent; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(fs.statSync(onDisk).size).toBe(sent);

    // The client's retry reaches B: B waits for A to let go, then reports what A stored.
    const head = await fetch(`${bOrigin}${uploadPath}`, { method: 'HEAD', headers: tusHeaders() });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    const outcome = await Promise.race([aEnded, new Promise((r) => setTimeout(() => r('still open'), 3000))]);
    expect(outcome).not.toBe('still open');
    expect(offset).toBe(fs.statSync(onDisk).size);
    stalled.destroy();

    // The rest goes to B, and the file is whole.
    const done = await runTus(a.endpoint, bytes, {
      cookie: user.cookie!,
      csrf: user.csrf!,
      uploadUrl: `${bOrigin}${uploadPath}`,
    });
    expect(done.error).toBeNull();
    expect(done.status).toBe(200);
    const { sha256: stored } = JSON.parse(done.body) as { sha256: string };
    expect(stored).toBe(sha256(bytes));
    expect(await a.t.db.selectFrom('upload_locks').selectAll().execute()).toEqual([]);
  });

  it('sweeps away the lock of a process that died holding it, and keeps live ones', async () => {
    await a.t.db
      .insertInto('upload_locks')
      .values([
        { upload_id: 'died', holder: 'gone:1', lock_until: sql<Date>`now() - interval '2 hours'` },
        { upload_id: 'live', holder: 'here:1', lock_until: sql<Date>`now() + interval '10 seconds'` },
      ])
      .execute();
    const store = createUploadStore(a.t.deps);
    await sweepExpiredUploads(a.t.deps, store);
    await store.close();
    const left = await a.t.db.selectFrom('upload_locks').select('upload_id').execute();
    expect(left.map((r) => r.upload_id)).toEqual(['live']);
    await a.t.db.deleteFrom('upload_locks').execute();
  });
});
