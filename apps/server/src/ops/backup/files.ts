import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface FileEntry {
  /** Path relative to DATA_DIR, with forward slashes. */
  path: string;
  size: number;
  sha256: string;
}

/**
 * What a backup never carries: the database files themselves, unfinished uploads, scratch space, and
 * secrets (the key of the initial passwords: a backup that leaks must not let anyone sign in with the
 * slips; after a restore onto a new machine, unactivated accounts get new slips).
 */
const NOT_BACKED_UP = new Set([
  'pglite',
  'uploads',
  'tmp',
  'backups',
  'jiangtai.lock',
  'ops.json',
  'secrets',
]);

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

function walk(root: string, rel: string, out: string[]) {
  for (const d of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) walk(root, child, out);
    else if (d.isFile()) out.push(child);
  }
}

/**
 * The files of a backup: the stored uploads the database snapshot refers to (files/…, so a file that
 * arrives during the backup is not half-included) and every derived artefact folder (media/…,
 * previews/… and any folder a later feature adds), each hashed so the restore can prove it intact.
 */
export async function collectFiles(dataDir: string, storedKeys: string[]): Promise<FileEntry[]> {
  const rels: string[] = storedKeys.map((k) => `files/${k}`);
  if (fs.existsSync(dataDir)) {
    for (const d of fs.readdirSync(dataDir, { withFileTypes: true })) {
      if (!d.isDirectory() || NOT_BACKED_UP.has(d.name) || d.name === 'files' || d.name.startsWith('.'))
        continue;
      walk(dataDir, d.name, rels);
    }
  }
  const out: FileEntry[] = [];
  for (const rel of rels) {
    const abs = path.join(dataDir, rel);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) {
      // A derived artefact may be replaced while we walk (a preview made again); a stored upload may not.
      if (!rel.startsWith('files/')) continue;
      throw new Error(`数据库记录的文件不存在：${rel}。请先检查数据目录是否完整，再备份`);
    }
    out.push({ path: rel, size: stat.size, sha256: await sha256File(abs) });
  }
  return out;
}
