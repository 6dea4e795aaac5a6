#!/usr/bin/env node
// Compiles the server to plain JavaScript (apps/server/dist) so production runs `node` without a
// TypeScript compiler at run time: one bundle per entry point, the workspace's own packages inlined,
// npm dependencies left to node_modules. `npm start` calls it when the sources changed.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { newestMtime, root } from './lib.mjs';

export const serverDir = path.join(root, 'apps', 'server');
export const serverDist = path.join(serverDir, 'dist');
const entries = [
  'main',
  'worker',
  'scripts/seed-demo',
  'scripts/backup',
  'scripts/restore',
  'scripts/admin-create',
];

const serverInputs = [
  path.join(serverDir, 'src'),
  path.join(serverDir, 'package.json'),
  path.join(root, 'packages', 'contracts', 'src'),
  path.join(root, 'scripts', 'build-server.mjs'),
];

/** True when apps/server/dist is missing or older than any of its sources. */
export function serverBuildIsStale() {
  const main = path.join(serverDist, 'main.js');
  if (!fs.existsSync(main)) return true;
  return fs.statSync(main).mtimeMs < newestMtime(serverInputs);
}

export async function buildServer() {
  const { build } = await import('esbuild');
  const pkg = JSON.parse(fs.readFileSync(path.join(serverDir, 'package.json'), 'utf8'));
  const external = Object.keys(pkg.dependencies ?? {}).filter((name) => !name.startsWith('@jiangtai/'));
  fs.rmSync(serverDist, { recursive: true, force: true });
  await build({
    entryPoints: Object.fromEntries(entries.map((e) => [e, path.join(serverDir, 'src', `${e}.ts`)])),
    outdir: serverDist,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    sourcemap: true,
    logLevel: 'warning',
    // Bundled ESM has no `require`; a few dependencies still call it for Node built-ins.
    banner: {
      js: "import { createRequire as __jtRequire } from 'node:module'; const require = __jtRequire(import.meta.url);",
    },
  });
  // The embedded database's thread is started from a file beside the code that opens it
  // (`new URL('./pglite-host.mjs', import.meta.url)`), so each bundle's folder gets a copy.
  const host = path.join(serverDir, 'src', 'db', 'pglite-host.mjs');
  for (const dir of new Set(entries.map((e) => path.dirname(path.join(serverDist, e)))))
    fs.copyFileSync(host, path.join(dir, 'pglite-host.mjs'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildServer();
  console.log('服务端已编译到 apps/server/dist');
}
