import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { beijingClock, beijingDate } from '@jiangtai/contracts';
import type { DB } from '../../db/types.ts';
import { APP_VERSION } from '../../lib/version.ts';
import { dumpDatabase } from './dump.ts';
import { collectFiles } from './files.ts';
import { BACKUP_FORMAT, type BackupManifest } from './manifest.ts';

export interface BackupOptions {
  db: Kysely<DB>;
  dbKind: 'pglite' | 'postgres';
  dataDir: string;
  /** Folder the archive is written to (made if missing). */
  outDir: string;
  now: Date;
  log?: (line: string) => void;
}

/** 20261206-103000: Beijing time, as the people who keep the archives read it. */
function stamp(now: Date) {
  // Beijing is a whole number of hours from UTC, so the seconds are the same on both clocks.
  const seconds = String(now.getUTCSeconds()).padStart(2, '0');
  return `${beijingDate(now).replaceAll('-', '')}-${beijingClock(now).replace(':', '')}${seconds}`;
}

export function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} 失败（退出码 ${code}）：${err.trim()}`)),
    );
  });
}

/**
 * One consistent backup: the database (every table, read in one snapshot), the files it refers to
 * and the derived artefacts, in `jiangtai-backup-<北京时间>.tar` with manifest.json listing the
 * SHA-256 of every part. Written beside as *.partial and renamed when complete, so an archive that
 * exists is whole.
 */
export async function createBackup(o: BackupOptions): Promise<{ archive: string; manifest: BackupManifest }> {
  const log = o.log ?? (() => {});
  const name = `jiangtai-backup-${stamp(o.now)}`;
  fs.mkdirSync(o.outDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(o.outDir, `.${name}-`));
  try {
    log('正在导出数据库（一致性快照）…');
    const dump = await dumpDatabase(o.db, path.join(staging, 'db'), async (tx) => {
      const stored = await tx
        .selectFrom('stored_files')
        .select(['storage', 'storage_key', 'size_bytes', 'sha256'])
        .execute();
      const rounds = await sql<{ id: string; chain_head: string; score_count: number }>`
        SELECT id::text, chain_head, score_count FROM review_rounds ORDER BY id`.execute(tx);
      return { stored, rounds: rounds.rows };
    });
    const local = dump.extra.stored.filter((f) => f.storage === 'local').map((f) => f.storage_key);
    log(`正在校验文件（${local.length} 个上传文件及转码、预览结果）…`);
    const files = await collectFiles(o.dataDir, local);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: o.now.toISOString(),
      appVersion: APP_VERSION,
      database: o.dbKind,
      migrations: dump.migrations,
      tables: dump.tables,
      sequences: dump.sequences,
      files,
      objects: dump.extra.stored
        .filter((f) => f.storage === 's3')
        .map((f) => ({ key: f.storage_key, size: Number(f.size_bytes), sha256: f.sha256 })),
      chainHeads: dump.extra.rounds.map((r) => ({ roundId: r.id, head: r.chain_head, count: r.score_count })),
    };
    fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const list = path.join(staging, 'files.list');
    fs.writeFileSync(list, files.map((f) => `${f.path}\0`).join(''));
    const archive = path.join(o.outDir, `${name}.tar`);
    log('正在写入备份文件…');
    await run('tar', [
      '-cf',
      `${archive}.partial`,
      '-C',
      staging,
      'manifest.json',
      'db',
      '-C',
      path.resolve(o.dataDir),
      '--null',
      '-T',
      list,
    ]);
    fs.renameSync(`${archive}.partial`, archive);
    return { archive, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
