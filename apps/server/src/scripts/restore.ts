import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { restoreBackup } from '../ops/backup/restore.ts';

/**
 * `npm run restore -- 备份文件.tar`: restores a backup into an empty data directory (DATA_DIR) or an
 * empty PostgreSQL database (DATABASE_URL). Checks every hash first; refuses a target that holds data.
 * A backup of the embedded database restores into PostgreSQL too (the way to move up).
 */
async function main() {
  const archive = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!archive) {
    console.error(
      '用法：npm run restore -- <备份文件.tar>（恢复到 DATA_DIR 或 DATABASE_URL 指定的空数据库）',
    );
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    const m = await restoreBackup({
      archive: path.resolve(archive),
      db: database.db,
      dataDir: config.dataDir,
      log: (line) => console.log(line),
    });
    console.log(
      `恢复完成：${m.createdAt} 的备份（版本 ${m.appVersion}），${m.tables.length} 张数据表，${m.files.length} 个文件。` +
        `\n现在可以启动讲台（npm start）。`,
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(`恢复失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
