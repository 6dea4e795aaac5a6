#!/usr/bin/env node
// `npm run dev`: the API server restarting on change (tsx watch, port 3000) and the Vite dev server
// (http://localhost:5173, proxies /api to the server) side by side, output prefixed by source.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import path from 'node:path';
import { bin, missingToolsMessage, root, webDir } from './lib.mjs';

const problem = missingToolsMessage();
if (problem) {
  console.error(problem);
  process.exit(1);
}

const colour = (code, text) => (process.stdout.isTTY ? `\x1b[${code}m${text}\x1b[0m` : text);
// Children write to pipes, so they would drop colours; keep them when we are on a terminal.
const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : { ...process.env, NO_COLOR: '1' };

const processes = [
  {
    name: colour(36, '[server]'),
    child: spawn(
      bin('tsx'),
      ['watch', '--clear-screen=false', path.join('apps', 'server', 'src', 'main.ts')],
      {
        cwd: root,
        env: { ...env, NODE_ENV: process.env.NODE_ENV ?? 'development' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  },
  {
    name: colour(35, '[web]   '),
    child: spawn(bin('vite'), ['--clearScreen', 'false'], {
      cwd: webDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  },
];

let stopping = false;
function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  for (const { child } of processes) if (child.exitCode === null) child.kill(signal);
}

for (const { name, child } of processes) {
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    readline.createInterface({ input: stream }).on('line', (line) => out.write(`${name} ${line}\n`));
  }
  child.on('error', (err) => {
    console.error(`${name} 无法启动：${err.message}`);
    stopAll('SIGTERM');
  });
  // One side ending (crash or Ctrl-C) ends the other, so nothing is left running in the background.
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${name} 已退出（${signal ?? `退出码 ${code}`}），正在停止另一个进程…`);
    stopAll('SIGTERM');
    if (processes.every((p) => p.child.exitCode !== null || p.child.signalCode !== null))
      process.exit(code ?? 0);
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll('SIGTERM'));
