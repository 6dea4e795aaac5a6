import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTranscode } from '../modules/media/assets-service.ts';
import { makeTestVideo } from '../modules/media/test-media.ts';
import { createJobRunner } from '../modules/jobs/runner.ts';
import { jobHandlers } from '../modules/jobs/handlers.ts';
import { freePort } from '../modules/uploads/s3rver.test-support.ts';
import { localFilePath } from '../modules/uploads/stored-files.ts';
import { listeningApp, pdfLike, runTus, sha256, tempDir } from '../modules/uploads/test-support.ts';
import type { Client } from './harness.ts';

/**
 * The nginx settings of docs/DEPLOYMENT.md (upload size, request buffering off, timeouts, forwarded
 * headers, the media location) with Debian's nginx in front of a test app: a resumable upload
 * interrupted and resumed, and HLS playback with a Range request, all through nginx. Plain HTTP:
 * TLS is nginx's own business and needs no test here.
 */
const nginxBin = ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((p) => fs.existsSync(p)) ?? null;
const title = nginxBin
  ? 'through nginx in front of the app'
  : 'through nginx (skipped: nginx is not installed — apt-get install nginx-light)';

function nginxConfig(dir: string, listen: number, upstream: string) {
  const root = process.getuid?.() === 0;
  return `
${root ? 'user root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream jiangtai { server ${upstream}; keepalive 4; }
  server {
    listen 127.0.0.1:${listen};
    client_max_body_size 2g;
    proxy_request_buffering off;
    client_body_timeout 300s;
    proxy_send_timeout 600s;
    proxy_read_timeout 600s;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    location / { proxy_pass http://jiangtai; }
    location /api/media/ {
      proxy_pass http://jiangtai;
      proxy_buffering on;
      proxy_max_temp_file_size 0;
    }
  }
}
`;
}

let s: Awaited<ReturnType<typeof listeningApp>>;
let nginx: ChildProcess & { exited?: Promise<void> };
let nginxDir: string;
let origin: string;
let admin: Client;

beforeAll(async () => {
  if (!nginxBin) return;
  s = await listeningApp();
  const root = await s.t.factories.org({ name: '代理测试市委', type: 'committee' });
  await s.t.factories.user([{ role: 'platform_admin', org: root }], { username: 'proxy_admin' });
  admin = await s.t.login('proxy_admin');

  nginxDir = tempDir('jt-nginx-');
  const port = await freePort();
  const conf = path.join(nginxDir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(nginxDir, port, new URL(s.endpoint).host));
  const check = spawnSync(nginxBin, ['-t', '-p', nginxDir, '-c', conf], { encoding: 'utf8' });
  expect(check.status, check.stderr).toBe(0);
  nginx = spawn(nginxBin, ['-p', nginxDir, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
  nginx.exited = new Promise((resolve) => nginx.on('exit', () => resolve()));
  origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await accepts(port)); i++) await new Promise((r) => setTimeout(r, 50));
});

afterAll(async () => {
  if (nginx) {
    nginx.kill('SIGTERM');
    await nginx.exited;
  }
  if (nginxDir) fs.rmSync(nginxDir, { recursive: true, force: true });
  await s?.close();
});

function accepts(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

describe.skipIf(!nginxBin)(title, () => {
  it('carries a resumable upload with chunks above nginx’s default body limit, interrupted and resumed', async () => {
    const bytes = pdfLike(3 * 1024 * 1024 + 77);
    const auth = { cookie: admin.cookie!, csrf: admin.csrf!, chunkSize: 2 * 1024 * 1024 };
    const first = await runTus(`${origin}/api/uploads`, bytes, { ...auth, stopAfter: 2 * 1024 * 1024 });
    expect(first.error).toBeNull();
    // The upload's address is relative, so it stays on nginx's side.
    expect(first.url!.startsWith(`${origin}/api/uploads/`)).toBe(true);
    const rest = await runTus(`${origin}/api/uploads`, bytes, { ...auth, uploadUrl: first.url });
    expect(rest.error).toBeNull();
    expect(rest.status).toBe(200);
    expect((JSON.parse(rest.body) as { sha256: string }).sha256).toBe(sha256(bytes));
  });

  it('plays HLS through nginx: playlists, a segment by Range, the app’s cache headers', async () => {
    // A stored video (the upload itself is the test above; the test purpose's answer holds raw bytes).
    const video = fs.readFileSync(await makeTestVideo({ seconds: 2 }));
    const key = 'nginx/lecture.mp4';
    fs.mkdirSync(path.dirname(localFilePath(s.t.deps, key)), { recursive: true });
    fs.writeFileSync(localFilePath(s.t.deps, key), video);
    const { id: fileId } = await s.t.db
      .insertInto('stored_files')
      .values({
        detected_type: 'mp4',
        mime: 'video/mp4',
        size_bytes: video.length,
        sha256: sha256(video),
        original_name: 'lecture.mp4',
        storage: 'local',
        storage_key: key,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueTranscode(s.t.db, { fileId, orgPath: null, now: s.t.clock.now() });
    expect(await createJobRunner(s.t.deps, jobHandlers(s.t.deps)).drain()).toBe(1);

    const get = (name: string, headers: Record<string, string> = {}) =>
      fetch(`${origin}/api/media/${fileId}/hls/${name}`, { headers: { cookie: admin.cookie!, ...headers } });
    const master = await get('master.m3u8');
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(master.headers.get('cache-control')).toBe('private, max-age=60');
    expect(await master.text()).toContain('src.m3u8');
    const playlist = await (await get('src.m3u8')).text();
    const segment = playlist.split('\n').find((l) => l.endsWith('.ts'))!;
    const part = await get(segment, { range: 'bytes=188-375' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toMatch(/^bytes 188-375\/\d+$/);
    expect(part.headers.get('cache-control')).toBe('private, max-age=86400');
    const body = Buffer.from(await part.arrayBuffer());
    expect(body.length).toBe(188);
    expect(body[0]).toBe(0x47); // MPEG-TS sync byte
    // Without the session cookie nginx passes the refusal on: nothing is cached for anyone.
    expect((await fetch(`${origin}/api/media/${fileId}/hls/${segment}`)).status).toBe(401);
  });
});
