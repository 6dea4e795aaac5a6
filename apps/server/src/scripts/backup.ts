import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { systemClock } from '../lib/clock.ts';
import { createBackup } from '../ops/backup/backup.ts';
import { backupThroughServer, isLockedByServer } from '../ops/backup/ops-channel.ts';

/**
 * `npm run backup [-- --out 目录]`: one consistent backup of the database and the stored files into
 * a dated archive (default folder ./backups, or BACKUP_DIR). With the embedded database and the server
 * running, the server makes it (it alone may open the database); otherwise this process does.
 */
async function main() {
  const config = loadConfig();
  const at = process.argv.indexOf('--out');
  const outDir = path.resolve(at > 0 ? process.argv[at + 1]! : (process.env.BACKUP_DIR ?? './backups'));
  const log = (line: string) => console.log(line);
  if (!config.DATABASE_URL && isLockedByServer(config.dataDir)) {
    log('内置数据库正由运行中的讲台服务使用，改由该服务生成备份（备份期间其他请求会短暂等待）…');
    const out = await backupThroughServer(config.dataDir, outDir);
    log(`备份完成：${out.archive}`);
    return;
  }
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    const out = await createBackup({
      db: database.db,
      dbKind: database.kind,
      dataDir: config.dataDir,
      outDir,
      now: systemClock.now(),
      log,
    });
    const rows = out.manifest.tables.reduce((n, t) => n + t.rows, 0);
    log(`备份完成：${out.archive}`);
    log(
      `  ${out.manifest.tables.length} 张数据表共 ${rows} 行，${out.manifest.files.length} 个文件` +
        (out.manifest.objects.length
          ? `；对象存储中的 ${out.manifest.objects.length} 个文件已列入清单（不复制，由存储桶保存）`
          : ''),
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(`备份失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
