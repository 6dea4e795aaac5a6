#!/usr/bin/env node
// `npm start`: build the web app and compile the server when their sources changed, then run the
// compiled server in this very process (no TypeScript compiler at run time, no child process).
// `node scripts/start.mjs worker` does the same for the background-job worker (no web build).
// Configuration comes from the environment (see README: PORT, DATA_DIR, DATABASE_URL …).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bin, missingToolsMessage, webBuildIsStale, webDir, webDist } from './lib.mjs';
import { buildServer, serverBuildIsStale, serverDist } from './build-server.mjs';

const entry = process.argv[2] === 'worker' ? 'worker' : 'main';

const problem = missingToolsMessage();
if (problem) {
  console.error(problem);
  process.exit(1);
}

// WEB_DIST_DIR means the web app was built elsewhere (e.g. in a deployment pipeline): use it as is.
if (entry === 'main' && !process.env.WEB_DIST_DIR && webBuildIsStale()) {
  console.log('正在构建前端…');
  const build = spawnSync(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('前端构建失败，请查看上面的错误信息。');
    process.exit(build.status ?? 1);
  }
  console.log('前端构建完成。');
}
if (serverBuildIsStale()) {
  console.log('正在编译服务端…');
  try {
    await buildServer();
  } catch (err) {
    console.error(`服务端编译失败：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

process.env.WEB_DIST_DIR ??= webDist;
await import(pathToFileURL(path.join(serverDist, `${entry}.js`)).href);
