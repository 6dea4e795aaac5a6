// Small helpers shared by the root scripts (start, dev, test). Plain Node, no dependencies.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = (name) => path.join(root, 'node_modules', '.bin', name);
export const webDir = path.join(root, 'apps', 'web');
export const webDist = path.join(webDir, 'dist');

/** Newest modification time (ms) of the files under `paths`; 0 when none exist. */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      if (path.basename(p) === 'node_modules') return;
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  paths.forEach(visit);
  return newest;
}

/** Inputs of the web build: its sources and config, and the contracts package it imports. */
export const webInputs = [
  path.join(webDir, 'src'),
  path.join(webDir, 'public'),
  path.join(webDir, 'index.html'),
  path.join(webDir, 'vite.config.ts'),
  path.join(webDir, 'package.json'),
  path.join(root, 'packages', 'contracts', 'src'),
];

/** True when apps/web/dist is missing or older than any input of the web build. */
export function webBuildIsStale() {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) return true;
  return fs.statSync(index).mtimeMs < newestMtime(webInputs);
}

/**
 * Checks that the tools npm installed actually run. npm 11 can skip dependencies' install
 * scripts; esbuild (used by tsx) then lacks its platform binary and fails on first use.
 */
export function missingToolsMessage() {
  const missing = ['tsx', 'vite'].filter((name) => !fs.existsSync(bin(name)));
  if (missing.length === 0) return null;
  return `找不到 ${missing.join('、')}。请先在项目根目录运行 npm install（或 npm ci）。`;
}
