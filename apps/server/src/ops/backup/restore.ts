import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { knownMigrations, migrate } from '../../db/database.ts';
import { listTables, setSequences } from './catalog.ts';
import { sha256File } from './files.ts';
import { run } from './backup.ts';
import { BACKUP_FORMAT, type BackupManifest } from './manifest.ts';

const BATCH = 1000;

export interface RestoreOptions {
  archive: string;
  db: Kysely<DB>;
  /** Schema of the target on a shared server (tests); the default search path otherwise. */
  schema?: string;
  /** The target DATA_DIR: the archive's files go here. */
  dataDir: string;
  log?: (line: string) => void;
}

export class RestoreError extends Error {}

async function* ndjsonBatches(file: string): AsyncIterable<string[]> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  let batch: string[] = [];
  for await (const line of lines) {
    if (!line) continue;
    batch.push(line);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function primaryKey(tx: Transaction<DB>, table: string): Promise<string[]> {
  const r = await sql<{ column: string }>`
    SELECT a.attname AS column FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
    WHERE i.indrelid = ${sql.lit(table)}::regclass AND i.indisprimary`.execute(tx);
  return r.rows.map((x) => x.column);
}

/** Refuses a target that already holds tables: a restore never mixes with or overwrites data. */
async function assertEmptyTarget(db: Kysely<DB>, dataDir: string) {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = current_schema()`.execute(db);
  if (r.rows[0]!.n > 0)
    throw new RestoreError(
      '目标数据库不是空的：恢复只写入空数据库。请新建一个空数据库（或换一个空的 DATA_DIR）后再恢复',
    );
  for (const dir of ['files', 'media', 'previews'])
    if (fs.existsSync(path.join(dataDir, dir)) && fs.readdirSync(path.join(dataDir, dir)).length)
      throw new RestoreError(`目标数据目录的 ${dir}/ 中已有文件：请换一个空的 DATA_DIR 后再恢复`);
}

async function verifyParts(dir: string, m: BackupManifest) {
  for (const t of m.tables)
    if ((await sha256File(path.join(dir, 'db', t.file))) !== t.sha256)
      throw new RestoreError(`备份已损坏：数据表 ${t.name} 的校验值不符，未做任何恢复`);
  for (const f of m.files) {
    const abs = path.join(dir, f.path);
    if (!fs.existsSync(abs) || (await sha256File(abs)) !== f.sha256)
      throw new RestoreError(`备份已损坏：文件 ${f.path} 缺失或校验值不符，未做任何恢复`);
  }
}

async function loadTable(
  tx: Transaction<DB>,
  dir: string,
  t: BackupManifest['tables'][number],
  columns: string[],
  selfRef: string[],
) {
  const file = path.join(dir, 'db', t.file);
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  const values = sql.join(columns.map((c) => (selfRef.includes(c) ? sql`NULL` : sql.ref(c))));
  let count = 0;
  for await (const batch of ndjsonBatches(file)) {
    await sql`INSERT INTO ${sql.table(t.name)} (${cols}) OVERRIDING SYSTEM VALUE
      SELECT ${values} FROM json_populate_recordset(NULL::${sql.table(t.name)}, ${`[${batch.join(',')}]`}::json)`.execute(
      tx,
    );
    count += batch.length;
  }
  // References within the table (a parent org) are set once every row exists.
  if (selfRef.length) {
    const pk = await primaryKey(tx, t.name);
    const sets = sql.join(selfRef.map((c) => sql`${sql.ref(c)} = src.${sql.ref(c)}`));
    const match = sql.join(
      pk.map((c) => sql`${sql.table(t.name)}.${sql.ref(c)} = src.${sql.ref(c)}`),
      sql` AND `,
    );
    for await (const batch of ndjsonBatches(file))
      await sql`UPDATE ${sql.table(t.name)} SET ${sets}
        FROM json_populate_recordset(NULL::${sql.table(t.name)}, ${`[${batch.join(',')}]`}::json) AS src
        WHERE ${match}`.execute(tx);
  }
  if (count !== t.rows) throw new RestoreError(`数据表 ${t.name} 恢复了 ${count} 行，备份中是 ${t.rows} 行`);
}

/**
 * Restores an archive made by createBackup into an empty database and data directory: checks every
 * hash first (a damaged archive changes nothing), rebuilds the schema at the backup's migration
 * level, loads every table in one transaction with the tables' own triggers paused (the rows are
 * copied as they were, derived counts included), puts each sequence where it was, migrates forward
 * to this release, and moves the files into place.
 */
export async function restoreBackup(o: RestoreOptions): Promise<BackupManifest> {
  const log = o.log ?? (() => {});
  if (!fs.existsSync(o.archive)) throw new RestoreError(`找不到备份文件：${o.archive}`);
  await assertEmptyTarget(o.db, o.dataDir);
  fs.mkdirSync(o.dataDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(o.dataDir, '.restore-'));
  try {
    log('正在解开备份文件…');
    await run('tar', ['-xf', o.archive, '-C', dir]);
    const manifestFile = path.join(dir, 'manifest.json');
    if (!fs.existsSync(manifestFile)) throw new RestoreError('这不是讲台的备份文件（缺少 manifest.json）');
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
    if (m.format !== BACKUP_FORMAT) throw new RestoreError(`无法识别的备份格式：${String(m.format)}`);
    const known = new Set(knownMigrations());
    const unknown = m.migrations.filter((x) => !known.has(x));
    if (unknown.length)
      throw new RestoreError(
        `备份来自更新的版本（${m.appVersion}，含本版本没有的数据库迁移 ${unknown.join('、')}）：请先升级讲台再恢复`,
      );
    log('正在校验备份内容…');
    await verifyParts(dir, m);

    log('正在建立数据库结构…');
    await migrate(o.db, o.schema, m.migrations.at(-1));
    log('正在写入数据…');
    await o.db.transaction().execute(async (tx) => {
      const tables = new Map((await listTables(tx)).map((t) => [t.name, t]));
      for (const t of m.tables) {
        const info = tables.get(t.name);
        if (!info) throw new RestoreError(`备份中的数据表 ${t.name} 在数据库结构中不存在`);
        await sql`ALTER TABLE ${sql.table(t.name)} DISABLE TRIGGER USER`.execute(tx);
        await loadTable(tx, dir, t, info.columns, info.selfRefColumns);
        await sql`ALTER TABLE ${sql.table(t.name)} ENABLE TRIGGER USER`.execute(tx);
        log(`  ${t.name}：${t.rows} 行`);
      }
      await setSequences(tx, m.sequences);
    });
    await migrate(o.db, o.schema);

    log(`正在放回文件（${m.files.length} 个）…`);
    for (const f of m.files) {
      const target = path.join(o.dataDir, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(path.join(dir, f.path), target);
    }
    return m;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
