#!/usr/bin/env node
// `npm start`: build the web app when its sources changed, then run the server in the foreground.
// Configuration comes from the environment (see README: PORT, DATA_DIR, DATABASE_URL …).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { bin, missingToolsMessage, root, webBuildIsStale, webDir, webDist } from './lib.mjs';

const problem = missingToolsMessage();
if (problem) {
  console.error(problem);
  process.exit(1);
}

// WEB_DIST_DIR means the web app was built elsewhere (e.g. in a deployment pipeline): use it as is.
if (!process.env.WEB_DIST_DIR && webBuildIsStale()) {
  console.log('正在构建前端…');
  const build = spawnSync(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('前端构建失败，请查看上面的错误信息。');
    process.exit(build.status ?? 1);
  }
  console.log('前端构建完成。');
}

const server = spawn(bin('tsx'), [path.join('apps', 'server', 'src', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, WEB_DIST_DIR: process.env.WEB_DIST_DIR ?? webDist },
});

// Ctrl-C in a terminal already reaches the server (same process group); a signal sent to this
// process alone (kill, a process manager) is passed on. Either way the server shuts down once.
let forwarded = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (forwarded || server.exitCode !== null) return;
    forwarded = true;
    server.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
  });
}

server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
server.on('error', (err) => {
  console.error(`无法启动服务器：${err.message}`);
  process.exit(1);
});
